"""Each setting declared once: name, default and help.

Nothing is read at import time; ``resolve_db_path`` reads the environment when
a command asks for the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "STORYLINE_DB"
DEFAULT_DB = "storyline.db"


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """Knobs of the pipeline; the defaults are the tested ones."""

    max_input_bytes: int = 20_000_000
    """Inputs larger than this are rejected rather than read into memory."""
    min_text_chars: int = 80
    """Clean text shorter than this is rejected as having no article in it."""
    max_text_chars: int = 300_000
    """Clean text longer than this is not one article (a book, a dump): rejected, to be split."""
    copy_threshold: float = 0.6
    """Share of word 5-grams found in an earlier document (either way) that makes a copy or an excerpt."""
    rewrite_threshold: float = 0.8
    """Share of a document's reported sentences that align to an earlier one's that makes it a rewrite."""
    claim_threshold: float = 0.28
    """Rarity-weighted Jaccard of two sentences' content words at which they state the same claim (``align``)."""
    same_origin_claim_threshold: float = 0.18
    """The same, for sentences of two documents of one origin (copies, rewrites, reports citing one source):
    joining them adds no corroboration, so a looser wording joins."""
    brief_words: int = 250
    """Words of the headline, lead and key points together (the length of a MultiLing summary)."""


def resolve_db_path(option: str | None) -> Path:
    """``--db PATH``, else ``$STORYLINE_DB``, else ``./storyline.db``."""
    if option:
        return Path(option)
    from_env = os.environ.get(DB_ENV)
    return Path(from_env) if from_env else Path(DEFAULT_DB)
