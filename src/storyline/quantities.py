"""Quantities in a sentence: value or range, unit or counted noun, qualifier and change.

Rules, first version (issue 3 in progress): numerals (with thousands separators,
decimals, "million"/"bn" multipliers, currency signs) and number words; ranges
("25-40", "from 1 to 1.5", "between 10 and 20"); percentages and a table of units,
else the counted noun that follows; the qualifier or direction word before the
number.  Years, dates, clock times, ordinals and model names are not counts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from storyline.records import Quantity

_NUMERAL = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
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
    rf"(?P<cur>{_CURRENCY_RE})?(?P<num>{_NUMERAL}|(?i:{_WORD_NUMBER})\b)(?![\w,]*\d)"
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
}  # fmt: skip
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
    r"\s*(?:per\s|a\s|an\s|each\s|every\s|/\s?)((?:sq |square |cubic )?[A-Za-z]{1,20})\b(?!\s+(?:of|from)\b)",
    re.IGNORECASE,
)
_CHANGE = (
    ("~", r"about|approximately|approx\.?|around|roughly|nearly|almost|some|an estimated|estimated|close to|~|circa|ca\."),
    (">", r"more than|over|above|at least|upwards of|exceeding|in excess of|greater than|over than|north of|>"),
    ("<", r"less than|fewer than|under|below|up to|at most|as many as|no more than|just under|<"),
    ("up", r"up|rise|rose|rises|rising|risen|increased|increases|increase|jump|jumped|jumps|gain|gained|gains|"
           r"climb|climbed|climbs|advance|advanced|advances|grow|grew|grows|soar|soared|surge|surged|added|"
           r"higher by|boost(?:ed)? by|\+"),
    ("down", r"down|fall|fell|falls|falling|fallen|drop|dropped|drops|decline|declined|declines|plunge|plunged|"
             r"plunges|plummet|plummeted|decreased|decrease|decreases|lose|lost|loses|slide|slid|slides|sink|sank|"
             r"tumble|tumbled|shed|cut|lower by|slump|slumped"),
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
    while when where since until during between among through across against up down out off said says""".split()
)
_COUNTED_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every count or measure in ``text``; offsets are shifted by ``offset`` (the sentence's start)."""
    found = sorted([*_numbers(text), *_vague(text), *_fractions(text)], key=lambda n: (n[0], -n[1]))
    kept: list[_Number] = []
    for number in found:  # a vague or fractional phrase never overlaps a numeral it contains
        if not kept or number[0] >= kept[-1][1]:
            kept.append(number)
    return [_quantity(text, offset, *found) for found in _ranges(text, kept)]


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
        if sign.startswith(("minus", "-", "−")):
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
            value = float(num.replace(",", ""))
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


def _ranges(text: str, numbers: list[_Number]) -> list[tuple[int, int, float, float | None, str | None]]:
    """Merge "25 - 40", "from 1 to 1.5", "three or four", "between 10 and 20" into one range."""
    out: list[tuple[int, int, float, float | None, str | None]] = []
    i = 0
    while i < len(numbers):
        start, end, value, currency = numbers[i]
        if currency == "vague":
            out.append((start, end, value, value * 10, "vague"))
            i += 1
            continue
        if i + 1 < len(numbers) and numbers[i + 1][3] != "vague" and _joins(text, numbers[i], numbers[i + 1]):
            second = numbers[i + 1]
            low = value
            if second[2] >= 1000 * value and 0 < value < 1000:
                low = value * _scale_of(second[2], value)
            out.append((start, second[1], low, second[2], currency or second[3]))
            i += 2
            continue
        out.append((start, end, value, None, currency))
        i += 1
    return out


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


def _quantity(
    text: str, offset: int, start: int, end: int, value: float, high: float | None, cur: str | None
) -> Quantity:
    vague = cur == "vague"
    unit, unit_end = _unit(text, end, None if vague else cur)
    qualifier, change = _qualifier(text[max(0, start - 40) : start])
    if vague:  # "hundreds of", "in the hundreds": an order of magnitude, not a count
        qualifier, change = text[start:end].lower().removesuffix(" of"), "="
    low, top = (min(value, high), max(value, high)) if high is not None else (None, None)
    return Quantity(
        start=offset + start,
        end=offset + unit_end,
        text=text[start:unit_end],
        value=None if high is not None else value,
        low=low,
        high=top,
        unit=unit,
        qualifier=qualifier,
        change=change,
        rate=_rate(unit),
        counted=None,
        scope=None,
        time=None,
    )


def _unit(text: str, end: int, currency: str | None) -> tuple[str | None, int]:
    """The unit after the number (or its currency sign), else the counted noun phrase; "per X" joins it."""
    unit, end = _base_unit(text, end, currency)
    per = _PER.match(text, end)
    if unit and per and not _UNIT_RE.match(text, end):
        divisor = _UNITS.get(per.group(1).casefold()) or _singular(per.group(1))
        return f"{unit} per {divisor}", per.end()
    return unit, end


def _base_unit(text: str, end: int, currency: str | None) -> tuple[str | None, int]:
    if currency:
        after = _UNIT_RE.match(text, end)
        if after and _UNITS.get(after.group(1).casefold()) == "cent":
            return "cent", after.end()
        return _CURRENCY.get(currency, "dollar"), end
    found = _UNIT_RE.match(text, end)
    if found:
        unit = _UNITS.get(found.group(1).casefold())
        if unit:
            return unit, found.end()
    return _counted(text, end)


def _counted(text: str, end: int) -> tuple[str | None, int]:
    """The counted noun after the number: words up to the first plural (the head), then an "of X" tail
    ("snaps of man coverage", "barrels of oil"); "and" may join words before the head
    ("Russian and North Korean troops")."""
    words: list[str] = []
    position, head = end, False
    for match in _COUNTED_WORD.finditer(text, end, min(len(text), end + 200)):
        word, lower = match.group(0), match.group(0).lower()
        if text[position : match.start()].strip() or len(words) >= 6 or _after_head(words, head, lower):
            break
        joins = lower == "and" and bool(words) and not head
        if (lower in _FUNCTION and not (lower == "of" and head) and not joins) or _not_a_noun(lower, words):
            break
        words.append(word)
        position = match.end()
        head = head or _plural(lower)
    while words and words[-1].lower() in ("of", "and"):
        words.pop()
    if not words:
        return None, end
    phrase = " ".join(words)
    return _singular(phrase), position


def _after_head(words: list[str], head: bool, lower: str) -> bool:
    """Past the head noun only "of X" may follow."""
    return head and lower != "of" and words[-1].lower() != "of"


def _not_a_noun(lower: str, words: list[str]) -> bool:
    """Adverbs and gerunds end the phrase; a participle right after the number means there is none."""
    return (lower.endswith(("ly", "ing")) and bool(words)) or (not words and lower.endswith("ed"))


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


def _rate(unit: str | None) -> str | None:
    """ "per day" when the unit is counted per unit of time."""
    _, per, divisor = (unit or "").rpartition(" per ")
    return f"per {divisor}" if per and divisor in ("day", "week", "month", "year", "hour", "minute", "second") else None
