"""Line-level boilerplate removal by general rules.

The rules look at what a line *is* (a promotion, a sign-in prompt, a hashtag
line, a pointer to the original article, a share/related block, a caption, a
bullet that repeats the article, page chrome around the headline or after the
last paragraph), never at particular strings of particular sites.  Every
dropped line keeps its reason so a user can see why.

``clean_lines`` works on one document; ``drop_repeated_lines`` works on many
documents of one outlet and removes lines that most of them share (footers,
standing disclaimers).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.text import content_words, word_count

_TERMINAL = tuple(".!?\"”’'…)")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+")
_HASHTAG = re.compile(r"(?<!\w)#\w+")
_PHOTO_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?|image|picture|credit|illustration|file photo)\s*(?:by|:|/)|"
    r"\b(?:getty images|shutterstock|ap photo|afp|reuters)\s*(?:/|$)",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\b(?:subscri(?:be|ption|bers?)|sign(?:ing)? ?(?:up|in)|log ?in|register (?:now|free)|"
    r"already (?:a )?(?:member|subscriber)|create (?:an|a free) account|free trial|"
    r"(?:\d+|one|two|three|seven|ten|fourteen|thirty) days? (?:free|trial)|try (?:it )?(?:free|for free)|"
    r"download (?:the|our) app|get the app|(?:our|the) newsletter|start reading|continue reading|"
    r"keep reading|unlock (?:this|full)|premium (?:titles|content|access)|membership|"
    r"advertisement|sponsored content|cookies?|accept all|privacy policy|terms of (?:use|service)|"
    r"all rights reserved|copyright|curated (?:specifically )?for you|paywall|free for \d+ days|"
    r"reached your (?:limit|maximum)|free (?:stories|articles) (?:left|remaining|this)|"
    r"available (?:for|on) (?:iphone|android|ios|the app store|google play)|alerts? on your phone|"
    r"\d+\s*min(?:ute)?s?\s+read|(?:turn on|enable) notifications|ad-free|stay tuned|"
    r"like this (?:story|article|post)|share (?:it|this) with)\b|©",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled|contributed) by\b|"
    r"\bthe views (?:here|expressed)(?: here| in this \w+)? are (?:his|her|their|my|the author's) own\b|"
    r"\bis a (?:regular |frequent )?contributor to\b",
    re.IGNORECASE,
)
_STAMP = re.compile(r"^(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|[A-Z]{2,}(?: [A-Z]{2,}){0,2})$", re.IGNORECASE)
_APP = re.compile(r"\bapps?\b", re.IGNORECASE)
_POINTER = re.compile(
    r"^(?:\W*)(?:read|see|view|find|watch)\b.{0,30}\b(?:original|full|complete|whole|rest of)\b.{0,30}"
    r"\b(?:article|story|report|piece|version)\b|"
    r"\b(?:originally (?:appeared|published|ran)|first (?:appeared|published))\b|"
    r"^(?:source|via|read more|more at|click here)\b",
    re.IGNORECASE,
)
_BLOCK_HEADING = re.compile(
    r"^(?:related(?: stories| articles| coverage| content| reading| news)?|recommended(?: for you| stories)?|"
    r"more (?:stories|from [\w .']+|on this(?: story| topic)?|news)|you (?:may|might) also (?:like|enjoy)|"
    r"(?:our|editor'?s?|editors'?) picks?|top stories(?: .*)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
    r"share(?: this(?: article| story| page)?| on \w+)?|follow us(?: on \w+)?|also read|don't miss|"
    r"latest (?:news|stories))\W*$",
    re.IGNORECASE,
)


def size(line: str) -> int:
    """Length in words, counting every 7 characters as one at least (scripts written without spaces)."""
    return max(word_count(line), len(line) // 7)


@dataclass(frozen=True, kw_only=True, slots=True)
class Cleaned:
    lines: tuple[str, ...]
    removed: tuple[tuple[str, str], ...]
    title_index: int | None


def clean_lines(lines: Sequence[str]) -> Cleaned:
    """Drop boilerplate lines; ``lines`` are paragraphs, blank strings separate blocks."""
    reasons: dict[int, str] = {}
    for i, line in enumerate(lines):
        why = line_reason(line)
        if why:
            reasons[i] = why
    _mark_blocks(lines, reasons)
    title = _find_title(lines, reasons)
    _mark_masthead(lines, reasons, title)
    _mark_under_headline(lines, reasons, title)
    _mark_captions(lines, reasons, title)
    _mark_repeating_bullets(lines, reasons, title)
    _mark_footer(lines, reasons)
    kept = tuple(line for i, line in enumerate(lines) if i not in reasons)
    removed = tuple((reasons[i], lines[i]) for i in sorted(reasons) if lines[i].strip())
    return Cleaned(lines=kept, removed=removed, title_index=_reindex(title, reasons))


def line_reason(line: str) -> str | None:
    """Why one line, on its own, is boilerplate (or ``None``)."""
    text = line.strip()
    if not text:
        return None
    tags = _HASHTAG.findall(text)
    if len(tags) >= 2 and word_count(text) - len(tags) <= 3:
        return "hashtag line"
    words = size(text)
    if len(text) > 300:
        return None
    if _CREDIT.search(text):
        return "credit or author note"
    if _STAMP.match(text) and (text.isupper() or any(c.isdigit() for c in text)):
        return "label or timestamp"
    if words <= 25 and _POINTER.search(text):
        return "pointer to another article"
    if words <= 30 and _PROMO.search(text):
        return "promotion or sign-in prompt"
    if words <= 6 and _APP.search(text):
        return "promotion or sign-in prompt"
    if words <= 8 and _BLOCK_HEADING.match(_BULLET.sub("", text)):
        return "share/related block"
    if _is_menu(text):
        return "navigation or buttons"
    return None


def _is_menu(text: str) -> bool:
    """Three or more short items between separators, or a row of bracketed buttons."""
    buttons = re.findall(r"\[[^\]]{1,40}\]", text)
    if buttons and len("".join(buttons)) >= 0.7 * len(text.replace(" ", "")):
        return True
    items = [p for p in re.split(r"\s*[|·•]\s*", text) if p.strip()]
    return len(items) >= 3 and all(word_count(p) <= 4 for p in items) and not text.endswith(".")


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence."""
    text = line.strip()
    words = size(text)
    return 3 <= words <= 25 and not text.endswith((".", ";", ",")) and not _BULLET.match(text)


