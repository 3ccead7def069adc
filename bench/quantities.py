"""Quantities on NewsQuant dev (../shared/data/newsquant-dev), with quantulum3 run beside it.

    python -m bench.quantities [--data ../shared/data/newsquant-dev/NewsQuant-dev.json]

Per sentence, predicted quantities are matched one to one with the gold ones on value
(a range matches a range with the same bounds).  value F1 counts those matches; value+unit
F1 also needs the unit: the gold ``normalized_unit`` equal to ours, or, for counted nouns
(units outside a measurement table), the same last word; value+change F1 also needs the
change (= ~ > < up down).  Micro-averaged over quantities.  Published (full NewsQuant):
CQE 92.0 / 85.6 / 88.1, quantulum3 73.0 / 47.2.  Speed: sentences per second on one core.
Writes ``bench/results/quantities.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import save
from storyline.quantities import find_quantities

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsquant-dev" / "NewsQuant-dev.json"
RESULTS = Path(__file__).resolve().parent / "results" / "quantities.json"
PUBLISHED = {
    "CQE": {"value": 92.0, "value_unit": 85.6, "value_change": 88.1},
    "quantulum3": {"value": 73.0, "value_unit": 47.2},
}


_NUM = r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_GOLD_VALUE = re.compile(rf"^({_NUM})(?:\s*-\s*({_NUM}))?$")


@dataclass(frozen=True)
class Found:
    low: float
    high: float
    unit: str
    change: str


def gold_of(item: dict[str, object]) -> list[Found]:
    out = []
    for q in item["quantities"]:  # type: ignore[attr-defined]
        found = _GOLD_VALUE.match(str(q["value"]).strip())
        if not found:
            continue
        parts = [float(p) for p in found.groups() if p]
        out.append(Found(min(parts), max(parts), str(q["normalized_unit"]).lower(), str(q["change"])))
    return out


def storyline(text: str) -> list[Found]:
    out = []
    for q in find_quantities(text):
        low = q.value if q.value is not None else q.low
        high = q.value if q.value is not None else q.high
        if low is not None and high is not None:
            out.append(Found(low, high, (q.unit or "-").lower(), q.change))
    return out


def quantulum(text: str) -> list[Found]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        out.append(Found(float(q.value), float(q.value), q.unit.name.lower(), "="))
    return out


def _same_value(a: Found, b: Found) -> bool:
    return abs(a.low - b.low) <= 1e-6 * max(1.0, abs(b.low)) and abs(a.high - b.high) <= 1e-6 * max(1.0, abs(b.high))


def _same_unit(a: Found, b: Found) -> bool:
    """Equal units, or counted nouns with the same last word (singular or plural alike)."""
    last = [unit.split()[-1].removesuffix("s") if unit.split() else "" for unit in (a.unit, b.unit)]
    return a.unit == b.unit or last[0] == last[1]


def score(items: Sequence[dict[str, object]], extractor: Callable[[str], list[Found]]) -> dict[str, float]:
    tallies = {"value": [0, 0, 0], "value_unit": [0, 0, 0], "value_change": [0, 0, 0]}
    started = time.perf_counter()
    predictions = [extractor(str(item["text"])) for item in items]
    seconds = time.perf_counter() - started
    for item, predicted in zip(items, predictions, strict=True):
        gold = gold_of(item)
        for name, extra in (
            ("value", None),
            ("value_unit", _same_unit),
            ("value_change", lambda a, b: a.change == b.change),
        ):
            matched = _match(predicted, gold, extra)
            tallies[name][0] += matched
            tallies[name][1] += len(predicted)
            tallies[name][2] += len(gold)
    out: dict[str, float] = {}
    for name, (tp, n_pred, n_gold) in tallies.items():
        p, r = tp / max(1, n_pred), tp / max(1, n_gold)
        out[f"{name}_f1"] = round(100 * 2 * p * r / (p + r), 1) if p + r else 0.0
        out[f"{name}_precision"], out[f"{name}_recall"] = round(100 * p, 1), round(100 * r, 1)
    out["sentences_per_second"] = round(len(items) / seconds, 1) if seconds else 0.0
    return out


def _match(predicted: list[Found], gold: list[Found], extra: Callable[[Found, Found], bool] | None) -> int:
    free = list(gold)
    hits = 0
    for p in predicted:
        for g in free:
            if _same_value(p, g) and (extra is None or extra(p, g)):
                free.remove(g)
                hits += 1
                break
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    items = json.loads(args.data.read_text("utf-8"))
    warnings.filterwarnings("ignore", module="quantulum3")
    result = {
        "benchmark": "NewsQuant dev (295 sentences, 461 quantities)",
        "storyline": score(items, storyline),
        "quantulum3": score(items, quantulum),
        "published_full_newsquant": PUBLISHED,
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
