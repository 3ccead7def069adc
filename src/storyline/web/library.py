"""The store as the web reads it: stories per store version, analyses kept per story version, search.

Every read goes through a read-only connection (``SQLiteStore(readonly=True)``, a ``mode=ro`` URI), opened for
the read and closed after it.  The store's ``version`` (three index look-ups) says whether anything arrived; the
story index (every story, newest and biggest first) is rebuilt only when it changes.

A story's analysis (provenance, claims, figures, the checked brief) takes about 10 ms per document from the
documents' stored readings (``storyline show``, ``brief`` and ``export`` leave them; a document without one is read
here, about 60 ms, and not stored: the connection is read-only), far more than a page may cost, so it is computed
once and kept, keyed by the story's documents and the store's outlets: a story that gains a document, or a store
that gains an outlet (a document's citations are matched against every known outlet), gets a new key and a fresh
analysis, and nothing stale is ever shown.  One analysis runs at a time (two cores; the models are shared).
``warm`` analyses the stories not analysed yet, newest first; the app runs it in a background thread so that a
reader rarely waits and the story list can show each story's independent origins.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from storyline.config import Settings, WebSettings
from storyline.dedupe import origins
from storyline.errors import NotFoundError
from storyline.pipeline import analyse, kept_readings, stored_stories, story_aliases
from storyline.records import Document, Story, StoryAnalysis
from storyline.store import SQLiteStore

_Key = tuple[str, tuple[str, ...], str]
"""(story id, its documents' ids, digest of the store's outlets): what an analysis depends on."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryIndex:
    """The store's placed stories at one version, newest and biggest first."""

    version: str
    documents: int
    stories: tuple[Story, ...]
    by_id: Mapping[str, Story]
    aliases: Mapping[str, str]
    """The id of every story merged into another -> the id of the story it is part of now."""
    story_of: Mapping[str, str]
    """Document id -> the id of its story."""
    outlets: frozenset[str]
    outlets_digest: str

    def key(self, story: Story) -> _Key:
        return (story.id, tuple(d.id for d in story.documents), self.outlets_digest)

    def story(self, story_id: str) -> Story:
        """A story by its id (a merged story's old id is in ``aliases``)."""
        found = self.by_id.get(story_id)
        if found is None:
            raise NotFoundError(f"no story {story_id!r}; the list at / (or GET /api/stories) shows every story")
        return found


