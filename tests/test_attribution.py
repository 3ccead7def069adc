"""Attribution spans: source, cue and content of sentences that report someone's words."""

from __future__ import annotations

from storyline.attribution import find_attribution, find_attributions


def spans(text: str) -> tuple[str, str, str]:
    found = find_attribution(text)
    assert found is not None and found.source and found.cue and found.content, found
    return found.source.text, found.cue.text, found.content.text


def test_source_cue_content_in_the_three_usual_orders() -> None:
    assert spans("The Harbor Ledger reports that the plant will stay closed.") == (
        "The Harbor Ledger",
        "reports",
        "that the plant will stay closed",
    )
    assert spans("According to county officials, more than 1,500 people left.") == (
        "county officials",
        "According to",
        "more than 1,500 people left",
    )
    assert spans('"We went door to door," Okafor said.') == ("Okafor", "said", "We went door to door")
    assert spans('"We went door to door," said Chief Dana Okafor.')[0] == "Chief Dana Okafor"


def test_offsets_index_the_document() -> None:
    document = "Intro sentence. Officials said the bridge is safe."
    start = document.index("Officials")
    found = find_attribution(document[start:], offset=start)
    assert found and found.source and document[found.source.start : found.source.end] == "Officials"


def test_several_cues_give_several_attributions_and_plain_facts_none() -> None:
    found = find_attributions('"We will rebuild," the mayor said, but union leaders said the strike would continue.')
    assert [(a.source.text, a.cue.text) for a in found if a.source and a.cue] == [
        ("the mayor", "said"),
        ("union leaders", "said"),
    ]
    contents = [a.content.text for a in found if a.content]
    assert contents[0].startswith('"We will rebuild,"') and contents[1] == "the strike would continue"
    assert find_attribution("The bridge reopened on Monday after repairs.") is None


def test_spellings_of_one_speaker_share_a_key() -> None:
    from storyline.attribution import speaker_key

    officials = {speaker_key(n) for n in ("U.S. officials", "US officials", "American officials", "a US official")}
    assert len(officials) == 1
    people = {
        speaker_key(n)
        for n in ("Volodymyr Zelensky", "Zelenskyy", "President Zelensky", "Ukrainian President Volodymyr Zelenskyy")
    }
    assert len(people) == 1
    assert speaker_key("Ukrainian officials") not in officials


def test_attributed_hedges_stay_reported_and_the_month_may_is_no_hedge() -> None:
    from storyline.claims import read_text

    (sentence,) = read_text("The plan, critics said, could fail within weeks.")
    assert sentence.kind == "reported" and sentence.attribution is not None
    (sentence,) = read_text("The law took effect in May and covers every county.")
    assert sentence.kind != "speculation"


def test_a_named_or_pronoun_speaker_keeps_a_hedge_reported_but_some_believe_does_not() -> None:
    from storyline.claims import read_text

    assert read_text("He said the plan could fail within weeks.")[0].kind == "reported"
    assert read_text("Some believe the plan could fail within weeks.")[0].kind == "speculation"


def test_a_cue_the_tagger_leaves_without_content_takes_the_rules_content() -> None:
    (found,) = find_attributions("Sales rose 5%, the company said.")
    assert found.source and found.source.text == "the company"
    assert found.content and found.content.text == "Sales rose 5%"


def test_speakers_are_named_one_way() -> None:
    from storyline.attribution import canonical_speaker, speaker_type

    for written in ("a U.S. official", "American officials", "US officials", "U.S. officials"):
        assert canonical_speaker(written) == "US officials"
    assert canonical_speaker("Ukrainian President Volodymyr Zelenskyy") == "Volodymyr Zelenskyy"
    assert canonical_speaker("Rep. Elijah Cummings of Maryland") == "Elijah Cummings"
    assert canonical_speaker("Kremlin spokesman Dmitry Peskov") == "Dmitry Peskov"
    assert canonical_speaker("The New York Times") == "New York Times"
    assert canonical_speaker("Bank of America") == "Bank of America"
    assert canonical_speaker("Ukrainian intelligence estimates") == "Ukrainian intelligence"
    assert canonical_speaker("the company") == "the company"
    types = {name: speaker_type(canonical_speaker(name)) for name in ("the mayor", "The Times", "Western intelligence")}
    assert types == {
        "the mayor": "person",
        "The Times": "news organisation",
        "Western intelligence": "intelligence service",
    }


def test_pronouns_and_roles_resolve_to_the_person_named_before() -> None:
    from storyline.claims import read_text

    text = (
        "Mayor Dana Okafor said the bridge would reopen in May. "
        "She said repairs had cost more than planned. "
        "The mayor said the city would not raise fares."
    )
    speakers = [s.attribution.speaker for s in read_text(text) if s.attribution]
    assert speakers == ["Dana Okafor", "Dana Okafor", "Dana Okafor"]
    assert [s.attribution.speaker for s in read_text("He said the plan was sound.") if s.attribution] == ["He"]


