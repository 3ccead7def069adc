"""Small text utilities shared by the stages: words, content words, normalisation."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), *(c for c in range(32) if c not in (9, 10)), *range(127, 160)],
    None,
)
"""Zero-width characters, soft hyphens and control characters (terminal escapes among them) are dropped."""
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as
    at be because been before being below between both but by can could did
    do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself
    yourselves said says say according told reported per cent percent one two three mr
    mrs ms dr new like may might many much us
    """.split()
)


def words(text: str) -> list[str]:
    """Word tokens, lower-cased; numbers with separators stay whole (12,000 -> 12,000)."""
    return [w.lower() for w in re.findall(r"\d[\d,.]*\d|\d|" + _WORD.pattern, text)]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def content_words(text: str) -> list[str]:
    """Lower-cased words without stopwords, possessive endings or one-letter words."""
    out = []
    for w in words(text):
        w = w.removesuffix("'s").removesuffix("’s")
        if len(w) > 1 and w not in STOPWORDS:
            out.append(w)
    return out


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A lower-cased word without its inflection ("placed", "places" -> "plac"; "cities" -> "city"), so that
    forms of one word meet; at least three letters stay, and "-ss" words keep their ending."""
    if word.endswith(("s", "d", "g")) and not word.endswith("ss"):
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)] + replacement
    return word


def rarity(word_sets: Iterable[Collection[str]]) -> dict[str, float]:
    """How rare each word is among a story's sentences (given as their word sets): the log of the number of
    sentences (plus one) over the number that have the word."""
    counts: Counter[str] = Counter()
    total = 1
    for found in word_sets:
        counts.update(found)
        total += 1
    return {w: math.log(total / n) for w, n in counts.items()}


def normalise(text: str) -> str:
    """NFC, Unix line ends, no invisible characters, single spaces, stripped lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def numbers(text: str) -> list[str]:
    """Numerals as written, without thousands separators: '12,000' -> '12000'."""
    return [n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
    thousands million millions billion billions dozen dozens half""".split()
)
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without denied denies deny refused".split())


def figures(text: str) -> set[str]:
    """Numerals (without separators) and number words: what a supporting text must also say."""
    found = set(numbers(text))
    found.update(w for w in (w.lower() for w in _WORD.findall(text)) if w in NUMBER_WORDS)
    return found


def polarity(text: str) -> int:
    """0 or 1: the parity of negation cues, so "confirmed" and "denied" versions differ."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    cues = sum(1 for w in tokens if w in _NEGATIONS or w.endswith(("n't", "n’t")))
    return cues % 2


NEWS_NAME = re.compile(
    r"\b(?:Times|Post|Journal|News|Press|Wire|Gazette|Ledger|Tribune|Herald|Daily|Telegraph|Guardian|Reuters|"
    r"Bloomberg|Agency|Broadcasting|Radio|Television|TV|Network|Magazine|Chronicle|Observer|Courier|Dispatch|"
    r"Examiner|Register|Sentinel|Star|Globe|Mail|Express|Independent|Bulletin|Record|Inquirer|Monitor|"
    r"AP|AFP|BBC|CNN|Fox|NBC|CBS|ABC)\b"
)
"""Words that mark the name of a news organisation ("The Valley Daily Tribune", "Reuters", "the BBC")."""