class Library:
    """Read-only access to one store for the web pages and API."""

    def __init__(self, path: Path, settings: Settings, web: WebSettings) -> None:
        self.path = path
        self.settings = settings
        self.web = web
        self._index: StoryIndex | None = None
        self._index_lock = threading.Lock()
        self._analysis_lock = threading.Lock()  # one analysis at a time
        self._kept_lock = threading.Lock()
        self._kept: OrderedDict[_Key, StoryAnalysis] = OrderedDict()
        self._origins: dict[_Key, int] = {}
        self._version: tuple[tuple[int, ...], tuple[str, int]] | None = None

    @contextmanager
    def reading(self) -> Iterator[SQLiteStore]:
        """A read-only connection for one read."""
        with SQLiteStore(self.path, readonly=True) as store:
            yield store

    def version(self) -> tuple[str, int]:
        """The store's version (changes whenever a document arrives or a story changes) and its documents.

        Asked on every request, so it is read from the store only when the store's files changed since the last
        read (size and modification time of the database and its write-ahead log: a commit moves one of them)."""
        stamp = _stamp(self.path)  # before the read: a write during it changes the stamp for the next request
        known = self._version
        if known is not None and known[0] == stamp:
            return known[1]
        with self.reading() as store:
            documents, placed, merged = store.version()
        found = (f"{documents}.{placed}.{merged}", documents)
        self._version = (stamp, found)
        return found

    def index(self) -> StoryIndex:
        """The story index of the store as it is now (rebuilt only when the store's version moved)."""
        version, documents = self.version()
        current = self._index
        if current is not None and current.version == version:
            return current
        with self._index_lock:
            if self._index is None or self._index.version != version:
                self._index = self._build_index(version, documents)
                self._forget_old(self._index)
                _settle()  # the index holds every stored document: out of the collector's walks, as analyses are
            return self._index

    def _build_index(self, version: str, documents: int) -> StoryIndex:
        with self.reading() as store:
            found = stored_stories(store, place=False)
            aliases = story_aliases(store)
        found.sort(key=lambda story: story.last_seen or "", reverse=True)  # stable: the latest first within a day
        found.sort(key=lambda story: ((story.last_seen or "")[:10], len(story.documents)), reverse=True)
        outlets = frozenset(d.outlet for story in found for d in story.documents if d.outlet)
        return StoryIndex(
            version=version,
            documents=documents,
            stories=tuple(found),
            by_id={story.id: story for story in found},
            aliases=aliases,
            story_of={d.id: story.id for story in found for d in story.documents},
            outlets=outlets,
            outlets_digest=hashlib.sha256("\n".join(sorted(outlets)).encode()).hexdigest()[:16],
        )

    def _forget_old(self, index: StoryIndex) -> None:
        """Drop what no current story can ask for any more."""
        current = {index.key(story) for story in index.stories}
        with self._kept_lock:
            for key in [k for k in self._kept if k not in current]:
                del self._kept[key]
            self._origins = {k: n for k, n in self._origins.items() if k in current}

    def story_analysis(self, story_id: str) -> StoryAnalysis | str:
        """The analysis of the story with this id, or the id of the story it was merged into."""
        index = self.index()
        if story_id in index.aliases:
            return index.aliases[story_id]
        return self.analysis(index.story(story_id), index)

    def document(self, doc_id: str) -> tuple[Document, StoryAnalysis | None]:
        """A stored document and its story's analysis (None while no writer has placed it in a story yet)."""
        index = self.index()
        story = index.by_id.get(index.story_of.get(doc_id, ""))
        if story is not None:
            return next(d for d in story.documents if d.id == doc_id), self.analysis(story, index)
        with self.reading() as store:
            return store.document(doc_id), None

    def analysis(self, story: Story, index: StoryIndex) -> StoryAnalysis:
        """The story analysed: kept from an earlier request when its documents and the outlets are the same."""
        key = index.key(story)
        found = self._kept_analysis(key)
        if found is not None:
            return found
        with self._analysis_lock:
            found = self._kept_analysis(key)
            if found is None:
                with self.reading() as store:
                    readings = kept_readings(store, story.documents)
                found = analyse(story, self.settings, set(index.outlets), readings)
                self._keep(key, found)
                _settle()
        return found

    def origins(self, story: Story, index: StoryIndex) -> int | None:
        """How many independent origins the story's documents have, once the story has been analysed."""
        return self._origins.get(index.key(story))

    def warm(self, limit: int | None = None, top: int | None = None) -> int:
        """Analyse up to ``limit`` of the ``top`` stories of the list (``WebSettings.warm_stories``) not analysed
        yet, newest first; return how many were."""
        index = self.index()
        top_stories = index.stories[: self.web.warm_stories if top is None else top]
        pending = [story for story in top_stories if self.origins(story, index) is None]
        for story in pending[:limit]:
            self.analysis(story, index)
        return len(pending[:limit])

    def search(self, query: str, index: StoryIndex) -> list[Story]:
        """The stories with documents that match ``query``, the best match first."""
        with self.reading() as store:
            matches = store.search(query)
        ids = dict.fromkeys(index.story_of[d] for d in matches if d in index.story_of)
        return [index.by_id[story_id] for story_id in ids]

    def _kept_analysis(self, key: _Key) -> StoryAnalysis | None:
        with self._kept_lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def _keep(self, key: _Key, analysis: StoryAnalysis) -> None:
        keys = origins(analysis.story.documents, analysis.provenance)
        with self._kept_lock:
            self._origins[key] = len(set(keys.values()))
            self._kept[key] = analysis
            while len(self._kept) > self.web.keep_analyses:
                self._kept.popitem(last=False)


def _stamp(path: Path) -> tuple[int, ...]:
    """Size and modification time (ns) of the database file and its write-ahead log (0, 0 when absent)."""
    out: list[int] = []
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            found = os.stat(name)
        except OSError:
            out += [0, 0]
        else:
            out += [found.st_size, found.st_mtime_ns]
    return tuple(out)


def _settle() -> None:
    """Move everything alive now, the kept analyses above all, out of the cyclic garbage collector's sight.

    A kept analysis of a 50-document story is some 10^5 objects; a full collection walks them all (about 45 ms,
    measured) and runs every dozen or so page views, which would double the time of those pages.  Analyses hold
    no reference cycles (a dropped one is freed by reference counting alone: checked in the tests), so frozen ones
    still go when the cache drops them.  What the analysis left behind is collected first."""
    gc.collect()
    gc.freeze()