def is_long(line: str) -> bool:
    return size(line) >= 25


def _mark_blocks(lines: Sequence[str], reasons: dict[int, str]) -> None:
    """A share/related heading takes the short lines under it, up to the next paragraph."""
    for i in [i for i, why in reasons.items() if why == "share/related block"]:
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                continue
            if is_long(lines[j]) or (lines[j].rstrip().endswith((".", "!", "?")) and size(lines[j]) > 15):
                break
            reasons.setdefault(j, "share/related block")


def _find_title(lines: Sequence[str], reasons: dict[int, str]) -> int | None:
    """The headline: a headline-like line soon followed by the body's first long paragraph."""
    seen = 0
    for i, line in enumerate(lines):
        if i in reasons or not line.strip():
            continue
        seen += 1
        if seen > 15 or is_long(line):
            return None
        if is_headline(line) and (
            _body_follows(lines, reasons, i) or (seen == 1 and _sentence_follows(lines, reasons, i))
        ):
            return i
    return None


def _body_follows(lines: Sequence[str], reasons: dict[int, str], at: int) -> bool:
    following = [j for j in range(at + 1, len(lines)) if lines[j].strip() and j not in reasons][:4]
    return any(is_long(lines[j]) for j in following)


def _sentence_follows(lines: Sequence[str], reasons: dict[int, str], at: int) -> bool:
    """The next kept line ends like a sentence (so ``at`` stands above text, not in a list of headings)."""
    following = next((lines[j] for j in range(at + 1, len(lines)) if lines[j].strip() and j not in reasons), "")
    return following.rstrip().endswith((".", "!", "?", '"', "”")) and size(following) >= 8


def _mark_masthead(lines: Sequence[str], reasons: dict[int, str], title: int | None) -> None:
    """Short lines above the headline are navigation, sections and promotions."""
    if title is None or not any(i < title for i in reasons):
        return
    for i in range(title):
        if lines[i].strip() and size(lines[i]) < 15:
            reasons.setdefault(i, "page chrome above the headline")


def _mark_under_headline(lines: Sequence[str], reasons: dict[int, str], title: int | None) -> None:
    """Between the headline and the first paragraph: short unpunctuated lines are chrome, if any line there is."""
    if title is None:
        return
    zone = []
    for i in range(title + 1, len(lines)):
        if is_long(lines[i]):
            break
        zone.append(i)
    if not any(i in reasons for i in zone):
        return
    for i in zone:
        text = lines[i].strip()
        if text and size(text) < 12 and not text.endswith(_TERMINAL):
            reasons.setdefault(i, "page chrome below the headline")


def _mark_captions(lines: Sequence[str], reasons: dict[int, str], title: int | None) -> None:
    """Stand-alone, sentence-case lines with no full stop (or with a photo credit) are captions."""
    for i, line in enumerate(lines):
        if i in reasons or i == title or not line.strip():
            continue
        text = line.strip()
        if (size(text) <= 40 and _PHOTO_CREDIT.search(text)) or (_caption_shaped(text) and _stands_alone(lines, i)):
            reasons[i] = "image caption"


