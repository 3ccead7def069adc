"""The pure-Python WordPiece tokenizer and the shipped subjectivity model."""

from __future__ import annotations


def test_wordpiece_lowercases_strips_accents_and_splits_punctuation() -> None:
    from storyline.wordpiece import tokenize

    vocabulary = {"ca", "va", "?", "na", "##ive", "cafe", "'", "s"}
    assert tokenize("Ça va? Naïve café's", vocabulary) == ["ca", "va", "?", "na", "##ive", "cafe", "'", "s"]
    assert tokenize("xyz", vocabulary) == ["[UNK]"]


def test_the_shipped_model_reads_the_writers_view_and_a_plain_report_apart() -> None:
    from storyline.subjectivity import is_subjective

    assert is_subjective("This is a disgraceful, shameful betrayal of everything we stand for.")
    assert not is_subjective("The council approved the budget on Tuesday by a vote of 7 to 2.")


def test_some_believe_is_speculation_and_an_attributed_hedge_is_reported() -> None:
    from storyline.claims import read_sentence

    assert read_sentence("Some believe the plan could fail within weeks.")[0] == "speculation"
    assert read_sentence("The minister said the plan could fail within weeks.")[0] == "reported"
