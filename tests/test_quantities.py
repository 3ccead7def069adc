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
