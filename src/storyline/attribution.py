"""Who said it: source, cue and content spans of attributed sentences, speakers and chains.

A learned span tagger (``span_tagger``: CRFs trained on PolNeAR) marks cues, sources and contents;
hand-written rules over one sentence feed it features and fill in what it leaves out:

- "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE" (also "citing", "as per");
- "SOURCE CUE (that) CONTENT" ("The Post reports that ...", "Officials said ...");
- "CONTENT, SOURCE CUE" and "CONTENT, CUE SOURCE" ("..., officials said." / "..." said Smith.).

Speakers are named one way (``canonical_speaker``), typed (``speaker_type``) and chained ("X, citing
Y, reported ...").  Offsets are character offsets into the text the sentence came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from storyline import span_tagger
from storyline.records import Attribution, Span
from storyline.text import NEWS_NAME

_CUE_VERB = (
    r"(?:has |have |had |also |previously |later |then )?"
    r"(?:said|says|say|told|tells|stated|states|reported|reports|report|warned|warns|estimated|estimates|estimate|"
    r"believes|believe|believed|added|adds|noted|notes|claimed|claims|announced|announces|confirmed|confirms|"
    r"argued|argues|wrote|writes|explained|explains|insisted|insists|acknowledged|acknowledges|suggested|suggests|"
    r"predicted|predicts|expects|expect|expected|revealed|reveals|indicated|indicates|learned|asserted|asserts|"
    r"contended|contends|maintained|maintains|alleged|alleges|admitted|admits|denied|denies|tweeted|declared|"
    r"testified|concluded|concludes|found|finds|showed|shows|thinks|think|thought|according to|"
    r"saying|arguing|claiming|adding|asking|noting|warning|insisting|calling for|called for|calls for|"
    r"called on|calls on|called|calls|cited|cites|citing|agreed|agrees|wants|want|wanted|plans|plan|planned|"
    r"recalled|recalls|claim|asked|asks|responded|responds|demanded|demands|vowed|vows|pledged|pledges|"
    r"criticized|criticizes|blasted|promised|promises|mentioned|mentions|questioned|urged|urges|"
    r"pointed out|pointed to|emphasized|stressed|described|describes|predicted|hopes|hoped|fears|feared)"
)
_NAME_WORD = r"(?:[A-Z][\w.'’&-]{0,30}|U\.S\.|of|the|and|for|de|van|von|al)"
_SOURCE = (
    r"(?:(?:[Tt]he|[Aa]n?|[Tt]wo|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther|[Ss]enior|[Tt]op|[Ff]ormer)\s+)?"
    r"(?:[\w.'’&-]{1,30}\s+){0,5}?"
    r"(?:[A-Z][\w.'’&-]{1,30}|officials?|sources?|analysts?|experts?|spokes(?:man|woman|person)|aides?|"
    r"lawmakers?|investigators?|police|authorities|intelligence|assessments?|estimates?|reports?|polls?|"
    r"surveys?|studies|study|data|statement|he|she|they|it|we|I|critics|observers|officers?|residents?|"
    r"leaders?|members?|executives?|advisers?|advisors?|diplomats?|researchers?|scientists?|economists?)"
)
_ACCORDING_FIRST = re.compile(
    r"^(?P<cue>(?:[Aa]ccording to|[Cc]iting|[Aa]s per))\s+(?P<source>[^,]{2,120}?),\s+(?P<content>.+?)[.!?\"”]*$"
)
_ACCORDING_LAST = re.compile(
    r"^(?P<content>.+?),?\s+(?P<cue>according to|citing|as per)\s+(?P<source>[^,]{2,120}?)[.!?\"”]*$"
)
_SOURCE_FIRST = re.compile(
    rf"^(?:[^,]{{0,60}},\s+)?(?P<source>{_SOURCE})\s+(?P<cue>{_CUE_VERB})(?:\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|morning|evening|night))?"
    rf"(?:,)?\s+(?P<content>(?:that\s+)?.{{8,}}?)[.!?]*$"
)
_SOURCE_LAST = re.compile(
    rf"^(?P<content>.{{8,}}?)[,—–]?[\"”’]?[,—–]?\s+(?P<source>{_SOURCE})\s+(?P<cue>{_CUE_VERB})"
    rf"(?:\s+(?:on|in|at|last|this|during|after)\s+[\w\s.'’-]{{0,40}})?[.!?]*$"
)
_CUE_LAST = re.compile(
    rf"^(?P<content>.{{8,}}?)[,—–]?[\"”’]?[,—–]?\s+(?P<cue>said|says|told|added|wrote|asked|explained|noted)"
    rf"\s+(?P<source>(?:{_NAME_WORD}\s?){{1,8}}?)(?:,[^.]*)?[.!?]*$"
)
_SPEAKER_LINE = re.compile(
    r"^(?!(?:BREAKING|UPDATE|UPDATED|WATCH|READ|LIVE|EXCLUSIVE|OPINION|ANALYSIS|EDITOR'S NOTE|NOTE|PHOTOS?|VIDEO)\b)"
    r"(?P<source>[A-Z][A-Z.'’ -]{1,40})(?P<cue>:)\s+(?P<content>.{2,})$"
)
"""Transcripts: "WALLACE: Mr. Trump, ..." """
_T = TypeVar("_T")
_PATTERNS = (_SPEAKER_LINE, _ACCORDING_FIRST, _ACCORDING_LAST, _CUE_LAST, _SOURCE_LAST, _SOURCE_FIRST)
_MAX = 600
"""Longer sentences are read no further than this many characters (bounded time)."""


def find_attribution(text: str, offset: int = 0) -> Attribution | None:
    """The attribution of one sentence, if it reports someone's words or findings."""
    clipped = text[:_MAX].rstrip()
    for pattern in _PATTERNS:
        match = pattern.match(clipped)
        if match and _plausible(match):
            source = _span(match, "source", offset)
            cue, content = _span(match, "cue", offset), _span(match, "content", offset)
            return _attribution(source, cue, content)
    return None


