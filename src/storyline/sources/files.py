"""Read files, folders (recursively) and standard input into ``RawItem`` records.

Every input yields either items or a ``Rejection`` with a reason; nothing here
raises for a bad file.  Supported: ``.txt``/``.md`` (plain text), ``.html``/``.htm``
(pages), ``.jsonl`` (one article per line) and ``.json`` (an article object or a
list of them).  Standard input (``-``) is sniffed: JSON lines, HTML or text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.config import Settings
from storyline.records import InputFormat, RawItem, Rejection
from storyline.sources.decode import content_key, decode, looks_binary

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}
STDIN = "-"
_FIELDS = ("url", "title", "outlet", "published")

Item = RawItem | Rejection


def read_inputs(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield the items of every path: a file, a folder (recursively) or ``-``."""
    for given in paths:
        if given == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_bytes("<stdin>", _read_limited(stream, settings), "sniff")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path, settings)
        elif path.is_file():
            yield from _read_file(path, given, settings)
        else:
            yield Rejection(source=given, stage="read", reason="no such file or folder; check the path")


def _read_folder(folder: Path, settings: Settings) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "readme.txt"):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield _unsupported(str(path))
            continue
        yield from _read_file(path, str(path), settings)


def _read_file(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield _unsupported(source)
        return
    size = path.stat().st_size
    if size > settings.max_input_bytes:
        yield _too_large(source, size, settings)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(source=source, stage="read", reason=f"cannot be read ({exc.strerror}); check permissions")
        return
    yield from _read_bytes(source, data, kind)


def read_data(source: str, data: bytes, settings: Settings, kind: str | None = None) -> Iterator[Item]:
    """The items of bytes that came from elsewhere (an upload, a request body), read as ``kind`` (a value of
    ``SUPPORTED_SUFFIXES``), else as the suffix of ``source`` says, else sniffed as standard input is."""
    if kind is None:
        suffix = Path(source).suffix.lower()
        if suffix and suffix not in SUPPORTED_SUFFIXES:
            yield _unsupported(source)
            return
        kind = SUPPORTED_SUFFIXES.get(suffix, "sniff")
    if len(data) > settings.max_input_bytes:
        yield _too_large(source, len(data), settings)
        return
    yield from _read_bytes(source, data, kind)


def _too_large(source: str, size: int, settings: Settings) -> Rejection:
    reason = f"too large ({size:,} bytes, limit {settings.max_input_bytes:,}); split it into smaller files"
    return Rejection(source=source, stage="read", reason=reason)


def _read_limited(stream: BinaryIO, settings: Settings) -> bytes | Rejection:
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        return Rejection(
            source="<stdin>",
            stage="read",
            reason=f"standard input is larger than {settings.max_input_bytes:,} bytes; pass files instead",
        )
    return data


def _read_bytes(source: str, data: bytes | Rejection, kind: str) -> Iterator[Item]:
    if isinstance(data, Rejection):
        yield data
        return
    if not data.strip():
        yield Rejection(source=source, stage="read", reason="empty input; nothing to read")
        return
    if looks_binary(data):
        reason = "binary content, not text (or UTF-16 without a byte-order mark); pass text files saved as UTF-8"
        yield Rejection(source=source, stage="read", reason=reason)
        return
    text, why = decode(data)
    if text is None:
        yield Rejection(source=source, stage="read", reason=why)
        return
    if kind == "sniff":
        kind = _sniff(text)
    if kind in ("jsonl", "json"):
        yield from _read_json(source, text, lines=kind == "jsonl")
        return
    fmt: InputFormat = "html" if kind == "html" else "markdown" if kind == "markdown" else "text"
    yield RawItem(source=source, key=content_key(data), format=fmt, body=text)


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl" if _is_json_lines(text) else "json"
    if head.startswith("[") and head[1:].lstrip().startswith("{"):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p")):
        return "html"
    return "text"


def _is_json_lines(text: str) -> bool:
    """One object per line, unless the whole text is one (pretty-printed) JSON document."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return True
    return text.strip().count("\n") == 0


def _read_json(source: str, text: str, *, lines: bool) -> Iterator[Item]:
    if not lines:
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError) as exc:
            yield Rejection(source=source, stage="read", reason=f"malformed JSON ({_why(exc)}); fix the file")
            return
        if parsed == []:
            yield Rejection(source=source, stage="read", reason="an empty JSON list; no articles in it")
        elif isinstance(parsed, list):
            for number, obj in enumerate(parsed, start=1):
                yield _json_article(f"{source}#{number}", obj)
        else:
            yield _json_article(source, parsed)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = f"malformed JSON line ({_why(exc)}); fix or remove that line"
            yield Rejection(source=where, stage="read", reason=reason)
            continue
        yield _json_article(where, obj)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


def _json_article(where: str, obj: object) -> Item:
    if not isinstance(obj, dict):
        return Rejection(
            source=where, stage="read", reason='not a JSON object; expected {"text": ...} or {"html": ...}'
        )
    meta = {name: _as_text(obj.get(name)) for name in _FIELDS}
    body, fmt = _json_body(obj)
    if body is None:
        return Rejection(source=where, stage="read", reason='no "text" or "html" field with content')
    canonical = json.dumps({**meta, fmt: body}, sort_keys=True, ensure_ascii=False)
    return RawItem(
        source=meta["url"] or where,
        key=content_key(canonical.encode("utf-8")),
        format=fmt,
        body=body,
        url=meta["url"],
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
    )


def _json_body(obj: dict[str, object]) -> tuple[str | None, InputFormat]:
    for name, fmt in (("text", "text"), ("html", "html")):
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value, fmt  # type: ignore[return-value]
    return None, "text"


def _as_text(value: object) -> str | None:
    """Strings as they are, numbers as text; lists, objects and the rest are not metadata."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


def _unsupported(source: str) -> Rejection:
    known = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return Rejection(source=source, stage="read", reason=f"unsupported file type; use one of {known}")
