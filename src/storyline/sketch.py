"""Near-duplicate sketches of documents and a streaming index of them.

A document's sketch is the set of its word-5-gram hashes that fall in a fixed 1-in-``SAMPLE`` slice of hash
space (Broder's "mod-m" sample).  Because the same shingle is always kept or always dropped, the shared part
of two sketches estimates both resemblance (Jaccard) and containment in either direction, which MinHash's
fixed-size signature does not: a truncation, an excerpt or a copy with paragraphs added is found as readily
as a full copy.

Hashing is vectorised over a batch of texts with numpy: the UTF-8 bytes of the lower-cased texts, each word
read eight bytes at a time (unaligned loads, masked to the word) and mixed with its length, then a hash per
five consecutive words; the sample is taken on those, and the kept ones are mixed once more.  Hashes are the
same in every process and on every machine (no ``hash()``); none is 0.

``CopyIndex`` answers "which earlier documents share enough of this one?" while documents stream in: an
in-memory dictionary for the newest documents, flushed into a bucketed numpy hash table that grows a slice
at a time (so a query costs one row per hash however large the index is).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SHINGLE = 5
SAMPLE = 8
"""One shingle hash in SAMPLE is kept: about 75 of a 600-word article."""

Hashes = npt.NDArray[np.uint64]

_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)
_STEP = np.uint64(0x9E3779B97F4A7C15)
_SEPARATOR = b"\x00"

_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*b"abcdefghijklmnopqrstuvwxyz0123456789"]] = True
_WORD_BYTE[0x80:] = True  # the bytes of non-ASCII letters (non-ASCII punctuation is unmarked in ``sketches``)


def _mix(values: Hashes) -> Hashes:
    """A 64-bit finaliser (murmur3's): every input bit moves every output bit, so low bits can be sampled."""
    values = values ^ (values >> _SHIFT)
    values = values * _MIX1
    values = values ^ (values >> _SHIFT)
    values = values * _MIX2
    return values ^ (values >> _SHIFT)


_WINDOWS = 3
"""A word is hashed from its first 8 * _WINDOWS bytes and its length."""


def _word_hashes(padded: npt.NDArray[np.uint8], starts: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]) -> Hashes:
    """One 64-bit hash per word: its bytes read eight at a time (unaligned little-endian loads from a strided
    view), the bytes past its end masked off, mixed with its length."""
    loads = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded.data, strides=(1,))  # 8 bytes from i
    with np.errstate(over="ignore"):
        value = _mix(lengths.astype(np.uint64) * _STEP ^ (loads[starts] & _BYTE_MASKS[np.minimum(lengths, 8)]))
        longer = np.flatnonzero(lengths > 8)
        for window in range(1, _WINDOWS):  # the few longer words, eight more bytes at a time
            if not len(longer):
                break
            left = np.minimum(lengths[longer] - 8 * window, 8)
            value[longer] = _mix(value[longer] ^ (loads[starts[longer] + 8 * window] & _BYTE_MASKS[left]))
            longer = longer[lengths[longer] > 8 * (window + 1)]
    return value


_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
"""_BYTE_MASKS[n] keeps the first n bytes of a little-endian load."""


