"""networkx → one self-contained, offline, interactive HTML page (pyvis + our template).

:func:`select_view` chooses what to draw, :mod:`~graph_builder.viz.layout` places it (communities
apart, isolates in a grid), this module turns nodes and edges into vis-network items with our
``gb_*`` fields (labels, evidence, community, degree) and renders them with pyvis through
``graph_builder/viz_assets/viewer.html``. Names and evidence come from untrusted articles: they
travel as JSON inside ``<script type="application/json">`` (``<``, ``>``, ``&``, U+2028/9
escaped) and the page builds its DOM with ``textContent`` only.

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

import html
import json
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from graph_builder.analytics import SYMMETRIC, node_label
from graph_builder.errors import ConfigError
from graph_builder.viz.assets import ASSETS, assets, csp
from graph_builder.viz.layout import community_ranks, layout_positions
from graph_builder.viz.select import Selection, select_view, type_of
from graph_builder.viz.style import (
    COMMUNITY_TINTS,
    SHAPE_EXTENT,
    FORMER_COLOR,
    PREDICATE_COLORS,
    TYPE_STYLES,
    community_tint,
    predicate_color,
    shade,
    type_groups,
    type_style,
)

__all__ = ["VizSummary", "render_html", "to_html_string", "show", "script_json", "node_radius"]

LABEL_MAX = 48
#: nodes at least this important (PageRank / max) are labelled at every zoom ...
BIG_IMPORTANCE = 0.2
#: ... and so are the BIG_MIN most important ones, BIG_MAX at most
BIG_MIN, BIG_MAX = 12, 40
#: a community needs this many members for a halo, a legend entry and a cluster node
COMMUNITY_MIN = 3


@dataclass(frozen=True, slots=True)
class VizSummary:
    """What :func:`render_html` drew.

    ``nodes``/``edges`` are on the page; ``total_*`` were in the view before ``max_nodes``;
    ``not_shown`` nodes were cut by ``max_nodes`` (``left_out`` per type, in words);
    ``isolates`` are drawn but hidden until the page's toggle shows them; ``communities``
    counts those with a halo; ``focus`` is the IRI of the focused node.
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
    isolates: int = 0
    communities: int = 0
    left_out: str = ""
    left_out_by_type: dict[str, int] = field(default_factory=dict)


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


def node_radius(importance: float) -> float:
    """The drawn radius (px at zoom 1) of a node of ``importance`` in [0, 1].

    >>> node_radius(0.0), node_radius(1.0)
    (8.0, 32.0)
    """
    return round(8 + 24 * math.sqrt(max(0.0, min(1.0, importance))), 2)


# --------------------------------------------------------------------------- cleaning


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


# --------------------------------------------------------------------------- items


def _node_items(view: nx.MultiDiGraph, imp: dict[Any, float], pos: dict[Any, tuple[float, float]],
                comm: dict[Any, int], degree: dict[Any, int], focus: Any | None, hubs: set[Any]) -> list[dict[str, Any]]:
    ranked = sorted(view.nodes, key=lambda v: (-imp.get(v, 0.0), node_label(view, v), str(v)))
    linked = [v for v in ranked if degree[v] > 0]
    big = {v for i, v in enumerate(linked[:BIG_MAX]) if i < BIG_MIN or imp.get(v, 0.0) >= BIG_IMPORTANCE}
    big.update(hubs)  # each community in the legend is named on the canvas by its hub
    if focus is not None:
        big.add(focus)
    rank = {v: i for i, v in enumerate(ranked)}
    has_relations = any(degree[v] for v in view.nodes)  # with none at all, the isolates are the graph
    items = []
    for v, a in view.nodes(data=True):
        label = node_label(view, v)
        typ = type_of(view, v)
        style = type_style(typ)
        aliases = _aliases(a.get("aliases"))
        mentions = int(_num(a.get("mentions"), 0))
        tip = [label, f"{typ} \u00b7 {mentions} article{'s' if mentions != 1 else ''} \u00b7 "
                      f"{degree[v]} relation{'s' if degree[v] != 1 else ''}"]
        if aliases:
            tip.append("aka " + ", ".join(aliases[:6]))
        x, y = pos.get(v, (0.0, 0.0))
        items.append({
            "id": str(v),
            "group": typ,
            "shape": style.shape,
            "size": node_radius(imp.get(v, 0.0)),
            "title": "\n".join(tip),
            "x": round(x, 1),
            "y": round(y, 1),
            "hidden": degree[v] == 0 and has_relations,
            "gb_label": label,
            "gb_short": _short(label) or " ",
            "gb_type": typ,
            "gb_aliases": aliases,
            "gb_wikidata": _text(a.get("wikidata")),
            "gb_mentions": mentions,
            "gb_importance": round(imp.get(v, 0.0), 4),
            "gb_rank": rank[v],
            "gb_degree": degree[v],
            "gb_community": comm.get(v, -1),
            "gb_big": v in big,
            "gb_extent": round(node_radius(imp.get(v, 0.0)) * SHAPE_EXTENT.get(style.shape, 1.0), 2),
            "gb_rounds": _rounds(a.get("rounds")),
            "gb_rounds_in": _rounds(a.get("rounds_in")),
        })
    return items


