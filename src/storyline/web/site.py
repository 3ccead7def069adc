"""What every route of the web app needs, in one object: the store's library, the templates, settings, the key."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from storyline import __version__
from storyline.config import Settings, WebSettings
from storyline.records import StoryAnalysis
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
    _rendered_lock: threading.Lock = field(default_factory=threading.Lock)

    rendered: OrderedDict[int, tuple[object, bytes]] = field(default_factory=OrderedDict)
    """Story pages as rendered, by the identity of the analysis they show (kept with it, so the id stays its)."""

    def page(self, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        template = self.templates.get_template(name)
        html = template.render(writes=self.api_key is not None, version_label=__version__, **context)
        return HTMLResponse(html, status_code=status)

    def page_of(self, analysis: StoryAnalysis, name: str, view: Callable[[StoryAnalysis], object]) -> HTMLResponse:
        """A page that depends on one analysis only, rendered once per analysis and then served as it is (the
        library hands out the same analysis object until the story or the store's outlets change)."""
        with self._rendered_lock:
            kept = self.rendered.get(id(analysis))
            if kept is not None and kept[0] is analysis:
                self.rendered.move_to_end(id(analysis))
                return HTMLResponse(kept[1])
        body = self.page(name, view=view(analysis)).body
        with self._rendered_lock:
            self.rendered[id(analysis)] = (analysis, bytes(body))
            while len(self.rendered) > self.web.keep_analyses:
                self.rendered.popitem(last=False)
        return HTMLResponse(body)


def get_site(request: Request) -> Site:
    """The app's ``Site`` (a FastAPI dependency)."""
    site: Site = request.app.state.site
    return site
