"""The brief checker: citations must hold, or they go; a sentence nobody supports is not shown."""

from __future__ import annotations

from pathlib import Path

from storyline.brief import check
from storyline.config import Settings
from storyline.pipeline import analyse_all, ingest
from storyline.records import BriefSentence
from storyline.sources import read_inputs
from storyline.store import SQLiteStore

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


def sentence(*citations: str) -> BriefSentence:
    return BriefSentence(section="reported", text=CONFIRMED, citations=citations)


def test_a_citation_that_says_the_same_holds() -> None:
    checked = check(sentence("a", "b"), {"a": CONFIRMED, "b": "Earlier report. " + CONFIRMED})
    assert checked.checked and checked.citations == ("a", "b")


def test_citations_that_deny_give_other_figures_or_say_nothing_are_dropped() -> None:
    texts = {"a": CONFIRMED, "denies": DENIED, "five": OTHER_COUNT, "festival": UNRELATED}
    checked = check(sentence("a", "denies", "five", "festival"), texts)
    assert checked.checked and checked.citations == ("a",)
    assert "denies" in checked.check_reason and "festival" in checked.check_reason


def test_a_sentence_no_cited_document_supports_fails() -> None:
    checked = check(sentence("denies", "missing"), {"denies": DENIED})
    assert not checked.checked and checked.citations == ()


def test_a_paraphrase_that_supports_but_does_not_quote_is_not_enough_alone() -> None:
    paraphrase = "Three workers were killed in the blast at the Lindenport refinery cracking unit, officials confirmed."
    checked = check(sentence("p"), {"p": paraphrase})
    assert not checked.checked and checked.check_reason == "not found verbatim in any supporting document"


def test_contradicting_reports_are_not_one_corroborated_claim(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Refinery blast\nBy A | Lindenport Ledger | 2026-04-01\n\n{CONFIRMED}\n", "utf-8")
    (tmp_path / "b.txt").write_text(f"Refinery blast\nBy B | Bay Courier | 2026-04-01\n\n{DENIED}\n", "utf-8")
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest(read_inputs([str(tmp_path)], settings), store, settings)
        (analysis,) = analyse_all(store.documents(), settings)
    assert all(claim.status == "single-source" for claim in analysis.claims)
    assert all(len(b.citations) == 1 and b.section == "single-source" for b in analysis.brief)
