"""Where each node is drawn: communities laid out apart, isolates in a tidy grid, no overlaps.

The layout is computed in Python before the page is written (the page opens with physics off):

1. **Communities** of the nodes that have relations: Louvain, from
   :func:`graph_builder.analytics.communities` (rank 0 = largest).
2. Each community is laid out on its own (seeded ``networkx.spring_layout``; a grid-pruned
   force layout above :data:`SPRING_MAX_NODES`), then made round and evenly dense (each node
   keeps its direction and its rank by distance from the centre, about
   :data:`NODE_SPACING_PX` of room each, up to twice that in graphs smaller than
   :data:`SMALL_GRAPH`), and its nodes pushed apart until no two discs overlap.
3. The communities, as discs, are packed by a small force simulation: linked communities
   attract, discs never overlap, gravity keeps the whole compact. A community's members stay
   inside its disc, so the viewer can draw one halo per community.
4. Nodes without any relation go to a grid below the graph, sorted by type and name (the
   viewer hides them by default).

Units are pixels at zoom 1. Everything is seeded: the same graph gives the same picture.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> _ = g.add_edge("a", "b", key="ceoOf"); _ = g.add_edge("b", "c", key="ceoOf"); g.add_node("lonely")
>>> pos, how = layout_positions(g)
>>> how, sorted(pos), pos["lonely"][1] > max(pos[v][1] for v in "abc")
('communities', ['a', 'b', 'c', 'lonely'], True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from graph_builder.analytics import communities as louvain, node_label, undirected_projection
from graph_builder.viz.style import TYPE_STYLES

__all__ = [
    "NODE_SPACING_PX",
    "NODE_GAP_PX",
    "SPRING_MAX_NODES",
    "community_ranks",
    "layout_positions",
    "separate",
]

#: room per node inside a community: a square of (diameter + this) pixels at zoom 1
NODE_SPACING_PX = 36.0
#: graphs smaller than this get up to twice the room per node
SMALL_GRAPH = 300
#: free space kept between two node discs (a relation between neighbours keeps a stretch to click)
NODE_GAP_PX = 20.0
#: free space kept between two community discs
COMMUNITY_GAP_PX = 18.0
#: the packed communities are this much wider than tall (screens are landscape)
ASPECT = 1.45
#: communities up to this size use networkx.spring_layout; larger ones the grid-pruned layout
SPRING_MAX_NODES = 400
#: room around a community for its halo (the viewer draws it as wide)
HALO_PX = 18.0
#: the isolates grid
ISOLATE_DX, ISOLATE_DY = 150.0, 44.0
DEFAULT_RADIUS = 10.0


def community_ranks(g: nx.Graph, seed: int = 0) -> dict[Any, int]:
    """Louvain community of every node with a relation (0 = largest); isolates get ``-1``.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="x"); g.add_node("c")
    >>> community_ranks(g)
    {'a': 0, 'b': 0, 'c': -1}
    """
    u = undirected_projection(g)
    linked = [v for v in g.nodes if u.degree(v) > 0]
    ranks: dict[Any, int] = {v: -1 for v in g.nodes}
    if linked:
        df = louvain(g.subgraph(linked), seed=seed)
        ranks.update(zip(df["node"], (int(c) for c in df["community"])))
    return ranks


def separate(pos: np.ndarray, radii: np.ndarray, gap: float, iterations: int = 60) -> np.ndarray:
    """Push discs apart until no two overlap (``gap`` pixels between them), moving each little.

    >>> p = separate(np.zeros((2, 2)) + [[0, 0], [1, 0]], np.array([10.0, 10.0]), 5.0)
    >>> round(float(np.hypot(*(p[1] - p[0]))), 1) >= 25.0
    True
    """
    from scipy.spatial import cKDTree

    pos = pos.astype(float).copy()
    n = len(pos)
    if n < 2:
        return pos
    reach = 2 * float(radii.max()) + gap
    jitter = np.random.default_rng(0).normal(0, 1e-3, size=pos.shape)
    for _ in range(iterations):
        pairs = cKDTree(pos).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = pos[j] - pos[i]
        dist = np.hypot(d[:, 0], d[:, 1])
        need = radii[i] + radii[j] + gap
        over = need - dist
        hit = over > 1e-6
        if not hit.any():
            break
        i, j, d, dist, over = i[hit], j[hit], d[hit], dist[hit], over[hit]
        same = dist < 1e-9
        d[same] = jitter[i[same]] + [1e-3, 0]
        dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
        step = (d / dist[:, None]) * (over / 2 * 1.02)[:, None]
        move = np.zeros_like(pos)
        np.add.at(move, i, -step)
        np.add.at(move, j, step)
        pos += move
    return pos


def _spectral_start(und: nx.Graph, rng: np.random.Generator) -> np.ndarray:
    """Spectral positions of one graph, spread to uniform density (edge length ~1)."""
    nodes = list(und.nodes)
    size = len(nodes)
    r = math.sqrt(size) * 0.9
    try:
        sp = nx.spectral_layout(und)
        p = np.array([sp[v] for v in nodes], dtype=float)
    except Exception:  # pragma: no cover - eigen solver failure on odd graphs
        p = rng.uniform(-1, 1, size=(size, 2))
    p = p - p.mean(axis=0)
    rad = np.hypot(p[:, 0], p[:, 1])
    order = np.argsort(np.argsort(rad))  # spectral layouts crowd the centre: spread by rank
    new_r = r * np.sqrt((order + 0.5) / size)
    p = p / np.maximum(rad, 1e-9)[:, None] * new_r[:, None]
    return p + rng.normal(0, 0.01, size=p.shape)


def _fr(und: nx.Graph, pos: np.ndarray, iterations: int) -> np.ndarray:
    """Fruchterman-Reingold on nodes 0..n-1, repulsion only within a cutoff (k-d tree pairs)."""
    from scipy.spatial import cKDTree

    n = len(pos)
    e = np.array(list(und.edges()), dtype=np.int64).reshape(-1, 2)
    radius = max(math.sqrt(n), 1.0)
    cutoff, temp = 2.5, 2.0

    def scatter(index: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.stack(
            [np.bincount(index, weights=values[:, 0], minlength=n), np.bincount(index, weights=values[:, 1], minlength=n)],
            axis=1,
        )

    for _ in range(iterations):
        disp = np.zeros((n, 2))
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist2 = np.maximum((d * d).sum(axis=1), 1e-4)
            f = 1.5 * d / dist2[:, None]  # k²/dist along the unit vector
            disp += scatter(pairs[:, 0], f) - scatter(pairs[:, 1], f)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.sqrt(np.maximum((d * d).sum(axis=1), 1e-8))
            f = d * (0.5 * np.sqrt(dist))[:, None]  # softer than dist²/k: hubs do not crush the layout
            disp += scatter(e[:, 1], f) - scatter(e[:, 0], f)
        disp -= 0.05 * pos / radius  # gravity
        length = np.sqrt(np.maximum((disp * disp).sum(axis=1), 1e-12))
        pos = pos + disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.97, 0.05)
    return pos


def _round(p: np.ndarray, radii: np.ndarray, spacing: float) -> np.ndarray:
    """Keep each node's direction from the centre and its rank by distance, but give the
    community a uniform density: the k nearest nodes fill a disc holding exactly their area.
    Spring layouts leave rings of leaves around hubs and long chains; this packs them."""
    ang = np.arctan2(p[:, 1], p[:, 0])
    order = np.argsort(np.hypot(p[:, 0], p[:, 1]), kind="stable")
    area = (2 * radii[order] + spacing) ** 2
    r = np.empty(len(p))
    cum = np.cumsum(area)
    r[order] = np.sqrt((cum - area / 2) / math.pi)
    return np.stack([np.cos(ang) * r, np.sin(ang) * r], axis=1)


def _community_local(u: nx.Graph, members: list[Any], radii: np.ndarray, seed: int, spacing: float) -> np.ndarray:
    """One community's own layout: centred on 0, round, evenly dense, no overlapping discs."""
    size = len(members)
    if size == 1:
        return np.zeros((1, 2))
    if size == 2:
        half = (radii.sum() + spacing) / 2 + 6
        return np.array([[-half, 0.0], [half, 0.0]])
    idx = {v: i for i, v in enumerate(members)}
    und = nx.Graph()
    und.add_nodes_from(range(size))
    und.add_edges_from((idx[a], idx[b]) for a, b in u.subgraph(members).edges())
    if size <= SPRING_MAX_NODES:
        sp = nx.spring_layout(und, seed=seed, iterations=60)
        p = np.array([sp[i] for i in range(size)], dtype=float)
    else:
        p = _fr(und, _spectral_start(und, np.random.default_rng(seed)), 80)
    p = _round(p - p.mean(axis=0), radii, spacing)
    p = separate(p, radii, NODE_GAP_PX)
    return p - p.mean(axis=0)


