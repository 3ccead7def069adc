"""The first version of claim alignment (before issue 6), kept as ``bench.claim_alignment``'s baseline.

A claim-like sentence joins the group whose first sentence shares the most content words with it: overlap
coefficient at least the threshold (0.5), at least 5 shared words, Jaccard at least 0.2, the same polarity, no
clash of numbers and no sentence of the same document in the group; otherwise it starts a group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.claims import is_claim_like
from storyline.records import Sentence
from storyline.text import content_words, numbers, polarity

THRESHOLD = 0.5
_MIN_SHARED = 5
_MIN_JACCARD = 0.2
_COMMON = 200


@dataclass(kw_only=True)
class _Group:
    words: set[str]
    polarity: int
    numbers: set[str]
    documents: set[str] = field(default_factory=set)
    sentences: list[Sentence] = field(default_factory=list)


def first_version_groups(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """The groups of sentences the first version made one claim each."""
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    for sentence in sentences:
        words = set(content_words(sentence.text))
        if not words or not is_claim_like(sentence):
            continue
        probe = _Group(words=words, polarity=polarity(sentence.text), numbers=set(numbers(sentence.text)))
        group = _best(probe, groups, index, sentence.document)
        if group is None:
            group = probe
            for word in words:
                index[word].append(len(groups))
            groups.append(group)
        group.sentences.append(sentence)
        group.documents.add(sentence.document)
    return [group.sentences for group in groups]


def _best(probe: _Group, groups: list[_Group], index: dict[str, list[int]], document: str) -> _Group | None:
    shared: Counter[int] = Counter()
    for word in probe.words:
        if len(index[word]) <= _COMMON:
            shared.update(index[word])
    best, best_score = None, THRESHOLD
    for n, count in sorted(shared.items()):
        group = groups[n]
        if count < _MIN_SHARED or document in group.documents or group.polarity != probe.polarity:
            continue
        if probe.numbers and group.numbers and not probe.numbers & group.numbers:
            continue
        score = count / min(len(probe.words), len(group.words))
        if score >= best_score and count / len(probe.words | group.words) >= _MIN_JACCARD:
            best, best_score = group, score
    return best
