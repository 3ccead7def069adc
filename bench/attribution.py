"""Attribution spans on PolNeAR dev (../shared/data/polnear/dev): source, cue and content.

    python -m bench.attribution [--data ../shared/data/polnear/dev]

Each article's text is split into sentences by Storyline's splitter and every sentence goes through
``attribution.find_attributions``.  Gold spans come from one annotator file per article (the first
by name).  Exact: same start and end; overlap: the spans share at least one word.  Precision is the
share of predicted spans that match a gold span of the same role, recall the share of gold spans
matched.  Published best exact F1 (CofeNet, BERT): source 83.2, cue 75.3, content 72.9.
Speed: sentences per second on one core, for attribution alone and for the whole claims stage.  Writes ``bench/results/attribution.json``.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

from bench import save
from storyline.attribution import find_attributions
from storyline.claims import read_text, sentence_spans

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
RESULTS = Path(__file__).resolve().parent / "results" / "attribution.json"
PUBLISHED_EXACT_F1 = {"source": 83.2, "cue": 75.3, "content": 72.9}
ROLES = ("source", "cue", "content")
Spans = dict[str, list[tuple[int, int]]]


def gold_spans(path: Path) -> Spans:
    spans: Spans = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        role, *ranges = re.split(r"[ ;]", parts[1])
        if role.lower() in ROLES:
            numbers = [int(n) for n in ranges]
            spans[role.lower()].append((min(numbers), max(numbers)))
    return spans


def predicted_spans(text: str) -> tuple[Spans, int]:
    spans: Spans = defaultdict(list)
    count = 0
    for start, end in sentence_spans(text):
        count += 1
        for found in find_attributions(text[start:end], offset=start):
            for role in ROLES:
                span = getattr(found, role)
                if span is not None and (span.start, span.end) not in spans[role]:
                    spans[role].append((span.start, span.end))
    return spans, count


def _same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a == b


def _overlaps(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    low, high = max(a[0], b[0]), min(a[1], b[1])
    return high > low and bool(re.search(r"\w", text[low:high]))


def stage_speed(data: Path) -> float:
    """Sentences per second of the whole claims stage (``claims.read_text``: sentences, kind, attribution,
    speakers, quantities) over the same articles, on one core."""
    texts = [path.read_text("utf-8") for path in sorted((data / "text").glob("*.txt"))]
    started = time.perf_counter()
    count = sum(len(read_text(text)) for text in texts)
    return round(count / (time.perf_counter() - started), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    tallies = {(role, kind): [0, 0, 0, 0] for role in ROLES for kind in ("exact", "overlap")}
    sentences, seconds = 0, 0.0
    for text_path in sorted((args.data / "text").glob("*.txt")):
        annotations = sorted((args.data / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text("utf-8")
        gold = gold_spans(annotations[0])
        started = time.perf_counter()
        predicted, count = predicted_spans(text)
        seconds += time.perf_counter() - started
        sentences += count
        for role in ROLES:
            for kind, same in (("exact", _same), ("overlap", partial(_overlaps, text=text))):
                tally = tallies[(role, kind)]
                tally[0] += sum(1 for p in predicted[role] if any(same(p, g) for g in gold[role]))
                tally[1] += len(predicted[role])
                tally[2] += sum(1 for g in gold[role] if any(same(p, g) for p in predicted[role]))
                tally[3] += len(gold[role])
    scores = {}
    for (role, kind), (hit_p, n_p, hit_g, n_g) in tallies.items():
        p, r = hit_p / max(1, n_p), hit_g / max(1, n_g)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        scores[f"{role}_{kind}"] = {
            "precision": round(100 * p, 1),
            "recall": round(100 * r, 1),
            "f1": round(100 * f1, 1),
        }
    result = {
        "benchmark": "PolNeAR dev, one annotator file per article",
        "storyline": scores,
        "sentences_per_second": round(sentences / seconds, 1) if seconds else None,
        "claims_stage_sentences_per_second": stage_speed(args.data),
        "published_exact_f1": PUBLISHED_EXACT_F1,
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
