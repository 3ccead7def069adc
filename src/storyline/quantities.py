"""Quantities in a sentence: value or range, unit or counted noun, qualifier and change, what is counted,
where (scope) and when (time).

Rules: numerals (with comma or space thousands separators, decimals, "million"/"bn" multipliers, currency
signs) and number words; ranges ("25-40", "from 1 to 1.5", "between 10 and 20"), but scores and votes
("won 52-48") are not ranges; percentages and a table of units, else the head of the counted noun phrase
that follows (``counted`` keeps the phrase as written: "North Korean troops"); a bare number takes the unit
it leaves out ("12,000 troops ..., with 11,000 in Kursk"); the qualifier or direction word before the
number; scope ("in the Kursk region", "in total") and time ("this year", "in August", "daily") from the
clause around it.  Years, dates, clock times, ordinals and model names are not counts."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import replace

from storyline.records import Quantity

_LABELS = ("round", "no.", "number", "page", "game", "stage", "phase", "step", "part", "week", "day", "year", "grade")
_NOT_A_LABEL = "".join(rf"(?<!(?i:{re.escape(label)}) )" for label in _LABELS)
"""A numeral after a label ("round 2 150 players") does not take the next three digits as its thousands."""
_NUMERAL = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[\u00a0\u2009\u202f]\d{{3}})+(?!\d)|{_NOT_A_LABEL}\d{{1,3}}(?: \d{{3}})+(?!\d)"
    r"|\d+)(?:\.\d+)?|\.\d+"
)
"""Thousands are separated by commas or by spaces ("1 000", "12 500 000"), never by a lone space before more digits."""
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r"|a dozen|a hundred|a(?=\s(?:thousand|million|billion|trillion)\b))"
)
_SCALE = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_CURRENCY = {
    "us$": "dollar", "us $": "dollar", "usd": "dollar", "$": "dollar", "c$": "canadian dollar", "ca$": "canadian dollar",
    "a$": "australian dollar", "au$": "australian dollar", "hk$": "hong kong dollar", "nz$": "new zealand dollar",
    "s$": "singapore dollar", "€": "euro", "eur": "euro", "£": "pound sterling", "gbp": "pound sterling",
    "¥": "japanese yen", "₹": "indian rupee", "rs": "indian rupee", "rs.": "indian rupee",
    "$us": "dollar", "$a": "australian dollar", "ps": "pound sterling", "y=": "japanese yen", "rm": "malaysian ringgit",
}  # fmt: skip
# "PS" and "Y=" are how ASCII transliteration (unidecode and the like) writes "£" and "¥"
_CURRENCY_RE = (
    r"(?:US ?\$|\$US|\$A|USD ?|C\$|CA\$|A\$|AU\$|HK ?\$|NZ\$|S\$|\$|€|EUR ?|£|PS(?=\d)|Y=|RM(?=\d)|GBP ?|¥|₹|Rs\.? ?)"
)
_NUMBER = re.compile(
    rf"(?:(?P<sign>\b(?i:minus)[- ]?|\bsub-|(?<![\w-])[-−](?=[\d$]))|(?<=\d[-–])|(?<![\w.,$€£¥₹-]))"
    rf"(?P<cur>{_CURRENCY_RE})?(?P<neg>(?<=[$€£¥])[-−])?(?P<num>{_NUMERAL}|(?i:{_WORD_NUMBER})\b)(?![\w,]*\d)"
    rf"(?:[ -]?(?P<scale>(?i:(?:hundred\s)?(?:thousand|million|billion|trillion)|hundred|mln|mn|bn|tn)\b|[kKmMbB]\b))?",
)
_VAGUE = re.compile(
    r"\b(?P<many>tens|dozens|hundreds|thousands|millions|billions)(?: of (?P<of>thousands|millions|billions))? of\b"
    r"|\bin the (?P<many2>dozens|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
_VAGUE_BASE = {"tens": 10.0, "dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_FRACTION = re.compile(
    r"\b(?P<frac>half|(?:a|one)[- ]third|two[- ]thirds|(?:a|one)[- ]quarter|three[- ]quarters)\b(?!-)"
    r"|(?<![\w/.])(?P<num>\d{1,3})\s?[/⁄]\s?(?P<den>\d{1,4})(?![\w/.])",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 2 / 3, "quarter": 0.25, "quarters": 0.75}
_UNITS: dict[str, str] = {
    "%": "percentage", "percent": "percentage", "per cent": "percentage", "pct": "percentage",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "miles per hour": "mile per hour", "mph": "mile per hour", "km/h": "kilometre per hour",
    "kph": "kilometre per hour", "kilometres per hour": "kilometre per hour", "kilometers per hour": "kilometre per hour",
    "miles per gallon": "mile per gallon", "mpg": "mile per gallon",
    "miles": "mile", "mile": "mile", "km": "kilometre", "kilometres": "kilometre", "kilometers": "kilometre",
    "kilometre": "kilometre", "kilometer": "kilometre", "metres": "metre", "meters": "metre", "metre": "metre",
    "meter": "metre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "feet": "foot", "foot": "foot",
    "ft": "foot", "inches": "inch", "inch": "inch", "in.": "inch", "yards": "yard", "yard": "yard",
    "square metres": "square metre", "square meters": "square metre", "square feet": "square foot",
    "sq ft": "square foot", "acres": "acre", "acre": "acre", "hectares": "hectare", "hectare": "hectare",
    "pounds": "pound-mass", "pound": "pound-mass", "lb": "pound-mass", "lbs": "pound-mass", "kg": "kilogram",
    "kilograms": "kilogram", "kilogram": "kilogram", "g": "gram", "grams": "gram", "gram": "gram",
    "tonnes": "tonne", "tonne": "tonne", "tons": "ton", "ton": "ton", "ounces": "ounce", "oz": "ounce",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "gallons": "gallon", "gallon": "gallon",
    "barrels": "barrel", "barrel": "barrel",
    "years": "year", "year": "year", "yrs": "year", "year-old": "year of age", "years old": "year of age",
    "-year-old": "year of age", "months": "month", "month": "month", "weeks": "week", "week": "week",
    "days": "day", "day": "day", "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour", "minutes": "minute",
    "minute": "minute", "min": "minute", "mins": "minute", "seconds": "second", "second": "second",
    "secs": "second", "sec": "second",
    "degrees celsius": "celsius", "degrees fahrenheit": "fahrenheit", "°c": "celsius", "°f": "fahrenheit",
    "celsius": "celsius", "fahrenheit": "fahrenheit", "c": "celsius", "f": "fahrenheit", "degrees": "degree",
    "degree": "degree", "°": "degree", "points": "point", "point": "point", "pts": "point",
    "cents": "cent", "cent": "cent", "pence": "penny", "p": "penny", "yen": "japanese yen", "euros": "euro",
    "euro": "euro", "dollars": "dollar", "dollar": "dollar", "shekels": "shekel", "ringgit": "malaysian ringgit",
    "sen": "sen", "rupees": "indian rupee", "yuan": "chinese yuan", "pounds sterling": "pound sterling",
    "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte", "kb": "kilobyte", "gbps": "gigabit per second",
    "mbps": "megabit per second", "kw": "kilowatt", "kilowatts": "kilowatt", "mw": "megawatt",
    "megawatts": "megawatt", "gw": "gigawatt", "gigawatts": "gigawatt", "w": "watt", "watts": "watt",
    "kwh": "kilowatt hour", "hp": "horsepower", "horsepower": "horsepower", "rpm": "revolutions per minute",
    "mah": "milliampere-hour", "hz": "hertz", "ghz": "gigahertz", "mhz": "megahertz", "ppb": "parts-per-billion",
    "ppm": "parts-per-million", "gpa": "gigapascal", "µm": "micrometre", "microns": "micrometre",
    "nm": "nanometre", "mp": "megapixel", "megapixels": "megapixel", "times": "times", "pc": "percentage",
    "mg": "milligram", "milligrams": "milligram", "m2": "square metre", "km2": "square kilometre",
    "nanometers": "nanometre", "nanometres": "nanometre", "nanometer": "nanometre", "millimeters": "millimetre",
    "millimetres": "millimetre", "millimeter": "millimetre", "centimeters": "centimetre", "centimetres": "centimetre",
    "ml": "millilitre", "millilitres": "millilitre", "milliliters": "millilitre", "gwh": "gigawatt hour",
    "mwh": "megawatt hour", "cubic feet": "cubic foot", "cubic metres": "cubic metre", "cubic meters": "cubic metre",
    "sq m": "square metre", "sq km": "square kilometre", "square kilometres": "square kilometre",
    "square kilometers": "square kilometre", "square miles": "square mile", "decibels": "decibel", "db": "decibel",
    "mmbtu": "mega british thermal unit", "jpy": "japanese yen", "usd": "dollar", "eur": "euro",
    "gbp": "pound sterling", "chf": "swiss franc", "cny": "chinese yuan", "inr": "indian rupee",
    "danish crowns": "danish krone", "kroner": "danish krone", "krone": "danish krone", "kn": "croatian kuna",
    "francs": "swiss franc", "rand": "south african rand", "pesos": "peso", "won": "south korean won",
    "€": "euro", "″": "inch", "bhp": "brake horsepower", "ps": "horsepower", "lb-ft": "pound-foot",
    "pound-feet": "pound-foot", "pound-foot": "pound-foot",
}  # fmt: skip
_CASED_UNITS = {"Nm": "newton metre"}
"""Symbols whose case tells them apart: "Nm" is a newton metre, "nm" a nanometre."""
_UNITS = {unit.casefold(): name for unit, name in _UNITS.items()}  # lookups use the case-folded match
_UNIT_RE = re.compile(
    r"[\s-]?(" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![\w°%])",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(
    r"^\s*(?:" + _UNIT_RE.pattern.removeprefix("[\\s-]?") + r"\s*)?(?:-|–|—|to|or)\s*$", re.IGNORECASE
)
_AND_JOIN = re.compile(r"^\s*(?:" + _UNIT_RE.pattern.removeprefix("[\\s-]?") + r"\s*)?and\s*$", re.IGNORECASE)
_ADDRESS_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w.]*){1,3}\s+(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|"
    r"Terrace|Highway|Hwy|Square|Sq)\b|^\s+(?:ZIP|Zip)\b"
)
_NAME_BEFORE = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b(?:[A-Za-z&]*[A-Z][\w&]*|sp|category|no\.|number|version|model|route|room|season|episode)\s$"
)
_PER = re.compile(
    r"(?:\s*(?:per\s|a\s|an\s|each\s|every\s|/\s?)|-(?:a|per)-)((?:sq |square |cubic )?[A-Za-z]{1,20})\b"
    r"(?!\s+(?:of|from|earlier|ago|before|later|after)\b|-)",
    re.IGNORECASE,
)
"""A rate ("barrels a day", "barrel-a-day", "$80 per sq m"), never a time ("a year earlier")."""
_CHANGE = (
    ("~", r"about|approximately|approx\.?|around|roughly|nearly|almost|some|an estimated|estimated|close to|~|circa|ca\."),
    (">", r"more than|over|above|at least|upwards of|exceeding|in excess of|greater than|over than|north of|>"),
    ("<", r"less than|fewer than|under|below|up to|at most|as many as|no more than|just under|<"),
    ("up", r"up|rise|rose|rises|rising|risen|increased|increases|increase|jump|jumped|jumps|gain|gained|gains|"
           r"climb|climbed|climbs|advance|advanced|advances|grow|grew|grows|soar|soared|surge|surged|added|"
           r"jumping|gaining|climbing|advancing|growing|soaring|surging|increasing|upward|upwards|"
           r"higher by|boost(?:ed)? by|\+"),
    ("down", r"down|fall|fell|falls|falling|fallen|drop|dropped|drops|decline|declined|declines|plunge|plunged|"
             r"plunges|plummet|plummeted|decreased|decrease|decreases|lose|lost|loses|slide|slid|slides|sink|sank|"
             r"tumble|tumbled|shed|cut|lower by|slump|slumped|dropping|declining|plunging|plummeting|decreasing|"
             r"losing|sliding|sinking|tumbling|slumping|downward|downwards"),
)  # fmt: skip
_QUALIFIER = re.compile(
    r"(?:^|\W)("
    + "|".join(p for _, p in _CHANGE)
    + r")(?:\s+(?:by|to|from|of|nearly|about|around|roughly|almost))?\s*$",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s?(?:a\.?m\.?|p\.?m\.?|am|pm)\b|(?:st|nd|rd|th)\b|:\d|\s?(?:" + _MONTHS + r")\s|'s\b|s\b)", re.IGNORECASE
)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:(?i:" + _MONTHS + r")\s*|[A-Za-z]-?|#|(?i:no)\.\s?|\d:)$")
_AGE = re.compile(r"\b[A-Z][a-z]+,\s$")
"""A number between commas after a name is an age ("Senard, 65, said ..."), not a count."""
_FUNCTION = frozenset(
    """the a an and or but of to in on at by for from with as than that which who this these those its their his
    her our your my is are was were be been being has have had will would can could may might should must do does
    did not no per each every all both more most less least very so such into onto over under about after before
    while when where since until during between among through across against up down out off said says
    behind beyond near like via amid despite toward towards inside outside within without along around above below
    if because whose whom what how why whether last next ago earlier later yesterday today tomorrow tonight daily
    weekly monthly annually yearly january february march april june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)
