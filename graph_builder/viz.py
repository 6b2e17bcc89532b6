"""networkx → one self-contained, offline, interactive HTML viewer, built with pyvis.

pyvis 0.3.2 (:class:`pyvis.network.Network`) collects the nodes, edges and vis-network options
and renders them through our own Jinja template (``graph_builder/viz_assets/viewer.html``): the
vis-network library, its CSS and the viewer script are inlined, nothing is fetched from a CDN,
and a Content-Security-Policy (script hashes, ``default-src 'none'``) stops the page from making
any request. Names and evidence come from untrusted articles: they travel as JSON inside
``<script type="application/json">`` (``<``, ``>``, ``&``, U+2028/9 escaped) and the page builds
its panel with ``textContent`` only.

Positions are precomputed (networkx ``spring_layout`` with a seed up to 500 nodes, a fast
grid-pruned force layout above) and physics is off, so the page is interactive at once.

Example
-------
>>> import networkx as nx, tempfile, os
>>> g = nx.MultiDiGraph(title="Demo")
>>> g.add_node("e:a", label="Arthur Mensch", type="Person", aliases=[], wikidata=None, mentions=1)
>>> g.add_node("e:m", label="Mistral AI", type="Organization", aliases=["Mistral"], wikidata="Q116", mentions=2)
>>> _ = g.add_edge("e:a", "e:m", key="ceoOf", predicate="ceoOf", former=False, confidence=0.9,
...                support=1, evidence=[{"sentence": "Arthur Mensch dirige Mistral AI.", "article": "a:1"}])
>>> s = render_html(g, os.path.join(tempfile.mkdtemp(), "g.html"))
>>> (s.nodes, s.edges, s.not_shown)
(2, 1, 0)
>>> "cdn.jsdelivr" in to_html_string(g)
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np

from graph_builder.analytics import SYMMETRIC, ego, importance as node_importance, node_label
from graph_builder.errors import ConfigError

__all__ = [
    "VizSummary",
    "TYPE_STYLES",
    "PREDICATE_COLORS",
    "render_html",
    "to_html_string",
    "show",
    "layout_positions",
    "script_json",
]

ASSETS = Path(__file__).resolve().parent / "viz_assets"

#: entity type -> (vis-network shape, colour, legend symbol)
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Person": ("dot", "#4C78A8", "\u25cf"),
    "Organization": ("square", "#F58518", "\u25a0"),
    "Product": ("triangle", "#54A24B", "\u25b2"),
    "Place": ("diamond", "#B279A2", "\u25c6"),
}
OTHER_STYLE: tuple[str, str, str] = ("dot", "#9D9D9D", "\u25cf")

#: predicate -> edge colour (former relations are grey and dashed whatever their predicate)
PREDICATE_COLORS: dict[str, str] = {
    "founderOf": "#E45756",
    "ceoOf": "#D62728",
    "worksFor": "#4C78A8",
    "investorIn": "#2CA02C",
    "acquired": "#9467BD",
    "subsidiaryOf": "#8C564B",
    "partnerOf": "#17BECF",
    "competitorOf": "#FF7F0E",
    "develops": "#54A24B",
    "basedIn": "#7F7F7F",
}
FORMER_COLOR = "#B0B0B0"
SPRING_MAX_NODES = 500
LABEL_MAX = 48


@dataclass(frozen=True, slots=True)
class VizSummary:
    """What :func:`render_html` drew.

    ``nodes``/``edges`` are on the page; ``total_*`` were in the view before ``max_nodes``;
    ``not_shown`` nodes were cut by ``max_nodes``; ``focus`` is the IRI of the focused node.
    """

    path: Path | None
    title: str
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    not_shown: int
    focus: str | None
    layout: str
    seconds: float
    bytes: int


# --------------------------------------------------------------------------- layout


def _spectral_start(und: nx.Graph, rng: np.random.Generator) -> np.ndarray:
    """Spectral positions of one connected graph, spread to uniform density (edge length ~1)."""
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


def _fast_layout(g: nx.Graph, seed: int, iterations: int = 80) -> dict[Any, tuple[float, float]]:
    """Each connected component laid out on its own (spectral start, then a cutoff
    Fruchterman-Reingold, O(n + m) per iteration), then packed on a sunflower spiral around
    the largest one. Units: ideal edge length 1.
    """
    rng = np.random.default_rng(seed)
    out: dict[Any, tuple[float, float]] = {}
    placed_r0, area = 0.0, 0.0
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(g)), key=len, reverse=True)
    for i, nodes in enumerate(comps):
        size = len(nodes)
        if size == 1:
            local = np.zeros((1, 2))
        elif size <= 40:
            sp = nx.spring_layout(g.subgraph(nodes), seed=seed, scale=0.6 * math.sqrt(size))
            local = np.array([sp[v] for v in nodes], dtype=float)
        else:
            idx = {v: j for j, v in enumerate(nodes)}
            und = nx.Graph()
            und.add_nodes_from(range(size))
            und.add_edges_from((idx[u], idx[v]) for u, v in g.subgraph(nodes).edges() if u != v)
            local = _fr(und, _spectral_start(und, rng), iterations)
        local = local - local.mean(axis=0)
        r = float(np.hypot(local[:, 0], local[:, 1]).max()) + 0.6
        if i == 0:
            placed_r0, center = r + 0.6, np.zeros(2)
        else:
            area += math.pi * r * r * 1.3
            rho = math.sqrt(placed_r0 * placed_r0 + area / math.pi) + r * 0.5
            angle = i * 2.399963229728653  # the golden angle
            center = np.array([math.cos(angle), math.sin(angle)]) * rho
        for v, (x, y) in zip(nodes, local + center):
            out[v] = (float(x), float(y))
    return out


def layout_positions(g: nx.Graph, *, seed: int = 0) -> tuple[dict[Any, tuple[float, float]], str]:
    """Pixel positions for every node and the layout's name (``"spring"`` or ``"fast"``).

    Up to 500 nodes: ``networkx.spring_layout`` (seeded) on the undirected simple projection;
    above, a fast grid-pruned force layout. Scaled so neighbours sit ~120 px apart.

    >>> pos, how = layout_positions(nx.path_graph(3))
    >>> (len(pos), how)
    (3, 'spring')
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}, "none"
    if n == 1:
        return {next(iter(g.nodes)): (0.0, 0.0)}, "single"
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    if n <= SPRING_MAX_NODES:
        raw = nx.spring_layout(simple, seed=seed, scale=1.0)
        spread = 60.0 * math.sqrt(n) + 120.0
        pos = {v: (float(p[0]) * spread, float(p[1]) * spread) for v, p in raw.items()}
        return pos, "spring"
    raw2 = _fast_layout(simple, seed)
    return {v: (x * 160.0, y * 160.0) for v, (x, y) in raw2.items()}, "fast"


