"""The seed story end to end: `storyline brief ../shared/seeds --json`, checked as an editor would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.export import schema
from storyline.text import numbers
from tests.conftest import Run

# Boilerplate the seeds README names; no claim or brief sentence may contain any of it.
SEED_BOILERPLATE = (
    "Viral Hashtags",
    "#UkraineWar",
    "Read the original article",
    "Get all your news in one place",
    "Sign up to read this article",
    "Fourteen days free",
    "Download the app",
    "Related Stories",
    "Our Picks",
    "Already a member",
    "premium titles",
    "Putin and North Korea's leader Kim meet",
)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import subprocess
    import sys

    from tests.conftest import SEEDS, needs

    db = tmp_path_factory.mktemp("seeds") / "store.db"
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "brief", str(needs(SEEDS)), "--json", "--with-text", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_export_validates_against_the_shipped_schema(export: dict[str, Any]) -> None:
    jsonschema.validate(export, schema())


def test_one_story_holds_all_five_seed_documents(export: dict[str, Any]) -> None:
    assert len(export["stories"]) == 1
    sources = sorted(Path(d["source"]).name for d in export["stories"][0]["documents"])
    assert len(sources) == 5 and all(name.endswith(".txt") for name in sources)


def test_no_clean_text_claim_or_brief_sentence_carries_seed_boilerplate(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    texts = [c["text"] for c in story["claims"]] + [b["text"] for b in story["brief"]]
    texts += [d["text"] for d in story["documents"]]
    texts += [m["text"] for c in story["claims"] for m in c["mentions"]]
    for text in texts:
        for junk in SEED_BOILERPLATE:
            assert junk.lower() not in text.lower(), (junk, text)


def test_every_brief_sentence_is_cited_checked_and_its_numbers_are_in_cited_documents(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    texts = {d["id"]: d["text"] for d in story["documents"]}
    assert story["brief"], "the brief is empty"
    for sentence in story["brief"]:
        assert sentence["citations"] and sentence["checked"]
        assert not re.search(r"\[\d+\]", sentence["text"])
        cited = [numbers(texts[doc]) for doc in sentence["citations"]]
        for number in numbers(sentence["text"]):
            if sentence["generated"]:  # a disagreement quotes figures that different documents give
                assert any(number in found for found in cited), (number, sentence)
            else:
                assert all(number in found for found in cited), (number, sentence)


def test_mentions_index_the_clean_text(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    texts = {d["id"]: d["text"] for d in story["documents"]}
    for claim in story["claims"]:
        for m in claim["mentions"]:
            assert texts[m["document"]][m["start"] : m["end"]] == m["text"]


def test_shared_claims_rest_on_fewer_origins_than_documents(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    cites = [d["cites"] for d in story["documents"]]
    assert sum("The New York Times" in c for c in cites) == 3
    widest = max(story["claims"], key=lambda c: len(c["documents"]))
    assert len(widest["documents"]) >= 3
    assert widest["independent_origins"] < len(widest["documents"])


def test_commentary_is_kept_apart_from_reporting(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    kinds = {c["text"][:40]: c["kind"] for c in story["claims"]}
    assert any(text.startswith("Some believe") and kind == "speculation" for text, kind in kinds.items())
    reported = [b["text"] for b in story["brief"] if b["section"] != "opinion-and-speculation"]
    assert not any("cannon fodder" in t or t.startswith("Some believe") for t in reported)


def test_brief_via_run_fixture_exits_zero(run: Run, seeds: Path) -> None:
    done = run("brief", str(seeds))
    assert done.returncode == 0, done.stderr
    assert "5 added" in done.stderr


def test_seed_roles_and_origins(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    roles = {d["source"].rsplit("/", 1)[-1][:3]: d["role"] for d in story["documents"]}
    assert roles["004"] == "aggregator"
    assert all(
        "The New York Times" in d["cites"]
        for d in story["documents"]
        if d["source"].rsplit("/", 1)[-1][:3] in ("001", "002", "003")
    )
    for claim in story["claims"]:
        assert claim["independent_origins"] <= 3
    for doc in story["documents"]:
        for edge in doc["derived_from"]:
            assert re.match(r"^(copy|excerpt|rewrite) of .+", edge["reason"]), edge


# ../shared/seeds/README.md, points 3-7, checked on the export (the wording is free, the structure is not).


def claims_matching(story: dict[str, Any], *words: str) -> list[dict[str, Any]]:
    return [c for c in story["claims"] if all(re.search(w, c["text"], re.IGNORECASE) for w in words)]


def test_point3_shared_claims_rest_on_one_or_two_origins_and_the_brief_says_so(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    shared = [c for c in story["claims"] if len(c["documents"]) >= 3]
    assert shared and all(1 <= c["independent_origins"] <= 2 for c in shared)
    points = [b for b in story["brief"] if b["section"] in ("lead", "key-points")]
    assert points and all(b["independent_origins"] >= 1 for b in points)
    assert any(
        b["independent_origins"] == 2 for b in points
    )  # e.g. the weapons Russia supplied: one report and the NYT


def test_point4_figures_side_by_side_with_speakers_and_documents(export: dict[str, Any]) -> None:
    figures = export["stories"][0]["figures"]
    values = {(v["value"], v["qualifier"]): v for f in figures for v in f["values"]}
    assert (
        len(
            {
                d
                for f in figures
                if any(v["value"] == 50000 for v in f["values"])
                for v in f["values"]
                for d in v["documents"]
            }
        )
        == 5
    )
    troops = [f for f in figures if {10000, 11000, 12000, 100000} <= {v["value"] for v in f["values"]}]
    assert len(troops) == 1 and troops[0]["discrepancy"]["type"] in ("scope", "qualifier")
    assert "Kursk" in troops[0]["discrepancy"]["reason"] and "Russia" in troops[0]["discrepancy"]["reason"]
    assert "Ukrainian intelligence" in values[(100000, "up to")]["attributed_to"]
    assert "Volodymyr Zelenskyy" in values[(12000, "as many as")]["attributed_to"]
    casualties = [f for f in figures if f["unit"].startswith("casualties")]
    assert len(casualties) == 1 and casualties[0]["discrepancy"]["type"] not in ("none", "conflict")
    assert {1200} <= {v["value"] for v in casualties[0]["values"]} and casualties[0]["discrepancy"]["reason"]
    said = [b for b in export["stories"][0]["brief"] if b["section"] == "disagreements"]
    assert {b["figure"] for b in said} >= {troops[0]["id"], casualties[0]["id"]}


def test_point5_what_several_report_and_what_one_adds(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    for words in (("artillery", "trench"), ("assault", "support"), ("(coming|within) days|imminent",)):
        assert any(len(c["documents"]) >= 2 for c in claims_matching(story, *words)), words
    for words in (("Vance",), ("Biden", "contractors"), ("missile", "artillery strikes")):
        found = claims_matching(story, *words)
        assert found and all(len(c["documents"]) == 1 for c in found), words
    adds = [b for b in story["brief"] if b["section"] == "adds"]
    assert len({b["outlet"] for b in adds}) >= 3 and all(len(b["citations"]) == 1 for b in adds)
    assert any("Vance" in b["text"] for b in adds) and any("Biden" in b["text"] for b in adds)


def test_point6_opinion_and_speculation_are_labelled_and_apart(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    views = {c["id"] for c in story["claims"] if c["kind"] != "reported"}
    for sentence in story["brief"]:
        if sentence["claim"] in views:
            assert sentence["section"] == "opinion-and-speculation", sentence
    assert any(b["section"] == "opinion-and-speculation" for b in story["brief"])


def test_point7_every_sentence_cites_and_its_check_names_the_passage(export: dict[str, Any]) -> None:
    story = export["stories"][0]
    texts = {d["id"]: d for d in story["documents"]}
    for sentence in story["brief"]:
        assert sentence["checked"] and sentence["citations"]
        held = [c for c in sentence["check"]["citations"] if c["supported"]]
        assert [c["document"] for c in held] == sentence["citations"]
        for c in held:
            evidence = c["evidence"]
            if evidence and evidence["start"] >= 0:
                assert texts[c["document"]]["text"][evidence["start"] : evidence["end"]] == evidence["text"]
