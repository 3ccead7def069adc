"""Storyline: many news articles in, stories with cited, checked briefs out.

The library is the product; the CLI is a thin layer over it::

    from storyline import Settings, SQLiteStore, ingest, read_inputs, analyse_stored, export_document

    settings = Settings()
    with SQLiteStore("storyline.db") as store:
        ingest(read_inputs(["articles/"], settings), store, settings)
        document = export_document(analyse_stored(store, settings))
"""

from storyline.config import Settings
from storyline.errors import NotFoundError, StoreError, StorylineError
from storyline.export import export_document, schema, to_markdown
from storyline.pipeline import IngestReport, analyse, analyse_all, analyse_stored, ingest, stored_stories, stories
from storyline.report import to_html
from storyline.sources import read_inputs
from storyline.store import SQLiteStore

__version__ = "0.1.0"

__all__ = [
    "IngestReport",
    "NotFoundError",
    "SQLiteStore",
    "Settings",
    "StoreError",
    "StorylineError",
    "analyse",
    "analyse_all",
    "analyse_stored",
    "export_document",
    "ingest",
    "read_inputs",
    "schema",
    "stored_stories",
    "stories",
    "to_html",
    "to_markdown",
]
