"""The viewer stays readable at a thousand nodes: checked in headless Chromium on the demo graph
(data/articles/) and on a generated news-like graph of 1,000 entities.

Isolates hidden, the view fitted and re-fitted, entities a filter leaves alone hidden, the
neighbourhood highlight, search suggestions, labels that never overlap (measured from the node
positions and the label boxes the page drew), every type under --max-nodes, communities that
collapse and expand, PNG export. Skipped with the reason when Chromium is absent.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import networkx as nx
import pytest
from viz_support import Opened, png_colours, png_size

from graph_builder.analytics import fold
from graph_builder.viz import render_html
from graph_builder.viz.synthetic import synthetic_graph

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 1400, 900


@dataclass(frozen=True)
class Case:
    name: str
    graph: nx.MultiDiGraph
    path: Path


def relations(g: nx.MultiDiGraph, v: Any) -> int:
    return sum(1 for u, w in itertools.chain(g.out_edges(v), g.in_edges(v)) if u != w)


def neighbours(g: nx.MultiDiGraph, nodes: set[Any]) -> set[Any]:
    out = set(nodes)
    for v in nodes:
        out.update(g.successors(v))
        out.update(g.predecessors(v))
    return out


@pytest.fixture(scope="module", params=["demo", "synthetic-1000"])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Case:
    g = request.getfixturevalue("demo_graph") if request.param == "demo" else synthetic_graph(1000)
    path = tmp_path_factory.mktemp("readable") / f"{request.param}.html"
    render_html(g, path)
    return Case(request.param, g, path)


@pytest.fixture()
def viewer(browser: Any, case: Case) -> Iterator[Opened]:
    o = Opened(browser, case.path, WIDTH, HEIGHT)
    yield o
    assert o.blocked == [], f"the page tried to reach the network: {o.blocked}"
    assert o.errors == [], o.errors
    o.close()


def assert_fitted(o: Opened) -> dict[str, dict[str, float]]:
    """Every drawn node is inside the canvas, and what is drawn fills it in one direction
    (unless the view is at the fit's largest zoom: a few nodes are not blown up)."""
    o.idle()
    pos = o.dom()
    w, h = o.canvas_size()
    assert pos, "nothing drawn"
    outside = [v for v, p in pos.items() if not (0 <= p["x"] <= w and 0 <= p["y"] <= h)]
    assert not outside, f"{len(outside)} drawn nodes outside the view, e.g. {outside[:3]}"
    if len(pos) > 2:
        xs, ys = [p["x"] for p in pos.values()], [p["y"] for p in pos.values()]
        fill = max((max(xs) - min(xs)) / w, (max(ys) - min(ys)) / h)
        capped = o.js("() => gbViewer.network.getScale() >= gbViewer.V.visibilityModule.maxFitScale - 1e-6")
        assert fill > 0.7 or capped, f"the drawn nodes fill only {fill:.0%} of the view"
    return pos


# --------------------------------------------------------------------------- first view


def test_isolates_are_hidden_with_a_toggle_and_a_count(viewer: Opened, case: Case) -> None:
    g = case.graph
    isolates = {v for v in g if relations(g, v) == 0}
    assert isolates, "the test graphs have entities without relations"
    ds = viewer.dataset()
    assert int(ds["isolates"]) == len(isolates)
    drawn = viewer.drawn()
    assert not drawn & isolates and len(drawn) == g.number_of_nodes() - len(isolates)
    assert f"{len(isolates)} without relations hidden" in viewer.page.inner_text("#gb-counts")
    assert viewer.page.inner_text("#gb-isolates-label") == f"show {len(isolates)} entities without relations"
    viewer.page.check("#gb-isolates")
    assert viewer.drawn() == set(g.nodes)
    assert_fitted(viewer)
    viewer.page.uncheck("#gb-isolates")
    assert viewer.drawn() == drawn


def test_the_view_fits_what_is_shown_and_refits_after_every_filter(viewer: Opened, case: Case) -> None:
    page = viewer.page
    assert_fitted(viewer)
    scale0 = viewer.js("() => gbViewer.network.getScale()")
    fits = int(viewer.dataset()["fits"])
    page.uncheck("#gb-types input[data-type='Person']")
    assert_fitted(viewer)
    assert int(viewer.dataset()["fits"]) == fits + 1
    page.click("#gb-reset")
    # "only" on the smallest community in the legend: a small group, zoomed in on
    row = page.locator("#gb-communities .gb-legend-row").nth(-2)
    row.hover()
    row.locator(".gb-only").click()
    pos = assert_fitted(viewer)
    assert len(pos) < 0.3 * case.graph.number_of_nodes()
    assert viewer.js("() => gbViewer.network.getScale()") > 1.5 * scale0


def test_a_filter_hides_the_entities_it_leaves_without_relations(viewer: Opened, case: Case) -> None:
    g = case.graph
    viewer.page.uncheck("#gb-preds input[data-predicate='basedIn']")
    viewer.idle()
    kept = {x for u, v, d in g.edges(data=True) if d["predicate"] != "basedIn" and u != v for x in (u, v)}
    assert viewer.drawn() == kept
    orphans = viewer.js("() => gbViewer.V.drawnIds().filter(id => !(gbViewer.V.adj.get(id) || []).length)")
    assert orphans == []
    places = [v for v in g if g.nodes[v]["type"] == "Place" and relations(g, v)]
    assert any(v not in kept for v in places)  # places known only from basedIn went away


# --------------------------------------------------------------------------- labels


def test_labels_never_overlap_and_follow_the_zoom(viewer: Opened, case: Case) -> None:
    viewer.idle()

    def check(default_zoom: bool) -> list[dict[str, Any]]:
        boxes = viewer.js("() => gbViewer.labelBoxes()")
        pos = viewer.dom()
        w, h = viewer.canvas_size()
        big = set(viewer.js("() => gbViewer.V.drawnIds().filter(id => gbViewer.V.item(id).gb_big)"))
        nodes = [b for b in boxes if b["kind"] == "node"]
        assert nodes, "no label drawn"
        for a, b in itertools.combinations(boxes, 2):
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, f"labels {a['text']!r} and {b['text']!r} overlap"
        widths = viewer.js("""(boxes) => {
            const c = document.createElement('canvas').getContext('2d');
            return boxes.map(b => { c.font = b.weight + ' ' + b.px.toFixed(1) + 'px ' + gbViewer.V.labels.font;
                                    return c.measureText(b.text).width; });
        }""", nodes)
        for b, text_w in zip(nodes, widths):
            assert b["w"] >= text_w and b["h"] >= b["px"], f"the box of {b['text']!r} is smaller than its text"
            assert 0 <= b["x"] and b["x"] + b["w"] <= w and 0 <= b["y"] and b["y"] + b["h"] <= h
            p = pos[b["id"]]
            # the label sits next to its own node: the box touches the node's disc grown by 6 px
            nx_, ny_ = min(max(p["x"], b["x"]), b["x"] + b["w"]), min(max(p["y"], b["y"]), b["y"] + b["h"])
            assert (nx_ - p["x"]) ** 2 + (ny_ - p["y"]) ** 2 <= (p["r"] + 6) ** 2, f"{b['text']!r} is away from its node"
            for other, q in pos.items():
                if other == b["id"]:
                    continue
                qx, qy = min(max(q["x"], b["x"]), b["x"] + b["w"]), min(max(q["y"], b["y"]), b["y"] + b["h"])
                covers = (qx - q["x"]) ** 2 + (qy - q["y"]) ** 2 < q["r"] ** 2
                # a big node's label may cover small nodes when nothing else is free; never a big node
                assert not covers or (b["id"] in big and other not in big), f"{b['text']!r} covers node {other}"
        if default_zoom:  # the large nodes are named (those well inside the view: a label needs room)
            inside = {v for v in big if 80 <= pos[v]["x"] <= w - 80 and 40 <= pos[v]["y"] <= h - 40}
            labelled = {b["id"] for b in nodes}
            assert len(inside & labelled) >= 0.8 * len(inside), f"large nodes lost their labels: {inside - labelled}"
        return nodes

    first = check(True)
    scale = viewer.js("() => gbViewer.network.getScale()")
    assert all(b["px"] >= 11 for b in first)  # readable at the default zoom: no 4 px text
    small_first = [b for b in first if not viewer.js("(id) => gbViewer.V.item(id).gb_big", b["id"])]
    # zoom in on the busiest place: the names of smaller nodes appear, still apart
    hub = first[0]["id"]
    viewer.js("([id, s]) => gbViewer.network.moveTo({position: gbViewer.network.getPositions([id])[id], scale: s})",
              [hub, max(1.0, scale * 3)])
    viewer.idle()
    zoomed = check(False)
    small_zoomed = [b for b in zoomed if not viewer.js("(id) => gbViewer.V.item(id).gb_big", b["id"])]
    assert len(small_zoomed) > len(small_first)


# --------------------------------------------------------------------------- relations


def test_edges_in_the_busiest_part_can_be_clicked(viewer: Opened, case: Case) -> None:
    """At zoom 1 on the largest hub, nearly every relation has a stretch no node covers."""
    hub = viewer.js("() => gbViewer.meta.communities[0].hub")
    viewer.js("(id) => gbViewer.network.moveTo({position: gbViewer.network.getPositions([id])[id], scale: 1})", hub)
    viewer.idle()
    w, h = viewer.canvas_size()
    pos = viewer.dom()
    ends = viewer.js("""() => { const V = gbViewer.V, n = V.network;
        return V.drawnEdgeIds().map(e => { const x = V.edgeItem(e), p = n.getPositions([x.from, x.to]);
            return [e, n.canvasToDOM(p[x.from]), n.canvasToDOM(p[x.to])]; }); }""")

    def spot(a: dict[str, float], b: dict[str, float]) -> dict[str, float] | None:
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            m = {"x": a["x"] + t * (b["x"] - a["x"]), "y": a["y"] + t * (b["y"] - a["y"])}
            if not (20 <= m["x"] <= w - 20 and 20 <= m["y"] <= h - 20):
                continue
            if all((m["x"] - p["x"]) ** 2 + (m["y"] - p["y"]) ** 2 > (p["r"] + 4) ** 2 for p in pos.values()):
                return m
        return None

    in_view = [(e, a, b) for e, a, b in ends
               if 20 <= (a["x"] + b["x"]) / 2 <= w - 20 and 20 <= (a["y"] + b["y"]) / 2 <= h - 20]
    free = [(e, m) for e, a, b in in_view if (m := spot(a, b)) is not None]
    assert len(in_view) >= 10 and len(free) >= 0.9 * len(in_view), f"{len(free)} of {len(in_view)} edges clickable"
    edge, mid = free[0]
    box = viewer.page.locator("#mynetwork").bounding_box()
    viewer.page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    viewer.wait("document.body.dataset.panel === 'edge'")
    assert viewer.js("() => gbViewer.V.hl && gbViewer.V.hl.edges.size") == 1


# --------------------------------------------------------------------------- neighbourhoods


def test_click_highlights_the_neighbours_double_click_one_more_hop_escape_resets(viewer: Opened, case: Case) -> None:
    g = case.graph
    hub = viewer.js("() => gbViewer.meta.communities[0].hub")

    def state() -> tuple[set[str], set[str]]:
        hl = set(viewer.js("() => gbViewer.V.hl ? Array.from(gbViewer.V.hl.nodes) : []"))
        dim = set(viewer.js("() => gbViewer.V.drawnIds().filter(id => gbViewer.V.opacityOf(id) < 1)"))
        # relations: those inside the neighbourhood keep their opacity, the others fade
        faded, expected, kept = viewer.js("""() => {
            const V = gbViewer.V, inside = V.hl ? V.hl.edges : null;
            const faded = V.drawnEdgeIds().filter(e => V.opacityOf(e) < 0.5);
            const expected = inside ? V.drawnEdgeIds().filter(e => !inside.has(e)) : [];
            const kept = V.drawnEdgeIds().filter(e => !inside || inside.has(e))
                .every(e => V.opacityOf(e) === (V.edge[e].gb_former ? 0.75 : 0.9));
            return [faded.length, expected.length, kept];
        }""")
        assert faded == expected and kept
        return hl, dim

    viewer.click_node(hub)
    viewer.wait(f"document.body.dataset.highlight === {hub!r}")
    one = neighbours(g, {hub})
    hl, dim = state()
    assert hl == one and dim == viewer.drawn() - one
    assert viewer.dataset()["panel"] == "node"
    names = {b["text"] for b in viewer.js("() => gbViewer.labelBoxes()") if b["kind"] == "edge"}
    assert names and names <= {d["predicate"] + (" (former)" if d["former"] else "") for _u, _v, d in g.edges(data=True)}
    viewer.click_node(hub, double=True)
    viewer.wait("document.body.dataset.hlDepth === '2'")
    hl, dim = state()
    assert hl == neighbours(g, one) and dim == viewer.drawn() - hl
    viewer.page.keyboard.press("Escape")
    viewer.wait("document.body.dataset.highlight === ''")
    assert state() == (set(), set())
    assert viewer.dataset()["panel"] == "" and viewer.page.is_hidden("#gb-panel")
    assert_fitted(viewer)


def test_search_proposes_partial_accent_insensitive_matches(viewer: Opened, case: Case) -> None:
    g = case.graph
    linked = [v for v in g if relations(g, v)]
    accented = [v for v in linked if fold(g.nodes[v]["label"]) != g.nodes[v]["label"].casefold()]
    target = max(accented or linked, key=lambda v: (relations(g, v), str(v)))
    label = g.nodes[target]["label"]
    typed = fold(label)[2:]  # no accents, no capitals, the first letters missing
    page = viewer.page
    page.fill("#gb-search", typed)
    viewer.wait("!document.getElementById('gb-suggest').hidden")
    options = page.locator("#gb-suggest li")
    names = [options.nth(i).locator(".gb-sug-name").inner_text() for i in range(options.count())]
    assert label in names and len(names) <= 8
    options.nth(names.index(label)).dispatch_event("mousedown")
    viewer.wait(f"document.body.dataset.focused === {target!r}")
    assert viewer.dataset()["highlight"] == target
    assert page.inner_text("#gb-panel h2") == label
    viewer.idle()
    # the neighbourhood is in view, or, when that would make it unreadable, the entity is centred
    # at a zoom where every name can be drawn
    pos = viewer.dom(sorted(neighbours(g, {target})))
    w, h = viewer.canvas_size()
    everything = all(0 <= p["x"] <= w and 0 <= p["y"] <= h for p in pos.values())
    scale = viewer.js("() => gbViewer.network.getScale()")
    centred = abs(pos[target]["x"] - w / 2) < 2 and abs(pos[target]["y"] - h / 2) < 2
    assert everything or (centred and scale >= viewer.js("() => gbViewer.V.visibilityModule.readableScale") - 1e-6)
    named = {b["id"] for b in viewer.js("() => gbViewer.labelBoxes()") if b["kind"] == "node"}
    in_view = {v for v, p in pos.items() if 60 <= p["x"] <= w - 60 and 30 <= p["y"] <= h - 30}
    assert target in named and len(named & in_view) >= 0.6 * len(in_view)
    page.fill("#gb-search", "zzqxj")
    assert "No entity matches" in page.inner_text("#gb-search-msg")


# --------------------------------------------------------------------------- structure


def test_group_communities_collapses_each_and_a_click_expands_it(viewer: Opened, case: Case) -> None:
    comms = viewer.js("() => gbViewer.meta.communities")
    assert comms and all(c["size"] >= 3 for c in comms)
    default = viewer.drawn()
    viewer.page.click("#gb-cluster")
    viewer.idle()
    assert viewer.js("() => gbViewer.clusters.count()") == len(comms)
    first = comms[0]
    members = {n for n, c in viewer.js("() => gbViewer.V.data.nodes.map(n => [n.id, n.gb_community])") if c == first["id"]}
    drawn = viewer.drawn()
    assert f"gb-cluster:{first['id']}" in drawn and not drawn & members
    assert len(drawn) < 0.5 * len(default)
    viewer.click_node(f"gb-cluster:{first['id']}")
    viewer.wait(f"gbViewer.clusters.count() === {len(comms) - 1}")
    assert members <= viewer.drawn()
    viewer.page.click("#gb-cluster")
    viewer.idle()
    assert viewer.drawn() == default


def test_png_export_of_the_current_view(viewer: Opened, case: Case, tmp_path: Path) -> None:
    with viewer.page.expect_download() as info:
        viewer.page.click("#gb-png")
    download = info.value
    assert download.suggested_filename.endswith(".png")
    png = Path(download.path()).read_bytes()
    width, height = png_size(png)
    cw, ch = viewer.js("() => { const c = gbViewer.V.container.querySelector('canvas'); return [c.width, c.height]; }")
    assert width == cw and height > ch  # the canvas, with a title above and a legend below
    assert viewer.dataset()["exported"] == f"{width}x{height}"
    assert png_colours(png) > 30


# --------------------------------------------------------------------------- size limits


def test_max_nodes_keeps_every_type_and_the_banner_says_what_is_left_out(browser: Any, case: Case,
                                                                          tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    s = render_html(case.graph, path, max_nodes=50)
    o = Opened(browser, path, WIDTH, HEIGHT)
    try:
        types = set(o.js("() => gbViewer.V.data.nodes.map(n => n.gb_type)"))
        assert types == {"Person", "Organization", "Product", "Place"}
        assert o.dataset()["nodes"] == "50" and int(o.dataset()["notShown"]) == case.graph.number_of_nodes() - 50
        banner = o.page.inner_text("#gb-not-shown")
        assert banner.startswith(f"Showing 50 of {case.graph.number_of_nodes()} entities") and s.left_out in banner
        assert "people" in banner and "relations" in banner
        assert_fitted(o)
        assert o.errors == [] and o.blocked == []
    finally:
        o.close()


# --------------------------------------------------------------------------- the README's pictures


def test_the_readme_pictures_are_regenerated(browser: Any, demo_graph: nx.MultiDiGraph, root: Path,
                                              tmp_path: Path) -> None:
    """docs/img/viewer*.png: the demo graph's first view and a neighbourhood, as an analyst sees them."""
    path = tmp_path / "demo.html"
    render_html(demo_graph, path)
    o = Opened(browser, path, WIDTH, HEIGHT)
    try:
        o.idle()
        shots = {"viewer.png": o.page.screenshot()}
        o.page.fill("#gb-search", "mistral")
        o.page.press("#gb-search", "Enter")
        o.wait("document.body.dataset.focused !== ''")
        o.idle()
        shots["viewer-neighbourhood.png"] = o.page.screenshot()
        assert o.errors == [] and o.blocked == []
    finally:
        o.close()
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, png in shots.items():
        assert png_size(png) == (WIDTH, HEIGHT) and png_colours(png) > 30
        assert f"](docs/img/{name})" in readme, f"README.md does not show docs/img/{name}"
        target = root / "docs" / "img" / name
        if not target.is_file() or target.read_bytes() != png:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
