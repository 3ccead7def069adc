"""The syndication test set: ECB+ articles as originals, and generated copies, excerpts and rewrites.

Every document becomes a whole HTML page (``bench.syndication_chrome``): the original in its own
outlet's page, each variant in the page of a different fake outlet, published 1 to 5 days after the
original (distinct days within one original's variants).  The paragraphs of an original are its
ECB+ sentences (one per line) in groups of 2 to 4; a sentence without end punctuation (a headline,
a date line) stands alone.  Randomness: one generator per original, seeded with the seed and the
document's id, so an article's variants do not change when other articles come or go.

Variant types, each made from the original's paragraphs:

* ``copy``: the same paragraphs.
* ``truncation``: the first 40-70 % of the sentences (the last paragraph may be cut).
* ``excerpt``: a contiguous 30-50 % of the sentences that starts after the first and ends before
  the last.
* ``addition``: the same paragraphs with 1 to 3 paragraphs inserted at random places, each either a
  paragraph of an article from another topic or a generic editorial line (the outlet asking for
  comment, a local angle).
* ``shuffle``: all sentences in a random order, grouped again into paragraphs.
* ``substitution``: 10-20 % of the sentences dropped, the rest shuffled within their paragraphs,
  and 20-35 % of the content words (lower-case words of three letters or more, not stopwords)
  replaced from ``bench.syndication_words``; where the table has too few of an article's words, fewer
  are replaced, and the share reached is recorded.

The first four are the copy class, the last two the rewrite class.  Every original with at least
``min_sentences`` sentences is eligible; a ``share`` of them (all by default) gets 1 to 3 variants
of distinct types.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from math import ceil

from bench.syndication_chrome import LAYOUTS, Article, Outlet, outlets, page
from bench.syndication_words import SUBSTITUTES
from storyline.records import Document
from storyline.text import STOPWORDS

VARIANTS = ("copy", "truncation", "excerpt", "addition", "shuffle", "substitution")
PUBLISHED = datetime(2014, 1, 6, 8, tzinfo=UTC)
"""When every original is published; ECB+ carries no dates, and only the order matters."""
_TERMINAL = tuple(".!?\"'”’)")
_WORD = re.compile(r"[A-Za-z]+")
_GENERIC = (
    "{outlet} has asked the authorities for further comment and will update this report as more details emerge.",
    "Readers with information about these events can contact the {outlet} newsroom by email or by phone.",
    "Elsewhere in the region, officials said on the same day that a long-planned road repair programme would "
    "finally begin next month, after years of delays and complaints from drivers.",
    "The news comes at a busy time for the city council, which is also weighing a proposal to extend library "
    "opening hours and to add more bus services on weekends.",
    "Local business owners told {outlet} that they were following the story closely and hoped for a quick return "
    "to normal.",
    "Our reporters will continue to follow this story. Sign-up details for text alerts are on our website.",
    "In other news, the annual harvest fair drew record crowds this weekend, with organisers reporting more than "
    "twice the usual number of visitors.",
    "Commuters were advised to allow extra time for their journeys this week because of unrelated maintenance "
    "work on the main rail line.",
)

Paragraphs = list[list[str]]


@dataclass(frozen=True, kw_only=True, slots=True)
class SetConfig:
    """How the test set is made; saved with the results."""

    seed: int = 2014
    share: float = 1.0
    min_sentences: int = 6
    variants: tuple[int, int] = (1, 3)
    truncation: tuple[float, float] = (0.4, 0.7)
    excerpt: tuple[float, float] = (0.3, 0.5)
    added: tuple[int, int] = (1, 3)
    substitution: tuple[float, float] = (0.2, 0.35)
    dropped: tuple[float, float] = (0.1, 0.2)


@dataclass(frozen=True, kw_only=True, slots=True)
class Page:
    id: str
    story: str
    group: str  # the original's id
    kind: str  # "original" or a variant type
    outlet: str
    published: str  # ISO date-time
    url: str
    html: str
    text: str  # the article's paragraphs, as the page shows them
    note: str  # what was done, for a reader of the results
    replaced: float | None = None  # share of content words replaced (substitution only)


@dataclass(frozen=True, kw_only=True, slots=True)
class _Made:
    paragraphs: Paragraphs
    note: str
    replaced: float | None = None


def build(originals: Sequence[tuple[str, Document]], config: SetConfig) -> list[Page]:
    """Each original's page followed by its variants' pages, in the order given."""
    texts = {doc.id: paragraphs(doc, random.Random(f"{config.seed}:{doc.id}:paragraphs")) for _, doc in originals}
    donors = [(label.split("-")[0], texts[doc.id]) for label, doc in originals]
    pages = []
    for label, doc in originals:
        rng = random.Random(f"{config.seed}:{doc.id}")
        paras = texts[doc.id]
        domain = f"source-{doc.id.replace('_', '-')}.example"
        home = Outlet(name=f"Source {doc.id}", domain=domain, layout=rng.choice(LAYOUTS))
        pages.append(_page(doc.id, label, "original", _Made(paragraphs=paras, note="the ECB+ article"), home, 0, rng))
        if sum(map(len, paras)) < config.min_sentences or rng.random() >= config.share:
            continue
        count = rng.randint(*config.variants)
        kinds, sites, days = rng.sample(VARIANTS, count), rng.sample(outlets(), count), rng.sample(range(1, 6), count)
        others = [d for topic, d in donors if topic != label.split("-")[0]]
        for kind, site, day in zip(kinds, sites, days, strict=True):
            made = _variant(kind, paras, rng, config, site, others)
            pages.append(_page(f"{doc.id}~{kind}", label, kind, made, site, day, rng))
    return pages


def paragraphs(doc: Document, rng: random.Random) -> Paragraphs:
    return _chunk([line for line in doc.text.split("\n") if line.strip()], rng)


def _chunk(sentences: Sequence[str], rng: random.Random) -> Paragraphs:
    """Groups of 2 to 4 sentences; a sentence without end punctuation stands alone."""
    out: Paragraphs = []
    size = 0
    for sentence in sentences:
        alone = not sentence.endswith(_TERMINAL)
        if alone or not out or len(out[-1]) >= size:
            out.append([sentence])
            size = 1 if alone else rng.randint(2, 4)
        else:
            out[-1].append(sentence)
    return out


def _page(page_id: str, story: str, kind: str, made: _Made, site: Outlet, day: int, rng: random.Random) -> Page:
    published = PUBLISHED + timedelta(days=day, hours=2 if day else 0)
    url = f"https://www.{site.domain}/{published:%Y/%m/%d}/{page_id.replace('_', '-').replace('~', '-')}"
    paras = made.paragraphs
    title = " ".join(paras[0][0].split()[:12]) if paras else page_id
    article = Article(
        title=title, paragraphs=tuple(" ".join(p) for p in paras), published=published.isoformat(), url=url
    )
    return Page(
        id=page_id,
        story=story,
        group=page_id.split("~")[0],
        kind=kind,
        outlet=site.name,
        published=article.published,
        url=url,
        html=page(article, site, rng),
        text="\n\n".join(article.paragraphs),
        note=made.note,
        replaced=made.replaced,
    )


def _variant(
    kind: str, paras: Paragraphs, rng: random.Random, config: SetConfig, site: Outlet, donors: Sequence[Paragraphs]
) -> _Made:
    flat = [(i, s) for i, p in enumerate(paras) for s in p]
    n = len(flat)
    if kind == "copy":
        return _Made(paragraphs=[list(p) for p in paras], note="the same paragraphs")
    if kind == "truncation":
        keep = ceil(rng.uniform(*config.truncation) * n)
        return _Made(paragraphs=_regroup(flat[:keep]), note=f"first {keep} of {n} sentences")
    if kind == "excerpt":
        size = max(2, round(rng.uniform(*config.excerpt) * n))
        start = rng.randint(1, max(1, n - size - 1))
        return _Made(
            paragraphs=_regroup(flat[start : start + size]), note=f"sentences {start + 1}-{start + size} of {n}"
        )
    if kind == "addition":
        return _with_additions(paras, rng, config, site, donors)
    if kind == "shuffle":
        sentences = [s for _, s in flat]
        rng.shuffle(sentences)
        return _Made(paragraphs=_chunk(sentences, rng), note=f"{n} sentences shuffled")
    return _substituted(flat, rng, config)


def _regroup(flat: Sequence[tuple[int, str]]) -> Paragraphs:
    out: Paragraphs = []
    last = None
    for index, sentence in flat:
        if index != last:
            out.append([])
            last = index
        out[-1].append(sentence)
    return out


def _with_additions(
    paras: Paragraphs, rng: random.Random, config: SetConfig, site: Outlet, donors: Sequence[Paragraphs]
) -> _Made:
    out = [list(p) for p in paras]
    borrowed = written = 0
    for _ in range(rng.randint(*config.added)):
        if rng.random() < 0.5 and donors:
            added = list(rng.choice(rng.choice(donors)))
            borrowed += 1
        else:
            added = [rng.choice(_GENERIC).format(outlet=site.name)]
            written += 1
        out.insert(rng.randint(0, len(out)), added)
    return _Made(paragraphs=out, note=f"{borrowed} paragraphs from other topics and {written} written lines added")


def _substituted(flat: list[tuple[int, str]], rng: random.Random, config: SetConfig) -> _Made:
    dropped = set(rng.sample(range(len(flat)), round(rng.uniform(*config.dropped) * len(flat))))
    kept = _regroup([item for i, item in enumerate(flat) if i not in dropped])
    for p in kept:
        rng.shuffle(p)
    spots = [(pi, si, m) for pi, p in enumerate(kept) for si, s in enumerate(p) for m in _WORD.finditer(s)]
    content = [spot for spot in spots if _is_content(spot[2].group())]
    known = [spot for spot in content if spot[2].group() in SUBSTITUTES]
    wanted = round(rng.uniform(*config.substitution) * len(content))
    chosen = sorted(rng.sample(known, min(wanted, len(known))), key=lambda spot: -spot[2].start())
    for pi, si, match in chosen:
        sentence = kept[pi][si]
        kept[pi][si] = sentence[: match.start()] + rng.choice(SUBSTITUTES[match.group()]) + sentence[match.end() :]
    share = len(chosen) / len(content) if content else 0.0
    note = f"{len(dropped)} of {len(flat)} sentences dropped, {len(chosen)} of {len(content)} content words replaced"
    return _Made(paragraphs=kept, note=note, replaced=round(share, 3))


def _is_content(word: str) -> bool:
    return word.islower() and len(word) >= 3 and word not in STOPWORDS
