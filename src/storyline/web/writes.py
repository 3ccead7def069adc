"""Writes through the web: the API key, what a request carries, and the same ingest as ``storyline ingest``.

A write needs the server's API key (``$STORYLINE_API_KEY``; without one, the server takes no writes) in the
``X-API-Key`` header, as ``Authorization: Bearer KEY``, or (the upload form) in its ``api_key`` field; keys are
compared in constant time.  Request bodies are capped (``WebSettings.max_upload_bytes``, by ``app.BodyLimit``)
and so is the number of files (``max_upload_files``).  Inputs are read by ``sources.read_data`` (the CLI's
reader: the same formats, limits and rejections) and stored by ``pipeline.ingest``, one write at a time.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from storyline.config import Settings
from storyline.pipeline import IngestReport, ingest
from storyline.sources import read_data
from storyline.store import SQLiteStore
from storyline.web.errors import WebError
from storyline.web.models import Added, IngestResult, RejectedInput
from storyline.web.site import Site

MEDIA_TYPES = {
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/html": "html",
}
"""What a request body of each media type is read as (``multipart/form-data`` carries files instead)."""
FORMATS = ("text", "markdown", "html", "jsonl", "json")
"""What pasted text may be read as (else it is sniffed, as standard input is)."""
_FIELDS = 8
"""Form fields (other than files) an upload may have."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Upload:
    """One input received: its name (the source it is stored under), its bytes, and how to read it (None: by the
    name's suffix, else sniffed)."""

    source: str
    data: bytes
    kind: str | None = None


def check_key(expected: str | None, given: str | None) -> None:
    """Refuse a write: 403 when the server takes none, 401 without a key, 403 with a wrong one."""
    if expected is None:
        raise WebError(
            403, "writes_disabled", "this server takes no writes; start it with STORYLINE_API_KEY set to a secret"
        )
    if not given:
        raise WebError(
            401,
            "unauthorized",
            "no API key; send it in the X-API-Key header (or as Authorization: Bearer KEY)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise WebError(403, "forbidden", "wrong API key; use the key the server was started with")


def header_key(request: Request) -> str | None:
    """The key from ``X-API-Key``, else from ``Authorization: Bearer KEY``."""
    if key := request.headers.get("x-api-key"):
        return key
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


async def body_uploads(request: Request, max_files: int, max_bytes: int) -> list[Upload]:
    """What a ``POST /api/documents`` carries: files (and a ``text`` field) of a form, or one body of a known type."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        uploads, _ = await form_uploads(request, max_files, max_bytes)
        return uploads
    if media not in MEDIA_TYPES:
        known = ", ".join(["multipart/form-data", *MEDIA_TYPES])
        raise WebError(415, "unsupported_media_type", f"cannot read {media or 'a body without a type'}; send {known}")
    return [Upload(source="api", data=await request.body(), kind=MEDIA_TYPES[media])]


async def form_uploads(request: Request, max_files: int, max_bytes: int) -> tuple[list[Upload], dict[str, str]]:
    """The files of a form (each named after its file name), its pasted ``text`` (read as its ``format`` field
    says, else sniffed) and its other fields."""
    try:
        form = await request.form(max_files=max_files, max_fields=_FIELDS, max_part_size=max_bytes)
    except HTTPException as exc:
        if "Too many files" in str(exc.detail):
            raise WebError(
                413, "too_many_files", f"more than {max_files} files; send the rest in another request"
            ) from exc
        raise
    uploads: list[Upload] = []
    fields: dict[str, str] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            data = await value.read()
            if value.filename or data:
                uploads.append(Upload(source=_file_name(value.filename), data=data))
        else:
            fields[name] = value
    text = fields.get("text", "")
    if text.strip():
        kind = fields.get("format") if fields.get("format") in FORMATS else "sniff"
        uploads.append(Upload(source="pasted text", data=text.encode("utf-8"), kind=kind))
    return uploads, fields


def _file_name(name: str | None) -> str:
    """The file's own name, without any folders a client sent along."""
    return PurePath((name or "upload").replace("\\", "/")).name[:200] or "upload"


async def receive(site: Site, uploads: Sequence[Upload]) -> IngestResult:
    """Store what a request carried (in a worker thread: reading and storing block) and say what became of it;
    a request that carried nothing is refused (422)."""
    if not uploads:
        raise WebError(422, "empty", "nothing to add; attach files, or paste an article or JSON lines")
    report = await run_in_threadpool(store_uploads, site.library.path, uploads, site.settings, site.write_lock)
    site.written.set()
    index = await run_in_threadpool(site.library.index)
    return result(report, index.story_of)


def store_uploads(db: Path, uploads: Sequence[Upload], settings: Settings, lock: threading.Lock) -> IngestReport:
    """Read and store the uploads as ``storyline ingest`` reads and stores files, one write at a time."""
    found = (item for upload in uploads for item in read_data(upload.source, upload.data, settings, upload.kind))
    with lock, SQLiteStore(db, create=False) as store:
        return ingest(found, store, settings)


def result(report: IngestReport, story_of: Mapping[str, str]) -> IngestResult:
    """The report as the API returns it, each added document with the story it joined."""
    return IngestResult(
        added=[Added(id=doc, story=story_of.get(doc)) for doc in report.added],
        stored=report.stored,
        duplicates=[{"source": source, "document": doc} for source, doc in report.duplicates],
        near_copies=[
            {"document": doc, "copies": earlier, "share": round(share, 3)} for doc, earlier, share in report.near_copies
        ],
        rejected=[RejectedInput(source=r.source, stage=r.stage, reason=r.reason) for r in report.rejected],
    )
