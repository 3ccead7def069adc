"""Train the subjectivity model on CheckThat! 2023 English train; write src/storyline/models/subjectivity.json.

    python -m bench.train_subjectivity [--data ../shared/data/checkthat2023-subjectivity-en]

Deterministic: fixed order and hyper-parameters (5 epochs, L2 1e-3); the decision threshold is the
one with the best macro-F1 in 5-fold cross-validation on the train split (dev is never looked at).
The same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.claim_kind import DEFAULT_DATA, load, macro_f1
from storyline.subjectivity import score, train

MODEL = Path(__file__).resolve().parents[1] / "src" / "storyline" / "models" / "subjectivity.json"
EPOCHS, L2, FOLDS = 5, 1e-3, 5


def cross_validated_threshold(rows: list[tuple[str, bool]]) -> float:
    scored: list[tuple[float, bool]] = []
    for fold in range(FOLDS):
        weights = train([r for i, r in enumerate(rows) if i % FOLDS != fold], epochs=EPOCHS, l2=L2)
        scored += [(score(weights, text), label) for i, (text, label) in enumerate(rows) if i % FOLDS == fold]
    gold = ["SUBJ" if label else "OBJ" for _, label in scored]
    candidates = [step / 4 for step in range(-12, 13)]
    return max(candidates, key=lambda t: macro_f1(gold, ["SUBJ" if s > t else "OBJ" for s, _ in scored]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    rows = [(text, label == "SUBJ") for text, label in load(args.data / "train_en.tsv")]
    model = {"threshold": cross_validated_threshold(rows), "weights": train(rows, epochs=EPOCHS, l2=L2)}
    MODEL.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(json.dumps({"threshold": model["threshold"], "weights": len(model["weights"])}))


if __name__ == "__main__":
    main()
