"""Copies, excerpts and rewrites within a story, and whom each document cites.

Exact duplicates are folded by the store (same clean text, one document).  Here, for every pair of a
story's documents, the later one (by publication time; without one, the more contained text, then the later
ingested) may derive from the earlier:

- *copy / excerpt* by word-5-gram containment (``sketch.sketches`` with every shingle kept): most of B's
  5-grams in A and most of A's in B is a copy; most of B's in A but not the reverse is an excerpt (a
  truncation or a cut); most of A's in B but not the reverse is a copy with text added;
- *rewrite* by sentence alignment: each reported sentence of B is matched to its closest sentence of A by the
  words they share, weighted by how rare each word is in the story (names, numbers and rare words count,
  the story's common vocabulary hardly does); B is a rewrite of A when most of B's reported sentences align.

Each document keeps its best derivation, and edges that would close a loop are dropped.  Reasons say what
was measured and what B adds ("rewrite of Harbor Ledger: 14 of 17 reported sentences align, adds 3").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from storyline.attribution import speaker_type
from storyline.config import Settings
from storyline.records import Derivation, Document, Provenance, Relation, Role, Sentence
from storyline.sketch import sketches
from storyline.subjectivity import sentence_vectors
from storyline.text import NEWS_NAME, content_words, rarity

_CITE = re.compile(
    r"\b(?i:according to|citing|as per|reported by|report(?:ed)? (?:by|in)|first reported by|told|"
    r"originally (?:appeared|published|ran) (?:in|on|at|by)|(?:full|original) (?:story|article|report) (?:at|on|in|from)|"
    r"courtesy of|via) +((?:the +)?[A-Z][\w&'’.-]{0,30}(?: +[A-Z][\w&'’.-]{0,30}){0,5})",
)
_REPORTED = re.compile(
    r"(?<![\w&'’.-])((?:The +)?[A-Z][\w&'’.-]{0,30}(?: +[A-Z][\w&'’.-]{0,30}){0,5}) +(?:has +|have +)?(?:reported|first reported|reports)\b"
)
_CITED_TYPES = frozenset(("news organisation", "intelligence service", "government body"))
"""Origins at the end of a chain that count as a named primary source (not a person quoting a person)."""
_ALIGNED = 0.6
"""Share of a sentence's weighted words found in another that makes the two one sentence rewritten."""
_SAME_MEANING = 0.92
"""Cosine of two sentences' vectors (``subjectivity.sentence_vectors``) that makes them one sentence reworded."""


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the pairwise comparison needs of one document."""

    doc: Document
    grams: frozenset[int]
    reported: tuple[tuple[str, frozenset[str]], ...]  # (text, weighted words) of its reported sentences
    sentences: tuple[frozenset[str], ...]  # the words of all its sentences
    claims: int  # sentences of four content words or more, of any kind
    reported_vectors: np.ndarray  # sentence_vectors of the reported sentences
    vectors: np.ndarray  # and of all its sentences


def provenance(
    documents: Sequence[Document],
    settings: Settings,
    outlets: set[str],
    sentences: Sequence[Sentence] | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
) -> dict[str, Provenance]:
    """Role, derivation and cited sources of each document of one story.

    ``sentences`` are the story's read sentences (``claims.split_sentences``); without them every line of a
    document counts as one reported sentence.  ``vectors`` may hold a document's sentence vectors
    (``readings.Reading``, row i for its sentence i); the others are computed here."""
    readings = _readings(documents, sentences, vectors or {})
    weight = _rarity(readings)
    found: dict[str, list[Derivation]] = defaultdict(list)
    for reading in readings:
        for other in readings:
            if other is not reading:
                derivation = _derivation(reading, other, weight, settings)
                if derivation:
                    found[reading.doc.id].append(derivation)
    derived = _without_loops(documents, found)
    sources = {d.document for ds in derived.values() for d in ds}
    result = {}
    chained: dict[str, list[str]] = defaultdict(list)  # "X, citing Y": Y is a named origin of the document
    for sentence in sentences or ():
        chain = sentence.attribution.chain if sentence.attribution else ()
        if len(chain) >= 2 and speaker_type(chain[-1]) in _CITED_TYPES:
            chained[sentence.document].append(chain[-1])
    for doc in documents:
        cites = find_cites(doc.text, outlets - {doc.outlet or ""})
        known = {outlet_key(c) for c in cites}
        cites += tuple(dict.fromkeys(c for c in chained[doc.id] if outlet_key(c) not in known))
        result[doc.id] = Provenance(
            role=_role(doc, derived[doc.id], sources), derived_from=derived[doc.id], cites=cites
        )
    return result


def _readings(
    documents: Sequence[Document], sentences: Sequence[Sentence] | None, given: Mapping[str, np.ndarray]
) -> list[_Reading]:
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences or ():
        by_doc[sentence.document].append(sentence)
    out = []
    for doc, grams in zip(documents, sketches([d.text for d in documents], sample=1), strict=True):
        mine = by_doc.get(doc.id)
        texts = (
            [(s.text, s.kind == "reported") for s in mine] if mine else [(line, True) for line in doc.text.split("\n")]
        )
        words = [frozenset(content_words(t)) for t, _ in texts]
        kept = [
            i for i, ((_, is_reported), w) in enumerate(zip(texts, words, strict=True)) if is_reported and len(w) >= 4
        ]
        vectors = given[doc.id] if mine and doc.id in given else sentence_vectors([t for t, _ in texts])
        out.append(
            _Reading(
                doc=doc,
                grams=frozenset(grams.tolist()),
                reported=tuple((texts[i][0], words[i]) for i in kept),
                sentences=tuple(words),
                claims=sum(len(w) >= 4 for w in words),
                reported_vectors=vectors[kept],
                vectors=vectors,
            )
        )
    return out


def _rarity(readings: Sequence[_Reading]) -> dict[str, float]:
    """How rare each word is among the story's sentences (inverse sentence frequency)."""
    return rarity(sentence for r in readings for sentence in r.sentences)


