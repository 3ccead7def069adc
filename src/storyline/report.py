"""The briefs as one self-contained HTML report: inline CSS, no script, nothing fetched, readable offline.

The page shows what the terminal and the Markdown show (``storyline.present``): each story's headline, lead, key
points, figures table with the discrepancy reasons, where outlets disagree, what each outlet adds, opinion and
speculation, and its sources (outlet, role, title, published, source).  A citation ``[n]`` links to the passage
of document n that the checker matched; the sources show each cited passage marked (``<mark>``) in a little of
its context, so a reader can see what the sentence rests on without opening the article.

Article text is untrusted.  Every piece of it goes through ``html.escape``, links are made only to ``http(s)``
addresses, and the page's Content Security Policy allows nothing but its own inline stylesheet (no script, no
image, no font, no request), so a hostile article can neither run code nor call home.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from storyline import present
from storyline.records import (
    BriefSentence,
    CitationCheck,
    Document,
    Figure,
    FigureValue,
    Rejection,
    Span,
    StoryAnalysis,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""The page's Content Security Policy: its inline stylesheet, and nothing else."""
_CONTEXT = 220
"""Characters of the article shown either side of a cited passage (within its paragraph)."""


def to_html(analyses: Sequence[StoryAnalysis], rejected: Sequence[Rejection] = (), *, checks: bool = False) -> str:
    """The whole report, one page; with ``checks``, each story ends with every brief sentence's check."""
    title = present.headline(analyses[0])[0] if len(analyses) == 1 else f"Storyline: {len(analyses)} stories"
    parts = [_header(analyses), *(_story(a, checks) for a in analyses), _rejected(rejected)]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *(p for p in parts if p),
            "</body>",
            "</html>",
        ]
    )


@dataclass(frozen=True, slots=True)
class _Story:
    """Anchors and citation numbers of one story: ``s-…-d3`` is document 3, ``s-…-d3-c615-757`` its characters
    615 to 757, ``s-…-d3-title`` its title."""

    id: str
    number: dict[str, int]

    def document(self, document: str) -> str:
        return f"{self.id}-d{self.number[document]}"

    def passage(self, document: str, span: Span) -> str:
        return f"{self.document(document)}-" + ("title" if span.start < 0 else f"c{span.start}-{span.end}")


def _header(analyses: Sequence[StoryAnalysis]) -> str:
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    n = len(analyses)
    lines = ["<header>", "<h1>Storyline</h1>", f'<p class="meta">{n} stor{"y" if n == 1 else "ies"} · {generated}</p>']
    if n > 1:
        items = (f'<li><a href="#{escape(a.story.id)}">{escape(present.headline(a)[0])}</a></li>' for a in analyses)
        lines += ["<nav><ol>", *items, "</ol></nav>"]
    return "\n".join([*lines, "</header>"])


def _story(analysis: StoryAnalysis, checks: bool) -> str:
    story = analysis.story
    at = _Story(story.id, present.numbers(story))
    found = next((s for s in analysis.brief if s.section == "headline"), None)
    title = escape(found.text) + " " + _cites(found, at) if found else escape(story.title)
    lines = [
        f'<article id="{escape(story.id)}">',
        f"<h2>{title}</h2>",
        f'<p class="meta">{escape(story.id)} · {escape(present.dated(story))}</p>',
    ]
    for part in present.BODY:
        lines.append(_figures(analysis, at) if part == "figures" else _section(analysis, part, at))
    lines.append(_sources(analysis, at))
    if checks:
        lines.append(_checks(analysis, at))
    return "\n".join([*(line for line in lines if line), "</article>"])


def _section(analysis: StoryAnalysis, part: present.Part, at: _Story) -> str:
    sentences = present.section(analysis, part)
    if not sentences:
        return ""
    items = []
    for sentence in sentences:
        outlet = f"<strong>{escape(sentence.outlet)}</strong>: " if part == "adds" and sentence.outlet else ""
        who = f' <span class="who">{escape(present.support(sentence))}</span>' if part == "key-points" else ""
        items.append(f"<li>{outlet}{escape(sentence.text)} {_cites(sentence, at)}{who}</li>")
    return _part(part, "<ul>\n" + "\n".join(items) + "\n</ul>")


def _part(part: present.Part, inner: str) -> str:
    return f'<section class="{part}">\n<h3>{escape(present.TITLES[part])}</h3>\n{inner}\n</section>'


def _cites(sentence: BriefSentence, at: _Story) -> str:
    """The sentence's citations, each linking to the passage of that document its check matched."""
    links = []
    for document in sentence.citations:
        if document not in at.number:
            continue
        check = _check(sentence, document)
        if check is not None and check.evidence is not None:
            target, hint = at.passage(document, check.evidence), present.short(check.evidence.text)
        else:
            target, hint = at.document(document), ""
        links.append(f'<a class="cite" href="#{escape(target)}" title="{escape(hint)}">[{at.number[document]}]</a>')
    return "".join(links)


