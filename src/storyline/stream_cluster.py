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

The weights and both thresholds are fitted on the ECB+ train topics by ``python -m bench.fit_stories`` and
ship in ``models/stories.json``.  Hashes are stable across processes, so ``to_bytes``/``from_bytes`` carry
the whole state between runs.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
from collections import Counter
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
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


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


@dataclass(slots=True)
class _Story:
    vector: Vector
    size: int
    first: int | None  # proleptic ordinal of the earliest and latest dated document
    last: int | None
    years: frozenset[int]


class StreamClusterer:
    """Online story clustering: ``assign`` one document at a time; ``fit`` a batch in order."""

    def __init__(self, parameters: Parameters | None = None) -> None:
        self.parameters = parameters or Parameters.fitted()
        self._weights = np.asarray(self.parameters.weights, dtype=np.float64)
        self._df = np.zeros(1 << 16, dtype=np.uint32)
        self._documents = 0
        self._stories: dict[int, _Story] = {}
        self._next_id = 0
        self._redirect: dict[int, int] = {}
        self._index: dict[int, list[int]] = {}
        self._changed: set[int] = set()
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
            scores = self.features(vector, when, years, found) @ self._weights
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
        root = story
        while root in self._redirect:
            root = self._redirect[root]
        while story != root:  # shorten the chain for the next lookup
            self._redirect[story], story = root, self._redirect[story]
        return root

    @property
    def redirects(self) -> dict[int, int]:
        """Every merged story id and the id it goes by now."""
        return {old: self.resolve(old) for old in list(self._redirect)}

    def __len__(self) -> int:
        """Stories now (merged ones not counted)."""
        return len(self._stories)

    # -- vectors ------------------------------------------------------------------------------------------

    def vector(self, doc: Document) -> Vector:
        """The document's weighted terms, counted into the document frequencies (once per document)."""
        text = f"{doc.title}\n{doc.text}" if doc.title else doc.text
        terms, counts = term_counts(text)
        self._count(terms)
        p = self.parameters
        df = self._df[terms >> np.uint64(64 - self._bits)] + self._prior_df(terms)
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

    def _count(self, terms: Hashes) -> None:
        """Count one more document for each term; the table doubles to keep about 16 slots per document."""
        self._documents += 1
        while self._df.size < 16 * self._documents:
            self._df = np.repeat(self._df, 2)  # a hash's new slot is a half of its old one: counts carry over
        self._df[terms >> np.uint64(64 - self._bits)] += 1  # a slot two terms share still counts one

    # -- candidates and scores ----------------------------------------------------------------------------

    def _probes(self, vector: Vector) -> list[int]:
        if vector.probes is None:
            n = min(self.parameters.probe_terms, len(vector.terms))
            strongest = np.argpartition(-vector.weights, n - 1)[:n] if n else np.zeros(0, dtype=np.intp)
            vector.probes = vector.terms[strongest].tolist()
        return vector.probes

    def candidates(self, vector: Vector, exclude: int | None = None) -> list[int]:
        """Stories that share the most of ``vector``'s strongest terms, best first."""
        hits: Counter[int] = Counter()
        for term in self._probes(vector):
            holders = self._index.get(term)
            if holders:
                hits.update(holders)
        if self._redirect:  # postings still name stories merged since: count them for the story they joined
            for gone in [story for story in hits if story in self._redirect]:
                hits[self.resolve(gone)] += hits.pop(gone)
        hits.pop(exclude, None)  # type: ignore[arg-type]
        return [story for story, _ in hits.most_common(self.parameters.candidates)]

    def features(self, vector: Vector, when: int | None, years: frozenset[int], stories: Sequence[int]) -> np.ndarray:
        """One row of ``FEATURES`` per story: how ``vector`` (a document's or a story's) compares with it."""
        rows = np.zeros((len(stories), len(FEATURES)), dtype=np.float64)
        picked = [self._stories[s] for s in stories]
        terms = np.concatenate([s.vector.terms for s in picked])
        weights = np.concatenate([s.vector.weights for s in picked])
        owner = np.repeat(np.arange(len(picked)), [len(s.vector.terms) for s in picked])
        at = np.minimum(np.searchsorted(vector.terms, terms), len(vector.terms) - 1)
        hit = vector.terms[at] == terms
        kind = (terms[hit] & _KIND_BITS).astype(np.intp)
        dots = np.bincount(owner[hit] * 3 + kind, weights[hit] * vector.weights[at[hit]], minlength=3 * len(picked))
        norms = np.array([s.vector.norms for s in picked], dtype=np.float64) * vector.norms
        rows[:, :3] = dots.reshape(-1, 3) / np.where(norms > 0, norms, 1.0)
        if years or when is not None:
            for i, story in enumerate(picked):
                if years and story.years and not years & story.years:
                    rows[i, 3] = 1.0
                rows[i, 4] = _days_apart(when, story.first, story.last)
        rows[:, 5] = 1.0
        return rows

    # -- stories ------------------------------------------------------------------------------------------

    def _start(self, vector: Vector, when: int | None, years: frozenset[int]) -> int:
        story = self._next_id
        self._next_id += 1
        self._stories[story] = _Story(vector, 1, when, when, years)
        self._index_terms(story, self._probes(vector))
        vector.probes = None  # a story does not keep them: memory
        self._after_assign(story)
        return story

    def _join(self, story: int, vector: Vector, when: int | None, years: frozenset[int]) -> int:
        target = self._stories[story]
        target.vector = _add(target.vector, vector, self.parameters.story_terms)
        target.size += 1
        target.first, target.last = _span(target.first, target.last, when, when)
        target.years = target.years | years
        self._index_terms(story, self._probes(vector))
        self._after_assign(story)
        return story

    def _index_terms(self, story: int, terms: Iterable[int]) -> None:
        limit = self.parameters.postings
        for term in terms:
            holders = self._index.setdefault(term, [])
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
            found = self.candidates(mine.vector, exclude=story)
            mine.vector.probes = None
            if not found:
                continue
            mine_when = mine.last if mine.first is None else mine.first
            scores = self.features(mine.vector, mine_when, mine.years, found) @ self._weights
            best = int(np.argmax(scores))
            if scores[best] >= self.parameters.merge_threshold:
                kept, gone = sorted((story, found[best]))
                self._merge(kept, gone)
                merged.append((gone, kept))
        return merged

    def _merge(self, kept: int, gone: int) -> None:
        a, b = self._stories[kept], self._stories.pop(gone)
        a.vector = _add(a.vector, b.vector, self.parameters.story_terms)
        a.size += b.size
        a.first, a.last = _span(a.first, a.last, b.first, b.last)
        a.years = a.years | b.years
        self._redirect[gone] = kept
        self._index_terms(kept, self._probes(b.vector))

    # -- state --------------------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole state, for ``from_bytes`` in another process."""
        ids = sorted(self._stories)
        stories = [self._stories[s] for s in ids]
        meta = {
            "parameters": asdict(self.parameters),
            "documents": self._documents,
            "next_id": self._next_id,
            "redirect": sorted(self._redirect.items()),
            "stories": [[s, st.size, st.first, st.last, sorted(st.years)] for s, st in zip(ids, stories, strict=True)],
            "index": [[term, holders] for term, holders in self._index.items()],
        }
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            df=self._df,
            terms=np.concatenate([s.vector.terms for s in stories]) if stories else np.zeros(0, np.uint64),
            weights=np.concatenate([s.vector.weights for s in stories]) if stories else np.zeros(0, np.float32),
            norms=np.array([s.vector.norms for s in stories], dtype=np.float32).reshape(-1, 3),
            lengths=np.array([len(s.vector.terms) for s in stories], dtype=np.int64),
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
        clusterer._redirect = {int(a): int(b) for a, b in meta["redirect"]}
        bounds = np.concatenate([[0], np.cumsum(arrays["lengths"])]).tolist()
        terms, weights, norms = arrays["terms"], arrays["weights"], arrays["norms"]
        for i, (story, size, first, last, years) in enumerate(meta["stories"]):
            lo, hi = bounds[i], bounds[i + 1]
            vector = Vector(terms[lo:hi].copy(), weights[lo:hi].copy(), norms[i].copy())
            clusterer._stories[story] = _Story(vector, size, first, last, frozenset(years))
        clusterer._index = {int(term): list(holders) for term, holders in meta["index"]}
        return clusterer


