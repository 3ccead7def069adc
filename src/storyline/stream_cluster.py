"""Stories from a stream: each arriving document joins the story it is closest to, or starts a new one.

A document is a sparse vector of three kinds of terms, each kind weighted by tf-idf and scaled to unit length
on its own: content words, names (capitalised words inside a sentence whose lower-case form the document
never uses: people, places, organisations) and numbers.  The document frequencies behind the idf are
counted as documents arrive, in a hashed table that doubles as the stream grows.  A story is the sum of its
documents' vectors, cut to its strongest terms.

Assignment: the document's strongest terms look up candidate stories in an inverted index (each term keeps
the stories that used it last, so a lookup costs the same at a thousand stories and at a million); the
candidates that share most of those terms are scored by a logistic model over the three kinds' cosines with
the story, whether both name years and none in common, and how many days lie between the document and the
story; the best one takes the document if its score reaches ``threshold``, else a new story starts.

Repair: every ``repair_every`` documents, each story that changed is compared with its own candidates by the
same model (story against story); a pair at ``merge_threshold`` or more becomes one story, under the older
id, and the younger id redirects (``resolve``).

Cost: what a story is besides its vector (dates, years, the story a merged id joined) lives in arrays indexed
by story id (``storyline.story_facts``) and the postings are arrays of 64-bit ids, so that a document is
scored against all its candidates in a fixed number of numpy operations, with no Python loop over them.

The weights and both thresholds are fitted on the ECB+ train topics by ``python -m bench.fit_stories`` and
ship in ``models/stories.json``.  Hashes are stable across processes, so ``to_bytes``/``from_bytes`` carry
the whole state between runs.
"""

from __future__ import annotations

import functools
import io
import json
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import wordfreq

from storyline.records import Document
from storyline.sketch import Hashes, word_hashes, word_spans
from storyline.story_facts import StoryFacts, YearBits, year_bits
from storyline.text import STOPWORDS

MODEL = Path(__file__).resolve().parent / "models" / "stories.json"
KINDS = ("word", "name", "number")
FEATURES = (*(f"{kind}_cosine" for kind in KINDS), "other_years", "days_apart", "bias")
"""What the logistic model reads for a (document or story, story) pair, in order."""

Floats = npt.NDArray[np.float32]

_KIND_BITS = np.uint64(3)
_WORD, _NAME, _NUMBER = np.uint64(0), np.uint64(1), np.uint64(2)
_PAD = 24  # bytes after the text, for the eight-byte loads of word_hashes
_UPPER = np.zeros(256, dtype=bool)
_UPPER[[*b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = True
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[[*b"0123456789"]] = True
_SENTENCE_BREAK = np.zeros(256, dtype=bool)
_SENTENCE_BREAK[[*b'.!?:;\n"(']] = True
_SENTENCE_BREAK[0x9C] = True  # the last byte of a left double quotation mark (E2 80 9C)
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])\d\b(?<!\w\d{4})")
"""A year 1950-2049 with no word character on either side; the test for the one before comes last, after
the digits, so that the search can skip ahead to a 1 or a 2."""
_SLOT_SHIFT = np.uint64(64 - 15)
"""A term's slot in the table that tells which story terms a vector may share (the top 15 bits of its hash)."""


