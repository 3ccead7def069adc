"""Scores of a flat clustering against gold labels: BCubed, pairwise, ARI, and where the errors lie.

Every score is computed from the contingency table (how many items each gold label shares with
each predicted cluster), so it costs O(items) and runs on a million-document stream in a second.

* BCubed (Bagga & Baldwin 1998): each item's precision is the share of its predicted cluster that
  has its gold label, its recall the share of its gold story that is in its cluster; both averaged
  over items.
* Pairwise: a pair of items is a true positive when it is together in both, a false positive when
  only the prediction joins it, a false negative when only gold does.
* ARI: the adjusted Rand index of ``bench.syndication_score``.
* Errors: false-positive pairs split into those inside one coarse label (e.g. the two events of an
  ECB+ topic; every gold label must lie inside one coarse label) and those across coarse labels;
  gold stories split over several clusters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb
from typing import Any

from bench.syndication_score import adjusted_rand


def b_cubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """BCubed precision, recall and F1 over items."""
    both = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in both.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in both.items()) / len(gold)
    return _prf(precision, recall)


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Pairwise precision, recall and F1; 1.0 where there is no pair to get right."""
    together = _pairs(Counter(zip(gold, predicted, strict=True)))
    predicted_pairs, gold_pairs = _pairs(Counter(predicted)), _pairs(Counter(gold))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return {**_prf(precision, recall), "true_pairs": together, "predicted_pairs": predicted_pairs}


def scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, object]:
    """BCubed, pairwise and ARI of one clustering, with the number of predicted stories."""
    return {
        "bcubed": b_cubed(gold, predicted),
        "pairwise": pairwise(gold, predicted),
        "ari": round(adjusted_rand([str(g) for g in gold], [str(p) for p in predicted]), 4),
        "stories": len(set(predicted)),
    }


def errors(gold: Sequence[Hashable], predicted: Sequence[Hashable], coarse: Sequence[Hashable]) -> dict[str, int]:
    """Where a clustering goes wrong: wrongly joined pairs inside and across coarse labels, split stories."""
    both = Counter(zip(gold, predicted, strict=True))
    wrong = _pairs(Counter(predicted)) - _pairs(both)
    coarse_wrong = _pairs(Counter(zip(coarse, predicted, strict=True))) - _pairs(both)
    clusters_per_story = Counter(g for g, _ in both)
    return {
        "false_pairs_within_coarse": coarse_wrong,
        "false_pairs_across_coarse": wrong - coarse_wrong,
        "missed_pairs": _pairs(Counter(gold)) - _pairs(both),
        "gold_stories": len(clusters_per_story),
        "gold_stories_split": sum(1 for n in clusters_per_story.values() if n > 1),
        "largest_split": max(clusters_per_story.values(), default=0),
        "clusters_mixing_stories": sum(1 for n in Counter(p for _, p in both).values() if n > 1),
    }


def _pairs(sizes: Counter[Any]) -> int:
    return sum(comb(n, 2) for n in sizes.values())


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
