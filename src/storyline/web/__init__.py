"""The web pages and JSON API over a store (``storyline serve``): ``create_app`` builds the FastAPI app."""

from storyline.web.app import create_app

__all__ = ["create_app"]
