"""Runs the stages over a stream of records.

``ingest``: sources -> extract -> store (one transaction per document) -> stories (the online clusterer places
each new document; its state, the assignments and redirects are written in one transaction).
``analyse``: a story's documents -> provenance, claims, brief.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from storyline.align import align_claims
from storyline.attribution import speaker_key
from storyline.boilerplate import drop_repeated_lines, is_aggregator_page
from storyline.brief import build_brief
from storyline.claims import is_claim_like, read_text
from storyline.config import Settings
from storyline.dedupe import origins, provenance
from storyline.disputes import mark_disputed
from storyline.extract import extract
from storyline.figures import story_figures
from storyline.readings import Reading, decode, encode, read_document, reader
from storyline.records import Document, Extraction, Provenance, RawItem, Rejection, Sentence, Story, StoryAnalysis
from storyline.sketch import CopyIndex, Hashes, sketches
from storyline.store import SQLiteStore
from storyline.stream_cluster import StreamClusterer

Progress = Callable[[str], None]
_TOO_LITTLE = "no article text left once the outlet's repeated lines were removed"
AUTHORITY = ("original", "independent", "copy", "rewrite", "aggregator", "commentary")
"""Whose wording a claim is shown in: the original's first, commentary's last."""


@dataclass(kw_only=True)
class IngestReport:
    """What one ingest did: ids of accepted documents, and what was refused."""

    added: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, id of the stored copy)
    near_copies: list[tuple[str, str, float]] = field(default_factory=list)  # (added id, earlier id, shared)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def document_ids(self) -> list[str]:
        """Every stored document the inputs map to, in input order."""
        return list(dict.fromkeys([*self.added, *self.stored, *(doc for _, doc in self.duplicates)]))


def ingest(
    items: Iterable[RawItem | Rejection], store: SQLiteStore, settings: Settings, progress: Progress | None = None
) -> IngestReport:
    """Extract and store every item; rejections are stored too.  Already-stored items are not re-read."""
    report = IngestReport()
    fresh: list[tuple[RawItem, Extraction]] = []
    for item in items:
        if progress:
            progress(item.source)
        if isinstance(item, Rejection):
            _reject(store, report, item)
        elif (known := store.stored_id(item.key)) is not None:
            store.add_source(item.source, known, item.key)
            report.stored.append(known)
        else:
            result = _extract(item, settings)
            if isinstance(result, Rejection):
                _reject(store, report, result)
            else:
                fresh.append((item, result))
    cleaned = _without_repeated_lines(fresh)
    index = _CopyFinder(store) if cleaned else None
    for (item, extraction), hashes in zip(cleaned, sketches([e.text for _, e in cleaned]), strict=True):
        if len(extraction.text) < settings.min_text_chars:
            _reject(store, report, Rejection(source=item.source, stage="extract", reason=_TOO_LITTLE))
            continue
        outcome, doc_id = store.add_document(_document(item, extraction), hashes.tobytes())
        if outcome == "added":
            report.added.append(doc_id)
            report.near_copies += index.check(doc_id, hashes, settings.copy_threshold) if index else []
        elif outcome == "stored":
            report.stored.append(doc_id)
        else:
            report.duplicates.append((item.source, doc_id))
    assign_stories(store, {added: earlier for added, earlier, _ in sorted(report.near_copies, key=lambda c: c[2])})
    return report


def assign_stories(store: SQLiteStore, copies: Mapping[str, str] | None = None) -> dict[str, int]:
    """Put every stored document that is in no story yet into one, in the order they were stored, with the
    online story clusterer whose state the store keeps (so a later run goes on where this one stopped).  A
    document in ``copies`` (document -> an earlier document it copies) joins its original's story.  Also
    catches up documents an interrupted ingest stored but did not place."""
    originals = dict(copies or {})

    def assign(
        state: bytes | None, documents: list[Document], story_of: Callable[[str], int | None]
    ) -> tuple[dict[str, int], bytes, dict[int, int]]:
        clusterer = StreamClusterer.from_bytes(state) if state else StreamClusterer()
        placed: dict[str, int] = {}
        for doc in documents:
            original = originals.get(doc.id)
            into = (placed[original] if original in placed else story_of(original)) if original else None
            placed[doc.id] = clusterer.assign(doc, into)
        clusterer.repair()
        return placed, clusterer.to_bytes(), clusterer.redirects

    return store.update_stories(assign)


class _CopyFinder:
    """The stored documents' sketches in a ``CopyIndex``: which earlier documents share most of a new one."""

    def __init__(self, store: SQLiteStore) -> None:
        self.index = CopyIndex()
        self.ids: list[str] = []
        for doc_id, blob in store.sketches():
            self.index.add(np.frombuffer(blob, dtype=np.uint64))
            self.ids.append(doc_id)

    def check(self, doc_id: str, hashes: Hashes, share: float) -> list[tuple[str, str, float]]:
        """The earlier documents that share at least ``share`` of ``doc_id``'s sketch or of their own; then
        ``doc_id`` joins the index."""
        found = [
            (doc_id, self.ids[m.document], max(m.contained, m.contains))
            for m in self.index.query(hashes, min_share=share)
        ]
        self.index.add(hashes)
        self.ids.append(doc_id)
        return found