# --------------------------------------------------------------------------- data


def script_json(obj: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and U+2028/9 are escaped so no data can close the element.

    >>> script_json({"name": "</script><img src=x>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), default=str, allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _num(x: Any, default: float = 0.0) -> float:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


def _text(x: Any) -> str | None:
    if x is None:
        return None
    return str(x)


def _aliases(x: Any) -> list[str]:
    if not x:
        return []
    if isinstance(x, str):
        return [a.strip() for a in x.split(";") if a.strip()]
    return [str(a) for a in x]


def _short(s: str) -> str:
    return s if len(s) <= LABEL_MAX else s[: LABEL_MAX - 1] + "\u2026"


def _clean_evidence(ev: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for e in ev or []:
        if not isinstance(e, dict):
            continue
        out.append(
            {
                "sentence": _text(e.get("sentence")) or "",
                "article": _text(e.get("article")),
                "title": _text(e.get("title")),
                "published": _text(e.get("published")),
                "url": _text(e.get("url")),
                "confidence": _num(e.get("confidence"), 0.0) if e.get("confidence") is not None else None,
                "rule": _text(e.get("rule")),
                "former": bool(e.get("former", False)),
            }
        )
    out.sort(key=lambda e: -(e["confidence"] or 0.0))
    return out


def _select(
    g: nx.MultiDiGraph,
    *,
    max_nodes: int | None,
    focus: str | None,
    depth: int,
    importance: str,
) -> tuple[nx.MultiDiGraph, dict[str, float], int, str | None, int, int]:
    """The view to draw: (graph, importance, not_shown, focus IRI, total nodes, total edges)."""
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
    imp = node_importance(view, importance)  # type: ignore[arg-type]
    total_n, total_e = view.number_of_nodes(), view.number_of_edges()
    not_shown = 0
    if max_nodes is not None and total_n > max_nodes:
        order = sorted(view.nodes, key=lambda v: (-imp.get(v, 0.0), node_label(view, v), str(v)))
        keep = order[:max_nodes]
        if focus_iri is not None and focus_iri not in keep:
            keep = [focus_iri, *keep[: max_nodes - 1]]
        view = view.subgraph(keep).copy()
        view.graph.update(g.graph)
        not_shown = total_n - len(keep)
        imp = {v: imp[v] for v in keep}
    return view, imp, not_shown, focus_iri, total_n, total_e


def _build_network(view: nx.MultiDiGraph, imp: dict[str, float], pos: dict[Any, tuple[float, float]]) -> Any:
    from pyvis.network import Network

    n = view.number_of_nodes()
    big = n > 1000
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for v, a in view.nodes(data=True):
        label = node_label(view, v)
        typ = str(a.get("type") or "Other")
        shape, color, _sym = TYPE_STYLES.get(typ, OTHER_STYLE)
        aliases = _aliases(a.get("aliases"))
        mentions = int(_num(a.get("mentions"), 0))
        wd = _text(a.get("wikidata"))
        tip = [label, f"{typ} \u00b7 {mentions} article{'s' if mentions != 1 else ''}"]
        if aliases:
            tip.append("aka " + ", ".join(aliases[:6]))
        x, y = pos.get(v, (0.0, 0.0))
        net.add_node(
            str(v),
            label=_short(label) or " ",
            shape=shape,
            color=color,
            size=round(8 + 24 * math.sqrt(imp.get(v, 0.0)), 2),
            title="\n".join(tip),
            x=round(x, 1),
            y=round(y, 1),
            physics=False,
            gb_label=label,
            gb_type=typ,
            gb_aliases=aliases,
            gb_wikidata=wd,
            gb_mentions=mentions,
            gb_importance=round(imp.get(v, 0.0), 4),
        )
    # parallel edges between one pair are curved apart
    pair_count: dict[frozenset[Any], int] = {}
    for i, (u, v, k, a) in enumerate(view.edges(keys=True, data=True)):
        pred = str(a.get("predicate") or k)
        sym = pred in SYMMETRIC
        former = bool(a.get("former", False))
        conf = _num(a.get("confidence"), 0.0)
        evidence = _clean_evidence(a.get("evidence"))
        support = int(_num(a.get("support"), len(evidence)))
        pair = frozenset((u, v))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        su, so = node_label(view, u), node_label(view, v)
        tip = f"{su} \u2014{pred}\u2192 {so}" if not sym else f"{su} \u2014{pred}\u2014 {so}"
        tip += f"\nconfidence {conf:.2f} \u00b7 {support} article{'s' if support != 1 else ''}"
        if former:
            tip += " \u00b7 former"
        if evidence:
            s = evidence[0]["sentence"]
            tip += "\n\u201c" + (s if len(s) <= 240 else s[:239] + "\u2026") + "\u201d"
        color = FORMER_COLOR if former else PREDICATE_COLORS.get(pred, "#888888")
        smooth: Any = False
        if nth:
            smooth = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW", "roundness": 0.15 * ((nth + 1) // 2)}
        net.add_edge(
            str(u),
            str(v),
            id=f"e{i}",
            label=pred,
            title=tip,
            color={"color": color, "highlight": color, "hover": color, "opacity": 0.85 if not former else 0.7},
            dashes=former,
            width=round(1 + math.log1p(max(support, 1) - 1), 2),
            arrows={"to": {"enabled": not sym, "scaleFactor": 0.5}},
            smooth=smooth,
            physics=False,
            gb_predicate=pred,
            gb_symmetric=sym,
            gb_former=former,
            gb_confidence=round(conf, 4),
            gb_support=support,
            gb_evidence=evidence,
        )
    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
            "multiselect": False,
            "navigationButtons": False,
        },
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 3},
            "selectionWidth": 2,
        },
    }
    return net


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    import pyvis

    vis_dir = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    missing = [p for p in (vis_dir / "vis-network.min.js", vis_dir / "vis-network.css") if not p.is_file()]
    if missing:
        raise ConfigError(f"pyvis is missing {missing[0]}; reinstall pyvis==0.3.2")
    # no source-map comments: nothing in the page may point at another resource
    strip = re.compile(r"^\s*(//[#@] sourceMappingURL=.*|/\*# sourceMappingURL=.*\*/)\s*$", re.M)
    vis_js = strip.sub("", (vis_dir / "vis-network.min.js").read_text(encoding="utf-8"))
    viewer_js = (ASSETS / "viewer.js").read_text(encoding="utf-8")
    for name, js in (("vis-network.min.js", vis_js), ("viewer.js", viewer_js)):
        if "</script" in js.lower():
            raise ConfigError(f"{name} contains '</script' and cannot be inlined")
    return {
        "vis_js": vis_js,
        "vis_css": strip.sub("", (vis_dir / "vis-network.css").read_text(encoding="utf-8")),
        "viewer_js": viewer_js,
        "viewer_css": (ASSETS / "viewer.css").read_text(encoding="utf-8"),
        "pyvis_version": getattr(pyvis, "__version__", "?"),
    }


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _render(net: Any, meta: dict[str, Any]) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    assets = _assets()

    def payload(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str) -> Markup:
        return Markup(script_json({"nodes": nodes, "edges": edges, "options": json.loads(options), "meta": meta}))

    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=select_autoescape(default=True))
    env.globals.update(
        gb_payload=payload,
        gb_csp=_csp(assets["vis_js"], assets["viewer_js"]),
        gb_vis_js=Markup(assets["vis_js"]),
        gb_vis_css=Markup(assets["vis_css"]),
        gb_viewer_js=Markup(assets["viewer_js"]),
        gb_viewer_css=Markup(assets["viewer_css"]),
        gb_pyvis_version=assets["pyvis_version"],
    )
    # pyvis renders its data (nodes, edges, options, heading) through our template
    net.templateEnv = env
    net.template_dir = str(ASSETS)
    net.path = "viewer.html"
    return str(net.generate_html(name="graph.html"))


