"""Network analytics over the knowledge graph as networkx sees it.

The input is the ``nx.MultiDiGraph`` made by :mod:`graph_builder.network`: node id = entity IRI,
node attributes ``label``, ``type``, ``aliases``, ``wikidata``, ``mentions``; edge key = predicate,
edge attributes ``predicate``, ``former``, ``confidence``, ``support``, ``evidence`` (a list of
dicts: ``sentence``, ``article``, ``title``, ``published``, ``url``, ``confidence``, ``rule``,
``former``). ``partnerOf`` / ``competitorOf`` are symmetric and stored once per pair.

Functions return pandas DataFrames or networkx graphs.

Example
-------
>>> import networkx as nx
>>> g = nx.MultiDiGraph(title="demo")
>>> g.add_node("e:bezos", label="Jeff Bezos", type="Person", aliases=["Bezos"], mentions=2)
>>> g.add_node("e:amazon", label="Amazon", type="Organization", aliases=[], mentions=3)
>>> g.add_node("e:blue", label="Blue Origin", type="Organization", aliases=[], mentions=1)
>>> _ = g.add_edge("e:bezos", "e:amazon", key="founderOf", predicate="founderOf", former=False,
...                confidence=0.9, support=1, evidence=[{"sentence": "Bezos a fondé Amazon."}])
>>> _ = g.add_edge("e:bezos", "e:blue", key="founderOf", predicate="founderOf", former=False,
...                confidence=0.8, support=1, evidence=[{"sentence": "Il a fondé Blue Origin."}])
>>> find_node(g, "bezos")
'e:bezos'
>>> rankings(g, top=1)["label"].tolist()
['Amazon']
>>> [(f["subject"], f["predicate"], f["object"]) for f in shortest_connection(g, "Amazon", "Blue Origin")]
[('Jeff Bezos', 'founderOf', 'Amazon'), ('Jeff Bezos', 'founderOf', 'Blue Origin')]
>>> ego(g, "Amazon", depth=1).number_of_nodes()
2
"""

from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Literal

import networkx as nx
import pandas as pd

from graph_builder.errors import ConfigError, QueryError
from graph_builder.files import atomic_write
from graph_builder.suggest import fold, unknown

__all__ = [
    "SYMMETRIC",
    "fold",
    "node_label",
    "find_node",
    "importance",
    "directed_projection",
    "undirected_projection",
    "rankings",
    "communities",
    "ego",
    "shortest_connection",
    "node_measures",
    "export_graph",
    "import_graph",
]

#: predicates drawn without arrows and counted in both directions
SYMMETRIC: frozenset[str] = frozenset({"partnerOf", "competitorOf"})

#: graphs above this many nodes get sampled betweenness (``k`` pivots)
BETWEENNESS_EXACT_MAX = 500
BETWEENNESS_K = 200


def node_label(g: nx.Graph, node: str) -> str:
    """The display label of ``node``: its ``label`` attribute, else the end of its IRI.

    >>> g = nx.MultiDiGraph(); g.add_node("https://x/entity/person/ada")
    >>> node_label(g, "https://x/entity/person/ada")
    'ada'
    """
    label = g.nodes[node].get("label") if node in g else None
    if label:
        return str(label)
    return str(node).rstrip("/").rsplit("/", 1)[-1] or str(node)


def _forms(g: nx.Graph, node: str) -> tuple[str, list[str]]:
    attrs = g.nodes[node]
    aliases = attrs.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";") if a.strip()]
    return node_label(g, node), [str(a) for a in aliases]


