"""The brief of one story: headline, lead, key points, disagreements, what each outlet adds, opinion apart.

Sentences are drawn from the sources (the wording of the most original document that carries each claim), never
written, except the explanations of the disagreements, which quote the figures they explain.

* **What matters** is measured by word pairs (bigrams of the sources' words, two stopwords excepted): a pair is
  worth the number of independent origins whose documents use it, so five copies of one report count once.
* **Lead and key points**: reported claims picked one at a time, each time the one whose new word pairs are worth
  most per word, a claim that opens its article counting more (news puts the main facts first); until the
  headline, lead and key points reach ``Settings.brief_words`` words.  The first picks (two or three) make the
  lead; the rest are the key points, most independent origins first, each with who says it.
* **Headline**: the title whose word pairs are worth most per word.
* **Disagreements**: every figure whose values differ, with the reason ``figures`` gives.
* **What each outlet adds**: per document that is not a copy (an aggregator page's article counts), its reported
  claim that no other document carries and that brings most words no other document uses.
* **Opinion and speculation**: the most central of those claims, labelled, never among the reported points.

Every sentence then goes through the checker (``storyline.check``): citations that do not hold are dropped, a
sentence that no cited document supports is left out, and each kept sentence records its check.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from storyline.check import check
from storyline.config import Settings
from storyline.figures import disagreement_text
from storyline.records import (
    BRIEF_SECTIONS,
    BriefSection,
    BriefSentence,
    Claim,
    Document,
    Figure,
    Provenance,
    Sentence,
)
from storyline.text import STOPWORDS, content_words

_TOKEN = re.compile(r"[A-Za-z0-9]+")
_OPENING_WEIGHT = 1.0
_LATER_WEIGHT = 0.3
"""How much a claim counts when it opens its article against when it comes later (chosen on MultiLing 2011, where
the first sentence of a WikiNews article is its summary; see bench/summaries.py)."""
_SHARED_FIRST = 5
"""Claims several documents carry that are picked before the rest, most independent origins first."""
_CARRIED_WEIGHT = 0.5
"""How much more a claim counts for each further document that carries it (the brief leads with what several
report)."""
_MIN_WORDS, _MAX_WORDS = 6, 70
_LEAD = 3
_REPEAT = 0.5
"""Content-word Jaccard at which a claim repeats one already picked."""


def build_brief(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    origins: Mapping[str, str],
    provenance: Mapping[str, Provenance],
    settings: Settings,
) -> list[BriefSentence]:
    """Pick, cite and check the sentences of one story's brief, in section order."""
    weights = pair_weights(documents, origins)
    position = {(s.document, s.start): s.index for s in sentences}
    picked = _select(claims, weights, position, settings.brief_words)
    headline = _headline(documents, weights)
    used = {c.id for c in picked}
    draft: list[BriefSentence] = []
    if headline is not None:
        draft.append(BriefSentence(section="headline", text=headline, citations=tuple(d.id for d in documents)))
    for i, claim in enumerate(picked):
        in_lead = i < _LEAD and i < max(2, len(picked) - 1)
        draft.append(_from_claim("lead" if in_lead else "key-points", claim))
    draft += [_disagreement(f) for f in figures if f.discrepancy.type != "none"]
    draft += _adds(claims, documents, provenance, used)
    draft += [
        _from_claim("opinion-and-speculation", c)
        for c in _central([c for c in claims if c.kind != "reported"], weights, 3)
    ]
    by_id = {d.id: d for d in documents}
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_doc[s.document].append(s)
    by_figure = {f.id: f for f in figures}
    checked = [check(s, by_id, by_doc, by_figure) for s in draft]
    kept = [s for s in checked if s.checked]
    order = {name: i for i, name in enumerate(BRIEF_SECTIONS)}
    key = [s for s in kept if s.section == "key-points"]
    key.sort(key=lambda s: -s.independent_origins)  # stable: most corroborated first, then in picking order
    rest = [s for s in kept if s.section != "key-points"]
    return sorted(rest + key, key=lambda s: order[s.section])