def _pack(radii: np.ndarray, links: dict[tuple[int, int], float], seed: int) -> np.ndarray:
    """Centres for discs of ``radii``: linked discs near each other, none overlapping, compact."""
    k = len(radii)
    if k == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    total = math.sqrt(float((radii**2).sum()))
    cg = nx.Graph()
    cg.add_nodes_from(range(k))
    cg.add_weighted_edges_from((a, b, w) for (a, b), w in links.items())
    start = nx.spring_layout(cg, seed=seed, weight="weight", iterations=50)
    pos = np.array([start[i] for i in range(k)], dtype=float) * total
    pos += rng.normal(0, 1e-3, size=pos.shape)
    la = np.array([a for a, _b in links], dtype=np.int64)
    lb = np.array([b for _a, b in links], dtype=np.int64)
    lw = np.array(list(links.values()), dtype=float)
    lw = lw / lw.max() if len(lw) else lw
    mass = radii**2
    squash = np.array([1.0 / ASPECT, 1.0])
    iterations = 300 if k <= 400 else 160
    for it in range(iterations + 40):  # the last 40: overlaps only
        if it >= iterations:
            cool = 0.0
        else:
            cool = 1.0 - it / iterations
        if len(la) and cool > 0:  # linked discs pull towards touching
            d = pos[lb] - pos[la]
            dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
            stretch = np.maximum(dist - (radii[la] + radii[lb] + COMMUNITY_GAP_PX), 0.0)
            f = d / dist[:, None] * (0.08 * (0.3 + 0.7 * lw) * stretch * cool)[:, None]
            share_a = (mass[lb] / (mass[la] + mass[lb]))[:, None]
            np.add.at(pos, la, f * share_a)
            np.add.at(pos, lb, -f * (1 - share_a))
        pos -= pos * (0.05 * cool) * squash  # gravity: compact, wider than tall
        d = pos[None, :, :] - pos[:, None, :]  # overlaps: push apart, the lighter disc moves more
        dist = np.maximum(np.hypot(d[..., 0], d[..., 1]), 1e-9)
        over = radii[:, None] + radii[None, :] + COMMUNITY_GAP_PX - dist
        np.fill_diagonal(over, 0.0)
        over = np.maximum(over, 0.0)
        if not over.any():
            if it >= iterations:
                break
            continue
        share = mass[None, :] / (mass[:, None] + mass[None, :])
        push = d / dist[..., None] * (over * share)[..., None]
        pos -= push.sum(axis=1) * 0.5
    return pos