def _derivation(doc: _Reading, other: _Reading, weight: dict[str, float], settings: Settings) -> Derivation | None:
    """How ``doc`` derives from ``other``, if it does."""
    label = _label(other.doc)
    if doc.grams and other.grams:
        common = len(doc.grams & other.grams)
        shared, back = common / len(doc.grams), common / len(other.grams)
        if max(shared, back) >= settings.copy_threshold and _is_later(doc.doc, other.doc, shared, back):
            return _copy(doc, other, shared, back, label, settings)
    aligned, added = _align(doc, other, weight)
    if not doc.reported or len(aligned) < 2 or len(aligned) < settings.rewrite_threshold * len(doc.reported):
        return None
    if len(doc.reported) < 0.5 * doc.claims:  # mostly the writer's own views: commentary, not a rewrite
        return None
    reverse, _ = _align(other, doc, weight)
    if not _is_later(doc.doc, other.doc, len(aligned) / len(doc.reported), len(reverse) / max(1, len(other.reported))):
        return None
    adds = f", adds {len(added)}" if added else ", adds nothing"
    if added:
        adds += f" (“{_opening(added[0])}”)"
    reason = f"rewrite of {label}: {len(aligned)} of {len(doc.reported)} reported sentences align{adds}"
    return Derivation(
        document=other.doc.id, relation="rewrite", score=round(len(aligned) / len(doc.reported), 3), reason=reason
    )


def _copy(doc: _Reading, other: _Reading, shared: float, back: float, label: str, settings: Settings) -> Derivation:
    relation: Relation
    if shared >= settings.copy_threshold and back >= settings.copy_threshold:
        relation, reason = "copy", f"copy of {label} ({shared:.0%} of its word 5-grams are there)"
    elif shared >= settings.copy_threshold:
        size = len(other.grams) / len(doc.grams)
        relation, reason = (
            "excerpt",
            f"excerpt of {label} ({shared:.0%} of it is there; {label}'s text is {size:.1f} times longer)",
        )
    else:
        relation, reason = (
            "copy",
            f"copy of {label} with text added ({back:.0%} of {label}'s word 5-grams are in it, {shared:.0%} of its own are there)",
        )
    return Derivation(document=other.doc.id, relation=relation, score=round(shared, 3), reason=reason)


