"""Where documents and rejections live.  SQLite by default (``store.sqlite``)."""

from storyline.store.sqlite import AddOutcome, SQLiteStore

__all__ = ["AddOutcome", "SQLiteStore"]
