"""What the document page shows, as plain data for its template: the clean text with its claims, the passages the
brief cites and its figures marked, and the document's relations within its story.

The text becomes a flat run of pieces, each plain or marked, so the template can write every piece escaped and
every mark as an element (never markup built from article text).  Sentence-long marks (claims, cited passages)
do not overlap one another; quantity marks sit inside them or between them."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from storyline import present
from storyline.figures import unit_of
from storyline.records import Document, Figure, Story, StoryAnalysis
from storyline.web.story_view import Cite, mention_href


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    classes: str
    note: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    mark: Mark | None = None
    inner: tuple[Piece, ...] = ()


@dataclass(frozen=True, slots=True)
class Related:
    """Another document this one is linked to, and how."""

    href: str
    label: str
    relation: str
    reason: str


@dataclass(frozen=True, slots=True)
class SharedClaim:
    text: str
    href: str
    status: str
    elsewhere: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    doc: Document
    story: Story | None
    number: int | None
    role: str
    link: str | None
    pieces: tuple[Piece, ...]
    title_cited: bool = False
    derived_from: tuple[Related, ...] = ()
    derivatives: tuple[Related, ...] = ()
    cites: tuple[str, ...] = ()
    shared: tuple[SharedClaim, ...] = ()
    claims: int = 0


def document_view(doc: Document, analysis: StoryAnalysis | None) -> DocumentView:
    """The document in its story (``analysis``), or on its own while it is in none."""
    if analysis is None:
        role = "not placed in a story yet"
        return DocumentView(
            doc=doc, story=None, number=None, role=role, link=present.web_address(doc), pieces=(Piece(doc.text),)
        )
    story = analysis.story
    number = present.numbers(story)
    prov = analysis.provenance.get(doc.id)
    outer = _claim_marks(doc, analysis, number) + _evidence_marks(doc, analysis)
    label = {d.id: f"[{number[d.id]}] {d.outlet or d.title or d.source}" for d in story.documents}
    derivatives = [
        Related(f"/documents/{other}", label[other], d.relation, d.reason)
        for other, p in analysis.provenance.items()
        for d in p.derived_from
        if d.document == doc.id and other in label
    ]
    return DocumentView(
        doc=doc,
        story=story,
        number=number[doc.id],
        role=prov.role if prov else "independent",
        link=present.web_address(doc),
        pieces=marked(doc.text, outer, _quantity_marks(doc, analysis)),
        title_cited=any(m.start < 0 for m in _evidence_spans(doc, analysis)),
        derived_from=tuple(
            Related(f"/documents/{d.document}", label.get(d.document, d.document), d.relation, d.reason)
            for d in (prov.derived_from if prov else ())
        ),
        derivatives=tuple(derivatives),
        cites=prov.cites if prov else (),
        shared=_shared(doc, analysis, number),
        claims=sum(1 for c in analysis.claims if doc.id in c.documents),
    )


def marked(text: str, outer: Sequence[Mark], inner: Sequence[Mark]) -> tuple[Piece, ...]:
    """``text`` in pieces: the ``outer`` marks (those at the same place merged, overlapping ones after the first
    dropped), and within and between them the ``inner`` marks that fit."""
    spans = _disjoint(_merged([m for m in outer if 0 <= m.start < m.end <= len(text)]))
    small = _disjoint([m for m in inner if 0 <= m.start < m.end <= len(text)])
    starts = [m.start for m in small]
    pieces: list[Piece] = []
    at = 0
    for mark in spans:
        pieces += _run(text, at, mark.start, small, starts)
        pieces.append(Piece(text[mark.start : mark.end], mark, tuple(_run(text, mark.start, mark.end, small, starts))))
        at = mark.end
    pieces += _run(text, at, len(text), small, starts)
    return tuple(pieces)


def _run(text: str, start: int, end: int, marks: Sequence[Mark], starts: Sequence[int]) -> list[Piece]:
    """``text[start:end]`` with the marks that lie wholly inside it."""
    out: list[Piece] = []
    at = start
    for mark in marks[bisect.bisect_left(starts, start) :]:
        if mark.start >= end:
            break
        if mark.end > end:
            continue
        if mark.start > at:
            out.append(Piece(text[at : mark.start]))
        out.append(Piece(text[mark.start : mark.end], mark))
        at = mark.end
    if end > at:
        out.append(Piece(text[at:end]))
    return out


def _merged(marks: Sequence[Mark]) -> list[Mark]:
    """Marks of the same span as one: classes and notes together, the first anchor."""
    by_span: dict[tuple[int, int], Mark] = {}
    for mark in marks:
        found = by_span.get((mark.start, mark.end))
        if found is None:
            by_span[(mark.start, mark.end)] = mark
            continue
        classes = " ".join(dict.fromkeys((found.classes + " " + mark.classes).split()))
        note = "; ".join(n for n in (found.note, mark.note) if n)
        by_span[(mark.start, mark.end)] = replace(found, classes=classes, note=note, anchor=found.anchor or mark.anchor)
    return list(by_span.values())


def _disjoint(marks: Sequence[Mark]) -> list[Mark]:
    """The marks in reading order, each one that overlaps an earlier (or longer, at the same start) one left out."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.start - m.end)):
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def _claim_marks(doc: Document, analysis: StoryAnalysis, number: Mapping[str, int]) -> list[Mark]:
    marks = []
    for claim in analysis.claims:
        others = present.refs([d for d in claim.documents if d != doc.id], number)
        origins = claim.independent_origins
        note = f"{claim.kind}, {claim.status} ({origins} independent origin{'' if origins == 1 else 's'})"
        note += f"; also in {others}" if others else "; only in this document"
        for mention in claim.mentions:
            if mention.document == doc.id:
                classes = f"claim kind-{claim.kind} status-{claim.status}"
                marks.append(Mark(mention.start, mention.end, classes, note, f"p-{mention.start}"))
    return marks


