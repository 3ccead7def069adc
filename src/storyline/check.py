"""The brief checker: every brief sentence against the documents it cites, before the brief is shown.

A cited document supports a sentence drawn from the sources when one of its sentences (or its title)

* says every number of it (numerals and number words),
* names every name of it (capitalised words; "Zelensky" and "Zelenskyy" are one name),
* has the same polarity (no "not" or "denied" on one side only),
* puts it in the same mouth: if the brief sentence says who said it, that sentence's speaker is the same
  person or body, or is named in it,
* and has at least half of its content words.

The sentence as a whole must then be grounded: every content word, number and name of it is found in the
sentences that support it.  A citation that does not hold is dropped (the sentence is repaired); a sentence
left with none, or not grounded, fails.  A sentence Storyline wrote itself (a disagreement's explanation) is
checked on what it takes from the sources: its quotations must stand in a cited document and its numbers and
names be said there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from storyline.attribution import find_attributions, main_attribution, speaker_key
from storyline.claims import sentence_spans
from storyline.figures import disagreement_text
from storyline.records import BriefSentence, CitationCheck, Document, Figure, Sentence, Span
from storyline.text import NUMBER_WORDS, STOPWORDS, content_words, figures, polarity
from storyline.text import words as all_words

_NAME = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][\w’'-]*")
_QUOTE = re.compile(r"“([^”]+)”")
_BRACKETED = re.compile(r"” \(([^)]+)\)")
_MIN_SHARE = 0.5
_STEM = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class Reading:
    """What a sentence commits to: its numbers, names, content words (stemmed), polarity and speaker."""

    numbers: frozenset[str]
    counts: tuple[tuple[str, int], ...] = ()
    """How often each number is said ("six or seven" is not "six or six")."""
    names: frozenset[str]
    words: frozenset[str]
    sign: int
    speaker: str
    plain: frozenset[str] = frozenset()
    """Every word, lower-cased, a plural "s" dropped: for speakers, which stems would confuse."""


def read(text: str, speaker: str | None = None) -> Reading:
    """The commitments of ``text``; ``speaker`` when the caller knows who says it, else read from the text."""
    if speaker is None:
        found = main_attribution(find_attributions(text))
        speaker = found.speaker if found and found.cue else ""
    return Reading(
        numbers=frozenset(figures(text)),
        counts=tuple(sorted(Counter(_number_tokens(text)).items())),
        names=names(text),
        words=frozenset(w[:_STEM] for w in content_words(text) if not w[0].isdigit()),
        sign=polarity(text),
        speaker=speaker_key(speaker) if speaker else "",
        plain=frozenset(w.removesuffix("s") for w in all_words(text)),
    )


@lru_cache(maxsize=4096)
def names(text: str) -> frozenset[str]:
    """Keys of the capitalised words of ``text`` that are not common words at the start of a sentence."""
    out = set()
    for found in _NAME.finditer(text):
        word = found.group().replace(".", "").removesuffix("’s").removesuffix("'s")
        if word.lower() in STOPWORDS or not word:
            continue
        if _starts_sentence(text, found.start()) and word.lower() in _COMMON_OPENERS:
            continue
        out.add(word.lower()[:_STEM])
    return frozenset(out)


_COMMON_OPENERS = frozenset(
    "however meanwhile currently recent recently amid although despite while after before during as per following "
    "earlier later today yesterday tomorrow last next some many most several both experts analysts officials "
    "reports according".split()
)


def _number_tokens(text: str) -> list[str]:
    found = [n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    return found + [w for w in (w.lower() for w in re.findall(r"[A-Za-z]+", text)) if w in NUMBER_WORDS]


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:\n"


def check(
    sentence: BriefSentence,
    documents: Mapping[str, Document],
    sentences: Mapping[str, Sequence[Sentence]],
    figures: Mapping[str, Figure] | None = None,
) -> BriefSentence:
    """``sentence`` with its citations checked: those that do not hold dropped, ``checked`` and the reason set.

    ``sentences`` holds each document's read sentences (``claims.split_sentences``), so the checker sees the
    speakers the claims stage resolved; a document not in it is read here.  A sentence Storyline wrote must say
    exactly what its figure (in ``figures``) says, and quote what its documents say."""
    # who the sentence itself says speaks (its claim may merge several); a written sentence is checked on quotations
    wanted = read(sentence.text, "" if sentence.generated else None)
    checks = []
    for doc_id in dict.fromkeys(sentence.citations):
        doc = documents.get(doc_id)
        if doc is None:
            checks.append(CitationCheck(document=doc_id, supported=False, missing=("the document",)))
            continue
        candidates = _candidates(doc, sentences.get(doc_id))
        if sentence.generated:
            checks.append(_check_generated(sentence.text, doc, candidates))
        else:
            checks.append(_check_drawn(wanted, doc, candidates))
    kept = tuple(c.document for c in checks if c.supported)
    problem = ""
    if not kept:
        problem = "no cited document supports it"
    elif sentence.generated and (figures is None or sentence.figure not in figures):
        problem = "written, and no figure to check it against"
    elif sentence.generated and sentence.text != disagreement_text(figures[sentence.figure]):  # type: ignore[index]
        problem = "does not say what its figure says"
    elif sentence.generated:
        held = [c for c in checks if c.supported]
        unquoted = [q for q in _QUOTE.findall(sentence.text) if all(q in c.missing for c in held)]
        unquoted += _unsaid_speakers(sentence.text, [documents[c.document] for c in held], sentences)
        if unquoted:
            problem = f"quotes no cited document holds: {'; '.join(unquoted)}"
    else:
        evidence = [c.evidence.text for c in checks if c.supported and c.evidence]
        ungrounded = _ungrounded(wanted, evidence)
        if ungrounded:
            problem = f"not said by the documents that support the rest: {', '.join(ungrounded)}"
    dropped = [c.document for c in checks if not c.supported]
    if problem:
        reason = problem
    elif dropped:
        reason = f"supported by {len(kept)} of {len(checks)} citations; dropped {', '.join(d[:12] for d in dropped)}"
    else:
        reason = "supported by every citation"
    return replace(sentence, citations=kept, checked=not problem, check_reason=reason, checks=tuple(checks))


def _candidates(doc: Document, read_sentences: Sequence[Sentence] | None) -> list[tuple[Span, str]]:
    """(span, speaker) of each sentence of the document, its title first (start -1)."""
    out: list[tuple[Span, str]] = []
    if doc.title:
        out.append((Span(start=-1, end=-1, text=doc.title), ""))
    if read_sentences is None:
        out += [(Span(start=s, end=e, text=doc.text[s:e]), "") for s, e in _spans(doc.text)]
    else:
        for s in read_sentences:
            speaker = s.attribution.speaker if s.attribution and s.attribution.cue else ""
            out.append((Span(start=s.start, end=s.end, text=s.text), speaker))
    return out


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(text))


def _check_drawn(wanted: Reading, doc: Document, candidates: list[tuple[Span, str]]) -> CitationCheck:
    best: tuple[int, float, Span | None, tuple[str, ...]] = (99, -1.0, None, ("its words",))
    for span, speaker in candidates:
        theirs = _reading(span.text, speaker)
        share = len(wanted.words & theirs.words) / max(1, len(wanted.words))
        missing = _missing(wanted, theirs, share)
        rank = (len(missing), -share)
        if rank < (best[0], -best[1]):
            best = (len(missing), share, span, missing)
        if not missing:
            break
    return CitationCheck(document=doc.id, supported=not best[3], missing=best[3], evidence=best[2])


@lru_cache(maxsize=4096)
def _reading(text: str, speaker: str) -> Reading:
    return read(text, speaker)


def _missing(wanted: Reading, theirs: Reading, share: float) -> tuple[str, ...]:
    missing = [*sorted(wanted.numbers - theirs.numbers)]
    theirs_counts = dict(theirs.counts)
    missing += [f"{n} ({k} times)" for n, k in wanted.counts if n in theirs.numbers and theirs_counts.get(n, 0) < k]
    speaker_names = names(theirs.speaker.removeprefix("person:").title()) if theirs.speaker else frozenset()
    missing += sorted(wanted.names - theirs.names - speaker_names)
    if wanted.sign != theirs.sign:
        missing.append("negation")
    if wanted.speaker and not _same_speaker(wanted.speaker, theirs):
        missing.append("speaker")
    if share < _MIN_SHARE:
        missing.append("most of its words")
    return tuple(missing)


def _same_speaker(speaker: str, theirs: Reading) -> bool:
    """The brief's speaker is the evidence's speaker, or its words are in the evidence."""
    if theirs.speaker and (theirs.speaker == speaker or speaker in theirs.speaker or theirs.speaker in speaker):
        return True
    plain = speaker.removeprefix("person:")
    words = {w.removesuffix("s") for w in all_words(plain) if w not in STOPWORDS}
    return bool(words) and words <= theirs.plain


def _ungrounded(wanted: Reading, evidence: Sequence[str]) -> list[str]:
    """Content words, numbers and names of the sentence that no supporting sentence has."""
    seen = [read(text, "") for text in evidence]
    words = set().union(*(r.words for r in seen)) if seen else set()
    found_names = set().union(*(r.names for r in seen)) if seen else set()
    numbers = set().union(*(r.numbers for r in seen)) if seen else set()
    return sorted((wanted.words - words) | (wanted.names - found_names - words) | (wanted.numbers - numbers))


def _check_generated(text: str, doc: Document, candidates: list[tuple[Span, str]]) -> CitationCheck:
    """A sentence Storyline wrote: the document supports it when it holds one of its quotations verbatim; what
    it lacks is listed (quotations other documents give are expected to be missing here)."""
    body = _squash(f"{doc.title or ''}\n{doc.text}")
    quotes = _QUOTE.findall(text)
    found = [q for q in quotes if _squash(q) in body]
    evidence = next((span for span, _ in candidates if any(q in _squash(span.text) for q in found)), None)
    missing = tuple(q for q in quotes if q not in found)
    return CitationCheck(document=doc.id, supported=bool(found), missing=missing, evidence=evidence)


def _unsaid_speakers(text: str, cited: Sequence[Document], sentences: Mapping[str, Sequence[Sentence]]) -> list[str]:
    """Speakers (in brackets) of a written sentence that none of ``cited`` names, nor attributes something to under
    another spelling ("American and British analysts" for "US and UK analysts")."""
    said = set().union(*(names(f"{d.title or ''}\n{d.text}") for d in cited)) if cited else set()
    speakers = {speaker_key(s.attribution.speaker) for d in cited for s in sentences.get(d.id, ()) if s.attribution}
    return [
        speaker
        for speaker in _BRACKETED.findall(text)
        if not names(speaker) <= said and speaker_key(speaker) not in speakers
    ]


def _squash(text: str) -> str:
    return " ".join(text.split())