def find_node(g: nx.Graph, name: str) -> str:
    """The node id (IRI) whose label or alias is ``name`` (case- and accent-insensitive).

    An exact node id is accepted too. When several nodes match, a label match beats an alias
    match, then the most mentioned (then highest degree) node wins. Unknown names raise
    :class:`~graph_builder.errors.QueryError` listing close matches.

    >>> g = nx.MultiDiGraph(); g.add_node("e:1", label="Mistral AI", aliases=["Mistral"])
    >>> find_node(g, "MISTRAL")
    'e:1'
    """
    if name in g:
        return name
    key = fold(name)
    if not key:
        raise QueryError("empty entity name; give a label or alias, e.g. --focus 'Mistral AI'")
    label_hits: list[str] = []
    alias_hits: list[str] = []
    for node in g.nodes:
        label, aliases = _forms(g, node)
        if fold(label) == key:
            label_hits.append(node)
        elif any(fold(a) == key for a in aliases):
            alias_hits.append(node)
    hits = label_hits or alias_hits
    if hits:
        return min(hits, key=lambda n: (-int(g.nodes[n].get("mentions") or 0), -g.degree(n), n))
    raise QueryError(unknown("entity", name, _known_names(g), where="in the graph",
                             hint="check the spelling, or list entities with `graph-builder analyze STORE --top 50`"))


def _known_names(g: nx.Graph) -> dict[str, str]:
    """Every label and alias of ``g``, each mapped to its node's label (for "did you mean")."""
    names: dict[str, str] = {}
    for node in g.nodes:
        label, aliases = _forms(g, node)
        for f in (label, *aliases):
            names.setdefault(f, label)
    return names


def directed_projection(g: nx.Graph) -> nx.DiGraph:
    """A simple DiGraph: one arc per related pair, weight = number of facts; symmetric both ways.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="partnerOf", predicate="partnerOf")
    >>> sorted(directed_projection(g).edges)
    [('a', 'b'), ('b', 'a')]
    """
    d = nx.DiGraph()
    d.add_nodes_from(g.nodes)
    for u, v, k, data in _edges(g):
        pred = data.get("predicate", k)
        pairs = [(u, v), (v, u)] if pred in SYMMETRIC or not g.is_directed() else [(u, v)]
        for a, b in pairs:
            if a == b:
                continue
            w = d[a][b]["weight"] + 1 if d.has_edge(a, b) else 1
            d.add_edge(a, b, weight=w)
    return d


def undirected_projection(g: nx.Graph) -> nx.Graph:
    """A simple undirected Graph, weight = number of facts between the pair (no self-loops).

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); _ = g.add_edge("b", "a", key="worksFor")
    >>> undirected_projection(g)["a"]["b"]["weight"]
    2
    """
    u_g = nx.Graph()
    u_g.add_nodes_from(g.nodes)
    for u, v, _k, _d in _edges(g):
        if u == v:
            continue
        w = u_g[u][v]["weight"] + 1 if u_g.has_edge(u, v) else 1
        u_g.add_edge(u, v, weight=w)
    return u_g


def _edges(g: nx.Graph) -> Iterable[tuple[str, str, Any, dict[str, Any]]]:
    if g.is_multigraph():
        yield from g.edges(keys=True, data=True)
    else:
        for u, v, d in g.edges(data=True):
            yield u, v, d.get("predicate"), d


