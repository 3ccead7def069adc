from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import NotFoundError, StoreError
from storyline.records import Document, Rejection
from storyline.store import SQLiteStore
from storyline.store.migrations import MIGRATIONS


def doc(n: int, text: str | None = None) -> Document:
    body = text if text is not None else f"Article {n} text."
    return Document(
        id=f"id{n}",
        source=f"file{n}.txt",
        url=None,
        outlet="Outlet",
        title=f"T{n}",
        published="2026-03-01",
        text=body,
        text_hash=f"h-{body}",
        boilerplate_removed=3,
        ingested_at="2026-03-01T00:00:00+00:00",
    )


def test_migrations_are_named_recorded_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with SQLiteStore(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_adding_the_same_document_twice_changes_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.add_document(doc(1)) == ("added", "id1")
        before = store.counts()
        assert store.add_document(doc(1)) == ("stored", "id1")
        assert store.counts() == before


def test_same_clean_text_from_another_input_is_folded_into_the_stored_document(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.add_document(doc(1, "Same words."))
        outcome = store.add_document(replace(doc(2, "Same words."), source="mirror.txt"))
        assert outcome == ("duplicate", "id1")
        assert store.counts()["documents"] == 1 and store.counts()["document_sources"] == 2


def test_a_failing_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.add_document(doc(1))
        before = store.counts()
        broken = replace(doc(2), text=None)  # type: ignore[arg-type]  # violates NOT NULL mid-transaction
        with pytest.raises(StoreError, match="cannot write"):
            store.add_document(broken)
        assert store.counts() == before
        assert [d.id for d in store.documents()] == ["id1"]


def test_rejections_are_stored_once(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        rejection = Rejection(source="a.bin", stage="read", reason="binary")
        assert store.add_rejection(rejection) is True
        assert store.add_rejection(rejection) is False
        assert store.rejections() == [rejection]


def test_unknown_document_and_unusable_path_are_clear_errors(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store, pytest.raises(NotFoundError, match="no document"):
        store.document("nope")
    (tmp_path / "garbage.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(tmp_path / "garbage.db")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300), outlet=st.none() | st.text(max_size=30))
def test_documents_round_trip_through_the_store(tmp_path: Path, text: str, outlet: str | None) -> None:
    path = tmp_path / "roundtrip.db"
    path.unlink(missing_ok=True)
    original = replace(doc(7, text), outlet=outlet)
    with SQLiteStore(path) as store:
        store.add_document(original)
        assert store.document("id7") == original
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_provenance_is_stored_per_story_and_replaced_by_the_next_analysis(tmp_path: Path) -> None:
    from storyline.records import Derivation, Provenance

    with SQLiteStore(tmp_path / "s.db") as store:
        store.add_document(doc(1))
        store.add_document(doc(2))
        ids = [d.id for d in store.documents()]
        edge = Derivation(
            document=ids[0], relation="copy", score=0.97, reason="copy of A (97% of its word 5-grams are there)"
        )
        store.save_provenance(
            "s-1",
            {
                ids[0]: Provenance(role="original"),
                ids[1]: Provenance(role="copy", derived_from=(edge,), cites=("Reuters",)),
            },
        )
        assert store.provenance()[ids[1]].derived_from == (edge,)
        store.save_provenance("s-1", {ids[0]: Provenance(role="independent"), ids[1]: Provenance(role="independent")})
        assert {p.role for p in store.provenance().values()} == {"independent"}
