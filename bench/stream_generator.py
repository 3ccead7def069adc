"""A generated news stream of known synthetic stories, made by varying real articles (ECB+, MultiLing).

Each synthetic story is a variation of one real event (an ECB+ story or a MultiLing topic, its
*source event*): every name in the event's articles (a run of capitalised words whose lower-case
form never occurs in the corpora: people, places, organisations) is swapped for another name of
the corpora, and every number for another of as many digits, by a map that is the same for all
of the story's documents and different for every story.  A story draws ``outlines`` of its
event's articles; each of its documents takes one of them as its outline and keeps each sentence
(``keep``), swaps it for a sentence of another of the story's articles (``borrow``) or drops it,
then ends after a random share of its sentences (at least ``min_share``).  So two stories varied
from one event share much of their wording and differ in who, where and how many, like the two
events of an ECB+ topic; documents of one story share names and figures but not all sentences,
like several outlets' reports of one event.

Story sizes follow a discrete Pareto law, P(size >= k) = k ** -size_exponent, capped at
``max_story_size`` (most stories one or two documents, a few hundreds).  Stories start as a
Poisson process sized to ``docs_per_day``; a story's first document comes at its start and the
others an exponential delay later (mean ``story_days``).  The stream is generated lazily in time
order, so a million documents need memory only for the stories still running.  Everything is
drawn from one seeded ``random.Random`` and a CRC of (seed, story, name), so a seed gives the same
stream on every machine.
"""

from __future__ import annotations

import heapq
import math
import random
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from storyline.records import Document

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d(?:[\d,.]*\d)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_KEEP_CAPITALISED = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December I The A An In On At It He She They We".split()
)
_NAME, _NUMBER = "\x01", "\x02"
_START = datetime(2020, 1, 1)


@dataclass(frozen=True, kw_only=True, slots=True)
class GeneratorSettings:
    seed: int = 0
    docs_per_day: float = 3000.0
    size_exponent: float = 1.2
    max_story_size: int = 1000
    story_days: float = 1.0
    outlines: int = 3
    keep: float = 0.8
    borrow: float = 0.15
    min_share: float = 0.5

    def __post_init__(self) -> None:
        if not (self.size_exponent > 0 and self.max_story_size >= 1 and self.docs_per_day > 0):
            raise ValueError("size_exponent and docs_per_day must be positive, max_story_size at least 1")
        if not (0 <= self.keep + self.borrow <= 1 and 0 < self.min_share <= 1):
            raise ValueError("keep + borrow must lie in [0, 1] and min_share in (0, 1]")

    def describe(self) -> dict[str, float | int]:
        return {**asdict(self), "mean_story_size": round(mean_story_size(self), 2)}


@dataclass(frozen=True, kw_only=True, slots=True)
class Generated:
    """One generated document, its synthetic story and the index of the real event it varies."""

    document: Document
    story: int
    event: int


Template = tuple[str, ...]  # literal text at even places, a marked name or number at odd places


@dataclass(frozen=True, kw_only=True, slots=True)
class Sources:
    """The real events the generator varies: per event, its articles as sentence templates."""

    labels: tuple[str, ...]
    events: tuple[tuple[tuple[Template, ...], ...], ...]  # in the order of labels
    names: dict[int, tuple[str, ...]]  # the corpora's names by word count (1, 2, 3 = three or more)
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


def sources(articles: Sequence[tuple[str, str]]) -> Sources:
    """Templates from (event, text) pairs: names and numbers marked as the places to vary."""
    lower = {t for _, text in articles for t in _TOKEN.findall(text) if t.islower()}
    events: dict[str, list[tuple[Template, ...]]] = {}
    names: set[str] = set()
    for event, text in articles:
        sentences = [s for line in text.split("\n") for s in _SENTENCE_END.split(line) if s.strip()]
        templates = tuple(_template(s, lower, names) for s in sentences)
        if len(templates) >= 2:
            events.setdefault(event, []).append(templates)
    by_count: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for name in sorted(names):
        by_count[min(len(name.split()), 3)].append(name)
    return Sources(
        labels=tuple(sorted(events)),
        events=tuple(tuple(events[label]) for label in sorted(events)),
        names={count: tuple(found) for count, found in by_count.items()},
        first_names=tuple(sorted({n.split()[0] for n in by_count[2]})),
        last_names=tuple(sorted({n.split()[-1] for n in by_count[2]})),
    )


def _template(sentence: str, lower: set[str], names: set[str]) -> Template:
    pieces: list[str] = []
    literal_from = 0
    for start, end, mark in _places(sentence, lower):
        value = sentence[start:end]
        if mark == _NAME:
            names.add(value)
        pieces += [sentence[literal_from:start], mark + value]
        literal_from = end
    return (*pieces, sentence[literal_from:])


