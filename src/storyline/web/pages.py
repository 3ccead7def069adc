"""The pages: the stories, one story, one document, adding news, the API's description, and the icon."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.web.api import listing
from storyline.web.document_view import document_view
from storyline.web.errors import WebError
from storyline.web.site import Site, get_site
from storyline.web.story_view import story_view
from storyline.web.writes import FORMATS, check_key, form_uploads, header_key, receive

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(get_site)]


@router.get("/", response_class=HTMLResponse)
def stories(
    site: SiteDep,
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    index = site.library.index()
    found = listing(site.library, index, q, site.web.page_size, offset, path="/")
    newer = max(0, offset - site.web.page_size)
    return site.page(
        "stories.html",
        q=q,
        found=found,
        documents=index.documents,
        newer=_query(q, newer) if offset else None,
        older=_query(q, offset + site.web.page_size) if found.next else None,
        poll=site.web.poll_seconds,
        warming={story.id for story in index.stories[: site.web.warm_stories]},
    )


def _query(q: str, offset: int) -> str:
    return "/?" + urlencode({**({"q": q} if q else {}), **({"offset": offset} if offset else {})})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, site: SiteDep) -> Response:
    found = site.library.story_analysis(story_id)
    if isinstance(found, str):
        return RedirectResponse(f"/stories/{found}", status_code=308)
    return site.page_of(found, "story.html", story_view)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(document_id: str, site: SiteDep) -> HTMLResponse:
    doc, analysis = site.library.document(document_id)
    return site.page("document.html", view=document_view(doc, analysis))


@router.get("/add", response_class=HTMLResponse)
def add_form(site: SiteDep) -> HTMLResponse:
    return site.page("add.html", **_form(site))


@router.post("/add", response_class=HTMLResponse)
async def add(request: Request, site: SiteDep) -> HTMLResponse:
    """The upload form's post: the key in its ``api_key`` field (or a header), then the same ingest as the API.  A
    browser sees a refusal on the form; other clients get the error shape."""
    try:
        uploads, fields = await form_uploads(request, site.web.max_upload_files, site.web.max_upload_bytes)
        check_key(site.api_key, header_key(request) or fields.get("api_key"))
        found = await receive(site, uploads)
    except WebError as error:
        if "text/html" not in request.headers.get("accept", ""):
            raise
        return site.page("add.html", status=error.status, **{**_form(site), "error": error})
    return site.page("add.html", **{**_form(site), "result": found})


def _form(site: Site) -> dict[str, Any]:
    return {
        "formats": FORMATS,
        "max_files": site.web.max_upload_files,
        "max_mb": f"{site.web.max_upload_bytes / 1_000_000:g}",
        "result": None,
        "error": None,
    }


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """The icon, for what a browser shows without a page that names it (the JSON API's answers, files)."""
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request, site: SiteDep) -> HTMLResponse:
    """The API described from its OpenAPI document, on a page that needs no script and nothing from elsewhere."""
    return site.page("docs.html", openapi=request.app.openapi())