def _attribution(source: Span, cue: Span, content: Span) -> Attribution:
    return Attribution(
        source=source, cue=cue, content=content, speaker=source.text, speaker_type=speaker_type(source.text)
    )


_TYPES = (
    ("news organisation", NEWS_NAME),
    ("intelligence service", re.compile(r"\bintelligence\b", re.I)),
    ("anonymous officials", re.compile(r"\b(?:officials?|sources?|aides?|insiders?)\b", re.I)),
    ("analysts", re.compile(r"\b(?:analysts?|experts?|economists?|researchers?|observers|scientists?)\b", re.I)),
    (
        "organisation",
        re.compile(
            r"\b(?:company|firm|union|party|campaign|group|committee|association|bank|corporation|foundation|"
            r"institute|university|Inc|Ltd|Corp|LLC)\b",
            re.I,
        ),
    ),
    (
        "government body",
        re.compile(
            r"\b(?:ministry|government|department|agency|council|administration|police|military|army|"
            r"commission|office|parliament|congress|senate|court|kremlin|pentagon|white house)\b",
            re.I,
        ),
    ),
)


def speaker_type(source: str) -> str:
    """person, government body, intelligence service, news organisation, organisation, anonymous officials,
    analysts or unknown."""
    if source.lower() in _PRONOUNS - {"he", "she"} or source.lower() in _QUANTIFIERS | {"everyone", "nobody"}:
        return "unknown"
    for name, pattern in _TYPES:
        if pattern.search(source):
            return name
    words = source.split()
    if (1 <= len(words) <= 5 and all(w[:1].isupper() for w in words[-2:])) or source.lower() in ("he", "she"):
        return "person"
    if _ROLE_NOUN.search(source):
        return "person"
    return "unknown"


_ROLE_NOUN = re.compile(
    r"\b(?:president|minister|mayor|governor|senator|spokes(?:man|woman|person)|chancellor|secretary|judge|"
    r"chief|general|ambassador|director|commissioner|lawmaker|congressman|congresswoman)$",
    re.I,
)
_NOT_A_SOURCE = frozenset("in on at by for with from as after before during while when if there this that".split())


def _usable(source: str) -> bool:
    words = source.strip().lower().split()
    return bool(words) and words[0] not in _PREPOSITIONS and " ".join(words) not in _NOBODY