def _caption_shaped(text: str) -> bool:
    if text.endswith(_TERMINAL) or text.endswith(":") or not 4 <= size(text) <= 30:
        return False
    if _BULLET.match(text):
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if not long_words:
        return False
    lower = sum(1 for w in long_words if w[0].islower())
    return lower >= 2 or lower / len(long_words) >= 0.5


def _stands_alone(lines: Sequence[str], i: int) -> bool:
    """Blank lines on both sides, inside the text (not at its start or end)."""
    if i == 0 or i + 1 >= len(lines):
        return False
    return not lines[i - 1].strip() and not lines[i + 1].strip()


def _mark_repeating_bullets(lines: Sequence[str], reasons: dict[int, str], title: int | None) -> None:
    """Bullets, and runs of short lines, whose words the rest of the article already says."""
    blocks = "" in lines
    candidates = {i for i in range(len(lines)) if i not in reasons and i != title and _listy(lines, i, blocks)}
    if not candidates:
        return
    rest = Counter(
        w for j, line in enumerate(lines) if j not in reasons and j not in candidates for w in content_words(line)
    )
    for i in sorted(candidates):
        words = set(content_words(lines[i]))
        if words and sum(1 for w in words if w in rest) / len(words) >= 0.7:
            reasons[i] = "bullet repeating the article"


def _listy(lines: Sequence[str], i: int, blocks: bool) -> bool:
    """A bullet, or one of a run of short lines in a text whose paragraphs are blank-line separated (``blocks``)."""
    text = lines[i].strip()
    if not 8 <= size(text) <= 30:
        return False  # shorter items (ingredients, specs) are lists in their own right
    if _BULLET.match(text):
        return True
    if not blocks:
        return False
    neighbours = [lines[j].strip() for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(n and size(n) < 25 for n in neighbours) and size(text) < 25


def _mark_footer(lines: Sequence[str], reasons: dict[int, str]) -> None:
    """Short lines after the last real paragraph are page chrome when any of them is boilerplate."""
    zone: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        if is_long(lines[i]) or (i not in reasons and size(lines[i]) >= 12):
            break
        zone.append(i)
    flagged = [i for i in zone if i in reasons]
    if (len(flagged) >= 2 or (flagged and len(flagged) * 2 >= len(zone))) and len(zone) > len(flagged):
        for i in zone:
            if i > min(flagged):
                reasons.setdefault(i, "page chrome below the article")


def _reindex(title: int | None, reasons: dict[int, str]) -> int | None:
    if title is None:
        return None
    return title - sum(1 for i in reasons if i < title)


def drop_repeated_lines(texts: Sequence[str], *, min_documents: int = 3, min_share: float = 0.5) -> list[Cleaned]:
    """Remove lines that recur across many documents of one outlet (standing footers, disclaimers)."""
    counts: Counter[str] = Counter()
    split = [text.split("\n") for text in texts]
    for lines in split:
        counts.update({_key(line) for line in lines if line.strip() and size(line) <= 40})
    needed = max(min_documents, int(len(texts) * min_share + 0.999))
    common = {key for key, n in counts.items() if n >= needed}
    results = []
    for lines in split:
        removed = tuple(("repeated across this outlet's documents", ln) for ln in lines if _key(ln) in common)
        kept = tuple(ln for ln in lines if _key(ln) not in common)
        results.append(Cleaned(lines=kept, removed=removed, title_index=None))
    return results


def _key(line: str) -> str:
    return " ".join(line.lower().split())


_AGGREGATOR = re.compile(
    r"\b(?:(?:all )?(?:your|the) news in one place|(?:hundreds|thousands|\d+[’']?s|\d+\+?) of (?:premium |trusted )?"
    r"(?:titles|sites|sources|publishers|newspapers|magazines|publications)|\d+\+? (?:trusted )?(?:global )?sources|"
    r"curated (?:for you|specifically)|read (?:the )?(?:full|whole|complete|rest of the) (?:story|article) (?:at|on)|"
    r"continue reading (?:at|on)|top stories on \w+)\b",
    re.IGNORECASE,
)


def is_aggregator_page(removed: Sequence[tuple[str, str]]) -> bool:
    """Whether the lines removed from a page are an aggregator's own: promotion of the aggregator ("Get all your
    news in one place", "100+ trusted sources") or a teaser's pointer ("Read the full story at X")."""
    return any(_AGGREGATOR.search(line) for _, line in removed)
