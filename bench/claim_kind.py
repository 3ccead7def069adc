"""Reported fact vs opinion on CheckThat! 2023 Task 2 (English subjectivity), train and dev.

    python -m bench.claim_kind [--data ../shared/data/checkthat2023-subjectivity-en]

Storyline's claim-kind rules (``claims.read_sentence``, exactly as the pipeline runs them)
label a sentence SUBJ when they call it opinion or speculation, OBJ when reported.  Scores: macro-F1
over SUBJ/OBJ, next to two reference points computed in the same run (always the majority class;
always SUBJ).  The published figures are on the held-out test set: best 78.18, baseline 71.98.
Writes ``bench/results/claim_kind.json``.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Sequence
from pathlib import Path

from bench import save
from storyline.claims import read_sentence

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkthat2023-subjectivity-en"
RESULTS = Path(__file__).resolve().parent / "results" / "claim_kind.json"
PUBLISHED = {"best_test_macro_f1": 78.18, "baseline_test_macro_f1": 71.98}


def load(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)  # id, sentence, label, solved_conflict
        return [(row[1], row[2]) for row in rows if len(row) > 2 and row[2] in ("SUBJ", "OBJ")]


def predict(sentence: str) -> str:
    kind, _ = read_sentence(sentence)
    return "OBJ" if kind == "reported" else "SUBJ"


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = []
    for label in ("SUBJ", "OBJ"):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(100 * sum(scores) / len(scores), 2)


def score(rows: list[tuple[str, str]]) -> dict[str, object]:
    gold = [label for _, label in rows]
    started = time.perf_counter()
    predicted = [predict(text) for text, _ in rows]
    seconds = time.perf_counter() - started
    majority = max(("SUBJ", "OBJ"), key=gold.count)
    return {
        "sentences": len(rows),
        "storyline_macro_f1": macro_f1(gold, predicted),
        "reference_majority_class_macro_f1": macro_f1(gold, [majority] * len(gold)),
        "reference_always_subj_macro_f1": macro_f1(gold, ["SUBJ"] * len(gold)),
        "seconds": round(seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = {
        "benchmark": "CheckThat! 2023 Task 2 English (SUBJ = opinion or speculation)",
        "train": score(load(args.data / "train_en.tsv")),
        "dev": score(load(args.data / "dev_en.tsv")),
        "published": PUBLISHED,
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
