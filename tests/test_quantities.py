"""Quantities: values, ranges, units, counted nouns, qualifiers; years, dates and names are not counts."""

from __future__ import annotations

from storyline.quantities import find_quantities
from storyline.records import Quantity


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_qualified_counts_with_their_counted_noun() -> None:
    q = only("Officials said about 1,200 residents were evacuated.")
    assert (q.value, q.unit, q.qualifier, q.change) == (1200, "resident", "about", "~")
    q = only("The county said more than 1,500 people left.")
    assert (q.value, q.change) == (1500, ">")
    q = only("The navy might deploy up to 100,000 troops.")
    assert (q.value, q.change, q.unit) == (100000, "<", "troop")


def test_money_scales_percentages_and_rates() -> None:
    q = only("The council approved a $48.6 million budget.")
    assert (q.value, q.unit) == (48.6e6, "dollar")
    assert only("Fares rose 10 percent.").unit == "percentage" and only("Fares rose 10 percent.").change == "up"
    q = only("Forces lose over 1,200 soldiers per day.")
    assert (q.value, q.change, q.rate) == (1200, ">", "per day")


def test_ranges_and_number_words() -> None:
    q = only("Temperatures dropped by 1 to 1.5 degrees Celsius.")
    assert (q.low, q.high, q.unit, q.change) == (1, 1.5, "celsius", "down")
    q = only("Apple expected $89 to $93 billion in revenue.")
    assert (q.low, q.high) == (89e9, 93e9)
    assert only("Crews rescued two fishermen.").value == 2
    q = only("Dozens of people were hurt.")
    assert (q.low, q.high) == (12, 120)


def test_years_dates_times_and_names_are_not_counts() -> None:
    assert find_quantities("In 2011 the plant opened on March 3 at 7:40 p.m.") == []
    assert find_quantities("The iPhone 11 and the Big 12 were mentioned on the 2nd.") == []
    assert [q.value for q in find_quantities("They hired 2000 workers in 2019.")] == [2000]


def test_offsets_index_the_text() -> None:
    text = "Ukraine said 11,000 North Korean soldiers are in Kursk."
    q = only(text)
    assert text[q.start : q.end] == q.text and q.text.startswith("11,000")


def test_odd_letters_huge_numerals_and_long_number_runs_do_not_break_reading() -> None:
    import time

    for text in ("5 mİles", "5 KİLOMETRE", "5 MİLLİON people", "tenſ of people", "two thirdſ", "5 thouſand"):
        find_quantities(text)  # case-folding matches outside ASCII must not raise
    assert find_quantities("The storm killed " + "9" * 400 + " people.") == []
    started = time.perf_counter()
    find_quantities("1 " * 20000)
    assert time.perf_counter() - started < 20  # a guard against quadratic scans, not a speed measurement


def test_the_unit_is_the_counted_noun_and_counted_keeps_its_modifiers() -> None:
    q = only("A force of 50,000 Russian and North Korean troops is ready.")
    assert (q.unit, q.counted) == ("troop", "Russian and North Korean troops")
    assert (only("Five new seasons of the show will join.").unit, only("Two main groups formed.").counted) == (
        "season",
        "main groups",
    )
    assert only("Among his approximately 300 recorded songs were hits.").unit == "song"
    assert only("One proposal asks the board to act.").unit == "proposal"  # "asks" is the verb
    assert only("It is one of the best wireless speakers around.").unit == "speaker"
    assert only("The field produced 1 million barrels of oil.").counted == "oil"
    q = only("Turnout rose to 10% of voters.")
    assert (q.unit, q.counted) == ("percentage", "voters")


def test_no_counted_noun_where_none_is_written() -> None:
    assert only("Fares rose 10 percent.").counted is None
    q = only("Ukraine said 11,000 positioned near the line.")
    assert (q.unit, q.counted) == (None, None)  # a participle after the number is a verb
    assert only("He scored 2.1 last year.").unit is None  # a time is not a noun


def test_a_bare_number_takes_the_unit_it_leaves_out() -> None:
    _, kursk = find_quantities("As many as 12,000 North Korean troops are in Russia, with 11,000 in Kursk.")
    assert (kursk.unit, kursk.counted) == ("troop", "North Korean troops")
    share, whole = find_quantities("He raised 280 million of the 1.5 billion shekels he needs.")
    assert share.unit == whole.unit == "shekel"
    assert find_quantities("Mileage rose from 20 mpg to 24 for vans.")[1].unit == "mile per gallon"
    assert find_quantities("Shares rose 8.15% to 3.65 after the news.")[1].unit is None  # a level, not a change
    assert find_quantities("It fell 3 percent. Later 40 were sold.")[1].unit is None  # another sentence


