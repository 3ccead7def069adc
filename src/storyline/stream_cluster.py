"""Stories from a stream: each arriving document joins the story it is closest to, or starts a new one.

A document is a sparse vector of weighted features: its content words weighted by rarity (inverse document
frequency, updated as documents arrive), the names it mentions (runs of capitalised words: people, places,
organisations), its numbers, and its title's words counted again.  A story is the sum of its documents'
vectors, cut to its strongest terms.  Candidate stories come from an inverted index over those terms (the
newest stories first), never from a scan of every story; the best candidate by cosine, faded by the days
between the document and the story's latest date, takes the document if it reaches the threshold.

Work in progress (issue 5): not yet used by the pipeline, which still runs ``cluster.StoryClusterer``.  The
defaults below are the best of a small grid on the ECB+ train topics (documents of train and dev mixed in one
shuffled stream).  Configure (``Parameters``), fit (``fit``: a batch, in order), assign (``assign``: one
document).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.records import Document
from storyline.text import STOPWORDS, content_words

Vector = dict[str, float]

_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*){0,3}")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")


@dataclass(frozen=True, kw_only=True)
class Parameters:
    """What decides a story."""

    threshold: float = 0.2
    """Faded cosine at which a document joins a story."""
    name_weight: float = 1.0
    """Weight of a name (a run of capitalised words) against a content word of the same rarity."""
    number_weight: float = 1.0
    title_weight: float = 1.0
    """Extra weight of the title's words (on top of counting them in the text)."""
    other_years: float = 0.5
    """Factor on the similarity of a document to a story when both name years and none in common."""
    fade_days: float = 10.0
    """Days apart at which a story's similarity to a document falls to 1/e (beyond one day)."""
    document_terms: int = 120
    story_terms: int = 150
    probe_terms: int = 15
    """How many of a document's strongest terms look up candidate stories."""
    postings: int = 100
    """Stories an index term keeps (the newest)."""


@dataclass
class _Story:
    vector: Vector
    norm: float
    size: int
    latest: date | None
    years: set[str]


class StreamClusterer:
    """Online story clustering: ``assign`` one document at a time; ``fit`` a batch in order."""

    def __init__(self, parameters: Parameters | None = None) -> None:
        self.parameters = parameters or Parameters()
        self._df: Counter[str] = Counter()
        self._documents = 0
        self._stories: list[_Story] = []
        self._index: dict[str, list[int]] = {}

    def fit(self, documents: Sequence[Document]) -> list[list[Document]]:
        """Assign every document in order; the groups of documents, in order of their stories."""
        groups: list[list[Document]] = []
        for doc in documents:
            story = self.assign(doc)
            if story == len(groups):
                groups.append([])
            groups[story].append(doc)
        return groups

    def assign(self, doc: Document) -> int:
        """The number of the story ``doc`` joins (a new one is numbered next)."""
        counts = features(doc, self.parameters)
        self._documents += 1
        self._df.update(counts.keys())
        vector = self._weigh(counts)
        when = _day(doc.published)
        years = set(_YEAR.findall(doc.text))
        best, best_score = -1, self.parameters.threshold
        for number in self._candidates(vector):
            story = self._stories[number]
            score = sum(w * story.vector.get(t, 0.0) for t, w in vector.items()) / story.norm
            score *= _fade(when, story.latest, self.parameters.fade_days)
            if years and story.years and not years & story.years:
                score *= self.parameters.other_years
            if score >= best_score:
                best, best_score = number, score
        if best < 0:
            self._stories.append(_Story(vector=dict(vector), norm=1.0, size=1, latest=when, years=years))
            best = len(self._stories) - 1
            self._index_terms(best, vector)
            return best
        self._join(best, vector, when)
        self._stories[best].years |= years
        return best

    def _weigh(self, counts: Counter[str]) -> Vector:
        """tf-idf with the feature kinds' weights, cut to the strongest terms, unit length."""
        p = self.parameters
        kinds = {"n": p.name_weight, "#": p.number_weight, "t": p.title_weight}
        n = self._documents
        weights = {
            term: (1 + math.log(c)) * (math.log((n + 1) / (self._df[term] + 1)) + 1) * kinds.get(term[0], 1.0)
            for term, c in counts.items()
        }
        strongest = sorted(weights.items(), key=lambda kv: -kv[1])[: p.document_terms]
        norm = math.sqrt(sum(w * w for _, w in strongest)) or 1.0
        return {t: w / norm for t, w in strongest}

    def _candidates(self, vector: Vector) -> list[int]:
        probes = sorted(vector.items(), key=lambda kv: -kv[1])[: self.parameters.probe_terms]
        found: dict[int, None] = {}
        for term, _ in probes:
            for number in self._index.get(term, ()):
                found[number] = None
        return list(found)

    def _join(self, number: int, vector: Vector, when: date | None) -> None:
        story = self._stories[number]
        merged = dict(story.vector)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        strongest = dict(sorted(merged.items(), key=lambda kv: -kv[1])[: self.parameters.story_terms])
        story.vector = strongest
        story.norm = math.sqrt(sum(w * w for w in strongest.values())) or 1.0
        story.size += 1
        if when and (story.latest is None or when > story.latest):
            story.latest = when
        self._index_terms(number, {t: w for t, w in vector.items() if t in strongest})

    def _index_terms(self, number: int, vector: Vector) -> None:
        limit = self.parameters.postings
        for term in vector:
            holders = self._index.setdefault(term, [])
            if holders and holders[-1] == number:
                continue
            if number in holders:
                holders.remove(number)
            holders.append(number)
            if len(holders) > limit:
                del holders[0]


def features(doc: Document, parameters: Parameters) -> Counter[str]:
    """Content words, names (``n:``), numbers (``#:``) and title words (``t:``) of a document, counted."""
    counts: Counter[str] = Counter(content_words(doc.text))
    for match in _NAME.finditer(doc.text):
        name = match.group(0).lower()
        if name not in STOPWORDS and len(name) > 2:
            counts["n:" + name] += 1
    counts.update("#:" + n.replace(",", "") for n in _NUMBER.findall(doc.text))
    if doc.title and parameters.title_weight:
        counts.update("t:" + w for w in content_words(doc.title))
    return counts


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _fade(when: date | None, latest: date | None, days: float) -> float:
    if when is None or latest is None:
        return 1.0
    apart = abs((when - latest).days)
    return math.exp(-max(0, apart - 1) / days)
