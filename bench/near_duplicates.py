"""Near-duplicate search at stream speed: Storyline's sketch index against datasketch, in one run.

    python -m bench.near_duplicates [--documents 100000] [--words 600] [--threshold 0.5]

Documents are generated: words drawn at their ECB+ frequencies (../shared/data/ecbplus; ~600 words each),
and one document in ten is a planted near-copy of an earlier one: with a header and footer of other words,
3 % or 10 % of its words replaced, truncated to 60-90 %, an excerpt of half, or with 30 % more text added.
A pair (copy, source) is a *true copy* when the exact Jaccard of their word-5-gram sets is at least the
threshold; containment pairs below it (excerpts, truncations) are counted apart.

Both systems see the same texts in the same order, each document queried against the earlier ones and then
inserted, one process, one core, each system run after the other:

- Storyline: ``sketch.sketches`` over micro-batches of 256 texts (query and insert stay one document at a
  time, in order, so the answers are those of a stream), ``CopyIndex.query`` then ``add``; a match counts
  when its estimated Jaccard is at least the threshold.  The same path one text at a time is timed too.
- datasketch 2.0: words from a regular expression, shingles joined as strings, ``MinHash.bulk`` over the
  same micro-batches of 256 (``num_perm=128``), ``MinHashLSH(threshold, num_perm=128)`` ``query`` then
  ``insert``; a candidate counts when its estimated Jaccard reaches the threshold (as for Storyline).

Reported: documents per second (and per decile of the stream, to show the cost per document staying flat),
recall and precision of true copies for both, the ratio of speeds, and index memory per document (bytes
still allocated after the run, by ``tracemalloc``, measured in a separate smaller run so it does not slow the
timed one).  Writes ``bench/results/near_duplicates.json``.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import re
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bench import save
from bench.clustering import DEFAULT_DATA, load
from storyline.sketch import CopyIndex, sketches

RESULTS = Path(__file__).resolve().parent / "results" / "near_duplicates.json"
_WORD = re.compile(r"\w+")
_BATCH = 256


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    sources: dict[int, int]  # planted copy -> the document it copies
    kinds: dict[int, str]


def generate(data: Path, count: int, words: int, seed: int = 7) -> Corpus:
    """``count`` texts of about ``words`` words, one in ten a planted near-copy of an earlier text."""
    frequencies = Counter(w for _, doc in load(data) for w in _WORD.findall(doc.text.lower()))
    vocabulary = np.array(sorted(frequencies), dtype=object)
    weights = np.array([frequencies[w] for w in vocabulary], dtype=np.float64)
    rng = np.random.default_rng(seed)
    draws = iter(rng.choice(len(vocabulary), size=(count, 2 * words), p=weights / weights.sum()))
    texts: list[str] = []
    sources: dict[int, int] = {}
    kinds: dict[int, str] = {}
    kind_names = ("chrome", "edit3", "edit10", "truncated", "excerpt", "expanded")
    for index in range(count):
        fresh = [str(w) for w in vocabulary[next(draws)]]
        if index < 10 or rng.random() >= 0.1:
            texts.append(" ".join(fresh[:words]))
            continue
        source = int(rng.integers(0, index))
        base = texts[source].split()
        kind = kind_names[int(rng.integers(0, len(kind_names)))]
        if kind == "chrome":
            base = fresh[:12] + base + fresh[12:30]
        elif kind.startswith("edit"):
            rate = int(kind[4:]) / 100
            base = [fresh[i] if rng.random() < rate else w for i, w in enumerate(base)]
        elif kind == "truncated":
            base = base[: int(len(base) * rng.uniform(0.6, 0.9))]
        elif kind == "excerpt":
            start = int(rng.integers(0, len(base) // 2))
            base = base[start : start + len(base) // 2]
        else:
            base = base + fresh[: int(0.3 * len(base))]
        texts.append(" ".join(base))
        sources[index], kinds[index] = source, kind
    return Corpus(texts, sources, kinds)


def _grams(text: str) -> set[tuple[str, ...]]:
    tokens = _WORD.findall(text.lower())
    return {tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4)}


def true_jaccard(corpus: Corpus) -> dict[int, tuple[float, float]]:
    """(Jaccard, containment of the copy in its source) of every planted pair, exactly."""
    out = {}
    for copy, source in corpus.sources.items():
        a, b = _grams(corpus.texts[copy]), _grams(corpus.texts[source])
        out[copy] = (len(a & b) / len(a | b), len(a & b) / len(a))
    return out


class Storyline:
    """Storyline's path: sketches over micro-batches, then query and add one document at a time."""

    name = "storyline"

    def __init__(self, threshold: float, batch: int = _BATCH) -> None:
        self.index = CopyIndex()
        self.threshold = threshold
        self.contained: list[set[int]] = []  # matches by containment (>= 0.8 either way), for excerpts
        self.batch = batch

    def stream(self, texts: Sequence[str]) -> list[set[int]]:
        found = []
        for start in range(0, len(texts), self.batch):
            for hashes in sketches(texts[start : start + self.batch]):
                matches = self.index.query(hashes)
                found.append({m.document for m in matches if m.jaccard >= self.threshold})
                self.contained.append({m.document for m in matches if max(m.contained, m.contains) >= 0.8})
                self.index.add(hashes)
        return found