def test_spellings_of_one_speaker_meet_across_documents() -> None:
    from storyline.claims import read_text
    from storyline.pipeline import unify_speakers

    documents = [
        ("a", read_text("President Volodymyr Zelensky said 11,000 soldiers were in the region.")),
        ("b", read_text("Volodymyr Zelenskyy said 12,000 troops had been sent.")),
        ("c", read_text("Volodymyr Zelenskyy said the front held.")),
    ]
    speakers = {s.attribution.speaker for _, ss in unify_speakers(documents) for s in ss if s.attribution}
    assert speakers == {"Volodymyr Zelenskyy"}


def test_chains_say_who_passed_the_content_on() -> None:
    from storyline.attribution import main_attribution

    found = main_attribution(
        find_attributions(
            "The New York Times, citing U.S. and Ukrainian intelligence, reported that 50,000 troops had gathered."
        )
    )
    assert found and found.chain == ("New York Times", "US and Ukrainian intelligence")
    assert found.content and found.content.text == "that 50,000 troops had gathered"
    nested = main_attribution(find_attributions("Ukrainian officials said US officials believe Russia will attack."))
    assert nested and nested.chain == ("Ukrainian officials", "US officials")
    plain = main_attribution(find_attributions("Officials said the plan was sound."))
    assert plain and plain.chain == ()


def test_a_quotation_over_several_sentences_keeps_its_speaker() -> None:
    from storyline.claims import read_text

    text = (
        "“We are ready. We have trained for months,” Gen. Ivan Petrov said on Jan. 5. “Nobody will stop us.”\n\n"
        "The bridge reopened on Monday after repairs."
    )
    read = read_text(text)
    assert [s.attribution.speaker if s.attribution else None for s in read] == [
        "Ivan Petrov",
        "Ivan Petrov",
        "Ivan Petrov",
        None,
    ]
    assert read[0].kind == "reported"


def test_titles_go_but_organisations_keep_their_names() -> None:
    from storyline.attribution import canonical_speaker

    assert canonical_speaker("The Justice Department") == "Justice Department"
    assert canonical_speaker("General Motors") == "General Motors"
    assert canonical_speaker("King County officials") == "King County officials"
    assert canonical_speaker("Gen. Valery Gerasimov") == "Valery Gerasimov"


def test_people_with_one_surname_and_different_first_names_stay_apart() -> None:
    from storyline.claims import read_text
    from storyline.pipeline import unify_speakers

    documents = [
        ("a", read_text("Bill Clinton said the plan works.")),
        ("b", read_text("Hillary Clinton said the plan fails.")),
        ("c", read_text("Dana Okafor said the bridge is safe. Okafor said repairs are done.")),
    ]
    speakers = [[s.attribution.speaker for s in ss if s.attribution] for _, ss in unify_speakers(documents)]
    assert speakers == [["Bill Clinton"], ["Hillary Clinton"], ["Dana Okafor", "Dana Okafor"]]


def test_the_span_tagger_gives_the_same_answers_from_several_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    sentences = [f"Officials said {n} people left the town, the mayor added." for n in range(60)]
    serial = [find_attributions(s) for s in sentences]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(find_attributions, sentences)) == serial


def test_quotation_marks_carry_speakers_only_within_reason() -> None:
    from storyline.claims import read_text

    def speakers(text: str) -> list[str | None]:
        return [(s.attribution.speaker or None) if s.attribution else None for s in read_text(text)]

    straight = (
        '"We are ready. We have trained," Ivan Petrov said. The bridge reopened. "It held," Anna Berg said. Rain fell.'
    )
    assert speakers(straight) == ["Ivan Petrov", "Ivan Petrov", None, "Anna Berg", None]
    unclosed = "“We are ready,” Ivan Petrov said. “The talks went on.\n\nThe bridge reopened. Traffic was light."
    assert speakers(unclosed)[2:] == [None, None]
    runaway = "“" + " ".join(f"Point {n} stands." for n in range(9)) + " Ivan Petrov said."
    assert set(speakers(runaway)) == {None, "Ivan Petrov"} and speakers(runaway)[0] is None
    backwards = "“The bridge reopened.” “We are ready,” Ivan Petrov said."
    assert speakers(backwards)[0] is None


def test_a_citation_is_one_attribution_and_leaves_other_speakers_alone() -> None:
    found = find_attributions(
        "Reuters, citing US officials, reported that the talks had stalled, while Smith said the deal was close."
    )
    said = {a.speaker: a for a in found if a.speaker}
    assert said["Reuters"].chain == ("Reuters", "US officials")
    assert said["Reuters"].content and said["Reuters"].content.text == "that the talks had stalled"
    assert said["Smith"].chain == ()
    (late,) = find_attributions("The deal is off, the agency reported Monday, citing two diplomats.")
    assert late.content and late.content.text == "The deal is off"
    assert late.chain == ("the agency", "diplomats")


def test_a_pronoun_nobody_was_named_for_is_not_a_known_person() -> None:
    from storyline.claims import read_text

    (alone,) = read_text("He said the plan would fail.")
    assert alone.attribution and alone.attribution.speaker_type == "unknown" and alone.kind == "reported"
    named = read_text("Anna Berg said the vote was close. She said the plan would fail.")
    assert named[1].attribution and named[1].attribution.speaker == "Anna Berg"