# -- terms ----------------------------------------------------------------------------------------------


def term_counts(text: str) -> tuple[Hashes, npt.NDArray[np.int64]]:
    """The distinct terms of ``text`` (hashes with the kind in the low bits, sorted) and how often each occurs.

    Words: lower-cased content words of two or more characters.  Names: words capitalised inside a sentence
    (and wherever else they are capitalised) whose lower-case form the text never uses.  Numbers: numerals of
    two or more digits."""
    raw = text.encode("utf-8", "replace").replace(b"\x00", b" ")
    starts, ends, hashes = _words(raw.lower())  # lower() of bytes: ASCII letters only, positions stay
    lengths = ends - starts
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    original = np.frombuffer(b"\n" + raw + b"\n", dtype=np.uint8)
    first = original[starts]
    digit = _DIGIT[first]
    capital = _UPPER[first]
    breaks = np.concatenate([[0], np.cumsum(_SENTENCE_BREAK[original])])
    previous_end = np.concatenate([[0], ends[:-1]])
    opens_sentence = breaks[starts] > breaks[previous_end]
    long_enough = lengths > 1
    stop = _member(hashes, _STOP_HASHES)
    content = long_enough & ~stop & ~digit
    named_inside = np.sort(hashes[content & capital & ~opens_sentence])
    written_lower = np.sort(hashes[content & ~capital])
    is_name = content & capital & _member(hashes, named_inside) & ~_member(hashes, written_lower)
    terms = np.concatenate([hashes[content] | _WORD, hashes[is_name] | _NAME, hashes[long_enough & digit] | _NUMBER])
    unique, counts = np.unique(terms, return_counts=True)
    return unique, counts


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
    terms, inverse = np.unique(np.concatenate([a.terms, b.terms]), return_inverse=True)
    weights = np.bincount(inverse, np.concatenate([a.weights, b.weights]).astype(np.float64))
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


def _span(
    first: int | None, last: int | None, other_first: int | None, other_last: int | None
) -> tuple[int | None, int | None]:
    firsts = [d for d in (first, other_first) if d is not None]
    lasts = [d for d in (last, other_last) if d is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def _days_apart(when: int | None, first: int | None, last: int | None) -> float:
    """log(1 + days) from ``when`` to the nearest day of [first, last]; 0 where either side has no date."""
    if when is None or first is None or last is None:
        return 0.0
    days = first - when if when < first else when - last if when > last else 0
    return math.log1p(days)
