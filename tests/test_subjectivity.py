"""The pure-Python WordPiece tokenizer and the shipped subjectivity model."""

from __future__ import annotations

import subprocess
import sys


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


def test_a_sentence_scores_the_same_alone_and_among_others() -> None:
    from storyline import subjectivity

    model = subjectivity._model()
    sentences = ["Short.", "The council approved the budget on Tuesday by a vote of 7 to 2.", "What a mess! " * 80]
    together = subjectivity.scores(model, sentences)
    alone = [subjectivity.scores(model, [s])[0] for s in sentences]
    assert max(abs(a - b) for a, b in zip(together, alone, strict=True)) < 1e-9
    assert subjectivity.scores(model, []).shape == (0,)


def test_the_model_runs_without_torch_or_transformers() -> None:
    code = (
        "import sys; from storyline.subjectivity import is_subjective; is_subjective('A test.'); "
        "assert not {'torch', 'transformers', 'sklearn'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
