"""A document's reading, done once: its sentences (kind, attribution, quantities) and their meaning vectors.

Reading is the costly, per-document part of analysing a story (the attribution tagger and the encoder run on
every sentence), and it does not change when the story grows.  The store keeps each document's reading
(``SQLiteStore.readings``), so a story's brief reads only the documents it has not read before.

A stored reading is JSON (the ``Sentence`` records) and the vectors as float16, compressed together.  Fresh
readings round their vectors to float16 too, so a brief is the same whether its readings were stored or not.
Each reading is filed under ``READER``: a digest of the code and the models that make it, so a reading made
by another version is read again, never reused.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from storyline.claims import split_sentences
from storyline.records import Attribution, Document, Quantity, Sentence, Span
from storyline.subjectivity import sentence_vectors

_READING_CODE = (
    "claims.py",
    "attribution.py",
    "span_tagger.py",
    "quantities.py",
    "subjectivity.py",
    "wordpiece.py",
    "text.py",
    "records.py",
)
_READING_MODELS = ("attribution-", "subjectivity")
"""The modules and the model files (by name prefix) whose output a reading is."""
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Reading:
    """A document's sentences and one unit-length meaning vector per sentence (row i is sentence i)."""

    sentences: tuple[Sentence, ...]
    vectors: np.ndarray


def read_document(doc: Document) -> Reading:
    """Read every sentence of ``doc`` (``claims.split_sentences``) and compute their vectors."""
    sentences = tuple(split_sentences(doc))
    vectors = sentence_vectors([s.text for s in sentences]).astype(np.float16)
    return Reading(sentences=sentences, vectors=vectors)


@cache
def reader() -> str:
    """The digest every stored reading is filed under (code, models and format of this version)."""
    digest = hashlib.sha256(str(_FORMAT).encode())
    package = resources.files("storyline")
    for name in _READING_CODE:
        digest.update(package.joinpath(name).read_bytes())
    models = package.joinpath("models")
    for entry in sorted(models.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(_READING_MODELS):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def encode(reading: Reading) -> bytes:
    """The reading as bytes: the length of its JSON, the JSON, then the float16 vectors."""
    text = json.dumps([asdict(s) for s in reading.sentences], ensure_ascii=False, separators=(",", ":")).encode()
    vectors = np.ascontiguousarray(reading.vectors, dtype="<f2")
    head = struct.pack("<III", len(text), *vectors.shape) if vectors.ndim == 2 else struct.pack("<III", len(text), 0, 0)
    return zlib.compress(head + text + vectors.tobytes(), 6)


def decode(blob: bytes) -> Reading:
    """A reading from ``encode``'s bytes."""
    data = zlib.decompress(blob)
    size, rows, columns = struct.unpack_from("<III", data)
    start = struct.calcsize("<III")
    sentences = tuple(_sentence(row) for row in json.loads(data[start : start + size]))
    vectors = np.frombuffer(data, dtype="<f2", offset=start + size, count=rows * columns).reshape(rows, columns)
    return Reading(sentences=sentences, vectors=vectors.astype(np.float16))


def _sentence(row: dict[str, Any]) -> Sentence:
    found = row["attribution"]
    attribution = None
    if found is not None:
        attribution = Attribution(
            source=_span(found["source"]),
            cue=_span(found["cue"]),
            content=_span(found["content"]),
            speaker=found["speaker"],
            speaker_type=found["speaker_type"],
            chain=tuple(found["chain"]),
        )
    return Sentence(
        document=row["document"],
        index=row["index"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        kind=row["kind"],
        speakers=tuple(row["speakers"]),
        attribution=attribution,
        quantities=tuple(Quantity(**q) for q in row["quantities"]),
    )


def _span(found: dict[str, Any] | None) -> Span | None:
    return None if found is None else Span(**found)