def pair_weights(documents: Sequence[Document], origins: Mapping[str, str]) -> dict[tuple[str, str], int]:
    """Each word pair of the story and the number of independent origins whose documents use it."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in documents:
        origin = origins.get(doc.id, doc.id)
        for pair in pairs(f"{doc.title or ''}\n{doc.text}"):
            seen[pair].add(origin)
    several = len(set(origins.get(d.id, d.id) for d in documents)) > 1
    return {pair: len(o) for pair, o in seen.items() if len(o) > 1 or not several}


def pairs(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs of ``text``, lower-cased, but for pairs of two stopwords."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    return {(a, b) for a, b in pairwise(words) if not (a in STOPWORDS and b in STOPWORDS)}


def _select(
    claims: Sequence[Claim],
    weights: Mapping[tuple[str, str], int],
    position: Mapping[tuple[str, int], int],
    budget: int,
) -> list[Claim]:
    candidates = [c for c in claims if c.kind == "reported" and _MIN_WORDS <= len(c.text.split()) <= _MAX_WORDS]
    opening = {c.id: any(position.get((m.document, m.start)) == 0 for m in c.mentions) for c in candidates}
    own_pairs = {c.id: pairs(c.text) for c in candidates}
    chosen: list[Claim] = []
    covered: set[tuple[str, str]] = set()
    words = 0
    shared = [c for c in candidates if len(c.documents) > 1]
    shared.sort(key=lambda c: (-c.independent_origins, -len(c.documents), -_worth(c, weights)))
    for claim in shared[:_SHARED_FIRST]:  # what several documents report leads, most corroborated first
        if words < budget and not _repeats(claim, chosen):
            chosen.append(claim)
            covered |= own_pairs[claim.id]
            words += len(claim.text.split())
    while words < budget:
        best, best_gain = None, 0.0
        for claim in candidates:
            if claim in chosen or _repeats(claim, chosen):
                continue
            gain = sum(weights.get(p, 0) for p in own_pairs[claim.id] - covered) / len(claim.text.split())
            gain *= _OPENING_WEIGHT if opening[claim.id] else _LATER_WEIGHT
            gain *= 1 + _CARRIED_WEIGHT * (len(claim.documents) - 1)
            if gain > best_gain:
                best, best_gain = claim, gain
        if best is None:
            break
        chosen.append(best)
        covered |= own_pairs[best.id]
        words += len(best.text.split())
    return chosen


def _worth(claim: Claim, weights: Mapping[tuple[str, str], int]) -> float:
    return sum(weights.get(p, 0) for p in pairs(claim.text)) / len(claim.text.split())


def _repeats(claim: Claim, chosen: Sequence[Claim]) -> bool:
    mine = _words(claim.text)
    for other in chosen:
        theirs = _words(other.text)
        if mine and len(mine & theirs) / len(mine | theirs) > _REPEAT:
            return True
    return False


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def _headline(documents: Sequence[Document], weights: Mapping[tuple[str, str], int]) -> str | None:
    titles = [d.title for d in documents if d.title and len(d.title.split()) >= 4 and d.title != Path(d.source).name]
    if not titles:
        return None
    return max(titles, key=lambda t: sum(weights.get(p, 0) for p in pairs(t)) / len(t.split()) ** 0.5)


def _from_claim(section: BriefSection, claim: Claim) -> BriefSentence:
    return BriefSentence(
        section=section,
        text=claim.text,
        citations=claim.documents,
        claim=claim.id,
        attributed_to=claim.attributed_to,
        independent_origins=claim.independent_origins,
        status=claim.status,
    )


def _disagreement(figure: Figure) -> BriefSentence:
    documents = tuple(dict.fromkeys(d for v in figure.values for d in v.documents))
    return BriefSentence(
        section="disagreements",
        text=disagreement_text(figure),
        citations=documents,
        figure=figure.id,
        attributed_to=tuple(dict.fromkeys(a for v in figure.values for a in v.attributed_to)),
        generated=True,
    )


def _adds(
    claims: Sequence[Claim], documents: Sequence[Document], provenance: Mapping[str, Provenance], used: set[str]
) -> list[BriefSentence]:
    """Per document that is not a copy: the claim only it carries that brings most words nobody else uses."""
    words_in: Counter[str] = Counter()
    for doc in documents:
        words_in.update(set(content_words(doc.text)))
    out = []
    for doc in documents:
        prov = provenance.get(doc.id)
        if prov is not None and prov.role == "copy":
            continue
        own = [
            c
            for c in claims
            if c.documents == (doc.id,) and c.kind == "reported" and c.id not in used and c.status != "disputed"
        ]  # a contradicted claim is not an addition: the disagreements section states it with the other side
        own = [c for c in own if _MIN_WORDS <= len(c.text.split()) <= _MAX_WORDS]
        if not own:
            continue
        best = max(own, key=lambda c: sum(1 for w in set(content_words(c.text)) if words_in[w] == 1))
        if not any(words_in[w] == 1 for w in content_words(best.text)):
            continue
        out.append(replace(_from_claim("adds", best), outlet=doc.outlet or Path(doc.source).name))
    return out


def _central(claims: Sequence[Claim], weights: Mapping[tuple[str, str], int], limit: int) -> list[Claim]:
    fitting = [c for c in claims if _MIN_WORDS <= len(c.text.split()) <= _MAX_WORDS]
    ranked = sorted(fitting, key=lambda c: -_worth(c, weights))
    chosen: list[Claim] = []
    for claim in ranked:
        if not _repeats(claim, chosen):
            chosen.append(claim)
        if len(chosen) == limit:
            break
    return chosen
