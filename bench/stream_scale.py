"""Throughput, memory and quality of a clusterer's ``assign`` path on a long generated stream.

The stream (``bench.stream_generator``) starts with a warm-up of ``warmup`` documents given to
``fit``; every later document goes through ``assign`` in batches of ``batch``.  Only the ``assign``
calls are timed: wall clock and the process's CPU time (all its threads), so docs/s per core is
documents over CPU seconds.  Generating the documents and scoring the checkpoints are not timed.

* At every checkpoint size: docs/s per core so far and over the last tenth before it, the growth of
  the process's resident memory per document since the stream began (the bench's own labels take
  24 bytes of it per document), and BCubed / pairwise / ARI
  against the generator's stories (warm-up documents included), next to two references: every
  document alone, and one story per source event (all the stories varied from one real event).
* Per decile of the assigned documents: docs/s per core; ``flatness`` is the dearest decile's cost
  per document over the cheapest one's (the target is at most 1.5).
* A run whose ``assign`` time passes ``budget_s`` stops there and says how far it got; a line
  fitted to the deciles' cost per document projects how long the largest size would take.
* Memory of the index: a separate run of ``memory_docs`` documents under ``tracemalloc`` (slower,
  and exact): the Python memory the process holds more at the end than before the clusterer was
  made, per document; documents the clusterer keeps count, the bench keeps none.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from array import array
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice

from bench.cluster_scores import b_cubed, errors, scores
from bench.stream_generator import Generated, GeneratorSettings, Sources, stream
from bench.stream_protocol import Factory, StreamClusterer, current, fitted_keys

_DECILES = 10


@dataclass(frozen=True, kw_only=True, slots=True)
class ScaleSettings:
    sizes: tuple[int, ...] = (10_000, 100_000)
    budget_s: float = 120.0  # 0: no limit
    warmup: int = 1_000
    batch: int = 100
    memory_docs: int = 10_000


@dataclass(kw_only=True, slots=True)
class _Run:
    """What the timed run has seen so far: labels, keys and the time of every batch."""

    gold: array[int] = field(default_factory=lambda: array("q"))
    event: array[int] = field(default_factory=lambda: array("q"))
    predicted: array[int] = field(default_factory=lambda: array("q"))
    batches: list[tuple[int, float, float]] = field(default_factory=list)  # (documents, cpu s, wall s)

    def add(self, items: list[Generated], keys: list[int]) -> None:
        self.gold.extend(item.story for item in items)
        self.event.extend(item.event for item in items)
        self.predicted.extend(keys)


def run_scale(
    found: Sources, generator: GeneratorSettings, settings: ScaleSettings, factory: Factory
) -> dict[str, object]:
    """The timed run to the largest size (or the budget), then the tracemalloc run."""
    documents = stream(found, generator)
    rss_before = _rss()
    clusterer, run = factory(), _Run()
    warm = list(islice(documents, settings.warmup))
    started = time.perf_counter()
    run.add(warm, fitted_keys(clusterer, [item.document for item in warm]))
    fit_seconds = time.perf_counter() - started
    checkpoints, stopped = _assign_all(clusterer, documents, run, settings, rss_before)
    done = len(run.gold)
    return {
        "generator": generator.describe(),
        "settings": asdict(settings),
        "source_events": len(found.events),
        "documents_reached": done,
        "stopped_by_budget": stopped,
        "fit_warmup_seconds": round(fit_seconds, 2),
        "assign": _totals(run.batches),
        "checkpoints": checkpoints,
        "final": _quality(run, done),
        "deciles": _deciles(run.batches, max(settings.sizes), settings.warmup),
        "memory_tracemalloc": _traced(found, generator, settings, factory),
    }


def _assign_all(
    clusterer: StreamClusterer, documents: Iterator[Generated], run: _Run, settings: ScaleSettings, rss_before: int
) -> tuple[dict[str, object], bool]:
    checkpoints: dict[str, object] = {}
    sizes = sorted(settings.sizes)
    spent = 0.0
    while len(run.gold) < sizes[-1]:
        upto = min(size for size in sizes if size > len(run.gold))
        items = list(islice(documents, min(settings.batch, upto - len(run.gold))))
        cpu, wall = time.process_time(), time.perf_counter()
        keys = [clusterer.assign(item.document) for item in items]
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        run.batches.append((len(items), cpu, wall))
        run.add(items, keys)
        spent += wall
        if len(run.gold) in sizes:
            run.predicted = array("q", current(clusterer, run.predicted))  # stories merged since: untimed
            checkpoints[str(len(run.gold))] = _checkpoint(run, rss_before)
        if settings.budget_s and spent > settings.budget_s:
            return checkpoints, True
    return checkpoints, False


def _checkpoint(run: _Run, rss_before: int) -> dict[str, object]:
    done = len(run.gold)
    last_tenth = _window(run.batches, done // 10)
    return {
        "docs_per_s_per_core": _totals(run.batches)["docs_per_s_per_core"],
        "docs_per_s_per_core_last_tenth": last_tenth,
        "rss_growth_bytes_per_doc": round((_rss() - rss_before) / done),
        **_quality(run, done),
    }


def _quality(run: _Run, done: int) -> dict[str, object]:
    gold, predicted, event = run.gold[:done], run.predicted[:done], run.event[:done]
    return {
        "documents": done,
        "gold_stories": len(set(gold)),
        "scores": scores(gold, predicted),
        "errors": errors(gold, predicted, event),
        "reference_bcubed": {
            "every_document_alone": b_cubed(gold, range(done)),
            "one_story_per_source_event": b_cubed(gold, event),
        },
    }


def _totals(batches: list[tuple[int, float, float]]) -> dict[str, float]:
    docs, cpu, wall = (sum(column) for column in zip(*batches, strict=True)) if batches else (0, 0.0, 0.0)
    return {
        "documents": docs,
        "cpu_seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "docs_per_s_per_core": round(docs / cpu, 1) if cpu else 0.0,
        "docs_per_s_wall": round(docs / wall, 1) if wall else 0.0,
    }


def _window(batches: list[tuple[int, float, float]], docs: int) -> float:
    """Docs/s per core over the last ``docs`` assigned documents (whole batches)."""
    taken, cpu = 0, 0.0
    for n, seconds, _ in reversed(batches):
        if taken >= docs:
            break
        taken, cpu = taken + n, cpu + seconds
    return round(taken / cpu, 1) if cpu else 0.0


def _deciles(batches: list[tuple[int, float, float]], target: int, warmup: int) -> dict[str, object]:
    """Docs/s per core in each tenth of the assigned documents, their flatness, and the CPU hours that
    a cost per document growing as the fitted line says would take to ``target`` and to a million."""
    parts = [batches[len(batches) * i // _DECILES : len(batches) * (i + 1) // _DECILES] for i in range(_DECILES)]
    rates, middles, costs, seen = [], [], [], warmup
    for part in (p for p in parts if p):
        docs, cpu = sum(n for n, _, _ in part), sum(c for _, c, _ in part)
        rates.append(round(docs / cpu, 1) if cpu else 0.0)
        middles.append(seen + docs / 2)
        costs.append(cpu / docs)
        seen += docs
    if len(costs) < 2 or min(costs) <= 0:
        return {"docs_per_s_per_core": rates}
    slope, intercept = _line(middles, costs)
    return {
        "docs_per_s_per_core": rates,
        "flatness_max_over_min_cost": round(max(costs) / min(costs), 2),
        "last_over_first_cost": round(costs[-1] / costs[0], 2),
        "cost_us_per_doc_per_1000_docs_stored": round(slope * 1e9, 3),
        "projected_cpu_hours": {
            str(n): round(max(0.0, intercept * n + slope * n**2 / 2) / 3600, 2) for n in sorted({target, 1_000_000})
        },
    }


def _line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return slope, my - slope * mx


def _traced(
    found: Sources, generator: GeneratorSettings, settings: ScaleSettings, factory: Factory
) -> dict[str, object]:
    """Python memory held per document after ``memory_docs`` documents, measured by tracemalloc."""
    documents = stream(found, generator)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        clusterer = factory()
        clusterer.fit([item.document for item in islice(documents, settings.warmup)])
        done, started = settings.warmup, time.perf_counter()
        while done < settings.memory_docs:
            for item in islice(documents, settings.batch):
                clusterer.assign(item.document)
            done += settings.batch
            if settings.budget_s and time.perf_counter() - started > settings.budget_s:
                break
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    return {"documents": done, "bytes_per_doc": round(held / done), "megabytes": round(held / 2**20, 1)}


def _rss() -> int:
    """The process's resident memory in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
