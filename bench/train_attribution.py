"""Train the attribution span tagger on PolNeAR train; write src/storyline/models/attribution-*.crfsuite.

    python -m bench.train_attribution [--data ../shared/data/polnear/train] [--output DIR]

Each article is split into sentences by Storyline's splitter; every word gets the tagger's features
(``attribution.tagger_input``) and, per role, a B/I/O label from the first annotator file of the
article (a span that crosses a sentence boundary labels its part in each sentence).  One CRF per role,
L-BFGS with fixed elastic-net penalties and iterations: the same data gives the same models.  Dev is
never read here; ``python -m bench.attribution`` scores the result on it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from bench.attribution import DEFAULT_DATA, gold_spans
from storyline.attribution import tagger_input
from storyline.claims import sentence_spans
from storyline.span_tagger import ROLES, cue_features, cue_probabilities, cue_words_path, model_path, tokens

TRAIN = DEFAULT_DATA.parent / "train"
_COMMON = {"c1": 1.0, "c2": 0.05, "feature.minfreq": 3, "max_iterations": 150, "feature.possible_transitions": True}
PARAMS = {role: _COMMON for role in ROLES}
MIN_CUE, CUE_SHARE = 5, 0.2
FOLDS = 2
"""Cue models trained on all articles but one fold give the cue features of that fold's sentences."""


def labels(words: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O for words given as absolute ``(start, end)``: inside a span is I, its first word B."""
    tags = []
    previous: tuple[int, int] | None = None
    for start, end in words:
        span = next((s for s in spans if s[0] < end and s[1] > start), None)
        tags.append("O" if span is None else ("I" if span == previous else "B"))
        previous = span
    return tags


def articles(data: Path) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """Each article's text and its spans from the first annotator file, in file-name order."""
    found = []
    for text_path in sorted((data / "text").glob("*.txt")):
        annotations = sorted((data / "attributions").glob(f"{text_path.stem}_*.ann"))
        if annotations:
            found.append((text_path.read_text("utf-8"), dict(gold_spans(annotations[0]))))
    return found


def learned_cue_words(texts: list[tuple[str, dict[str, list[tuple[int, int]]]]]) -> list[str]:
    """Words that are part of a cue span in at least a fifth of their (at least 5) occurrences."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for text, gold in texts:
        for word in tokens(text):
            lower = word.text.lower()
            seen[lower] += 1
            if any(s < word.end and e > word.start for s, e in gold.get("cue", [])):
                cued[lower] += 1
    return sorted(w for w, n in cued.items() if n >= MIN_CUE and n >= CUE_SHARE * seen[w] and w.isalpha())


Example = tuple[int, list[str], list[list[str]], dict[str, list[str]]]
"""Article number, lower-cased words, features, labels per role: one sentence."""


def examples(texts: list[tuple[str, dict[str, list[tuple[int, int]]]]], cue_words: frozenset[str]) -> list[Example]:
    found = []
    for number, (text, gold) in enumerate(texts):
        for start, end in sentence_spans(text):
            words, rows = tagger_input(text[start:end], cue_words)
            bounds = [(start + w.start, start + w.end) for w in words]
            if rows:
                tags = {role: labels(bounds, gold.get(role, [])) for role in ROLES}
                found.append((number, [w.text.lower() for w in words], rows, tags))
    return found


_EXAMPLES: list[Example] = []
_STACKED: list[list[list[str]]] = []


def train(role: str, path: Path, fold: int | None = None) -> int:
    """Train one role's CRF on every example (or those outside ``fold``); the size of the model file."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for (number, _, rows, tags), stacked in zip(_EXAMPLES, _STACKED or [None] * len(_EXAMPLES), strict=True):
        if fold is None or number % FOLDS != fold:
            trainer.append(rows if role == "cue" else stacked, tags[role])
    trainer.set_params(PARAMS[role])
    trainer.train(str(path))
    return path.stat().st_size


def stacked_features(folder: Path) -> list[list[list[str]]]:
    """Each example's features plus those from cues found by a cue model that did not see its article."""
    taggers = []
    for fold in range(FOLDS):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(folder / f"cue-{fold}.crfsuite"))
        taggers.append(tagger)
    found = []
    for number, lowers, rows, _ in _EXAMPLES:
        tagger = taggers[number % FOLDS]
        tagger.tag(rows)
        extra = cue_features(lowers, cue_probabilities(tagger, rows))
        found.append([row + more for row, more in zip(rows, extra, strict=True)])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=TRAIN)
    parser.add_argument("--output", type=Path, default=None, help="folder for the models (default: the package)")
    args = parser.parse_args()
    started = time.perf_counter()
    texts = articles(args.data)
    cue_words = learned_cue_words(texts)
    cue_words_path(args.output).write_text(json.dumps(cue_words, indent=0) + "\n", "utf-8")
    _EXAMPLES[:] = examples(texts, frozenset(cue_words))
    report: dict[str, object] = {"sentences": len(_EXAMPLES), "cue_words": len(cue_words), "params": PARAMS}
    processes = min(len(ROLES), os.cpu_count() or 1)
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as scratch, context.Pool(processes) as pool:
        pool.starmap(train, [("cue", Path(scratch) / f"cue-{fold}.crfsuite", fold) for fold in range(FOLDS)])
        _STACKED[:] = stacked_features(Path(scratch))
    with context.Pool(processes) as pool:  # a new pool: its workers see the stacked features
        sizes = pool.starmap(train, [(role, model_path(role, args.output)) for role in ROLES])
    report.update(zip(ROLES, sizes, strict=True))
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
