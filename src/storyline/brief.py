"""The brief: extractive sentences, each citing the documents that support it, checked.

First version: the most widely carried reported claims make the main section,
claims that one origin alone adds make the second, and opinion and speculation
are kept apart in the third.  Every sentence is checked before it is kept: each
citation must hold (a sentence of that document says the same figures, in the
same polarity, with most of the same words), unsupported citations are dropped,
and the sentence must stand verbatim in a document that still supports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from storyline.claims import sentence_texts
from storyline.config import Settings
from storyline.records import BriefSentence, Claim, Document
from storyline.text import content_words, figures, polarity

SECTIONS = ("reported", "single-source", "opinion-and-speculation")


def build_brief(
    claims: Sequence[Claim], documents: Sequence[Document], origins: dict[str, str], settings: Settings
) -> list[BriefSentence]:
    """Pick, cite and check the sentences of one story's brief.

    A sentence stays in the main section only if the citations that survive the check
    still come from two or more origins (``origins``: document -> origin key).
    """
    texts = {doc.id: doc.text for doc in documents}
    reported = [c for c in claims if c.kind == "reported"]
    picks = {
        "reported": _pick([c for c in reported if c.independent_origins > 1], settings.brief_sentences),
        "single-source": _pick([c for c in reported if c.independent_origins == 1], 4),
        "opinion-and-speculation": _pick([c for c in claims if c.kind != "reported"], 3),
    }
    checked = [check(_cite(section, claim), texts) for section in SECTIONS for claim in picks[section]]
    kept = [_resection(s, origins) for s in checked if s.checked]
    return sorted(kept, key=lambda s: SECTIONS.index(s.section))


def _resection(sentence: BriefSentence, origins: dict[str, str]) -> BriefSentence:
    if sentence.section == "reported" and len({origins.get(c, c) for c in sentence.citations}) < 2:
        return replace(sentence, section="single-source")
    return sentence


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
    """Candidate citations: every document the claim was found in (the checker keeps those that hold)."""
    return BriefSentence(section=section, text=claim.text, citations=claim.documents)


def check(sentence: BriefSentence, texts: dict[str, str]) -> BriefSentence:
    """Keep the citations whose document supports the sentence; ``checked`` when any remain.

    A document supports a sentence when one of its sentences says the same figures
    (numerals and number words), with the same polarity (no "not" or "denied" on one side
    only), and covers at least half of its content words.  The sentence itself must also
    stand verbatim in one of the supporting documents, so the brief quotes, never invents.
    """
    kept = tuple(
        doc for doc in dict.fromkeys(sentence.citations) if doc in texts and _supports(texts[doc], sentence.text)
    )
    if not kept:
        problem = "no cited document supports it"
    elif not any(_squash(sentence.text) in _squash(texts[doc]) for doc in kept):
        problem = "not found verbatim in any supporting document"
    else:
        problem = ""
    dropped = [doc for doc in sentence.citations if doc not in kept]
    reason = problem or ("supported by every citation" if not dropped else f"dropped unsupporting {', '.join(dropped)}")
    return BriefSentence(
        section=sentence.section, text=sentence.text, citations=kept, checked=not problem, check_reason=reason
    )


def _supports(document: str, sentence: str) -> bool:
    wanted, words, sign = figures(sentence), set(content_words(sentence)), polarity(sentence)
    for candidate in _sentences(document):
        if figures(candidate) >= wanted and polarity(candidate) == sign:
            theirs = set(content_words(candidate))
            if words and len(words & theirs) / len(words) >= 0.5:
                return True
    return False


@lru_cache(maxsize=256)
def _sentences(document: str) -> tuple[str, ...]:
    """A cited document is split once, however many brief sentences cite it."""
    return tuple(sentence_texts(document))


def _squash(text: str) -> str:
    return " ".join(text.split())