def _align(doc: _Reading, other: _Reading, weight: dict[str, float]) -> tuple[list[str], list[str]]:
    """``doc``'s reported sentences that align to a sentence of ``other``, and those that do not."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, sentence in enumerate(other.sentences):
        for w in sentence:
            holders[w].append(index)
    aligned: list[str] = []
    added: list[str] = []
    meaning = (
        (doc.reported_vectors @ other.vectors.T).max(axis=1) if len(other.vectors) else np.zeros(len(doc.reported))
    )
    for (text, mine), closest in zip(doc.reported, meaning.tolist(), strict=True):
        total = sum(weight.get(w, 0.0) for w in mine) or 1.0
        score: defaultdict[int, float] = defaultdict(float)
        for w in mine:
            for index in holders.get(w, ()):
                score[index] += weight.get(w, 0.0)
        best = max(score.values(), default=0.0) / total
        (aligned if best >= _ALIGNED or closest >= _SAME_MEANING else added).append(text)
    return aligned, added


def _label(doc: Document) -> str:
    """How a reason names a document: its outlet, else its title, else its file name."""
    if doc.outlet:
        return doc.outlet
    if doc.title:
        return f"“{_opening(doc.title, 6)}”"
    return doc.source.replace("\\", "/").rsplit("/", 1)[-1]


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _is_later(doc: Document, other: Document, shared: float, back: float) -> bool:
    """Published later; at the same time (or undated), the text more contained in the other, then ingested later."""
    mine, theirs = _moment(doc.published), _moment(other.published)
    if isinstance(mine, datetime) != isinstance(theirs, datetime):  # a time against a day: the days
        mine = mine.date() if isinstance(mine, datetime) else mine
        theirs = theirs.date() if isinstance(theirs, datetime) else theirs
    if mine is not None and theirs is not None and mine != theirs:
        return mine > theirs
    if shared != back:
        return shared > back
    return doc.ingested_at > other.ingested_at or (doc.ingested_at == other.ingested_at and doc.id > other.id)


def _moment(published: str | None) -> datetime | date | None:
    """A publication time as a comparable value: an aware time in UTC, else the day."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or len(published) <= 10:
        return moment.date()
    return moment.astimezone(UTC)


_STRENGTH = {"copy": 2, "excerpt": 2, "rewrite": 1}


def _without_loops(
    documents: Sequence[Document], found: dict[str, list[Derivation]]
) -> dict[str, tuple[Derivation, ...]]:
    """Each document's strongest derivation (copies before rewrites, then by score), dropping an edge that
    would make a document derive from itself."""
    best = {
        doc.id: sorted(found.get(doc.id, []), key=lambda d: (-_STRENGTH[d.relation], -d.score)) for doc in documents
    }
    kept: dict[str, tuple[Derivation, ...]] = {}
    order = sorted(best, key=lambda i: -max((_STRENGTH[d.relation] * 10 + d.score for d in best[i][:1]), default=0))
    for doc_id in order:
        for derivation in best[doc_id]:
            if not _reaches(derivation.document, doc_id, kept):
                kept[doc_id] = (derivation,)
                break
        else:
            kept[doc_id] = ()
    for doc_id, edges in kept.items():  # a rewrite of a copy that reads as well against the copy's original
        target = kept.get(edges[0].document, ()) if edges else ()
        if edges and edges[0].relation == "rewrite" and target and target[0].relation == "copy":
            root = next((d for d in best[doc_id] if d.document == target[0].document), None)
            if root and root.relation == "rewrite" and root.score >= edges[0].score - 0.1:
                kept[doc_id] = (root,)
    return kept


