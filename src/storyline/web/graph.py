"""The derivation graph of a story, laid out on the server for an inline SVG.

Nodes are the story's documents and the news organisations they name as their source that have no document in
the story (named external origins).  Edges run from what a text came from to the text: copies, excerpts and
rewrites (``Provenance.derived_from``) and citations (``Provenance.cites``; a cited outlet with a document in
the story points at that outlet's own report).  Columns are the depth from the origins: originals and external
origins on the left, then what copies them, then what rewrites or aggregates those, and so on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from storyline.dedupe import outlet_key
from storyline.pipeline import AUTHORITY
from storyline.present import short
from storyline.records import Document, Provenance, StoryAnalysis

NODE_WIDTH, NODE_HEIGHT = 200, 40
_COLUMN_GAP, _ROW_GAP, _MARGIN = 64, 12, 8
_LABEL = 27
"""Characters of a node's label before it is cut (the full text is its tooltip)."""


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    x: int
    y: int
    label: str
    detail: str
    role: str  # a document's role, or "external"
    href: str | None
    title: str


@dataclass(frozen=True, slots=True)
class Edge:
    path: str
    kind: str  # copy, excerpt, rewrite or cites
    title: str


@dataclass(frozen=True, slots=True)
class Graph:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT


@dataclass(frozen=True, slots=True)
class _Link:
    source: str
    target: str
    kind: str
    title: str


def derivation_graph(analysis: StoryAnalysis, number: Mapping[str, int]) -> Graph:
    """The story's documents and named external origins, with what came from what, laid out in columns."""
    docs = {doc.id: doc for doc in analysis.story.documents}
    links, external = _links(analysis)
    depth = _depths(list(docs) + list(external), links)
    columns: dict[int, list[str]] = defaultdict(list)
    for key in sorted(depth, key=lambda k: (k not in external, _rank(analysis.provenance.get(k)), number.get(k, 0))):
        columns[depth[key]].append(key)
    place: dict[str, tuple[int, int]] = {}
    nodes = []
    for column, keys in sorted(columns.items()):
        if column:
            keys = _beside_sources(keys, links, place)
        for row, key in enumerate(keys):
            x, y = _MARGIN + column * (NODE_WIDTH + _COLUMN_GAP), _MARGIN + row * (NODE_HEIGHT + _ROW_GAP)
            place[key] = (x, y)
            nodes.append(_node(key, x, y, docs.get(key), external.get(key), analysis.provenance, number))
    edges = tuple(Edge(path=_path(place[k.source], place[k.target]), kind=k.kind, title=k.title) for k in links)
    width = _MARGIN * 2 + max(columns, default=0) * (NODE_WIDTH + _COLUMN_GAP) + NODE_WIDTH
    height = _MARGIN * 2 + max((len(keys) for keys in columns.values()), default=1) * (NODE_HEIGHT + _ROW_GAP)
    return Graph(width=width, height=height - _ROW_GAP, nodes=tuple(nodes), edges=edges)


def _beside_sources(keys: list[str], links: list[_Link], place: Mapping[str, tuple[int, int]]) -> list[str]:
    """A column's nodes in the order of the mean height of their sources already placed, so that arrows cross
    less (the barycentre heuristic); ties keep the given order."""
    rows: dict[str, list[int]] = defaultdict(list)
    for link in links:
        if link.source in place:
            rows[link.target].append(place[link.source][1])
    return sorted(keys, key=lambda k: sum(rows[k]) / len(rows[k]) if rows[k] else 0)


def _links(analysis: StoryAnalysis) -> tuple[list[_Link], dict[str, str]]:
    """Every derivation and citation as a link, and the named external origins (key -> name as written)."""
    documents = analysis.story.documents
    prov = analysis.provenance
    reports: dict[str, str] = {}  # an outlet's own report in the story: what citing that outlet points at
    for doc in documents:
        if doc.outlet and not _derived(prov, doc.id):
            reports.setdefault(outlet_key(doc.outlet), doc.id)
    links: list[_Link] = []
    external: dict[str, str] = {}
    for doc in documents:
        p = prov.get(doc.id)
        for d in p.derived_from if p else ():
            links.append(_Link(source=d.document, target=doc.id, kind=d.relation, title=d.reason))
        for name in p.cites if p else ():
            source = reports.get(outlet_key(name))
            if source is None:
                source = "cites:" + outlet_key(name)
                external.setdefault(source, name)
            if source != doc.id:
                links.append(_Link(source=source, target=doc.id, kind="cites", title=f"names {name} as its source"))
    known = {doc.id for doc in documents} | set(external)
    return [k for k in links if k.source in known], external


def _derived(prov: Mapping[str, Provenance], doc_id: str) -> bool:
    p = prov.get(doc_id)
    return bool(p and p.derived_from)


def _depths(keys: list[str], links: list[_Link]) -> dict[str, int]:
    """Each node's column: 0 without incoming links, else one more than its deepest source (loops cut)."""
    sources: dict[str, list[str]] = defaultdict(list)
    for link in links:
        sources[link.target].append(link.source)
    depth: dict[str, int] = {}

    def visit(key: str, seen: frozenset[str]) -> int:
        if key not in depth:
            parents = [s for s in sources[key] if s not in seen]
            depth[key] = 1 + max((visit(s, seen | {key}) for s in parents), default=-1)
        return depth[key]

    for key in keys:
        visit(key, frozenset())
    return depth


def _rank(prov: Provenance | None) -> int:
    return AUTHORITY.index(prov.role) if prov else 0


def _node(
    key: str,
    x: int,
    y: int,
    doc: Document | None,
    external: str | None,
    prov: Mapping[str, Provenance],
    number: Mapping[str, int],
) -> Node:
    if doc is None:
        name = external or key
        title = f"{name}: named as the source, no report of it in this story"
        return Node(
            key=key, x=x, y=y, label=short(name, _LABEL), detail="named source", role="external", href=None, title=title
        )
    p = prov.get(doc.id)
    role = p.role if p else "independent"
    label = f"[{number[doc.id]}] {doc.outlet or doc.title or doc.source}"
    title = f"{label}: {doc.title or doc.source} ({role})"
    return Node(
        key=key, x=x, y=y, label=short(label, _LABEL), detail=role, role=role, href=f"/documents/{doc.id}", title=title
    )


def _path(source: tuple[int, int], target: tuple[int, int]) -> str:
    """A curve from the right edge of the source to the left edge of the target (a loop back when the target is
    not to the right)."""
    (x1, y1), (x2, y2) = source, target
    y1, y2 = y1 + NODE_HEIGHT // 2, y2 + NODE_HEIGHT // 2
    x1 += NODE_WIDTH
    bend = max(40, (x2 - x1) // 2)
    return f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
