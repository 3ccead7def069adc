"""Fit the online story clusterer on the ECB+ train topics and write ``src/storyline/models/stories.json``.

    python -m bench.fit_stories [--seeds 3] [--output src/storyline/models/stories.json]

The dev topics are never read.  Two steps:

1. The model.  The train documents stream in (shuffled, ``--seeds`` orders) and each is put into its gold
   story (teacher forcing), so the clusterer's index and document frequencies grow as they would online.
   Before it is placed, every candidate story the index returns, and its gold story if the index missed it,
   gives one example: the ``stream_cluster.FEATURES`` of (document, story), labelled by whether the story is
   its gold one.  A logistic regression (L2, Newton steps) on those examples gives the weights.
2. The thresholds.  With those weights, the clusterer runs for real on the same train streams (shuffled and
   in date order) for every (threshold, merge threshold) of a grid; the pair with the best mean BCubed F1
   over the train topics is kept.

The output records the weights, thresholds, the grid's scores and the command, so the numbers can be traced.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from bench.cluster_scores import b_cubed
from bench.clustering import DEV_TOPICS
from bench.stream_data import Labelled, ecbplus, ordered
from bench.stream_protocol import pipeline
from storyline.stream_cluster import FEATURES, MODEL, Parameters, StreamClusterer

THRESHOLDS = (-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0)
MERGE_THRESHOLDS = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)  # repair always merges: no "never" in the grid
L2 = 1.0


def examples(stream: Sequence[Labelled], parameters: Parameters) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of (document, candidate story) and whether the candidate is the document's gold story."""
    clusterer = StreamClusterer(replace(parameters, repair_every=0))
    story_of: dict[str, int] = {}
    rows, labels = [], []
    for item in stream:
        vector, when, years = clusterer.read(item.document)
        gold = story_of.get(item.story)
        found = clusterer.candidates(vector)
        if gold is not None and gold not in found:
            found.append(gold)
        if found:
            rows.append(clusterer.features(vector, when, years, found))
            labels.extend(story == gold for story in found)
        story_of[item.story] = clusterer.place(vector, when, years, gold)
    return np.vstack(rows), np.asarray(labels, dtype=np.float64)


def logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weights of an L2-regularised logistic regression (the bias, the last column, is not penalised)."""
    weights = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + penalty * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def stream_f1(streams: Sequence[Sequence[Labelled]], parameters: Parameters) -> float:
    """Mean BCubed F1 of the clusterer run online over each stream."""
    values = []
    for stream in streams:
        keys = pipeline(lambda: StreamClusterer(parameters), [item.document for item in stream])
        values.append(b_cubed([item.story for item in stream], keys)["f1"])
    return statistics.fmean(values)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    train = [item for item in ecbplus() if item.coarse not in DEV_TOPICS]
    base = Parameters()
    shuffled = [ordered(train, "shuffled", seed) for seed in range(args.seeds)]
    blocks = [examples(stream, base) for stream in shuffled]
    x, y = np.vstack([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])
    weights = logistic(x, y)
    print(f"{len(y)} examples ({int(y.sum())} positive); weights:")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:>16} {w:8.3f}")
    streams = shuffled + [ordered(train, "dated", seed) for seed in range(args.seeds)]
    fitted = replace(base, weights=tuple(round(float(w), 4) for w in weights))
    grid = []
    for threshold in THRESHOLDS:
        for merge in MERGE_THRESHOLDS:
            f1 = stream_f1(streams, replace(fitted, threshold=threshold, merge_threshold=merge))
            grid.append({"threshold": threshold, "merge_threshold": merge, "train_bcubed_f1": round(f1, 4)})
            print(f"  threshold {threshold:5.1f} merge {merge:5.1f}: train BCubed F1 {f1:.4f}")
    best = max(grid, key=lambda row: row["train_bcubed_f1"])
    chosen = replace(fitted, threshold=best["threshold"], merge_threshold=best["merge_threshold"])
    out = {
        "command": "python -m bench.fit_stories",
        "data": "ECB+ train topics (every topic but the dev topics of bench.clustering)",
        "features": list(FEATURES),
        "examples": {"rows": len(y), "positive": int(y.sum())},
        "parameters": asdict(chosen),
        "train_bcubed_f1": best["train_bcubed_f1"],
        "grid": grid,
    }
    args.output.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"chose threshold {chosen.threshold}, merge {chosen.merge_threshold}: train F1 {best['train_bcubed_f1']}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
