"""A small logistic-regression model of subjective (opinion) vs objective sentences.

Features are lower-cased word unigrams and bigrams plus a few cues (first person, hedges,
evaluative words, quotes, numbers).  The weights are trained by ``python -m bench.train_subjectivity``
on the CheckThat! 2023 English train split and shipped in ``models/subjectivity.json``;
they load lazily, once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+|[!?\"“”]")
_CUES = {
    "cue:first_person": re.compile(r"\b(?:i|we|my|our|me|us)\b"),
    "cue:second_person": re.compile(r"\byou(?:r)?\b"),
    "cue:modal": re.compile(r"\b(?:should|must|ought|need to|have to)\b"),
    "cue:hedge": re.compile(r"\b(?:could|may|might|perhaps|possibly|probably|likely|seems?|appears?)\b"),
    "cue:number": re.compile(r"\d"),
    "cue:quote": re.compile(r"[\"“”]"),
    "cue:exclaim": re.compile(r"[!?]"),
}


def features(sentence: str) -> list[str]:
    """The sparse binary features of one sentence."""
    lower = sentence.lower()
    tokens = _TOKEN.findall(lower)
    found = {f"w:{t}" for t in tokens}
    found |= {f"b:{a}_{b}" for a, b in pairwise(tokens)}
    found |= {name for name, pattern in _CUES.items() if pattern.search(lower)}
    return sorted(found)


def train(
    rows: Iterable[tuple[str, bool]], *, epochs: int = 30, rate: float = 0.1, l2: float = 1e-4
) -> dict[str, float]:
    """Plain logistic regression by stochastic gradient descent, in a fixed order (reproducible)."""
    data = [(features(text), label) for text, label in rows]
    weights: dict[str, float] = {"bias": 0.0}
    for epoch in range(epochs):
        step = rate / (1 + epoch * 0.1)
        for feats, label in data:
            error = (1.0 if label else 0.0) - _sigmoid(_score(weights, feats))
            weights["bias"] += step * error
            for name in feats:
                value = weights.get(name, 0.0)
                weights[name] = value + step * (error - l2 * value)
    return {name: round(value, 5) for name, value in weights.items() if abs(value) >= 1e-4}


def is_subjective(sentence: str) -> bool:
    """Whether the model reads the sentence as the writer's own view."""
    model = _model()
    return score(model["weights"], sentence) > float(model["threshold"])


def score(weights: dict[str, float], sentence: str) -> float:
    return _score(weights, features(sentence))


def _score(weights: dict[str, float], feats: list[str]) -> float:
    return weights.get("bias", 0.0) + sum(weights.get(name, 0.0) for name in feats)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))


@cache
def _model() -> dict[str, Any]:
    text = resources.files("storyline.models").joinpath("subjectivity.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
