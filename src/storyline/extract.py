"""Raw items to clean text and metadata.  trafilatura lives only here.

``extract(item)`` returns an ``Extraction`` or a ``Rejection``; it never raises
for bad content.  Clean text is one paragraph per block, blocks separated by a
blank line; the headline is kept apart as the title.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from storyline.boilerplate import clean_lines, line_reason
from storyline.config import Settings
from storyline.records import Extraction, RawItem, Rejection
from storyline.text import normalise, word_count

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for m in names.split()
}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})\b")
_BYLINE = re.compile(r"^(?:by|posted by|written by)\s+[^\W\d_]", re.IGNORECASE)
_ACCOUNT = re.compile(r"^([^()]{2,60}\(@\w+\))(?:\s+on\s+\w+)?(?:\s*[·|•].*)?$")
_STAFF = re.compile(
    r"\bby\s+((?:The )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4}?)\s+(?:Staff|Newsroom|Desk|Team|Reporters?)\b"
)
_SEPARATORS = re.compile(r"\s*[|•·]\s*|\s+[—–]\s+")
_TIME = re.compile(r"^\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$", re.IGNORECASE)
_DATELINE_OUTLET = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*\(([A-Z][\w&.' -]{1,40})\)\s*[—–-]")
_COPYRIGHT_OUTLET = re.compile(
    r"(?i:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?i:by\s+)?((?:The )?[A-Z][\w&.' -]{1,50}?)(?:[.,;|]|\s+(?i:all rights)|$)"
)
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,500}\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.{1,300}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")


def extract(item: RawItem, settings: Settings) -> Extraction | Rejection:
    """Clean text, title, outlet and date of one raw item."""
    if item.format == "html":
        page = _from_html(item)
        if isinstance(page, Rejection):
            return page
        lines, title, outlet, published = page
    else:
        lines = _text_lines(item.body, markdown=item.format == "markdown")
        title = _markdown_title(item.body) if item.format == "markdown" else None
        outlet = published = None
    meta_removed, lines, byline_outlet, byline_date = _take_byline(lines)
    cleaned = clean_lines(lines)
    body = list(cleaned.lines)
    title = item.title or title
    if cleaned.title_index is not None and title is None:
        title = body[cleaned.title_index]
    body = [line for line in body if not (title and _same(line, title))]
    text = _join(body)
    removed = meta_removed + cleaned.removed
    outlet = item.outlet or outlet or byline_outlet or _outlet_from_text(lines, removed) or _host(item.url)
    title = _without_site_suffix(title, outlet)
    if len(text) > settings.max_text_chars:
        reason = (
            f"too long for one article ({len(text):,} characters of text, limit {settings.max_text_chars:,}); split it"
        )
        return Rejection(source=item.source, stage="extract", reason=reason)
    if len(text) < settings.min_text_chars:
        return Rejection(
            source=item.source, stage="extract", reason="no article text found (too little text after cleaning)"
        )
    return Extraction(
        text=text,
        title=title,
        outlet=outlet,
        published=_iso_date(item.published) or published or byline_date or _date_from_lines(_short(lines[:8])),
        boilerplate_removed=sum(len(line) for _, line in removed),
        removed=removed,
    )


def _from_html(item: RawItem) -> tuple[list[str], str | None, str | None, str | None] | Rejection:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            item.body, url=item.url, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Rejection(source=item.source, stage="extract", reason=f"page could not be parsed ({type(exc).__name__})")
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or not text.strip():
        return Rejection(source=item.source, stage="extract", reason="no article text found in the page")
    lines = _text_lines(text, markdown=False)
    outlet = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    return lines, getattr(doc, "title", None), outlet, _iso_date(getattr(doc, "date", None))


def _text_lines(body: str, *, markdown: bool) -> list[str]:
    lines = normalise(body).split("\n")
    if markdown:
        lines = [_strip_markdown(line) for line in lines]
    return _unwrap(lines)


def _markdown_title(body: str) -> str | None:
    """A level-one heading on the first non-blank line is the title."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return _strip_markdown(first) if first.startswith("# ") else None


