"""Scores of the syndication benchmark, given the gold groups and the detector's edges.

Gold: every document belongs to one group, the original's id; the group's class for a pair is
``rewrite`` when either document is a rewrite variant (sentence-shuffled, word-substituted), else
``copy`` (exact copy, truncation, excerpt, copy with paragraphs added).  An original's group holds
it and its variants; every other pair of the same story is a negative.

Predicted: the edges (``derived_from``, plus duplicates the store folded, as copies) joined
transitively into connected components within the story.  A pair is predicted ``copy`` when copy
or excerpt edges alone join it, else ``rewrite``.

* Pairwise P/R/F1 per class: a true positive or a false negative counts in its gold class, a false
  positive in its predicted class; "all" ignores the classes.
* Per variant type: recall of the (original, variant) pair, where the variant's own first edge
  points (its original, a sibling variant, outside its group, none) and the relation it carries.
* Edge view: an edge is right when its two ends are in one gold group; its label is right when
  its relation's class is the pair's gold class.  Edges between two originals are listed.
* ARI (adjusted Rand index, Hubert & Arabie 1985) of the components against the gold groups over
  every document, singletons included.
* Roles: originals should be ``original`` or ``independent``, variants ``copy`` or ``rewrite``
  (and exactly: ``copy`` for the copy class, ``rewrite`` for the rewrite class).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import comb
from typing import Any

COPY, REWRITE = "copy", "rewrite"
REWRITE_KINDS = frozenset({"shuffle", "substitution"})
_MANY = 10


@dataclass(frozen=True, kw_only=True, slots=True)
class Truth:
    story: str
    group: str  # the original's id
    kind: str  # "original" or the variant type


@dataclass(frozen=True, kw_only=True, slots=True)
class Edge:
    """``document`` derives from ``source``, as the detector (or the store's folding) says."""

    document: str
    source: str
    relation: str  # copy, excerpt or rewrite
    score: float


def relation_class(relation: str) -> str:
    return REWRITE if relation == REWRITE else COPY


def gold_class(a: Truth, b: Truth) -> str:
    return REWRITE if a.kind in REWRITE_KINDS or b.kind in REWRITE_KINDS else COPY


def components(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each id's connected component, named by its first member in the order of ``ids``."""
    parent = {doc_id: doc_id for doc_id in ids}
    order = {doc_id: i for i, doc_id in enumerate(ids)}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb, key=order.__getitem__)] = min(ra, rb, key=order.__getitem__)
    return {doc_id: root(doc_id) for doc_id in ids}


def score(truth: Mapping[str, Truth], edges: Sequence[Edge], roles: Mapping[str, str]) -> dict[str, Any]:
    """Every score of one run; ``roles`` maps document ids to the detector's role (absent: lost on the way)."""
    ids = list(truth)
    joined = components(ids, [(e.document, e.source) for e in edges])
    copied = components(ids, [(e.document, e.source) for e in edges if relation_class(e.relation) == COPY])
    return {
        "pairwise": pairwise(truth, joined, copied),
        "per_variant_type": per_variant(truth, joined, edges),
        "edges": edge_view(truth, edges),
        "ari": round(adjusted_rand([truth[i].group for i in ids], [joined[i] for i in ids]), 4),
        "roles": role_scores(truth, roles),
    }


def pairwise(truth: Mapping[str, Truth], joined: Mapping[str, str], copied: Mapping[str, str]) -> dict[str, object]:
    counts: dict[str, Counter[str]] = {name: Counter() for name in (COPY, REWRITE, "all")}
    by_story: dict[str, list[str]] = defaultdict(list)
    for doc_id, t in truth.items():
        by_story[t.story].append(doc_id)
    for members in by_story.values():
        for a, b in combinations(members, 2):
            gold, predicted = truth[a].group == truth[b].group, joined[a] == joined[b]
            if not (gold or predicted):
                continue
            guessed = COPY if copied[a] == copied[b] else REWRITE
            name = gold_class(truth[a], truth[b]) if gold else guessed
            outcome = "tp" if gold and predicted else "fn" if gold else "fp"
            counts[name][outcome] += 1
            counts["all"][outcome] += 1
    return {name: _prf(c) for name, c in counts.items()}