def _rounds(rounds: Any) -> list[dict[str, Any]]:
    """Funding rounds of a node as the panel shows them (texts from articles kept as text)."""
    out = []
    for r in (rounds or [])[:20]:
        out.append({"company": _text(r.get("company")), "type": _text(r.get("type")), "amount": r.get("amount"),
                    "currency": _text(r.get("currency")), "date": _text(r.get("date")),
                    "article": _text(r.get("article")), "title": _text(r.get("title")), "url": _text(r.get("url")),
                    "leads": [str(x) for x in r.get("leads", [])][:20],
                    "investors": [str(x) for x in r.get("investors", [])][:40],
                    "sentences": [str(x) for x in r.get("sentences", [])][:4], "lead": bool(r.get("lead"))})
    return out


def _edge_items(view: nx.MultiDiGraph) -> list[dict[str, Any]]:
    pair_count: dict[frozenset[Any], int] = {}
    items = []
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
        color = predicate_color(pred, former)
        item: dict[str, Any] = {
            "id": f"e{i}",
            "from": str(u),
            "to": str(v),
            "title": tip,
            "color": {"color": color, "highlight": color, "hover": color},
        }
        # only what differs from the edge defaults of _options: fewer options to parse per edge
        if former:
            item["dashes"] = True
            item["color"]["opacity"] = 0.75
        width = round(1 + math.log1p(max(support, 1) - 1), 2)
        if width != 1:
            item["width"] = width
        if sym:
            item["arrows"] = {"to": {"enabled": False}}
        if nth:
            item["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                              "roundness": 0.15 * ((nth + 1) // 2)}
        item.update({
            "gb_predicate": pred,
            "gb_symmetric": sym,
            "gb_former": former,
            "gb_confidence": round(conf, 4),
            "gb_support": support,
            "gb_evidence": evidence,
        })
        items.append(item)
    return items


def _options(n: int, types: list[str]) -> dict[str, Any]:
    big = n > 1000
    return {
        "groups": type_groups(types),
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
            "multiselect": False,
            "navigationButtons": False,
            "zoomSpeed": 0.7,
        },
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3, "physics": False,
                  "font": {"size": 0}},
        "edges": {"smooth": False, "physics": False, "selectionWidth": 2, "hoverWidth": 1.5, "width": 1,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "dashes": False,
                  "color": {"opacity": 0.9},
                  "font": {"size": 11, "face": "system-ui, sans-serif", "color": "#333", "strokeWidth": 4,
                           "align": "middle"}},
    }


# --------------------------------------------------------------------------- meta


def _communities_meta(view: nx.MultiDiGraph, comm: dict[Any, int], imp: dict[Any, float]) -> list[dict[str, Any]]:
    members: dict[int, list[Any]] = {}
    for v, c in comm.items():
        if c >= 0:
            members.setdefault(c, []).append(v)
    out = []
    for c in sorted(members):
        vs = sorted(members[c], key=lambda v: (-imp.get(v, 0.0), node_label(view, v)))
        if len(vs) < COMMUNITY_MIN:
            continue
        out.append({
            "id": c,
            "size": len(vs),
            "name": " \u00b7 ".join(_short(node_label(view, v)) for v in vs[:2]),
            "hub": str(vs[0]),
            "hub_node": vs[0],
            "color": community_tint(c),
            "border": shade(community_tint(c), 0.35),
        })
    return out