def layout_positions(
    g: nx.Graph,
    *,
    seed: int = 0,
    radii: Mapping[Any, float] | None = None,
    communities: Mapping[Any, int] | None = None,
) -> tuple[dict[Any, tuple[float, float]], str]:
    """Pixel positions for every node and the layout's name (``"communities"``).

    ``radii`` are the drawn node radii (default 10 px); ``communities`` the community rank of
    each node (default: :func:`community_ranks`).

    >>> pos, how = layout_positions(nx.path_graph(3))
    >>> (len(pos), how)
    (3, 'communities')
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}, "none"
    if n == 1:
        return {next(iter(g.nodes)): (0.0, 0.0)}, "single"
    u = undirected_projection(g)
    comm = dict(communities) if communities is not None else community_ranks(g, seed)
    rad = {v: float(radii.get(v, DEFAULT_RADIUS)) if radii else DEFAULT_RADIUS for v in g.nodes}
    groups: dict[int, list[Any]] = {}
    isolates: list[Any] = []
    for v in g.nodes:
        c = comm.get(v, -1)
        if u.degree(v) == 0 or c < 0:
            isolates.append(v)
        else:
            groups.setdefault(c, []).append(v)
    order = sorted(groups, key=lambda c: (-len(groups[c]), c))
    linked = sum(len(m) for m in groups.values())
    # small graphs (a focus view) get more room: labels fit and the view is not cramped
    spacing = NODE_SPACING_PX * min(2.0, max(1.0, math.sqrt(SMALL_GRAPH / max(linked, 1))))
    pos: dict[Any, tuple[float, float]] = {}
    if order:
        local: list[np.ndarray] = []
        disc = np.zeros(len(order))
        for i, c in enumerate(order):
            members = sorted(groups[c], key=str)
            groups[c] = members
            r = np.array([rad[v] for v in members])
            p = _community_local(u, members, r, seed, spacing)
            local.append(p)
            disc[i] = float((np.hypot(p[:, 0], p[:, 1]) + r).max()) + HALO_PX
        where = {v: i for i, c in enumerate(order) for v in groups[c]}
        links: dict[tuple[int, int], float] = {}
        for a, b, w in u.edges(data="weight", default=1):
            ca, cb = where.get(a), where.get(b)
            if ca is not None and cb is not None and ca != cb:
                key = (min(ca, cb), max(ca, cb))
                links[key] = links.get(key, 0.0) + float(w)
        centres = _pack(disc, links, seed)
        for i, c in enumerate(order):
            for v, (x, y) in zip(groups[c], local[i] + centres[i]):
                pos[v] = (float(x), float(y))
    if isolates:
        types = list(TYPE_STYLES)

        def key(v: Any) -> tuple[int, str, str]:
            t = str(g.nodes[v].get("type") or "Other")
            return (types.index(t) if t in types else len(types), node_label(g, v).casefold(), str(v))

        isolates.sort(key=key)
        cols = max(1, math.ceil(math.sqrt(len(isolates) * 2.5)))
        if pos:
            xs = [p[0] for p in pos.values()]
            top, cx = max(p[1] for p in pos.values()) + 140.0, (min(xs) + max(xs)) / 2
        else:
            top, cx = 0.0, 0.0
        left = cx - (cols - 1) * ISOLATE_DX / 2
        for i, v in enumerate(isolates):
            pos[v] = (left + (i % cols) * ISOLATE_DX, top + (i // cols) * ISOLATE_DY)
    return pos, "communities"
