"""Sentences of a document, each with its kind and whom it is attributed to.

A rule-based sentence splitter that knows news abbreviations, cue-verb patterns for
speakers, a hedge lexicon, and a small learned model (``subjectivity.py``) for the writer's own view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from storyline.attribution import find_attributions, main_attribution
from storyline.quantities import find_quantities
from storyline.records import Attribution, ClaimKind, Document, Sentence, Span
from storyline.subjectivity import is_subjective
from storyline.text import word_count

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen
    rep rev st jr sr inc corp co ltd jan feb mar apr jun
    jul aug sep sept oct nov dec no vs etc al fig approx dept
    est del maj pvt supt insp det hon messrs mt ft
    """.split()
)
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ])")
_CUE = (
    r"said|says|say|told|stated|states|state|reported|reports|warned|warns|estimated|estimates|estimate|"
    r"believes?|believed|indicated?|indicates|acknowledged?|acknowledges|noted|notes|added|adds|claimed|claims|"
    r"announced|confirmed|confirms|expects?|expected|anticipates?|predicts?|predicted|mentioned|argued|"
    r"suggests?|suggested|revealed|reveals|assessed"
)
_QUOTED = re.compile(
    r"^[\"“‘']|[\"”’'],?\s+(?:he|she|they|[A-Z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30}){0,5})\s+(?:" + _CUE + r")\b"
)
_MAX_ANALYSED = 1000
"""Speaker and kind patterns look at the first characters of a sentence only (bounded time)."""
_HEDGE = re.compile(
    r"\b(?:could|(?-i:may)|might|perhaps|possibl[ey]|probabl[ey]|likely|unlikely|appears? to|seems? to|"
    r"some (?:believe|suggest|say|think|argue|fear)|(?:it is|it's|remains?) (?:unclear|uncertain|possible)|"
    r"speculat\w*|the theory|in theory|if launched|would)\b",
    re.IGNORECASE,
)
_SPECULATION = re.compile(
    r"\b(?:some (?:believe|suggest|say|think|argue|fear)|(?:it is|it's|remains?) (?:unclear|uncertain|possible)|"
    r"speculat\w*|the theory|in theory)\b",
    re.IGNORECASE,
)
"""Phrases that mark the writer's speculation whatever the model says ("Some believe ...")."""


def split_sentences(doc: Document) -> list[Sentence]:
    """Sentences of ``doc`` with offsets into its clean text, each read (see ``read_text``)."""
    return read_text(doc.text, document=doc.id)


def read_text(text: str, *, document: str = "") -> list[Sentence]:
    """Every sentence of ``text``: kind, speakers, attribution spans and quantities, offsets into ``text``."""
    out: list[Sentence] = []
    people: list[tuple[str, str]] = []  # (speaker, source as written) of the persons named so far
    for start, end in _spans(text):
        sentence = text[start:end]
        attributions = [_resolve(a, people) for a in find_attributions(sentence, offset=start)]
        kind, speakers = read_sentence(sentence, attributions)
        out.append(
            Sentence(
                document=document,
                index=len(out),
                start=start,
                end=end,
                text=sentence,
                kind=kind,
                speakers=speakers,
                attribution=main_attribution(attributions),
                quantities=tuple(find_quantities(sentence, offset=start)),
            )
        )
    return _carry_quotes(text, out)


_LONGEST_QUOTATION = 6
"""Sentences one quotation may run over; an unclosed quotation mark is not allowed to swallow the article."""


def _inside_quotes(text: str, inside: bool) -> bool:
    """Whether a quotation is open after ``text``, given whether one was open before it (“ opens, ” closes,
    a straight double quote toggles)."""
    for char in text:
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif char == '"':
            inside = not inside
    return inside


