"""Near-duplicate sketches and the streaming copy index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from storyline.sketch import CopyIndex, sketch, sketches

ARTICLE = " ".join(
    f"Paragraph {n}: the council voted {n + 3} to {n % 4} on the {n}th budget line for the harbour bridge repairs."
    for n in range(40)
)


def test_sketches_are_the_same_in_every_process_and_batch() -> None:
    alone = sketch(ARTICLE)
    batched = sketches(["Another text entirely, with its own words and numbers 1 2 3 4 5 6.", ARTICLE, ""])
    assert np.array_equal(alone, batched[1]) and len(batched[2]) == 0
    code = "from storyline.sketch import sketch; import sys; print(sketch(sys.argv[1]).tolist())"
    other = subprocess.run([sys.executable, "-c", code, ARTICLE], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == str(alone.tolist())


def test_case_and_punctuation_do_not_change_the_sketch() -> None:
    assert np.array_equal(sketch(ARTICLE), sketch(ARTICLE.upper().replace(":", " —")))


def test_copies_excerpts_and_expanded_copies_are_found_and_strangers_are_not() -> None:
    words = ARTICLE.split()
    texts = [
        ARTICLE,
        "Subscribe today! " + ARTICLE + " Share this story.",  # a copy in other chrome
        " ".join(words[100:250]),  # an excerpt
        ARTICLE + " " + " ".join(f"Added line {n} about a different matter entirely." for n in range(30)),
        " ".join(f"Unrelated report {n} on the weather in the valley and the river levels." for n in range(40)),
    ]
    for buffer in (1, 2, 4096):  # the same answers before and after the dictionary is flushed to the table
        index = CopyIndex(buffer=buffer)
        found = []
        for hashes in sketches(texts):
            found.append({m.document: m for m in index.query(hashes)})
            index.add(hashes)
        assert found[1][0].jaccard > 0.9
        assert found[2][0].contained > 0.9 and found[2][0].contains < 0.5
        assert found[3][0].contains > 0.9 and found[3][0].contained < 0.9
        assert found[4] == {}


def test_a_hash_held_by_many_documents_is_not_followed() -> None:
    index = CopyIndex(buffer=8, common=5)
    shared = sketch(ARTICLE)
    for _ in range(20):
        index.add(shared)
    assert index.query(shared) == []
    assert len(index) == 20


def test_ingest_names_the_earlier_documents_a_new_one_copies(tmp_path: Path) -> None:
    from storyline.config import Settings
    from storyline.pipeline import ingest
    from storyline.records import RawItem
    from storyline.store import SQLiteStore

    def item(name: str, body: str) -> RawItem:
        return RawItem(source=name, key=name, format="text", body=body)

    other = " ".join(f"Line {n}: the valley orchard reported a late frost and {n} damaged rows." for n in range(30))
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest([item("a.txt", ARTICLE), item("b.txt", other)], store, settings)
        assert first.near_copies == []
        later = ingest(
            [item("c.txt", "Reprinted with permission.\n\n" + ARTICLE[: len(ARTICLE) // 2])], store, settings
        )
        ((copy, earlier, shared),) = later.near_copies
        assert earlier == first.added[0] and copy == later.added[0] and shared > 0.9
        again = ingest(
            [item("c.txt", "Reprinted with permission.\n\n" + ARTICLE[: len(ARTICLE) // 2])], store, settings
        )
        assert again.near_copies == [] and again.added == []
        assert [doc_id for doc_id, _ in store.sketches()] == [*first.added, *later.added]


def test_short_texts_keep_word_order_and_never_hash_to_the_empty_slot() -> None:
    index = CopyIndex(buffer=1)
    index.add(np.sort(np.random.default_rng(0).integers(1, 2**63, 50, dtype=np.uint64)))
    assert index.query(sketch("yes yes"), min_shared=1) == []
    assert not np.array_equal(sketch("dog bites man"), sketch("man bites dog"))


def test_unsorted_queries_get_the_answer_of_sorted_ones_whatever_the_buffer() -> None:
    base = np.random.default_rng(5).integers(1, 2**63, 40, dtype=np.uint64)
    answers = []
    for buffer in (1, 2048):
        index = CopyIndex(buffer=buffer)
        for _ in range(70):
            index.add(base)
        answers.append(len(index.query(base)))
    assert answers == [70, 70]
