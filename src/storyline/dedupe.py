"""Copies, rewrites and excerpts within a story, and whom each document cites.

Exact duplicates are folded by the store (same clean text, one document).  Here,
first version: word 5-gram containment against every earlier document of the
story decides copy / excerpt / rewrite, and cue patterns find the news
organisations a document names as its source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.config import Settings
from storyline.records import Derivation, Document, Provenance, Relation, Role
from storyline.text import NEWS_NAME, words

_SHINGLE = 5
_CITE = re.compile(
    r"\b(?i:according to|citing|as per|reported by|report(?:ed)? (?:by|in)|first reported by|"
    r"originally (?:appeared|published|ran) (?:in|on|at|by)|(?:full|original) (?:story|article|report) (?:at|on|in|from)|"
    r"courtesy of|via) +((?:the +)?[A-Z][\w&'’.-]{0,30}(?: +[A-Z][\w&'’.-]{0,30}){0,5})",
)
_REPORTED = re.compile(
    r"(?<![\w&'’.-])((?:The +)?[A-Z][\w&'’.-]{0,30}(?: +[A-Z][\w&'’.-]{0,30}){0,5}) +(?:has +|have +)?(?:reported|first reported|reports)\b"
)


def shingles(text: str) -> set[int]:
    tokens = words(text)
    return {hash(tuple(tokens[i : i + _SHINGLE])) for i in range(max(1, len(tokens) - _SHINGLE + 1))}


def provenance(documents: Sequence[Document], settings: Settings, outlets: set[str]) -> dict[str, Provenance]:
    """Role, derivation and cited sources of each document of one story."""
    grams = {doc.id: shingles(doc.text) for doc in documents}
    derived: dict[str, tuple[Derivation, ...]] = {}
    for doc in documents:
        found = [_derivation(doc, other, grams, settings) for other in documents if other.id != doc.id]
        kept = sorted((d for d in found if d), key=lambda d: -d.score)
        derived[doc.id] = tuple(kept[:1])
    sources = {d.document for ds in derived.values() for d in ds}
    result = {}
    for doc in documents:
        cites = find_cites(doc.text, outlets - {doc.outlet or ""})
        result[doc.id] = Provenance(
            role=_role(doc, derived[doc.id], sources), derived_from=derived[doc.id], cites=cites
        )
    return result


def _derivation(doc: Document, other: Document, grams: dict[str, set[int]], settings: Settings) -> Derivation | None:
    """How ``doc`` derives from ``other``, if it does: the later, or the more contained, is the copy."""
    mine, theirs = grams[doc.id], grams[other.id]
    if not mine or not theirs:
        return None
    common = len(mine & theirs)
    shared, back = common / len(mine), common / len(theirs)
    if shared < settings.rewrite_threshold or not _is_later(doc, other, shared, back):
        return None
    if shared >= settings.copy_threshold:
        relation: Relation = "copy" if len(mine) >= 0.5 * len(theirs) else "excerpt"
    else:
        relation = "rewrite"
    label = other.outlet or other.source
    reason = f"{relation} of {label} ({shared:.0%} of its word 5-grams appear there)"
    return Derivation(document=other.id, relation=relation, score=round(shared, 3), reason=reason)


def _is_later(doc: Document, other: Document, shared: float, back: float) -> bool:
    """Published on a later day; on the same day (or undated), the text more contained in the other."""
    mine, theirs = (doc.published or "")[:10], (other.published or "")[:10]
    if mine and theirs and mine != theirs:
        return mine > theirs
    if shared != back:
        return shared > back
    return doc.ingested_at > other.ingested_at or (doc.ingested_at == other.ingested_at and doc.id > other.id)


def _role(doc: Document, derived: tuple[Derivation, ...], sources: set[str]) -> Role:
    if doc.boilerplate_removed > 0.4 * (len(doc.text) + doc.boilerplate_removed):
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