def _extract(item: RawItem, settings: Settings) -> Extraction | Rejection:
    """Extraction never stops a run: an unexpected failure on one input becomes its rejection."""
    try:
        return extract(item, settings)
    except Exception as exc:
        reason = f"could not be processed ({type(exc).__name__}: {str(exc)[:200]}); please report this input"
        return Rejection(source=item.source, stage="extract", reason=reason)


def _reject(store: SQLiteStore, report: IngestReport, rejection: Rejection) -> None:
    report.rejected.append(rejection)
    if rejection.reason.startswith("no such file"):
        return  # a mistyped path is the user's typo, not an input to remember
    store.add_rejection(rejection)


def _without_repeated_lines(fresh: list[tuple[RawItem, Extraction]]) -> list[tuple[RawItem, Extraction]]:
    """Lines that most documents of one outlet share (in this batch) are that outlet's chrome."""
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, (_, extraction) in enumerate(fresh):
        if extraction.outlet:
            by_outlet[extraction.outlet.lower()].append(i)
    out = list(fresh)
    for indices in by_outlet.values():
        if len(indices) < 3:
            continue
        cleaned = drop_repeated_lines([fresh[i][1].text for i in indices])
        for i, result in zip(indices, cleaned, strict=True):
            item, extraction = fresh[i]
            if result.removed:
                removed = extraction.removed + result.removed
                text = "\n\n".join(line for line in result.lines if line.strip())
                extraction = replace(
                    extraction, text=text, removed=removed, boilerplate_removed=sum(len(t) for _, t in removed)
                )
            out[i] = (item, extraction)
    return out


def _document(item: RawItem, extraction: Extraction) -> Document:
    return Document(
        id=item.key,
        source=item.source,
        url=item.url,
        outlet=extraction.outlet,
        title=extraction.title,
        published=extraction.published,
        text=extraction.text,
        text_hash=hashlib.sha256(extraction.text.encode("utf-8")).hexdigest()[:16],
        boilerplate_removed=extraction.boilerplate_removed,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        aggregator=is_aggregator_page(extraction.removed),
    )


def read_claims(
    items: Iterable[RawItem | Rejection], settings: Settings, *, raw: bool = False
) -> tuple[list[tuple[str, list[Sentence]]], list[Rejection]]:
    """Each input's sentences, read (kind, attribution, quantities), without storing anything.

    With ``raw`` the input is taken as clean text as it is, so offsets index it exactly.
    """
    documents: list[tuple[str, list[Sentence]]] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
            continue
        result = item.body if raw else _extract(item, settings)
        if isinstance(result, Rejection):
            rejected.append(result)
        else:
            documents.append((item.source, read_text(result if isinstance(result, str) else result.text)))
    return unify_speakers(documents), rejected


