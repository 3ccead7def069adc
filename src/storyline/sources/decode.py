"""Bytes to text, refusing binary and undecodable content with a reason."""

from __future__ import annotations

import codecs
import hashlib

from charset_normalizer import from_bytes

_WESTERN_PUNCTUATION = frozenset("‘’“”–—…•«»°£€¥§©®™·¡¿ ½¼¾×")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def content_key(data: bytes) -> str:
    """Content-hash id: the first 16 hex digits of SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or a high share of control characters (images, archives, PDFs)."""
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1), the most common legacy encoding of news text, when it reads as text.

    Statistical detection often mistakes short Western European text for Central European
    code pages ("año" read as "ańo"), so this reading is tried first and kept when the
    non-ASCII characters it gives are letters or common punctuation, and few.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 127]
    unusual = [ch for ch in high if not (ch.isalpha() or ch in _WESTERN_PUNCTUATION)]
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in high if ch.isalpha())
    # Western European text has few accented letters; Cyrillic or Greek bytes read this way are all accents
    return text if len(unusual) <= len(text) // 1000 and accented <= 0.15 * letters else None


def decode(data: bytes) -> tuple[str | None, str]:
    """Return ``(text, "")`` or ``(None, reason)``.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are taken as they are;
    anything else must be recognised confidently by charset detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ""
            except UnicodeDecodeError:
                return None, f"not valid {encoding} despite its byte-order mark"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western, ""
    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.2:
        return None, "cannot tell its text encoding; save it as UTF-8"
    return data.decode(best.encoding, errors="replace"), ""