def test_scope_says_where_the_count_holds() -> None:
    assert only("About 11,000 soldiers are in the Kursk region.").scope == "in the Kursk region"
    assert only("Russia has 50,000 troops, including conscripts, in the Kursk region.").scope == "in the Kursk region"
    assert only("A force of 50,000 troops massed in Russia’s Kursk region.").scope == "in Russia’s Kursk region"
    assert only("As many as 12,000 troops have been deployed to Russia.").scope == "to Russia"
    assert only("The firm hired 200 workers in total.").scope == "in total"
    assert only("In eastern Ukraine, 30 villages lost power.").scope == "In eastern Ukraine"


def test_no_scope_from_another_clause_a_title_or_a_comparison() -> None:
    assert only("It sold 5 million phones, similar to sales in China.").scope is None
    assert only("Sales grew 10% compared to China.").scope is None  # "to" is a place only after a move
    assert only("The New York Times printed 5 charts.").scope is None
    assert only("Officials counted 40 flights in August.").scope is None  # a month is a time
    assert only("It hired 200 workers, which is more than in Texas.").scope is None


def test_time_says_when_the_count_holds() -> None:
    assert only("About 300 people were evacuated this year.").time == "this year"
    assert only("In August, 40 flights were cancelled.").time == "In August"
    assert only("The fund lost $3 billion since 2022.").time == "since 2022"
    q = only("Russian forces face daily casualties in the hundreds.")
    assert (q.unit, q.time, q.rate, q.low, q.high) == ("casualty", "daily", "per day", 100, 1000)
    q = find_quantities("Revenue rose to $7.36 billion from $6.78 billion a year earlier.")[1]
    assert (q.time, q.unit, q.rate) == ("a year earlier", "dollar", None)  # a time, not "per year"


def test_no_time_where_none_is_said_of_the_count() -> None:
    assert only("The daily briefing said 30 people died.").time is None
    assert only("Russia has 50,000 troops in Kursk, which Ukraine took this year.").time is None
    assert only("Crews rescued two fishermen.").time is None


def test_scores_and_votes_are_not_ranges() -> None:
    assert find_quantities("The Lakers won 52-48.") == []
    assert find_quantities("Klay tied Game 7 at 89-89.") == []
    assert find_quantities("They lost 1-3 to Leeds.") == []
    assert [(q.value, q.unit) for q in find_quantities("The Senate voted 52-48 to pass it.")] == [
        (52, "vote"),
        (48, "vote"),
    ]
    q = only("Between 25-40 people came.")
    assert (q.low, q.high) == (25, 40)


def test_spaces_and_signs_inside_numbers() -> None:
    assert [(q.value, q.unit) for q in find_quantities("It cost 1 000 euros.")] == [(1000, "euro")]
    assert only("The plant employs 12 500 000 people.").value == 12_500_000
    assert [q.value for q in find_quantities("In 2019 500 people came.")] == [500]
    q = only("The balance decreased to $-50.8bn.")
    assert (q.value, q.unit, q.change) == (-50.8e9, "dollar", "down")
    assert (only("A notebook for 1,200€.").unit, only("Torque is 450 Nm.").unit) == ("euro", "newton metre")
    assert only("A 52,000 barrel-a-day refinery opened.").unit == "barrel per day"


def test_a_conversion_in_brackets_keeps_the_qualifier_and_direction_words_read_in_all_forms() -> None:
    hp, kw = find_quantities("It makes just under 296 hp (224 kW).")
    assert (kw.unit, kw.qualifier, kw.change) == ("kilowatt", hp.qualifier, "<")
    assert only("Shares are down after plummeting 65% last year.").change == "down"
    assert only("The forecast was revised upward by $40 billion.").change == "up"
    q = only("Chipmakers produce sub-7 nanometer chips.")
    assert (q.value, q.change) == (7, "<")
    price = find_quantities("Heineken rose 18 sen to RM23.50.")[1]
    assert price.change == "="  # a level reached by a change is a level


def test_a_range_of_a_counted_noun_is_not_a_score() -> None:
    assert [(q.low, q.high, q.unit) for q in find_quantities("He led 200-300 soldiers into battle.")] == [
        (200, 300, "soldier")
    ]
    assert [(q.low, q.high) for q in find_quantities("The team scored 2-3 goals a game.")] == [(2, 3)]


def test_a_label_number_does_not_take_the_next_number_as_thousands() -> None:
    assert [q.value for q in find_quantities("In round 2 150 players left.")][-1] == 150
    assert [q.value for q in find_quantities("About 12 000 troops crossed.")] == [12000]