def _evidence_spans(doc: Document, analysis: StoryAnalysis) -> list[Mark]:
    out = []
    for sentence in analysis.brief:
        for check in sentence.checks:
            if check.document == doc.id and check.supported and check.evidence and doc.id in sentence.citations:
                span = check.evidence
                note = f"cited by the brief ({present.TITLES[sentence.section].lower()})"
                out.append(Mark(span.start, span.end, "evidence", note, f"p-{span.start}"))
    return out


def _evidence_marks(doc: Document, analysis: StoryAnalysis) -> list[Mark]:
    return [m for m in _evidence_spans(doc, analysis) if m.start >= 0]


def _quantity_marks(doc: Document, analysis: StoryAnalysis) -> list[Mark]:
    """Every quantity of the document; those that are a value of one of the story's figures (the same number of the
    same unit: "40 minutes" is not a value of "40 new drivers") name it, and the first of each figure is where
    ``#fig-ID`` leads."""
    figure_of: dict[tuple[float | None, float | None, float | None, str], Figure] = {}
    for figure in analysis.figures:
        for value in figure.values:
            if doc.id in value.documents:
                figure_of.setdefault((value.value, value.low, value.high, figure.unit), figure)
    marks: list[Mark] = []
    anchored: set[str] = set()
    for sentence in analysis.sentences:
        if sentence.document != doc.id:
            continue
        for q in sentence.quantities:
            found = figure_of.get((q.value, q.low, q.high, unit_of(q)))
            if found is None:
                marks.append(Mark(q.start, q.end, "quantity", q.unit or q.counted or "quantity"))
                continue
            note = f"{present.figure_name(found)}: {found.discrepancy.type}"
            anchor = "" if found.id in anchored else f"fig-{found.id}"
            anchored.add(found.id)
            marks.append(Mark(q.start, q.end, "quantity figure", note, anchor))
    return marks


def _shared(doc: Document, analysis: StoryAnalysis, number: Mapping[str, int]) -> tuple[SharedClaim, ...]:
    """The claims of this document that other documents carry too, with where."""
    out = []
    for claim in analysis.claims:
        mine = next((m for m in claim.mentions if m.document == doc.id), None)
        if mine is None:
            continue
        elsewhere = {m.document: m for m in claim.mentions if m.document != doc.id and m.document in number}
        if not elsewhere:
            continue
        cites = tuple(
            Cite(number[d], mention_href(m)) for d, m in sorted(elsewhere.items(), key=lambda i: number[i[0]])
        )
        out.append(SharedClaim(present.short(mine.text, 160), f"#p-{mine.start}", claim.status, cites))
    return tuple(out)
