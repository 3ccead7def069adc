"""The online story clusterer: one document at a time, candidates from its index."""

from __future__ import annotations

from storyline.records import Document
from storyline.stream_cluster import Parameters, StreamClusterer
from tests.conftest import make_document


def doc(n: int, text: str, published: str | None = None) -> Document:
    return make_document(n, text, published=published)


QUAKE = (
    "A magnitude 6.1 earthquake struck Kerman province in Iran on Sunday, killing 12 people in Zarand, officials said."
)
QUAKE_AGAIN = (
    "Rescuers in Zarand searched rubble after the Kerman earthquake of magnitude 6.1 that killed 12 people in Iran."
)
FIRE = "Firefighters in Gullhaven fought a blaze at the Brightwater Polymers plant on North Quay Road for six hours."
FIRE_AGAIN = "The Brightwater Polymers fire on North Quay Road in Gullhaven forced 1,200 residents from their homes."


def test_same_event_together_other_event_apart() -> None:
    clusterer = StreamClusterer()
    stories = [clusterer.assign(doc(n, t)) for n, t in enumerate([QUAKE, FIRE, QUAKE_AGAIN, FIRE_AGAIN])]
    assert stories[0] == stories[2] and stories[1] == stories[3] and stories[0] != stories[1]


def test_a_story_from_another_year_or_long_ago_is_not_joined() -> None:
    clusterer = StreamClusterer(Parameters(other_years=0.0))
    first = clusterer.assign(doc(1, QUAKE + " The 2005 quake was the worst."))
    assert clusterer.assign(doc(2, QUAKE_AGAIN + " It was the worst since 2017.")) != first
    faded = StreamClusterer(Parameters(fade_days=1.0))
    a = faded.assign(doc(3, QUAKE, "2024-01-01"))
    assert faded.assign(doc(4, QUAKE_AGAIN, "2025-06-01")) != a


def test_fit_groups_documents_in_order() -> None:
    groups = StreamClusterer().fit([doc(n, t) for n, t in enumerate([QUAKE, FIRE, QUAKE_AGAIN])])
    assert [[d.id for d in g] for g in groups] == [["d0", "d2"], ["d1"]]
