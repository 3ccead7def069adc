"""SQLite store: WAL journal, one writer at a time, one transaction per document.

A document is written with its source row in one transaction, so a failure or
an interrupt leaves the store as it was before that document.  Ids are content
hashes, so writing the same input twice changes nothing.  A store opened
``readonly`` (the web pages and API) reads through a ``mode=ro`` connection and
cannot write at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storyline.errors import NotFoundError, StoreError
from storyline.records import Derivation, Document, Provenance, Rejection
from storyline.store.migrations import MIGRATIONS

AddOutcome = Literal["added", "stored", "duplicate"]
"""``added``: new document; ``stored``: this input was already stored;
``duplicate``: same clean text as another stored document, folded into it."""

_BATCH = 500
"""Ids per ``IN (...)`` query (SQLite allows 999 parameters in older builds)."""
_WORD = re.compile(r"\w+")
_SEARCH_WORDS = 16
"""Words of a search query used; the rest are ignored."""
_DOC_COLUMNS = (
    "id, source, url, outlet, title, published, text, text_hash, boilerplate_removed, ingested_at, aggregator"
)


class SQLiteStore:
    """Documents, the sources they were read from, and rejections."""

    def __init__(self, path: Path | str, *, create: bool = True, readonly: bool = False) -> None:
        """Open (and migrate) the store at ``path``; with ``create=False`` it must already exist.  With ``readonly``
        it must exist and be migrated already, and nothing can be written through this connection."""
        self.path = Path(path)
        if (readonly or not create) and not self.path.is_file():
            raise StoreError(f"no store at {self.path}; ingest articles first, or pass --db with the right path")
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
                self._check_migrated()
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store at {self.path} ({exc}); pass --db with another path") from exc

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` takes the write lock up front: one writer at a time."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as db:
                for statement in filter(str.strip, sql.split(";")):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    def _check_migrated(self) -> None:
        missing = [name for name, _ in MIGRATIONS if name not in self.migrations()]
        if missing:
            self._db.close()
            raise StoreError(
                f"the store at {self.path} lacks {', '.join(missing)}; open it once for writing "
                "(`storyline stories --db PATH` does) before reading it read-only"
            )

    def migrations(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM migrations ORDER BY name")]

    def add_document(self, doc: Document, sketch: bytes | None = None) -> tuple[AddOutcome, str]:
        """Store ``doc`` (and its near-duplicate ``sketch``, in the same transaction) unless its id or its clean
        text is already there; return the stored id."""
        try:
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                    self._add_source(db, doc.source, doc.id, doc.id)
                    return "stored", doc.id
                same = db.execute("SELECT id FROM documents WHERE text_hash = ?", (doc.text_hash,)).fetchone()
                if same:
                    self._add_source(db, doc.source, same[0], doc.id)
                    return "duplicate", same[0]
                seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
                db.execute(
                    f"INSERT INTO documents (seq, {_DOC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        seq,
                        doc.id,
                        doc.source,
                        doc.url,
                        doc.outlet,
                        doc.title,
                        doc.published,
                        doc.text,
                        doc.text_hash,
                        doc.boilerplate_removed,
                        doc.ingested_at,
                        int(doc.aggregator),
                    ),
                )
                self._add_source(db, doc.source, doc.id, doc.id)
                db.execute(
                    "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", (seq, doc.title, doc.text)
                )
                if sketch is not None:
                    db.execute("INSERT INTO sketches VALUES (?, ?)", (doc.id, sketch))
                db.execute("DELETE FROM rejections WHERE source = ?", (doc.source,))  # fixed since it was refused
                return "added", doc.id
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write {doc.source} to {self.path} ({exc})") from exc

    def add_source(self, source: str, document_id: str, key: str) -> None:
        """Remember that ``source`` (content ``key``) was read again and maps to a stored document."""
        with self.transaction() as db:
            self._add_source(db, source, document_id, key)

    @staticmethod
    def _add_source(db: sqlite3.Connection, source: str, document_id: str, key: str) -> None:
        db.execute("INSERT OR IGNORE INTO document_sources VALUES (?, ?, ?)", (source, document_id, key))

    def add_rejection(self, rejection: Rejection) -> bool:
        """Store a rejection once; return whether it was new."""
        key = hashlib.sha256(f"{rejection.source}\0{rejection.stage}\0{rejection.reason}".encode()).hexdigest()[:16]
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO rejections VALUES (?, ?, ?, ?, ?)",
                (key, rejection.source, rejection.stage, rejection.reason, _now()),
            )
            return cursor.rowcount > 0

    def stored_id(self, key: str) -> str | None:
        """The stored document an input with content ``key`` was read into before, if any."""
        row = self._db.execute("SELECT document_id FROM document_sources WHERE key = ? LIMIT 1", (key,)).fetchone()
        return row[0] if row else None

    def documents(self) -> list[Document]:
        rows = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY seq")
        return [_document(row) for row in rows]

    def document(self, doc_id: str) -> Document:
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document {doc_id!r} in {self.path}; list them with `storyline stories`")
        return _document(row)

    def rejections(self) -> list[Rejection]:
        rows = self._db.execute("SELECT source, stage, reason FROM rejections ORDER BY created_at, source")
        return [Rejection(source=s, stage=st, reason=r) for s, st, r in rows]

    def readings(self, doc_ids: Sequence[str], reader: str) -> dict[str, bytes]:
        """The stored readings (``readings.encode``) of those of ``doc_ids`` read by ``reader``."""
        found: dict[str, bytes] = {}
        for start in range(0, len(doc_ids), _BATCH):
            batch = doc_ids[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT document_id, reading FROM readings WHERE reader = ? AND document_id IN ({marks})",
                (reader, *batch),
            )
            found.update(rows)
        return found

    def save_readings(self, readings: Mapping[str, bytes], reader: str) -> None:
        """Keep documents' readings (replacing those of another reader), in one transaction."""
        try:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO readings VALUES (?, ?, ?)",
                    [(doc_id, reader, blob) for doc_id, blob in readings.items()],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write readings to {self.path} ({exc})") from exc

    def save_provenance(self, story_id: str, provenance: dict[str, Provenance]) -> None:
        """Replace the stored provenance of one story's documents with the latest analysis, in one transaction."""
        rows = [
            (
                doc_id,
                story_id,
                p.role,
                json.dumps([asdict(d) for d in p.derived_from]),
                json.dumps(list(p.cites)),
                _now(),
            )
            for doc_id, p in provenance.items()
        ]
        try:
            with self.transaction() as db:
                db.execute("DELETE FROM provenance WHERE story_id = ?", (story_id,))
                db.executemany("INSERT OR REPLACE INTO provenance VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write provenance to {self.path} ({exc})") from exc

    def provenance(self) -> dict[str, Provenance]:
        """The stored provenance of every analysed document (as of its story's latest analysis)."""
        out = {}
        for doc_id, role, derived, cites in self._db.execute(
            "SELECT document_id, role, derived_from, cites FROM provenance"
        ):
            edges = tuple(Derivation(**d) for d in json.loads(derived))
            out[doc_id] = Provenance(role=role, derived_from=edges, cites=tuple(json.loads(cites)))
        return out

    def update_stories(self, assign: StoryAssigner) -> dict[str, int]:
        """Put the documents that are in no story yet into stories, under the write lock: ``assign`` gets the
        story clusterer's saved state (None at first), those documents (in the order they were stored) and a
        lookup of an assigned document's story; it returns each document's story and the new state, and both
        are written in the same transaction, with the clusterer's redirects (merged story -> story)."""
        unplaced = "FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.document_id = d.id)"
        if not self._db.execute(f"SELECT EXISTS (SELECT 1 {unplaced})").fetchone()[0]:
            return {}  # the usual case on a read: no write lock, no state to load
        try:
            with self.transaction() as db:
                documents = [_document(r) for r in db.execute(f"SELECT {_DOC_COLUMNS} {unplaced} ORDER BY seq")]
                if not documents:
                    return {}
                row = db.execute("SELECT state FROM story_clusterer WHERE id = 1").fetchone()
                placed, state, redirects = assign(row[0] if row else None, documents, self._story_of)
                db.executemany("INSERT INTO story_members VALUES (?, ?)", list(placed.items()))
                db.executemany("INSERT OR REPLACE INTO story_redirects VALUES (?, ?)", list(redirects.items()))
                db.execute("INSERT OR REPLACE INTO story_clusterer VALUES (1, ?, ?)", (state, _now()))
                return placed
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write stories to {self.path} ({exc})") from exc

    def _story_of(self, doc_id: str) -> int | None:
        row = self._db.execute("SELECT story FROM story_members WHERE document_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def story_members(self) -> list[tuple[Document, int]]:
        """Every assigned document, in the order stored, with the story it is in now (redirects followed)."""
        rows = self._db.execute(
            f"SELECT {', '.join('d.' + c for c in _DOC_COLUMNS.split(', '))}, COALESCE(r.goes_to, m.story) "
            "FROM documents d JOIN story_members m ON m.document_id = d.id "
            "LEFT JOIN story_redirects r ON r.story = m.story ORDER BY d.seq"
        )
        return [(_document(row[:-1]), row[-1]) for row in rows]

    def story_founders(self) -> dict[int, str]:
        """Each story's first document (merged stories included): what its id is made of."""
        rows = self._db.execute(
            "SELECT m.story, d.id, MIN(d.seq) FROM story_members m JOIN documents d ON d.id = m.document_id "
            "GROUP BY m.story"
        )
        return {story: doc_id for story, doc_id, _ in rows}

    def story_redirects(self) -> dict[int, int]:
        """Stories merged into another: story -> the story it is part of now."""
        return dict(self._db.execute("SELECT story, goes_to FROM story_redirects"))

    def sketches(self) -> Iterator[tuple[str, bytes]]:
        """(document id, sketch) of every stored document that has one, in the order they were stored."""
        query = "SELECT d.id, s.hashes FROM documents d JOIN sketches s ON s.document_id = d.id ORDER BY d.seq"
        yield from self._db.execute(query)

    def version(self) -> tuple[int, int, int]:
        """(documents stored, placements made, stories merged): any of them grows when a document arrives or
        a story changes, and reading it costs three index look-ups."""
        row = self._db.execute(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM documents), (SELECT COALESCE(MAX(rowid), 0) FROM story_members), "
            "(SELECT COUNT(*) FROM story_redirects)"
        ).fetchone()
        return row[0], row[1], row[2]

    def search(self, query: str, limit: int = 500) -> list[str]:
        """Ids of the documents whose title or text holds every word of ``query`` (the last word as a prefix, word
        forms folded by the Porter stemmer), best match first: BM25, a title word counting twice."""
        words = _WORD.findall(query)[:_SEARCH_WORDS]
        if not words:
            return []
        match = " ".join(f'"{word}"' for word in words) + "*"
        rows = self._db.execute(
            "SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 2.0, 1.0) LIMIT ?",
            (match, limit),
        )
        return [row[0] for row in rows]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "document_sources", "rejections")
        return {t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


StoryAssigner = Callable[
    [bytes | None, list[Document], Callable[[str], int | None]], tuple[dict[str, int], bytes, dict[int, int]]
]
"""(saved state, documents in no story, story of a document) -> (story of each document, new state, redirects)"""


def _document(row: tuple[object, ...]) -> Document:
    fields = dict(zip(_DOC_COLUMNS.split(", "), row, strict=True))
    fields["aggregator"] = bool(fields["aggregator"])
    return Document(**fields)  # type: ignore[arg-type]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
