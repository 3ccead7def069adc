"""The brief as a summary: MultiLing 2011 English, ROUGE-1/2 against the human summaries, participants alongside.

    python -m bench.summaries [--data ../shared/data/multiling2011] [--output bench/results/summaries.json]

For each of the 10 topics, the topic's 10 WikiNews articles are one story (the clustering is measured by
``bench.stream_clustering``; here the story is given) and go through the pipeline's analysis as ``storyline
brief`` runs it: provenance, claims, figures, the brief and its checker.  The brief's headline, lead and key
points, in that order and cut at 250 words, are scored with ``rouge-score`` (ROUGE-1 and ROUGE-2 F, Porter
stemming) against each of the topic's three human summaries; a topic's score is the mean over the three, the
result the mean over topics.  In the same run and by the same code: the ten participating systems' summaries
(``SystemSubmissions/ID*``, also cut at 250 words; ID10 is the organisers' topline built from the human
summaries, not a participant) and the first sentence of every article as a plain lead baseline.

Also reported: seconds per brief, and whether every brief sentence passed the checker.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from bench import save
from bench.stream_data import MULTILING_DATA, multiling
from storyline.claims import sentence_texts
from storyline.config import Settings
from storyline.pipeline import analyse, story_of
from storyline.records import Document, StoryAnalysis

DATA = MULTILING_DATA.parent
RESULTS = Path(__file__).resolve().parent / "results" / "summaries.json"
WORDS = 250
SUMMARY_SECTIONS = ("headline", "lead", "key-points")
PUBLISHED = {"best participant ROUGE-2": 0.182, "system": "ID3", "ID2": 0.169, "centroid baseline ID9": 0.109}


def cut(text: str, words: int = WORDS) -> str:
    return " ".join(text.split()[:words])


def brief_text(analysis: StoryAnalysis) -> str:
    """Headline, lead and key points, in order."""
    return " ".join(s.text for s in analysis.brief if s.section in SUMMARY_SECTIONS)


class Scorer:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def references(self, topic: str) -> list[str]:
        return [(self.data / "ModelSummaries" / f"M00{topic}.{x}.250").read_text("utf-8", "replace") for x in "ABC"]

    def score(self, text: str, topic: str) -> dict[str, float]:
        found = [self.rouge.score(ref, cut(text)) for ref in self.references(topic)]
        return {
            "rouge1_f": statistics.fmean(f["rouge1"].fmeasure for f in found),
            "rouge2_f": statistics.fmean(f["rouge2"].fmeasure for f in found),
        }


def mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.fmean(r[key] for r in rows), 4) for key in rows[0]}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    scorer = Scorer(args.data)
    topics: dict[str, list[Document]] = defaultdict(list)
    for item in multiling(args.data / "SourceTexts"):
        topics[item.story].append(item.document)
    settings = Settings()
    ours, lead, seconds, unchecked, sentences = [], [], [], 0, 0
    per_topic = {}
    for topic, documents in sorted(topics.items()):
        started = time.perf_counter()
        analysis = analyse(story_of(documents), settings, {d.outlet for d in documents if d.outlet})
        seconds.append(time.perf_counter() - started)
        sentences += len(analysis.brief)
        unchecked += sum(1 for s in analysis.brief if not s.checked)
        text = brief_text(analysis)
        ours.append(scorer.score(text, topic))
        per_topic[topic] = {**ours[-1], "words": len(text.split()), "brief": cut(text)}
        lead.append(scorer.score(" ".join(sentence_texts(d.text)[0] for d in documents), topic))
    systems = {}
    for folder in sorted((args.data / "SystemSubmissions").iterdir(), key=lambda p: int(p.name.removeprefix("ID"))):
        rows = [scorer.score((folder / f"M00{t}").read_text("utf-8", "replace"), t) for t in sorted(topics)]
        systems[folder.name] = mean(rows)
    participants = {k: v for k, v in systems.items() if k != "ID10"}
    best = max(participants.items(), key=lambda kv: kv[1]["rouge2_f"])
    result = {
        "benchmark": "MultiLing 2011 English summaries (10 topics x 10 articles, 3 human summaries each)",
        "command": "python -m bench.summaries",
        "scorer": "rouge-score 0.1.2, ROUGE-1/2 F with Porter stemming, mean over the 3 references, mean over topics",
        "words": WORDS,
        "storyline": mean(ours),
        "lead_baseline": mean(lead),
        "systems": systems,
        "best_participant": {"system": best[0], **best[1]},
        "beats_every_participant": mean(ours)["rouge2_f"] > best[1]["rouge2_f"],
        "published": PUBLISHED,
        "seconds_per_brief": {"mean": round(statistics.fmean(seconds), 3), "max": round(max(seconds), 3)},
        "brief_sentences": sentences,
        "brief_sentences_failing_check": unchecked,
        "topics": per_topic,
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
