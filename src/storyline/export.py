"""The public export document (``storyline/v1``) as JSON, and the same content as Markdown.

The JSON shape is the data contract: ``schema/storyline-v1.schema.json`` describes it
and the tests validate every export against it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from storyline import present
from storyline.records import (
    BriefSentence,
    Claim,
    Document,
    Figure,
    FigureValue,
    Provenance,
    Rejection,
    Sentence,
    Span,
    StoryAnalysis,
)

SCHEMA_ID = "storyline/v1"


def schema() -> dict[str, Any]:
    """The JSON Schema of the export document, as shipped in the package."""
    text = resources.files("storyline.schema").joinpath("storyline-v1.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def export_document(
    analyses: Sequence[StoryAnalysis], rejected: Sequence[Rejection] = (), *, with_text: bool = False
) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "stories": [story_json(a, with_text=with_text) for a in analyses],
        "rejected": [{"source": r.source, "stage": r.stage, "reason": r.reason} for r in rejected],
    }


def story_json(analysis: StoryAnalysis, *, with_text: bool = False) -> dict[str, Any]:
    """One story of the export document (an item of its ``stories``)."""
    story = analysis.story
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "documents": [document_json(d, analysis.provenance.get(d.id), with_text=with_text) for d in story.documents],
        "claims": [_claim(c) for c in analysis.claims],
        "figures": [_figure(f) for f in analysis.figures],
        "brief": [_brief_sentence(b) for b in analysis.brief],
    }


def _brief_sentence(b: BriefSentence) -> dict[str, Any]:
    return {
        "section": b.section,
        "text": b.text,
        "citations": list(b.citations),
        "checked": b.checked,
        "check": {
            "outcome": b.check_reason,
            "citations": [
                {
                    "document": c.document,
                    "supported": c.supported,
                    "missing": list(c.missing),
                    "evidence": _span(c.evidence),
                }
                for c in b.checks
            ],
        },
        "claim": b.claim,
        "figure": b.figure,
        "attributed_to": list(b.attributed_to),
        "independent_origins": b.independent_origins,
        "status": b.status,
        "outlet": b.outlet,
        "generated": b.generated,
    }


def document_json(doc: Document, prov: Provenance | None, *, with_text: bool = False) -> dict[str, Any]:
    """One document of a story in the export document, as its story's analysis placed it."""
    out: dict[str, Any] = {
        "id": doc.id,
        "source": present.address(doc),
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "role": prov.role if prov else "independent",
        "derived_from": [
            {"document": d.document, "relation": d.relation, "score": d.score, "reason": d.reason}
            for d in (prov.derived_from if prov else ())
        ],
        "cites": list(prov.cites) if prov else [],
        "boilerplate_removed": doc.boilerplate_removed,
    }
    if with_text:
        out["text"] = doc.text
    return out


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "kind": claim.kind,
        "attributed_to": list(claim.attributed_to),
        "mentions": [{"document": m.document, "start": m.start, "end": m.end, "text": m.text} for m in claim.mentions],
        "documents": list(claim.documents),
        "independent_origins": claim.independent_origins,
        "status": claim.status,
    }


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "id": figure.id,
        "subject": figure.subject,
        "unit": figure.unit,
        "values": [
            {
                "value": v.value,
                "low": v.low,
                "high": v.high,
                "qualifier": v.qualifier,
                "scope": v.scope,
                "time": v.time,
                "attributed_to": list(v.attributed_to),
                "documents": list(v.documents),
                "text": v.text,
            }
            for v in figure.values
        ],
        "discrepancy": {"type": figure.discrepancy.type, "reason": figure.discrepancy.reason},
    }


def to_markdown(analyses: Sequence[StoryAnalysis], rejected: Sequence[Rejection] = (), *, checks: bool = False) -> str:
    """Each story as a section: its brief by part with numbered citations, the figures table, then its documents;
    with ``checks``, every brief sentence's check as a table."""
    parts: list[str] = []
    for analysis in analyses:
        parts.append(_story_markdown(analysis, checks))
    if rejected:
        parts.append(
            "## Rejected inputs\n\n"
            + "\n".join(f"- {_cell(r.source)} ({r.stage}): {_cell(r.reason)}" for r in rejected)
        )
    return "\n\n".join(parts).strip() + "\n"


def _story_markdown(analysis: StoryAnalysis, checks: bool) -> str:
    story = analysis.story
    number = present.numbers(story)
    title, cited = present.headline(analysis)
    lines = [f"## {_cell(title)} {present.refs(cited, number)}".rstrip(), "", f"`{story.id}` · {present.dated(story)}"]
    for part in present.BODY:
        lines += _figures_markdown(analysis, number) if part == "figures" else _section_markdown(analysis, part, number)
    lines += ["", "### Documents", ""]
    for doc in story.documents:
        prov = analysis.provenance.get(doc.id)
        role = prov.role if prov else "independent"
        where = " · ".join(_cell(p) for p in (doc.published, doc.url or doc.source if doc.title else None) if p)
        lines.append(
            f"{number[doc.id]}. {_cell(doc.title or doc.source)} — {_cell(doc.outlet or 'unknown outlet')} ({role})"
            + (f" · {where}" if where else "")
        )
    if checks:
        lines += _checks_markdown(analysis, number)
    return "\n".join(lines)