def _as_multidigraph(g: nx.Graph) -> nx.MultiDiGraph:
    """Any networkx graph as the contract's MultiDiGraph (one edge per undirected edge)."""
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.add_nodes_from(g.nodes(data=True))
    rows = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, k, d in rows:
        key = d.get("predicate") or (k if isinstance(k, str) else "related")
        h.add_edge(u, v, key=key, **{"predicate": key, **d})
    return h


def _page(
    g: nx.MultiDiGraph,
    *,
    title: str | None,
    max_nodes: int | None,
    focus: str | None,
    depth: int,
    importance: str,
    seed: int,
) -> tuple[str, dict[str, Any]]:
    if not isinstance(g, nx.Graph):
        raise ConfigError(f"expected a networkx graph, got {type(g).__name__}")
    if not (g.is_multigraph() and g.is_directed()):
        g = _as_multidigraph(g)
    view, imp, not_shown, focus_iri, total_n, total_e = _select(
        g, max_nodes=max_nodes, focus=focus, depth=depth, importance=importance
    )
    pos, layout = layout_positions(view, seed=seed)
    net = _build_network(view, imp, pos)
    page_title = title or str(g.graph.get("title") or "Knowledge graph")
    net.heading = page_title
    type_counts: dict[str, int] = {}
    for _v, a in view.nodes(data=True):
        t = str(a.get("type") or "Other")
        type_counts[t] = type_counts.get(t, 0) + 1
    pred_counts: dict[str, int] = {}
    for _u, _v, k, a in view.edges(keys=True, data=True):
        p = str(a.get("predicate") or k)
        pred_counts[p] = pred_counts.get(p, 0) + 1
    types = [*TYPE_STYLES, *sorted(t for t in type_counts if t not in TYPE_STYLES)]
    preds = [*PREDICATE_COLORS, *sorted(p for p in pred_counts if p not in PREDICATE_COLORS)]
    meta = {
        "title": page_title,
        "total_nodes": total_n,
        "total_edges": total_e,
        "not_shown": not_shown,
        "not_shown_reason": f"--max-nodes {max_nodes}, least important first" if not_shown else "",
        "focus": focus_iri,
        "focus_label": node_label(view, focus_iri) if focus_iri else None,
        "depth": depth,
        "importance": importance,
        "layout": layout,
        "types": [
            {"name": t, "shape": TYPE_STYLES.get(t, OTHER_STYLE)[0], "color": TYPE_STYLES.get(t, OTHER_STYLE)[1],
             "symbol": TYPE_STYLES.get(t, OTHER_STYLE)[2], "count": type_counts.get(t, 0)}
            for t in types
            if type_counts.get(t) or t in TYPE_STYLES
        ],
        "predicates": [
            {"name": p, "color": PREDICATE_COLORS.get(p, "#888888"), "symmetric": p in SYMMETRIC,
             "count": pred_counts.get(p, 0)}
            for p in preds
            if pred_counts.get(p)
        ],
    }
    info = {
        "title": page_title,
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
        "total_nodes": total_n,
        "total_edges": total_e,
        "not_shown": not_shown,
        "focus": focus_iri,
        "layout": layout,
    }
    return _render(net, meta), info