class Datasketch:
    """datasketch's documented fast path: ``MinHash.bulk`` over the same micro-batches (one set of permutations
    for all), then ``MinHashLSH`` query and insert one document at a time; candidates are verified by their
    estimated Jaccard (the MinHashes are kept for that), as Storyline's matches are."""

    name = "datasketch"

    def __init__(self, threshold: float, batch: int = _BATCH) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=128)
        self.threshold = threshold
        self.batch = batch
        self.kept: list[Any] = []

    def stream(self, texts: Sequence[str]) -> list[set[int]]:
        from datasketch import MinHash

        found = []
        for start in range(0, len(texts), self.batch):
            shingles = []
            for text in texts[start : start + self.batch]:
                tokens = _WORD.findall(text.lower())
                shingles.append([" ".join(tokens[i : i + 5]).encode("utf-8") for i in range(len(tokens) - 4)])
            for minhash in MinHash.bulk(shingles, num_perm=128):
                candidates = self.lsh.query(minhash)
                found.append({c for c in candidates if minhash.jaccard(self.kept[c]) >= self.threshold})
                self.lsh.insert(len(self.kept), minhash)
                self.kept.append(minhash)
        return found


class System(Protocol):
    name: str

    def stream(self, texts: Sequence[str]) -> list[set[int]]: ...


def timed(system: System, texts: Sequence[str]) -> tuple[list[set[int]], list[float]]:
    """The system's matches for every text and the seconds each tenth of the stream took."""
    gc.collect()
    found: list[set[int]] = []
    seconds = []
    bounds = [round(len(texts) * k / 10) for k in range(11)]
    for lo, hi in itertools.pairwise(bounds):
        began = time.perf_counter()
        found += system.stream(texts[lo:hi])
        seconds.append(time.perf_counter() - began)
    return found, seconds


def memory_per_document(make: Callable[[], System], texts: Sequence[str]) -> float:
    """Bytes the system still holds per document after indexing ``texts`` (tracemalloc; not timed)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    system = make()
    system.stream(texts)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del system
    return held / len(texts)


def scores(found: list[set[int]], corpus: Corpus, truth: dict[int, tuple[float, float]], threshold: float) -> dict:
    """Recall of true copies (and of containment pairs below the threshold), precision of what was returned."""
    true_pairs = {(c, s) for c, s in corpus.sources.items() if truth[c][0] >= threshold}
    contained = {(c, s) for c, s in corpus.sources.items() if truth[c][0] < threshold and truth[c][1] >= 0.8}
    returned = {(doc, other) for doc, others in enumerate(found) for other in others}
    root = list(range(len(corpus.texts)))
    for copy in sorted(corpus.sources):
        root[copy] = root[corpus.sources[copy]]
    right = sum(root[a] == root[b] for a, b in returned)  # copies of one original are copies of each other
    by_kind: dict[str, list[int]] = {}
    for copy, source in corpus.sources.items():
        by_kind.setdefault(corpus.kinds[copy], []).append(int((copy, source) in returned))
    return {
        "true_copies": len(true_pairs),
        "recall_true_copies": round(len(returned & true_pairs) / max(1, len(true_pairs)), 4),
        "containment_pairs_below_threshold": len(contained),
        "recall_containment_pairs": round(len(returned & contained) / max(1, len(contained)), 4),
        "returned_pairs": len(returned),
        "precision_same_original": round(right / max(1, len(returned)), 4),
        "found_by_planted_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_kind.items())},
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--memory-documents", type=int, default=20_000)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    corpus = generate(args.data, args.documents, args.words)
    truth = true_jaccard(corpus)
    print(f"generated {len(corpus.texts)} texts in {time.perf_counter() - began:.0f} s", flush=True)
    makers: dict[str, Callable[[], System]] = {
        "storyline": lambda: Storyline(args.threshold),
        "storyline_one_at_a_time": lambda: Storyline(args.threshold, batch=1),
        "datasketch": lambda: Datasketch(args.threshold),
    }
    result: dict[str, Any] = {
        "documents": len(corpus.texts),
        "words_per_document": args.words,
        "threshold": args.threshold,
        "planted_copies": len(corpus.sources),
    }
    for name, make in makers.items():
        texts = corpus.texts
        system = make()
        found, seconds = timed(system, texts)
        per_decile = [round(len(texts) / 10 / s) for s in seconds]
        entry: dict[str, Any] = {
            "documents": len(texts),
            "seconds": round(sum(seconds), 2),
            "documents_per_second": round(len(texts) / sum(seconds)),
            "documents_per_second_by_tenth_of_stream": per_decile,
        }
        if len(texts) == len(corpus.texts):
            entry.update(scores(found, corpus, truth, args.threshold))
        if isinstance(system, Storyline) and len(texts) == len(corpus.texts):
            by_containment = scores(system.contained, corpus, truth, args.threshold)
            entry["by_containment"] = {
                k: v for k, v in by_containment.items() if "containment" in k or "precision" in k
            }
        result[name] = entry
        print(name, entry, flush=True)
    memory_texts = corpus.texts[: args.memory_documents]
    for name in ("storyline", "datasketch"):
        result[name]["index_bytes_per_document"] = round(memory_per_document(makers[name], memory_texts))
    result["memory_documents"] = len(memory_texts)
    result["speed_ratio"] = round(
        result["storyline"]["documents_per_second"] / result["datasketch"]["documents_per_second"], 1
    )
    save(args.output, result)


if __name__ == "__main__":
    main()