_PREPOSITIONS = frozenset("in on at by for with from as after before during while when if".split())
_NOBODY = frozenset("new there these those such".split())


def _plausible(match: re.Match[str]) -> bool:
    source = match.group("source").strip()
    first = source.split()[0].lower() if source else ""
    return (
        bool(source)
        and len(source.split()) <= 10
        and first not in _NOT_A_SOURCE
        and not source.lower().startswith("it is")
    )


def _span(match: re.Match[str], group: str, offset: int) -> Span:
    start = match.start(group)
    text = match.group(group)
    stripped = text.strip(" ,\"“”'’")
    if stripped.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", stripped):
        stripped = stripped[:-1].rstrip()
    lead = text.find(stripped) if stripped else 0
    return Span(start=offset + start + lead, end=offset + start + lead + len(stripped), text=stripped)


_CUE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE_VERB})(?![\w-])")
_STOP = (
    r"(?:that|whom|and|but|or|because|while|when|if|as|than|to|in|on|at|by|for|with|from|after|"
    r"before|since|about|is|are|was|were|be|been|has|have|had|not|also|it’s|it's|what|do|does|did|"
    r"first|least|repeatedly|[a-z]+ly|don’t|don't|didn’t|didn't|doesn’t|doesn't)"
)
_LEFT_SOURCE = re.compile(
    rf"(?<![\w'’-])(?P<source>(?:(?!{_STOP}\b)[\w.'’&-]{{1,30}}\s+){{0,4}}(?!{_STOP}\b)[\w.'’&-]{{1,30}})[\s,]*$"
)
_RIGHT_SOURCE = re.compile(
    r"\s*(?P<source>(?:(?:[Tt]he|[Aa]n?)\s+)?\w[\w.'’&-]{0,29}(?:\s+\w[\w.'’&-]{0,29}){0,5}?)\s*(?=[,;:!?]|\.?$)"
)


_PAIRED = re.compile(r"(?<![\w.'’-])[A-Z][\w.'’-]*(?:,\s+[A-Z][\w.'’-]*)*,?\s+and\s+$")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|these|those|this|that|its|his|her|their|our|your|my|such|new)\s+$", re.I
)


def rule_attributions(text: str, offset: int = 0) -> list[Attribution]:
    """The rules' attributions in one sentence: one per cue, its source next to it, its content the rest."""
    clipped = text[:_MAX].rstrip()
    whole = find_attribution(clipped, offset)
    found = [whole] if whole else []
    taken = {whole.cue.start for whole in found if whole.cue}
    for match in _CUE.finditer(clipped):
        cue_start, cue_end = match.span("cue")
        if offset + cue_start in taken or _DETERMINER_BEFORE.search(clipped, max(0, cue_start - 12), cue_start):
            continue  # "the claims", "a report", "its plans": a noun, not a cue
        attribution = _around_cue(clipped, cue_start, cue_end, offset)
        if attribution:
            found.append(attribution)
    return found


def _around_cue(text: str, start: int, end: int, offset: int) -> Attribution | None:
    """The cue's source on its left and its content on its right ("Officials said the bridge is safe").

    Sources after the cue ("..., said the mayor", "according to the ministry") are left to the
    whole-sentence patterns of ``find_attribution``: reading them here too measured worse on PolNeAR
    (source overlap F1 74.9 against 75.4 with the span tagger on top, each retrained)."""
    if text[start:end].lower().startswith("according"):
        return None
    cue = Span(start=offset + start, end=offset + end, text=text[start:end])
    left = _LEFT_SOURCE.search(text[:start])
    if not left or not left.group("source").strip():
        return None
    content = _trim(text, end, len(text), offset)
    if len(content.text) < 8:
        return None
    if not _usable(left.group("source")):  # "In a report ...": a cue and its content, no source
        return Attribution(source=None, cue=cue, content=content, speaker="", speaker_type="unknown")
    begin = left.start("source")
    paired = _PAIRED.search(text, 0, begin)  # "American and British analysts": one source of two
    return _attribution(_trim(text, paired.start() if paired else begin, left.end("source"), offset), cue, content)