def to_html_string(
    g: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    importance: Literal["pagerank", "mentions"] = "pagerank",
    seed: int = 0,
) -> str:
    """The viewer page as a string (same options as :func:`render_html`).

    >>> "<script type=\\"application/json\\" id=\\"gb-data\\">" in to_html_string(nx.MultiDiGraph())
    True
    """
    page, _info = _page(g, title=title, max_nodes=max_nodes, focus=focus, depth=depth, importance=importance, seed=seed)
    return page


def render_html(
    g: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    importance: Literal["pagerank", "mentions"] = "pagerank",
    seed: int = 0,
) -> VizSummary:
    """Write the interactive viewer of ``g`` to ``path`` (atomically) and say what was drawn.

    ``focus`` (a label, alias or IRI; case/accent-insensitive) draws the ego network within
    ``depth`` hops; ``max_nodes`` keeps the most important nodes (``importance``: PageRank or
    mentions) and the page says how many were left out. The file works offline from file://.

    >>> import tempfile, os
    >>> g = nx.MultiDiGraph(); g.add_node("e:x", label="X", type="Place")
    >>> render_html(g, os.path.join(tempfile.mkdtemp(), "x.html"), title="One").nodes
    1
    """
    t0 = time.perf_counter()
    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"{target} is a directory; give a file name such as {target / 'graph.html'}")
    if not target.parent.is_dir():
        raise ConfigError(f"{target.parent}: no such directory; create it or choose another -o path")
    page, info = _page(g, title=title, max_nodes=max_nodes, focus=focus, depth=depth, importance=importance, seed=seed)
    data = page.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write here ({exc.strerror or exc}); choose another -o path") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"{target}: writing failed ({exc.strerror or exc}); the previous file, if any, "
                          "is unchanged — free some space or choose another -o path") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return VizSummary(path=target, seconds=round(time.perf_counter() - t0, 3), bytes=len(data), **info)


def show(
    g: nx.MultiDiGraph,
    *,
    height: int = 650,
    title: str | None = None,
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    importance: Literal["pagerank", "mentions"] = "pagerank",
    seed: int = 0,
) -> Any:
    """The viewer inline in a notebook: an ``IPython.display.HTML`` holding an ``<iframe srcdoc>``.

    >>> h = show(nx.MultiDiGraph(title="empty"))
    >>> h.data.startswith('<div class="gb-viewer"><iframe srcdoc=')
    True
    """
    from IPython.display import HTML

    page = to_html_string(g, title=title, max_nodes=max_nodes, focus=focus, depth=depth, importance=importance, seed=seed)
    doc = html.escape(page, quote=True)
    return HTML(
        f'<div class="gb-viewer"><iframe srcdoc="{doc}" style="width:100%;height:{int(height)}px;'
        'border:1px solid #ddd" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox">'
        "</iframe></div>"
    )