def word_spans(data: npt.NDArray[np.uint8], *, ascii: bool) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Where the words of lower-cased UTF-8 bytes start and end; ``data`` must begin and end with a non-word byte."""
    is_word = _WORD_BYTE[data]
    if not ascii:
        # punctuation outside ASCII is not part of a word: U+2000-U+203F (dashes, curly quotes, thin spaces,
        # bullets) are E2 80 xx in UTF-8, and U+0080-U+00BF (no-break space, guillemets) are C2 xx
        general = np.flatnonzero((data[:-2] == 0xE2) & (data[1:-1] == 0x80))
        latin = np.flatnonzero(data[:-1] == 0xC2)
        for shift in range(3):
            is_word[np.minimum(general + shift, len(data) - 1)] = False
        is_word[latin] = False
        is_word[latin + 1] = False
    bounds = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    return bounds[0::2], bounds[1::2]


def word_hashes(padded: npt.NDArray[np.uint8], starts: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]) -> Hashes:
    """One stable 64-bit hash per word of ``padded`` (bytes with 8 * 3 zero bytes after the last word)."""
    return _word_hashes(padded, starts, lengths)


def sketches(texts: Sequence[str], *, sample: int = SAMPLE) -> list[Hashes]:
    """The sketch of each text: its word-5-gram hashes in the 1-in-``sample`` slice (a power of two; 1 keeps
    them all), sorted and unique (uint64)."""
    if sample < 1 or sample & (sample - 1):
        raise ValueError(f"sample must be a power of two, got {sample}")
    if not texts:
        return []
    joined = _SEPARATOR.join(
        (t.lower() if "\x00" not in t else t.lower().replace("\x00", " ")).encode("utf-8", "replace") for t in texts
    )
    padded = np.frombuffer(_SEPARATOR + joined + bytes(8 * _WINDOWS), dtype=np.uint8)
    data = padded[: len(joined) + 2]  # a separator before the first text and after the last
    starts, ends = word_spans(data, ascii=joined.isascii())
    words = _word_hashes(padded, starts, ends - starts)
    with np.errstate(over="ignore"):
        grams = words[: len(words) - SHINGLE + 1].copy() if len(words) >= SHINGLE else words[:0].copy()
        for k in range(1, SHINGLE):
            grams = grams * _STEP + words[k : len(words) - SHINGLE + 1 + k]
    # a shingle belongs to a text when its five words do; keep the sampled ones, sort and dedupe per text
    separators = np.flatnonzero(data == 0)[1:]  # after the leading one: each ends a text
    text_of_word = np.searchsorted(separators, starts)
    whole = text_of_word[: len(grams)] == text_of_word[SHINGLE - 1 :]
    # the sample: the top bits of the combined word hashes (uniform, as the newest word's hash is), then mixed
    in_sample = grams >> np.uint64(64 - sample.bit_length() + 1) == 0 if sample > 1 else np.ones(len(grams), dtype=bool)
    keep = np.flatnonzero(whole & in_sample)
    values, owners = _nonzero(_mix(grams[keep])), text_of_word[keep]
    order = np.lexsort((values, owners))
    values, owners = values[order], owners[order]
    fresh = np.ones(len(values), dtype=bool)
    fresh[1:] = (values[1:] != values[:-1]) | (owners[1:] != owners[:-1])
    values, owners = values[fresh], owners[fresh]
    bounds = np.searchsorted(owners, np.arange(len(texts) + 1)).tolist()
    out = [values[lo:hi] for lo, hi in itertools.pairwise(bounds)]
    counts = np.bincount(text_of_word, minlength=len(texts))
    for index in np.flatnonzero((counts > 0) & (counts < SHINGLE)).tolist():  # shorter than one shingle
        mine = words[text_of_word == index].tolist()
        combined = 0
        for word in mine:  # in order: "dog bites man" is not "man bites dog"
            combined = (combined * int(_STEP) + word) % 2**64
        out[index] = _nonzero(_mix(np.array([combined], dtype=np.uint64)))
    return out


def _nonzero(values: Hashes) -> Hashes:
    """0 marks an empty slot in the index: a hash that comes out 0 is taken as 1."""
    values[values == 0] = 1
    return values


def sketch(text: str) -> Hashes:
    """The sketch of one text (see ``sketches``; batches are faster)."""
    return sketches([text])[0]


@dataclass(frozen=True, slots=True)
class Match:
    """An earlier document that shares part of the query's sketch.

    ``contained`` is the share of the query's sketch found in ``document``, ``contains`` the share of
    ``document``'s sketch found in the query, ``jaccard`` the resemblance of the two."""

    document: int
    shared: int
    contained: float
    contains: float
    jaccard: float


