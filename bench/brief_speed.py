"""Seconds to brief a story of 10, 50 and 100 documents, as ``storyline show`` does from the store.

    python -m bench.brief_speed [--sizes 10,50,100] [--repeat 3] [--output bench/results/brief_speed.json]

The documents are MultiLing 2011's English articles (``../shared/data/multiling2011``) in topic order, the
first N of them stored in a fresh SQLite store and analysed as one story (provenance, claims, figures, the
brief and its checker).  Two ways, each the median of ``--repeat`` runs, with the encoder's in-memory cache
emptied before each:

- ``cold``: no document read yet: every sentence is read (attribution tagger, subjectivity encoder), the
  readings stored, then the story analysed (what the first brief of new documents costs);
- ``warm``: the documents' readings are in the store (any earlier brief or show left them there): they are
  loaded, then the story analysed (what every later brief of the story costs, and what a story that grew
  by one document costs but for that document).

Loading the models once per process is reported apart.  The issue's target: a 50-document brief in under
2 s on this machine (2 cores; the pipeline uses one).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import save
from bench.stream_data import MULTILING_DATA, multiling
from storyline.config import Settings
from storyline.pipeline import analyse, stored_readings, story_of
from storyline.readings import read_document
from storyline.records import Document
from storyline.store import SQLiteStore
from storyline.subjectivity import _model

RESULTS = Path(__file__).resolve().parent / "results" / "brief_speed.json"
TARGET = {"documents": 50, "seconds": 2.0}


def timed_brief(documents: Sequence[Document], store: SQLiteStore, settings: Settings) -> tuple[float, int]:
    """Seconds to load or read the readings and analyse the story; and the brief's sentence count."""
    _model().seen.clear()
    started = time.perf_counter()
    readings = stored_readings(store, documents)
    analysis = analyse(story_of(documents), settings, {d.outlet for d in documents if d.outlet}, readings)
    return time.perf_counter() - started, len(analysis.brief)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,50,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    every = [item.document for item in multiling(MULTILING_DATA)]
    settings = Settings()
    started = time.perf_counter()
    read_document(every[0])  # loads the tagger and the encoder
    load = time.perf_counter() - started
    rows = {}
    for size in (int(s) for s in args.sizes.split(",")):
        documents = every[:size]
        cold, warm, sentences = [], [], 0
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "speed.db") as store:
                for doc in documents:
                    store.add_document(doc)
                seconds, sentences = timed_brief(documents, store, settings)
                cold.append(seconds)
                warm.append(timed_brief(documents, store, settings)[0])
        words = sum(len(d.text.split()) for d in documents)
        rows[str(size)] = {
            "documents": size,
            "words": words,
            "brief_sentences": sentences,
            "cold_seconds": round(statistics.median(cold), 3),
            "warm_seconds": round(statistics.median(warm), 3),
            "cold_over_warm": round(statistics.median(cold) / statistics.median(warm), 2),
        }
        print(rows[str(size)])
    target = rows.get(str(TARGET["documents"]))
    save(
        args.output,
        {
            "benchmark": "brief of one story from a SQLite store: MultiLing 2011 English articles, first N",
            "command": "python -m bench.brief_speed",
            "model_load_seconds": round(load, 3),
            "sizes": rows,
            "target": TARGET,
            "meets_target_warm": target is not None and target["warm_seconds"] < TARGET["seconds"],
            "meets_target_cold": target is not None and target["cold_seconds"] < TARGET["seconds"],
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        },
    )


if __name__ == "__main__":
    main()