def _section_markdown(analysis: StoryAnalysis, part: present.Part, number: dict[str, int]) -> list[str]:
    sentences = present.section(analysis, part)
    if not sentences:
        return []
    lines = ["", f"### {present.TITLES[part]}", ""]
    for sentence in sentences:
        outlet = f"**{_cell(sentence.outlet)}**: " if part == "adds" and sentence.outlet else ""
        support = f" — *{_cell(present.support(sentence))}*" if part == "key-points" else ""
        lines.append(f"- {outlet}{_cell(sentence.text)} {present.refs(sentence.citations, number)}{support}")
    return lines


def _figures_markdown(analysis: StoryAnalysis, number: dict[str, int]) -> list[str]:
    """Figures with several values, or values that differ, as a table; the single ones on one line."""
    table, single = present.tabled(analysis.figures)
    if not analysis.figures:
        return []
    lines = ["", f"### {present.TITLES['figures']}", ""]
    if table:
        lines += ["| figure | values | discrepancy |", "|---|---|---|"]
        for figure in table:
            values = "; ".join(_value_markdown(v, number) for v in figure.values)
            kind, reason = figure.discrepancy.type, figure.discrepancy.reason
            lines.append(f"| {_cell(present.figure_name(figure))} | {values} | **{kind}**: {_cell(reason)} |")
    if single:
        values = "; ".join(f"{_cell(present.figure_name(f))}: {_value_markdown(f.values[0], number)}" for f in single)
        lines += ["", f"{present.OTHER_FIGURES}: {values}"]
    return lines


def _value_markdown(value: FigureValue, number: dict[str, int]) -> str:
    context = present.value_context(value)
    return (
        _cell(present.value_label(value))
        + (f" ({_cell(context)})" if context else "")
        + (f" {present.refs(value.documents, number)}")
    )


def _checks_markdown(analysis: StoryAnalysis, number: dict[str, int]) -> list[str]:
    """One row per cited document of every brief sentence: supported, what it lacks, the matched passage."""
    lines = ["", "### Checks", "", "| brief sentence | outcome | cited | supported | missing | evidence |"]
    lines.append("|---|---|---|---|---|---|")
    for sentence in analysis.brief:
        first = (
            f"{present.TITLES[sentence.section]}: {_cell(present.short(sentence.text, 120))}",
            _cell(sentence.check_reason),
        )
        for i, check in enumerate(sentence.checks or (None,)):
            head = first if i == 0 else ("", "")
            if check is None:
                lines.append(f"| {head[0]} | {head[1]} | | | | |")
                continue
            cited = present.refs((check.document,), number) or _cell(check.document[:12])
            cells = (present.supported(check), _cell(present.missing(check)), _cell(present.evidence(check)))
            lines.append(f"| {head[0]} | {head[1]} | {cited} | " + " | ".join(cells) + " |")
    return lines


def _cell(text: str) -> str:
    """Untrusted text for one line (a list item or a table cell): whitespace folded, markup escaped."""
    return _md(" ".join(text.split()))


def _md(text: str) -> str:
    """Article text is untrusted: escape what Markdown would treat as markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


CLAIMS_SCHEMA_ID = "storyline.claims/v1"


def claims_schema() -> dict[str, Any]:
    """The JSON Schema of the ``storyline claims --json`` document."""
    text = resources.files("storyline.schema").joinpath("storyline-claims-v1.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def claims_document(documents: Sequence[tuple[str, Sequence[Sentence]]]) -> dict[str, Any]:
    """Every sentence of every document: kind, attribution spans and quantities."""
    return {
        "schema": CLAIMS_SCHEMA_ID,
        "documents": [
            {"source": source, "sentences": [_sentence(s) for s in sentences]} for source, sentences in documents
        ],
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    found = sentence.attribution
    return {
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "kind": sentence.kind,
        "attribution": None
        if found is None
        else {
            "source": _span(found.source),
            "cue": _span(found.cue),
            "content": _span(found.content),
            "speaker": found.speaker,
            "speaker_type": found.speaker_type,
            "chain": list(found.chain),
        },
        "quantities": [
            {
                "start": q.start, "end": q.end, "text": q.text, "value": q.value, "low": q.low, "high": q.high,
                "unit": q.unit, "qualifier": q.qualifier, "change": q.change, "rate": q.rate, "counted": q.counted,
                "scope": q.scope, "time": q.time,
            }
            for q in sentence.quantities
        ],
    }  # fmt: skip


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}