def _carry_quotes(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A quotation that runs over several sentences of one paragraph is said by the speaker named in any of
    them ("“We are ready. We have trained for months,” Petrov said."); a sentence that is all quotation right
    after a quoted speaker goes on in that speaker's voice.  Speakers are only carried forward."""
    out = list(sentences)
    group: list[int] = []
    inside = False
    for index, sentence in enumerate(out):
        if index and "\n" in text[out[index - 1].end : sentence.start]:  # quotations end with the paragraph
            group, inside = [], False
        was_inside = inside
        inside = _inside_quotes(sentence.text, inside)
        if was_inside or inside:
            group.append(index)
        if len(group) > _LONGEST_QUOTATION:  # an unclosed mark, not a quotation
            group, inside = [], False
        elif not inside and group:
            _give_speaker(out, group, group)
            group = []
        elif not inside and index and _all_quoted(sentence.text) and _quoted(out[index - 1]):
            _give_speaker(out, [index - 1], [index])
    return out


def _all_quoted(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in '“"' and stripped.rstrip(".")[-1:] in '”"'


def _quoted(sentence: Sentence) -> bool:
    """A sentence with a quotation and a named speaker."""
    said = sentence.attribution
    return bool(said and said.speaker and said.speaker_type != "unknown") and any(q in sentence.text for q in '“”"')


def _give_speaker(sentences: list[Sentence], givers: list[int], takers: list[int]) -> None:
    said = [sentences[i].attribution for i in givers]
    speaker = next((a for a in said if a is not None and a.speaker and a.speaker_type != "unknown"), None)
    if speaker is None:
        return
    for i in takers:
        sentence = sentences[i]
        if sentence.attribution is None or not sentence.attribution.speaker:
            content = Span(start=sentence.start, end=sentence.end, text=sentence.text)
            carried = Attribution(
                source=None, cue=None, content=content, speaker=speaker.speaker, speaker_type=speaker.speaker_type
            )
            sentences[i] = replace(sentence, attribution=carried, kind="reported")


_PRONOUN = frozenset("he she him her his".split())


def _resolve(attribution: Attribution, people: list[tuple[str, str]]) -> Attribution:
    """A pronoun ("he") or a role ("the Ukrainian president") as the source: the person the document named last
    (with that role).  A named person is remembered for the sentences after."""
    speaker = attribution.speaker
    if attribution.speaker_type != "person" or not speaker:
        return attribution
    last = speaker.split()[-1]
    if speaker.lower() in _PRONOUN:
        named = people[-1][0] if people else None
    elif last.islower():  # a role: "the mayor", "Ukrainian president"
        named = next((name for name, said in reversed(people) if last in said.lower()), None)
    else:
        people.append((speaker, attribution.source.text if attribution.source else speaker))
        return attribution
    if named is None:  # "He said ..." with nobody named before: somebody, but not a known person
        return attribution if last.islower() else replace(attribution, speaker_type="unknown")
    return replace(attribution, speaker=named, chain=(named, *attribution.chain[1:]) if attribution.chain else ())


def sentence_texts(text: str) -> list[str]:
    """The sentences of a clean text, as strings."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text."""
    return list(_spans(text))


def _spans(text: str) -> Iterator[tuple[int, int]]:
    offset = 0
    for paragraph in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if _is_abbreviation(paragraph, match.start()):
                continue
            yield from _trimmed(paragraph, offset, start, match.end())
            start = match.end()
        yield from _trimmed(paragraph, offset, start, len(paragraph))
        offset += len(paragraph) + 1


def _trimmed(paragraph: str, offset: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = paragraph[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield offset + start + lead, offset + start + lead + len(stripped)


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    if paragraph[dot] != ".":
        return False
    token = re.search(r"([\w.]+)$", paragraph[max(0, dot - 20) : dot])
    if not token:
        return False
    word = token.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 5)


def read_sentence(text: str, attributions: Sequence[Attribution] | None = None) -> tuple[ClaimKind, tuple[str, ...]]:
    """The kind of one sentence and whom it is attributed to: the speakers ``attributions`` name (found
    here when not given); quoted speech counts as attributed."""
    if attributions is None:
        attributions = find_attributions(text)
    speakers = tuple(dict.fromkeys(a.speaker for a in attributions if _names_somebody(a.speaker)))
    said = any(a.source and a.cue and _names_somebody(a.speaker) for a in attributions)
    attributed = said or bool(_QUOTED.search(text[:_MAX_ANALYSED]))
    return classify(text, attributed=attributed), speakers


def _names_somebody(speaker: str) -> bool:
    return bool(speaker) and speaker.lower() not in _VAGUE


def is_claim_like(sentence: Sentence) -> bool:
    """A full sentence: enough words and a sentence ending (headings and captions are not claims)."""
    return word_count(sentence.text) >= 6 and sentence.text.rstrip("\"”’') ").endswith((".", "!", "?", "…"))


def classify(text: str, *, attributed: bool) -> ClaimKind:
    """Reported fact, the writer's opinion, or the writer's speculation.

    A hedge inside an attributed statement ("officials estimate ... might") is
    the speaker's estimate, reported as such, not the writer's speculation.  Otherwise
    the writer's hedges ("could", "may", "it is unclear", "some believe") mark speculation,
    and the subjectivity model (``subjectivity.py``) decides whether the rest is the writer's
    opinion.  (The evaluative word list that used to mark opinion is gone: on CheckThat!
    train, cross-validated, it cost macro-F1; the model weighs the same words with everything else.)
    """
    text = text[:_MAX_ANALYSED]
    if attributed:
        return "reported"
    if _SPECULATION.search(text) or _HEDGE.search(text):
        return "speculation"
    if is_subjective(text):
        return "opinion"
    return "reported"


_NOBODY = frozenset("some many others few most people".split())
"""Subjects of "Some believe ...": an attribution that names nobody leaves the writer's speculation as it is."""
_VAGUE = _NOBODY | {"reports", "report", "who", "which", "that", "one", "several", "everyone", "nobody"}
"""Speakers that name nobody: "Some believe ..." is the writer's speculation, not an attribution."""
