"""Figures across a story: the quantities that measure the same thing, side by side, and why they differ.

Each quantity the claims stage read (``Sentence.quantities``) in a reported or speculative sentence becomes a
*reading*: its value or range, qualifier, scope, time, speaker, document, and two things read here:

* what it measures: the counted noun in a common form ("soldiers", "troops", "forces" are troops; "dead",
  "killed", "deaths" are deaths), with its rate ("per day");
* whose it is: the names in the counted phrase ("North Korean troops"), else in the clause that leads to the
  figure ("North Korea has sent over 10,000 troops"), and whether that clause makes it a possibility
  ("might deploy up to 100,000").

Readings that measure the same thing of the same actors make a figure.  Readings of overlapping actors ("Russian
forces" and "Russian and North Korean forces") join one figure too, unless some document gives figures for
both: a writer who reports 50,000 Russian and North Korean troops and 10,000 North Korean ones is counting two
things.  A reading that names no actor joins the largest figure of its measure.

Within a figure every two different values are compared, and the difference typed, first match wins:

* ``scope``: they count different things: actors, place ("in Kursk" / "in Russia"), or a possible figure
  against a present one;
* ``time``: different times ("in August" / "in October"), or the same count published on different days;
* ``none``: the same number (qualifiers aside: "about 50,000" and "50,000");
* ``qualifier``: the qualifiers make them agree ("over 10,000" and "11,000");
* ``rounding``: one is the other rounded ("11,000" and "10,800");
* ``conflict``: the same thing, same scope and time, incompatible values.

The figure's type is the weightiest one found (conflict, scope, time, qualifier, rounding, none) and its
reason says, pair by pair, what differs, in words a reader can check against the sources.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from storyline.records import Discrepancy, DiscrepancyType, Figure, FigureValue, Quantity, Sentence
from storyline.text import NUMBER_WORDS, STOPWORDS, content_words

_MEASURES = {
    "troops": "troop soldier force fighter personnel serviceman servicemen servicemember marine sailor",
    "casualties": "casualty",
    "deaths": "death dead killed fatality life lives body",
    "injured": "injured wounded injury hurt",
    "people": "people person resident civilian",
    "dollars": "dollar usd $",
    "percent": "percent %",
}
_MEASURE_OF = {word: measure for measure, words in _MEASURES.items() for word in words.split()}
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*|U\.S\.|U\.K\.)(?:\s+(?:[A-Z][\w’'.-]*|U\.S\.|U\.K\.))*")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:that|which|who|while|whereas|but|and then)\b")
_POSSIBLE = re.compile(
    r"\b(?:might|could|may|would|possibl[ey]|potential(?:ly)?|expected to|likely to|plans? to|threaten(?:s|ed)? to|"
    r"prepared to|ready to)\b",
    re.IGNORECASE,
)
_SCOPE_FILLER = frozenset("in at to into on of the a an region area province country whole alone".split())
_PASSING_TIME = frozenset(
    "on at in the late early night morning afternoon evening monday tuesday wednesday thursday friday saturday "
    "sunday".split()
)
_VAGUE_TIMES = frozenset({"currently", "now", "daily", "today", "so far", "at present", "at the moment"})
_GENERIC_SPEAKERS = frozenset({"reports", "report", "media reports", "sources", "it", "they"})
_TOKEN = re.compile(r"[^\W\d_][\w’'.-]*[^\W_]|[^\W\d_]")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split()
)
_EXTENT_WORDS = frozenset(
    "half-mile quarter-mile mile miles kilometre kilometres kilometer kilometers block blocks radius zone "
    "statewide nationwide citywide countywide worldwide nationally globally locally".split()
)
_FRAME_WORDS = 6
_FRAME_OVERLAP = 0.15
_GENERIC_MEASURES = frozenset(
    "dollars percent percentage people minute hour day week month year time point euro pound mile kilometre "
    "kilometer metre meter foot feet inch ton tonne acre square".split()
)
"""Measures that say little about what is measured: readings of them meet only when their words around do."""
_RANK: tuple[DiscrepancyType, ...] = ("conflict", "scope", "time", "qualifier", "rounding", "none")
_ROUND_TOLERANCE = 0.05
_ABOUT = 0.1  # "about 50,000": within a tenth
_MAX_PER_DOCUMENT = 25
_MIN_VALUE = 10  # smaller counts ("two groups", "one challenge") are not figures unless they have a unit


@dataclass(frozen=True, kw_only=True)
class Reading:
    """One quantity in one sentence, with what it measures, whose it is and who says it."""

    quantity: Quantity
    sentence: Sentence
    measure: str
    rate: str | None
    actors: frozenset[str]
    actor_text: str
    possible: bool
    speaker: str | None
    published: str | None
    frame: frozenset[str] = frozenset()
    tally: tuple[int, int] | None = None
    """A vote's count as written ("7-2": seven for, two against); its quantity is the whole "7-2"."""

    @property
    def document(self) -> str:
        return self.sentence.document

    @property
    def bounds(self) -> tuple[float, float]:
        """The values the reading allows, given its qualifier."""
        q = self.quantity
        if self.tally:
            return (self.point, self.point)
        if q.value is None:
            return (q.low or 0.0, q.high if q.high is not None else math.inf)
        v = q.value
        return {">": (v, math.inf), "<": (0.0, v), "~": (v * (1 - _ABOUT), v * (1 + _ABOUT))}.get(q.change, (v, v))

    @property
    def point(self) -> float:
        q = self.quantity
        if self.tally:
            return float(self.tally[0] * 1000 + self.tally[1])  # one number per tally: 7-2 is not 7-1
        if q.value is not None:
            return q.value
        if q.low is not None and q.high is not None:
            return (q.low + q.high) / 2
        return q.low if q.low is not None else q.high if q.high is not None else 0.0