def _meta(sel: Selection, view: nx.MultiDiGraph, title: str, depth: int, importance: str, layout: str,
          comm: dict[Any, int], degree: dict[Any, int]) -> dict[str, Any]:
    type_counts: dict[str, int] = {}
    for v in view.nodes:
        type_counts[type_of(view, v)] = type_counts.get(type_of(view, v), 0) + 1
    pred_counts: dict[str, int] = {}
    for _u, _v, k, a in view.edges(keys=True, data=True):
        p = str(a.get("predicate") or k)
        pred_counts[p] = pred_counts.get(p, 0) + 1
    types = [*TYPE_STYLES, *sorted(t for t in type_counts if t not in TYPE_STYLES)]
    preds = [*PREDICATE_COLORS, *sorted(p for p in pred_counts if p not in PREDICATE_COLORS)]
    cut = None
    if sel.max_nodes is not None and sel.not_shown:
        cut = {"max_nodes": sel.max_nodes, "left_out": sel.left_out, "left_out_edges": sel.left_out_edges,
               "text": sel.left_out_text()}
    return {
        "title": title,
        "total_nodes": sel.total_nodes,
        "total_edges": sel.total_edges,
        "not_shown": sel.not_shown,
        "cut": cut,
        "focus": str(sel.focus) if sel.focus is not None else None,
        "focus_label": node_label(view, sel.focus) if sel.focus is not None else None,
        "depth": depth,
        "importance": importance,
        "layout": layout,
        "isolates": sum(1 for v in view.nodes if degree[v] == 0),
        "legend_communities": len(COMMUNITY_TINTS),
        "former_color": FORMER_COLOR,
        "types": [
            {"name": t, "shape": type_style(t).shape, "color": type_style(t).color, "symbol": type_style(t).symbol,
             "count": type_counts.get(t, 0)}
            for t in types
            if type_counts.get(t)
        ],
        "predicates": [
            {"name": p, "color": predicate_color(p), "symmetric": p in SYMMETRIC, "count": pred_counts.get(p, 0)}
            for p in preds
            if pred_counts.get(p)
        ],
        "communities": _communities_meta(view, comm, {v: float(x) for v, x in sel.importance.items()}),
    }


# --------------------------------------------------------------------------- page


def _render(items: dict[str, Any], meta: dict[str, Any], title: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    a = assets()

    def payload(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str) -> Markup:
        return Markup(script_json({"nodes": nodes, "edges": edges, "options": json.loads(options), "meta": meta}))

    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=select_autoescape(default=True))
    env.globals.update(
        gb_payload=payload,
        gb_csp=csp(a.vis_js, a.viewer_js),
        gb_vis_js=Markup(a.vis_js),
        gb_vis_css=Markup(a.vis_css),
        gb_viewer_js=Markup(a.viewer_js),
        gb_viewer_css=Markup(a.viewer_css),
        gb_pyvis_version=a.pyvis_version,
    )
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    # pyvis renders its data (nodes, edges, options, heading) through our template; the items
    # are built above, so pyvis's per-item checks (quadratic in the node count) are skipped
    net.nodes, net.edges = items["nodes"], items["edges"]
    net.node_ids = [n["id"] for n in items["nodes"]]
    net.node_map = {n["id"]: n for n in items["nodes"]}
    net.options = items["options"]
    net.heading = title
    net.templateEnv = env
    net.template_dir = str(ASSETS)
    net.path = "viewer.html"
    return str(net.generate_html(name="graph.html"))


def _page(
    g: nx.Graph,
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
    sel = select_view(g, max_nodes=max_nodes, focus=focus, depth=depth, importance=importance)  # type: ignore[arg-type]
    view, imp = sel.graph, sel.importance
    loops: dict[Any, int] = {}
    for v, _w in nx.selfloop_edges(view):
        loops[v] = loops.get(v, 0) + 1
    degree = {v: view.degree(v) - loops.get(v, 0) for v in view.nodes}  # relations, a self-loop once
    comm = community_ranks(view, seed)
    radii = {v: node_radius(imp.get(v, 0.0)) * SHAPE_EXTENT.get(type_style(type_of(view, v)).shape, 1.0) for v in view}
    pos, layout = layout_positions(view, seed=seed, radii=radii, communities=comm)
    page_title = title or str(g.graph.get("title") or "Knowledge graph")
    meta = _meta(sel, view, page_title, depth, importance, layout, comm, degree)
    hubs = {c["hub_node"] for c in meta["communities"][: len(COMMUNITY_TINTS)]}
    for c in meta["communities"]:
        del c["hub_node"]
    items = {"nodes": _node_items(view, imp, pos, comm, degree, sel.focus, hubs), "edges": _edge_items(view),
             "options": _options(view.number_of_nodes(), sorted({type_of(view, v) for v in view}))}
    info = {
        "title": page_title,
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
        "total_nodes": sel.total_nodes,
        "total_edges": sel.total_edges,
        "not_shown": sel.not_shown,
        "focus": sel.focus,
        "layout": layout,
        "isolates": meta["isolates"],
        "communities": len(meta["communities"]),
        "left_out": sel.left_out_text(),
        "left_out_by_type": dict(sel.left_out),
    }
    return _render(items, meta, page_title), info


def to_html_string(
    g: nx.Graph,
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
    g: nx.Graph,
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
    ``depth`` hops; ``max_nodes`` keeps a share of each entity type, best connected first
    (``importance``: PageRank or mentions), and the page says what was left out. The file
    works offline from file://.

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
    g: nx.Graph,
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
        'border:1px solid #ddd" sandbox="allow-scripts allow-downloads allow-popups '
        'allow-popups-to-escape-sandbox"></iframe></div>'
    )
