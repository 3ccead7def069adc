"""Each setting declared once: name, default and help.

Nothing is read at import time; ``resolve_db_path`` and ``resolve_api_key`` read
the environment when a command asks for them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "STORYLINE_DB"
DEFAULT_DB = "storyline.db"
API_KEY_ENV = "STORYLINE_API_KEY"


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


@dataclass(frozen=True, kw_only=True, slots=True)
class WebSettings:
    """Knobs of ``storyline serve`` (the web pages and the JSON API)."""

    page_size: int = 20
    """Stories per page of the list, and the API's default ``limit``."""
    max_page_size: int = 100
    """The largest ``limit`` the API accepts."""
    max_upload_bytes: int = 10_000_000
    """The largest request body a write accepts (all files and pasted text together); more is refused with 413."""
    max_upload_files: int = 20
    """Files one upload may carry; more is refused with 413."""
    keep_analyses: int = 64
    """Analysed stories kept in memory, the least recently shown dropped first."""
    poll_seconds: int = 10
    """How often the stories page asks whether documents arrived."""
    warm_stories: int = 40
    """Stories at the top of the list (newest and biggest first) analysed in the background so that their pages
    rarely wait and the list shows their independent origins; 0 turns it off.  Only the top: a big store's
    every story would keep a core busy for hours, and a story further down is analysed when first shown."""


def resolve_api_key() -> str | None:
    """The key that writes through the web need (``$STORYLINE_API_KEY``); None when unset or empty: no writes."""
    return os.environ.get(API_KEY_ENV) or None
