"""Story clustering on ECB+ (the train and dev topics shipped in ../shared/data/ecbplus).

    python -m bench.clustering [--data ../shared/data/ecbplus/ECB+] [--thresholds 0.1,0.2,0.3]

Gold story = topic + ecb/ecbplus (two similar but distinct events per topic, so the task is
hard on purpose).  Documents arrive in file-name order.  Scores: B-cubed precision, recall and F1,
for Storyline's clusterer at each threshold and, in the same run, for two reference points (every
document alone; every topic's documents together, i.e. a clusterer that cannot tell the two events
of a topic apart).  Writes ``bench/results/clustering.json``.
"""

from __future__ import annotations

import argparse
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench import save
from bench.cluster_scores import b_cubed
from bench.tfidf_clusterer import DEFAULT_THRESHOLD, StoryClusterer
from storyline.records import Document

DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})  # the standard ECB+ dev split
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ECB+"
RESULTS = Path(__file__).resolve().parent / "results" / "clustering.json"
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "'s", "n't", "%"}


def load(data: Path) -> list[tuple[str, Document]]:
    """(gold label, document) for every ECB+ file, in file-name order."""
    out = []
    for path in sorted(data.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        topic, rest = path.stem.split("_", 1)
        label = f"{topic}-{'ecbplus' if rest.endswith('ecbplus') else 'ecb'}"
        out.append((label, document(path)))
    return out


def in_split(label: str, split: str) -> bool:
    """Whether a gold label's topic is in ``split``: "train", "dev" or "all"."""
    return split == "all" or (label.split("-")[0] in DEV_TOPICS) == (split == "dev")


def source_url(path: Path) -> str | None:
    """The source URL of an ecbplus file (its sentence 0); ecb files name none."""
    tokens = _sentences(path).get(0) if path.stem.endswith("ecbplus") else None
    return "".join(tokens) if tokens else None


def _sentences(path: Path) -> dict[int, list[str]]:
    return tokens_by_sentence(ET.parse(path).getroot())


def tokens_by_sentence(root: ET.Element) -> dict[int, list[str]]:
    """The tokens of an ECB+ file, by sentence number."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    return sentences


def article_lines(path: Path, sentences: dict[int, list[str]]) -> list[tuple[int, str]]:
    """(sentence number, text) of each sentence of an article in order, one per line of its text; sentence 0 of
    an ecbplus file is its source URL, not article text."""
    ecbplus = path.stem.endswith("ecbplus")
    return [(n, detokenise(tokens)) for n, tokens in sorted(sentences.items()) if n or not ecbplus]


def document(path: Path, sentences: dict[int, list[str]] | None = None) -> Document:
    lines = article_lines(path, _sentences(path) if sentences is None else sentences)
    text = "\n".join(line for _, line in lines)
    return Document(
        id=path.stem,
        source=str(path),
        url=None,
        outlet=None,
        title=None,
        published=None,
        text=text,
        text_hash=path.stem,
        boilerplate_removed=0,
        ingested_at="",
    )


def detokenise(tokens: Sequence[str]) -> str:
    out = ""
    for token in tokens:
        out += token if not out or token in _NO_SPACE_BEFORE else " " + token
    return out


def cluster(documents: Sequence[Document], threshold: float) -> tuple[list[int], float]:
    started = time.perf_counter()
    groups = StoryClusterer(threshold).fit(documents)
    seconds = time.perf_counter() - started
    index = {doc.id: n for n, group in enumerate(groups) for doc in group}
    return [index[doc.id] for doc in documents], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--thresholds", default="0.1,0.15,0.2,0.25,0.3,0.4")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    labelled = load(args.data)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    result: dict[str, object] = {
        "benchmark": "ECB+ train and dev topics; gold story = topic + ecb/ecbplus",
        "metric": "B-cubed precision / recall / F1",
        "default_threshold": DEFAULT_THRESHOLD,
    }
    for split in ("train", "dev"):
        part = [(label, doc) for label, doc in labelled if in_split(label, split)]
        result[split] = _score_split(part, thresholds)
    save(args.output, result)


def _score_split(labelled: list[tuple[str, Document]], thresholds: list[float]) -> dict[str, object]:
    gold = [label for label, _ in labelled]
    documents = [doc for _, doc in labelled]
    runs = {}
    for threshold in thresholds:
        predicted, seconds = cluster(documents, threshold)
        runs[str(threshold)] = {
            **b_cubed(gold, predicted),
            "stories": len(set(predicted)),
            "seconds": round(seconds, 2),
        }
    topics = sorted({label.split("-")[0] for label in gold})
    return {
        "documents": len(documents),
        "gold_stories": len(set(gold)),
        "storyline_by_threshold": runs,
        "reference_every_document_alone": b_cubed(gold, list(range(len(gold)))),
        "reference_one_story_per_topic": b_cubed(gold, [topics.index(label.split("-")[0]) for label in gold]),
    }


if __name__ == "__main__":
    main()