def _check(sentence: BriefSentence, document: str) -> CitationCheck | None:
    return next((c for c in sentence.checks if c.document == document and c.supported), None)


def _figures(analysis: StoryAnalysis, at: _Story) -> str:
    """Figures with several values, or values that differ, as a table; the single ones in one paragraph."""
    table, single = present.tabled(analysis.figures)
    if not analysis.figures:
        return ""
    parts = []
    if table:
        rows = [_figure_row(f, at) for f in table]
        parts.append(
            '<table class="figures">\n<thead><tr><th>figure</th><th>values</th><th>discrepancy</th></tr></thead>\n'
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
    if single:
        values = "; ".join(f"{escape(present.figure_name(f))}: {_value(f.values[0], at)}" for f in single)
        parts.append(f'<p class="other-figures">{escape(present.OTHER_FIGURES)}: {values}</p>')
    return _part("figures", "\n".join(parts))


def _figure_row(figure: Figure, at: _Story) -> str:
    values = "".join(f"<li>{_value(v, at)}</li>" for v in figure.values)
    kind = escape(figure.discrepancy.type)
    return (
        f'<tr><th scope="row">{escape(present.figure_name(figure))}</th><td><ul>{values}</ul></td>'
        f'<td><span class="kind kind-{kind}">{kind}</span>: {escape(figure.discrepancy.reason)}</td></tr>'
    )


def _value(value: FigureValue, at: _Story) -> str:
    context = present.value_context(value)
    links = "".join(
        f'<a class="cite" href="#{escape(at.document(d))}">[{at.number[d]}]</a>'
        for d in dict.fromkeys(value.documents)
        if d in at.number
    )
    shown = f' <span class="ctx">({escape(context)})</span>' if context else ""
    return f"{escape(present.value_label(value))}{shown} {links}"


def _sources(analysis: StoryAnalysis, at: _Story) -> str:
    """Every document with what we know of it, and the passages of it the brief cites, marked."""
    passages = _passages(analysis)
    items = [_source(doc, analysis, at, passages.get(doc.id, [])) for doc in analysis.story.documents]
    return '<section class="sources">\n<h3>Sources</h3>\n<ol>\n' + "\n".join(items) + "\n</ol>\n</section>"


def _passages(analysis: StoryAnalysis) -> dict[str, list[Span]]:
    """The passages the brief's citations link to, per document, in reading order."""
    found: dict[str, dict[tuple[int, int], Span]] = {}
    for sentence in analysis.brief:
        for document in sentence.citations:
            check = _check(sentence, document)
            if check is not None and check.evidence is not None:
                span = check.evidence
                found.setdefault(document, {})[(span.start, span.end)] = span
    return {d: [spans[k] for k in sorted(spans)] for d, spans in found.items()}


def _source(doc: Document, analysis: StoryAnalysis, at: _Story, passages: Sequence[Span]) -> str:
    prov = analysis.provenance.get(doc.id)
    facts = [doc.outlet or "unknown outlet", prov.role if prov else "independent"]
    if doc.published:
        facts.append(f"published {doc.published}")
    meta = " · ".join(escape(f) for f in facts) + " · " + _where(doc)
    notes = [f"{d.reason} [{at.number.get(d.document, '?')}]" for d in (prov.derived_from if prov else ())]
    notes += [f"cites {', '.join(prov.cites)}"] if prov and prov.cites else []
    lines = [
        f'<li id="{escape(at.document(doc.id))}" class="source">',
        f'<p><span class="n">[{at.number[doc.id]}]</span> <cite>{escape(doc.title or "(untitled)")}</cite><br>',
        f'<span class="meta">{meta}</span></p>',
        *(f'<p class="note">{escape(n)}</p>' for n in notes),
        *(_passage(doc, span, at) for span in passages),
        "</li>",
    ]
    return "\n".join(lines)


def _where(doc: Document) -> str:
    """The document's address, a link only when it is a web address (never ``javascript:`` or a file)."""
    link = present.web_address(doc)
    if link:
        return f'<a href="{escape(link)}" rel="noopener noreferrer">{escape(link)}</a>'
    return f"<code>{escape(present.address(doc))}</code>"


def _passage(doc: Document, span: Span, at: _Story) -> str:
    """The passage marked, with some of its paragraph around it; the title when the check matched the title."""
    anchor = escape(at.passage(doc.id, span))
    if span.start < 0:
        return f'<blockquote id="{anchor}" class="passage">Title: <mark>{escape(span.text)}</mark></blockquote>'
    before, after = _around(doc.text, span) if doc.text[span.start : span.end] == span.text else ("", "")
    marked = f"{escape(before)}<mark>{escape(span.text)}</mark>{escape(after)}"
    return f'<blockquote id="{anchor}" class="passage">{marked}</blockquote>'


def _around(text: str, span: Span) -> tuple[str, str]:
    """Up to ``_CONTEXT`` characters of the passage's paragraph either side of it, cut at a word."""
    start, end = max(0, span.start - _CONTEXT), span.end + _CONTEXT
    before, after = text[start : span.start], text[span.end : end]
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    elif start > 0:
        before = "…" + before.split(" ", 1)[-1]
    if "\n" in after:
        after = after.split("\n", 1)[0]
    elif end < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, after


def _checks(analysis: StoryAnalysis, at: _Story) -> str:
    """One row per cited document of every brief sentence: supported, what it lacks, the passage matched."""
    rows = []
    for sentence in analysis.brief:
        checks: Sequence[CitationCheck | None] = sentence.checks or (None,)
        span = f' rowspan="{len(checks)}"' if len(checks) > 1 else ""
        head = (
            f"<td{span}><strong>{escape(present.TITLES[sentence.section])}</strong>: "
            f"{escape(present.short(sentence.text, 200))}</td><td{span}>{escape(sentence.check_reason)}</td>"
        )
        for i, check in enumerate(checks):
            rows.append(f"<tr>{head if i == 0 else ''}{_check_cells(check, at)}</tr>")
    header = "".join(
        f"<th>{h}</th>" for h in ("brief sentence", "outcome", "cited", "supported", "missing", "evidence")
    )
    table = (
        f'<table class="checks">\n<thead><tr>{header}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )
    return f'<section class="checks">\n<h3>Checks</h3>\n{table}\n</section>'


def _check_cells(check: CitationCheck | None, at: _Story) -> str:
    if check is None:
        return "<td>—</td><td></td><td></td><td></td>"
    if check.document in at.number:
        cited = f'<a class="cite" href="#{escape(at.document(check.document))}">[{at.number[check.document]}]</a>'
    else:
        cited = escape(check.document[:12])
    answer = present.supported(check)
    return (
        f'<td>{cited}</td><td class="{answer}">{answer}</td>'
        f"<td>{escape(present.missing(check))}</td><td>{escape(present.evidence(check))}</td>"
    )


def _rejected(rejected: Sequence[Rejection]) -> str:
    if not rejected:
        return ""
    items = "\n".join(
        f"<li><code>{escape(r.source)}</code> ({escape(r.stage)}): {escape(r.reason)}</li>" for r in rejected
    )
    return f'<section class="rejected">\n<h2>Rejected inputs</h2>\n<ul>\n{items}\n</ul>\n</section>'


_STYLE = """
:root { color-scheme: light dark; --fg: #1d1d1b; --bg: #fcfcfa; --muted: #5f6063; --line: #d9d8d2;
  --accent: #0b57d0; --mark: #ffe98a; --tint: #f1f0ea; --no: #b3261e; --yes: #1e7b34; }
@media (prefers-color-scheme: dark) { :root { --fg: #e7e6e1; --bg: #17171a; --muted: #a3a39e; --line: #3b3b40;
  --accent: #8ab4f8; --mark: #6b5700; --tint: #222226; --no: #f2b8b5; --yes: #9ad6a6; } }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.2rem; margin: 0; }
h2 { font-size: 1.55rem; line-height: 1.25; margin: 2.5rem 0 .3rem; padding-top: .8rem; border-top: 3px solid var(--fg); }
h3 { font-size: .95rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 1.8rem 0 .6rem; border-bottom: 1px solid var(--line); }
ul, ol { padding-left: 1.3rem; } li { margin: .35rem 0; }
.meta, .who, .ctx, .note { color: var(--muted); font-size: .9em; }
.who { display: block; }
a { color: var(--accent); }
a.cite { text-decoration: none; white-space: nowrap; font-size: .9em; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: var(--tint); }
table ul { margin: 0; padding-left: 1rem; }
.kind { font-weight: 600; }
.kind-conflict { color: var(--no); }
td.no { color: var(--no); font-weight: 600; } td.yes { color: var(--yes); }
.opinion-and-speculation li { font-style: italic; }
.sources ol { list-style: none; padding-left: 0; }
.source { padding: .2rem .5rem; scroll-margin-top: 1rem; }
.source p { margin: .2rem 0; }
.n { font-weight: 600; }
blockquote.passage { margin: .4rem 0 .8rem; padding: .4rem .8rem; border-left: 3px solid var(--line);
  background: var(--tint); scroll-margin-top: 1rem; }
blockquote.passage:target, .source:target { outline: 2px solid var(--accent); }
mark { background: var(--mark); color: inherit; }
code { font-size: .88em; overflow-wrap: anywhere; }
@media print { body { max-width: none; } a { color: inherit; } }
"""
