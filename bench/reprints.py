"""Natural reprints in ECB+: articles from different outlets whose texts are near-identical.

Every document's word 5-grams (as a set, ``bench.shingles``) go into one inverted index, which gives
the number of shared 5-grams of every pair that shares any, across all topics at no extra cost.
For each such pair: Jaccard (shared / union) and containment (shared / the smaller set, so a
truncation of a longer article scores 1.0).  A pair is a reprint at containment >= the threshold
(0.5 by default).  Kinds: ``near-identical`` (Jaccard >= 0.8), ``contained`` (containment >= 0.8:
one text holds nearly all of the other, a truncation or an extended version), ``partial`` (the
rest: a shared wire text with edits, cuts or additions).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from bench.clustering import source_url
from bench.shingles import shingle_counts
from bench.syndication_score import components
from storyline.records import Document
from storyline.text import word_count

SHINGLE = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class Overlap:
    """Two documents (``first`` before ``second`` in file-name order) and their shared 5-grams."""

    first: str
    second: str
    jaccard: float
    containment: float

    @property
    def kind(self) -> str:
        if self.jaccard >= 0.8:
            return "near-identical"
        return "contained" if self.containment >= 0.8 else "partial"


def overlaps(documents: Sequence[Document], threshold: float) -> list[Overlap]:
    """Every pair of ``documents`` (any topic) whose containment reaches ``threshold``, in file-name order."""
    grams = {doc.id: set(shingle_counts(doc.text, SHINGLE)) for doc in documents}
    order = {doc.id: i for i, doc in enumerate(documents)}
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for doc in documents:
        for gram in grams[doc.id]:
            index[gram].append(doc.id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        for pair in combinations(ids, 2):
            shared[pair] += 1
    found = []
    for (a, b), common in shared.items():
        smaller = min(len(grams[a]), len(grams[b]))
        if common / smaller >= threshold:
            first, second = sorted((a, b), key=order.__getitem__)
            jaccard = common / (len(grams[a]) + len(grams[b]) - common)
            found.append(Overlap(first=first, second=second, jaccard=jaccard, containment=common / smaller))
    return sorted(found, key=lambda o: (order[o.first], order[o.second]))


def groups(pairs: Iterable[Overlap], ids: Sequence[str]) -> list[list[str]]:
    """Connected components (two documents or more) of the pairs among ``ids``, each in the order of ``ids``."""
    known = set(ids)
    component = components(ids, [(p.first, p.second) for p in pairs if p.first in known and p.second in known])
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id in ids:
        members[component[doc_id]].append(doc_id)
    return [group for group in members.values() if len(group) > 1]


def describe(pair: Overlap, labels: dict[str, str], documents: dict[str, Document]) -> dict[str, object]:
    """One reprint pair as the results file shows it: ids, gold stories, sizes, scores, URL and opening line."""
    docs = [documents[pair.first], documents[pair.second]]
    return {
        "documents": [pair.first, pair.second],
        "stories": [labels[pair.first], labels[pair.second]],
        "words": [word_count(d.text) for d in docs],
        "jaccard": round(pair.jaccard, 3),
        "containment": round(pair.containment, 3),
        "kind": pair.kind,
        "urls": [source_url(Path(d.source)) for d in docs],
        "openings": [d.text.split("\n", 1)[0][:120] for d in docs],
    }
