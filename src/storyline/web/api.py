"""The JSON API: stories (paginated, searchable), one story as the export document, one document, and writes."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from storyline.export import document_json, export_document
from storyline.records import Story
from storyline.web.errors import WebError
from storyline.web.library import Library, StoryIndex
from storyline.web.models import DOCUMENT_REF, EXPORT_REF, IngestResult, StoryList, StorySummary, Version, errors
from storyline.web.site import Site, get_site
from storyline.web.writes import FORMATS, MEDIA_TYPES, body_uploads, check_key, header_key, receive

router = APIRouter(prefix="/api", tags=["api"])
SiteDep = Annotated[Site, Depends(get_site)]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


_ARTICLE = {
    "type": "object",
    "properties": {name: {"type": "string"} for name in ("url", "title", "outlet", "published", "text", "html")},
}
_FORM = {
    "type": "object",
    "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "text": {"type": "string", "description": "pasted articles (text, HTML or JSON lines; sniffed)"},
        "format": {"enum": list(FORMATS), "description": "read the pasted text as this instead"},
    },
}
_BODIES = {
    "multipart/form-data": {"schema": _FORM},
    **{
        media: {
            "schema": {"oneOf": [_ARTICLE, {"type": "array", "items": _ARTICLE}]}
            if kind == "json"
            else {"type": "string"}
        }
        for media, kind in MEDIA_TYPES.items()
    },
}
_DOCUMENT = {
    "type": "object",
    "properties": {"story": {"type": ["string", "null"]}, "document": DOCUMENT_REF},
    "required": ["story", "document"],
}


@router.get("/version", summary="The store's version, to poll for new documents")
def version(site: SiteDep) -> Version:
    """Cheap to ask: the version changes whenever a document arrives or a story changes."""
    found, documents = site.library.version()
    return Version(version=found, documents=documents)


@router.get("/stories", summary="Stories, newest and biggest first, or those matching q", responses=errors(422))
def stories(
    site: SiteDep,
    q: Annotated[str, Query(max_length=200, description="words to find in titles and texts (full-text search)")] = "",
    limit: Annotated[int | None, Query(ge=1, description="stories per page (default 20, at most 100)")] = None,
    offset: Annotated[int, Query(ge=0, description="stories to skip")] = 0,
) -> StoryList:
    """Stories of the latest day first, within a day the biggest first; with q, the stories whose documents match
    best first. The total counts them all; next is the address of the next page."""
    limit = limit or site.web.page_size
    if limit > site.web.max_page_size:
        raise WebError(422, "invalid", f"query.limit: at most {site.web.max_page_size}; ask for the next page instead")
    return listing(site.library, site.library.index(), q, limit, offset, path="/api/stories")


def listing(library: Library, index: StoryIndex, q: str, limit: int, offset: int, *, path: str) -> StoryList:
    """One page of the story list (shared by the stories page and the API)."""
    found = library.search(q, index) if q.strip() else list(index.stories)
    more = offset + limit < len(found)
    query = {**({"q": q} if q else {}), "limit": limit, "offset": offset + limit}
    return StoryList(
        total=len(found),
        limit=limit,
        offset=offset,
        next=f"{path}?{urlencode(query)}" if more else None,
        version=index.version,
        stories=[summary(story, library.origins(story, index)) for story in found[offset : offset + limit]],
    )


def summary(story: Story, origins: int | None) -> StorySummary:
    return StorySummary(
        id=story.id,
        title=story.title,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        size=len(story.documents),
        outlets=list(dict.fromkeys(d.outlet for d in story.documents if d.outlet)),
        independent_origins=origins,
    )


@router.get(
    "/stories/{story_id}",
    summary="One story: the export document (storyline/v1) with that story",
    response_model=None,
    responses={
        200: {"description": "as storyline show ID --json prints it", "content": _json(EXPORT_REF)},
        308: {"description": "the story was merged into another: its id"},
        **errors(404),
    },
)
def story(story_id: str, site: SiteDep) -> Response:
    found = site.library.story_analysis(story_id)
    if isinstance(found, str):
        return RedirectResponse(f"/api/stories/{found}", status_code=308)
    return JSONResponse(export_document([found]))


@router.get(
    "/documents/{document_id}",
    summary="One document with its clean text, as its story's analysis placed it",
    response_model=None,
    responses={200: {"description": "the document and its story", "content": _json(_DOCUMENT)}, **errors(404)},
)
def document(document_id: str, site: SiteDep) -> Response:
    doc, analysis = site.library.document(document_id)
    prov = analysis.provenance.get(doc.id) if analysis else None
    story = analysis.story.id if analysis else None
    return JSONResponse({"story": story, "document": document_json(doc, prov, with_text=True)})


@router.post(
    "/documents",
    summary="Add articles (needs the API key)",
    status_code=201,
    responses={
        200: {"model": IngestResult, "description": "nothing new: every input was stored before"},
        **errors(401, 403, 413, 415, 422),
    },
    openapi_extra={"requestBody": {"required": True, "content": _BODIES}},
)
async def add_documents(request: Request, site: SiteDep) -> JSONResponse:
    """Read and store articles as storyline ingest does: 201 when something was added, 200 when everything was
    stored before, 422 (every rejection in the error's details) when nothing was accepted. The key goes in the
    X-API-Key header, or as Authorization: Bearer KEY."""
    check_key(site.api_key, header_key(request))
    uploads = await body_uploads(request, site.web.max_upload_files, site.web.max_upload_bytes)
    found = await receive(site, uploads)
    if not (found.added or found.stored or found.duplicates):
        details = [r.model_dump() for r in found.rejected]
        raise WebError(422, "rejected", "no input was accepted; each rejection says why", details=details)
    return JSONResponse(found.model_dump(), status_code=201 if found.added else 200)