_COUNTED_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every count or measure in ``text``; offsets are shifted by ``offset`` (the sentence's start)."""
    found = sorted([*_numbers(text), *_vague(text), *_fractions(text)], key=lambda n: (n[0], -n[1]))
    kept: list[_Number] = []
    for number in found:  # a vague or fractional phrase never overlaps a numeral it contains
        if not kept or number[0] >= kept[-1][1]:
            kept.append(number)
    drafts = _carried(text, _elided(text, [_quantity(text, *found) for found in _ranges(text, kept)]))
    return [_in_context(text, offset, drafts, i) for i in range(len(drafts))]


_Number = tuple[int, int, float, str | None]
"""(start, end, value, currency) of one number that counts something."""


def _numbers(text: str) -> Iterator[_Number]:
    for match in _NUMBER.finditer(text):
        scale, currency = match.group("scale"), match.group("cur")
        end = match.end()
        counts_after = re.match(r"\s+(?:people|[a-z]{3,}s)\b", text[match.end() : match.end() + 30])
        if (
            scale and scale in "mb" and not currency and not counts_after
        ):  # "100m" is metres, "4b" a name; "$5m" is millions
            scale, end = None, match.end("num")
        value = _value(match.group("num"), scale)
        if value is None or _not_a_count(text, match, value):
            continue
        sign = (match.group("sign") or "").lower()
        if sign.startswith(("minus", "-", "−")) or match.group("neg"):
            value = -value
        yield match.start(), end, value, _currency(currency)


def _currency(sign: str | None) -> str | None:
    return sign.replace(" ", "").lower() if sign else None


def _vague(text: str) -> Iterator[_Number]:
    """ "dozens of", "hundreds of", "tens of millions of": the low end; ``_ranges`` adds the high end."""
    for match in _VAGUE.finditer(text):
        base = _VAGUE_BASE.get((match.group("many") or match.group("many2")).lower())
        if base is None:  # a case-folding match outside ASCII ("tenſ")
            continue
        if match.group("of"):
            base *= _VAGUE_BASE.get(match.group("of").lower(), 1.0)
        yield match.start(), match.end(), base, "vague"


def _fractions(text: str) -> Iterator[_Number]:
    for match in _FRACTION.finditer(text):
        if match.group("frac"):
            found = _FRACTIONS.get(match.group("frac").lower().replace("-", " ").split()[-1])
            if found is None:
                continue
            value = found
        elif int(match.group("den")):
            value = int(match.group("num")) / int(match.group("den"))
        else:
            continue
        yield match.start(), match.end(), value, None


def _value(num: str, scale: str | None) -> float | None:
    word = num.lower()
    if word == "a":
        value = 1.0
    elif word in _WORDS or word.replace("a ", "") in _WORDS:
        value = float(_WORDS[word.replace("a ", "")])
    elif "-" in word and all(part in _WORDS for part in word.split("-")):
        value = float(sum(_WORDS.get(part, 0) for part in word.split("-")))
    else:
        try:
            value = float(re.sub(r"[,\s]", "", num))
        except ValueError:
            return None
    for part in (scale or "").lower().split():
        value *= _SCALE.get(part, 1.0)
    return value if math.isfinite(value) else None  # 400-digit numerals are not counts


def _not_a_count(text: str, match: re.Match[str], value: float) -> bool:
    """Clock times, dates, ordinals, years, names with numbers ("iPhone 11", "Big 12"), idioms with "one"."""
    after, before = text[match.end() : match.end() + 12], text[max(0, match.start() - 12) : match.start()]
    num, currency = match.group("num"), match.group("cur")
    if _NOT_A_COUNT_AFTER.match(after) or (_NOT_A_COUNT_BEFORE.search(before) and not currency):
        return True
    if _AGE.search(before) and after.startswith(","):
        return True
    if not currency and _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start()):
        return True
    is_year = re.fullmatch(r"1[5-9]\d\d|2[01]\d\d", num) and not currency and not match.group("scale")
    if is_year and not (_UNIT_RE.match(after) or re.match(r"\s[a-z]{3,}s\b", after)):
        return True
    if (not num[0].isdigit() and after.startswith("-")) or _ADDRESS_AFTER.match(text[match.end() : match.end() + 42]):
        return True
    if num.lower() == "one" and re.match(r"\s+(?:another|day|time|thing|way|they|that|who|which)\b", after, re.I):
        return True
    return (
        num.lower() == "one" and re.search(r"\b(?:each|every|the same|this|that|any|no)\s*$", before, re.I) is not None
    )


