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
from storyline.records import Derivation, Document, Provenance, Role
from storyline.text import words

_SHINGLE = 5
_CITE = re.compile(
    r"\b(?i:according to|citing|as per|reported by|report(?:ed)? (?:by|in)|first reported by|"
    r"originally (?:appeared|published|ran) (?:in|on|at|by)|(?:full|original) (?:story|article|report) (?:at|on|in|from)|"
    r"courtesy of|via) +((?:the +)?[A-Z][\w&'’.-]*(?: +[A-Z][\w&'’.-]*){0,5})",
)
_REPORTED = re.compile(r"\b((?:The +)?[A-Z][\w&'’.-]*(?: +[A-Z][\w&'’.-]*){0,5}) +(?:has +|have +)?(?:reported|first reported|reports)\b")
_NEWS_WORD = re.compile(
    r"\b(?:Times|Post|Journal|News|Press|Wire|Gazette|Ledger|Tribune|Herald|Daily|Telegraph|Guardian|Reuters|"
    r"Bloomberg|Agency|Broadcasting|Radio|Television|TV|Network|Magazine|Chronicle|Observer|Courier|Dispatch|"
    r"Examiner|Register|Sentinel|Star|Globe|Mail|Express|Independent|Bulletin|Record|Inquirer|Monitor)\b"
)


def shingles(text: str) -> set[int]:
    tokens = words(text)
    return {hash(tuple(tokens[i : i + _SHINGLE])) for i in range(max(1, len(tokens) - _SHINGLE + 1))}


def provenance(documents: Sequence[Document], settings: Settings, outlets: set[str]) -> dict[str, Provenance]:
    """Role, derivations and cited sources of each document (``documents`` in arrival order)."""
    ordered = sorted(documents, key=_age)
    grams = {doc.id: shingles(doc.text) for doc in ordered}
    derived: dict[str, tuple[Derivation, ...]] = {}
    for i, doc in enumerate(ordered):
        found = [_derivation(doc, earlier, grams, settings) for earlier in ordered[:i]]
        kept = sorted((d for d in found if d), key=lambda d: -d.score)
        derived[doc.id] = tuple(kept[:1])
    sources = {d.document for ds in derived.values() for d in ds}
    result = {}
    for doc in ordered:
        cites = find_cites(doc.text, outlets - {doc.outlet or ""})
        result[doc.id] = Provenance(role=_role(doc, derived[doc.id], sources), derived_from=derived[doc.id], cites=cites)
    return result


def _age(doc: Document) -> tuple[str, str]:
    return (doc.published or "9999", doc.ingested_at)


def _derivation(doc: Document, earlier: Document, grams: dict[str, set[int]], settings: Settings) -> Derivation | None:
    mine, theirs = grams[doc.id], grams[earlier.id]
    if not mine or not theirs:
        return None
    shared = len(mine & theirs) / len(mine)
    if shared >= settings.copy_threshold:
        relation = "copy" if len(mine) >= 0.5 * len(theirs) else "excerpt"
    elif shared >= settings.rewrite_threshold:
        relation = "rewrite"
    else:
        return None
    label = earlier.outlet or earlier.source
    reason = f"{relation} of {label} ({shared:.0%} of its word 5-grams appear there)"
    return Derivation(document=earlier.id, relation=relation, score=round(shared, 3), reason=reason)


def _role(doc: Document, derived: tuple[Derivation, ...], sources: set[str]) -> Role:
    if derived:
        return "copy" if derived[0].relation in ("copy", "excerpt") else "rewrite"
    if doc.boilerplate_removed > len(doc.text) * 0.5:
        return "aggregator"
    if doc.id in sources:
        return "original"
    return "independent"


def find_cites(text: str, outlets: set[str]) -> tuple[str, ...]:
    """News organisations the text names as its source: known outlets and names that read like one."""
    names = [m.group(1) for m in _CITE.finditer(text)] + [m.group(1) for m in _REPORTED.finditer(text)]
    found = []
    for name in names:
        name = re.sub(r"^the\s+", "The ", name.strip(" .,'’"))
        name = re.sub(r"(?:'s|’s)$", "", name)
        if name in outlets or _NEWS_WORD.search(name):
            found.append(name)
    return tuple(dict.fromkeys(found))


def origin_of(doc_id: str, prov: dict[str, Provenance]) -> str:
    """The root a document derives from, or the primary source it cites, or itself."""
    seen = set()
    current = doc_id
    while prov.get(current) and prov[current].derived_from and current not in seen:
        seen.add(current)
        current = prov[current].derived_from[0].document
    cites = prov[current].cites if current in prov else ()
    return f"cites:{cites[0]}" if cites else current