@dataclass(frozen=True, kw_only=True)
class Parameters:
    """What decides a story: the fitted model and the sizes that bound cost and memory."""

    weights: tuple[float, ...] = (8.0, 6.0, 3.0, -1.5, -0.5, -4.0)
    """One weight per ``FEATURES`` entry."""
    threshold: float = 0.0
    """Score (log-odds) at which a document joins its best candidate story."""
    merge_threshold: float = 1.0
    """Score at which two stories become one in a repair pass."""
    document_terms: int = 100
    """Strongest terms kept of a document."""
    story_terms: int = 160
    """Strongest terms kept of a story."""
    probe_terms: int = 10
    """A document's strongest terms that look up candidate stories, and that index its story."""
    postings: int = 48
    """Stories an index term keeps (the latest)."""
    candidates: int = 16
    """Candidate stories scored per document (those sharing the most probe terms)."""
    repair_every: int = 64
    """Documents between repair passes (0: no repair)."""
    prior_documents: int = 10_000
    """How many documents the background word frequencies count as (0: none), so that rarity means something
    from the first document on; the stream's own counts outweigh them once it is longer."""
    prior_length: int = 400
    """Words of a typical article, to turn a word's frequency in running English into a document frequency."""

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"weights must have {len(FEATURES)} entries ({', '.join(FEATURES)})")
        for name in ("document_terms", "story_terms", "probe_terms", "postings", "candidates", "prior_length"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.prior_documents < 0:
            raise ValueError("prior_documents must be at least 0")

    @classmethod
    def fitted(cls, path: Path = MODEL) -> Parameters:
        """The parameters ``bench.fit_stories`` wrote."""
        return cls.from_dict(json.loads(path.read_text("utf-8"))["parameters"])

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Parameters:
        """Parameters from their ``asdict`` form (lists for tuples); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
        return cls(**values)


@dataclass(slots=True)
class Vector:
    """Sorted term hashes (the kind in the low two bits) and their weights; each kind has unit length in a
    document, and ``norms`` holds each kind's length in a story."""

    terms: Hashes
    weights: Floats
    norms: Floats
    probes: list[int] | None = None  # the strongest terms, once asked for


class StreamClusterer:
    """Online story clustering: ``assign`` one document at a time; ``fit`` a batch in order."""

    def __init__(self, parameters: Parameters | None = None) -> None:
        self.parameters = parameters or Parameters.fitted()
        self._weights = np.asarray(self.parameters.weights, dtype=np.float64)
        self._df = np.zeros(1 << 16, dtype=np.uint32)
        self._documents = 0
        self._stories: dict[int, Vector] = {}
        self._facts = StoryFacts()
        self._next_id = 0
        self._index: dict[int, array[int]] = {}  # term -> story ids, as 64-bit integers (see ``candidates``)
        self._changed: set[int] = set()
        self._shared = np.zeros(1 << (64 - int(_SLOT_SHIFT)), dtype=bool)  # see ``_shared_terms``
        self._prior = background(self.parameters.prior_documents, self.parameters.prior_length)

    # -- configure / fit / assign ----------------------------------------------------------------------

    def fit(self, documents: Sequence[Document]) -> list[list[Document]]:
        """Assign every document in order, repair once more; the documents grouped by story, oldest first."""
        keys = [self.assign(doc) for doc in documents]
        self.repair()
        groups: dict[int, list[Document]] = {}
        for doc, key in zip(documents, keys, strict=True):
            groups.setdefault(self.resolve(key), []).append(doc)
        return list(groups.values())

    def assign(self, doc: Document, into: int | None = None) -> int:
        """The id of the story ``doc`` joins (a new story takes the next unused id); ``into`` puts it into that
        story (or the one it was merged into) without asking the model: a copy goes where its original is."""
        vector, when, years = self.read(doc)
        if into is not None and self.resolve(into) in self._stories:
            return self.place(vector, when, years, self.resolve(into))
        found = self.candidates(vector)
        if found:
            scores = self._features(vector, when, year_bits(years), found) @ self._weights
            best = int(np.argmax(scores))
            if scores[best] >= self.parameters.threshold:
                return self.place(vector, when, years, found[best])
        return self.place(vector, when, years, None)

    def read(self, doc: Document) -> tuple[Vector, int | None, frozenset[int]]:
        """The document's vector (counted into the document frequencies), day and the years it names."""
        return self.vector(doc), _ordinal(doc.published), _years(doc.text)

    def place(self, vector: Vector, when: int | None, years: frozenset[int], story: int | None) -> int:
        """Put a document that ``read`` returned into ``story`` (None: a new one); its story's id."""
        if story is None:
            return self._start(vector, when, years)
        return self._join(story, vector, when, years)

    def resolve(self, story: int) -> int:
        """The id a story goes by now (stories merged in a repair redirect to the one they joined)."""
        root = self._facts.root
        return int(root[story]) if 0 <= story < len(root) else story

    @property
    def redirects(self) -> dict[int, int]:
        """Every merged story id and the id it goes by now."""
        root = self._facts.root[: self._next_id]
        return {int(old): int(root[old]) for old in np.flatnonzero(root != np.arange(len(root)))}

    def __len__(self) -> int:
        """Stories now (merged ones not counted)."""
        return len(self._stories)

    # -- vectors ------------------------------------------------------------------------------------------

    def vector(self, doc: Document) -> Vector:
        """The document's weighted terms, counted into the document frequencies (once per document)."""
        text = f"{doc.title}\n{doc.text}" if doc.title else doc.text
        terms, counts = term_counts(text)
        slots = self._count(terms)
        p = self.parameters
        df = self._df[slots] + self._prior_df(terms)
        weights = (1.0 + np.log(counts)) * np.log((self._documents + p.prior_documents + 1) / df)
        if len(terms) > p.document_terms:
            keep = np.sort(np.argpartition(-weights, p.document_terms)[: p.document_terms])
            terms, weights = terms[keep], weights[keep]
        return _unit(terms, weights.astype(np.float32))

    def _prior_df(self, terms: Hashes) -> npt.NDArray[np.float64]:
        known, df = self._prior
        if not len(known):
            return np.zeros(len(terms))
        at = np.minimum(np.searchsorted(known, terms), len(known) - 1)
        return np.where(known[at] == terms, df[at], 0.0)

    @property
    def _bits(self) -> int:
        return int(self._df.size).bit_length() - 1

    def _count(self, terms: Hashes) -> Hashes:
        """Count one more document for each term; the terms' slots in the table, which doubles to keep about
        16 slots per document."""
        self._documents += 1
        while self._df.size < 16 * self._documents:
            self._df = np.repeat(self._df, 2)  # a hash's new slot is a half of its old one: counts carry over
        slots = terms >> np.uint64(64 - self._bits)
        self._df[slots] += 1  # a slot two terms share still counts one
        return slots

    # -- candidates and scores ----------------------------------------------------------------------------

    def _probes(self, vector: Vector) -> list[int]:
        if vector.probes is None:
            n = min(self.parameters.probe_terms, len(vector.terms))
            strongest = np.argpartition(-vector.weights, n - 1)[:n] if n else np.zeros(0, dtype=np.intp)
            vector.probes = vector.terms[strongest].tolist()
        return vector.probes

    def candidates(self, vector: Vector, exclude: int | None = None) -> list[int]:
        """Stories that share the most of ``vector``'s strongest terms, best first.

        Postings still name stories merged since: those hits count for the story they joined.  Of stories with
        as many hits, one hit under its own id comes first (the first hit first), then those hit under merged
        ids only (in the order of their first such hit): the order of a Counter of the postings, merged ids
        folded into their story, as ``most_common`` gives it."""
        index = self._index
        posted = np.frombuffer(b"".join([index.get(term, b"") for term in self._probes(vector)]), dtype=np.int64)
        n = len(posted)
        if not n:
            return []
        stories = self._facts.root[posted]
        seen = np.arange(n) + n * (stories != posted)  # when a hit counts for ordering ties, below 2n
        key = np.sort(stories * (2 * n) + seen)  # by story, its first hit first
        stories, seen = key // (2 * n), key % (2 * n)
        starts = np.flatnonzero(_new(stories))
        hits = np.diff(starts, append=n)
        stories, seen = stories[starts], seen[starts]
        if exclude is not None:
            other = stories != exclude
            stories, seen, hits = stories[other], seen[other], hits[other]
        best: list[int] = stories[np.argsort(seen - hits * (2 * n))[: self.parameters.candidates]].tolist()
        return best

    def features(self, vector: Vector, when: int | None, years: frozenset[int], stories: Sequence[int]) -> np.ndarray:
        """One row of ``FEATURES`` per story: how ``vector`` (a document's or a story's) compares with it."""
        return self._features(vector, when, year_bits(years), stories)

    def _features(self, vector: Vector, when: int | None, years: YearBits, stories: Sequence[int]) -> np.ndarray:
        rows = np.zeros((len(stories), len(FEATURES)), dtype=np.float64)
        picked = [self._stories[s] for s in stories]
        terms = np.concatenate([s.terms for s in picked])
        weights = np.concatenate([s.weights for s in picked])
        shared, at = self._shared_terms(vector.terms, terms)
        owner = np.searchsorted(np.cumsum([len(s.terms) for s in picked]), shared, side="right")
        kind = (terms[shared] & _KIND_BITS).astype(np.intp)
        dots = np.bincount(owner * 3 + kind, weights[shared] * vector.weights[at], minlength=3 * len(picked))
        norms = np.array([s.norms for s in picked], dtype=np.float64) * vector.norms
        np.divide(dots.reshape(-1, 3), norms, out=rows[:, :3], where=norms > 0)  # 0 where a side has no such term
        ids = np.array(stories, dtype=np.intp)
        rows[:, 3] = self._facts.other_years(years, ids)
        rows[:, 4] = self._facts.days_apart(when, ids)
        rows[:, 5] = 1.0
        return rows

    def _shared_terms(self, mine: Hashes, theirs: Hashes) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Where in ``theirs`` the terms of ``mine`` (sorted) occur, and where each is in ``mine``.

        A table of slots, one per value of a hash's top bits, marks the slots of ``mine``, so that only the few
        of ``theirs`` in a marked slot are looked up in ``mine``; the table is clear again on return."""
        slots = (mine >> _SLOT_SHIFT).astype(np.intp)
        self._shared[slots] = True
        maybe = np.flatnonzero(self._shared[(theirs >> _SLOT_SHIFT).astype(np.intp)])
        self._shared[slots] = False
        at = np.minimum(np.searchsorted(mine, theirs[maybe]), len(mine) - 1)
        found = mine[at] == theirs[maybe]
        return maybe[found], at[found]

    # -- stories ------------------------------------------------------------------------------------------

    def _start(self, vector: Vector, when: int | None, years: frozenset[int]) -> int:
        story = self._next_id
        self._next_id += 1
        self._stories[story] = vector
        self._facts.add(story, when, year_bits(years))
        self._index_terms(story, self._probes(vector))
        vector.probes = None  # a story does not keep them: memory
        self._after_assign(story)
        return story

    def _join(self, story: int, vector: Vector, when: int | None, years: frozenset[int]) -> int:
        self._stories[story] = _add(self._stories[story], vector, self.parameters.story_terms)
        self._facts.add(story, when, year_bits(years))
        self._index_terms(story, self._probes(vector))
        self._after_assign(story)
        return story

    def _index_terms(self, story: int, terms: Iterable[int]) -> None:
        limit = self.parameters.postings
        for term in terms:
            holders = self._index.get(term)
            if holders is None:
                holders = self._index[term] = array("q")
            if holders and holders[-1] == story:
                continue
            if story in holders:  # once per term, latest last (a scan of at most ``postings`` in C)
                holders.remove(story)
            holders.append(story)
            if len(holders) > limit:
                del holders[: len(holders) - limit]

    def _after_assign(self, story: int) -> None:
        self._changed.add(story)
        every = self.parameters.repair_every
        if every and self._documents % every == 0:
            self.repair()

    def repair(self) -> list[tuple[int, int]]:
        """Merge each story that changed since the last repair with candidates the model scores at
        ``merge_threshold`` or more; the (merged, kept) id pairs."""
        merged: list[tuple[int, int]] = []
        changed, self._changed = self._changed, set()
        for story in sorted(changed):
            story = self.resolve(story)
            if story not in self._stories:
                continue
            mine = self._stories[story]
            found = self.candidates(mine, exclude=story)
            mine.probes = None
            if not found:
                continue
            facts = self._facts
            scores = self._features(mine, facts.when(story), facts.years[story], found) @ self._weights
            best = int(np.argmax(scores))
            if scores[best] >= self.parameters.merge_threshold:
                kept, gone = sorted((story, found[best]))
                self._merge(kept, gone)
                merged.append((gone, kept))
        return merged

    def _merge(self, kept: int, gone: int) -> None:
        b = self._stories.pop(gone)
        self._stories[kept] = _add(self._stories[kept], b, self.parameters.story_terms)
        self._facts.merge(kept, gone)
        self._index_terms(kept, self._probes(b))

    # -- state --------------------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole state, for ``from_bytes`` in another process."""
        ids = sorted(self._stories)
        stories = [self._stories[s] for s in ids]
        meta = {
            "parameters": asdict(self.parameters),
            "documents": self._documents,
            "next_id": self._next_id,
            "redirect": sorted(self.redirects.items()),
            "stories": [self._facts.describe(s) for s in ids],
            "index": [[term, holders.tolist()] for term, holders in self._index.items()],
        }
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            df=self._df,
            terms=np.concatenate([s.terms for s in stories]) if stories else np.zeros(0, np.uint64),
            weights=np.concatenate([s.weights for s in stories]) if stories else np.zeros(0, np.float32),
            norms=np.array([s.norms for s in stories], dtype=np.float32).reshape(-1, 3),
            lengths=np.array([len(s.terms) for s in stories], dtype=np.int64),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, parameters: Parameters | None = None) -> StreamClusterer:
        """A clusterer that continues where the one that wrote ``data`` stopped."""
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        clusterer = cls(parameters or Parameters.from_dict(meta["parameters"]))
        clusterer._df = arrays["df"].copy()
        clusterer._documents = meta["documents"]
        clusterer._next_id = meta["next_id"]
        bounds = np.concatenate([[0], np.cumsum(arrays["lengths"])]).tolist()
        terms, weights, norms = arrays["terms"], arrays["weights"], arrays["norms"]
        for i, (story, size, first, last, years) in enumerate(meta["stories"]):
            lo, hi = bounds[i], bounds[i + 1]
            clusterer._stories[story] = Vector(terms[lo:hi].copy(), weights[lo:hi].copy(), norms[i].copy())
            clusterer._facts.restore(story, size, first, last, years)
        redirect = {int(gone): int(kept) for gone, kept in meta["redirect"]}
        for gone, root in redirect.items():
            while root in redirect:  # states written before redirects were flattened may hold chains
                root = redirect[root]
            clusterer._facts.redirect(gone, root)
        clusterer._index = {int(term): array("q", holders) for term, holders in meta["index"]}
        return clusterer