_Span = tuple[int, int, float, float | None, str | None]
"""(start, end, value or low, high, currency) of one quantity's numbers."""


def _ranges(text: str, numbers: list[_Number]) -> list[_Span]:
    """Merge "25 - 40", "from 1 to 1.5", "three or four", "between 10 and 20" into one range."""
    out: list[_Span] = []
    i = 0
    while i < len(numbers):
        start, end, value, currency = numbers[i]
        if currency == "vague":
            out.append((start, end, value, value * 10, "vague"))
            i += 1
            continue
        if i + 1 < len(numbers) and numbers[i + 1][3] != "vague" and _joins(text, numbers[i], numbers[i + 1]):
            second = numbers[i + 1]
            if _result(text, numbers[i], second):  # "won 52-48": two tallies, no range
                if _VOTE.search(text, max(0, start - 40), min(len(text), second[1] + 20)):
                    out += [(start, end, value, None, "vote"), (second[0], second[1], second[2], None, "vote")]
                i += 2
                continue
            low = value
            if second[2] >= 1000 * value and 0 < value < 1000:
                low = value * _scale_of(second[2], value)
            out.append((start, second[1], low, second[2], currency or second[3]))
            i += 2
            continue
        out.append((start, end, value, None, currency))
        i += 1
    return out


