"""Near-duplicate sketches and the streaming copy index."""

from __future__ import annotations

import subprocess
import sys

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
