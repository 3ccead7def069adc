"""Each document is read once: its reading is kept in the store, comes back exactly, and a brief made from
stored readings is the brief made from fresh ones."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from storyline.config import Settings
from storyline.export import export_document
from storyline.pipeline import analyse, ingest, stored_readings, stored_stories
from storyline.readings import decode, encode, read_document, reader
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import CORPUS


def test_a_reading_comes_back_from_its_bytes_exactly(tmp_path: Path) -> None:
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest(read_inputs([str(CORPUS)], settings), store, settings)
        doc = max(store.documents(), key=lambda d: len(d.text))
    reading = read_document(doc)
    back = decode(encode(reading))
    assert back.sentences == reading.sentences
    assert any(s.attribution for s in back.sentences) and any(s.quantities for s in back.sentences)
    assert back.vectors.dtype == np.float16 and np.array_equal(back.vectors, reading.vectors)


def test_stored_readings_are_reused_and_give_the_same_brief(tmp_path: Path) -> None:
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest(read_inputs([str(CORPUS)], settings), store, settings)
        story = max(stored_stories(store), key=lambda s: len(s.documents))
        ids = [d.id for d in story.documents]
        assert store.readings(ids, reader()) == {}
        fresh = stored_readings(store, story.documents)
        kept = store.readings(ids, reader())
        assert sorted(kept) == sorted(ids)
        assert store.readings(ids, "another reader") == {}  # a reading by other code or models is not reused
        again = stored_readings(store, story.documents)
        assert {k: r.sentences for k, r in again.items()} == {k: r.sentences for k, r in fresh.items()}
        outlets = {d.outlet for d in story.documents if d.outlet}
        briefs = [export_document([analyse(story, settings, outlets, r)])["stories"] for r in (None, again)]
    assert json.dumps(briefs[0], sort_keys=True) == json.dumps(briefs[1], sort_keys=True)
