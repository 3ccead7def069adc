"""What every output format shows of a story's brief, in words; the formats only lay it out.

The terminal (``render``), Markdown (``export.to_markdown``) and HTML (``report``) show the same parts in the
same order: the headline, then ``BODY`` (the lead, the key points with who says each and how many independent
origins stand behind it, the figures table, where outlets disagree, what each outlet adds, opinion and
speculation), then the documents, numbered: a citation ``[n]`` is the n-th document of the story.  With
checks, each brief sentence's check follows: its outcome and, per cited document, whether that document
supports the sentence, what it lacks, and the passage the checker matched.

Everything here returns plain text taken from the records; escaping it is the format's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from storyline.records import (
    BriefSection,
    BriefSentence,
    CitationCheck,
    Document,
    Figure,
    FigureValue,
    Story,
    StoryAnalysis,
)

Part = Literal["lead", "key-points", "figures", "disagreements", "adds", "opinion-and-speculation"]
BODY: tuple[Part, ...] = ("lead", "key-points", "figures", "disagreements", "adds", "opinion-and-speculation")
"""The parts under the headline, in the order a reader meets them."""

TITLES: Mapping[BriefSection | Part, str] = {
    "headline": "Headline",
    "lead": "Lead",
    "key-points": "Key points",
    "figures": "Figures",
    "disagreements": "Where outlets disagree",
    "adds": "What each outlet adds",
    "opinion-and-speculation": "Opinion and speculation (not reported fact)",
}
OTHER_FIGURES = "Other figures (one value each)"
_SHORT = 160


def numbers(story: Story) -> dict[str, int]:
    """Each document's citation number: its place in the story, from 1."""
    return {doc.id: i for i, doc in enumerate(story.documents, start=1)}


def refs(documents: Iterable[str], number: Mapping[str, int]) -> str:
    """``[2][5]``: the numbers of the documents that have one, ascending."""
    return "".join(f"[{n}]" for n in sorted({number[d] for d in documents if d in number}))


def headline(analysis: StoryAnalysis) -> tuple[str, tuple[str, ...]]:
    """The brief's headline and its citations, or the story's title (uncited) when the brief has none."""
    found = next((s for s in analysis.brief if s.section == "headline"), None)
    return (found.text, found.citations) if found else (analysis.story.title, ())


def section(analysis: StoryAnalysis, name: BriefSection | Part) -> list[BriefSentence]:
    return [s for s in analysis.brief if s.section == name]


def support(sentence: BriefSentence) -> str:
    """Who says a point and how many independent origins stand behind it."""
    n = sentence.independent_origins
    origins = f"{n} independent origin{'' if n == 1 else 's'}"
    if sentence.status == "disputed":
        origins += " · disputed: another source contradicts it"
    return f"{', '.join(sentence.attributed_to)} · {origins}" if sentence.attributed_to else origins


def dated(story: Story) -> str:
    """``3 documents · 2026-03-10 to 2026-03-13``."""
    n = len(story.documents)
    return f"{n} document{'' if n == 1 else 's'} · {story.first_seen or '?'} to {story.last_seen or '?'}"


def tabled(figures: Sequence[Figure]) -> tuple[list[Figure], list[Figure]]:
    """The figures worth a table (several values, or values that differ), and the single ones."""
    table = [f for f in figures if len(f.values) > 1 or f.discrepancy.type != "none"]
    return table, [f for f in figures if f not in table]


def figure_name(figure: Figure) -> str:
    subject = figure.subject[:1].upper() + figure.subject[1:]
    return subject if figure.unit.lower() in figure.subject.lower() else f"{subject} ({figure.unit})"


def value_label(value: FigureValue) -> str:
    """The value as a source put it, its qualifier first: "over 10,000 troops"."""
    qualifier = value.qualifier
    if qualifier and not value.text.lower().startswith(qualifier.lower()):
        return f"{qualifier} {value.text}"
    return value.text


def value_context(value: FigureValue) -> str:
    """Where and when the value holds, and who gives it: "in the Kursk region; according to US officials"."""
    parts = [p for p in (value.scope, value.time) if p]
    if value.attributed_to:
        parts.append("according to " + ", ".join(value.attributed_to))
    return "; ".join(parts)


def supported(check: CitationCheck) -> str:
    return "yes" if check.supported else "no"


def missing(check: CitationCheck) -> str:
    """What the cited document lacks, each thing once."""
    return ", ".join(dict.fromkeys(check.missing))


def evidence(check: CitationCheck, limit: int = _SHORT) -> str:
    """The passage the checker matched, shortened; "title: …" when it is the document's title."""
    if check.evidence is None:
        return ""
    text = short(check.evidence.text, limit)
    return f"title: {text}" if check.evidence.start < 0 else text


def address(doc: Document) -> str:
    """Where the document came from: its web address, else the input it was read from."""
    return doc.url or doc.source


def web_address(doc: Document) -> str | None:
    """The document's address when it is a web address (``http(s)``), the only kind worth a link: never
    ``javascript:``, ``data:`` or a local file."""
    where = address(doc)
    return where if where.lower().startswith(("https://", "http://")) else None


def short(text: str, limit: int = _SHORT) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