_VOTE = re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballots?)\b", re.IGNORECASE)
_RESULT_BEFORE = re.compile(
    r"\b(?:won|wins?|beat|beats|beaten|lost|loses?|defeated|defeats?|drew|draws?|tied|ties|led|leads?|leading|trail(?:s|ed|ing)?|"
    r"scored?|scores|scoreline|record|voted|votes?|ruled)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_RESULT_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:wins?|victory|defeat|loss|lead|draw|scoreline|result|decision|vote|record|margin)\b",
    re.IGNORECASE,
)


def _result(text: str, first: _Number, second: _Number) -> bool:
    """A score, result or vote ("won 52-48", "at 89-89", "a 3-1 win", "Chelsea 1-3 Arsenal") is not a range."""
    if first[3] or second[3] or not re.fullmatch(r"\s*[-–]\s*", text[first[1] : second[0]]):
        return False
    if not (first[2].is_integer() and second[2].is_integer()) or _UNIT_RE.match(text, second[1]):
        return False
    before, after = text[max(0, first[0] - 30) : first[0]], text[second[1] : second[1] + 30]
    counted = re.match(
        r"\s+(?!(?:to|in|on|at|for|with|by|as|is|was)\b)(?:[a-z]+\s+)?(?P<noun>[a-z]+[a-rt-z]s)\b", after
    )
    if counted and not _RESULT_AFTER.match(after) and counted["noun"] not in ("votes", "points"):
        return False  # "200-300 soldiers", "2-3 goals a game": a range of a counted noun
    names = bool(re.search(r"[A-Z][\w.]*\s$", before) and re.match(r"\s[A-Z]", after))
    return first[2] >= second[2] or names or bool(_RESULT_BEFORE.search(before) or _RESULT_AFTER.match(after))


