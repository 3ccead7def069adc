"""BERT's uncased WordPiece tokenizer in pure Python (the vocabulary of all-MiniLM-L6-v2).

``basic_words`` cleans, lower-cases, strips accents and splits off punctuation; ``pieces`` cuts
each word into the longest vocabulary pieces from the left ("##" marks a continuation).  Together
they give the same pieces as the Hugging Face tokenizer of the model, so the ONNX export of the
model (``subjectivity.py``) runs without torch or the tokenizers package.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container

UNKNOWN = "[UNK]"
_MAX_WORD = 100


def tokenize(text: str, vocabulary: Container[str]) -> list[str]:
    """The WordPiece pieces of ``text`` (``[UNK]`` for a word the vocabulary cannot spell)."""
    return [piece for word in basic_words(text) for piece in pieces(word, vocabulary)]


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-free words with each punctuation character a word of its own."""
    words: list[str] = []
    for chunk in _cleaned(text).lower().split():
        current: list[str] = []
        for char in unicodedata.normalize("NFD", chunk):
            if unicodedata.category(char) == "Mn":
                continue
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


def pieces(word: str, vocabulary: Container[str]) -> list[str]:
    """Greedy longest-match-first pieces of one word, or ``[UNK]`` when some part has no piece."""
    if len(word) > _MAX_WORD:
        return [UNKNOWN]
    found: list[str] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocabulary:
                break
            end -= 1
        else:
            return [UNKNOWN]
        found.append(piece)
        start = end
    return found


def _cleaned(text: str) -> str:
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\x00\ufffd" or (category.startswith("C") and char not in "\t\n\r"):
            continue
        if char.isspace() or category == "Zs":
            out.append(" ")
        elif _is_cjk(ord(char)):
            out.append(f" {char} ")
        else:
            out.append(char)
    return "".join(out)


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


_CJK = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in _CJK)