@dataclass(kw_only=True)
class _Group:
    measure: str
    rate: str | None
    actors: frozenset[str]
    readings: list[Reading] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        return {r.document for r in self.readings}


def story_figures(sentences: Sequence[Sentence], published: Mapping[str, str | None]) -> list[Figure]:
    """The figures of one story, the most widely reported first."""
    names = name_words(s.text for s in sentences)
    readings = [r for s in sentences if s.kind != "opinion" for r in _readings(s, published.get(s.document), names)]
    readings = _per_document(readings)
    figures = [_figure(group) for group in _groups(readings)]
    return sorted(figures, key=lambda f: (-len({d for v in f.values for d in v.documents}), f.subject))


def _per_document(readings: Sequence[Reading]) -> list[Reading]:
    """The first ``_MAX_PER_DOCUMENT`` readings of each measure in each document: a table or a list of hundreds
    of counts is not a figure an outlet reports, and comparing every two of them would take quadratic time."""
    seen: Counter[tuple[str, str, str | None]] = Counter()
    kept = []
    for r in readings:
        key = (r.document, r.measure, r.rate)
        seen[key] += 1
        if seen[key] <= _MAX_PER_DOCUMENT:
            kept.append(r)
    return kept


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """Words the story writes capitalised inside a sentence and never in lower case: its names."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for i, found in enumerate(_TOKEN.finditer(text)):
            word = found.group()
            if word[0].isupper():
                if (i and not word.isupper()) or word in ("U.S.", "U.K.", "UK", "US", "EU", "UN", "NATO"):
                    capitalised.add(word)
            else:
                lower.add(word)
    return frozenset(w for w in capitalised if w.lower() not in lower and w.lower() not in _CALENDAR)


def _readings(sentence: Sentence, published: str | None, names: frozenset[str]) -> list[Reading]:
    out = []
    speaker = sentence.attribution.speaker if sentence.attribution else None
    if speaker and (speaker.lower() in _GENERIC_SPEAKERS or speaker[0].isdigit()):  # "7-2 vote" speaks for nobody
        speaker = None
    quantities, tallies = _tallies(sentence)
    for q in quantities:
        if q.unit is None or (q.value is None and q.low is None and q.high is None):
            continue
        measure, rate = _measure(q)
        if not measure or measure in STOPWORDS:
            continue
        tally = tallies.get(q.start)
        if not tally and (q.value or q.high or q.low or 0) < _MIN_VALUE and measure not in ("percent", "dollars"):
            continue
        start, end = q.start - sentence.start, q.end - sentence.start
        actors, actor_text = _actors(q, sentence.text[:start], speaker, names)
        out.append(
            Reading(
                quantity=q,
                sentence=sentence,
                measure=measure,
                rate=rate,
                actors=actors,
                actor_text=actor_text,
                possible=bool(_POSSIBLE.search(_clause_before(sentence.text[:start]))),
                speaker=speaker or None,
                published=published,
                frame=_frame(sentence.text, start, end, measure),
                tally=tally,
            )
        )
    return out


_TALLY_JOIN = re.compile(r"\s*(?:[-–—]|to)\s*")


def _tallies(sentence: Sentence) -> tuple[list[Quantity], dict[int, tuple[int, int]]]:
    """The sentence's quantities with each vote count ("voted 7-2", "a 6-3 vote") made one quantity, and the
    counts by where they start."""
    found = list(sentence.quantities)
    out: list[Quantity] = []
    tallies: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(found):
        q = found[i]
        following = found[i + 1] if i + 1 < len(found) else None
        if following and q.unit == following.unit == "vote" and q.value and following.value is not None:
            between = sentence.text[q.end - sentence.start : following.start - sentence.start]
            if _TALLY_JOIN.fullmatch(between) and q.value == int(q.value) and following.value == int(following.value):
                text = sentence.text[q.start - sentence.start : following.end - sentence.start]
                out.append(replace(q, end=following.end, text=text, time=q.time or following.time))
                tallies[q.start] = (int(q.value), int(following.value))
                i += 2
                continue
        out.append(q)
        i += 1
    return out, tallies


def _frame(text: str, start: int, end: int, measure: str) -> frozenset[str]:
    """The content words around a figure (a few each side, within its sentence): what it is a number of."""
    before = [w for w in content_words(text[:start]) if not w[0].isdigit()][-_FRAME_WORDS:]
    after = [w for w in content_words(text[end:]) if not w[0].isdigit()][:_FRAME_WORDS]
    return frozenset(_stem(w) for w in before + after if _stem(w) != _stem(measure) and w not in NUMBER_WORDS)


def _stem(word: str) -> str:
    return word[:5]


def unit_of(q: Quantity) -> str:
    """The unit (``Figure.unit``) of a figure that has this quantity among its values: its measure and rate."""
    return _unit(*_measure(q))


def _unit(measure: str, rate: str | None) -> str:
    return measure + (f" {rate}" if rate else "")


def _measure(q: Quantity) -> tuple[str, str | None]:
    """What a quantity counts, in a common form, and its rate."""
    unit, _, per = (q.unit or "").partition(" per ")
    rate = q.rate or (f"per {per}" if per else None)
    head = unit.split()[-1] if unit.split() else unit
    return _MEASURE_OF.get(head, _MEASURE_OF.get(head.rstrip("s"), head)), rate


def _clause_before(text: str) -> str:
    breaks = list(_CLAUSE_BREAK.finditer(text))
    return text[breaks[-1].end() :] if breaks else text


def _actors(q: Quantity, before: str, speaker: str | None, names: frozenset[str]) -> tuple[frozenset[str], str]:
    """Whose the figure is: the names in its counted phrase, else in the clause that leads to it."""
    runs = _names(q.counted or "", names)
    if not runs:
        clause = _clause_before(before)
        speaker_key = _key(speaker or "")
        runs = [
            r
            for r in _names(clause, names)
            if not speaker_key or (_key(r) not in speaker_key and speaker_key not in _key(r))
        ]
        runs = [run for run in runs if not _in_scope(run, q.scope)]
        if runs:
            after = clause[clause.rindex(runs[-1]) + len(runs[-1]) :].split()
            noun = after[0].lower() if after else ""
            text = " and ".join(runs) + (f" {noun}" if noun in _MEASURE_OF or noun[:-1] in _MEASURE_OF else "")
            return frozenset(_key(run) for run in runs), text
    return frozenset(_key(run) for run in runs), " and ".join(runs)


def _names(text: str, names: frozenset[str]) -> list[str]:
    """Capitalised word runs with a name of the story in them (stopwords and leading common words dropped)."""
    out = []
    for found in _NAME_RUN.finditer(text):
        words = found.group().split()
        if not any(w in names for w in words):
            continue
        while words[0] not in names and (words[0].lower() in STOPWORDS or found.start() == 0):
            words = words[1:]
        out.append(" ".join(w for w in words if w.lower() not in STOPWORDS))
    return [run for run in out if run]


def _in_scope(run: str, scope: str | None) -> bool:
    return bool(scope) and run in (scope or "")


def _key(name: str) -> str:
    """A name's key: each word's first four letters, so "North Korean" and "North Korea" meet."""
    return " ".join(w.lower().replace(".", "")[:4] for w in name.split())


def _groups(readings: Sequence[Reading]) -> list[_Group]:
    by_measure: dict[tuple[str, str | None], list[Reading]] = defaultdict(list)
    for r in readings:
        by_measure[(r.measure, r.rate)].append(r)
    out: list[_Group] = []
    for (measure, rate), found in by_measure.items():
        generic = measure in _GENERIC_MEASURES
        if generic:
            out.extend(_by_context(measure, rate, found))
            continue
        groups: dict[frozenset[str], _Group] = {}
        for r in found:
            if r.actors:
                groups.setdefault(r.actors, _Group(measure=measure, rate=rate, actors=r.actors)).readings.append(r)
        merged = _merge_overlapping(sorted(groups.values(), key=lambda g: -len(g.readings)))
        merged = [part for group in merged for part in _split(group)]
        for r in (r for r in found if not r.actors):
            fits = [g for g in merged if _fits(r, g.readings)]
            if fits:
                max(fits, key=lambda g: (sum(_linked(r, m) for m in g.readings), len(g.readings))).readings.append(r)
            else:
                merged.append(_Group(measure=measure, rate=rate, actors=frozenset(), readings=[r]))
        out.extend(merged)
    return out


def _linked(a: Reading, b: Reading) -> bool:
    """Whether two readings of one measure look like the same figure: one number, or the same words around."""
    return a.point == b.point or _overlap(a, b) >= _FRAME_OVERLAP


def _by_context(measure: str, rate: str | None, readings: Sequence[Reading]) -> list[_Group]:
    """Figures of a generic measure (dollars, percent): readings of one number start together, then the two
    parts whose words around are most alike join, while they are alike enough and nothing keeps them apart."""
    parts: dict[float, list[Reading]] = defaultdict(list)
    for r in readings:
        parts[r.point].append(r)
    groups = list(parts.values())
    while len(groups) > 1:
        best, pair = _FRAME_OVERLAP, None
        for i, a in enumerate(groups):
            for j in range(i + 1, len(groups)):
                b = groups[j]
                if any(_apart(x, y) for x in a for y in b):
                    continue
                alike = sum(_overlap(x, y) for x in a for y in b) / (len(a) * len(b))
                if alike >= best:
                    best, pair = alike, (i, j)
        if pair is None:
            break
        i, j = pair
        groups[i] = groups[i] + groups.pop(j)
    return [_Group(measure=measure, rate=rate, actors=frozenset(), readings=g) for g in groups]


def _overlap(a: Reading, b: Reading) -> float:
    return len(a.frame & b.frame) / max(1, len(a.frame | b.frame))


def _split(group: _Group) -> list[_Group]:
    """The parts of a group that are one figure each.

    Two values from one document are two figures unless something tells them apart (scope, time, a qualifier):
    a writer who gives two numbers for one thing says why."""
    parts: list[list[Reading]] = []
    for r in sorted(group.readings, key=lambda r: (r.document, r.quantity.start)):
        fits = [part for part in parts if _fits(r, part)]
        if fits:
            max(fits, key=len).append(r)
        else:
            parts.append([r])
    return [_Group(measure=group.measure, rate=group.rate, actors=group.actors, readings=part) for part in parts]


def _fits(r: Reading, part: Sequence[Reading]) -> bool:
    """Whether a reading may join a part: nothing in it is ``_apart`` from it."""
    return not any(_apart(r, m) for m in part)


def _apart(a: Reading, b: Reading) -> bool:
    """Two readings of one document with different numbers and nothing that explains the difference."""
    return a.document == b.document and compare(a, b)[0] == "conflict"


def _merge_overlapping(groups: list[_Group]) -> list[_Group]:
    """Join groups of overlapping actors that no document tells apart (largest first)."""
    kept: list[_Group] = []
    for group in groups:
        for other in kept:
            overlap = group.actors <= other.actors or other.actors <= group.actors
            if overlap and not group.documents & other.documents:
                other.readings.extend(group.readings)
                other.actors = other.actors | group.actors
                break
        else:
            kept.append(group)
    return kept


# -- one figure ---------------------------------------------------------------------------------------------


def _figure(group: _Group) -> Figure:
    values = _values(group.readings)
    firsts = [readings[0] for readings in values.values()]
    reference = max(firsts, key=lambda r: (len(values[_value_key(r)]), -firsts.index(r)))
    types: set[DiscrepancyType] = set()
    pairs: list[tuple[DiscrepancyType, str, bool]] = []
    clauses: dict[DiscrepancyType, list[str]] = defaultdict(list)
    for i, a in enumerate(firsts):
        for b in firsts[i + 1 :]:
            kind, clause = compare(a, b) if b is not reference else compare(b, a)
            types.add(kind)
            pairs.append((kind, clause, reference in (a, b)))
    kind = min(types, key=_RANK.index, default="none")
    for found, clause, with_reference in pairs:
        if with_reference:
            clauses[found].append(clause)
    if kind not in clauses:  # the weightiest difference is between two values other than the reference
        clauses[kind] = [clause for found, clause, _ in pairs if found == kind]
    documents = len({r.document for r in group.readings})
    if types <= {"none"}:
        value = _number(reference.point) if reference.quantity.value is not None else _said(reference)
        reason = f"One number, {value}, in {documents} document{'s' if documents > 1 else ''}" + (
            ", qualifiers and wording aside." if len(firsts) > 1 else "."
        )
    else:
        reason = " ".join(_sentence(k, clauses[k]) for k in _RANK if clauses.get(k))
    digest = hashlib.sha256(
        "\n".join(f"{r.document}:{r.quantity.start}" for r in group.readings).encode("utf-8")
    ).hexdigest()
    return Figure(
        id="f-" + digest[:12],
        subject=_subject(group),
        unit=_unit(group.measure, group.rate),
        values=tuple(_value(readings) for readings in values.values()),
        discrepancy=Discrepancy(type=kind, reason=reason),
    )


_TYPE_WORDS: dict[DiscrepancyType, str] = {
    "conflict": "Contradiction",
    "scope": "Different things counted",
    "time": "Different times",
    "qualifier": "Agree within their qualifiers",
    "rounding": "Agree once rounded",
    "none": "Same number",
}


def _sentence(kind: DiscrepancyType, clauses: Sequence[str]) -> str:
    return f"{_TYPE_WORDS[kind]}: {'; '.join(dict.fromkeys(clauses))}."


def _values(readings: Sequence[Reading]) -> dict[tuple[object, ...], list[Reading]]:
    """Readings that say the same thing the same way (value, qualifier, scope, time, speaker), together."""
    out: dict[tuple[object, ...], list[Reading]] = {}
    for r in sorted(readings, key=lambda r: (r.point, r.document)):
        out.setdefault(_value_key(r), []).append(r)
    return out


def _value_key(r: Reading) -> tuple[object, ...]:
    q = r.quantity
    return (q.value, q.low, q.high, q.change, _scope_key(q.scope), _time_key(q.time), r.possible, r.tally)


def _value(readings: Sequence[Reading]) -> FigureValue:
    first = readings[0]
    q = first.quantity
    speakers = tuple(dict.fromkeys(r.speaker for r in readings if r.speaker))
    return FigureValue(
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=q.qualifier,
        scope=q.scope,
        time=q.time,
        attributed_to=speakers,
        documents=tuple(dict.fromkeys(r.document for r in readings)),
        text=q.text,
    )


def _subject(group: _Group) -> str:
    counted = Counter(
        r.quantity.counted
        for r in group.readings
        if r.quantity.counted and r.actor_text and r.actor_text in r.quantity.counted
    )
    if counted:
        return counted.most_common(1)[0][0]
    actor = Counter(r.actor_text for r in group.readings if r.actor_text)
    if actor:
        return f"{actor.most_common(1)[0][0]} {group.measure}"
    return group.measure


def compare(a: Reading, b: Reading) -> tuple[DiscrepancyType, str]:
    """How ``b`` differs from ``a`` (two readings of one figure), and a clause that says so."""
    sa, sb = _said(a), _said(b)
    low_a, high_a = a.bounds
    low_b, high_b = b.bounds
    if (low_a, high_a) == (low_b, high_b) or (a.point == b.point and max(low_a, low_b) <= min(high_a, high_b)):
        return "none", f"{sb} and {sa}"
    if a.actors and b.actors and a.actors != b.actors:
        apart = "" if max(low_a, low_b) <= min(high_a, high_b) else " (the numbers do not overlap either)"
        return "scope", f"{sb} is about {b.actor_text}, {sa} about {a.actor_text}{apart}"
    scope_a, scope_b = _scope_key(a.quantity.scope), _scope_key(b.quantity.scope)
    if scope_a and scope_b and not (scope_a <= scope_b or scope_b <= scope_a):
        return "scope", f"{sb} is {b.quantity.scope}, {sa} {a.quantity.scope}"
    if a.possible != b.possible:
        maybe, count = (a, b) if a.possible else (b, a)
        return "scope", f"{_said(maybe)} is a possibility, {_said(count)} a count"
    time_a, time_b = _time_key(a.quantity.time), _time_key(b.quantity.time)
    if time_a and time_b and time_a != time_b:
        return "time", f"{sb} is {b.quantity.time}, {sa} {a.quantity.time}"
    if _rounded(a.point, b.point):
        return "rounding", f"{sb} and {sa} are one number at different precision"
    if max(low_a, low_b) <= min(high_a, high_b):
        return "qualifier", f"{sb} fits {sa}"
    extent_a, extent_b = _extent(a), _extent(b)
    if extent_a and extent_b and extent_a != extent_b:
        return "scope", f"{sb} is said of {' / '.join(sorted(extent_b))}, {sa} of {' / '.join(sorted(extent_a))}"
    return "conflict", f"{sb} against {sa}, for the same thing, place and time"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _extent(r: Reading) -> frozenset[str]:
    """Words of a reading's sentence that say how far it reaches ("within a half-mile", "statewide")."""
    return frozenset(w for w in re.findall(r"[\w-]+", r.sentence.text.lower()) if w in _EXTENT_WORDS)


