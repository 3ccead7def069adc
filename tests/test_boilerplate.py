"""Boilerplate rules on made-up pages: general shapes, not any site's strings."""

from __future__ import annotations

from storyline.boilerplate import clean_lines, drop_repeated_lines, line_reason

BODY = (
    "The regional water board voted on Thursday to raise rates by four percent, citing repairs to two pumping "
    "stations that have failed twice since the winter storms, board members said after the meeting."
)
SECOND = (
    "The increase takes effect in July and adds about three dollars to a typical monthly bill, according to "
    "figures the board released with its agenda, and it will be reviewed again next spring by the board."
)


def reasons(lines: list[str]) -> dict[str, str]:
    return {line: why for why, line in clean_lines(lines).removed}


def test_single_lines_are_recognised_by_what_they_are() -> None:
    assert line_reason("Trending now: #WaterBoard #RateHike #Local") == "hashtag line"
    assert line_reason("Read the full story at the Lakeside Courier") == "pointer to another article"
    assert line_reason("Subscribe for unlimited access to local journalism.") == "promotion or sign-in prompt"
    assert line_reason("Get the app") == "promotion or sign-in prompt"
    assert line_reason("More stories") == "share/related block"
    assert line_reason("Home | Sports | Business | Opinion") == "navigation or buttons"
    assert line_reason("(Reporting by Jo Ames; editing by Li Wei)") == "credit or author note"
    assert line_reason(BODY) is None


def test_masthead_caption_related_block_and_footer_go_and_the_article_stays() -> None:
    page = [
        "Free trial: 14 days free",
        "Local",
        "Water board raises rates to pay for pump repairs",
        "",
        "Workers inspect a pump at the north station last month",
        "",
        BODY,
        "",
        SECOND,
        "",
        "Related",
        "Council weighs new parking fees",
        "Library hours to expand in May",
        "",
        "Already a subscriber? Log in",
        "Terms of use",
    ]
    cleaned = clean_lines(page)
    kept = [line for line in cleaned.lines if line]
    assert kept == ["Water board raises rates to pay for pump repairs", BODY, SECOND]
    assert cleaned.title_index is not None and cleaned.lines[cleaned.title_index].startswith("Water board")
    why = reasons(page)
    assert why["Workers inspect a pump at the north station last month"] == "image caption"
    assert why["Local"] == "page chrome above the headline"
    assert why["Library hours to expand in May"] == "share/related block"


def test_bullets_that_repeat_the_article_go_but_a_list_of_new_facts_stays() -> None:
    repeat = [
        "- The water board voted Thursday to raise rates by four percent.",
        "- The increase takes effect in July.",
    ]
    page = [BODY, "", *repeat, "", SECOND]
    assert all(line in reasons(page) for line in repeat[:1])
    new_facts = [
        "- Ferries will run hourly from the east pier during the summer season.",
        "- Tickets cost eight dollars.",
    ]
    assert not reasons([BODY, "", *new_facts, "", SECOND])


def test_section_headings_in_title_case_are_kept() -> None:
    page = [BODY, "", "What Happens Next for Ratepayers", "", SECOND]
    assert "What Happens Next for Ratepayers" in clean_lines(page).lines


def test_lines_repeated_across_an_outlets_documents_are_removed() -> None:
    footer = "The Lakeside Courier is an independent paper owned by its readers"
    texts = [f"Article number {n} about the lake and its many fish.\n{footer}" for n in range(4)]
    cleaned = drop_repeated_lines(texts)
    assert all(footer not in c.lines for c in cleaned)
    assert all(len(c.lines) == 1 for c in cleaned)
