"""The HTML viewer in real headless Chromium, from file://, with the network blocked.

Skipped (with the reason) when /usr/bin/chromium or Python Playwright is missing; install the
browser with ``apt-get install -y chromium`` (never ``playwright install``).
"""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path
from typing import Any, Iterator

import networkx as nx
import pytest

from graph_builder import viz

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
XSS_NAME = '<img src=x onerror="window.__xss=1">'
XSS_ALIAS = '"><script>window.__xss=2</script>'
XSS_SENTENCE = "</script><script>window.__xss=3</script><img src=y onerror=window.__xss=4> hired"


def build_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(title="Browser test graph")

    def node(iri, label, typ, aliases=(), wd=None, mentions=1):
        g.add_node(iri, label=label, type=typ, aliases=list(aliases), wikidata=wd, mentions=mentions)

    def fact(s, p, o, conf=0.9, former=False, sentence="", url="https://example.org/a1", title="Source article"):
        ev = [{"sentence": sentence or f"{g.nodes[s]['label']} {p} {g.nodes[o]['label']}.", "article": "a:1",
               "title": title, "published": "2024-03-01", "url": url, "confidence": conf, "rule": "test",
               "former": former}]
        g.add_edge(s, o, key=p, predicate=p, former=former, confidence=conf, support=1, evidence=ev)

    node("e:mensch", "Arthur Mensch", "Person", mentions=3)
    node("e:mistral", "Mistral AI", "Organization", ["Mistral"], "Q116813325", mentions=8)
    node("e:paris", "Paris", "Place", mentions=2)
    node("e:lechat", "Le Chat", "Product")
    node("e:openai", "OpenAI", "Organization", mentions=5)
    node("e:eve", "Élodie Évrard", "Person", ["Elo"])
    node("e:xss", XSS_NAME, "Person", [XSS_ALIAS])
    fact("e:mensch", "ceoOf", "e:mistral", sentence="Arthur Mensch dirige Mistral AI depuis 2023.")
    fact("e:mistral", "basedIn", "e:paris", conf=0.8)
    fact("e:mistral", "develops", "e:lechat", conf=0.7)
    fact("e:mistral", "competitorOf", "e:openai", conf=0.6)
    fact("e:eve", "worksFor", "e:mistral", conf=0.95)
    fact("e:xss", "worksFor", "e:openai", former=True, conf=0.5, sentence=XSS_SENTENCE,
         url="javascript:window.__xss=5", title='<img src=z onerror="window.__xss=6">')
    return g


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install it with `apt-get install -y chromium`")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    """A page on a file:// viewer with every other request aborted and recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.ctx.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.wait("window.__ready !== undefined")

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def wait(self, expr: str, timeout: float = 20.0) -> None:
        # page.wait_for_function evaluates strings with eval(), which our CSP forbids: poll instead
        end = time.monotonic() + timeout
        while not self.page.evaluate(f"() => Boolean({expr})"):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expr}")
            time.sleep(0.05)

    def dataset(self) -> dict[str, str]:
        return self.page.evaluate("() => Object.assign({}, document.body.dataset)")

    def click_node(self, node_id: str) -> None:
        pos = self.page.evaluate(
            "(id) => gbViewer.network.canvasToDOM(gbViewer.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#mynetwork").bounding_box()
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    viz.render_html(build_graph(), path)
    return path


@pytest.fixture()
def opened(browser: Any, html_file: Path) -> Iterator[Opened]:
    o = Opened(browser, html_file)
    yield o
    assert o.blocked == [], f"the page tried to reach the network: {o.blocked}"
    o.close()


def test_loads_offline_without_errors_and_counts_match(opened: Opened) -> None:
    g = build_graph()
    assert opened.errors == []
    ds = opened.dataset()
    assert ds["ready"] == "1"
    assert int(ds["nodes"]) == g.number_of_nodes() == opened.page.evaluate("gbViewer.nodes.length")
    assert int(ds["edges"]) == g.number_of_edges() == opened.page.evaluate("gbViewer.edges.length")
    assert ds["visibleNodes"] == ds["nodes"] and ds["notShown"] == "0"
    assert opened.page.inner_text("#gb-counts").startswith("7 nodes, 6 edges")
    assert opened.page.title() == "Browser test graph"
    assert opened.page.evaluate("typeof bootstrap") == "undefined"