def _said(r: Reading) -> str:
    q = r.quantity
    text = q.text
    if q.qualifier and not q.text.lower().startswith(q.qualifier.lower()):
        widened = r.sentence.text[max(0, q.start - r.sentence.start - len(q.qualifier) - 1) : q.end - r.sentence.start]
        if widened.lower() == f"{q.qualifier} {q.text}".lower():
            text = widened  # the qualifier as the source writes it, so that the quotation stands in the source
    who = f" ({r.speaker})" if r.speaker else ""
    return f"“{text}”{who}"


@lru_cache(maxsize=4096)
def _scope_key(scope: str | None) -> frozenset[str]:
    if not scope:
        return frozenset()
    return frozenset(w for w in re.findall(r"\w+", scope.lower()) if w not in _SCOPE_FILLER and not w.endswith("’s"))


@lru_cache(maxsize=4096)
def _time_key(time: str | None) -> str:
    """A time that can tell two counts apart: a date, month, year or period; a weekday or "now" cannot (in one
    story they name when a figure was said, not what it covers)."""
    if not time or time.lower() in _VAGUE_TIMES:
        return ""
    words = [w for w in re.findall(r"[\w-]+", time.lower()) if w not in _PASSING_TIME]
    return " ".join(words)


def _rounded(a: float, b: float) -> bool:
    """Whether the rounder of two values is the other rounded to its own precision."""
    if a == b or not a or not b:
        return a == b
    rough, fine = sorted((a, b), key=_precision, reverse=True)
    step = _precision(rough)
    return abs(round(fine / step) * step - rough) < 1e-9 and abs(fine - rough) / abs(rough) <= _ROUND_TOLERANCE


def _precision(value: float) -> float:
    """The place of a value's last significant digit: 11,000 -> 1,000; 10,800 -> 100; 2.5 -> 0.1."""
    if value != int(value):
        decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
        return float(10**-decimals)
    n, step = int(abs(value)), 1
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def disagreement_text(figure: Figure) -> str:
    """How the brief states a figure's difference: its subject, the type, and the reason."""
    subject = figure.subject[:1].upper() + figure.subject[1:]
    return f"{subject} ({figure.discrepancy.type}). {figure.discrepancy.reason}"