def unify_speakers(documents: list[tuple[str, list[Sentence]]]) -> list[tuple[str, list[Sentence]]]:
    """One name per speaker across documents: spellings that meet under ``speaker_key`` ("Okafor", "Dana
    Okafor"; "Volodymyr Zelensky", "Volodymyr Zelenskyy") take the one with most words, then the most used,
    then the longest.  Persons with different first names stay apart (Bill and Hillary Clinton), and a bare
    surname joins a full name only when just one first name goes with it."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for _, sentences in documents:
        for sentence in sentences:
            if sentence.attribution and sentence.attribution.speaker:
                names[speaker_key(sentence.attribution.speaker)][sentence.attribution.speaker] += 1
    chosen: dict[str, str] = {}
    for key, counts in names.items():
        groups: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            groups[name.split()[0] if key.startswith("person:") and len(name.split()) > 1 else ""].append(name)
        if len(groups) == 2 and "" in groups:  # "Okafor" goes with the only full name there is
            groups = {"": [name for group in groups.values() for name in group]}
        for group in groups.values():
            best = max(group, key=lambda name: (len(name.split()), counts[name], len(name)))
            chosen.update(dict.fromkeys(group, best))

    def renamed(sentence: Sentence) -> Sentence:
        found = sentence.attribution
        if found is None or chosen.get(found.speaker, found.speaker) == found.speaker:
            return sentence
        name = chosen[found.speaker]
        chain = tuple(chosen.get(link, link) for link in found.chain)
        speakers = tuple(dict.fromkeys(chosen.get(s, s) for s in sentence.speakers))
        return replace(sentence, speakers=speakers, attribution=replace(found, speaker=name, chain=chain))

    return [(source, [renamed(s) for s in sentences]) for source, sentences in documents]


def stories(documents: Sequence[Document]) -> list[Story]:
    """Documents (not stored) grouped into stories by a fresh online clusterer, in their order; each story is
    named after the document that started it."""
    return [story_of(group) for group in StreamClusterer().fit(documents)]


def stored_stories(store: SQLiteStore, *, place: bool = True) -> list[Story]:
    """The stories of the store, oldest first; documents in no story yet are placed first, unless ``place`` is
    false (a read-only store), when they are left out until a writer places them."""
    if place:
        assign_stories(store)
    groups: dict[int, list[Document]] = defaultdict(list)
    for doc, story in store.story_members():
        groups[story].append(doc)
    return [story_of(groups[story]) for story in sorted(groups)]


def story_aliases(store: SQLiteStore) -> dict[str, str]:
    """The id of every story merged into another -> the id of the story it is part of now."""
    founders = store.story_founders()
    return {_story_id(founders[old]): _story_id(founders[new]) for old, new in store.story_redirects().items()}


def _story_id(founder: str) -> str:
    return "s-" + founder[:12]


def story_of(group: Sequence[Document]) -> Story:
    """A story from its documents in arrival order (the first started it and names it)."""
    ordered = sorted(group, key=lambda d: (d.published or "9999", d.ingested_at))
    dates = sorted(d.published for d in group if d.published)
    first = ordered[0]
    titled = [d for d in group if d.title]
    title = max(titled, key=lambda d: len(d.text)).title if titled else None
    title = title or _opening(first.text)
    return Story(
        id=_story_id(group[0].id),
        title=title,
        documents=tuple(ordered),
        first_seen=dates[0] if dates else min(d.ingested_at for d in group),
        last_seen=dates[-1] if dates else max(d.ingested_at for d in group),
    )


def _opening(text: str, limit: int = 90) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def analyse(
    story: Story, settings: Settings, outlets: set[str], readings: Mapping[str, Reading] | None = None
) -> StoryAnalysis:
    """Provenance, claims and the checked brief of one story; documents without a reading in ``readings`` are
    read here."""
    docs = story.documents
    read = {doc.id: (readings or {}).get(doc.id) or read_document(doc) for doc in docs}
    sentences = [s for doc in docs for s in read[doc.id].sentences]
    vectors = {doc_id: r.vectors.astype(np.float64) for doc_id, r in read.items()}
    prov = provenance(docs, settings, outlets, sentences, vectors)
    prov = _mark_commentary(prov, sentences)
    authority = {doc_id: AUTHORITY.index(p.role) for doc_id, p in prov.items()}
    origin = origins(docs, prov)
    claims = align_claims(sentences, origin, authority, settings)
    figures = story_figures(sentences, {doc.id: doc.published for doc in docs})
    claims = mark_disputed(claims, figures)
    brief = build_brief(claims, figures, docs, sentences, origin, prov, settings)
    return StoryAnalysis(
        story=story,
        provenance=prov,
        claims=tuple(claims),
        figures=tuple(figures),
        brief=tuple(brief),
        sentences=tuple(sentences),
    )


def kept_readings(store: SQLiteStore, documents: Sequence[Document]) -> dict[str, Reading]:
    """The readings the store keeps of ``documents`` (read by the current reading code and models); a read-only
    store's reader leaves the others to ``analyse``."""
    return {doc_id: decode(blob) for doc_id, blob in store.readings([d.id for d in documents], reader()).items()}


def stored_readings(store: SQLiteStore, documents: Sequence[Document]) -> dict[str, Reading]:
    """The readings of ``documents``: those the store keeps, the others read now and kept."""
    found = kept_readings(store, documents)
    fresh = {d.id: read_document(d) for d in documents if d.id not in found}
    if fresh:
        store.save_readings({doc_id: encode(r) for doc_id, r in fresh.items()}, reader())
    return found | fresh


def _mark_commentary(prov: dict[str, Provenance], sentences: Sequence[Sentence]) -> dict[str, Provenance]:
    """A document most of whose sentences are opinion or speculation is commentary."""
    claim_like: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        if is_claim_like(sentence):
            claim_like[sentence.document].append(sentence)
    out = dict(prov)
    for doc_id, p in prov.items():
        mine = claim_like[doc_id]
        views = sum(1 for s in mine if s.kind != "reported")
        if p.role == "independent" and mine and views / len(mine) >= 0.5:
            out[doc_id] = replace(p, role="commentary")
    return out


def analyse_all(documents: Sequence[Document], settings: Settings) -> list[StoryAnalysis]:
    """Every story of ``documents`` (not stored: clustered afresh), analysed."""
    outlets = {d.outlet for d in documents if d.outlet}
    return [analyse(story, settings, outlets) for story in stories(documents)]


def analyse_stored(store: SQLiteStore, settings: Settings) -> list[StoryAnalysis]:
    """Every story of the store, analysed; the latest provenance of each document is saved back."""
    found = stored_stories(store)
    outlets = {d.outlet for story in found for d in story.documents if d.outlet}
    analyses = [analyse(story, settings, outlets, stored_readings(store, story.documents)) for story in found]
    for analysis in analyses:
        store.save_provenance(analysis.story.id, analysis.provenance)
    return analyses