def _joins(text: str, first: _Number, second: _Number) -> bool:
    """Two numbers are one range when a dash, "to" or "or" (or "and" after "between") joins them, in one unit."""
    between = text[first[1] : second[0]]
    joined = bool(_RANGE_JOIN.match(between)) or (
        bool(_AND_JOIN.match(between))
        and bool(re.search(r"\bbetween\s*$", text[max(0, first[0] - 10) : first[0]], re.I))
    )
    if not joined:
        return False
    mine, theirs = _unit(text, first[1], first[3])[0], _unit(text, second[1], second[3])[0]
    measured = set(_UNITS.values()) | set(_CURRENCY.values())
    if mine in measured and theirs is None:
        return False  # "rose 8% to 3.65": a change and a level, not a range
    return not (mine in measured and theirs in measured and mine != theirs)


def _scale_of(high: float, low: float) -> float:
    """ "$89 to $93 billion": the scale written once applies to both ends."""
    for scale in (1e12, 1e9, 1e6, 1e3):
        if high >= scale and (high / scale) >= low / 10:
            return scale
    return 1.0


def _quantity(text: str, start: int, end: int, value: float, high: float | None, cur: str | None) -> Quantity:
    """One quantity, offsets into ``text``; scope and time come later, from the clause around it."""
    vague = cur == "vague"
    unit: str | None
    counted: str | None
    if cur == "vote":
        unit, counted, unit_end = "vote", None, end
    elif vague and text[start:end].lower().startswith("in the"):  # "daily casualties in the hundreds"
        unit, counted, unit_end = *_counted_before(text, start), end
    else:
        unit, counted, unit_end = _unit(text, end, None if vague else cur, one=value == 1 and high is None)
    qualifier, change = _qualifier(text[max(0, start - 40) : start + 4 * text.startswith("sub-", start)])
    if vague:  # "hundreds of", "in the hundreds": an order of magnitude, not a count
        qualifier, change = text[start:end].lower().removesuffix(" of"), "="
    low, top = (min(value, high), max(value, high)) if high is not None else (None, None)
    return Quantity(
        start=start,
        end=unit_end,
        text=text[start:unit_end],
        value=None if high is not None else value,
        low=low,
        high=top,
        unit=unit,
        qualifier=qualifier,
        change=change,
        rate=_rate(unit),
        counted=counted,
        scope=None,
        time=None,
    )


_Unit = tuple[str | None, str | None, int]
"""(unit, counted noun phrase as written, end of the quantity's text)."""