def _reaches(start: str, target: str, kept: dict[str, tuple[Derivation, ...]]) -> bool:
    seen = set()
    current = start
    while current not in seen:
        if current == target:
            return True
        seen.add(current)
        edges = kept.get(current, ())
        if not edges:
            return False
        current = edges[0].document
    return False


def _role(doc: Document, derived: tuple[Derivation, ...], sources: set[str]) -> Role:
    if doc.aggregator:
        return "aggregator"
    if derived:
        return "copy" if derived[0].relation in ("copy", "excerpt") else "rewrite"
    if doc.id in sources:
        return "original"
    return "independent"


def find_cites(text: str, outlets: set[str]) -> tuple[str, ...]:
    """News organisations the text names as its source: known outlets and names that read like one."""
    names = [m.group(1) for m in _CITE.finditer(text)] + [m.group(1) for m in _REPORTED.finditer(text)]
    known = {outlet_key(o) for o in outlets}
    found = []
    for name in names:
        name = re.sub(r"^the\s+", "The ", name.strip(" .,'’"))
        name = re.sub(r"(?:'s|’s)$", "", name)
        if outlet_key(name) in known or NEWS_NAME.search(name):
            found.append(name)
    return tuple(dict.fromkeys(found))


def origin_of(doc_id: str, prov: dict[str, Provenance], outlets: dict[str, str] | None = None) -> str:
    """The origin of a document: the root it derives from, or the primary source it cites, or itself.

    ``outlets`` maps outlet names (lower case, without "the") to a document of the
    story, so that citing an outlet whose report is in the story leads to that report.
    """
    seen: set[str] = set()
    current = doc_id
    while current not in seen:
        seen.add(current)
        p = prov.get(current)
        if p and p.derived_from:
            current = p.derived_from[0].document
        elif p and p.cites and outlets and outlet_key(p.cites[0]) in outlets:
            current = outlets[outlet_key(p.cites[0])]
        else:
            break
    cites = prov[current].cites if current in prov else ()
    return f"cites:{outlet_key(cites[0])}" if cites else current


def outlet_key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def origins(documents: Sequence[Document], prov: dict[str, Provenance]) -> dict[str, str]:
    """Each document's origin key; documents with one key are one independent origin."""
    by_outlet: dict[str, str] = {}
    for doc in documents:
        if doc.outlet and not prov[doc.id].derived_from:
            by_outlet.setdefault(outlet_key(doc.outlet), doc.id)
    return {doc.id: origin_of(doc.id, prov, by_outlet) for doc in documents}


@dataclass(frozen=True, slots=True)
class OriginGroup:
    """Documents that count as one independent origin of a claim, and why they were merged."""

    origin: str  # the root document's id, or "cites:<outlet>" for a cited outlet outside the story
    documents: tuple[str, ...]
    reasons: tuple[str, ...]  # one line per merged document ("Tri-County Wire is a copy of Harbor Ledger")


def independent_origins(
    carrying: Sequence[str], documents: Sequence[Document], prov: dict[str, Provenance]
) -> list[OriginGroup]:
    """The independent origins behind the documents ``carrying`` a claim: copies and rewrites of one original,
    and documents citing the same outlet, count once."""
    keys = origins(documents, prov)
    names = {doc.id: _label(doc) for doc in documents}
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc_id in dict.fromkeys(carrying):
        grouped[keys.get(doc_id, doc_id)].append(doc_id)
    out = []
    for key, members in grouped.items():
        reasons = []
        for doc_id in members if len(members) > 1 else ():
            p = prov.get(doc_id)
            if p and p.derived_from:
                d = p.derived_from[0]
                reasons.append(f"{names[doc_id]} is a {d.relation} of {names.get(d.document, d.document)}")
            elif p and p.cites and key.startswith("cites:"):
                reasons.append(f"{names[doc_id]} cites {p.cites[0]}")
        out.append(OriginGroup(origin=key, documents=tuple(members), reasons=tuple(reasons)))
    return out