def test_click_on_node_shows_panel_with_evidence(opened: Opened) -> None:
    assert opened.page.is_hidden("#gb-panel")
    opened.click_node("e:mensch")
    opened.wait("document.body.dataset.panel === 'node'")
    panel = opened.page.inner_text("#gb-panel")
    assert "Arthur Mensch" in panel and "Person" in panel
    assert "Arthur Mensch dirige Mistral AI depuis 2023." in panel
    assert "Source article" in panel and "2024-03-01" in panel
    link = opened.page.locator("#gb-panel a", has_text="Source article")
    assert link.get_attribute("href") == "https://example.org/a1" and link.get_attribute("target") == "_blank"


def test_click_on_edge_shows_its_evidence(opened: Opened) -> None:
    mid = opened.page.evaluate("""() => {
        const n = gbViewer.network, p = n.getPositions(['e:mistral', 'e:paris']);
        return n.canvasToDOM({x: (p['e:mistral'].x + p['e:paris'].x) / 2, y: (p['e:mistral'].y + p['e:paris'].y) / 2});
    }""")
    box = opened.page.locator("#mynetwork").bounding_box()
    opened.page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    opened.wait("document.body.dataset.panel === 'edge'")
    panel = opened.page.inner_text("#gb-panel")
    assert "basedIn" in panel and "Mistral AI basedIn Paris." in panel and "conf 0.80" in panel


def test_wikidata_link_in_node_panel(opened: Opened) -> None:
    opened.page.evaluate("gbViewer.showNode('e:mistral')")
    a = opened.page.locator("#gb-panel a", has_text="Q116813325")
    assert a.get_attribute("href") == "https://www.wikidata.org/wiki/Q116813325"
    assert "Mistral" in opened.page.inner_text("#gb-panel dl")  # the alias


def test_search_focuses_a_node_by_alias_without_accents(opened: Opened) -> None:
    opened.page.fill("#gb-search", "elodie evrard")
    opened.page.press("#gb-search", "Enter")
    opened.wait("document.body.dataset.focused === 'e:eve'")
    assert opened.page.evaluate("gbViewer.network.getSelectedNodes()") == ["e:eve"]
    assert opened.page.inner_text("#gb-panel h2") == "Élodie Évrard"
    opened.page.fill("#gb-search", "mistral")
    opened.page.click("#gb-search-btn")
    opened.wait("document.body.dataset.focused === 'e:mistral'")
    opened.page.fill("#gb-search", "nobody at all")
    opened.page.press("#gb-search", "Enter")
    assert "No entity matches" in opened.page.inner_text("#gb-search-msg")


def test_filters_by_type_predicate_confidence_and_degree(opened: Opened) -> None:
    page = opened.page
    page.uncheck("#gb-types input[data-type='Person']")
    ds = opened.dataset()
    assert (ds["visibleNodes"], ds["visibleEdges"]) == ("4", "3")  # 3 persons and their 3 edges gone
    page.click("#gb-reset")
    page.uncheck("#gb-preds input[data-predicate='worksFor']")
    assert opened.dataset()["visibleEdges"] == "4"
    page.click("#gb-reset")
    page.fill("#gb-minconf", "0.75")  # range input: fill sets the value and fires input
    ds = opened.dataset()
    assert ds["visibleEdges"] == "3"  # 0.9, 0.8, 0.95
    page.click("#gb-reset")
    page.fill("#gb-mindeg", "2")
    ds = opened.dataset()
    assert (ds["visibleNodes"], ds["visibleEdges"]) == ("2", "1")  # Mistral AI and OpenAI
    page.click("#gb-reset")
    page.uncheck("#gb-former")
    assert opened.dataset()["visibleEdges"] == "5"
    page.click("#gb-reset")
    assert opened.dataset()["visibleNodes"] == "7"