def _trim(text: str, start: int, end: int, offset: int) -> Span:
    chunk = text[start:end]
    stripped = chunk.strip(" ,.;:\"“”'’—–")
    lead = chunk.find(stripped) if stripped else 0
    return Span(start=offset + start + lead, end=offset + start + lead + len(stripped), text=stripped)


_DETERMINERS = frozenset("a an the some several two three many other senior top former".split())
_TITLES = frozenset(
    "president prime minister mr mr. mrs mrs. ms ms. dr dr. gen gen. general sen sen. rep rep. gov gov. "
    "secretary spokesman spokeswoman spokesperson chancellor chief leader".split()
)
_COUNTRY = {
    "u.s.": "us",
    "u.s": "us",
    "u.k": "uk",
    "us": "us",
    "american": "us",
    "united states": "us",
    "u.k.": "uk",
    "british": "uk",
}


_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def speaker_key(name: str) -> str:
    """A key under which spellings of one speaker meet: "U.S. officials" = "a US official" = "American officials";
    "Volodymyr Zelensky" = "Zelenskyy" = "President Zelensky" (persons meet on their surname, a trailing "y" aside;
    ``pipeline.unify_speakers`` keeps different first names apart)."""
    words = [w.strip(",.'’\"").lower() for w in name.replace("United States", "US").split()]
    words = [_COUNTRY.get(w, w) for w in words if w and w not in _DETERMINERS]
    if words and words[-1] in ("official", "source", "analyst", "expert", "aide"):
        words[-1] += "s"
    if speaker_type(name) == "person" and words:
        surname = [w for w in words if w not in _TITLES and w not in _SUFFIXES] or words
        return "person:" + surname[-1].rstrip("y")
    return " ".join(words)


def tagger_input(
    text: str, cue_words: frozenset[str] | None = None, rules: Sequence[Attribution] | None = None
) -> tuple[list[span_tagger.Token], list[list[str]]]:
    """The words of one sentence and their features for the span tagger (rules' spans included).

    ``cue_words`` are the learned cue words (default: the shipped ones); ``rules`` the sentence's
    ``rule_attributions`` when the caller has them already."""
    words = span_tagger.tokens(text)
    roles = ["O"] * len(words)
    learned = span_tagger.cue_words() if cue_words is None else cue_words
    cues = [word.text.lower() in learned for word in words]
    for match in _CUE.finditer(text):
        _mark(words, cues, match.start(), match.end(), True)
    for found in rule_attributions(text) if rules is None else rules:
        for role, span in (("T", found.content), ("S", found.source), ("C", found.cue)):
            if span is not None:
                _mark(words, roles, span.start, span.end, role)
    return words, span_tagger.features(words, cues, roles)


def _mark(words: Sequence[span_tagger.Token], marks: list[_T], start: int, end: int, value: _T) -> None:
    for i, word in enumerate(words):
        if word.start < end and word.end > start:
            marks[i] = value