class CopyIndex:
    """Sketches of the documents seen so far; ``query`` finds the earlier ones that share enough of a new one.

    Documents are numbered 0, 1, 2, ... in the order they are added.  Hashes shared by more than
    ``common`` documents (boilerplate that survived cleaning, stock phrases) are not followed, so a query
    costs the same however many documents came before."""

    def __init__(self, *, buffer: int = 2048, common: int = 512) -> None:
        self._buffer_size = buffer
        self._common = common
        self._recent: dict[int, int] = {}  # hash -> the newest document with it, for the unflushed documents
        self._repeated: dict[int, list[int]] = {}  # hash -> every unflushed document with it, when more than one
        self._pending: list[Hashes] = []  # the unflushed documents' sketches, in order
        self._table = _Table()
        self._sizes = np.zeros(1024, dtype=np.int32)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, hashes: Hashes) -> int:
        """Index a document's sketch; returns its number."""
        hashes = _sorted_unique(hashes)
        number = self._count
        if number == len(self._sizes):
            self._sizes = np.concatenate((self._sizes, np.zeros_like(self._sizes)))
        self._sizes[number] = len(hashes)
        self._count += 1
        values = hashes.tolist()
        for value in self._recent.keys() & values:
            self._repeated.setdefault(value, [self._recent[value]]).append(number)
        self._recent.update(dict.fromkeys(values, number))
        self._pending.append(hashes)
        if len(self._pending) >= self._buffer_size:
            self._flush()
        return number

    def query(self, hashes: Hashes, *, min_shared: int = 2, min_share: float = 0.5) -> list[Match]:
        """Earlier documents sharing at least ``min_shared`` sampled shingles and at least ``min_share`` of
        either sketch (so excerpts and expanded copies are found as well as copies), best first."""
        if len(hashes) == 0:
            return []
        hashes = _sorted_unique(hashes)
        which, found = self._table.lookup(hashes)
        which, found = _with_listed(self._recent.keys() & hashes.tolist(), self._holders, hashes, which, found)
        if not len(found):
            return []
        common = np.bincount(which, minlength=len(hashes)) > self._common
        if common.any():
            found = found[~common[which]]
        documents, shared = np.unique(found, return_counts=True)
        enough = shared >= min_shared
        documents, shared = documents[enough], shared[enough]
        if not len(documents):
            return []
        sizes = self._sizes[documents].astype(np.float64)
        contained = shared / len(hashes)
        contains = shared / np.maximum(sizes, 1)
        jaccard = shared / (len(hashes) + sizes - shared)
        keep = np.flatnonzero(np.maximum(contained, contains) >= min_share)
        keep = keep[np.argsort(-jaccard[keep], kind="stable")]
        rows = zip(
            documents[keep].tolist(),
            shared[keep].tolist(),
            contained[keep].tolist(),
            contains[keep].tolist(),
            jaccard[keep].tolist(),
            strict=True,
        )
        return [Match(d, s, round(a, 4), round(b, 4), round(j, 4)) for d, s, a, b, j in rows]

    def _holders(self, value: int) -> list[int]:
        return self._repeated.get(value) or [self._recent[value]]

    def _flush(self) -> None:
        """The newest documents' hashes move into the table."""
        if not self._pending:
            return
        keys = np.concatenate(self._pending)
        documents = np.repeat(
            np.arange(self._count - len(self._pending), self._count, dtype=np.int32),
            [len(hashes) for hashes in self._pending],
        )
        self._table.insert(keys, documents)
        self._recent, self._repeated, self._pending = {}, {}, []

    def memory_bytes(self) -> int:
        """Bytes held by the table and the sizes (the dictionary of the newest documents is not counted)."""
        return self._table.memory_bytes() + self._sizes.nbytes


def _sorted_unique(hashes: Hashes) -> Hashes:
    """A sketch as the index needs it (``sketches`` already gives it so: the check is one pass)."""
    if len(hashes) > 1 and not bool(np.all(hashes[1:] > hashes[:-1])):
        return np.unique(hashes)
    return hashes


