"""Frozen, typed records that cross module boundaries.

Data flows one way: ``RawItem`` (what a source read) -> ``Document`` (clean text
and metadata) -> ``Story`` (documents that belong together) -> ``Sentence`` /
``Claim`` / ``Figure`` -> ``BriefSentence``.  A ``Rejection`` records an input
that was refused, with the stage that refused it and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputFormat = Literal["text", "markdown", "html"]
Role = Literal["original", "copy", "rewrite", "aggregator", "commentary", "independent"]
Relation = Literal["copy", "rewrite", "excerpt"]
ClaimKind = Literal["reported", "opinion", "speculation"]
ClaimStatus = Literal["corroborated", "single-source", "disputed"]
DiscrepancyType = Literal["none", "scope", "time", "qualifier", "rounding", "conflict"]


@dataclass(frozen=True, kw_only=True, slots=True)
class RawItem:
    """One article as a source read it, before extraction.

    ``key`` identifies the item's content independently of where it was read
    from, so the same article read twice yields the same document id.
    """

    source: str
    key: str
    format: InputFormat
    body: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Rejection:
    """An input that was refused: stored, counted and shown, never raised."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Extraction:
    """Clean text and metadata recovered from one ``RawItem``."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None
    boilerplate_removed: int
    removed: tuple[tuple[str, str], ...] = ()  # (reason, line) for each line dropped


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    """A stored article: content-hash id, clean text and what we know of its origin."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    text: str
    text_hash: str
    boilerplate_removed: int
    ingested_at: str
    aggregator: bool = False
    """The page showed an aggregator's own lines ("Get all your news in one place", "Read the full story at X")."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Derivation:
    """``document`` is the earlier text this one was derived from."""

    document: str
    relation: Relation
    score: float
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Provenance:
    """What the dedupe stage decided about one document within its story."""

    role: Role
    derived_from: tuple[Derivation, ...] = ()
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Sentence:
    """One sentence of a document; offsets index the document's clean text."""

    document: str
    index: int
    start: int
    end: int
    text: str
    kind: ClaimKind = "reported"
    speakers: tuple[str, ...] = ()
    attribution: Attribution | None = None
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention:
    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """One statement and every place it was made, with how many independent origins."""

    id: str
    text: str
    kind: ClaimKind
    attributed_to: tuple[str, ...]
    mentions: tuple[Mention, ...]
    documents: tuple[str, ...]
    independent_origins: int
    status: ClaimStatus


@dataclass(frozen=True, kw_only=True, slots=True)
class FigureValue:
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    scope: str | None
    time: str | None
    attributed_to: tuple[str, ...]
    documents: tuple[str, ...]
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Discrepancy:
    type: DiscrepancyType
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Figure:
    id: str
    subject: str
    unit: str
    values: tuple[FigureValue, ...]
    discrepancy: Discrepancy


BriefSection = Literal["headline", "lead", "key-points", "disagreements", "adds", "opinion-and-speculation"]
BRIEF_SECTIONS: tuple[BriefSection, ...] = (
    "headline",
    "lead",
    "key-points",
    "disagreements",
    "adds",
    "opinion-and-speculation",
)
"""The brief's sections, in the order a reader meets them."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CitationCheck:
    """How one cited document bears on a brief sentence: whether it supports it, what it lacks, and the sentence of
    that document the check matched (the passage a reader can look up)."""

    document: str
    supported: bool
    missing: tuple[str, ...] = ()
    """Numbers, names and words of the brief sentence the document does not say, and "negation" or "speaker"
    when its sentence says the opposite or puts the words in another mouth."""
    evidence: Span | None = None
    """The best-matching sentence of the document (offsets into its clean text; the title is start -1)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BriefSentence:
    """A sentence of the brief; ``checked`` is set by the brief checker (``storyline.check``)."""

    section: BriefSection
    text: str
    citations: tuple[str, ...]
    checked: bool = False
    check_reason: str = ""
    checks: tuple[CitationCheck, ...] = ()
    claim: str | None = None
    """The aligned claim the sentence states, if it states one."""
    figure: str | None = None
    """The figure a disagreement sentence explains."""
    attributed_to: tuple[str, ...] = ()
    independent_origins: int = 0
    status: ClaimStatus | None = None
    """The stated claim's status (``disputed`` when another claim of the story contradicts it)."""
    outlet: str | None = None
    """For what an outlet adds: the outlet (or the document's source when it names none)."""
    generated: bool = False
    """Written by Storyline (a disagreement's explanation) rather than drawn from a source: its numbers, names and
    quotations are checked, not its own words."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Story:
    """Documents that report one event, ordered by first appearance."""

    id: str
    title: str
    documents: tuple[Document, ...]
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryAnalysis:
    """Everything the pipeline concluded about one story."""

    story: Story
    provenance: dict[str, Provenance] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    """Every read sentence of the story's documents (kind, attribution, quantities with offsets): what the
    claims and figures were made of, for showing them in a document's text."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity:
    """A count or measure in a sentence; a range has ``low``/``high`` and no ``value``."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    change: str
    rate: str | None
    counted: str | None
    scope: str | None
    time: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """Characters ``start:end`` of a text, and what they say."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Attribution:
    """Who a sentence reports: the source, the cue ("said", "according to") and the content."""

    source: Span | None
    cue: Span | None
    content: Span | None
    speaker: str
    speaker_type: str
    chain: tuple[str, ...] = ()
    """Who passed the content on, outermost first: ("New York Times", "US and Ukrainian intelligence")."""
