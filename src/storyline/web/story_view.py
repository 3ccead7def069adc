"""What the story page shows, as plain data for its template: the brief by part with citations that link to the
passages they rest on, the figures table, the claims x outlets matrix, the derivation graph, the documents and
every brief sentence's check.  Words and order come from ``storyline.present``, as in every other format; all
text stays plain (the template escapes it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from storyline import present
from storyline.records import BriefSentence, Claim, Document, FigureValue, Mention, Span, StoryAnalysis
from storyline.web.graph import Graph, derivation_graph

MATRIX_SINGLES = 30
"""Claims only one outlet carries that the matrix shows (after every claim several carry); the rest are counted."""


@dataclass(frozen=True, slots=True)
class Cite:
    number: int
    href: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    cites: tuple[Cite, ...]
    who: str = ""
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    part: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Value:
    label: str
    context: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: str
    name: str
    values: tuple[Value, ...]
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    documents: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Row:
    claim: Claim
    text: str
    cells: tuple[tuple[Cite, ...], ...]  # per column: the outlet's documents that carry the claim
    outlets: int


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    hidden: int


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    doc: Document
    role: str
    link: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckRow:
    sentence: str
    section: str
    outcome: str
    cite: Cite | None
    supported: str
    missing: str
    evidence: str


@dataclass(frozen=True, slots=True)
class StoryView:
    analysis: StoryAnalysis
    dated: str
    headline: Item
    sections: tuple[Section, ...]
    figures: tuple[FigureRow, ...]
    single_figures: tuple[tuple[str, Value], ...]
    matrix: Matrix
    graph: Graph
    sources: tuple[Source, ...]
    checks: tuple[CheckRow, ...]
    other_figures: str = present.OTHER_FIGURES


def story_view(analysis: StoryAnalysis) -> StoryView:
    number = present.numbers(analysis.story)
    headline = next((s for s in analysis.brief if s.section == "headline"), None)
    table, single = present.tabled(analysis.figures)
    return StoryView(
        analysis=analysis,
        dated=present.dated(analysis.story),
        headline=Item(text=present.headline(analysis)[0], cites=_cites(headline, number) if headline else ()),
        sections=tuple(_section(analysis, part, number) for part in present.BODY),
        figures=tuple(
            FigureRow(
                id=f.id,
                name=present.figure_name(f),
                values=tuple(_value(v, number, f.id) for v in f.values),
                kind=f.discrepancy.type,
                reason=f.discrepancy.reason,
            )
            for f in table
        ),
        single_figures=tuple((present.figure_name(f), _value(f.values[0], number, f.id)) for f in single),
        matrix=claims_matrix(analysis, number),
        graph=derivation_graph(analysis, number),
        sources=tuple(_source(doc, analysis, number) for doc in analysis.story.documents),
        checks=tuple(row for sentence in analysis.brief for row in _check_rows(sentence, number)),
    )


def passage_href(document: str, span: Span | None) -> str:
    """The document page at a passage: ``#p-START`` marks the sentence starting there, ``#title`` the title."""
    if span is None:
        return f"/documents/{document}"
    return f"/documents/{document}#" + ("title" if span.start < 0 else f"p-{span.start}")


def mention_href(mention: Mention) -> str:
    """The document page at a claim's sentence."""
    return f"/documents/{mention.document}#p-{mention.start}"


def _cites(sentence: BriefSentence, number: Mapping[str, int]) -> tuple[Cite, ...]:
    """The sentence's citations, each to the passage of that document its check matched."""
    out = []
    for document in sentence.citations:
        if document not in number:
            continue
        check = next((c for c in sentence.checks if c.document == document and c.supported), None)
        span = check.evidence if check else None
        out.append(Cite(number[document], passage_href(document, span), present.evidence(check) if check else ""))
    return tuple(sorted(out, key=lambda c: c.number))


def _section(analysis: StoryAnalysis, part: present.Part, number: Mapping[str, int]) -> Section:
    items = tuple(
        Item(
            text=s.text,
            cites=_cites(s, number),
            who=present.support(s) if part == "key-points" else "",
            outlet=(s.outlet or "") if part == "adds" else "",
        )
        for s in present.section(analysis, part)
    )
    return Section(part=part, title=present.TITLES[part], items=items)


def _value(value: FigureValue, number: Mapping[str, int], figure: str) -> Value:
    """A figure's value, its citations leading to the figure's first number in each document (``#fig-ID``)."""
    found = sorted({number[d]: d for d in value.documents if d in number}.items())
    cites = tuple(Cite(n, f"/documents/{d}#fig-{figure}") for n, d in found)
    return Value(label=present.value_label(value), context=present.value_context(value), cites=cites)


def claims_matrix(analysis: StoryAnalysis, number: Mapping[str, int]) -> Matrix:
    """Claims down, outlets across: who carries what (claims several outlets carry, most first) and who adds what
    (claims one outlet carries), each cell linking to the sentences of that outlet's documents."""
    outlet_of = {doc.id: doc.outlet or f"document {number[doc.id]}" for doc in analysis.story.documents}
    labels = list(dict.fromkeys(outlet_of.values()))
    column = {label: i for i, label in enumerate(labels)}
    rows = []
    for claim in analysis.claims:
        cells: list[list[Cite]] = [[] for _ in labels]
        for mention in claim.mentions:
            if mention.document in number:
                cite = Cite(number[mention.document], mention_href(mention))
                cells[column[outlet_of[mention.document]]].append(cite)
        carried = sum(1 for cell in cells if cell)
        text = present.short(claim.text, 140)
        rows.append(Row(claim=claim, text=text, cells=tuple(tuple(c) for c in cells), outlets=carried))
    rows.sort(key=lambda r: (-r.outlets, -r.claim.independent_origins))
    shared = [r for r in rows if r.outlets > 1]
    singles = [r for r in rows if r.outlets <= 1]
    documents: dict[str, list[int]] = defaultdict(list)
    for doc_id, label in outlet_of.items():
        documents[label].append(number[doc_id])
    return Matrix(
        columns=tuple(Column(label=label, documents=tuple(documents[label])) for label in labels),
        rows=tuple(shared + singles[:MATRIX_SINGLES]),
        hidden=max(0, len(singles) - MATRIX_SINGLES),
    )


def _source(doc: Document, analysis: StoryAnalysis, number: Mapping[str, int]) -> Source:
    prov = analysis.provenance.get(doc.id)
    notes = [f"{d.reason} [{number.get(d.document, '?')}]" for d in (prov.derived_from if prov else ())]
    notes += [f"cites {', '.join(prov.cites)}"] if prov and prov.cites else []
    return Source(
        number=number[doc.id],
        doc=doc,
        role=prov.role if prov else "independent",
        link=present.web_address(doc),
        notes=tuple(notes),
    )


def _check_rows(sentence: BriefSentence, number: Mapping[str, int]) -> list[CheckRow]:
    text = present.short(sentence.text, 200)
    section = present.TITLES[sentence.section]
    if not sentence.checks:
        return [CheckRow(text, section, sentence.check_reason, None, "", "", "")]
    return [
        CheckRow(
            sentence=text if i == 0 else "",
            section=section if i == 0 else "",
            outcome=sentence.check_reason if i == 0 else "",
            cite=Cite(number[c.document], passage_href(c.document, c.evidence)) if c.document in number else None,
            supported=present.supported(c),
            missing=present.missing(c),
            evidence=present.evidence(c),
        )
        for i, c in enumerate(sentence.checks)
    ]
