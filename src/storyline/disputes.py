"""Which claims of a story another claim contradicts: their status becomes ``disputed``.

Two ways a story's claims can contradict each other:

* a figure of type ``conflict`` (``figures.py``): the same thing, scope and time, incompatible values ("a 7-2
  vote" / "a 6-3 vote").  Every claim that states one of the figure's values is disputed;
* two claims of different documents that say the same words with opposite polarity ("the bridge was closed" /
  "the bridge was not closed"): most of their content words in common and one negation apart.

A disputed claim stays in the brief with its status; which side is right is the reader's to judge from the
disagreements section, which states the figure's values and their sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from storyline.records import Claim, Figure
from storyline.text import content_words, polarity

_SAME_WORDS = 0.7
"""Share of two claims' content words in common (Jaccard) that makes them one statement, negation aside."""
_MIN_WORDS = 4
_COMMON = 100
"""Claims a word may be in and still count towards two claims' words in common (keeps long stories linear)."""


def mark_disputed(claims: Sequence[Claim], figures: Sequence[Figure]) -> list[Claim]:
    """``claims`` with ``status="disputed"`` where a conflicting figure or an opposite claim contradicts them."""
    disputed = _in_conflicting_figures(claims, figures) | _negated(claims)
    return [replace(c, status="disputed") if c.id in disputed else c for c in claims]


def _in_conflicting_figures(claims: Sequence[Claim], figures: Sequence[Figure]) -> set[str]:
    stated: dict[str, set[str]] = defaultdict(set)  # document -> conflicting figures' values as it writes them
    for figure in figures:
        if figure.discrepancy.type == "conflict":
            for value in figure.values:
                for doc in value.documents:
                    stated[doc].add(value.text)
    return {c.id for c in claims if any(text in m.text for m in c.mentions for text in stated.get(m.document, ()))}


def _negated(claims: Sequence[Claim]) -> set[str]:
    words = {c.id: frozenset(content_words(c.text)) for c in claims}
    holders: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for word in words[claim.id]:
            holders[word].append(i)
    found: set[str] = set()
    for i, claim in enumerate(claims):
        mine = words[claim.id]
        if len(mine) < _MIN_WORDS:
            continue
        shared: defaultdict[int, int] = defaultdict(int)
        for word in mine:
            if len(holders[word]) > _COMMON:
                continue  # a word most claims have says nothing about which of them are one statement
            for j in holders[word]:
                if j > i:
                    shared[j] += 1
        for j, count in shared.items():
            other = claims[j]
            theirs = words[other.id]
            if count / len(mine | theirs) < _SAME_WORDS or set(claim.documents) & set(other.documents):
                continue
            if polarity(claim.text) != polarity(other.text):
                found |= {claim.id, other.id}
    return found
