"""The labelled real streams of the story-clustering bench: ECB+ with the dates its pages carry, MultiLing 2011.

ECB+ has no document-level date metadata: a file's ``<Document>`` element names only the file and
an id, and its ``TIME_DATE`` markables are mentions inside the text (mostly relative: "Tuesday").
What it does carry, per document, in this order of preference:

1. a dateline among the first three sentences: a date ("December 23, 2012", "Sunday 23 Dec 2012",
   "PUBLISHED FRIDAY, MARCH 8, 2013") that starts within the first 45 characters of a sentence of at
   most 20 words and is not before 1995 (earlier ones are mentions: "Page was born on April 22, 1923");
2. else the source URL (sentence 0 of an ecbplus file): ``/2009/02/04/``, ``2013-06-06``,
   ``20130606``, ``/2009/Feb/02/`` to the day, ``/2009/07/`` to the month.

So 317 of the 772 documents are dated, all of them ecbplus files (306 to the day, 11 to the month;
260 by a dateline, 57 by the URL alone), and 455 are not: all 391 original ECB files (Google News
2008; their texts name weekdays, or dates of earlier events, never their own) and 64 ecbplus files.
Where both exist, dateline and URL agree to a day or two, except for blog month archives and one
reprint.  In the ``dated`` order the dated documents come in date order (a month-only date before
the days of its month, ties in seeded random order) and every undated document takes a seeded
random place in the stream, as documents whose date an ingester cannot read would.  The date goes
into ``Document.published``, as extraction would put it there.

MultiLing 2011 (``SourceTexts/M00TD.english``, topic T): the first line is the title, a dateline
("Saturday, January 8, 2005") follows (once glued to the next sentence); all 100 are dated.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bench.clustering import DEFAULT_DATA, document, source_url
from storyline.records import Document

ECBPLUS_DATA = DEFAULT_DATA
MULTILING_DATA = DEFAULT_DATA.parents[1] / "multiling2011" / "SourceTexts"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DATELINE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?,?\s+(?P<year2>(?:19|20)\d\d))(?!\d)",
    re.IGNORECASE,
)
_URL_DAY = re.compile(
    r"(?<!\d)(199\d|20[01]\d)(?:[/_-]?(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"
    r"|[/_-](1[0-2]|0?[1-9]|[a-z]{3})[/_-]([12]\d|3[01]|0?[1-9]))(?!\d)",
    re.IGNORECASE,
)
_URL_MONTH = re.compile(r"/(199\d|20[01]\d)/(0[1-9]|1[0-2])/")
_HEAD_SENTENCES = 3
_DATELINE_WORDS = 20  # a dateline is a short line ("Posted: Nov 27, 2005 8: 20 AM ET Last Updated: ...")
_DATELINE_START = 45  # that starts with its date, or nearly ("PUBLISHED FRIDAY, MARCH 8, 2013")
_DATELINE_ALONE = 4  # words of a line that holds nothing but its date
_FIRST_WEB_YEAR = "1995"  # an earlier date near the top is a mention ("Page was born on April 22, 1923")


@dataclass(frozen=True, kw_only=True, slots=True)
class Labelled:
    """One document of a real stream with its gold story and the coarser group it belongs to."""

    document: Document
    story: str
    coarse: str  # ECB+: the topic (two stories each); MultiLing: the story itself
    scored: bool  # ECB+: the dev topics only


def ecbplus(data: Path = ECBPLUS_DATA, scored_topics: frozenset[str] | None = None) -> list[Labelled]:
    """Every ECB+ document (file-name order), dated where its text or URL says when."""
    out = []
    for path in sorted(data.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        topic, rest = path.stem.split("_", 1)
        doc = document(path)
        dated = replace(doc, published=page_date(doc.text, source_url(path)))
        story = f"{topic}-{'ecbplus' if rest.endswith('ecbplus') else 'ecb'}"
        scored = scored_topics is None or topic in scored_topics
        out.append(Labelled(document=dated, story=story, coarse=topic, scored=scored))
    return out


def multiling(data: Path = MULTILING_DATA) -> list[Labelled]:
    """The 100 English MultiLing 2011 source texts: title, dateline, body; story = the topic digit."""
    out = []
    for path in sorted(data.glob("M*.english")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        title, body = lines[0], lines[1:]
        published = find_date(" ".join(body[:2]))
        if published and len(body[0].split()) <= _DATELINE_ALONE and find_date(body[0]):
            body = body[1:]  # a line that is only the dateline ("Saturday, January 8, 2005") is metadata
        doc = Document(
            id=path.stem,
            source=str(path),
            url=None,
            outlet="Wikinews",
            title=title,
            published=published,
            text="\n".join(body),
            text_hash=path.stem,
            boilerplate_removed=0,
            ingested_at="",
        )
        out.append(Labelled(document=doc, story=path.stem[3], coarse=path.stem[3], scored=True))
    return out


def page_date(text: str, url: str | None) -> str | None:
    """ISO date (or year-month) of a page: a dateline among its first sentences, else its URL's date."""
    for sentence in text.split("\n", _HEAD_SENTENCES)[:_HEAD_SENTENCES]:
        found = _DATELINE.search(sentence)
        date = find_date(sentence) if found and found.start() < _DATELINE_START else None
        if date and len(sentence.split()) <= _DATELINE_WORDS and date >= _FIRST_WEB_YEAR:
            return date
    return url_date(url) if url else None


def find_date(text: str) -> str | None:
    """The first written-out date ("July 13, 2009", "9 June 2013") in ``text``, as YYYY-MM-DD."""
    for found in _DATELINE.finditer(text):
        month = _MONTHS.index((found["month"] or found["month2"]).lower()[:3]) + 1
        day = int(found["day"] or found["day2"])
        if 1 <= day <= 31:
            return f"{found['year'] or found['year2']}-{month:02d}-{day:02d}"
    return None


def url_date(url: str) -> str | None:
    """The date in a URL's path, to the day where it says the day, else to the month."""
    for year, *parts in _URL_DAY.findall(url):
        month, day = (parts[0], parts[1]) if parts[0] else (parts[2], parts[3])
        number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1 if month.lower() in _MONTHS else 0
        if number:
            return f"{year}-{number:02d}-{int(day):02d}"
    found = _URL_MONTH.search(url)
    return f"{found[1]}-{found[2]}" if found else None


def ordered(items: Sequence[Labelled], order: str, seed: int) -> list[Labelled]:
    """``shuffled``: a seeded shuffle.  ``dated``: dated documents in date order, undated ones at random places."""
    stream = list(items)
    random.Random(seed).shuffle(stream)
    if order == "shuffled":
        return stream
    if order != "dated":
        raise ValueError(f"unknown order {order!r}: use shuffled or dated")
    places = [i for i, item in enumerate(stream) if item.document.published]
    by_date = sorted((stream[i] for i in places), key=lambda item: item.document.published or "")
    for i, item in zip(places, by_date, strict=True):
        stream[i] = item
    return stream


def date_coverage(items: Sequence[Labelled]) -> dict[str, int]:
    """How many documents are dated, to the day or only to the month."""
    dates = [item.document.published for item in items]
    return {
        "documents": len(dates),
        "dated_to_the_day": sum(1 for d in dates if d and len(d) == 10),
        "dated_to_the_month": sum(1 for d in dates if d and len(d) == 7),
        "undated": sum(1 for d in dates if not d),
    }
