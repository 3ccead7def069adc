"""Stories kept in the store: each document is placed once, a later process goes on from the saved clusterer,
copies join their original's story, and a merged story's id still finds it."""

from __future__ import annotations

from pathlib import Path

from storyline.config import Settings
from storyline.pipeline import assign_stories, ingest, stored_stories, story_aliases
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from storyline.stream_cluster import StreamClusterer
from tests.conftest import CORPUS, make_document

QUAKE = (
    "A magnitude 6.1 earthquake struck near Lake Varna on Tuesday, collapsing {n} houses in the village of Ostrel, "
    "the regional governor Mira Delacroix said. Rescue teams from Tamsk searched the rubble through the night."
)
BUDGET = (
    "The Northfield council voted 7-2 on Thursday to cut the bus budget by {n} million, despite protests from "
    "the riders' union led by Colm Avery. Fares will rise in March, the transit director said."
)


def _folders(store: SQLiteStore) -> list[set[str]]:
    return [{Path(d.source).parent.name for d in story.documents} for story in stored_stories(store)]


def test_ingest_places_documents_and_a_new_process_goes_on_from_the_saved_state(tmp_path: Path) -> None:
    settings = Settings()
    events = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "feeds")
    first, rest = events[:1], events[1:]
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest(read_inputs([str(p) for p in first], settings), store, settings)
        before = _folders(store)
    assert before == [{first[0].name}]
    with SQLiteStore(tmp_path / "s.db") as store:  # another process: the clusterer comes back from the store
        ingest(read_inputs([str(p) for p in rest], settings), store, settings)
        after = _folders(store)
        assert after[0] == before[0]  # the first story kept its place and id
        assert sorted(folder for found in after for folder in found) == sorted(p.name for p in events)
        assert all(len(found) == 1 for found in after)
        members = store.story_members()
        ingest(read_inputs([str(p) for p in events], settings), store, settings)  # the same inputs again
        assert store.story_members() == members


def test_documents_stored_but_not_placed_are_caught_up(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        for n in range(3):
            store.add_document(make_document(n, QUAKE.format(n=10 + n)))  # as an interrupted ingest leaves them
        assert store.story_members() == []
        found = stored_stories(store)
        assert [len(story.documents) for story in found] == [3]
        assert found[0].id == "s-d0"  # named after the document that started it
        assert len(store.story_members()) == 3


def test_a_copy_joins_its_originals_story_whatever_the_model_says(tmp_path: Path) -> None:
    for name, copies in (("model", None), ("told", {"d2": "d1"})):
        with SQLiteStore(tmp_path / f"{name}.db") as store:
            store.add_document(make_document(1, QUAKE.format(n=12)))
            assign_stories(store)
            store.add_document(make_document(2, BUDGET.format(n=3)))
            placed = assign_stories(store, copies)  # told: d2 copies d1, so it goes where d1 is
            assert (placed["d2"] == store.story_members()[0][1]) == (copies is not None)


def test_a_merged_storys_id_leads_to_the_story_it_joined(tmp_path: Path) -> None:
    def merge_all(
        state: bytes | None, documents: list[object], story_of: object
    ) -> tuple[dict[str, int], bytes, dict[int, int]]:
        return {"d1": 0, "d2": 1}, StreamClusterer().to_bytes(), {1: 0}

    with SQLiteStore(tmp_path / "s.db") as store:
        store.add_document(make_document(1, QUAKE.format(n=1)))
        store.add_document(make_document(2, BUDGET.format(n=2)))
        store.update_stories(merge_all)  # type: ignore[arg-type]
        assert story_aliases(store) == {"s-d2": "s-d1"}
        assert [[d.id for d in story.documents] for story in stored_stories(store)] == [["d1", "d2"]]
