"""Claims across documents: which sentences say the same thing, and on how many origins it rests.

A claim-like sentence joins the claim holding the sentence it restates best, else it starts a claim.  Two
sentences restate each other when their words do: content words in a common form (``text.stem``, hyphens
dropped: "placed" and "places", "anti-tank" and "antitank" meet), each weighted by how rare it is among the
story's claim-like sentences (the square root of ``text.rarity``: the words every sentence has, the story's
own subject, say little about which claim a sentence states).  The weighted Jaccard of the two sentences'
words must reach ``Settings.claim_threshold``, with at least ``_MIN_SHARED`` words shared, the same polarity
and no clash of numbers.  Between two documents of one origin (copies, rewrites, reports citing one source)
``Settings.same_origin_claim_threshold``, lower, is enough: joining them adds no corroboration.  A claim
holds at most one sentence of each document.  Comparing with every sentence of a claim, not only its first,
lets a claim gather wordings that restate one another in a chain; the threshold keeps each link close.

Measured by ``python -m bench.claim_alignment`` (ECB+: sentences of different articles that state the same
proposition) and chosen on its train topics: the threshold is the lowest at which precision stays at least the
first version's in 95 % of resamples of the topics; the same-origin one gives the best train F1.  The
encoder's sentence vectors, tried as a bonus to the word score, as a second way in for sentences that share
fewer words and as a veto, measured no better on train, so they are not used.

Copies of one report, and reports that name the same primary source, count as one independent origin.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.attribution import speaker_key
from storyline.claims import is_claim_like
from storyline.config import Settings
from storyline.records import Claim, ClaimKind, Mention, Sentence
from storyline.text import content_words, numbers, polarity, rarity, stem

_MIN_SHARED = 3
_COMMON = 200
"""A word more sentences than this have says nothing about which claim a sentence states: it proposes no
candidates (it still counts in the score)."""
_BULLETS = "-•*–"


@dataclass(frozen=True, kw_only=True, slots=True)
class _Read:
    """A claim-like sentence as alignment reads it."""

    sentence: Sentence
    words: frozenset[str]
    polarity: int
    numbers: frozenset[str]


@dataclass(kw_only=True)
class _Group:
    documents: set[str] = field(default_factory=set)
    sentences: list[Sentence] = field(default_factory=list)


def align_claims(
    sentences: Sequence[Sentence], origins: dict[str, str], authority: dict[str, int], settings: Settings
) -> list[Claim]:
    """Group claim-like sentences of a story into claims, most widely carried first.

    ``origins`` maps each document to its origin key (see ``dedupe.origins``);
    ``authority`` ranks documents (lower first) to choose the wording a claim is shown in.
    """
    aligner = _Aligner([r for r in (_read(s) for s in sentences if is_claim_like(s)) if r.words], origins)
    for n in range(len(aligner.read)):
        aligner.place(n, settings)
    claims = [_claim(group, origins, authority) for group in aligner.groups]
    return sorted(claims, key=lambda c: (-c.independent_origins, -len(c.documents), c.mentions[0].start))


class _Aligner:
    """The story's claim-like sentences, placed one at a time (in order) into claims."""

    def __init__(self, read: list[_Read], origins: dict[str, str]) -> None:
        self.read = read
        self.origin = [origins.get(r.sentence.document, r.sentence.document) for r in read]
        self.weight = {w: math.sqrt(r) for w, r in rarity(r.words for r in read).items()}
        self.totals = [math.fsum(self.weight[w] for w in r.words) for r in read]  # fsum: no order, no hash seed
        self.groups: list[_Group] = []
        self.group_of: list[int] = []  # placed sentence -> its group
        self.index: dict[str, list[int]] = defaultdict(list)  # word -> placed sentences that have it

    def place(self, n: int, settings: Settings) -> None:
        """Put sentence ``n`` into the claim it restates best, or into a new one."""
        this = self.read[n]
        best = self._restated(n, settings)
        if best is None:
            best = len(self.groups)
            self.groups.append(_Group())
        self.group_of.append(best)
        self.groups[best].sentences.append(this.sentence)
        self.groups[best].documents.add(this.sentence.document)
        for word in this.words:
            self.index[word].append(n)

    def _restated(self, n: int, settings: Settings) -> int | None:
        """The group holding the placed sentence that sentence ``n`` restates best, if any."""
        this = self.read[n]
        shared: Counter[int] = Counter()
        for word in this.words:
            if len(self.index[word]) <= _COMMON:
                shared.update(self.index[word])
        best, best_score = None, 0.0
        for m in sorted(m for m, count in shared.items() if count >= _MIN_SHARED):  # ties go to the first
            other, group = self.read[m], self.groups[self.group_of[m]]
            if this.sentence.document in group.documents or not _compatible(this, other):
                continue
            common = math.fsum(self.weight[w] for w in this.words & other.words)
            score = common / (self.totals[n] + self.totals[m] - common)
            one_origin = self.origin[m] == self.origin[n]
            if score >= (settings.same_origin_claim_threshold if one_origin else settings.claim_threshold) and (
                best is None or score > best_score
            ):
                best, best_score = self.group_of[m], score
        return best


def _read(sentence: Sentence) -> _Read:
    return _Read(
        sentence=sentence,
        words=frozenset(stem(w.replace("-", "")) for w in content_words(sentence.text)),
        polarity=polarity(sentence.text),
        numbers=frozenset(numbers(sentence.text)),
    )


def _compatible(one: _Read, other: _Read) -> bool:
    """Same polarity, and when both give numbers, at least one in common."""
    if one.polarity != other.polarity:
        return False
    return not (one.numbers and other.numbers and not one.numbers & other.numbers)


def _claim(group: _Group, origins: dict[str, str], authority: dict[str, int]) -> Claim:
    first = min(group.sentences, key=lambda s: (authority.get(s.document, 9), s.text[:1] in _BULLETS))
    documents = tuple(dict.fromkeys(s.document for s in group.sentences))
    independent = len({origins.get(doc, doc) for doc in documents})
    speakers = _canonical_speakers(group.sentences)
    digest = hashlib.sha256("\n".join(f"{s.document}:{s.start}" for s in group.sentences).encode()).hexdigest()
    return Claim(
        id="c-" + digest[:12],
        text=first.text,
        kind=_kind(group.sentences),
        attributed_to=speakers,
        mentions=tuple(Mention(document=s.document, start=s.start, end=s.end, text=s.text) for s in group.sentences),
        documents=documents,
        independent_origins=independent,
        status="corroborated" if independent >= 2 else "single-source",
    )


_PRONOUNS = frozenset("he she they it we i you who which that reports report person:he person:she".split())


def _canonical_speakers(sentences: Sequence[Sentence]) -> tuple[str, ...]:
    """Each speaker once, under its fullest spelling ("Zelensky" and "Volodymyr Zelenskyy" are one)."""
    by_key: dict[str, str] = {}
    for sentence in sentences:
        names = ((sentence.attribution.speaker,) if sentence.attribution else ()) + sentence.speakers
        for name in names:
            key = speaker_key(name)
            if key and key not in _PRONOUNS and len(name) > len(by_key.get(key, "")):
                by_key[key] = name
    return tuple(by_key.values())


def _kind(sentences: list[Sentence]) -> ClaimKind:
    """A claim is reported fact if any document reports it as such."""
    kinds = {s.kind for s in sentences}
    if "reported" in kinds:
        return "reported"
    return "speculation" if "speculation" in kinds else "opinion"
