"""Main-text extraction on the ScrapingHub article-extraction-benchmark (181 real pages).

    python -m bench.extraction [--data ../shared/data/article-extraction-benchmark] [--limit N]

Scores, with the benchmark's metric (F1 over word 4-gram shingles):
- ``storyline``: Storyline's extract stage (trafilatura plus Storyline's boilerplate rules);
- ``trafilatura_plain``: trafilatura alone, same version, run here in the same process (the peer);
- ``published_*``: the extractor outputs shipped with the benchmark, re-scored with our scorer,
  which shows the scorer reproduces the published figures.
Speed is the ratio of Storyline's time to the peer's time on the same pages, memory the
ratio of peak Python allocations (tracemalloc).  Writes ``bench/results/extraction.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import trafilatura

from bench import save
from bench.shingles import f1_table
from storyline.config import Settings
from storyline.extract import extract
from storyline.records import RawItem, Rejection

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
RESULTS = Path(__file__).resolve().parent / "results" / "extraction.json"
PUBLISHED = {"trafilatura": 0.958, "newspaper4k": 0.949, "readability-lxml": 0.922, "goose3": 0.896, "justext": 0.804}


def storyline_text(html: str, url: str | None) -> str:
    """Clean text as Storyline stores it; the headline is kept apart, as in the reference."""
    result = extract(RawItem(source=url or "page", key="bench", format="html", body=html, url=url), Settings())
    if isinstance(result, Rejection):
        return ""
    return result.text


def plain_trafilatura(html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url) or ""


def run(extractor: Callable[[str, str | None], str], pages: list[tuple[str, str, str | None]]) -> dict[str, float]:
    tracemalloc.start()
    started = time.perf_counter()
    outputs = [extractor(html, url) for _, html, url in pages]
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    scores = f1_table([(ref, out) for (ref, _, _), out in zip(pages, outputs, strict=True)])
    return {**scores, "seconds": round(seconds, 2), "peak_mib": round(peak / 2**20, 1)}


def load(data: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        pages.append((truth[key].get("articleBody") or "", html, truth[key].get("url")))
    return pages


def published_scores(data: Path, keys: list[str]) -> dict[str, float]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    out = {}
    for path in sorted((data / "output").glob("*.json")):
        shipped = json.loads(path.read_text("utf-8"))
        shipped = shipped.get("output", shipped)
        pairs = [(truth[k].get("articleBody") or "", (shipped.get(k) or {}).get("articleBody") or "") for k in keys]
        out[path.stem] = f1_table(pairs)["f1"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    pages = load(args.data, args.limit)
    for warm_up in (storyline_text, plain_trafilatura):  # lazy imports and caches are not per-page cost
        warm_up(pages[0][1], pages[0][2])
    ours = run(storyline_text, pages)
    peer = run(plain_trafilatura, pages)
    truth_keys = sorted(json.loads((args.data / "ground-truth.json").read_text("utf-8")))[: args.limit]
    result = {
        "benchmark": "article-extraction-benchmark",
        "metric": "F1 over word 4-gram shingles (precision and recall averaged over pages)",
        "pages": len(pages),
        "storyline": ours,
        "trafilatura_plain": peer,
        "time_ratio_vs_trafilatura": round(ours["seconds"] / peer["seconds"], 2),
        "memory_ratio_vs_trafilatura": round(ours["peak_mib"] / peer["peak_mib"], 2) if peer["peak_mib"] else None,
        "rescored_shipped_outputs_f1": published_scores(args.data, truth_keys),
        "published_f1": PUBLISHED,
        "trafilatura_version": trafilatura.__version__,
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