# -- terms ----------------------------------------------------------------------------------------------


def term_counts(text: str) -> tuple[Hashes, npt.NDArray[np.int64]]:
    """The distinct terms of ``text`` (hashes with the kind in the low bits, sorted) and how often each occurs.

    Words: lower-cased content words of two or more characters.  Names: words capitalised inside a sentence
    (and wherever else they are capitalised) whose lower-case form the text never uses.  Numbers: numerals of
    two or more digits."""
    raw = text.encode("utf-8", "replace").replace(b"\x00", b" ")
    starts, ends, hashes = _words(raw.lower())  # lower() of bytes: ASCII letters only, positions stay
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    original = np.frombuffer(b"\n" + raw + b"\n", dtype=np.uint8)
    first = original[starts]
    digit = _DIGIT[first]
    capital = _UPPER[first]
    breaks = np.flatnonzero(_SENTENCE_BREAK[original])
    opens_sentence = np.searchsorted(breaks, starts) > np.searchsorted(breaks, np.concatenate([[0], ends[:-1]]))
    long_enough = ends - starts > 1
    distinct, word = _distinct(hashes)  # a word's flags below hold for every word of its hash
    content = long_enough & ~digit & ~_member(distinct, _STOP_HASHES)[word]
    named_inside = np.zeros(len(distinct), dtype=bool)
    named_inside[word[content & capital & ~opens_sentence]] = True
    written_lower = np.zeros(len(distinct), dtype=bool)
    written_lower[word[content & ~capital]] = True
    is_name = content & capital & (named_inside & ~written_lower)[word]
    counts = np.zeros((len(distinct), len(KINDS)), dtype=np.int64)  # row-major: hash | kind, in order
    for kind, counted in ((_WORD, content), (_NAME, is_name), (_NUMBER, long_enough & digit)):
        counts[:, int(kind)] = np.bincount(word[counted], minlength=len(distinct))
    found = np.flatnonzero(counts)
    return distinct[found // len(KINDS)] | (found % len(KINDS)).astype(np.uint64), counts.ravel()[found]


def _distinct(values: Hashes) -> tuple[Hashes, npt.NDArray[np.intp]]:
    """The distinct ``values``, sorted, and where each value is among them (np.unique's inverse, with less
    work around it)."""
    order = np.argsort(values)
    ranked = values[order]
    new = _new(ranked)
    where = np.empty(len(values), dtype=np.intp)
    where[order] = np.cumsum(new) - 1
    return ranked[new], where


def _new(ranked: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Which of sorted values differ from the one before (the first does)."""
    new = np.empty(len(ranked), dtype=bool)
    new[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=new[1:])
    return new


@functools.cache
def background(documents: int, length: int) -> tuple[Hashes, npt.NDArray[np.float64]]:
    """Document frequencies out of ``documents`` documents of ``length`` words, from each word's frequency f in
    running English (the ``wordfreq`` package: web, news, books, subtitles): ``documents * (1 - exp(-f *
    length))``, the share of documents that use a word that often at least once.  Sorted term hashes (each
    word as a content word and as a name) and their frequencies; words under half a document are left out."""
    if not documents:
        return np.zeros(0, dtype=np.uint64), np.zeros(0)
    frequencies = wordfreq.get_frequency_dict("en", "large")
    encoded = [word.encode("utf-8") for word in frequencies]
    starts, ends, hashes = _words(b"\n".join(encoded))
    sizes = np.fromiter(map(len, encoded), dtype=np.intp, count=len(encoded))
    offsets = np.cumsum(sizes + 1) - sizes  # where each word starts, counted from the leading newline
    owner = np.searchsorted(offsets, starts, side="right") - 1
    whole = (starts == offsets[owner]) & (ends - starts == sizes[owner])  # words our tokens read as one word
    f = np.fromiter(frequencies.values(), dtype=np.float64, count=len(encoded))[owner[whole]]
    df = -documents * np.expm1(-f * length)
    keep = df >= 0.5
    terms = np.concatenate([hashes[whole][keep] | _WORD, hashes[whole][keep] | _NAME])
    unique, first = np.unique(terms, return_index=True)  # two spellings of one hash: the first (most frequent)
    return unique, np.concatenate([df[keep], df[keep]])[first]


def _member(values: Hashes, sorted_set: Hashes) -> npt.NDArray[np.bool_]:
    """Which of ``values`` are in ``sorted_set`` (sorted; np.isin without its sorting)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    found: npt.NDArray[np.bool_] = sorted_set[at] == values
    return found


def _words(low: bytes) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Hashes]:
    """Where the words of lower-cased bytes start and end (counted from a leading newline) and their hashes,
    the two kind bits cleared."""
    padded = np.frombuffer(b"\n" + low + b"\n" + bytes(_PAD), dtype=np.uint8)
    starts, ends = word_spans(padded[: len(low) + 2], ascii=low.isascii())
    return starts, ends, word_hashes(padded, starts, ends - starts) & ~_KIND_BITS


_STOP_HASHES = np.unique(_words(" ".join(sorted(STOPWORDS)).encode("utf-8"))[2])


def _unit(terms: Hashes, weights: Floats) -> Vector:
    kinds = (terms & _KIND_BITS).astype(np.intp)
    norms = np.sqrt(np.bincount(kinds, weights.astype(np.float64) ** 2, minlength=3)).astype(np.float32)
    scaled = weights / np.where(norms > 0, norms, 1.0)[kinds]
    return Vector(terms, scaled.astype(np.float32), np.ones(3, dtype=np.float32) * (norms > 0))


def _add(a: Vector, b: Vector, limit: int) -> Vector:
    """The sum of two vectors, cut to its ``limit`` strongest terms."""
    terms = np.concatenate([a.terms, b.terms])
    order = np.argsort(terms, kind="stable")  # two sorted runs, merged; a term of both: ``a``'s first
    terms, weights = terms[order], np.concatenate([a.weights, b.weights]).astype(np.float64)[order]
    first = _new(terms)
    again = np.flatnonzero(~first)
    weights[again - 1] += weights[again]
    terms, weights = terms[first], weights[first]
    if len(terms) > limit:
        keep = np.sort(np.argpartition(-weights, limit)[:limit])
        terms, weights = terms[keep], weights[keep]
    kinds = (terms & _KIND_BITS).astype(np.intp)
    norms = np.sqrt(np.bincount(kinds, weights**2, minlength=3))
    return Vector(terms, weights.astype(np.float32), norms.astype(np.float32))


def _years(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in _YEAR.findall(text))


def _ordinal(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
