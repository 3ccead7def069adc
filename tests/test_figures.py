"""Figures across a story: quantities that measure the same thing grouped, and their differences typed with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.claims import split_sentences
from storyline.config import Settings
from storyline.figures import story_figures
from storyline.pipeline import analyse_all, ingest
from storyline.records import Document, Figure
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import CORPUS, make_document


def figures_of(*texts: str, published: tuple[str | None, ...] = ()) -> list[Figure]:
    docs = [
        make_document(i, text, published=published[i] if i < len(published) else None) for i, text in enumerate(texts)
    ]
    sentences = [s for doc in docs for s in split_sentences(doc)]
    return story_figures(sentences, {doc.id: doc.published for doc in docs})


def only(figures: list[Figure], unit: str) -> Figure:
    found = [f for f in figures if f.unit == unit and len(f.values) > 1]
    assert len(found) == 1, [(f.unit, [v.text for v in f.values]) for f in figures]
    return found[0]


@pytest.fixture(scope="module")
def seed_figures(tmp_path_factory: pytest.TempPathFactory) -> list[Figure]:
    from tests.conftest import SEEDS, needs

    with SQLiteStore(tmp_path_factory.mktemp("figures") / "store.db") as store:
        ingest(read_inputs([str(needs(SEEDS))], Settings()), store, Settings())
        docs = store.documents()
    (analysis,) = analyse_all(docs, Settings())
    return list(analysis.figures)


def test_seed_north_korean_troop_figures_are_one_group_typed_scope_with_qualifiers(seed_figures: list[Figure]) -> None:
    troops = [f for f in seed_figures if {v.value for v in f.values} >= {10000, 11000, 12000, 100000}]
    assert len(troops) == 1
    figure = troops[0]
    assert 50000 not in {v.value for v in figure.values}  # 50,000 Russian and North Korean troops is another figure
    assert figure.discrepancy.type == "scope"
    reason = figure.discrepancy.reason
    assert "to Russia" in reason and "Kursk" in reason  # in Russia vs in the Kursk region
    assert "possibility" in reason and "100,000" in reason  # a possible deployment, not a count
    assert "qualifiers" in reason and "over 10,000" in reason  # over 10,000 and 11,000 agree
    said: dict[float | None, set[str]] = {}
    for v in figure.values:
        said.setdefault(v.value, set()).update(v.attributed_to)
    assert "Ukrainian intelligence" in said[100000] and "US officials" in said[10000]


def test_seed_fifty_thousand_is_one_figure_in_all_five_documents(seed_figures: list[Figure]) -> None:
    (figure,) = [f for f in seed_figures if {v.value for v in f.values} == {50000}]
    assert len({d for v in figure.values for d in v.documents}) == 5
    assert figure.discrepancy.type == "none"


def test_seed_casualty_figures_differ_with_a_reason(seed_figures: list[Figure]) -> None:
    (figure,) = [f for f in seed_figures if f.unit.startswith("casualties")]
    assert {(v.low, v.high) for v in figure.values if v.value is None} == {(100, 1000)}
    assert 1200 in {v.value for v in figure.values}
    assert figure.discrepancy.type == "scope"  # Russian forces vs Russian and North Korean forces
    assert "Russian forces" in figure.discrepancy.reason and "do not overlap" in figure.discrepancy.reason


def test_same_thing_same_place_different_numbers_is_a_conflict() -> None:
    figures = figures_of(
        "Officials said 30 people died in the flood in Marlow on Friday.",
        "Officials said 45 people died in the flood in Marlow on Friday.",
    )
    figure = only(figures, "people")
    assert figure.discrepancy.type == "conflict"
    assert "30" in figure.discrepancy.reason and "45" in figure.discrepancy.reason


def test_qualifier_rounding_and_time_are_told_apart() -> None:
    qualifier = figures_of(
        "More than 2,000 nurses walked out at the hospital.", "About 2,300 nurses walked out at the hospital."
    )
    assert only(qualifier, "nurse").discrepancy.type == "qualifier"
    rounded = figures_of(
        "The council passed a $48.6 million budget.", "The council passed a budget of nearly $49 million."
    )
    assert only(rounded, "dollars").discrepancy.type == "rounding"
    later = figures_of(
        "The storm killed 12 people in March, officials said.", "The storm killed 19 people in April, officials said."
    )
    assert only(later, "people").discrepancy.type == "time"


def test_two_numbers_one_document_gives_are_two_figures() -> None:
    figures = figures_of(
        "The council approved a $48.6 million operating budget and a $3.4 million supplemental allocation.",
        "The council approved a $48.6 million operating budget for next year.",
    )
    groups = [{v.value for v in f.values} for f in figures if f.unit == "dollars"]
    assert sorted(sorted(str(v) for v in g) for g in groups) == [["3400000.0"], ["48600000.0"]]


def test_small_counts_without_a_unit_are_not_figures() -> None:
    figures = figures_of("The two sides met once. One official left.", "The two sides met again.")
    assert figures == []


def test_example_corpus_has_its_one_contradiction_and_no_false_ones(tmp_path: Path) -> None:
    # The corpus README: every figure difference but the transit vote (7-2 everywhere, 6-3 in the content
    # farm's rewrite) comes from scope, time, a qualifier or rounding.
    with SQLiteStore(tmp_path / "store.db") as store:
        ingest(read_inputs([str(CORPUS)], Settings()), store, Settings())
        docs: list[Document] = store.documents()
    analyses = analyse_all(docs, Settings())
    figures = [f for analysis in analyses for f in analysis.figures]
    (vote,) = [f for f in figures if f.discrepancy.type == "conflict"]
    assert sorted(v.text for v in vote.values) == ["6-3", "7-2"]
    assert "“6-3”" in vote.discrepancy.reason and "“7-2”" in vote.discrepancy.reason
    kinds = {(f.unit, f.discrepancy.type) for f in figures}
    assert ("dollars", "rounding") in kinds  # $48.6 million / nearly $49 million
    assert ("nurse", "qualifier") in kinds  # about 2,300 / more than 2,000
    claims = [c for analysis in analyses for c in analysis.claims]
    disputed = [c for c in claims if c.status == "disputed"]
    assert disputed and all("6-3" in c.text or "7-2" in c.text for c in disputed)
    assert any("6-3" in c.text for c in disputed)


def test_a_tally_is_one_figure_and_a_different_tally_contradicts_it() -> None:
    figures = figures_of(
        "The city council voted 7-2 on Monday to approve the transit budget.",
        "The transit budget passed the city council on a 6-3 vote on Monday.",
        "The city council approved the transit budget in a 7-2 vote on Monday.",
    )
    vote = only(figures, "vote")
    assert sorted((v.text, len(v.documents)) for v in vote.values) == [("6-3", 1), ("7-2", 2)]
    assert vote.discrepancy.type == "conflict"


def test_claims_that_say_the_same_words_with_opposite_negation_are_disputed() -> None:
    from storyline.disputes import mark_disputed
    from storyline.records import Claim, Mention

    def claim(n: int, text: str) -> Claim:
        mention = Mention(document=f"d{n}", start=0, end=len(text), text=text)
        return Claim(
            id=f"c{n}", text=text, kind="reported", attributed_to=(), mentions=(mention,), documents=(f"d{n}",),
            independent_origins=1, status="single-source",
        )  # fmt: skip

    claims = [
        claim(1, "The Harbor Street bridge was closed to traffic after the storm damaged its supports."),
        claim(2, "The Harbor Street bridge was not closed to traffic after the storm damaged its supports."),
        claim(3, "The mayor thanked the crews who cleared the fallen trees overnight."),
    ]
    assert [c.status for c in mark_disputed(claims, [])] == ["disputed", "disputed", "single-source"]
