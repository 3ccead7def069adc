"""Subjective (the writer's opinion) vs objective sentences: a small transformer on CPU, then a linear head.

A sentence is cut into WordPiece pieces (``wordpiece.py``, the vocabulary of all-MiniLM-L6-v2, at most
``MAX_PIECES`` with ``[CLS]`` and ``[SEP]``) and run through MiniLM-L6 exported to ONNX and quantised to int8
(``models/subjectivity.onnx``, run by onnxruntime on one thread).  The graph returns the sentence's features:
the mean over hidden layers 3 to 6 of the token vectors, mean-pooled over the pieces.  A logistic regression
(``models/subjectivity.json``: one weight per feature, a bias and the decision threshold, with the
standardisation folded in) reads them.  ``python -m bench.train_subjectivity`` makes all three files from
CheckThat! 2023 English train only.  Everything loads lazily, once; nothing is downloaded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import onnxruntime

from storyline.wordpiece import UNKNOWN, tokenize

MAX_PIECES = 128
"""Pieces per sentence the model sees, ``[CLS]`` and ``[SEP]`` included (the rest is cut off)."""
_CLS, _SEP = "[CLS]", "[SEP]"


@dataclass(frozen=True, kw_only=True)
class Model:
    """The encoder session, its vocabulary and the linear head."""

    session: Any
    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float
    seen: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    """Features of recent sentences (1.5 kB each): the claims stage reads a sentence, provenance compares it."""


def is_subjective(sentence: str) -> bool:
    """Whether the model reads the sentence as the writer's own view."""
    model = _model()
    return bool(scores(model, [sentence])[0] > model.threshold)


def scores(model: Model, sentences: Sequence[str]) -> np.ndarray:
    """The model's log-odds that each sentence is subjective (before the threshold)."""
    return np.asarray(features(model, sentences).astype(np.float64) @ model.weights + model.bias, dtype=np.float64)


def piece_ids(vocabulary: dict[str, int], sentence: str) -> list[int]:
    """The ids the encoder reads: ``[CLS]``, the sentence's pieces (cut to fit ``MAX_PIECES``), ``[SEP]``."""
    found = tokenize(sentence, vocabulary) or [UNKNOWN]
    return [vocabulary[_CLS], *(vocabulary[piece] for piece in found[: MAX_PIECES - 2]), vocabulary[_SEP]]


def features(model: Model, sentences: Sequence[str]) -> np.ndarray:
    """One row of pooled encoder features per sentence (float32).

    Each sentence runs alone, never in a padded batch: dynamic quantisation scales the activations of the
    whole input tensor, so in a batch a sentence's features would depend on its neighbours.
    """
    rows = []
    for sentence in sentences:
        row = model.seen.get(sentence)
        if row is None:
            ids = np.array([piece_ids(model.vocabulary, sentence)], dtype=np.int64)
            row = model.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            with _SEEN_LOCK:
                if len(model.seen) >= _SEEN_MAX:
                    model.seen.pop(next(iter(model.seen)))
                model.seen[sentence] = row
        rows.append(row)
    return np.stack(rows) if rows else np.zeros((0, len(model.weights)), dtype=np.float32)


_SEEN_LOCK = threading.Lock()
_SEEN_MAX = 20_000
"""Sentences whose features a model keeps."""


def sentence_vectors(sentences: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors from the encoder (the features above): their dot product is the cosine
    similarity of two sentences' meaning, which finds paraphrases that share few words."""
    rows = features(_model(), sentences).astype(np.float64)
    return np.asarray(rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9), dtype=np.float64)


def session(onnx: bytes) -> Any:
    """An onnxruntime CPU session on one thread (deterministic; callers parallelise across processes)."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(onnx, options, providers=["CPUExecutionProvider"])


def load_encoder() -> tuple[Any, dict[str, int]]:
    """The shipped encoder session and its vocabulary (piece -> id)."""
    folder = resources.files("storyline.models")
    lines = folder.joinpath("subjectivity-vocab.txt").read_text("utf-8").splitlines()
    return session(folder.joinpath("subjectivity.onnx").read_bytes()), {piece: i for i, piece in enumerate(lines)}


@cache
def _model() -> Model:
    encoder, vocabulary = load_encoder()
    text = resources.files("storyline.models").joinpath("subjectivity.json").read_text("utf-8")
    head = json.loads(text)
    return Model(
        session=encoder,
        vocabulary=vocabulary,
        weights=np.array(head["weights"], dtype=np.float64),
        bias=float(head["bias"]),
        threshold=float(head["threshold"]),
    )
