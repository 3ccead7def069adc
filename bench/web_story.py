"""How fast the web app serves its biggest story: the first view (which analyses the story) and every later one.

    python -m bench.web_story [--data ../shared/data/ecbplus/ECB+] [--story 13-ecb] [--size 0] [--runs 30]
                              [--output bench/results/web_story.json]

The story: the ECB+ articles of one gold event (22 for 13-ecb) and generated copies, excerpts and rewrites of them
(``bench.syndication_set``, each in a fake outlet's HTML page, 2 or 3 per article): all their pages (56 for
13-ecb) or the first ``--size``, stored through the real ingest path (``pipeline.ingest``: extraction,
boilerplate, the online clusterer) into a temporary store.  The app (``storyline.web.create_app``, no
background warming) answers in-process through FastAPI's TestClient, so times include routing, the read-only
store look-ups, building the page and the ASGI round trip, but no network.

Measured: the first ``GET /stories/ID`` of the biggest story (analysis included, every document read), then
``--runs`` more of it and of its longest document's page, its JSON, and the stories list (median, 90th percentile
and slowest, in milliseconds); then, with every document's reading stored (as ``storyline show`` leaves them), the
first view again in a fresh app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from bench import save
from bench.clustering import DEFAULT_DATA, load
from bench.syndication_set import SetConfig, build
from storyline.config import Settings, WebSettings
from storyline.pipeline import ingest, stored_readings
from storyline.records import RawItem
from storyline.store import SQLiteStore

RESULTS = Path(__file__).resolve().parent / "results" / "web_story.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--story", default="13-ecb", help="the ECB+ gold event whose articles make the story")
    parser.add_argument("--size", type=int, default=0, help="pages of the story to ingest (default: all of them)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    save(args.output, run(args.data, args.story, args.size, args.runs))


def run(data: Path, story: str, size: int, runs: int) -> dict[str, Any]:
    topic = story.split("-")[0]
    originals = [(label, doc) for label, doc in load(data) if label == story or label.split("-")[0] != topic]
    pages = [p for p in build(originals, SetConfig(variants=(2, 3))) if p.story == story][: size or None]
    items = [RawItem(source=p.id, key=p.id, format="html", body=p.html, url=p.url) for p in pages]
    with tempfile.TemporaryDirectory(prefix="storyline-web-") as folder:
        path = Path(folder) / "store.db"
        clock = time.perf_counter()
        with SQLiteStore(path) as store:
            ingest(items, store, Settings())
        ingested = time.perf_counter() - clock
        return {"pages": len(pages), "ingest_seconds": round(ingested, 2), **_timings(path, runs)}


def _timings(path: Path, runs: int) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    from storyline.web import create_app

    with TestClient(create_app(path, api_key=None, web=WebSettings(warm_stories=0))) as client:
        listed = client.get("/api/stories", params={"limit": 100}).json()["stories"]
        biggest = max(listed, key=lambda s: s["size"])
        address = f"/stories/{biggest['id']}"
        clock = time.perf_counter()
        first = client.get(address)
        cold = time.perf_counter() - clock
        exported = client.get(f"/api{address}").json()["stories"][0]
        texts = {
            d["id"]: client.get(f"/api/documents/{d['id']}").json()["document"]["text"] for d in exported["documents"]
        }
        longest = max(texts, key=lambda doc: len(texts[doc]))
        timed = {
            "story_page": _time(client, address, runs),
            "document_page": _time(client, f"/documents/{longest}", runs),
            "story_json": _time(client, f"/api{address}", runs),
            "stories_page": _time(client, "/", runs),
        }
    with SQLiteStore(path) as store:  # as storyline show leaves them: every document's reading kept
        stored_readings(store, store.documents())
    with TestClient(create_app(path, api_key=None, web=WebSettings(warm_stories=0))) as client:
        clock = time.perf_counter()
        assert client.get(address).status_code == 200
        kept = time.perf_counter() - clock
    return {
        "cpus": os.cpu_count(),
        "stories": len(listed),
        "story": {"id": biggest["id"], "documents": biggest["size"], "claims": len(exported["claims"])},
        "story_page_bytes": len(first.content),
        "first_view_ms": round(cold * 1000, 1),
        "first_view_with_stored_readings_ms": round(kept * 1000, 1),
        "ms": timed,
    }


def _time(client: Any, address: str, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        clock = time.perf_counter()
        response = client.get(address)
        times.append((time.perf_counter() - clock) * 1000)
        assert response.status_code == 200, (address, response.status_code)
    ordered = sorted(times)
    return {
        "median": round(statistics.median(times), 1),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 1),
        "slowest": round(ordered[-1], 1),
    }


if __name__ == "__main__":
    main()
