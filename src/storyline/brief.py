"""The brief: extractive sentences, each citing the documents that support it, checked.

First version: the most widely carried reported claims make the main section,
claims that one origin alone adds make the second, and opinion and speculation
are kept apart in the third.  Every sentence is checked before it is kept: it
must appear verbatim in a cited document, and each cited document must carry
every number in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import Settings
from storyline.records import BriefSentence, Claim, Document, Mention
from storyline.text import content_words, numbers

SECTIONS = ("reported", "single-source", "opinion-and-speculation")


def build_brief(claims: Sequence[Claim], documents: Sequence[Document], settings: Settings) -> list[BriefSentence]:
    """Pick, cite and check the sentences of one story's brief."""
    texts = {doc.id: doc.text for doc in documents}
    multi = len(documents) > 1
    reported = [c for c in claims if c.kind == "reported"]
    picks = {
        "reported": _pick([c for c in reported if c.independent_origins > 1 or not multi], settings.brief_sentences),
        "single-source": _pick([c for c in reported if c.independent_origins == 1 and multi], 4),
        "opinion-and-speculation": _pick([c for c in claims if c.kind != "reported"], 3),
    }
    brief = []
    for section in SECTIONS:
        for claim in picks[section]:
            sentence = check(_cite(section, claim), texts)
            if sentence.checked:
                brief.append(sentence)
    return brief


def _pick(claims: Sequence[Claim], limit: int) -> list[Claim]:
    """Most corroborated first, skipping claims that repeat one already picked."""
    chosen: list[Claim] = []
    seen: list[set[str]] = []
    for claim in claims:
        words = set(content_words(claim.text))
        if any(len(words & other) / max(1, len(words | other)) > 0.4 for other in seen):
            continue
        chosen.append(claim)
        seen.append(words)
        if len(chosen) == limit:
            break
    return chosen


def _cite(section: str, claim: Claim) -> BriefSentence:
    """Cite only documents whose own mention carries every number of the sentence."""
    needed = set(numbers(claim.text))
    citing = [m.document for m in claim.mentions if needed <= set(numbers(m.text))]
    return BriefSentence(section=section, text=claim.text, citations=tuple(dict.fromkeys(citing)))


def check(sentence: BriefSentence, texts: dict[str, str]) -> BriefSentence:
    """Set ``checked`` when the sentence is supported by what it cites, with the reason if not."""
    problem = _problem(sentence, texts)
    return BriefSentence(
        section=sentence.section,
        text=sentence.text,
        citations=sentence.citations,
        checked=problem is None,
        check_reason=problem or "verbatim in a cited document; every cited document carries its numbers",
    )


def _problem(sentence: BriefSentence, texts: dict[str, str]) -> str | None:
    if not sentence.citations:
        return "cites no document"
    missing = [doc for doc in sentence.citations if doc not in texts]
    if missing:
        return f"cites documents outside the story: {', '.join(missing)}"
    if not any(_squash(sentence.text) in _squash(texts[doc]) for doc in sentence.citations):
        return "not found verbatim in any cited document"
    needed = set(numbers(sentence.text))
    for doc in sentence.citations:
        absent = needed - set(numbers(texts[doc]))
        if absent:
            return f"number {sorted(absent)[0]} does not appear in cited document {doc}"
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def mention_of(claim: Claim, document: str) -> Mention | None:
    return next((m for m in claim.mentions if m.document == document), None)
