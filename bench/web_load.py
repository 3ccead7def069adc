"""The web app under load: a story page and ``/api/stories`` with 100,000 documents in the store.

    python -m bench.web_load [--documents 100000] [--clients 50] [--seconds 20] [--store PATH]
                             [--output bench/results/web_load.json]

The store: ``--documents`` documents of the generated stream (``bench.stream_generator``: real ECB+ and MultiLing
events varied, Pareto story sizes, seed 0), written with ``SQLiteStore.add_document`` and placed in stories by the
online clusterer (``pipeline.assign_stories``) as ``storyline ingest`` would, minus extraction (the texts are
clean already).  With ``--store`` an existing store is reused (it is built there first when missing).  The story
is the stored story whose size is closest to 50 documents; its documents' readings are stored as ``storyline
show`` leaves them.

The server: ``storyline serve`` in its own process on loopback (uvicorn, one worker, background warming off so
that nothing but the load runs), exactly as a user starts it.  The first view of the story (its analysis) is
timed and the page is then served from the app's analysis cache, as every later view is.

The load: ``bench.loadgen``, closed loop, ``--clients`` keep-alive connections from one asyncio process, each
sending its next request when the last answer is in, for ``--seconds`` per target: the story page, then
``/api/stories`` (the first page of 20), then both alternating.  Requests/s, p50 and p99 count 2xx responses
only; other statuses are listed.  The load generator and the server share this machine's two cores.
Target (issue 7): story page p99 < 100 ms at 50 concurrent clients with 100k documents stored.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from bench import save
from bench.loadgen import run as load
from bench.stream_clustering import DEV_TOPICS, generator_sources
from bench.stream_data import ECBPLUS_DATA, MULTILING_DATA, ecbplus, multiling
from bench.stream_generator import GeneratorSettings, stream
from storyline.pipeline import assign_stories, stored_readings
from storyline.store import SQLiteStore

RESULTS = Path(__file__).resolve().parent / "results" / "web_load.json"
TARGET = {"clients": 50, "documents": 100_000, "story_page_p99_ms": 100}
_STORY_SIZE = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--store", type=Path, help="reuse (or build once) the store here")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-load-") as folder:
        path = args.store or Path(folder) / "store.db"
        built = build_store(path, args.documents) if not path.exists() else {"reused": str(path)}
        save(args.output, {"store": built, **measure(path, args.clients, args.seconds)})


def build_store(path: Path, documents: int) -> dict[str, Any]:
    """``documents`` generated documents stored and placed in stories."""
    started = time.perf_counter()
    found = generator_sources(ecbplus(ECBPLUS_DATA, DEV_TOPICS), multiling(MULTILING_DATA))
    with SQLiteStore(path) as store:
        for item in islice(stream(found, GeneratorSettings(seed=0)), documents):
            store.add_document(item.document)
        stored = time.perf_counter()
        assign_stories(store)
    return {
        "documents": documents,
        "store_seconds": round(stored - started, 1),
        "assign_seconds": round(time.perf_counter() - stored, 1),
        "megabytes": round(path.stat().st_size / 1e6, 1),
    }


def measure(path: Path, clients: int, seconds: float) -> dict[str, Any]:
    with SQLiteStore(path) as store:
        sizes = Counter(story for _, story in store.story_members())
        documents = sum(sizes.values())
        story_key = min(sizes, key=lambda s: (abs(sizes[s] - _STORY_SIZE), s))
        founder = store.story_founders()[story_key]
        members = [doc for doc, story in store.story_members() if story == story_key]
        stored_readings(store, members)
    story_id = "s-" + founder[:12]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(path), "--port", str(port), "--warm", "0"],
        env={k: v for k, v in os.environ.items() if k != "STORYLINE_API_KEY"},
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.perf_counter()
        _wait(port, "/api/stories", 300)
        index_seconds = time.perf_counter() - started
        started = time.perf_counter()
        _get(port, f"/stories/{story_id}")
        first_view = time.perf_counter() - started
        page = f"/stories/{story_id}"
        results = {
            "story_page": load("127.0.0.1", port, [page], clients, seconds).summary(),
            "api_stories": load("127.0.0.1", port, ["/api/stories"], clients, seconds).summary(),
            "both": load("127.0.0.1", port, [page, "/api/stories"], clients, seconds).summary(),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    p99 = results["story_page"]["p99_ms"]
    return {
        "benchmark": "storyline serve on loopback, closed-loop load from bench.loadgen",
        "command": "python -m bench.web_load",
        "documents_stored": documents,
        "stories": len(sizes),
        "story": {"id": story_id, "documents": sizes[story_key]},
        "clients": clients,
        "seconds_per_target": seconds,
        "first_request_seconds": round(index_seconds, 2),
        "story_first_view_seconds": round(first_view, 2),
        "load": results,
        "target": TARGET,
        "meets_target": documents >= TARGET["documents"] and clients >= TARGET["clients"] and p99 < 100,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as answer:
        return bytes(answer.read())


def _wait(port: int, path: str, limit: float) -> None:
    deadline = time.perf_counter() + limit
    while True:
        try:
            _get(port, path)
            return
        except OSError:
            if time.perf_counter() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    main()