def importance(g: nx.Graph, how: Literal["pagerank", "mentions"] = "pagerank") -> dict[str, float]:
    """Importance of each node in [0, 1] (max = 1): PageRank, or number of mentioning articles.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); g.add_node("c")
    >>> s = importance(g); s["b"] > s["a"] > 0
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    if how == "pagerank":
        d = directed_projection(g)
        raw = nx.pagerank(d, weight="weight") if d.number_of_edges() else {n: 1.0 for n in d}
    elif how == "mentions":
        raw = {n: float(g.nodes[n].get("mentions") or 0) + 0.001 * g.degree(n) for n in g.nodes}
    else:
        raise ConfigError(f"unknown importance {how!r}; use 'pagerank' or 'mentions'")
    top = max(raw.values()) or 1.0
    return {n: float(v) / top for n, v in raw.items()}


def _pagerank(g: nx.Graph) -> dict[str, float]:
    """PageRank of every node over :func:`directed_projection` (uniform when there is no edge)."""
    d = directed_projection(g)
    if d.number_of_edges():
        return nx.pagerank(d, weight="weight")
    return {v: 1.0 / g.number_of_nodes() for v in g} if g.number_of_nodes() else {}


def rankings(g: nx.Graph, top: int = 20, *, betweenness_k: int | None = None, seed: int = 0) -> pd.DataFrame:
    """The ``top`` most central entities: degree, in/out degree, PageRank, betweenness, mentions.

    Sorted by PageRank (then degree, then label). Betweenness is exact up to 500 nodes, sampled
    with ``betweenness_k`` pivots (default 200, seeded) above.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "hub", key="worksFor"); _ = g.add_edge("b", "hub", key="worksFor")
    >>> rankings(g)["node"].tolist()[0]
    'hub'
    """
    if top < 1:
        raise ConfigError(f"--top must be at least 1, got {top}")
    cols = ["rank", "node", "label", "type", "degree", "in_degree", "out_degree", "pagerank",
            "betweenness", "mentions"]
    n = g.number_of_nodes()
    if n == 0:
        return pd.DataFrame(columns=cols)
    pr = _pagerank(g)
    u = undirected_projection(g)
    if n > BETWEENNESS_EXACT_MAX:
        k = min(n, betweenness_k or BETWEENNESS_K)
        bc = nx.betweenness_centrality(u, k=k, seed=seed, normalized=True)
    else:
        bc = nx.betweenness_centrality(u, normalized=True)
    rows = [
        {
            "node": v,
            "label": node_label(g, v),
            "type": g.nodes[v].get("type"),
            "degree": g.degree(v),
            "in_degree": g.in_degree(v) if g.is_directed() else g.degree(v),
            "out_degree": g.out_degree(v) if g.is_directed() else g.degree(v),
            "pagerank": float(pr.get(v, 0.0)),
            "betweenness": float(bc.get(v, 0.0)),
            "mentions": int(g.nodes[v].get("mentions") or 0),
        }
        for v in g.nodes
    ]
    df = pd.DataFrame(rows).sort_values(
        ["pagerank", "degree", "label"], ascending=[False, False, True], kind="mergesort"
    )
    df = df.head(top).reset_index(drop=True)
    df.insert(0, "rank", range(1, len(df) + 1))
    return df[cols]


def communities(g: nx.Graph, seed: int = 0, *, resolution: float = 1.0) -> pd.DataFrame:
    """Louvain communities of the undirected simple projection, one row per node.

    Columns ``community`` (0 = largest), ``size``, ``node``, ``label``, ``type``; sorted by
    community then label. Isolated nodes form their own communities.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); g.add_node("c")
    >>> communities(g)["community"].tolist()
    [0, 0, 1]
    """
    cols = ["community", "size", "node", "label", "type"]
    if g.number_of_nodes() == 0:
        return pd.DataFrame(columns=cols)
    u = undirected_projection(g)
    parts = nx.community.louvain_communities(u, weight="weight", resolution=resolution, seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(node_label(g, v) for v in c)))
    rows = [
        {"community": i, "size": len(c), "node": v, "label": node_label(g, v), "type": g.nodes[v].get("type")}
        for i, c in enumerate(parts)
        for v in c
    ]
    df = pd.DataFrame(rows).sort_values(["community", "label", "node"], kind="mergesort")
    return df.reset_index(drop=True)[cols]


def ego(g: nx.MultiDiGraph, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of the entity ``name`` (label, alias or IRI): every node within ``depth``
    hops, edges followed in both directions, with all edges among them and the graph attributes.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); _ = g.add_edge("c", "b", key="worksFor")
    >>> sorted(ego(g, "a", depth=2).nodes)
    ['a', 'b', 'c']
    """
    if depth < 0:
        raise ConfigError(f"depth must be 0 or more, got {depth}")
    start = find_node(g, name)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        if seen[v] >= depth:
            continue
        nbrs = (
            list(g.successors(v)) + list(g.predecessors(v)) if g.is_directed() else list(g.neighbors(v))
        )
        for w in nbrs:
            if w not in seen:
                seen[w] = seen[v] + 1
                queue.append(w)
    sub = g.subgraph(seen).copy()
    sub.graph.update(g.graph)
    sub.graph["focus"] = start
    return sub