def _places(sentence: str, lower: set[str]) -> list[tuple[int, int, str]]:
    """Spans of the numbers and names (runs of capitalised words never seen in lower case) of a sentence."""
    places: list[tuple[int, int, str]] = []
    for token in _TOKEN.finditer(sentence):
        word = token.group()
        if word[0].isdigit():
            places.append((token.start(), token.end(), _NUMBER))
        elif word[0].isupper() and word.lower() not in lower and word not in _KEEP_CAPITALISED:
            last = places[-1] if places else None
            if last and last[2] == _NAME and sentence[last[1] : token.start()] == " ":
                places[-1] = (last[0], token.end(), _NAME)
            else:
                places.append((token.start(), token.end(), _NAME))
    return places


def mean_story_size(settings: GeneratorSettings) -> float:
    """Expected size of the capped discrete Pareto law: the sum of P(size >= k)."""
    return sum(math.pow(k, -settings.size_exponent) for k in range(1, settings.max_story_size + 1))


def stream(found: Sources, settings: GeneratorSettings) -> Iterator[Generated]:
    """Documents in time order, without end; take as many as needed."""
    rng = random.Random(settings.seed)
    story_rate = settings.docs_per_day / mean_story_size(settings)
    pending: list[tuple[float, int, _Story]] = []  # (time, order of drawing, story)
    next_start, story, drawn, n = rng.expovariate(story_rate), 0, 0, 0
    while True:
        while not pending or pending[0][0] > next_start:
            event = rng.randrange(len(found.events))
            articles = found.events[event]
            chosen = _Story(story, event, tuple(rng.sample(articles, min(settings.outlines, len(articles)))))
            for time in _arrivals(rng, next_start, settings):
                heapq.heappush(pending, (time, drawn, chosen))
                drawn += 1
            story, next_start = story + 1, next_start + rng.expovariate(story_rate)
        time, _, chosen = heapq.heappop(pending)
        yield Generated(
            document=_document(found, settings, rng, chosen, (n, time)), story=chosen.story, event=chosen.event
        )
        n += 1


class _Story(NamedTuple):
    story: int
    event: int
    outlines: tuple[tuple[Template, ...], ...]  # the event's articles this story's documents are made from


def _arrivals(rng: random.Random, start: float, settings: GeneratorSettings) -> list[float]:
    size = min(int((1.0 - rng.random()) ** (-1 / settings.size_exponent)), settings.max_story_size)
    return [start] + [start + rng.expovariate(1 / settings.story_days) for _ in range(size - 1)]


def _document(
    found: Sources, settings: GeneratorSettings, rng: random.Random, story: _Story, at: tuple[int, float]
) -> Document:
    n, time = at
    outline = story.outlines[rng.randrange(len(story.outlines))]
    chosen = [outline[0]]  # the headline stays
    for template in outline[1:]:
        draw = rng.random()
        if draw < settings.keep:
            chosen.append(template)
        elif draw < settings.keep + settings.borrow:
            other = story.outlines[rng.randrange(len(story.outlines))]
            chosen.append(other[rng.randrange(len(other))])
    chosen = chosen[: max(2, round(len(chosen) * rng.uniform(settings.min_share, 1.0)))]
    salt = f"{settings.seed}:{story.story}:"
    title, *body = (_render(template, salt, found) for template in chosen)
    when = _START + timedelta(days=time)
    return Document(
        id=f"gen-{n}",
        source=f"generated:{settings.seed}",
        url=None,
        outlet=None,
        title=title,
        published=when.date().isoformat(),
        text="\n".join(body),
        text_hash=f"gen-{n}",
        boilerplate_removed=0,
        ingested_at=when.isoformat(timespec="seconds"),
    )


def _render(template: Template, salt: str, found: Sources) -> str:
    out = list(template)
    for i in range(1, len(out), 2):
        value = out[i][1:]
        out[i] = _name(value, salt, found) if out[i][0] == _NAME else _number(value, salt)
    return "".join(out)


def _name(value: str, salt: str, found: Sources) -> str:
    """The story's stand-in for a name: another name of as many words (two-word names recombined)."""
    h = zlib.crc32((salt + value).encode())
    count = min(len(value.split()), 3)
    if count == 2:
        first, last = found.first_names, found.last_names
        return f"{first[h % len(first)]} {last[h // len(first) % len(last)]}"
    pool = found.names[count]
    return pool[h % len(pool)]


def _number(value: str, salt: str) -> str:
    """The story's stand-in for a number: as many digits, in the same places (years stay years)."""
    h = zlib.crc32((salt + value).encode())
    if len(value) == 4 and value[:2] in ("19", "20"):
        return str(1990 + h % 36)
    digits = iter(f"{h:010d}" * (len(value) // 10 + 1))
    out = [next(digits) if c.isdigit() else c for c in value]
    if len(out) > 1 and out[0] == "0":
        out[0] = str(1 + h % 9)
    return "".join(out)