def _unit(text: str, end: int, currency: str | None, one: bool = False) -> _Unit:
    """The unit after the number (or its currency sign), else the counted noun phrase; "per X" joins it."""
    unit, counted, end = _base_unit(text, end, currency, one)
    per = _PER.match(text, end)
    if unit and per and not _UNIT_RE.match(text, end):
        divisor = _UNITS.get(per.group(1).casefold()) or _singular(per.group(1))
        return f"{unit} per {divisor}", counted, per.end()
    return unit, counted, end


_OF_WHOLE = re.compile(
    r"\s+of\s+(?:(?:the|a|an|its|their|his|her|our|these|those|all)\s+)?(?:(?:most|least)\s+)?", re.I
)
"""Before the whole that a part counts: "one of the best speakers", "a third of the population"."""


def _base_unit(text: str, end: int, currency: str | None, one: bool) -> _Unit:
    if currency:
        after = _UNIT_RE.match(text, end)
        if after and _UNITS.get(after.group(1).casefold()) == "cent":
            return "cent", _of_what(text, after.end()), after.end()
        return _CURRENCY.get(currency, "dollar"), _of_what(text, end), end
    found = _UNIT_RE.match(text, end)
    if found:
        unit = _CASED_UNITS.get(found.group(1)) or _UNITS.get(found.group(1).casefold())
        if unit:
            return unit, _of_what(text, found.end()), found.end()
    phrase = _phrase(text, end, one)
    if phrase:
        return _singular(phrase[2]), text[phrase[0] : phrase[1]], phrase[1]
    whole = _OF_WHOLE.match(text, end)
    phrase = _phrase(text, whole.end(), one=False) if whole else None
    if phrase:  # the count is of the whole's noun; the quantity's text stays the number
        return _singular(phrase[2]), text[phrase[0] : phrase[1]], end
    return _noun_or(text, end), None, end


def _of_what(text: str, end: int) -> str | None:
    """What a measure measures: "barrels of oil", "10% of voters", "$5 million of aid"."""
    found = re.compile(r"\s+of\s+(?:the\s+)?", re.I).match(text, end)
    phrase = _phrase(text, found.end(), one=False) if found else None
    return text[phrase[0] : phrase[1]] if phrase else None


def _noun_or(text: str, start: int) -> str | None:
    """ "another pick or two", "a day or two": the noun before "or" is what the number counts."""
    found = re.search(r"\b([a-z][a-z'-]+) or $", text[max(0, start - 30) : start])
    if found and found.group(1) not in _FUNCTION and not text[start:].lstrip()[:1].isalpha():
        return _singular(found.group(1))
    return None


def _phrase(text: str, end: int, one: bool) -> tuple[int, int, str] | None:
    """The counted noun phrase at ``end``: (start, end, head word).  Words up to the first plural (the head),
    then an "of X" tail ("snaps of man coverage"); "and" may join words before the head ("Russian and North
    Korean troops").  After "one" a plural-looking word is a verb ("one proposal asks")."""
    words: list[re.Match[str]] = []
    head: str | None = None
    for match in _COUNTED_WORD.finditer(text, end, min(len(text), end + 200)):
        lower = match.group(0).lower()
        position = words[-1].end() if words else end
        if text[position : match.start()].strip() or len(words) >= 6 or _past_head(words, head, lower):
            break
        joins = lower == "and" and bool(words) and head is None
        if (lower in _FUNCTION and not (lower == "of" and head) and not joins) or _not_a_noun(text, match, words):
            break
        if one and words and head is None and _plural(lower):
            break
        words.append(match)
        head = head or (lower if _plural(lower) else None)
    while words and words[-1].group(0).lower() in ("of", "and"):
        words.pop()
    if not words:
        return None
    return words[0].start(), words[-1].end(), head or words[-1].group(0).lower()


def _past_head(words: list[re.Match[str]], head: str | None, lower: str) -> bool:
    """Past the head noun only "of X" may follow."""
    return head is not None and lower != "of" and words[-1].group(0).lower() != "of"


def _not_a_noun(text: str, match: re.Match[str], words: list[re.Match[str]]) -> bool:
    """Adverbs and gerunds end the phrase; a participle right after the number is a verb ("11,000 positioned
    in Kursk") unless a plural noun follows it ("300 recorded songs")."""
    lower = match.group(0).lower()
    if words:
        return lower.endswith(("ly", "ing"))
    if lower.endswith("ed"):
        after = _COUNTED_WORD.match(text, match.end() + 1)
        return not (after and text[match.end()] == " " and _plural(after.group(0).lower()))
    return False


def _counted_before(text: str, start: int) -> tuple[str | None, str | None]:
    """ "casualties in the hundreds": the plural noun (with any names before it) just before the phrase."""
    found = re.search(r"((?:[A-Z][\w'’-]*\s+)*)([a-z][\w'’-]*)\s+$", text[max(0, start - 80) : start])
    if not found or not _plural(found.group(2)) or found.group(2) in _FUNCTION:
        return None, None
    return _singular(found.group(2)), (found.group(1) + found.group(2)).strip()


