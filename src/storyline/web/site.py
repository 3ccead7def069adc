"""What every route of the web app needs, in one object: the store's library, the templates, settings, the key."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from storyline import __version__
from storyline.config import Settings, WebSettings
from storyline.web.library import Library


@dataclass(frozen=True, kw_only=True, slots=True)
class Site:
    """What every route needs: the store's library, the templates, the settings, the API key, and what writes
    through the web share."""

    library: Library
    templates: Environment
    web: WebSettings
    settings: Settings
    api_key: str | None
    write_lock: threading.Lock
    written: threading.Event
    """Set after every write through the web: the warming thread analyses the new stories at once."""

    def page(self, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        template = self.templates.get_template(name)
        html = template.render(writes=self.api_key is not None, version_label=__version__, **context)
        return HTMLResponse(html, status_code=status)


def get_site(request: Request) -> Site:
    """The app's ``Site`` (a FastAPI dependency)."""
    site: Site = request.app.state.site
    return site
