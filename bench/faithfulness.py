"""Does the brief checker catch a brief sentence that says what its sources do not?

    python -m bench.faithfulness [--output bench/results/faithfulness.json]

Stories: the five seed articles (one story), the bundled example corpus (its three stories, as ``storyline
brief`` groups them) and the ten MultiLing 2011 topics (each topic's articles as one story).  Every sentence of
every brief (as the pipeline built and checked it) is made wrong five ways, each where the sentence allows it:

* ``number``: one number changed (a numeral to another value, a number word to another number word);
* ``speaker``: the source the sentence names replaced by another speaker of the story, and the sentence
  attributed to that speaker;
* ``entity``: one name (a capitalised word that is not the speaker) replaced by a name of the same story the
  sentence does not use;
* ``negation``: "not" put after the first auxiliary verb ("is", "has", "will"...), or "It is not true that"
  before the sentence;
* ``citation``: the citations replaced by a document of the same story that does not carry the sentence's
  claim (or, for a one-document story, one of another story).

Each wrong version goes through ``storyline.check.check`` with the story's documents; it is *rejected* when
``checked`` comes back false.  Reported: the share rejected, per kind and overall (target >= 0.99), and the
genuine side: every reported claim of every story checked against the documents it was found in, and the share
of those the checker accepts (the brief keeps only accepted sentences, so this is what it can draw on).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import wordfreq

from bench import save
from bench.stream_data import MULTILING_DATA, multiling
from storyline.attribution import speaker_key
from storyline.check import check, names
from storyline.claims import split_sentences
from storyline.config import Settings
from storyline.figures import name_words
from storyline.pipeline import analyse, analyse_all, ingest, story_of
from storyline.records import BriefSentence, Document, Sentence, StoryAnalysis
from storyline.sources import read_inputs
from storyline.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "examples" / "corpus"
RESULTS = Path(__file__).resolve().parent / "results" / "faithfulness.json"
KINDS = ("number", "speaker", "entity", "negation", "citation")
TARGET = 0.99
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did)\b")
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*")
_COMMON_ZIPF = 5.0
_SMALL = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def stories(settings: Settings, tmp: Path) -> Iterator[tuple[str, StoryAnalysis]]:
    """(benchmark, analysis) of every story: seeds and example corpus through the store, MultiLing by topic."""
    for name, folder in (("seeds", SEEDS), ("example corpus", CORPUS)):
        with SQLiteStore(tmp / f"{name}.db") as store:
            ingest(read_inputs([str(folder)], settings), store, settings)
            documents = store.documents()
        for analysis in analyse_all(documents, settings):
            yield name, analysis
    topics: dict[str, list[Document]] = defaultdict(list)
    for item in multiling(MULTILING_DATA):
        topics[item.story].append(item.document)
    for _, documents in sorted(topics.items()):
        yield "multiling2011", analyse(story_of(documents), settings, {"Wikinews"})


def wrong_versions(
    sentence: BriefSentence, analysis: StoryAnalysis, others: Sequence[Document], rng: random.Random
) -> Iterator[tuple[str, BriefSentence]]:
    """Each kind of wrong version the sentence allows."""
    text = sentence.text
    changed = _change_number(text, rng)
    if changed:
        yield "number", replace(sentence, text=changed)
    swapped = _swap_speaker(sentence, analysis, rng)
    if swapped:
        yield "speaker", swapped
    entity = _swap_entity(sentence, analysis, rng)
    if entity:
        yield "entity", replace(sentence, text=entity)
    yield "negation", replace(sentence, text=_negate(text))
    wrong = _wrong_citation(sentence, analysis, others, rng)
    if wrong:
        yield "citation", replace(sentence, citations=(wrong,))


def _change_number(text: str, rng: random.Random) -> str | None:
    numerals = list(_NUMERAL.finditer(text))
    if numerals:
        found = rng.choice(numerals)
        value = found.group()
        digits = [i for i, ch in enumerate(value) if ch.isdigit()]
        at = digits[0] if len(digits) == 1 else rng.choice(digits[:2])
        new_digit = str((int(value[at]) + rng.randint(1, 8)) % 10)
        if at == 0 and new_digit == "0":
            new_digit = "9"
        return text[: found.start() + at] + new_digit + text[found.start() + at + 1 :]
    words = [m for m in re.finditer(r"\b[A-Za-z]+\b", text) if m.group().lower() in _SMALL]
    if words:
        found = rng.choice(words)
        other = rng.choice([w for w in _SMALL if w != found.group().lower()])
        return text[: found.start()] + other + text[found.end() :]
    return None


def _speakers(analysis: StoryAnalysis) -> list[str]:
    return sorted({a for c in analysis.claims for a in c.attributed_to if len(a) > 3})


def _swap_speaker(sentence: BriefSentence, analysis: StoryAnalysis, rng: random.Random) -> BriefSentence | None:
    mine = [a for a in sentence.attributed_to if a in sentence.text]
    if not mine:
        return None
    keys = {speaker_key(a) for a in sentence.attributed_to}
    others = [s for s in _speakers(analysis) if speaker_key(s) not in keys and s not in sentence.text]
    if not others:
        return None
    new = rng.choice(others)
    return replace(sentence, text=sentence.text.replace(mine[0], new, 1), attributed_to=(new,))


def _swap_entity(sentence: BriefSentence, analysis: StoryAnalysis, rng: random.Random) -> str | None:
    speakers = " ".join(sentence.attributed_to)
    known = name_words(doc.text for doc in analysis.story.documents)
    mine = [
        m
        for m in _NAME.finditer(sentence.text)
        if m.start() > 0 and m.group() not in speakers and all(w in known for w in m.group().split())
    ]
    if not mine:
        return None
    used = names(sentence.text)
    known = name_words(doc.text for doc in analysis.story.documents)
    pool = sorted(
        {
            m.group()
            for doc in analysis.story.documents
            for m in _NAME.finditer(doc.text)
            if all(w in known and _rare(w) for w in m.group().split()) and not (names(m.group()) & used)
        }
    )
    if not pool:
        return None
    found = rng.choice(mine)
    return sentence.text[: found.start()] + rng.choice(pool) + sentence.text[found.end() :]


def _rare(word: str) -> bool:
    """Not a common English word that happens to be capitalised ("According", "Then"): a swap must be a name."""
    return wordfreq.zipf_frequency(word.lower(), "en") < _COMMON_ZIPF


def _negate(text: str) -> str:
    found = _AUX.search(text)
    if found:
        return text[: found.end()] + " not" + text[found.end() :]
    return "It is not true that " + text[:1].lower() + text[1:]


def _wrong_citation(
    sentence: BriefSentence, analysis: StoryAnalysis, others: Sequence[Document], rng: random.Random
) -> str | None:
    carrying = set(sentence.citations)
    claim = next((c for c in analysis.claims if c.id == sentence.claim), None)
    if claim is not None:
        carrying |= set(claim.documents)
    same = [d.id for d in analysis.story.documents if d.id not in carrying]
    if same:
        return rng.choice(same)
    return rng.choice(others).id if others else None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    import tempfile

    settings = Settings()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        found = list(stories(settings, Path(tmp)))
    tried: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    by_benchmark: dict[str, Counter[str]] = defaultdict(Counter)
    accepted_examples: list[dict[str, str]] = []
    genuine = genuine_ok = brief_sentences = 0
    cache: dict[str, list[Sentence]] = {}
    everyone = {d.id: d for _, a in found for d in a.story.documents}
    for benchmark, analysis in found:
        documents = {d.id: d for d in analysis.story.documents}
        sentences: dict[str, list[Sentence]] = {d.id: split_sentences(d) for d in analysis.story.documents}
        figures = {f.id: f for f in analysis.figures}
        others = [d for _, a in found if a is not analysis for d in a.story.documents][:50]
        for sentence in analysis.brief:
            brief_sentences += 1
            for kind, wrong in wrong_versions(sentence, analysis, others, rng):
                if wrong.citations and wrong.citations[0] not in documents:
                    outside = everyone[wrong.citations[0]]
                    read = cache.setdefault(outside.id, split_sentences(outside))
                    result = check(wrong, {outside.id: outside}, {outside.id: read}, figures)
                else:
                    result = check(wrong, documents, sentences, figures)
                tried[kind] += 1
                by_benchmark[benchmark][f"{kind}_tried"] += 1
                if not result.checked:
                    rejected[kind] += 1
                    by_benchmark[benchmark][f"{kind}_rejected"] += 1
                elif len(accepted_examples) < 20:
                    accepted_examples.append({"kind": kind, "original": sentence.text, "wrong": wrong.text})
        for claim in analysis.claims:
            if claim.kind != "reported":
                continue
            draft = BriefSentence(
                section="key-points", text=claim.text, citations=claim.documents, attributed_to=claim.attributed_to
            )
            genuine += 1
            genuine_ok += check(draft, documents, sentences).checked
    total_tried, total_rejected = sum(tried.values()), sum(rejected.values())
    result = {
        "benchmark": "brief checker against wrong versions of every brief sentence (seeds, example corpus, MultiLing 2011)",
        "command": "python -m bench.faithfulness",
        "stories": Counter(b for b, _ in found),
        "brief_sentences": brief_sentences,
        "wrong_versions": total_tried,
        "rejected_share": round(total_rejected / max(1, total_tried), 4),
        "target": TARGET,
        "per_kind": {
            k: {"tried": tried[k], "rejected": rejected[k], "share": round(rejected[k] / max(1, tried[k]), 4)}
            for k in KINDS
        },
        "per_benchmark": {b: dict(c) for b, c in by_benchmark.items()},
        "genuine_claims_checked": genuine,
        "genuine_accepted_share": round(genuine_ok / max(1, genuine), 4),
        "accepted_wrong_examples": accepted_examples,
        "seconds": round(time.perf_counter() - started, 1),
    }
    save(args.output, result)


if __name__ == "__main__":
    main()