_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel feet teeth mice geese cattle".split())


def _plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _singular(phrase: str) -> str:
    head, _, last = phrase.lower().rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("men") and len(last) > 4:
        last = last[:-3] + "man"
    elif last.endswith(("uses", "sses")) or last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}".strip()


def _qualifier(before: str) -> tuple[str | None, str]:
    if before.endswith("sub-"):
        return "sub", "<"
    if before.endswith("+"):
        return "+", "up"
    found = _QUALIFIER.search(before)
    if not found:
        return None, "="
    word = found.group(1).lower()
    for change, pattern in _CHANGE:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return word, change
    return word, "="


_RATES = ("day", "week", "month", "year", "hour", "minute", "second")


def _rate(unit: str | None) -> str | None:
    """ "per day" when the unit is counted per unit of time."""
    _, per, divisor = (unit or "").rpartition(" per ")
    return f"per {divisor}" if per and divisor in _RATES else None


def _elided(text: str, drafts: list[Quantity]) -> list[Quantity]:
    """A bare number takes the unit it leaves out: "12,000 troops ..., with 11,000 in Kursk", "280 million of
    the 1.5 billion shekels", "from 20 mpg to 24"."""
    out = list(drafts)
    for i, q in enumerate(out):
        if q.unit is not None or (q.qualifier and q.text.lower().startswith(q.qualifier)):
            continue  # a vague order of magnitude ("in the hundreds") leaves nothing out
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt and nxt.unit and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[q.end : nxt.start], re.I):
            out[i] = replace(q, unit=nxt.unit, counted=nxt.counted, rate=nxt.rate)
        elif i and _bare(text, out[i - 1], q):
            out[i] = replace(q, unit=out[i - 1].unit, counted=out[i - 1].counted, rate=out[i - 1].rate)
    return out


_CONVERSION = re.compile(r"\s*[(/]\s*")


def _carried(text: str, drafts: list[Quantity]) -> list[Quantity]:
    """A conversion in brackets keeps the qualifier of the figure it converts: "just under 296 hp (224 kW /
    300 PS)", "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)".  A level reached by a change
    ("rose 18 sen to RM23.50") stays a level."""
    out = list(drafts)
    for i in range(1, len(out)):
        before, q = out[i - 1], out[i]
        if q.qualifier is not None or q.change != "=":
            continue
        gap = text[before.end : q.start]
        if _CONVERSION.fullmatch(gap):
            out[i] = replace(q, qualifier=before.qualifier, change=before.change)
    return out


def _bare(text: str, before: Quantity, q: Quantity) -> bool:
    """Nothing nameable follows the number (punctuation, a verb, a preposition), and the quantity before it,
    close by in the same sentence, has a unit; a level after a percentage change is no percentage ("rose 8%
    to 3.65")."""
    gap = text[before.end : q.start]
    if not before.unit or before.unit == "vote" or len(gap) > 60 or re.search(r"[.;!?]\s", gap):
        return False
    if before.unit in ("percentage", "percentage point", "basis point") and re.search(r"\b(?:to|at)\s*$", gap):
        return False
    follows = text[q.end :]
    return not re.match(r"\s*(?:[(\[\"'“]|[A-Z]|[a-z]+s\b)", follows) or bool(re.match(r"\s+[a-z]+ed\b", follows))


# The clause around a quantity: where (scope) and when (time) it holds.
_CLAUSE_END = re.compile(
    r"[;:!?()]|\s[—–-]\s|,\s*(?:which|who|whom|where|while|with|but|whereas|although|though|and)\b"
    r"|\s(?:which|who|while|but|whereas|although|though|because)\b"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*)*"
_PLACE_NOUN = (
    r"region|province|oblast|state|county|city|district|area|country|border|front|capital|territory|zone|town|"
    r"village|peninsula|coast|valley|basin|world|continent"
)
_PLACE = (
    rf"(?:(?:north|south|east|west)(?:ern|east|west|eastern|western)?\s+|central\s+)?{_NAME}(?:\s+(?:{_PLACE_NOUN}))?"
)
_SCOPE = re.compile(
    rf"\b(?:(?i:in|inside|within|across|throughout|near|along)\s+(?:(?i:the)\s+)?(?:{_PLACE}|(?i:{_PLACE_NOUN})\b)"
    r"|(?i:in total|in all(?!\s+\w)|altogether|combined|nationwide|worldwide|globally|overall|around the world))"
)
_ASIDE = re.compile(r"\s*(?:including|among them|such as|mostly|mainly|many of them|most of them|of whom|of which)\b")
_TO_PLACE = re.compile(rf"\b(?:to|into)\s+(?:the\s+)?{_PLACE}")
_MOTION = re.compile(
    r"\b(?:deploy|send|sent|dispatch|move|transfer|ship|flown|fly|flew|brought|bring|deliver|export|evacuat|relocat|"
    r"arriv|travel)\w*",
    re.IGNORECASE,
)
_NOT_A_PLACE = re.compile(
    r"(?:The|This|That|A|An|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Q[1-4])\b"
)
_MONTH_NAME = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DAY_NAME = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PERIOD = r"(?:year|month|week|quarter|decade|century|season|summer|winter|spring|autumn|fall|weekend|morning|afternoon|evening|night|half)"
_FREQUENCY = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month", "annually": "year",
              "yearly": "year", "hourly": "hour"}  # fmt: skip
