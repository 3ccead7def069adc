"""Provenance between a story's documents: which is the original, which copies which."""

from __future__ import annotations

from storyline.config import Settings
from storyline.dedupe import provenance
from storyline.records import Document
from tests.conftest import make_document

TEXT = "\n".join(
    f"Line {n}: the harbour council voted {n + 3} to {n % 4} on bridge repair item {n * 7}." for n in range(12)
)
ADDED = "\n".join(f"Extra {n}: the valley mayor added {n * 11} new remarks on levee item {n * 13}." for n in range(14))


def doc(n: int, text: str, outlet: str, published: str) -> Document:
    return make_document(n, text, outlet, published)


def test_time_zones_decide_which_is_the_original() -> None:
    early = doc(1, TEXT, "Early Post", "2024-05-02T10:00:00+02:00")  # 08:00 UTC
    late = doc(2, TEXT, "Late Times", "2024-05-02T09:30:00+00:00")
    found = provenance([early, late], Settings(), set())
    assert found["d2"].role == "copy" and found["d1"].role == "original"
    dated = doc(3, TEXT, "Day Paper", "2024-05-03")  # a day against a time: the later day is the copy
    assert provenance([early, dated], Settings(), set())["d3"].role == "copy"


def test_a_copy_of_an_expanded_copy_points_at_what_it_copied() -> None:
    first = doc(1, TEXT, "Harbor Ledger", "2024-05-01")
    expanded = doc(2, TEXT + "\n" + ADDED, "Valley Post", "2024-05-02")
    again = doc(3, TEXT + "\n" + ADDED, "Tri-County Wire", "2024-05-03")
    found = provenance([first, expanded, again], Settings(), set())
    assert found["d3"].derived_from[0].document == "d2"
    assert found["d2"].derived_from[0].reason.startswith("copy of Harbor Ledger with text added")
