"""Claims across documents: which sentences say the same thing, and on how many origins it rests.

First version: a sentence joins the claim whose first sentence shares the most
content words with it (overlap coefficient at or above the threshold, and at
least ``_MIN_SHARED`` words); otherwise it starts a claim.  Copies of one report, and reports that name the same primary
source, count as one independent origin.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.attribution import speaker_key
from storyline.claims import is_claim_like
from storyline.config import Settings
from storyline.records import Claim, ClaimKind, Mention, Sentence
from storyline.text import content_words, numbers, polarity

_MIN_SHARED = 5
_MIN_JACCARD = 0.2
_COMMON = 200
"""A word found in more claims than this says nothing about which claim a sentence belongs to."""
_BULLETS = "-•*–"


@dataclass(kw_only=True)
class _Group:
    words: set[str]
    polarity: int
    numbers: set[str]
    documents: set[str] = field(default_factory=set)
    sentences: list[Sentence] = field(default_factory=list)


def align_claims(
    sentences: Sequence[Sentence], origins: dict[str, str], authority: dict[str, int], settings: Settings
) -> list[Claim]:
    """Group claim-like sentences of a story into claims, most widely carried first.

    ``origins`` maps each document to its origin key (see ``dedupe.origins``);
    ``authority`` ranks documents (lower first) to choose the wording a claim is shown in.
    """
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)  # content word -> groups whose first sentence has it
    for sentence in sentences:
        words = set(content_words(sentence.text))
        if not words or not is_claim_like(sentence):
            continue
        probe = _Group(words=words, polarity=polarity(sentence.text), numbers=set(numbers(sentence.text)))
        group = _best_group(probe, groups, index, sentence.document, settings.claim_threshold)
        if group is None:
            group = probe
            for word in words:
                index[word].append(len(groups))
            groups.append(group)
        group.sentences.append(sentence)
        group.documents.add(sentence.document)
    claims = [_claim(group, origins, authority) for group in groups]
    return sorted(claims, key=lambda c: (-c.independent_origins, -len(c.documents), c.mentions[0].start))


def _best_group(
    probe: _Group, groups: list[_Group], index: dict[str, list[int]], document: str, threshold: float
) -> _Group | None:
    """The claim this sentence restates: enough shared words, same polarity, no clash of numbers."""
    shared: Counter[int] = Counter()
    for word in probe.words:
        if len(index[word]) <= _COMMON:
            shared.update(index[word])
    best, best_score = None, threshold
    for n, count in sorted(shared.items()):  # group order, not the words' hash order, breaks ties
        group = groups[n]
        if count < _MIN_SHARED or document in group.documents or group.polarity != probe.polarity:
            continue
        if probe.numbers and group.numbers and not probe.numbers & group.numbers:
            continue
        score = count / min(len(probe.words), len(group.words))
        if score >= best_score and count / len(probe.words | group.words) >= _MIN_JACCARD:
            best, best_score = group, score
    return best


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
