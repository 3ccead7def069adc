"""The stream clustering bench: its scorers, its date reading, its generator and its scale run."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest
from bench.cluster_scores import b_cubed, errors, pairwise, scores
from bench.stream_data import date_coverage, ecbplus, find_date, multiling, ordered, url_date
from bench.stream_generator import GeneratorSettings, Sources, sources, stream
from bench.stream_protocol import online, pipeline, tfidf_baseline
from bench.stream_scale import ScaleSettings, run_scale

from tests.conftest import DATA, needs

ARTICLES = [
    (
        "quake",
        "Quake hits Nepal\nA 7.8 quake struck Kathmandu on Saturday, killing 8,000 people.\nRescuers from India arrived.",
    ),
    (
        "quake",
        "Nepal quake toll rises\nThe toll in Kathmandu passed 8,000.\nPrime Minister Sushil Koirala asked for help.",
    ),
    (
        "court",
        "Judge sentences Orozco\nJose Orozco was sentenced in Norwalk on Thursday.\nHe killed officer Jerry Ortiz.",
    ),
    ("court", "Orozco gets death\nA Norwalk jury chose death for Jose Orozco.\nOrtiz was 35."),
]


def test_a_perfect_clustering_scores_one() -> None:
    gold, predicted = ["a", "a", "b", "c", "c", "c"], [7, 7, 3, 9, 9, 9]
    assert b_cubed(gold, predicted)["f1"] == pairwise(gold, predicted)["f1"] == 1.0
    assert scores(gold, predicted)["ari"] == 1.0


def test_known_small_clusterings() -> None:
    merged = b_cubed(["a", "a", "b", "b"], [1, 1, 1, 2])  # P (2/3 + 2/3 + 1/3 + 1) / 4, R (1 + 1 + 1/2 + 1/2) / 4
    assert merged == {"precision": 0.6667, "recall": 0.75, "f1": 0.7059}
    split = scores(["a", "a", "b", "b"], [0, 0, 1, 2])
    assert split["bcubed"] == {"precision": 1.0, "recall": 0.75, "f1": 0.8571}
    assert split["pairwise"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "true_pairs": 1, "predicted_pairs": 1}
    assert split["ari"] == 0.5714  # as sklearn's adjusted_rand_score
    alone = scores(["a", "a", "b"], [0, 1, 2])
    assert alone["pairwise"]["precision"] == 1.0 and alone["pairwise"]["recall"] == 0.0 and alone["ari"] == 0.0


def test_errors_tell_merged_events_of_a_topic_from_other_merges() -> None:
    found = errors(["1-ecb", "1-ecb", "1-ecbplus", "2-ecb"], [0, 0, 0, 0], ["1", "1", "1", "2"])
    assert found["false_pairs_within_coarse"] == 2 and found["false_pairs_across_coarse"] == 3
    assert found["missed_pairs"] == 0 and found["clusters_mixing_stories"] == 1


def test_dates_are_read_from_datelines_and_urls() -> None:
    assert find_date("Posted: Friday, March 8, 2013 2: 39 pm") == "2013-03-08"
    assert find_date("Sunday 23 Dec 2012") == "2012-12-23"
    assert url_date("http://x.com/news/2009/Feb/02/story/") == "2009-02-02"
    assert url_date("http://x.com/2013-06-06/entertainment/a") == "2013-06-06"
    assert url_date("http://x.com/2012/12/23/colts") == "2012-12-23"
    assert url_date("http://x.com/2009/07/surgeon.html") == "2009-07"
    assert url_date("http://x.com/article-2066717/a") is None


def test_ecbplus_pages_carry_their_own_dates(tmp_path: Path) -> None:
    for topic in ("4", "28", "29"):
        (tmp_path / topic).symlink_to(needs(DATA / "ecbplus" / "ECB+" / topic), target_is_directory=True)
    dated = {item.document.id: item.document.published for item in ecbplus(tmp_path)}
    assert dated["29_1ecbplus"] == "2012-12-23"
    assert dated["28_2ecbplus"] == "2004-07-29"  # the page's dateline, not the 2012 of its archive URL
    assert dated["4_14ecb"] is None  # "Page was born on April 22, 1923" is no dateline
    assert not any(published for doc_id, published in dated.items() if doc_id.endswith("ecb"))


def test_multiling_is_ten_dated_stories_of_ten() -> None:
    items = multiling(needs(DATA / "multiling2011" / "SourceTexts"))
    assert len(items) == 100 and {item.story for item in items} == {str(t) for t in range(10)}
    assert date_coverage(items)["undated"] == 0
    assert items[0].document.title and not items[0].document.text.startswith("Saturday")


def test_the_dated_order_keeps_dated_documents_in_date_order() -> None:
    items = multiling(needs(DATA / "multiling2011" / "SourceTexts"))
    dates = [item.document.published or "" for item in ordered(items, "dated", seed=3)]
    assert dates == sorted(dates)
    assert ordered(items, "shuffled", 1) == ordered(items, "shuffled", 1) != ordered(items, "shuffled", 2)


@pytest.fixture(scope="module")
def found() -> Sources:
    return sources(ARTICLES)


def test_the_generator_is_deterministic(found: Sources) -> None:
    def first(seed: int) -> list[tuple[str, str | None, str, int, int]]:
        made = islice(stream(found, GeneratorSettings(seed=seed, max_story_size=50)), 300)
        return [(g.document.id, g.document.title, g.document.text, g.story, g.event) for g in made]

    assert first(5) == first(5)
    assert first(5) != first(6)
    assert {"Kathmandu", "Jose Orozco"} <= {name for names in found.names.values() for name in names}


def test_a_storys_documents_share_its_names_and_dates_go_forward(found: Sources) -> None:
    made = list(islice(stream(found, GeneratorSettings(seed=1, max_story_size=50)), 400))
    published = [g.document.published or "" for g in made]
    assert published == sorted(published)
    quake = [g for g in made if found.labels[g.event] == "quake"]
    stories = {g.story for g in quake}
    assert len(stories) > 1
    headlines = {(g.story, g.document.title) for g in quake if (g.document.title or "").startswith("Quake hits ")}
    assert len({title for _, title in headlines}) > 1  # "Quake hits Nepal" names another place in each story
    assert len({story for story, _ in headlines}) == len(headlines)  # and the same place in all its documents


def test_both_ways_of_running_a_clusterer_give_a_key_per_document(found: Sources) -> None:
    docs = [g.document for g in islice(stream(found, GeneratorSettings(seed=2)), 40)]
    assert len(pipeline(tfidf_baseline, docs)) == len(online(tfidf_baseline, docs, 10)) == 40


def test_the_scale_run_reports_checkpoints_deciles_and_memory(found: Sources) -> None:
    settings = ScaleSettings(sizes=(200, 400), budget_s=0, warmup=50, batch=10, memory_docs=150)
    result = run_scale(found, GeneratorSettings(seed=3), settings, tfidf_baseline)
    assert result["documents_reached"] == 400 and not result["stopped_by_budget"]
    assert set(result["checkpoints"]) == {"200", "400"}  # type: ignore[arg-type]
    assert len(result["deciles"]["docs_per_s_per_core"]) == 10  # type: ignore[index]
    assert result["memory_tracemalloc"]["bytes_per_doc"] > 0  # type: ignore[index]
