"""The web app: server-rendered pages and a JSON API over one store (``storyline serve``).

Pages and API read through read-only connections (``library.Library``); only a write with the API key opens the
store for writing, and it goes through the same ingest as ``storyline ingest``.  Every response carries a strict
Content-Security-Policy (no inline script or style, nothing from elsewhere, no framing) and the headers beside it;
request bodies are capped; every error has one JSON shape (``errors``).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.config import Settings, WebSettings
from storyline.pipeline import assign_stories
from storyline.store import SQLiteStore
from storyline.web import api, errors, pages
from storyline.web.library import Library
from storyline.web.models import schema_components
from storyline.web.site import Site

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Scripts, styles and requests from this server only, never inline; no plugins, no framing, forms post here."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(db: Path, *, api_key: str | None, web: WebSettings | None = None) -> FastAPI:
    """The app over the store at ``db``, migrated once here (the only write until someone posts with ``api_key``;
    None refuses every write).  Documents an interrupted ingest left unplaced are placed here too."""
    web = web or WebSettings()
    with SQLiteStore(db, create=False) as store:
        assign_stories(store)
    site = Site(
        library=Library(db, Settings(), web),
        templates=Environment(
            loader=PackageLoader("storyline.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        ),
        web=web,
        settings=Settings(),
        api_key=api_key,
        write_lock=threading.Lock(),
        written=threading.Event(),
    )
    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="Stories with checked briefs, from many news articles. Stories and documents are the objects of "
        'the export document (storyline/v1); every error is {"error": {"status", "code", "message"}}.',
        docs_url=None,
        redoc_url=None,
        lifespan=_warming(site),
    )
    app.state.site = site
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    errors.install(app, lambda request, error: _error_page(site, error))
    app.include_router(pages.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(packages=[("storyline.web", "static")]), name="static")
    app.add_middleware(BodyLimit, limit=web.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's OpenAPI document, with the export document's JSON Schema among its components."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            found = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            found.setdefault("components", {}).setdefault("schemas", {}).update(schema_components())
            app.openapi_schema = found
        return app.openapi_schema

    return build


def _error_page(site: Site, error: errors.WebError) -> Response:
    response = site.page("error.html", status=error.status, error=error)
    response.headers.update(error.headers or {})
    return response


def _warming(site: Site) -> Any:
    """The app's lifespan: a background thread analyses the top ``WebSettings.warm_stories`` stories not analysed
    yet, newest first, one at a time, and looks again at once after a write through the web, else every
    ``poll_seconds`` (for writes by ``storyline ingest``)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(target=_warm, args=(site, stop), name="storyline-warm", daemon=True)
        if site.web.warm_stories:
            thread.start()
        yield
        stop.set()
        site.written.set()
        if thread.is_alive():
            thread.join(timeout=30)

    return lifespan


def _warm(site: Site, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            busy = site.library.warm(limit=1) > 0
        except Exception:  # a store that went away for a moment: try again later; the pages report it
            busy = False
        if not busy:
            site.written.wait(site.web.poll_seconds)
            site.written.clear()


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response, pages, API, static files and errors alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_secured)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, by its declared length before reading it, or as soon
    as more arrives than that; the route's handler turns the refusal into the error shape."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared is not None and declared.isdigit() and int(declared) > self.limit:
                raise self._too_large()
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise self._too_large()
            return message

        await self.app(scope, limited, send)

    def _too_large(self) -> errors.WebError:
        mb = self.limit / 1_000_000
        message = f"the request is larger than {mb:g} MB; send fewer or smaller files at a time"
        return errors.WebError(413, "too_large", message)