_TIME = re.compile(
    rf"\b(?:(?:so far |earlier |later )?(?:this|last|next|that|the same|the previous|the past) {_PERIOD}"
    rf"|(?:in|during|since|by|until|through|from|before|after|as of|for|over|within)\s+(?:the\s+)?"
    rf"(?:past|last|previous|next|coming|first|second|third|fourth|final)\s+(?:[\w-]+\s+)?{_PERIOD}s?"
    rf"|(?:in|during|since|by|until|through|before|after|as of|from|on)\s+(?:(?:early|late|mid)[- ])?{_MONTH_NAME}"
    r"(?:\s+\d{1,2}(?!\d))?(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:in|during|since|by|until|through|before|after|as of|from|for)\s+(?:fiscal\s+)?(?:19|20)\d\d(?:[-–/]\d\d)?s?"
    rf"|(?:in|during)\s+(?:(?-i:Q[1-4]|H[12])|the (?:(?:first|second|third|fourth|final) quarter|{_PERIOD}))"
    rf"|(?:on\s+)?{_DAY_NAME}|yesterday|today|tonight|tomorrow|currently|so far|to date|year[- ]to[- ]date"
    r"|(?:a|one|two|three|four|five|six|\d+) (?:years?|months?|weeks?|days?) (?:ago|earlier|later|before)"
    r"|(?:each|every|per) (?:day|week|month|year)|" + "|".join(_FREQUENCY) + r")\b",
    re.IGNORECASE,
)


def _in_context(text: str, offset: int, drafts: list[Quantity], i: int) -> Quantity:
    """Scope and time from the clause around quantity ``i`` (up to its neighbours), offsets shifted."""
    q = drafts[i]
    low = drafts[i - 1].end if i else 0
    high = drafts[i + 1].start if i + 1 < len(drafts) else len(text)
    stop = _CLAUSE_END.search(text, q.end, high)
    after = _aside_or_clause(text[q.end : stop.start() if stop else high])
    starts = [m.end() for m in _CLAUSE_END.finditer(text, low, q.start)]
    before = text[starts[-1] if starts else low : q.start]
    scope, time = _scope(before, after), _time(before, after, q.counted)
    frequency = _FREQUENCY.get((time or "").lower())
    rate = q.rate or (f"per {frequency}" if frequency else None)
    return replace(q, start=offset + q.start, end=offset + q.end, scope=scope, time=time, rate=rate)


def _aside_or_clause(after: str) -> str:
    """The clause after a quantity ends at a comma, unless the comma opens an aside about what it counts
    ("50,000 troops, including North Korean soldiers, in the Kursk region")."""
    parts = after.split(",")
    if len(parts) > 2 and _ASIDE.match(parts[1]):
        return ",".join(parts[:3])
    return parts[0]


def _scope(before: str, after: str) -> str | None:
    """Where the quantity holds: "in the Kursk region", "to Russia" (after a verb of motion), "in total"."""
    moving = _MOTION.search(before) or _MOTION.search(after)
    for window, last in ((after, False), (before, True)):
        found = [m for m in _SCOPE.finditer(window) if not _NOT_A_PLACE.match(m.group(0).split()[-1])]
        if moving:
            found += [m for m in _TO_PLACE.finditer(window) if not _NOT_A_PLACE.match(m.group(0).split()[-1])]
        if found:
            best = max(found, key=lambda m: m.start()) if last else min(found, key=lambda m: m.start())
            return best.group(0).rstrip(".,'’")
    return None


def _time(before: str, after: str, counted: str | None) -> str | None:
    """When the quantity holds: "this year", "in August", "since 2022", "daily"; a frequency word before the
    quantity counts only right before it or its noun ("daily casualties in the hundreds")."""
    found = _TIME.search(after)
    if found:
        return found.group(0)
    for match in reversed(list(_TIME.finditer(before))):
        if match.group(0).lower() not in _FREQUENCY or before[match.end() :].strip() in ("", counted):
            return match.group(0)
    return None