def _with_listed(
    hits: set[int],
    holders: Callable[[int], list[int]],
    hashes: Hashes,
    which: npt.NDArray[np.intp],
    found: npt.NDArray[np.int32],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
    """``which`` and ``found`` with the documents a dictionary lists for the ``hits`` among ``hashes`` (sorted)."""
    if not hits:
        return which, found
    listed = [(v, d) for v in hits for d in holders(v)]
    positions = np.searchsorted(hashes, np.array([v for v, _ in listed], dtype=np.uint64))
    documents = np.array([d for _, d in listed], dtype=np.int32)
    return np.concatenate((which, positions)), np.concatenate((found, documents))


class _Table:
    """A hash table of (hash, document) pairs in numpy arrays: each bucket is one row of ``WIDTH`` slots (one
    cache line of hashes), picked by the hash's top bits; a pair whose bucket is full goes to a small
    dictionary.  Kept at most half full.  Growth is spread over inserts: the next table's memory is
    touched a slice at a time once this one is 40 % full, and when it takes over, the old rows move into
    it a slice at a time while lookups read both."""

    WIDTH = 8

    def __init__(self, bits: int = 10) -> None:
        self.bits = bits
        self.keys, self.documents, self.fill = self._rows(bits)
        self.overflow: dict[int, list[int]] = {}
        self.size = 0
        self._old: tuple[int, Hashes, npt.NDArray[np.int32], npt.NDArray[np.int8]] | None = None
        self._moved = 0  # rows of the old table moved so far
        self._next: tuple[Hashes, npt.NDArray[np.int32], npt.NDArray[np.int8]] | None = None
        self._touched = 0  # rows of the next table whose memory has been written once

    def _rows(self, bits: int) -> tuple[Hashes, npt.NDArray[np.int32], npt.NDArray[np.int8]]:
        rows = 1 << bits
        return (
            np.zeros((rows, self.WIDTH), dtype=np.uint64),
            np.zeros((rows, self.WIDTH), dtype=np.int32),
            np.zeros(rows, dtype=np.int8),
        )

    def insert(self, keys: Hashes, documents: npt.NDArray[np.int32]) -> None:
        if self._old is not None:
            self._move(max(len(self._old[3]) // 16, 1))  # an old table is gone after sixteen inserts
        if self._next is None and 5 * (self.size + len(keys)) > 2 * self.keys.size:
            self._next, self._touched = self._rows(self.bits + 1), 0
        if self._next is not None:
            self._touch(max(len(self._next[2]) // 8, 1))
        while 2 * (self.size + len(keys)) > self.keys.size:
            self._move(len(self._old[3]) if self._old is not None else 0)
            self._touch(len(self._next[2]) if self._next is not None else 0)
            self._old = (self.bits, self.keys, self.documents, self.fill)
            self._moved = 0
            self.bits += 1
            self.keys, self.documents, self.fill = self._next if self._next is not None else self._rows(self.bits)
            self._next = None
        self._place(keys, documents)
        self.size += len(keys)

    def _touch(self, count: int) -> None:
        """Write the next ``count`` rows of the next table once, so the system maps its memory now, not all at
        once when the table takes over."""
        if self._next is None:
            return
        lo, hi = self._touched, min(self._touched + count, len(self._next[2]))
        self._next[0][lo:hi] = 0
        self._next[1][lo:hi] = 0
        self._touched = hi

    def _move(self, count: int) -> None:
        """Move the next ``count`` rows of the old table into the new one."""
        if self._old is None:
            return
        _, keys, documents, fill = self._old
        lo, hi = self._moved, min(self._moved + count, len(fill))
        used = np.arange(self.WIDTH) < fill[lo:hi, None]
        self._place(keys[lo:hi][used], documents[lo:hi][used])
        keys[lo:hi] = 0  # moved: lookups no longer find them there (no hash is 0 but by a 2**-64 chance)
        fill[lo:hi] = 0
        self._moved = hi
        if hi == len(fill):
            self._old = None

    def _place(self, keys: Hashes, documents: npt.NDArray[np.int32]) -> None:
        order = np.argsort(keys)  # by key is by bucket (the top bits)
        keys, documents = keys[order], documents[order]
        bucket = (keys >> np.uint64(64 - self.bits)).astype(np.intp)
        first = np.searchsorted(bucket, bucket)
        rank = np.arange(len(bucket)) - first + self.fill[bucket]
        fits = rank < self.WIDTH
        slot = bucket[fits] * self.WIDTH + rank[fits]
        self.keys.reshape(-1)[slot] = keys[fits]
        self.documents.reshape(-1)[slot] = documents[fits]
        rows, counts = np.unique(bucket, return_counts=True)
        self.fill[rows] = np.minimum(self.fill[rows] + counts, self.WIDTH)
        for key, number in zip(keys[~fits].tolist(), documents[~fits].tolist(), strict=True):
            self.overflow.setdefault(key, []).append(number)

    def lookup(self, hashes: Hashes) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
        """(position in ``hashes``, document) of every document holding one of ``hashes``."""
        which, found = self._lookup(self.bits, self.keys, self.documents, hashes)
        if self._old is not None:
            old_which, old_found = self._lookup(self._old[0], self._old[1], self._old[2], hashes)
            which, found = np.concatenate((which, old_which)), np.concatenate((found, old_found))
        if not self.overflow:
            return which, found
        return _with_listed(self.overflow.keys() & hashes.tolist(), self.overflow.__getitem__, hashes, which, found)

    def _lookup(
        self,
        bits: int,
        keys: Hashes,
        documents: npt.NDArray[np.int32],
        hashes: Hashes,
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
        bucket = (hashes >> np.uint64(64 - bits)).astype(np.intp)
        same = keys[bucket] == hashes[:, None]  # empty slots hold 0
        which, column = np.nonzero(same)
        found: npt.NDArray[np.int32] = documents.reshape(-1)[bucket[which] * self.WIDTH + column]
        return which, found

    def memory_bytes(self) -> int:
        parts: list[np.ndarray] = [self.keys, self.documents, self.fill]
        parts += [self._old[1], self._old[2], self._old[3]] if self._old is not None else []
        parts += list(self._next) if self._next is not None else []
        return sum(a.nbytes for a in parts) + 100 * sum(len(v) for v in self.overflow.values())
