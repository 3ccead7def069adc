"""Named schema migrations, applied in order, each in its own transaction."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_documents_and_rejections",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL UNIQUE,
            boilerplate_removed INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE document_sources (
            source TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            key TEXT NOT NULL,
            PRIMARY KEY (source, key)
        );
        CREATE INDEX document_sources_document ON document_sources(document_id);
        CREATE TABLE rejections (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_document_sources_by_key",
        "CREATE INDEX document_sources_key ON document_sources(key)",
    ),
    (
        "0003_documents_aggregator",
        "ALTER TABLE documents ADD COLUMN aggregator INTEGER NOT NULL DEFAULT 0",
    ),
    (
        "0004_sketches",
        """
        CREATE TABLE sketches (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            hashes BLOB NOT NULL
        );
        """,
    ),
    (
        "0005_provenance",
        """
        CREATE TABLE provenance (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            story_id TEXT NOT NULL,
            role TEXT NOT NULL,
            derived_from TEXT NOT NULL,
            cites TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0006_stories",
        """
        CREATE TABLE story_members (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            story INTEGER NOT NULL
        );
        CREATE INDEX story_members_story ON story_members(story);
        CREATE TABLE story_redirects (
            story INTEGER PRIMARY KEY,
            goes_to INTEGER NOT NULL
        );
        CREATE TABLE story_clusterer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            state BLOB NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0007_readings",
        """
        CREATE TABLE readings (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            reader TEXT NOT NULL,
            reading BLOB NOT NULL
        );
        """,
    ),
    (
        "0008_documents_search",
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')
        """,
    ),
)
