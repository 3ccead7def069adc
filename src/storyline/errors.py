"""One exception root for everything Storyline raises on purpose.

    StorylineError
    ├── StoreError      the database cannot be opened, migrated or written
    └── NotFoundError   a story or document id matches nothing in the store

Expected outcomes (an empty file, a binary file, a duplicate) are not errors:
they become ``Rejection`` records.  Messages say what went wrong and what to do.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every deliberate Storyline failure."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(StorylineError):
    """A story or document id matches nothing in the store."""