def _png_colours(png: bytes, step: int = 7) -> int:
    """Distinct colours of a PNG screenshot (8-bit RGB/RGBA, sampled), decoded with zlib only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % step == 0:
            colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp * step))
        prev = line
    return len(colours)


def test_screenshot_is_not_blank(opened: Opened) -> None:
    shot = opened.page.locator("#mynetwork").screenshot()
    assert _png_colours(shot) > 30


def test_injected_names_do_not_execute(opened: Opened) -> None:
    page = opened.page
    opened.click_node("e:xss")
    opened.wait("document.body.dataset.panel === 'node'")
    page.evaluate("gbViewer.showEdge(gbViewer.edges.getIds().find(id => gbViewer.edges.get(id).from === 'e:xss'))")
    page.mouse.move(10, 10)
    time.sleep(0.3)
    assert page.evaluate("window.__xss") is None
    assert page.inner_text("#gb-panel h2") == "worksFor"
    panel = page.inner_text("#gb-panel")
    assert XSS_NAME in panel and XSS_SENTENCE in panel  # shown as text
    assert page.locator("#gb-panel img, #gb-panel script").count() == 0
    # the javascript: URL did not become a link; the HTML title stays text
    assert page.locator("#gb-panel a").count() == 0
    assert '<img src=z onerror="window.__xss=6">' in panel
    page.evaluate("gbViewer.showNode('e:xss')")
    assert page.inner_text("#gb-panel h2") == XSS_NAME
    assert XSS_ALIAS in page.inner_text("#gb-panel dl")
    assert page.evaluate("window.__xss") is None and opened.errors == []


def test_max_nodes_page_says_what_is_left_out(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    s = viz.render_html(build_graph(), path, max_nodes=3, importance="mentions")
    o = Opened(browser, path)
    try:
        ds = o.dataset()
        assert ds["nodes"] == "3" and ds["notShown"] == "4" and int(ds["edges"]) == s.edges
        assert o.page.inner_text("#gb-not-shown").startswith("4 nodes not shown")
        assert o.blocked == [] and o.errors == []
    finally:
        o.close()


def test_notebook_show_iframe_renders_inline(browser: Any) -> None:
    h = viz.show(build_graph())
    ctx = browser.new_context()
    page = ctx.new_page()
    blocked: list[str] = []
    page.route("**/*", lambda r: (blocked.append(r.request.url), r.abort()) if not r.request.url.startswith(
        ("file:", "data:", "about:")) else r.continue_())
    try:
        page.set_content(f"<html><body>{h.data}</body></html>")
        frame = page.frames[1]
        end = time.monotonic() + 20
        while not frame.evaluate("() => window.__ready !== undefined"):
            assert time.monotonic() < end, "the inline viewer never became ready"
            time.sleep(0.05)
        assert frame.evaluate("() => document.body.dataset.nodes") == "7"
        assert blocked == []
    finally:
        ctx.close()


def test_big_graph_is_interactive_quickly(browser: Any, tmp_path: Path) -> None:
    g = nx.MultiDiGraph(title="big")
    rnd = nx.gnm_random_graph(1200, 2400, seed=1, directed=True)
    for v in rnd.nodes:
        g.add_node(f"e:{v}", label=f"Org {v}", type="Organization", aliases=[], wikidata=None, mentions=1)
    for u, v in rnd.edges:
        g.add_edge(f"e:{u}", f"e:{v}", key="partnerOf", predicate="partnerOf", former=False, confidence=0.8,
                   support=1, evidence=[{"sentence": "s"}])
    path = tmp_path / "big.html"
    viz.render_html(g, path)
    o = Opened(browser, path)
    try:
        ready_ms = o.page.evaluate("window.__ready")
        assert ready_ms < 10_000, f"time to interactive {ready_ms:.0f} ms"
        assert o.dataset()["nodes"] == "1200" and o.errors == []
    finally:
        o.close()
