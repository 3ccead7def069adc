"""Claim alignment: a paraphrase in another outlet's words is one claim; a different claim about the same
story, a denial or another number stays apart; a looser wording joins only within one origin."""

from __future__ import annotations

from storyline.align import align_claims
from storyline.claims import read_text
from storyline.config import Settings
from storyline.records import Claim, Sentence
from storyline.text import stem

STORY = {
    "ledger": (
        "The Saints placed running back Reggie Bush on injured reserve on Wednesday, ending his season. "
        "The team signed a linebacker from its practice squad to take his place on the roster. "
        "Coach Sean Payton said the knee injury would need surgery in the spring."
    ),
    "courier": (
        "Reggie Bush's season is over after the Saints placed the running back on injured reserve Wednesday. "
        "New Orleans lost to the Falcons on Sunday and will not reach the playoffs this year. "
        "Payton told reporters that Bush would have surgery on the injured knee this spring."
    ),
    "gazette": (
        "The Saints did not place Reggie Bush on injured reserve on Wednesday, ending his season. "
        "The Saints will play the Panthers in Carolina next Sunday in their final game of the season."
    ),
}


def sentences(texts: dict[str, str]) -> list[Sentence]:
    return [s for doc, text in texts.items() for s in read_text(text, document=doc)]


def claim_of(claims: list[Claim], document: str, opening: str) -> Claim:
    return next(c for c in claims for m in c.mentions if m.document == document and m.text.startswith(opening))


def test_a_paraphrase_in_other_words_is_one_claim_carried_by_both_outlets() -> None:
    claims = align_claims(sentences(STORY), {}, {}, Settings())
    placed = claim_of(claims, "ledger", "The Saints placed")
    assert placed is claim_of(claims, "courier", "Reggie Bush's season is over")
    assert placed.documents == ("ledger", "courier") and placed.status == "corroborated"
    surgery = claim_of(claims, "ledger", "Coach Sean Payton")
    assert surgery is claim_of(claims, "courier", "Payton told reporters")
    assert claims[0] in (placed, surgery)  # claims several documents carry come first


def test_a_different_claim_a_denial_and_one_document_stay_apart() -> None:
    claims = align_claims(sentences(STORY), {}, {}, Settings())
    placed = claim_of(claims, "ledger", "The Saints placed")
    assert "gazette" not in placed.documents  # "did not place": the other polarity
    assert claim_of(claims, "courier", "New Orleans lost") is not claim_of(claims, "gazette", "The Saints will play")
    assert all(len(c.documents) == len(c.mentions) for c in claims)  # one sentence of a document per claim


def test_another_number_is_another_claim() -> None:
    texts = {
        "a": "The city council voted 7-2 on Tuesday to close the Harbor Street bridge for repairs next month.",
        "b": "The city council voted 5-4 on Tuesday to close the Harbor Street bridge for repairs next month.",
    }
    claims = align_claims(sentences(texts), {}, {}, Settings())
    assert len(claims) == 2


def test_a_looser_wording_joins_only_within_one_origin() -> None:
    texts = {
        "wire": "Firefighters battled the warehouse blaze on Dock Road for six hours before it was under control.",
        "rewrite": (
            "Crews needed six hours and forty engines to get the fire at the old Dock Road warehouse under control, "
            "officials said on Monday."
        ),
        "other": "The fire chief said the Dock Road warehouse had failed two safety inspections this year.",
    }
    read = sentences(texts)
    apart = align_claims(read, {}, {}, Settings())
    assert len(apart) == 3
    one_origin = align_claims(read, {"wire": "wire", "rewrite": "wire"}, {}, Settings())
    assert claim_of(one_origin, "wire", "Firefighters").documents == ("wire", "rewrite")
    assert claim_of(one_origin, "wire", "Firefighters").independent_origins == 1


def test_stems_meet_across_inflections() -> None:
    assert stem("placed") == stem("places") == "plac"
    assert stem("cities") == "city" and stem("boss") == "boss" and stem("was") == "was"
