"""The seed figures (point 4 of ../shared/seeds/README.md) read with the right value and qualifier, and with
what they count, where and when, where the seed text says so.
And each figure with who said it, as the claims command reads it (one speaker name across documents).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from storyline.claims import read_text
from storyline.config import Settings
from storyline.extract import extract
from storyline.pipeline import read_claims
from storyline.records import Extraction, Quantity
from storyline.sources import read_inputs


def seed_quantities(seeds: Path) -> list[Quantity]:
    found: list[Quantity] = []
    for item in read_inputs([str(seeds)], Settings()):
        result = extract(item, Settings())  # type: ignore[arg-type]
        assert isinstance(result, Extraction)
        found += [q for sentence in read_text(result.text) for q in sentence.quantities]
    return found


def test_every_seed_figure_is_read_with_its_value_and_qualifier(seeds: Path) -> None:
    found = seed_quantities(seeds)

    def has(value: float, qualifier: str | None, noun: str) -> bool:
        return any(q.value == value and q.qualifier == qualifier and noun in (q.unit or "") for q in found)

    assert has(50000, "approximately", "troop")  # about 50,000 Russian and North Korean troops
    assert has(10000, "over", "troop")  # over 10,000 (U.S. officials)
    assert has(11000, "around", "soldier")  # about 11,000 in the Kursk region (Zelensky)
    assert has(12000, "as many as", "troop")  # as many as 12,000 in Russia (Zelenskyy)
    assert has(100000, "up to", "troop")  # up to 100,000 possible (Ukrainian intelligence estimate)
    assert any(q.value == 1200 and q.change == ">" and q.rate == "per day" for q in found)  # over 1,200 per day
    assert any(q.low == 100 and q.high == 1000 and q.qualifier == "in the hundreds" for q in found)


def test_seed_figures_say_what_they_count_where_and_when(seeds: Path) -> None:
    found = seed_quantities(seeds)

    def has(value: float, counted: str, scope: str | None) -> bool:
        return any(q.value == value and q.counted == counted and q.scope == scope for q in found)

    assert has(50000, "Russian and North Korean troops", "in Russia’s Kursk region")  # 000, 003
    # "approximately 50,000 troops, including ..., in the Kursk region"
    assert has(50000, "troops", "in the Kursk region")
    assert has(12000, "North Korean troops", "to Russia")  # "have been deployed to Russia" (Zelenskyy)
    assert has(11000, "North Korean troops", "in the Kursk region")  # "..., with 11,000 positioned in the Kursk region"
    assert has(11000, "North Korean soldiers", "in the region")  # Zelensky, 004
    # "over 10,000 troops to aid Russian efforts in the Kursk region"
    assert has(10000, "troops", "in the Kursk region")
    assert has(100000, "troops", None)  # a possible deployment, no place said
    daily = [q for q in found if q.qualifier == "in the hundreds"]
    assert [(q.unit, q.counted, q.time, q.rate) for q in daily] == [("casualty", "casualties", "daily", "per day")]
    assert any(q.value == 1200 and q.counted == "casualties" and q.rate == "per day" for q in found)


def test_seed_figures_carry_their_speakers(seeds: Path) -> None:
    documents, _ = read_claims(read_inputs([str(seeds)], Settings()), Settings())
    said: dict[tuple[float | None, str | None], set[tuple[str, str]]] = defaultdict(set)
    for _, sentences in documents:
        for sentence in sentences:
            for q in sentence.quantities:
                if sentence.attribution:
                    said[(q.value, q.qualifier)].add((sentence.attribution.speaker, sentence.attribution.speaker_type))
    assert ("US officials", "anonymous officials") in said[(10000, "over")]  # "As per U.S. officials"
    assert said[(11000, "around")] == {("Volodymyr Zelenskyy", "person")}  # Zelensky, one name with Zelenskyy
    assert said[(12000, "as many as")] == {("Volodymyr Zelenskyy", "person")}
    assert said[(100000, "up to")] == {("Ukrainian intelligence", "intelligence service")}
    assert said[(1200, "over")] == {("US and UK military analysts", "analysts")}  # "American and British"
    hundreds = [s.attribution for _, ss in documents for s in ss if s.attribution for q in s.quantities if q.low == 100]
    assert [(a.speaker, a.speaker_type) for a in hundreds] == [("Western intelligence", "intelligence service")]
