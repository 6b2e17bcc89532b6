"""Which part of the graph the viewer draws: the ego network of ``focus`` and the ``max_nodes`` cut.

A plain PageRank cut drops whole entity types: people have no incoming facts, so their PageRank
is the floor and ``max_nodes=50`` kept no Person at all. :func:`keep_every_type` gives each
entity type a share of ``max_nodes`` proportional to its size (at least one each), ranks the
entities of a type by their own importance plus the importance of their neighbours, and prefers
entities connected to what is already kept, so the cut stays one readable graph with the edges
between what is kept. :class:`Selection` says what was left out, per type.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for i in range(6):
...     g.add_node(f"o{i}", type="Organization", label=f"Org {i}")
...     _ = g.add_edge(f"p{i}", f"o{i}", key="ceoOf", predicate="ceoOf")
...     g.nodes[f"p{i}"].update(type="Person", label=f"Person {i}")
>>> s = select_view(g, max_nodes=4)
>>> sorted(s.graph.nodes[v]["type"] for v in s.graph)
['Organization', 'Organization', 'Person', 'Person']
>>> s.left_out_text()
'4 people, 4 organizations and 4 relations'
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from graph_builder.analytics import ego, importance as node_importance, node_label
from graph_builder.errors import ConfigError
from graph_builder.viz.style import TYPE_PLURALS, TYPE_STYLES

__all__ = ["Selection", "select_view", "type_quotas", "keep_every_type", "type_of"]


@dataclass(frozen=True)
class Selection:
    """The view to draw and what the cut left out.

    ``importance`` is in [0, 1] for every drawn node; ``left_out`` counts the cut entities per
    type (only with ``max_nodes``), ``left_out_edges`` the relations they took with them.
    """

    graph: nx.MultiDiGraph
    importance: dict[Any, float]
    focus: Any | None
    total_nodes: int
    total_edges: int
    max_nodes: int | None = None
    left_out: dict[str, int] = field(default_factory=dict)
    left_out_edges: int = 0

    @property
    def not_shown(self) -> int:
        """How many entities the ``max_nodes`` cut left out."""
        return sum(self.left_out.values())

    def left_out_text(self) -> str:
        """What the cut left out, in words ("" when nothing was).

        >>> Selection(nx.MultiDiGraph(), {}, None, 3, 0, 1, {"Person": 1, "Place": 1}).left_out_text()
        '1 person and 1 place'
        """
        parts = []
        for t in sorted(self.left_out, key=_type_order):
            n = self.left_out[t]
            if n:
                one, many = TYPE_PLURALS.get(t, (f"{t} entity", f"{t} entities"))
                parts.append(f"{n} {one if n == 1 else many}")
        if self.left_out_edges:
            parts.append(f"{self.left_out_edges} relation{'s' if self.left_out_edges != 1 else ''}")
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _type_order(t: str) -> tuple[int, str]:
    order = list(TYPE_STYLES)
    return (order.index(t) if t in order else len(order), t)


def type_of(g: nx.Graph, v: Any) -> str:
    """The entity type of node ``v`` (``"Other"`` when it has none).

    >>> g = nx.Graph(); g.add_node(1)
    >>> type_of(g, 1)
    'Other'
    """
    return str(g.nodes[v].get("type") or "Other")


def type_quotas(counts: Mapping[str, int], k: int) -> dict[str, int]:
    """Split ``k`` places among types in proportion to ``counts``, at least one per type.

    Largest remainders; a type never gets more than it has. With fewer places than types, the
    largest types get one each.

    >>> type_quotas({"Organization": 144, "Person": 109, "Product": 80, "Place": 49}, 50)
    {'Organization': 19, 'Person': 14, 'Product': 11, 'Place': 6}
    >>> type_quotas({"Organization": 10, "Place": 1}, 5)
    {'Organization': 4, 'Place': 1}
    >>> type_quotas({"Organization": 3, "Person": 2, "Place": 1}, 2)
    {'Organization': 1, 'Person': 1, 'Place': 0}
    """
    types = sorted((t for t in counts if counts[t] > 0), key=lambda t: (-counts[t], _type_order(t)))
    total = sum(counts[t] for t in types)
    if k >= total:
        return {t: counts[t] for t in types}
    if k < len(types):
        return {t: int(i < k) for i, t in enumerate(types)}
    ideal = {t: k * counts[t] / total for t in types}
    quota = {t: min(counts[t], max(1, int(ideal[t]))) for t in types}
    while sum(quota.values()) > k:  # the minimum of one pushed the sum over k
        t = max((t for t in types if quota[t] > 1), key=lambda t: (quota[t] - ideal[t], counts[t]))
        quota[t] -= 1
    while sum(quota.values()) < k:
        t = max((t for t in types if quota[t] < counts[t]), key=lambda t: (ideal[t] - quota[t], counts[t]))
        quota[t] += 1
    return quota


def _neighbours(g: nx.Graph, v: Any) -> Iterable[Any]:
    if g.is_directed():
        yield from g.successors(v)
        yield from g.predecessors(v)
    else:
        yield from g.neighbors(v)


def keep_every_type(g: nx.Graph, k: int, imp: Mapping[Any, float], *, start: Iterable[Any] = ()) -> list[Any]:
    """``k`` nodes of ``g``: a share of each type, best connected first, connected when possible.

    Within a type, nodes rank by ``imp`` of the node plus a quarter of the ``imp`` of its
    neighbours (a CEO of a central company ranks high though people have no PageRank of their
    own). The type furthest below its quota picks next; it takes its best node adjacent to what
    is kept, or its best node when none is. ``start`` nodes (the focus) are kept first.

    >>> g = nx.star_graph(5); nx.set_node_attributes(g, "Organization", "type"); g.nodes[3]["type"] = "Person"
    >>> sorted(keep_every_type(g, 2, {v: 1.0 if v == 0 else 0.1 for v in g}))
    [0, 3]
    """
    counts: dict[str, int] = {}
    for v in g.nodes:
        counts[type_of(g, v)] = counts.get(type_of(g, v), 0) + 1
    quota = type_quotas(counts, k)
    score = {v: imp.get(v, 0.0) + 0.25 * sum(imp.get(u, 0.0) for u in set(_neighbours(g, v)) if u != v) for v in g}
    ranked: dict[str, list[Any]] = {}
    for v in sorted(g.nodes, key=lambda v: (-score[v], node_label(g, v), str(v))):
        ranked.setdefault(type_of(g, v), []).append(v)
    rank = {v: i for vs in ranked.values() for i, v in enumerate(vs)}
    kept: list[Any] = []
    taken: set[Any] = set()
    taken_per: dict[str, int] = {t: 0 for t in quota}
    frontier: dict[str, list[tuple[int, str, Any]]] = {t: [] for t in quota}
    pointer: dict[str, int] = {t: 0 for t in quota}

    def take(v: Any) -> None:
        t = type_of(g, v)
        kept.append(v)
        taken.add(v)
        taken_per[t] = taken_per.get(t, 0) + 1
        for u in set(_neighbours(g, v)):
            tu = type_of(g, u)
            if u not in taken and tu in frontier:
                heapq.heappush(frontier[tu], (rank[u], str(u), u))

    for v in start:
        if v in g and v not in taken and len(kept) < k:
            take(v)
    while len(kept) < k:
        open_types = [t for t in quota if taken_per[t] < quota[t]]
        if not open_types:
            break
        t = min(open_types, key=lambda t: (taken_per[t] / quota[t], _type_order(t)))
        heap = frontier[t]
        while heap and heap[0][2] in taken:
            heapq.heappop(heap)
        if heap:
            take(heapq.heappop(heap)[2])
            continue
        vs = ranked[t]
        while pointer[t] < len(vs) and vs[pointer[t]] in taken:
            pointer[t] += 1
        if pointer[t] >= len(vs):
            quota[t] = taken_per[t]
            continue
        take(vs[pointer[t]])
    return kept


def select_view(
    g: nx.MultiDiGraph,
    *,
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    importance: Literal["pagerank", "mentions"] = "pagerank",
) -> Selection:
    """The view to draw: the ego network of ``focus`` (when given), cut to ``max_nodes``.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); g.add_node("c")
    >>> s = select_view(g, max_nodes=2)
    >>> sorted(s.graph.nodes), s.not_shown, s.left_out
    (['a', 'b'], 1, {'Other': 1})
    """
    if importance not in ("pagerank", "mentions"):
        raise ConfigError(f"unknown importance {importance!r}; use 'pagerank' or 'mentions'")
    if max_nodes is not None and max_nodes < 1:
        raise ConfigError(f"--max-nodes must be at least 1, got {max_nodes}")
    if depth < 0:
        raise ConfigError(f"--depth must be 0 or more, got {depth}")
    view = g
    focus_iri = None
    if focus:
        view = ego(g, focus, depth=depth)
        focus_iri = view.graph.get("focus")
    imp = node_importance(view, importance)
    total_n, total_e = view.number_of_nodes(), view.number_of_edges()
    if max_nodes is None or total_n <= max_nodes:
        return Selection(view, imp, focus_iri, total_n, total_e)
    keep = keep_every_type(view, max_nodes, imp, start=[focus_iri] if focus_iri is not None else [])
    cut = view.subgraph(keep).copy()
    cut.graph.update(g.graph)
    if focus_iri is not None:
        cut.graph["focus"] = focus_iri
    left: dict[str, int] = {}
    kept = set(keep)
    for v in view.nodes:
        if v not in kept:
            left[type_of(view, v)] = left.get(type_of(view, v), 0) + 1
    return Selection(cut, {v: imp[v] for v in keep}, focus_iri, total_n, total_e, max_nodes, left,
                     total_e - cut.number_of_edges())
