"""The syndication benchmark: its generator is deterministic and its scorer rewards the right answer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bench.clustering import load
from bench.reprints import Overlap
from bench.syndication import without_reprints
from bench.syndication_score import Edge, Truth, adjusted_rand, score
from bench.syndication_set import SetConfig, build

from storyline.records import Document
from tests.conftest import DATA, needs
from tests.test_store import doc

TOPIC = "2"  # a dev topic of ECB+: 21 articles, two events


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Document]]:
    """One ECB+ topic, read in place through a folder that links to it."""
    folder = tmp_path_factory.mktemp("ecb")
    (folder / TOPIC).symlink_to(needs(DATA / "ecbplus" / "ECB+" / TOPIC), target_is_directory=True)
    return load(folder)


def test_the_generator_is_deterministic(topic: list[tuple[str, Document]]) -> None:
    first, again = build(topic, SetConfig()), build(topic, SetConfig())
    assert [(p.id, p.html) for p in first] == [(p.id, p.html) for p in again]
    assert [p.html for p in build(topic, SetConfig(seed=7))] != [p.html for p in first]
    assert {p.kind for p in first} >= {"original", "copy", "truncation", "excerpt", "shuffle"}


def test_an_articles_variants_do_not_depend_on_the_others(topic: list[tuple[str, Document]]) -> None:
    alone = build(topic[:1], SetConfig())
    among = [p for p in build(topic, SetConfig()) if p.group == topic[0][1].id]
    assert [(p.id, p.text) for p in alone] == [(p.id, p.text) for p in among]


def test_variants_are_what_they_say(topic: list[tuple[str, Document]]) -> None:
    pages = build(topic, SetConfig())
    text = {p.id: " ".join(p.text.split()) for p in pages if p.kind == "original"}
    for p in pages:
        mine, original = " ".join(p.text.split()), text[p.group]
        if p.kind == "copy":
            assert mine == original
        elif p.kind == "truncation":
            assert original.startswith(mine) and len(mine) < len(original)
        elif p.kind == "excerpt":
            assert mine in original and not original.startswith(mine) and not original.endswith(mine)
        elif p.kind == "shuffle":
            assert sorted(mine.split()) == sorted(original.split())
        elif p.kind == "substitution":
            assert p.replaced and 0.1 <= p.replaced <= 0.35


def _truth() -> dict[str, Truth]:
    kinds = {"a": "original", "a~copy": "copy", "a~shuffle": "shuffle", "b": "original", "b~excerpt": "excerpt"}
    truth = {doc: Truth(story="s1", group=doc.split("~")[0], kind=kind) for doc, kind in kinds.items()}
    truth["c"] = Truth(story="s2", group="c", kind="original")
    return truth


def _edge(document: str, source: str, relation: str) -> Edge:
    return Edge(document=document, source=source, relation=relation, score=0.9)


PERFECT = [_edge("a~copy", "a", "copy"), _edge("a~shuffle", "a", "rewrite"), _edge("b~excerpt", "b", "excerpt")]
ROLES = {"a": "original", "a~copy": "copy", "a~shuffle": "rewrite", "b": "original", "b~excerpt": "copy"}


def test_a_perfect_prediction_scores_one() -> None:
    result = score(_truth(), PERFECT, {**ROLES, "c": "independent"})
    assert {name: s["f1"] for name, s in result["pairwise"].items()} == {"copy": 1.0, "rewrite": 1.0, "all": 1.0}
    assert result["ari"] == 1.0
    assert {name: result["roles"][name] for name in ("originals_right", "variants_right", "variants_exact")} == {
        "originals_right": 1.0,
        "variants_right": 1.0,
        "variants_exact": 1.0,
    }
    assert all(s["recall"] == 1.0 for s in result["per_variant_type"].values())
    assert result["edges"]["precision"] == result["edges"]["label_accuracy"] == 1.0


def test_a_wrong_prediction_scores_lower() -> None:
    linked = score(_truth(), [*PERFECT, _edge("b", "a", "rewrite")], ROLES)  # two originals joined
    assert linked["pairwise"]["rewrite"]["precision"] < 1.0 and linked["pairwise"]["copy"]["recall"] == 1.0
    assert linked["ari"] < 1.0 and linked["edges"]["between_originals"] == 1
    assert linked["roles"]["originals_right"] < 1.0  # "c" has no role: it was lost on the way
    missed = score(_truth(), PERFECT[:1], ROLES)
    assert missed["pairwise"]["rewrite"]["recall"] == 0.0 and missed["ari"] < 1.0
    assert missed["per_variant_type"]["excerpt"]["recall"] == 0.0
    mislabelled = score(_truth(), [_edge("a~shuffle", "a", "copy"), *PERFECT[::2]], ROLES)
    assert mislabelled["pairwise"]["all"]["f1"] == 1.0 and mislabelled["edges"]["label_accuracy"] < 1.0


def test_adjusted_rand_matches_the_textbook_value() -> None:
    assert adjusted_rand(list("aabb"), list("xxyz")) == pytest.approx(4 / 7)
    assert adjusted_rand(list("abc"), list("xyz")) == 1.0  # singletons on both sides agree


def test_natural_reprints_leave_the_first_of_each_group() -> None:
    docs = [("1-ecb", replace(doc(n), id=f"1_{n}ecb")) for n in range(1, 5)]
    pairs = [Overlap(first="1_1ecb", second="1_3ecb", jaccard=0.9, containment=0.95)]
    kept, dropped = without_reprints(docs, pairs)
    assert [doc.id for _, doc in kept] == ["1_1ecb", "1_2ecb", "1_4ecb"] and dropped == ["1_3ecb"]
