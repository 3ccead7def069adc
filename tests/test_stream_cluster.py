"""The online story clusterer: one document at a time, candidates from its index, repair, saved state."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from storyline.records import Document
from storyline.stream_cluster import FEATURES, MODEL, Parameters, StreamClusterer, term_counts
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
OTHER_QUAKE = (
    "A magnitude 5.4 earthquake struck Sulawesi in Indonesia on Sunday, killing 3 people in Palu, officials said."
)


PLACES = ("Ostrava", "Tamsk", "Veloria", "Quillon", "Brennmark", "Solvary", "Corbeck", "Ardane", "Lysting", "Pomerel")


def background() -> list[Document]:
    """Earlier news of the usual kinds, so that words like "earthquake" or "officials" are common, as they are
    in any real stream."""
    kinds = (
        "A magnitude {m} earthquake struck {p} province on Sunday, killing {k} people, officials said.",
        "Police in {p} said {k} people were killed when a fire struck a plant on Sunday.",
        "Officials in {p} said rescuers searched the rubble for {k} people after the storm struck.",
    )
    return [
        doc(100 + n, kinds[n % 3].format(m=f"{4 + n % 5}.{n % 9}", p=place, k=n + 2))
        for n, place in enumerate(PLACES * 2)
    ]


def kinds_of(text: str) -> dict[int, int]:
    terms, counts = term_counts(text)
    kinds = (terms & np.uint64(3)).astype(int).tolist()
    return {kind: sum(c for k, c in zip(kinds, counts.tolist(), strict=True) if k == kind) for kind in set(kinds)}


def test_terms_are_words_names_and_numbers() -> None:
    # words: philadelphia x2, fired, coach, maurice, cheeks x2, saturday, right, calm; names: Philadelphia
    # (inside the first sentence, so also at the start of the last), Maurice, Cheeks x2, Saturday; numbers: 76ers x2
    text = "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday. Cheeks said the 76ers were right. Philadelphia is calm."
    assert kinds_of(text) == {0: 10, 1: 6, 2: 2}
    # a capitalised word the text also writes in lower case is no name; one at a sentence start alone is none
    assert kinds_of("Police said the police station closed.").get(1, 0) == 0
    assert kinds_of("Storms hit. Storms return.").get(1, 0) == 0
    assert term_counts("")[0].size == 0 and term_counts("!!! ...")[0].size == 0


def test_same_event_together_other_event_apart() -> None:
    clusterer = StreamClusterer()
    clusterer.fit(background())
    texts = [QUAKE, FIRE, QUAKE_AGAIN, FIRE_AGAIN, OTHER_QUAKE]
    stories = [clusterer.assign(doc(n, t)) for n, t in enumerate(texts)]
    assert stories[0] == stories[2] and stories[1] == stories[3]
    assert len({stories[0], stories[1], stories[4]}) == 3


def test_a_story_from_other_years_scores_lower() -> None:
    clusterer = StreamClusterer()
    clusterer.assign(doc(1, QUAKE + " The 2005 quake was the worst."))
    vector, when, years = clusterer.read(doc(2, QUAKE_AGAIN + " It was the worst since 2017."))
    same_year = clusterer.features(vector, when, frozenset({2005}), [0])
    other_year = clusterer.features(vector, when, years, [0])
    assert other_year[0, FEATURES.index("other_years")] == 1.0 and same_year[0, FEATURES.index("other_years")] == 0.0
    dated = StreamClusterer()
    dated.assign(doc(3, QUAKE, "2024-01-01"))
    vector, when, years = dated.read(doc(4, QUAKE_AGAIN, "2024-01-31"))
    assert dated.features(vector, when, years, [0])[0, FEATURES.index("days_apart")] == pytest.approx(np.log1p(30))


def test_fit_groups_documents_in_order() -> None:
    groups = StreamClusterer().fit([doc(n, t) for n, t in enumerate([QUAKE, FIRE, QUAKE_AGAIN])])
    assert [[d.id for d in g] for g in groups] == [["d0", "d2"], ["d1"]]


def test_repair_merges_stories_and_old_ids_redirect() -> None:
    # with no joining at all, every document starts a story; a repair pass that merges readily joins the pairs
    never_join = replace(StreamClusterer().parameters, threshold=99.0, merge_threshold=-99.0, repair_every=0)
    clusterer = StreamClusterer(never_join)
    keys = [clusterer.assign(doc(n, t)) for n, t in enumerate([QUAKE, QUAKE_AGAIN])]
    assert keys == [0, 1] and len(clusterer) == 2
    assert clusterer.repair() == [(1, 0)]
    assert clusterer.resolve(1) == 0 and clusterer.redirects == {1: 0} and len(clusterer) == 1


def test_candidates_count_merged_stories_for_the_story_they_joined() -> None:
    # stories merged in a repair stay in the postings; their hits go to the story they joined, and the order is
    # a Counter's over the postings with merged ids folded in (ties: the order first hit), as it always was
    merging = replace(StreamClusterer().parameters, threshold=99.0, merge_threshold=-4.0, repair_every=0, candidates=4)
    clusterer = StreamClusterer(merging)
    documents = [*background(), *(doc(n, t) for n, t in enumerate([QUAKE, FIRE, QUAKE_AGAIN, FIRE_AGAIN]))]
    for document in documents:
        clusterer.assign(document)
    assert len(clusterer.repair()) > 5
    for document in documents:
        vector, _, _ = clusterer.read(document)
        hits: Counter[int] = Counter()
        for term in clusterer._probes(vector):
            hits.update(clusterer._index.get(term, ()))
        for gone in [story for story in hits if story in clusterer.redirects]:
            hits[clusterer.resolve(gone)] += hits.pop(gone)
        assert clusterer.candidates(vector) == [story for story, _ in hits.most_common(4)]


def test_state_carries_over_to_a_new_process() -> None:
    first = StreamClusterer()
    first.fit(background())
    quake = first.assign(doc(0, QUAKE))
    first.assign(doc(1, FIRE))
    again = StreamClusterer.from_bytes(first.to_bytes())
    assert again.parameters == first.parameters and len(again) == len(first)
    assert again.assign(doc(2, QUAKE_AGAIN)) == first.assign(doc(2, QUAKE_AGAIN)) == quake
    assert again.assign(doc(3, OTHER_QUAKE)) == first.assign(doc(3, OTHER_QUAKE)) != quake


def test_cost_is_bounded_by_the_index_not_the_stories() -> None:
    parameters = replace(StreamClusterer().parameters, postings=4, candidates=3)
    clusterer = StreamClusterer(parameters)
    for n in range(40):
        clusterer.assign(doc(n, f"Council number {n} of Varnholm approved budget {1000 + n} for the Varnholm harbour."))
    vector, _, _ = clusterer.read(doc(99, "Varnholm council approved the harbour budget."))
    assert len(clusterer.candidates(vector)) <= 3
    assert all(len(holders) <= 4 for holders in clusterer._index.values())


def test_shipped_parameters_come_from_the_fit_command() -> None:
    fitted = Parameters.fitted()
    assert MODEL.exists() and len(fitted.weights) == len(FEATURES)
    assert fitted.weights[FEATURES.index("word_cosine")] > 0 and fitted.weights[FEATURES.index("name_cosine")] > 0
    with pytest.raises(ValueError, match="weights must have"):
        Parameters(weights=(1.0,))
