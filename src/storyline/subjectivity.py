"""A small linear model of subjective (opinion) vs objective sentences, pure Python at run time.

A sentence is cut into WordPiece pieces (``wordpiece.py``, the vocabulary of all-MiniLM-L6-v2);
its score is a bias plus the mean of one learned weight per piece.  The weights are a logistic
regression over the mean of the model's static input embeddings, folded into one number per piece
by ``python -m bench.train_subjectivity`` (CheckThat! 2023 English train only; the threshold is
chosen by cross-validation on train).  They ship in ``models/subjectivity.json`` and load lazily, once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storyline.wordpiece import UNKNOWN, tokenize


@dataclass(frozen=True, kw_only=True)
class PieceModel:
    """One weight per vocabulary piece, a bias and the decision threshold."""

    pieces: dict[str, float]
    bias: float
    threshold: float


def is_subjective(sentence: str) -> bool:
    """Whether the model reads the sentence as the writer's own view."""
    model = _model()
    return score(model, sentence) > model.threshold


def score(model: PieceModel, sentence: str) -> float:
    """The model's log-odds that ``sentence`` is subjective (before the threshold)."""
    weights = model.pieces
    found = tokenize(sentence, weights) or [UNKNOWN]
    return model.bias + sum(weights[piece] for piece in found) / len(found)


@cache
def _model() -> PieceModel:
    text = resources.files("storyline.models").joinpath("subjectivity.json").read_text("utf-8")
    data = json.loads(text)
    return PieceModel(pieces=data["pieces"], bias=float(data["bias"]), threshold=float(data["threshold"]))