def _best_evidence(data: dict[str, Any]) -> dict[str, Any]:
    ev = [e for e in (data.get("evidence") or []) if isinstance(e, dict)]
    if not ev:
        return {}
    return max(ev, key=lambda e: float(e.get("confidence") or 0.0))


def shortest_connection(g: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """The shortest chain of facts linking ``a`` to ``b`` (names, aliases or IRIs).

    The path is searched ignoring direction; each fact is reported in its real direction
    (``subject``, ``predicate``, ``object`` labels, their IRIs, ``former``, ``confidence``,
    ``support``, the best ``evidence`` sentence and its article ``title``/``url``/``published``).
    Between two nodes the most confident current fact is chosen. ``a == b`` gives ``[]``;
    unconnected entities raise :class:`~graph_builder.errors.QueryError`.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf", predicate="ceoOf", confidence=0.9)
    >>> shortest_connection(g, "b", "a")[0]["subject"]
    'a'
    """
    src, dst = find_node(g, a), find_node(g, b)
    if src == dst:
        return []
    u = undirected_projection(g)
    try:
        path = nx.shortest_path(u, src, dst)
    except nx.NetworkXNoPath:
        raise QueryError(
            f"{node_label(g, src)!r} and {node_label(g, dst)!r} are not connected in this graph; "
            "try a bigger store or check the names with --ego"
        ) from None
    chain: list[dict[str, Any]] = []
    for x, y in zip(path, path[1:]):
        candidates: list[tuple[str, str, Any, dict[str, Any]]] = []
        for s, o in ((x, y), (y, x)):
            if g.has_edge(s, o):
                if g.is_multigraph():
                    candidates += [(s, o, k, d) for k, d in g[s][o].items()]
                else:
                    candidates.append((s, o, g[s][o].get("predicate"), g[s][o]))
        s, o, k, d = max(
            candidates,
            key=lambda c: (not c[3].get("former", False), float(c[3].get("confidence") or 0.0), c[0] == x),
        )
        ev = _best_evidence(d)
        chain.append(
            {
                "subject": node_label(g, s),
                "predicate": d.get("predicate", k),
                "object": node_label(g, o),
                "subject_iri": s,
                "object_iri": o,
                "former": bool(d.get("former", False)),
                "confidence": float(d.get("confidence") or 0.0),
                "support": int(d.get("support") or len(d.get("evidence") or [])),
                "evidence": ev.get("sentence", ""),
                "title": ev.get("title"),
                "url": ev.get("url"),
                "published": ev.get("published"),
                "article": ev.get("article"),
            }
        )
    return chain


def _flat(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def node_measures(g: nx.Graph, seed: int = 0) -> dict[str, dict[str, float | int]]:
    """Per node: ``pagerank`` (as in :func:`rankings`), ``degree`` and ``community`` (as in :func:`communities`).

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="ceoOf"); g.add_node("c")
    >>> {v: (m["degree"], m["community"]) for v, m in sorted(node_measures(g).items())}
    {'a': (1, 0), 'b': (1, 0), 'c': (0, 1)}
    """
    if g.number_of_nodes() == 0:
        return {}
    pr = _pagerank(g)
    parts = communities(g, seed=seed)
    community = dict(zip(parts["node"], parts["community"]))
    return {v: {"pagerank": float(pr.get(v, 0.0)), "degree": int(g.degree(v)), "community": int(community[v])}
            for v in g.nodes}


def export_graph(g: nx.Graph, path: str | os.PathLike[str], format: Literal["graphml", "gexf"] = "graphml",
                 *, measures: bool = True) -> Path:
    """Write ``g`` as GraphML or GEXF, attributes flattened to strings/numbers/booleans.

    Lists of strings (``aliases``) become ``"a; b"``, ``None`` becomes ``""``, other
    structures (``evidence``) become JSON text. With ``measures``, each node also carries its
    ``pagerank``, ``degree`` and ``community`` (:func:`node_measures`), for Gephi or Cytoscape to
    size and colour by. The file is written atomically, with the usual permissions.

    >>> import tempfile, os
    >>> g = nx.MultiDiGraph(title="t"); _ = g.add_edge("a", "b", key="ceoOf", evidence=[{"sentence": "x"}])
    >>> p = export_graph(g, os.path.join(tempfile.mkdtemp(), "g.graphml"))
    >>> nx.read_graphml(p).number_of_edges()
    1
    """
    if format not in ("graphml", "gexf"):
        raise ConfigError(f"unknown export format {format!r}; use 'graphml' or 'gexf'")
    target = Path(path)
    if not target.parent.is_dir():
        raise ConfigError(f"{target.parent}: no such directory; create it or choose another -o path")
    extra = node_measures(g) if measures else {}
    out = g.__class__()
    out.graph.update({k: _flat(v) for k, v in g.graph.items()})
    for v, data in g.nodes(data=True):
        out.add_node(v, **{**{k: _flat(x) for k, x in data.items()}, **extra.get(v, {})})
    for u, v, k, data in _edges(g):
        attrs = {a: _flat(x) for a, x in data.items()}
        if g.is_multigraph():
            out.add_edge(u, v, key=k, **attrs)
        else:
            out.add_edge(u, v, **attrs)
    writer = nx.write_graphml if format == "graphml" else nx.write_gexf
    try:
        return atomic_write(target, lambda fh: writer(out, fh, encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{target}: writing failed ({exc.strerror or exc}); the previous file, if any, is "
                          "unchanged — free some space or choose another -o path") from None


def _unflat_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if not value:
        return []
    return [a.strip() for a in str(value).split(";") if a.strip()]


def import_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a GraphML or GEXF file written by :func:`export_graph` back into the network contract.

    ``aliases`` become lists again, ``evidence`` JSON text becomes a list of dicts, ``""``
    ``wikidata`` becomes ``None``.

    >>> import tempfile, os
    >>> g = nx.MultiDiGraph(title="t"); g.add_node("a", label="A", aliases=["x", "y"], wikidata=None)
    >>> _ = g.add_edge("a", "b", key="ceoOf", predicate="ceoOf", evidence=[{"sentence": "s"}])
    >>> h = import_graph(export_graph(g, os.path.join(tempfile.mkdtemp(), "g.graphml")))
    >>> (h.nodes["a"]["aliases"], h.nodes["a"]["wikidata"], h["a"]["b"]["ceoOf"]["evidence"][0]["sentence"])
    (['x', 'y'], None, 's')
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: no such file; give a .graphml or .gexf written by `analyze --export`")
    suffix = p.suffix.lower()
    try:
        if suffix == ".graphml":
            raw = nx.read_graphml(p, force_multigraph=True)
        elif suffix == ".gexf":
            raw = nx.read_gexf(p)
        else:
            raise ConfigError(f"{p}: unknown graph file type {suffix!r}; use .graphml or .gexf")
    except (nx.NetworkXError, ValueError, KeyError) as exc:
        raise ConfigError(f"{p}: not a readable {suffix[1:]} file ({exc})") from None
    g = nx.MultiDiGraph()
    g.graph.update({k: v for k, v in raw.graph.items() if k not in ("node_default", "edge_default", "mode")})
    for v, data in raw.nodes(data=True):
        attrs = dict(data)
        attrs["aliases"] = _unflat_list(attrs.get("aliases"))
        attrs["wikidata"] = attrs.get("wikidata") or None
        attrs.pop("id", None)
        g.add_node(v, **attrs)
    edges = raw.edges(keys=True, data=True) if raw.is_multigraph() else ((u, v, None, d) for u, v, d in raw.edges(data=True))
    for u, v, k, data in edges:
        attrs = dict(data)
        for junk in ("id", "key"):
            attrs.pop(junk, None)
        ev = attrs.get("evidence")
        if isinstance(ev, str):
            try:
                attrs["evidence"] = json.loads(ev) if ev else []
            except json.JSONDecodeError:
                attrs["evidence"] = [{"sentence": ev}]
        key = attrs.get("predicate") or data.get("key") or k
        g.add_edge(u, v, key=key, **attrs)
    return g