def _strip_markdown(line: str) -> str:
    if _MD_RULE.match(line):
        return ""
    line = _MD_HEADING.sub("", line)
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_MARK.sub(r"\2", line).lstrip("> ").strip()


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs; keep one-line paragraphs as they are."""
    filled = [line for line in lines if line]
    wrapped = len(filled) >= 6 and sum(1 for ln in filled if 50 <= len(ln) <= 90) >= 0.6 * len(filled)
    paragraphs: list[list[str]] = []
    last, last_is_boilerplate = "", False
    for line in lines:
        is_boilerplate = bool(line) and line_reason(line) is not None
        joins = (
            bool(last and line)
            and not (is_boilerplate or last_is_boilerplate)
            and ((wrapped and len(last) >= 50) or (line[0].islower() and not last.endswith(_TERMINAL)))
        )
        if joins:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        last, last_is_boilerplate = line, is_boilerplate
    return [" ".join(p) for p in paragraphs]


def _take_byline(lines: list[str]) -> tuple[tuple[tuple[str, str], ...], list[str], str | None, str | None]:
    """Byline, account and date lines near the top: remove them, keep what they say."""
    removed: list[tuple[str, str]] = []
    outlet = published = None
    kept = list(lines)
    filled = [i for i, line in enumerate(lines[:10]) if line]
    for position, i in enumerate(filled[:4]):
        line = lines[i]
        found = _byline_outlet(line, first=position == 0)
        if found is None:
            continue
        outlet = outlet or found or None
        published = published or _date_from_lines([line])
        removed.append(("byline or date line", line))
        kept[i] = ""
    return tuple(removed), kept, outlet, published


def _byline_outlet(line: str, *, first: bool) -> str | None:
    """``None`` when ``line`` is not a byline; else the outlet it names, or ``""``."""
    handle = _ACCOUNT.match(line)
    if handle:
        return handle.group(1).strip()
    if word_count(line) > 16 or line.endswith("."):
        return None
    dated = _date_from_lines([line]) is not None
    if not (_BYLINE.match(line) or (dated and not first) or (dated and word_count(line) <= 8)):
        return None
    staff = _STAFF.search(line)
    if staff:
        return staff.group(1).strip()
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    names = [p for p in parts if not _date_from_lines([p]) and not _BYLINE.match(p) and not _TIME.match(p)]
    if _BYLINE.match(parts[0]) and names:
        return names[0]
    if not _BYLINE.match(parts[0]) and len(parts) > 1 and names and names[0] == parts[0]:
        return names[0]
    return ""


def _short(lines: list[str]) -> list[str]:
    """Lines short enough to be a date line, not a paragraph that mentions a date."""
    return [line for line in lines if word_count(line) <= 8]


def _outlet_from_text(lines: list[str], removed: tuple[tuple[str, str], ...]) -> str | None:
    for line in lines[:6]:
        found = _DATELINE_OUTLET.match(line)
        if found:
            return found.group(1).strip()
    for _, line in removed:
        found = _COPYRIGHT_OUTLET.search(line)
        if found and word_count(found.group(1)) <= 6:
            return found.group(1).strip()
    return None


def _date_from_lines(lines: list[str]) -> str | None:
    for line in lines:
        found = _ISO_DATE.search(line)
        if found:
            iso = _valid(int(found.group(1)), int(found.group(2)), int(found.group(3)))
            if iso:
                return iso
        found = _LONG_DATE.search(line)
        if found and found.group(1).lower() in _MONTHS:
            iso = _valid(int(found.group(3)), _MONTHS[found.group(1).lower()], int(found.group(2)))
            if iso:
                return iso
    return None


def _iso_date(value: str | None) -> str | None:
    """ISO-8601 timestamps are kept as given; other date strings become YYYY-MM-DD."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$", value):
        return value.replace(" ", "T")
    return _date_from_lines([value])


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _host(url: str | None) -> str | None:
    """The site of a URL, as a last resort for the outlet: 'https://www.x.example/a' -> 'x.example'."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL names no site
        return None
    return host.removeprefix("www.") if host else None


def _without_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """'Headline | Site Name' -> 'Headline' when the suffix is the outlet's name."""
    if not title or not outlet:
        return title
    head, sep, tail = title.rpartition(" | ") if " | " in title else title.rpartition(" - ")
    return head.strip() if sep and tail.strip().lower() == outlet.lower() else title


def _same(line: str, title: str) -> bool:
    return " ".join(line.lower().split()) == " ".join(title.lower().split())


def _join(lines: list[str]) -> str:
    """Paragraphs separated by exactly one blank line."""
    return "\n\n".join(line for line in lines if line.strip())
