"""Terminal rendering with rich.  Article text is always passed as ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyline.pipeline import IngestReport
from storyline.present import (
    BODY,
    OTHER_FIGURES,
    TITLES,
    Part,
    dated,
    evidence,
    figure_name,
    headline,
    missing,
    numbers,
    refs,
    section,
    short,
    support,
    supported,
    tabled,
    value_context,
    value_label,
)
from storyline.records import CitationCheck, Figure, FigureValue, Sentence, Story, StoryAnalysis


def render_ingest(console: Console, report: IngestReport) -> None:
    """One summary line, then one line per refused input."""
    console.print(
        Text(
            f"{len(report.added)} added, {len(report.stored)} already stored, "
            f"{len(report.duplicates)} exact duplicates folded, {len(report.rejected)} rejected"
            + (f", {len(report.near_copies)} near copies of earlier documents" if report.near_copies else "")
        )
    )
    for rejection in report.rejected:
        console.print(Text(f"  rejected {rejection.source} ({rejection.stage}): {rejection.reason}", style="yellow"))


def render_analysis(console: Console, analysis: StoryAnalysis, *, checks: bool = False) -> None:
    """The brief by section in a panel titled with its headline, the documents table at its foot; with
    ``checks``, a table of every brief sentence's check after the panel."""
    story = analysis.story
    number = numbers(story)
    title, cited = headline(analysis)
    heading = Text(title, style="bold")
    if cited:
        heading.append(" " + refs(cited, number), style="cyan")
    body: list[RenderableType] = [Text(f"{story.id} · {dated(story)}", style="dim")]
    if heading.cell_len > console.width - 6:  # too long for the panel's edge: there cut short, here in full
        body.insert(0, heading.copy())
        heading.truncate(console.width - 6, overflow="ellipsis")
    for part in BODY:
        body += _figures(analysis, number) if part == "figures" else _section(analysis, part, number)
    body += [Text(""), _documents_table(analysis, number)]
    console.print(Panel(Group(*body), title=heading, title_align="left"))
    if checks:
        console.print(_checks_table(analysis, number))


def _section(analysis: StoryAnalysis, part: Part, number: dict[str, int]) -> list[RenderableType]:
    sentences = section(analysis, part)
    if not sentences:
        return []
    lines: list[RenderableType] = [Text("\n" + TITLES[part], style="bold")]
    for sentence in sentences:
        line = Text("• ")
        if part == "adds" and sentence.outlet:
            line.append(sentence.outlet + ": ", style="bold")
        line.append(sentence.text)
        line.append(" " + refs(sentence.citations, number), style="cyan")
        lines.append(line)
        if part == "key-points":
            lines.append(Text("  " + support(sentence), style="dim"))
    return lines


def _figures(analysis: StoryAnalysis, number: dict[str, int]) -> list[RenderableType]:
    """Figures with several values, or values that differ, in a table; the single ones on one line."""
    table_figures, single = tabled(analysis.figures)
    if not analysis.figures:
        return []
    parts: list[RenderableType] = [Text("\n" + TITLES["figures"], style="bold")]
    if table_figures:
        table = Table(show_edge=False, pad_edge=False, expand=True, show_lines=True)
        table.add_column("figure", ratio=2, overflow="fold")
        table.add_column("values", ratio=5, overflow="fold")
        table.add_column("discrepancy", ratio=5, overflow="fold")
        for figure in table_figures:
            values = Text("\n").join(_value(v, number) for v in figure.values)
            reason = Text(figure.discrepancy.type, style="bold")
            reason.append(": " + figure.discrepancy.reason)
            table.add_row(Text(figure_name(figure)), values, reason)
        parts.append(table)
    if single:
        line = Text(OTHER_FIGURES + ": ", style="dim")
        line.append_text(Text("; ").join(_value(f.values[0], number, f) for f in single))
        parts.append(line)
    return parts


def _value(value: FigureValue, number: dict[str, int], figure: Figure | None = None) -> Text:
    text = Text(f"{figure_name(figure)}: " if figure else "")
    text.append(value_label(value))
    context = value_context(value)
    if context:
        text.append(f" ({context})", style="dim")
    text.append(" " + refs(value.documents, number), style="cyan")
    return text


def _checks_table(analysis: StoryAnalysis, number: dict[str, int]) -> Table:
    """One row per cited document of every brief sentence: does it support the sentence, what does it lack,
    and the passage the checker matched."""
    table = Table(title=Text(f"Checks · {analysis.story.id}"), expand=True)
    table.add_column("brief sentence", ratio=4, overflow="fold")
    table.add_column("cited", no_wrap=True)
    table.add_column("supported", no_wrap=True)
    table.add_column("missing", ratio=2, overflow="fold")
    table.add_column("evidence", ratio=4, overflow="fold")
    for sentence in analysis.brief:
        head = Text(f"{TITLES[sentence.section]}: ", style="bold")
        head.append(short(sentence.text, 120))
        head.append("\n" + sentence.check_reason, style="dim")
        rows = sentence.checks or (None,)
        for i, check in enumerate(rows):
            cells = _check_cells(check, number)
            table.add_row(head if i == 0 else Text(""), *cells, end_section=i == len(rows) - 1)
    return table


def _check_cells(check: CitationCheck | None, number: dict[str, int]) -> tuple[Text, Text, Text, Text]:
    if check is None:
        return Text("—"), Text(""), Text(""), Text("")
    return (
        Text(refs((check.document,), number) or check.document[:12], style="cyan"),
        Text(supported(check), style="green" if check.supported else "red"),
        Text(missing(check)),
        Text(evidence(check)),
    )


def _documents_table(analysis: StoryAnalysis, number: dict[str, int]) -> Table:
    table = Table(show_edge=False, pad_edge=False, expand=True)
    for name in ("#", "outlet", "title", "role", "notes"):
        table.add_column(name, overflow="fold")
    for doc in analysis.story.documents:
        prov = analysis.provenance.get(doc.id)
        notes = []
        if prov and prov.derived_from:
            d = prov.derived_from[0]
            notes.append(f"{d.reason} [{number.get(d.document, '?')}]")
        if prov and prov.cites:
            notes.append("cites " + ", ".join(prov.cites))
        if doc.boilerplate_removed:
            notes.append(f"{doc.boilerplate_removed} chars of boilerplate removed")
        table.add_row(
            str(number[doc.id]),
            Text(doc.outlet or "unknown"),
            Text(doc.title or doc.source),
            prov.role if prov else "independent",
            Text("; ".join(notes)),
        )
    return table


def render_claims(console: Console, documents: Sequence[tuple[str, Sequence[Sentence]]]) -> None:
    """One table per document: each sentence's kind, speaker and quantities."""
    for source, sentences in documents:
        table = Table(title=Text(source), expand=True, show_lines=False)
        for name in ("kind", "speaker", "quantities", "sentence"):
            table.add_column(name, overflow="fold")
        for sentence in sentences:
            found = sentence.attribution
            speaker = f"{found.speaker} ({found.speaker_type})" if found else ""
            figures = "; ".join(f"{q.text} [{q.change}]" for q in sentence.quantities)
            table.add_row(sentence.kind, Text(speaker), Text(figures), Text(sentence.text))
        console.print(table)


def render_stories(console: Console, stories: Sequence[Story]) -> None:
    table = Table(title=f"{len(stories)} stories")
    for name in ("id", "title", "documents", "first seen", "last seen"):
        table.add_column(name, overflow="fold")
    for story in stories:
        table.add_row(
            story.id, Text(story.title), str(len(story.documents)), story.first_seen or "", story.last_seen or ""
        )
    console.print(table)
