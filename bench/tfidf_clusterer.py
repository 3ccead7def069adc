"""The plain TF-IDF threshold clusterer: the baseline the story-clustering benches measure Storyline against.

Storyline's first story clusterer (the pipeline's until the online ``storyline.stream_cluster`` replaced it):
TF-IDF vectors over content words (title words counted twice), document frequencies learnt from the whole batch
in ``fit``, and a single pass in arrival order that puts each document into the story whose centroid it is most
similar to, or starts a new story below the threshold.  ``assign`` places one more document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from storyline.records import Document
from storyline.text import content_words

Vector = dict[str, float]


DEFAULT_THRESHOLD = 0.2
"""Cosine similarity at which a document joins a story (the pipeline's setting while it used this clusterer)."""


class StoryClusterer:
    """Single-pass centroid clustering with cosine similarity on TF-IDF vectors."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.threshold = threshold
        self._idf: dict[str, float] = {}
        self._default_idf = 1.0
        self._centroids: list[Vector] = []
        self._members: list[list[Document]] = []

    def fit(self, documents: Sequence[Document]) -> list[list[Document]]:
        """Learn document frequencies from ``documents`` and cluster them in order."""
        frequency: Counter[str] = Counter()
        for doc in documents:
            frequency.update(set(_terms(doc)))
        n = len(documents)
        self._idf = {term: math.log((1 + n) / (1 + df)) + 1 for term, df in frequency.items()}
        self._default_idf = math.log(1 + n) + 1
        self._centroids, self._members = [], []
        for doc in documents:
            self.assign(doc)
        return [list(group) for group in self._members]

    def assign(self, doc: Document) -> int:
        """Put ``doc`` into the most similar story (or a new one); return that story's index."""
        vector = self.vector(doc)
        best, best_score = -1, 0.0
        for i, centroid in enumerate(self._centroids):
            score = cosine(vector, centroid)
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= self.threshold:
            self._members[best].append(doc)
            self._centroids[best] = _add(self._centroids[best], vector)
            return best
        self._centroids.append(dict(vector))
        self._members.append([doc])
        return len(self._members) - 1

    def vector(self, doc: Document) -> Vector:
        counts = Counter(_terms(doc))
        weights = {t: (1 + math.log(c)) * self._idf.get(t, self._default_idf) for t, c in counts.items()}
        return _unit(weights)


def _terms(doc: Document) -> list[str]:
    title = content_words(doc.title or "")
    return title + title + content_words(doc.text)


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in b.values())) * math.sqrt(sum(w * w for w in a.values()))
    return dot / norm if norm else 0.0


def _add(a: Vector, b: Vector) -> Vector:
    out = dict(a)
    for t, w in b.items():
        out[t] = out.get(t, 0.0) + w
    return out


def _unit(v: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in v.values()))
    return {t: w / norm for t, w in v.items()} if norm else v
