"""The HTML viewer in real headless Chromium, from file://, with the network blocked.

Skipped (with the reason) when /usr/bin/chromium or Python Playwright is missing; install the
browser with ``apt-get install -y chromium`` (never ``playwright install``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import networkx as nx
import pytest
from viz_support import Opened, png_colours

from graph_builder import viz

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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
    assert ds["visibleNodes"] == ds["nodes"] and ds["notShown"] == "0" and ds["isolates"] == "0"
    assert opened.page.inner_text("#gb-counts") == "7 entities, 6 relations"
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
    opened.page.locator("#mynetwork").click(position={"x": 5, "y": 5})  # somewhere empty, then "/" to search
    opened.page.keyboard.press("/")
    assert opened.page.evaluate("() => document.activeElement.id") == "gb-search"
    opened.page.fill("#gb-search", "nobody at all")
    opened.page.press("#gb-search", "Enter")
    assert "No entity matches" in opened.page.inner_text("#gb-search-msg")


def test_filters_by_type_predicate_confidence_and_degree(opened: Opened) -> None:
    page = opened.page

    def shown() -> tuple[str, str]:
        ds = opened.dataset()
        return ds["visibleNodes"], ds["visibleEdges"]

    page.uncheck("#gb-types input[data-type='Person']")
    assert shown() == ("4", "3")  # 3 persons and their 3 edges gone
    assert opened.page.inner_text("#gb-counts") == "4 of 7 entities, 3 of 6 relations"
    page.click("#gb-reset")
    page.uncheck("#gb-preds input[data-predicate='worksFor']")
    assert shown() == ("5", "4")  # Élodie and the former employee are left without relations: hidden
    page.click("#gb-reset")
    page.fill("#gb-minconf", "0.75")  # range input: fill sets the value and fires input
    assert shown() == ("4", "3")  # 0.9, 0.8, 0.95
    page.click("#gb-reset")
    page.fill("#gb-mindeg", "2")
    assert shown() == ("2", "1")  # Mistral AI and OpenAI
    page.click("#gb-reset")
    page.uncheck("#gb-former")
    assert shown() == ("6", "5")
    page.click("#gb-reset")
    assert shown() == ("7", "6")
    assert opened.drawn() == {n for n in build_graph()}


def test_legend_rows_count_what_is_shown(opened: Opened) -> None:
    page = opened.page
    row = page.locator("#gb-types .gb-legend-row", has=page.locator("input[data-type='Person']"))
    assert row.locator(".gb-count").inner_text() == "3"
    page.uncheck("#gb-preds input[data-predicate='worksFor']")
    assert row.locator(".gb-count").inner_text() == "1 / 3"
    row.hover()
    row.locator(".gb-only").click()  # only Person: no relation is left between people alone
    assert opened.dataset()["visibleNodes"] == "0"
    row.locator(".gb-only").click()  # again: every type back
    assert opened.dataset()["visibleNodes"] == "5"


def test_screenshot_is_not_blank(opened: Opened) -> None:
    shot = opened.page.locator("#mynetwork").screenshot()
    assert png_colours(shot) > 30


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
    s = viz.render_html(build_graph(), path, max_nodes=4, importance="mentions")
    o = Opened(browser, path)
    try:
        ds = o.dataset()
        assert ds["nodes"] == "4" and ds["notShown"] == "3" and int(ds["edges"]) == s.edges
        assert o.page.inner_text("#gb-not-shown") == (
            f"Showing 4 of 7 entities (max 4, a share of each type, best connected first); left out: {s.left_out}.")
        assert "2 people, 1 organization" in s.left_out
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


def test_a_page_without_any_relation_shows_its_entities(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "alone.html"
    viz.render_html(build_graph(), path, focus="Paris", depth=0)
    o = Opened(browser, path)
    try:
        assert o.drawn() == {"e:paris"} and o.page.is_checked("#gb-isolates")
        assert o.dataset()["highlight"] == "" and o.errors == [] and o.blocked == []
    finally:
        o.close()


def build_round_graph() -> nx.MultiDiGraph:
    """The test graph with OpenAI leading a Mistral AI round that a hostile name also joined."""
    g = build_graph()
    sentence = "Mistral AI raised €600 million led by OpenAI."
    ev = [{"sentence": sentence, "article": "a:1", "title": "Source article", "published": "2024-06-11",
           "url": "https://example.org/a1", "confidence": 0.8, "rule": "test", "former": False}]
    g.add_edge("e:openai", "e:mistral", key="investorIn", predicate="investorIn", former=False,
               confidence=0.8, support=1, evidence=ev)
    rnd = {"company": "Mistral AI", "type": "Series B", "amount": 6e8, "currency": "EUR", "date": "2024-06",
           "article": "a:1", "title": "Source article", "url": "https://example.org/a1",
           "leads": ["OpenAI"], "investors": ["OpenAI", XSS_NAME], "sentences": [sentence]}
    g.nodes["e:mistral"]["rounds"] = [rnd]
    g.nodes["e:openai"]["rounds_in"] = [{**rnd, "lead": True}]
    return g


def test_funding_rounds_in_the_panel(browser: Any, tmp_path: Path) -> None:
    """A company shows the rounds it raised; an investor the rounds it joined; an investorIn edge its round."""
    path = tmp_path / "rounds.html"
    viz.render_html(build_round_graph(), path)
    o = Opened(browser, path)
    try:
        page = o.page
        page.evaluate("gbViewer.showNode('e:mistral')")
        panel = page.inner_text("#gb-panel")
        assert "Funding rounds (1)" in panel and "600 m EUR" in panel and "Series B" in panel and "2024-06" in panel
        assert "Led by OpenAI" in panel and XSS_NAME in panel  # names as text, never as markup
        page.evaluate("gbViewer.showNode('e:openai')")
        assert "Led Mistral AI's round" in page.inner_text("#gb-panel")
        page.evaluate("""gbViewer.showEdge(gbViewer.edges.getIds().find(id => {
            const e = gbViewer.edges.get(id); return e.from === 'e:openai' && e.to === 'e:mistral'; }))""")
        assert "In the funding rounds" in page.inner_text("#gb-panel")
        page.evaluate("gbViewer.showNode('e:lechat')")
        assert "Funding rounds" not in page.inner_text("#gb-panel")  # a product raised nothing: no empty section
        assert page.evaluate("window.__xss") is None and o.errors == [] and o.blocked == []
    finally:
        o.close()
