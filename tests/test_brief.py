"""The brief checker: citations must hold, or they go; a sentence nobody supports is not shown; what it changes is caught."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.check import check
from storyline.claims import split_sentences
from storyline.config import Settings
from storyline.figures import disagreement_text, story_figures
from storyline.pipeline import analyse_all, ingest
from storyline.records import BriefSentence, Document
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import make_document

CONFIRMED = (
    "Officials at the Lindenport refinery confirmed on Monday that three workers were killed in the blast "
    "at the cracking unit, and the plant will stay closed for at least a week."
)
DENIED = (
    "Officials at the Lindenport refinery denied on Monday that three workers were killed in the blast "
    "at the cracking unit, and the plant will stay closed for at least a week."
)
OTHER_COUNT = (
    "Officials at the Lindenport refinery confirmed on Monday that five workers were killed in the blast "
    "at the cracking unit, and the plant will stay closed for at least a week."
)
UNRELATED = "The harbor festival drew record crowds on Saturday despite the rain and the cold wind off the bay."


def sentence(*citations: str, text: str = CONFIRMED, **extra: Any) -> BriefSentence:
    return BriefSentence(section="key-points", text=text, citations=citations, **extra)


def docs(**texts: str) -> dict[str, Document]:
    return {name: replace(make_document(i, text), id=name) for i, (name, text) in enumerate(texts.items())}


def checked(brief: BriefSentence, **texts: str) -> BriefSentence:
    found = docs(**texts)
    return check(brief, found, {name: split_sentences(doc) for name, doc in found.items()})


def test_a_citation_that_says_the_same_holds() -> None:
    result = checked(sentence("a", "b"), a=CONFIRMED, b="Earlier report. " + CONFIRMED)
    assert result.checked and result.citations == ("a", "b")
    assert [c.supported for c in result.checks] == [True, True]
    evidence = result.checks[1].evidence
    assert evidence is not None and evidence.text == CONFIRMED and evidence.start == len("Earlier report. ")


def test_citations_that_deny_give_other_figures_or_say_nothing_are_dropped() -> None:
    result = checked(
        sentence("a", "denies", "five", "festival"), a=CONFIRMED, denies=DENIED, five=OTHER_COUNT, festival=UNRELATED
    )
    assert result.checked and result.citations == ("a",)
    missing = {c.document: c.missing for c in result.checks}
    assert "negation" in missing["denies"] and "three" in missing["five"] and missing["festival"]
    assert "dropped" in result.check_reason


def test_a_sentence_no_cited_document_supports_fails() -> None:
    result = checked(sentence("denies", "missing"), denies=DENIED)
    assert not result.checked and result.citations == ()


def test_a_changed_number_name_or_speaker_is_caught() -> None:
    changed = {
        "number": CONFIRMED.replace("three", "four"),
        "name": CONFIRMED.replace("Lindenport", "Harwick"),
        "day": CONFIRMED.replace("Monday", "Tuesday"),
    }
    for what, text in changed.items():
        assert not checked(sentence("a", text=text), a=CONFIRMED).checked, what
    said = "Union leaders said the plant will stay closed for at least a week after the blast."
    other = "Refinery managers said the plant will stay closed for at least a week after the blast."
    assert checked(sentence("a", text=said, attributed_to=("Union leaders",)), a=said).checked
    assert not checked(sentence("a", text=other, attributed_to=("Refinery managers",)), a=said).checked


def test_a_shortened_sentence_whose_words_all_stand_in_the_source_passes() -> None:
    short = "Officials at the Lindenport refinery confirmed on Monday that three workers were killed in the blast."
    assert checked(sentence("a", text=short), a=CONFIRMED).checked
    added = short.replace("killed", "killed and a manager arrested")
    assert not checked(sentence("a", text=added), a=CONFIRMED).checked


def test_a_written_sentence_must_say_what_its_figure_says() -> None:
    found = docs(a=CONFIRMED.replace("three", "30"), b=CONFIRMED.replace("three", "45"))
    read = {name: split_sentences(doc) for name, doc in found.items()}
    (figure,) = story_figures([s for ss in read.values() for s in ss], {"a": None, "b": None})
    assert figure.discrepancy.type == "conflict"
    written = sentence("a", "b", text=disagreement_text(figure), generated=True, figure=figure.id)
    ok = check(written, found, read, {figure.id: figure})
    assert ok.checked and ok.citations == ("a", "b")
    for wrong in (written.text.replace("45", "49"), written.text.replace("against", "agrees with")):
        result = check(replace(written, text=wrong), found, read, {figure.id: figure})
        assert not result.checked and "figure" in result.check_reason
    assert not check(written, found, read).checked  # no figure to hold it against


def test_contradicting_reports_are_disputed_not_one_corroborated_claim(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Refinery blast\nBy A | Lindenport Ledger | 2026-04-01\n\n{CONFIRMED}\n", "utf-8")
    (tmp_path / "b.txt").write_text(f"Refinery blast\nBy B | Bay Courier | 2026-04-01\n\n{DENIED}\n", "utf-8")
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest(read_inputs([str(tmp_path)], settings), store, settings)
        (analysis,) = analyse_all(store.documents(), settings)
    assert not [claim for claim in analysis.claims if claim.status == "corroborated"]
    disputed = [claim for claim in analysis.claims if claim.status == "disputed"]  # each side, by the other
    assert sorted(len(c.documents) for c in disputed) == [1, 1] and disputed[0].documents != disputed[1].documents
    assert all(len(b.citations) == 1 for b in analysis.brief if not b.generated)
