"""What the stream bench needs of a story clusterer, and the two ways it drives one.

A clusterer is configured in its constructor (the bench takes a factory that builds a fresh one),
learns in ``fit`` and places documents one at a time in ``assign``: ``storyline.stream_cluster.StreamClusterer``
(the pipeline's) and the plain TF-IDF baseline ``bench.tfidf_clusterer.StoryClusterer`` are two.

* ``pipeline``: one ``fit`` over the whole stream, in stream order, which is how
  ``storyline.pipeline.stories`` clusters the stored documents today.
* ``online``: ``fit`` on the first documents of the stream (a warm-up), then ``assign`` for every
  later one, as a clusterer that keeps up with a live feed would run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Protocol

from bench.tfidf_clusterer import DEFAULT_THRESHOLD, StoryClusterer
from storyline.records import Document


class StreamClusterer(Protocol):
    """``fit`` returns the stories of its documents, the i-th with key i; ``assign`` returns one
    document's story key: an earlier story's, or the next unused integer for a new story."""

    def fit(self, documents: Sequence[Document], /) -> Sequence[Sequence[Document]]: ...

    def assign(self, document: Document, /) -> int: ...


Factory = Callable[[], StreamClusterer]


def tfidf_baseline() -> StreamClusterer:
    """The plain TF-IDF threshold clusterer at its default threshold."""
    return StoryClusterer(DEFAULT_THRESHOLD)


class Alone:
    """Every document its own story: the floor of the bench's own cost per document, and a check of its plumbing."""

    def __init__(self) -> None:
        self._stories = 0

    def fit(self, documents: Sequence[Document], /) -> list[list[Document]]:
        self._stories = len(documents)
        return [[doc] for doc in documents]

    def assign(self, document: Document, /) -> int:
        self._stories += 1
        return self._stories - 1


def current(clusterer: object, keys: Sequence[int]) -> list[int]:
    """``keys`` as the clusterer names those stories now: one that merges stories (``resolve``) maps a
    merged story's key to the key of the story it joined."""
    resolve = getattr(clusterer, "resolve", None)
    return [resolve(key) for key in keys] if resolve else list(keys)


def load(spec: str) -> Factory:
    """A factory named ``module:attribute`` (a class, or a function that returns a clusterer)."""
    module, _, name = spec.partition(":")
    try:
        factory: Factory = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"cannot load clusterer {spec!r} ({exc}); give it as module:attribute") from exc
    return factory


def describe(factory: Factory) -> str:
    clusterer = factory()
    threshold = getattr(clusterer, "threshold", None)
    name = f"{type(clusterer).__module__}.{type(clusterer).__qualname__}"
    return f"{name}(threshold={threshold})" if threshold is not None else name


def fitted_keys(clusterer: StreamClusterer, documents: Sequence[Document]) -> list[int]:
    """``fit`` on ``documents``; each document's story key, in their order."""
    story = {doc.id: key for key, group in enumerate(clusterer.fit(documents)) for doc in group}
    return [story[doc.id] for doc in documents]


def pipeline(factory: Factory, documents: Sequence[Document]) -> list[int]:
    """Story keys from one ``fit`` over every document."""
    return fitted_keys(factory(), documents)


def online(factory: Factory, documents: Sequence[Document], warmup: int) -> list[int]:
    """Story keys from ``fit`` on the first ``warmup`` documents and ``assign`` for the rest."""
    clusterer = factory()
    keys = fitted_keys(clusterer, documents[:warmup]) + [clusterer.assign(doc) for doc in documents[warmup:]]
    return current(clusterer, keys)
