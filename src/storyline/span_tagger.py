"""A learned tagger for attribution spans: which words of a sentence are a source, a cue or a content.

Three linear-chain CRFs (python-crfsuite), one per role, tag each word B/I/O from the same features:
the word, its shape and affixes, its neighbours, whether it sits inside quotation marks, how far the
nearest cue-like word is, and the spans the rules in ``attribution`` found (the CRF learns when to
trust them).  The models are trained by ``python -m bench.train_attribution`` on the PolNeAR train
split and shipped in ``models/``; they load lazily, once.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

ROLES = ("source", "cue", "content")
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)*|\w+(?:[’'-]\w+)*|\S")
_OPEN, _CLOSE, _STRAIGHT = "“‘", "”’", '"'
_PRONOUNS = frozenset("i you he she it we they who this that these those".split())


@dataclass(frozen=True, kw_only=True, slots=True)
class Token:
    """A word of a sentence: ``start:end`` in the sentence's text."""

    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    """The words and punctuation marks of ``text``."""
    return [Token(start=m.start(), end=m.end(), text=m.group()) for m in _WORD.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "X", re.sub(r"[a-z]+", "x", re.sub(r"\d+", "d", word)))
    return shape[:4]


def _bucket(distance: int | None) -> str:
    if distance is None:
        return "none"
    return str(distance) if distance <= 3 else ("4-6" if distance <= 6 else ("7-12" if distance <= 12 else "far"))


def features(words: Sequence[Token], cues: Sequence[bool], rule_roles: Sequence[str]) -> list[list[str]]:
    """The features of each word: ``cues`` says which words look like cues, ``rule_roles`` is the rules' tag."""
    lowers = [w.text.lower() for w in words]
    shapes = [_shape(w.text) for w in words]
    quoted, inside = [], False
    for word in words:
        if word.text in _OPEN or (word.text == _STRAIGHT and not inside):
            quoted.append(False)
            inside = True
            continue
        if word.text in _CLOSE or word.text == _STRAIGHT:
            quoted.append(False)
            inside = False
            continue
        quoted.append(inside)
    relative = _relative(lowers, [i for i, cue in enumerate(cues) if cue], "c")
    count = len(words)
    capitalised = [w.text[:1].isupper() for w in words]
    runs = [0] * count  # the length of the run of capitalised words each word is in
    i = 0
    while i < count:
        j = i
        while j < count and capitalised[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    commas = 0
    rows = []
    for i, lower in enumerate(lowers):
        row = [
            "bias",
            f"w={lower}",
            f"s={shapes[i]}",
            f"suf={lower[-3:]}",
            f"pre={lower[:3]}",
            f"q={quoted[i]}",
            f"cue={cues[i]}",
            f"r={rule_roles[i]}",
            *relative[i],
            f"pos={'first' if i == 0 else ('last' if i == count - 1 else _bucket(i))}",
        ]
        row += [f"run={min(runs[i], 4)}", f"commas={min(commas, 2)}"]
        commas += lower == ","
        if lower in _PRONOUNS:
            row.append("pronoun")
        for step in (-3, -2, -1, 1, 2, 3):
            j = i + step
            if 0 <= j < count:
                row += [f"{step}w={lowers[j]}", f"{step}s={shapes[j]}", f"{step}r={rule_roles[j]}"]
                if step in (-1, 1):
                    row += [f"{step}cue={cues[j]}", f"{step}q={quoted[j]}", f"{step}suf={lowers[j][-3:]}"]
            else:
                row.append(f"{step}edge")
        row.append(f"w-1w={lowers[i - 1] if i else '^'}|{lower}")
        row.append(f"ww+1={lower}|{lowers[i + 1] if i + 1 < count else '$'}")
        rows.append(row)
    return rows


def _relative(lowers: Sequence[str], positions: Sequence[int], name: str) -> list[list[str]]:
    """Per word: how far the nearest marked word is on each side, and whether a comma lies between."""
    found = []
    for i in range(len(lowers)):
        left = max((p for p in positions if p < i), default=None)
        right = min((p for p in positions if p > i), default=None)
        comma_left = left is not None and "," in lowers[left + 1 : i]
        comma_right = right is not None and "," in lowers[i + 1 : right]
        row = [
            f"{name}l={_bucket(None if left is None else i - left)}:{comma_left}",
            f"{name}r={_bucket(None if right is None else right - i)}:{comma_right}",
        ]
        if left is not None:
            row.append(f"{name}lw={lowers[left]}")
        if right is not None:
            row.append(f"{name}rw={lowers[right]}")
        found.append(row)
    return found


def cue_features(lowers: Sequence[str], cue_probability: Sequence[float]) -> list[list[str]]:
    """Features from the cue tagger's output, for the source and content taggers."""
    positions = [i for i, p in enumerate(cue_probability) if p >= 0.5]
    relative = _relative(lowers, positions, "p")
    for row, probability in zip(relative, cue_probability, strict=True):
        row.append(f"pc={'high' if probability >= 0.5 else ('mid' if probability >= 0.2 else 'low')}")
    return relative


def cue_probabilities(tagger: Any, rows: list[list[str]]) -> list[float]:
    """A cue tagger's probability that each word is part of a cue (after ``tagger.tag(rows)``)."""
    return [1.0 - tagger.marginal("O", i) for i in range(len(rows))]


def spans_of(labels: Sequence[str], words: Sequence[Token]) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans that B/I labels mark."""
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for label, word in zip(labels, words, strict=True):
        if label == "B" or (label == "I" and current is None):
            if current:
                spans.append((current[0], current[1]))
            current = [word.start, word.end]
        elif label == "I" and current is not None:
            current[1] = word.end
        else:
            if current:
                spans.append((current[0], current[1]))
            current = None
    if current:
        spans.append((current[0], current[1]))
    return spans


def model_path(role: str, folder: Path | None = None) -> Path:
    """Where the model of one role is kept (the package's ``models/`` unless ``folder`` says otherwise)."""
    if folder is not None:
        return folder / f"attribution-{role}.crfsuite"
    return Path(str(resources.files("storyline") / "models" / f"attribution-{role}.crfsuite"))


def cue_words_path(folder: Path | None = None) -> Path:
    """Where the learned cue words are kept: words the training data tags as cues often enough."""
    return model_path("cues", folder).with_suffix(".json")


@cache
def cue_words() -> frozenset[str]:
    """The learned cue words (lower case), shipped with the models."""
    return frozenset(json.loads(cue_words_path().read_text("utf-8")))


@cache
def _tagger(role: str) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(role)))
    return tagger


def tag(words: Sequence[Token], rows: list[list[str]]) -> dict[str, list[str]]:
    """B/I/O labels of each role for words with these features: cues first, then sources and contents
    with features from the cues found."""
    if not rows:
        return {role: [] for role in ROLES}
    with _LOCK:  # a CRFsuite tagger keeps the last sequence it tagged: one caller at a time
        cue = _tagger("cue")
        labels = {"cue": list(cue.tag(rows))}
        probability = cue_probabilities(cue, rows)
        stacked = [
            row + extra
            for row, extra in zip(rows, cue_features([w.text.lower() for w in words], probability), strict=True)
        ]
        labels.update({role: list(_tagger(role).tag(stacked)) for role in ("source", "content")})
    return labels


_LOCK = threading.Lock()