def main_attribution(attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution a sentence rests on: one with a source and a cue first, then the widest content."""
    if not attributions:
        return None
    return max(
        attributions,
        key=lambda a: (a.source is not None and a.cue is not None, a.content.end - a.content.start if a.content else 0),
    )


def find_attributions(text: str, offset: int = 0) -> list[Attribution]:
    """Every attribution in one sentence, from the span tagger: each cue with its nearest source and content."""
    clipped = text[:_MAX].rstrip()
    rules = rule_attributions(clipped)
    words, rows = tagger_input(clipped, rules=rules)
    labels = span_tagger.tag(words, rows)
    found = {role: span_tagger.spans_of(labels[role], words) for role in span_tagger.ROLES}
    if not found["cue"]:  # the rules' surest cues where the tagger found none ("As per X, ...", "X estimate that")
        found["cue"] = [(r.cue.start, r.cue.end) for r in rules if r.cue and _sure(r)]
    return _chains(clipped, _assemble(clipped, found, rules, offset), offset)


_CITING = frozenset(("citing", "quoting"))


def _chains(text: str, attributions: list[Attribution], offset: int) -> list[Attribution]:
    """Who passed the content on: "The Times, citing intelligence, reported ..." is the Times' report of what
    intelligence said; "Officials said US officials believe ..." is the officials' account of a belief."""
    for citing in [a for a in attributions if a.cue is not None and a.cue.text.lower() in _CITING]:
        if citing in attributions:  # not merged into an earlier one
            attributions = _cited(text, attributions, citing, offset)
    for index, outer in enumerate(attributions):
        inner = _inner(text, outer, attributions, offset)
        if outer.speaker and inner and not outer.chain:
            attributions[index] = replace(outer, chain=(outer.speaker, *(inner.chain or (inner.speaker,))))
    return attributions


def _cited(text: str, attributions: list[Attribution], citing: Attribution, offset: int) -> list[Attribution]:
    """ "X, citing Y, reported Z" (or "According to X, citing Y, Z") becomes one attribution: X as the source,
    the reporting cue, Z as the content, chain (X, Y).  Attributions of the same sentence that are not part of
    the citation ("..., while Smith said ...") stay as they are."""
    assert citing.cue is not None
    cue = (citing.cue.start - offset, citing.cue.end - offset)
    cited = _RIGHT_SOURCE.match(text, cue[1])
    if cited is None:
        return attributions
    origin = (cited.start("source"), cited.end("source"))
    local = {id(a): _bounds(a.source) for a in attributions}
    local = {key: (b[0] - offset, b[1] - offset) if b else None for key, b in local.items()}
    cues = [(a.cue.start - offset, a.cue.end - offset) for a in attributions if a.cue]
    before = [b for a in attributions if (b := local[id(a)]) and b[1] <= cue[0] and not _touches(b, cues)]
    reporter = max(before, key=lambda b: b[1], default=None) or _clause_before(text, cue[0])
    after = [a for a in attributions if a.cue and a.cue.start - offset >= origin[1] and local[id(a)]]
    if reporter is None and after:  # "Citing officials, the ministry said ..."
        reporter = local[id(after[0])]
    if reporter is None:
        return attributions
    bound = [
        a
        for a in attributions
        if a is citing or ((b := local[id(a)]) and (b == reporter or (b[0] < origin[1] and b[1] > cue[0])))
    ]
    main = next((a for a in bound if a.cue and a.cue.text.lower() not in _CITING), citing)
    assert main.cue is not None
    said = (main.cue.start - offset, main.cue.end - offset)
    contents = [
        _outside(text, (a.content.start - offset, a.content.end - offset), (cue[0], origin[1]), said, reporter)
        for a in bound
        if a.content is not None
    ]
    content = max((c for c in contents if c and c[1] - c[0] > 8), key=lambda b: b[1] - b[0], default=None)
    merged = _record(text, reporter, said, content, offset)
    merged = replace(merged, chain=(merged.speaker, canonical_speaker(cited.group("source"))))
    position = attributions.index(bound[0])
    kept = [a for a in attributions if all(a is not b for b in bound)]
    return [*kept[:position], merged, *kept[position:]]


def _touches(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(other[0] < span[1] and other[1] > span[0] for other in others)


_CLAUSE_BEFORE = re.compile(r"(?:^|[,;:]\s*)(?P<name>[A-Z][^,;:]{1,80}?)\s*,?\s*$")


def _clause_before(text: str, end: int) -> tuple[int, int] | None:
    """The name just before "citing" when the tagger left it unmarked ("Reuters, citing officials, ...")."""
    found = _CLAUSE_BEFORE.search(text, 0, end)
    if found is None or len(found.group("name").split()) > 8 or not _usable(found.group("name")):
        return None
    return found.start("name"), found.end("name")


def _inner(text: str, outer: Attribution, attributions: list[Attribution], offset: int) -> Attribution | None:
    """The attribution nested in ``outer``'s content: a source that starts inside that content (or right after
    its cue) and speaks itself ("Officials said US officials believe ...")."""
    if outer.content is None:
        return None
    begin = min(outer.content.start, outer.cue.end if outer.cue else outer.content.start)
    for other in attributions:
        source = other.source
        if other is outer or source is None or not begin <= source.start < outer.content.end:
            continue
        if not other.speaker or other.speaker == outer.speaker or other.speaker_type == "unknown":
            continue
        if other.cue is not None or _CUE.match(text, source.end - offset + 1):
            return other
    return None


def _sure(rule: Attribution) -> bool:
    if rule.cue is None or rule.source is None or rule.content is None:
        return False
    return rule.cue.text.lower() in ("according to", "as per") or (
        rule.source.end <= rule.cue.start and rule.content.text.startswith("that ")
    )


def _assemble(
    text: str, found: dict[str, list[tuple[int, int]]], rules: list[Attribution], offset: int
) -> list[Attribution]:
    """Each cue with its nearest source and content; where the tagger left a cue without one, the rules'
    span for the same cue fills in."""
    sources, contents = list(found["source"]), list(found["content"])
    attributions = []
    for cue in found["cue"]:
        source = _nearest(sources, cue)
        content = _nearest(contents, cue)
        if content is None:  # filled in: kept clear of the source and cue
            rule = next((r for r in rules if r.cue and r.cue.start < cue[1] and r.cue.end > cue[0]), None)
            source = source or _bounds(rule.source if rule else None)
            content = _outside(
                text, _bounds(rule.content if rule else None) or _other_side(text, cue, source), source, cue
            )
        elif source is None:
            rule = next((r for r in rules if r.cue and r.cue.start < cue[1] and r.cue.end > cue[0]), None)
            source = _bounds(rule.source if rule else None)
        attributions.append(_record(text, source, cue, content, offset))
    for source in sources:  # a source the tagger saw without a cue of its own
        attributions.append(_record(text, source, None, _nearest(contents, source), offset))
    attributions += [_record(text, None, None, content, offset) for content in contents]
    return attributions


def _outside(text: str, content: tuple[int, int] | None, *others: tuple[int, int] | None) -> tuple[int, int] | None:
    """``content`` without the source and cue it may run into ("The bridge will reopen, officials said")."""
    for other in others:
        if content is None or other is None or other[1] <= content[0] or other[0] >= content[1]:
            continue
        before, after = (content[0], other[0]), (other[1], content[1])
        content = max(before, after, key=lambda span: span[1] - span[0])
        span = _trim(text, *content, 0)
        content = (span.start, span.end) if len(span.text) >= 2 else None
    return content


def _other_side(text: str, cue: tuple[int, int], source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The content of a cue that the tagger and the rules left without one: the words after the cue, or, when
    those are too few ("..., the company said."), the words before the source and cue."""
    before = min(cue[0], source[0]) if source else cue[0]
    after = max(cue[1], source[1]) if source else cue[1]
    for start, end in ((after, len(text)), (0, before)):
        span = _trim(text, start, end, 0)
        if len(span.text) >= 8:
            return span.start, span.end
    return None


def _bounds(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _nearest(spans: list[tuple[int, int]], anchor: tuple[int, int]) -> tuple[int, int] | None:
    """Take from ``spans`` the one closest to ``anchor`` (by the characters between them)."""
    if not spans:
        return None
    best = min(spans, key=lambda span: max(anchor[0] - span[1], span[0] - anchor[1], 0))
    spans.remove(best)
    return best


def _record(
    text: str,
    source: tuple[int, int] | None,
    cue: tuple[int, int] | None,
    content: tuple[int, int] | None,
    offset: int,
) -> Attribution:
    def span(bounds: tuple[int, int] | None) -> Span | None:
        if bounds is None:
            return None
        return Span(start=offset + bounds[0], end=offset + bounds[1], text=text[bounds[0] : bounds[1]])

    if (
        content is not None
        and text[content[1] - 1 : content[1]] == "."
        and content[1] - content[0] > 1
        and not re.search(r"\b[A-Z]\.[A-Z]\.$", text[content[0] : content[1]])
    ):
        content = (content[0], content[1] - 1)  # the sentence's full stop is not part of what was said
    said_by = canonical_speaker(text[source[0] : source[1]]) if source else ""
    return Attribution(
        source=span(source),
        cue=span(cue),
        content=span(content),
        speaker=said_by,
        speaker_type=speaker_type(said_by) if said_by else "unknown",
    )


_LEADING = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?|[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree|[Mm]any|[Oo]ther|[Rr]ecent|new|latest|senior|top|"
    r"former|unnamed|anonymous)\s+)+"
)
_FINDINGS = re.compile(
    r"^(?:(?:assessments?|estimates?|reports?|analys[ie]s|data|figures|statements?|studies|study|surveys?|polls?)"
    r"\s+(?:by|from|of)\s+)",
    re.IGNORECASE,
)
_FINDINGS_AFTER = re.compile(
    r"\s+(?:estimates?|assessments?|reports?|analys[ie]s|data|figures|statements?|sources)$", re.IGNORECASE
)
_PLACE = {"u.s.": "US", "u.s": "US", "american": "US", "united states": "US", "u.k.": "UK", "british": "UK"}
_PLACE_RE = re.compile(r"\b(?:U\.S\.?(?!\w)|American|United States|U\.K\.(?!\w)|British)", re.IGNORECASE)
_PERSON_TITLE = re.compile(
    r"^(?:(?:[A-Z][a-z]+\s+)?(?i:President|Prime Minister|Minister|Foreign Minister|Defen[cs]e "
    r"Minister|Secretary|Chancellor|Gov\.|Governor|Sen\.|Senator|Rep\.|Gen\.|General|Mr\.|Mrs\.|Ms\.|Dr\.|Mayor|"
    r"Chief|Judge|Justice|Council(?:member|woman|man|lor)|Alderman|Spokes(?:man|woman|person)|Commissioner|Director|Ambassador|King|Queen|Pope|Lt\.)\s+)+"
    r"(?=[A-Z])"
)
_BODY_WORDS = frozenset(
    "Staff Assembly Council Command Office Court Committee Secretariat Prosecutor Department Ministry County "
    "Motors Electric Dynamics Mills Executive Officer Officers Service Services Agency Board Bureau Corps".split()
)
"""Words after a title word that make a body or a post, not a person: "the General Staff", "Justice Department",
"General Motors", "King County", "Chief Executive"."""


def _looks_like_a_person(name: str) -> bool:
    """What a title leaves: a name of one to four capitalised words, none of them a body word."""
    words = name.split()
    names = [w for w in words if w not in ("of", "de", "van", "von", "al", "bin")]
    return 1 <= len(words) <= 6 and all(w[:1].isupper() for w in names) and not any(w in _BODY_WORDS for w in words)


_SINGULAR_GROUP = re.compile(r"\b(official|source|analyst|expert|aide|diplomat)$", re.IGNORECASE)


def canonical_speaker(source: str) -> str:
    """The speaker a source span names, in one spelling: "a U.S. official" and "American officials" are
    "US officials", "Ukrainian President Volodymyr Zelenskyy" is "Volodymyr Zelenskyy", "Recent assessments by
    American and British military analysts" are "US and UK military analysts", "Ukrainian intelligence
    estimates" are "Ukrainian intelligence"."""
    name = re.sub(r"\s+", " ", source).strip(" ,.;:\"“”'’—–-")
    name = re.sub(r"['’]s$", "", name)
    first = name.split()[0].lower() if name else ""
    if first in _RELATIVE or name.lower() in _QUANTIFIERS:
        return first  # "who lives nearby", "Several": the span names nobody by itself
    head = name.split(", ")[0]
    if head != name and all(w[:1].isupper() for w in head.split()):
        name = head  # "Martin Oduya, a spokesman for Brightwater Polymers"
    for _ in range(2):
        name = _FINDINGS.sub("", _LEADING.sub("", name))
    if len(name.split()) > 1:
        name = _FINDINGS_AFTER.sub("", name)
    titled = _PERSON_TITLE.sub("", name)
    if titled != name and _looks_like_a_person(titled):  # "Rep. Elijah Cummings of Maryland": no title, no home
        name = re.sub(r"\s+of\s+[A-Z][\w\s.]*$", "", titled)
    name = _PLACE_RE.sub(lambda m: _PLACE[m.group().lower()], name)
    name = _SINGULAR_GROUP.sub(lambda m: m.group(1) + "s", name)
    if name and name.lower() not in _PRONOUNS and not any(c.isupper() for c in name) and first == "the":
        return "the " + name  # "the mayor", "the company": a role, kept with its article
    return name


_RELATIVE = frozenset("who whom which that whose".split())
_QUANTIFIERS = frozenset("several some many others most few both all".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them one".split())
