"""Terminal rendering with rich.  Article text is always passed as ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyline.pipeline import IngestReport
from storyline.records import Sentence, Story, StoryAnalysis

_SECTION_TITLES = {
    "reported": "Reported by more than one origin",
    "single-source": "Resting on a single origin",
    "opinion-and-speculation": "Opinion and speculation (not reported fact)",
}


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


def render_analysis(console: Console, analysis: StoryAnalysis) -> None:
    story = analysis.story
    number = {doc.id: i for i, doc in enumerate(story.documents, start=1)}
    body: list[Text | Table] = [
        Text(f"{story.id} · {_documents(len(story.documents))} · {story.first_seen} to {story.last_seen}", style="dim")
    ]
    section = None
    for sentence in analysis.brief:
        if sentence.section != section:
            section = sentence.section
            body.append(Text("\n" + _SECTION_TITLES.get(section, section), style="bold"))
        refs = " " + "".join(f"[{number[c]}]" for c in sentence.citations if c in number)
        line = Text("• ")
        line.append(sentence.text)
        line.append(refs, style="cyan")
        body.append(line)
    body.append(Text(""))
    body.append(_documents_table(analysis, number))
    console.print(Panel(Group(*body), title=Text(story.title, style="bold"), title_align="left"))


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


def _documents(n: int) -> str:
    return f"{n} document" + ("" if n == 1 else "s")


def render_stories(console: Console, stories: Sequence[Story]) -> None:
    table = Table(title=f"{len(stories)} stories")
    for name in ("id", "title", "documents", "first seen", "last seen"):
        table.add_column(name, overflow="fold")
    for story in stories:
        table.add_row(
            story.id, Text(story.title), str(len(story.documents)), story.first_seen or "", story.last_seen or ""
        )
    console.print(table)