def _prf(c: Counter[str]) -> dict[str, float | int]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": c["tp"],
        "fp": c["fp"],
        "fn": c["fn"],
    }


def per_variant(
    truth: Mapping[str, Truth], joined: Mapping[str, str], edges: Sequence[Edge]
) -> dict[str, dict[str, float | int | None]]:
    first: dict[str, Edge] = {}
    for e in edges:
        first.setdefault(e.document, e)
    sources = {(truth[e.document].group, e.source) for e in edges}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    for doc_id, t in truth.items():
        if t.kind == "original":
            continue
        edge = first.get(doc_id)
        scores[t.kind] += [edge.score] if edge else []
        seen = found[t.kind]
        seen["variants"] += 1
        seen["found"] += joined[doc_id] == joined[t.group]
        if edge is None:
            seen["edge: none, derived from" if (t.group, doc_id) in sources else "edge: none"] += 1
        else:
            seen[f"edge: {_where(edge, truth)}"] += 1
        seen[f"relation: {edge.relation if edge else 'none'}"] += 1
    return {
        kind: {
            "variants": c["variants"],
            "recall": round(c["found"] / c["variants"], 4),
            "edge_score_min": min(scores[kind], default=None),
            "edge_score_mean": round(sum(scores[kind]) / len(scores[kind]), 3) if scores[kind] else None,
            **_sorted(c),
        }
        for kind, c in sorted(found.items())
    }


def _where(edge: Edge, truth: Mapping[str, Truth]) -> str:
    mine, theirs = truth[edge.document], truth[edge.source]
    if edge.source == mine.group:
        return "to its original"
    return "to a sibling variant" if theirs.group == mine.group else "outside its group"


def _sorted(c: Counter[str]) -> dict[str, int]:
    return {key: n for key, n in sorted(c.items()) if key not in ("variants", "found")}


def edge_view(truth: Mapping[str, Truth], edges: Sequence[Edge]) -> dict[str, object]:
    right = [e for e in edges if truth[e.document].group == truth[e.source].group]
    labelled = [e for e in right if relation_class(e.relation) == gold_class(truth[e.document], truth[e.source])]
    between = [e for e in edges if truth[e.document].kind == truth[e.source].kind == "original"]
    return {
        "edges": len(edges),
        "right": len(right),
        "precision": round(len(right) / len(edges), 4) if edges else 0.0,
        "label_right": len(labelled),
        "label_accuracy": round(len(labelled) / len(right), 4) if right else 0.0,
        "between_originals": len(between),
        "between_originals_examples": [
            f"{e.document} -> {e.source} ({e.relation} {e.score})"
            for e in sorted(between, key=lambda e: -e.score)[:_MANY]
        ],
    }


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """ARI from the contingency table; 1.0 when both sides put every item alone (or all together)."""
    pairs = comb(len(gold), 2)
    together = sum(comb(n, 2) for n in Counter(zip(gold, predicted, strict=True)).values())
    gold_pairs = sum(comb(n, 2) for n in Counter(gold).values())
    predicted_pairs = sum(comb(n, 2) for n in Counter(predicted).values())
    expected = gold_pairs * predicted_pairs / pairs if pairs else 0.0
    best = (gold_pairs + predicted_pairs) / 2
    return 1.0 if best == expected else (together - expected) / (best - expected)


def role_scores(truth: Mapping[str, Truth], roles: Mapping[str, str]) -> dict[str, object]:
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, t in truth.items():
        seen[t.kind][roles.get(doc_id, "lost")] += 1
    originals = seen["original"]
    variants = sum((c for kind, c in seen.items() if kind != "original"), Counter[str]())
    exact = sum(c[REWRITE if kind in REWRITE_KINDS else COPY] for kind, c in seen.items() if kind != "original")
    return {
        "originals_right": _share(originals["original"] + originals["independent"], originals.total()),
        "variants_right": _share(variants["copy"] + variants["rewrite"], variants.total()),
        "variants_exact": _share(exact, variants.total()),
        "by_kind": {kind: dict(sorted(c.items())) for kind, c in sorted(seen.items())},
    }


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0
