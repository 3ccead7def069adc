"""The article-extraction-benchmark metric: precision/recall/F1 over word 4-gram shingles.

Per page, shingle multisets of the reference and the prediction give tp/fp/fn;
precision and recall are averaged over pages and F1 is their harmonic mean, as
the benchmark's published table reports them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_counts(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_scores(reference: str, prediction: str) -> tuple[float, float]:
    """(precision, recall) of one page; an empty side scores as in the benchmark (1 if both empty)."""
    ref, pred = shingle_counts(reference), shingle_counts(prediction)
    tp = sum((ref & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def f1_table(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    scores = [page_scores(ref, pred) for ref, pred in pairs]
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
