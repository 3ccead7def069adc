"""One error shape for every 4xx and 5xx, from whichever layer the failure came.

    {"error": {"status": 404, "code": "not_found", "message": "no story 's-…'; the list at / shows every story"}}

``details`` is added where there is more to say (each invalid field of a request, each rejected input).  A browser
asking for a page (``Accept: text/html``, outside ``/api/``) gets the same status, code and message as a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from storyline.errors import NotFoundError, StorylineError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    503: "unavailable",
}


class WebError(HTTPException):
    """A request the server refuses, with what was wrong and what to do (an ``HTTPException``, so that it passes
    through FastAPI's own request parsing unchanged)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, message, dict(headers or {}))
        self.status, self.code, self.message = status, code, message
        self.details = details


HtmlError = Callable[[Request, WebError], Response]
"""Renders an error as a page for a browser."""


def install(app: FastAPI, html: HtmlError) -> None:
    """Route every failure to ``WebError``'s shape: refusals, unknown routes, invalid requests, store failures
    and bugs."""

    def respond(request: Request, error: WebError) -> Response:
        wants_page = "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/api/")
        if wants_page:
            return html(request, error)
        body: dict[str, Any] = {"status": error.status, "code": error.code, "message": error.message}
        if error.details is not None:
            body["details"] = error.details
        return JSONResponse({"error": body}, status_code=error.status, headers=error.headers or {})

    async def refused(request: Request, exc: Exception) -> Response:
        return respond(request, exc if isinstance(exc, WebError) else _internal(exc))

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return respond(request, _from_http(request, exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, _from_validation(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return respond(request, WebError(404, "not_found", str(exc)))

    async def store(request: Request, exc: Exception) -> Response:
        return respond(request, WebError(503, "unavailable", str(exc)))

    app.add_exception_handler(WebError, refused)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(StorylineError, store)
    app.add_exception_handler(Exception, refused)


def _internal(exc: Exception) -> WebError:
    message = f"internal error ({type(exc).__name__}); the server log has the traceback, please report it"
    return WebError(500, "internal", message)


def _from_http(request: Request, exc: HTTPException) -> WebError:
    path, status = request.url.path, exc.status_code
    if status == 404 and exc.detail == "Not Found":
        message = f"nothing at {path}; the stories are at /, the API is described at /docs"
    elif status == 405:
        message = f"{request.method} is not allowed on {path}; /docs lists the methods each route takes"
    else:
        message = str(exc.detail)
    return WebError(status, CODES.get(status, "error"), message, headers=exc.headers or {})


def _from_validation(exc: RequestValidationError) -> WebError:
    details = [
        {"where": ".".join(str(part) for part in error.get("loc", ())), "problem": str(error.get("msg", ""))}
        for error in exc.errors()
    ]
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    message = f"{first['where']}: {first['problem']}{more}; fix the request (see /docs)"
    return WebError(422, "invalid", message, details=details)
