"""The arrays in which ``storyline.stream_cluster`` keeps what a story is besides its vector."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

FIRST_YEAR = 1950
"""The first year a story keeps; ``YearBits`` hold 128 from it."""
NO_DAY = np.iinfo(np.int32).max
"""A story's first day while none of its documents has a date (its last day is then -NO_DAY)."""
_LOG1P_DAYS = np.array([math.log1p(days) for days in range(4096)])
"""log(1 + days) as ``math.log1p`` gives it (numpy's own log1p can differ in the last bit)."""

YearBits = npt.NDArray[np.uint64]
"""A set of years 1950-2077 as two 64-bit words, bit ``year - 1950`` of their 128 set for each."""


def year_bits(years: Iterable[int]) -> YearBits:
    """``years`` (each in 1950-2077, as ``stream_cluster`` finds them) as ``YearBits``."""
    bits = 0
    for year in years:
        if not 0 <= year - FIRST_YEAR < 128:
            raise ValueError(f"year {year} is outside 1950-2077, the years a story keeps")
        bits |= 1 << (year - FIRST_YEAR)
    return np.array([bits & 0xFFFF_FFFF_FFFF_FFFF, bits >> 64], dtype=np.uint64)


class StoryFacts:
    """What a story is besides its vector, in arrays indexed by story id, so that one document is compared with
    all its candidate stories at once: how many documents it has, the first and last day of its dated ones
    (proleptic ordinals; ``NO_DAY`` and ``-NO_DAY`` while none is dated), the years they name, and for an id
    merged into another story, the story it goes by now (``root``)."""

    def __init__(self) -> None:
        self.size = np.zeros(0, dtype=np.int32)
        self.first = np.zeros(0, dtype=np.int64)
        self.last = np.zeros(0, dtype=np.int64)
        self.years = np.zeros((0, 2), dtype=np.uint64)
        self.root = np.zeros(0, dtype=np.intp)  # the story each id goes by now: itself, or the one it joined

    def add(self, story: int, when: int | None, years: YearBits) -> None:
        """One document more in ``story`` (a new story id starts with none)."""
        if story >= len(self.size):
            self._grow(story + 1)
        self.size[story] += 1
        if when is not None:
            self.first[story] = min(int(self.first[story]), when)
            self.last[story] = max(int(self.last[story]), when)
        self.years[story] |= years

    def merge(self, kept: int, gone: int) -> None:
        """``gone``'s documents, days and years into ``kept``."""
        self.size[kept] += self.size[gone]
        self.first[kept] = min(self.first[kept], self.first[gone])
        self.last[kept] = max(self.last[kept], self.last[gone])
        self.years[kept] |= self.years[gone]
        self.root[self.root == gone] = kept

    def describe(self, story: int) -> list[Any]:
        """[story, documents, first day, last day, years] as ``to_bytes`` writes them (a day None if undated)."""
        first, last = self.when(story), int(self.last[story])
        bits = int(self.years[story, 0]) | int(self.years[story, 1]) << 64
        years = [FIRST_YEAR + bit for bit in range(128) if bits >> bit & 1]
        return [story, int(self.size[story]), first, None if first is None else last, years]

    def restore(self, story: int, size: int, first: int | None, last: int | None, years: list[int]) -> None:
        """A story as ``describe`` gave it."""
        self.add(story, first, year_bits(years))
        self.add(story, last, year_bits(()))
        self.size[story] = size

    def redirect(self, gone: int, root: int) -> None:
        """``gone`` goes by ``root`` (a story ``restore`` gave)."""
        if gone >= len(self.root):
            self._grow(gone + 1)
        self.root[gone] = root

    def when(self, story: int) -> int | None:
        """The story's first day, None while it has none."""
        first = int(self.first[story])
        return None if first == NO_DAY else first

    def other_years(self, years: YearBits, stories: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
        """Per story: both it and ``years`` name years, and none in common."""
        if not years.any():
            return np.zeros(len(stories), dtype=bool)
        theirs = self.years[stories]
        low, high = theirs[:, 0], theirs[:, 1]
        found: npt.NDArray[np.bool_] = ((low | high) != 0) & (((low & years[0]) | (high & years[1])) == 0)
        return found

    def days_apart(self, when: int | None, stories: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
        """Per story: log(1 + days) from ``when`` to the nearest day of its first to last; 0 where either side
        has no date."""
        if when is None:
            return np.zeros(len(stories))
        first = self.first[stories]
        days = np.maximum(np.maximum(first - when, when - self.last[stories]), 0)
        logs = _LOG1P_DAYS[np.minimum(days, len(_LOG1P_DAYS) - 1)]
        for i in np.flatnonzero(days >= len(_LOG1P_DAYS)).tolist():  # far apart, or the story has no date
            logs[i] = 0.0 if first[i] == NO_DAY else math.log1p(int(days[i]))
        return logs

    def _grow(self, needed: int) -> None:
        more = max(needed, 2 * len(self.size), 1024) - len(self.size)
        self.size = np.concatenate([self.size, np.zeros(more, dtype=np.int32)])
        self.first = np.concatenate([self.first, np.full(more, NO_DAY, dtype=np.int64)])
        self.last = np.concatenate([self.last, np.full(more, -NO_DAY, dtype=np.int64)])
        self.years = np.concatenate([self.years, np.zeros((more, 2), dtype=np.uint64)])
        self.root = np.concatenate([self.root, np.arange(len(self.root), len(self.root) + more)])
