"""graph_builder.viz.page without a browser: offline page, escaping, views, atomic writes, notebook display."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest

from graph_builder import viz
from graph_builder.errors import ConfigError, QueryError
from graph_builder.viz.assets import SCRIPT_PARTS, assets
from graph_builder.viz.style import TYPE_STYLES

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ALIAS = '"><script>alert(1)</script>'


def sample_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(title="Sample & <test>")

    def node(iri, label, typ, aliases=(), wd=None, mentions=1):
        g.add_node(iri, label=label, type=typ, aliases=list(aliases), wikidata=wd, mentions=mentions)

    def fact(s, p, o, conf=0.9, former=False, sentence="", url="https://example.org/a1"):
        ev = [{"sentence": sentence or f"{g.nodes[s]['label']} {p} {g.nodes[o]['label']}.", "article": "a:1",
               "title": "Article <1>", "published": "2024-03-01", "url": url, "confidence": conf, "rule": "t",
               "former": former}]
        g.add_edge(s, o, key=p, predicate=p, former=former, confidence=conf, support=1, evidence=ev)

    node("e:mensch", "Arthur Mensch", "Person", mentions=3)
    node("e:mistral", "Mistral AI", "Organization", ["Mistral"], "Q116813325", mentions=8)
    node("e:paris", "Paris", "Place", mentions=2)
    node("e:lechat", "Le Chat", "Product")
    node("e:openai", "OpenAI", "Organization", mentions=5)
    node("e:xss", XSS_NAME, "Person", [XSS_ALIAS])
    node("e:eve", "Élodie Évrard", "Person", ["Elo"])
    fact("e:mensch", "ceoOf", "e:mistral", sentence="Arthur Mensch dirige Mistral AI.")
    fact("e:mensch", "founderOf", "e:mistral", conf=0.8)
    fact("e:mistral", "basedIn", "e:paris")
    fact("e:mistral", "develops", "e:lechat", conf=0.7)
    fact("e:mistral", "competitorOf", "e:openai", conf=0.6)
    fact("e:xss", "worksFor", "e:openai", former=True, conf=0.5,
         sentence="</script><script>alert(2)</script>\u2028 said <b>x</b>", url="javascript:alert(3)")
    fact("e:eve", "worksFor", "e:mistral", conf=0.95)
    return g


def data_island(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="gb-data">(.*?)</script>', page, re.S)
    assert m, "no JSON data island"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return viz.to_html_string(sample_graph())


def test_page_is_offline_and_self_contained(page: str) -> None:
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert "vis.Network" in page  # vis-network is inlined
    assert "sourceMappingURL" not in page
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp


def test_csp_hashes_match_the_inline_scripts(page: str) -> None:
    csp = html.unescape(re.search(r'content="(default-src[^"]+)"', page).group(1))
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for s in scripts:
        assert base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() in allowed


def test_untrusted_text_is_escaped(page: str) -> None:
    for raw in (XSS_NAME, XSS_ALIAS, "<script>alert(2)", "<b>x</b>", "\u2028", "Sample & <test>"):
        assert raw not in page
    assert "Sample &amp; &lt;test&gt;" in page  # the <title>, HTML-escaped
    d = data_island(page)
    labels = {n["id"]: n["gb_label"] for n in d["nodes"]}
    assert labels["e:xss"] == XSS_NAME and d["meta"]["title"] == "Sample & <test>"
    ev = next(e for e in d["edges"] if e["from"] == "e:xss")["gb_evidence"][0]
    assert ev["sentence"].startswith("</script><script>alert(2)") and "\u2028" in ev["sentence"]
    # the viewer script never writes data as HTML
    js = assets().viewer_js
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    assert "outerHTML" not in js and "eval(" not in js and "new Function" not in js


def test_script_json_escapes_dangerous_characters() -> None:
    s = viz.script_json({"a": "</script>&\u2028\u2029<!--"})
    assert not set("<>&") & set(s) and "\u2028" not in s and "\u2029" not in s
    assert json.loads(s) == {"a": "</script>&\u2028\u2029<!--"}


def test_nodes_and_edges_are_styled(page: str) -> None:
    d = data_island(page)
    nodes = {n["id"]: n for n in d["nodes"]}
    assert nodes["e:mensch"]["shape"] == "dot" and nodes["e:mistral"]["shape"] == "square"
    assert nodes["e:lechat"]["shape"] == "triangle" and nodes["e:paris"]["shape"] == "diamond"
    groups = d["options"]["groups"]
    assert groups["Person"]["color"]["background"] == TYPE_STYLES["Person"].color
    assert {n["group"] for n in d["nodes"]} <= set(groups)
    assert nodes["e:mistral"]["size"] > nodes["e:lechat"]["size"]  # importance
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in d["nodes"])
    assert nodes["e:mistral"]["title"].startswith("Mistral AI\nOrganization")
    assert nodes["e:mistral"]["gb_wikidata"] == "Q116813325"
    assert nodes["e:mistral"]["gb_degree"] == 6 and nodes["e:mistral"]["gb_big"] is True
    edges = d["edges"]
    defaults = d["options"]["edges"]
    assert len({e["id"] for e in edges}) == len(edges) == 7
    former = next(e for e in edges if e["from"] == "e:xss")
    assert former["dashes"] is True and former["color"]["color"] == viz.FORMER_COLOR
    comp = next(e for e in edges if e["gb_predicate"] == "competitorOf")
    assert comp["arrows"]["to"]["enabled"] is False
    ceo = next(e for e in edges if e["gb_predicate"] == "ceoOf")
    assert "arrows" not in ceo and defaults["arrows"]["to"]["enabled"] is True  # directed: the default
    assert "dashes" not in ceo and defaults["dashes"] is False
    assert ceo["color"]["color"] == viz.PREDICATE_COLORS["ceoOf"]
    assert "label" not in ceo  # relation names are drawn by the page, only where they fit
    parallel = [e for e in edges if {e["from"], e["to"]} == {"e:mensch", "e:mistral"}]
    assert sorted(bool(e.get("smooth")) for e in parallel) == [False, True]  # second one curved apart
    assert d["options"]["physics"]["enabled"] is False
    assert d["options"]["nodes"]["font"]["size"] == 0  # node names too
    assert [t["name"] for t in d["meta"]["types"]] == ["Person", "Organization", "Product", "Place"]


def test_script_parts_are_all_inlined_in_one_scope(page: str) -> None:
    js = assets().viewer_js
    for name in SCRIPT_PARTS:
        assert (viz.ASSETS / name).is_file() and f"/* ---- {name} ---- */" in js
    assert js.startswith("(function () {") and js.rstrip().endswith("})();")
    assert js in page


def test_isolates_are_drawn_hidden_and_counted() -> None:
    g = sample_graph()
    g.add_node("e:alone", label="Alone Corp", type="Organization")
    d = data_island(viz.to_html_string(g))
    alone = next(n for n in d["nodes"] if n["id"] == "e:alone")
    assert alone["hidden"] is True and alone["gb_degree"] == 0 and alone["gb_community"] == -1
    assert all(n["hidden"] is False for n in d["nodes"] if n["id"] != "e:alone")
    assert d["meta"]["isolates"] == 1
    linked_y = [n["y"] for n in d["nodes"] if n["id"] != "e:alone"]
    assert alone["y"] > max(linked_y)  # the isolates grid sits below the graph


def test_communities_come_with_the_page() -> None:
    d = data_island(viz.to_html_string(sample_graph()))
    comms = d["meta"]["communities"]
    assert comms and all(c["size"] >= 3 for c in comms)
    members = {c["id"]: {n["id"] for n in d["nodes"] if n["gb_community"] == c["id"]} for c in comms}
    assert all(len(members[c["id"]]) == c["size"] for c in comms)
    first = comms[0]
    assert first["color"].startswith("#") and first["hub"] in members[first["id"]]
    hub_label = next(n["gb_label"] for n in d["nodes"] if n["id"] == first["hub"])
    assert first["name"].startswith(hub_label)


def test_render_html_writes_atomically_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    out.write_text("old")
    s = viz.render_html(sample_graph(), out, title="T")
    assert (s.nodes, s.edges, s.not_shown, s.total_nodes, s.title, s.isolates) == (7, 7, 0, 7, "T", 0)
    assert s.path == out and s.bytes == out.stat().st_size and s.layout == "communities"
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]
    assert data_island(out.read_text())["meta"]["title"] == "T"
    with pytest.raises(ConfigError, match="no such directory"):
        viz.render_html(sample_graph(), tmp_path / "nope" / "g.html")
    with pytest.raises(ConfigError, match="directory"):
        viz.render_html(sample_graph(), tmp_path)


def test_max_nodes_keeps_every_type_and_says_what_was_left_out(tmp_path: Path) -> None:
    g = sample_graph()
    s = viz.render_html(g, tmp_path / "cut.html", max_nodes=4, importance="mentions")
    d = data_island(s.path.read_text())
    kept = {n["id"]: n["gb_type"] for n in d["nodes"]}
    assert sorted(kept.values()) == ["Organization", "Person", "Place", "Product"]
    assert "e:mistral" in kept  # the best connected organization
    assert d["meta"]["not_shown"] == 3 and d["meta"]["total_nodes"] == 7
    cut = d["meta"]["cut"]
    assert cut["max_nodes"] == 4 and cut["left_out"] == {"Person": 2, "Organization": 1}
    assert cut["text"] == f"2 people, 1 organization and {cut['left_out_edges']} relations"
    assert (s.not_shown, s.left_out_by_type, s.left_out) == (3, cut["left_out"], cut["text"])
    assert all(e["from"] in kept and e["to"] in kept for e in d["edges"])
    with pytest.raises(ConfigError):
        viz.to_html_string(g, max_nodes=0)
    with pytest.raises(ConfigError, match="importance"):
        viz.to_html_string(g, importance="size")  # type: ignore[arg-type]


def test_focus_ego_view_by_alias_case_and_accents() -> None:
    g = sample_graph()
    d = data_island(viz.to_html_string(g, focus="MISTRAL", depth=1))
    assert d["meta"]["focus"] == "e:mistral" and d["meta"]["focus_label"] == "Mistral AI"
    assert {n["id"] for n in d["nodes"]} == {"e:mistral", "e:mensch", "e:paris", "e:lechat", "e:openai", "e:eve"}
    d0 = data_island(viz.to_html_string(g, focus="elodie evrard", depth=0))
    assert [n["id"] for n in d0["nodes"]] == ["e:eve"]
    d2 = data_island(viz.to_html_string(g, focus="Paris", depth=3, max_nodes=2))
    assert "e:paris" in {n["id"] for n in d2["nodes"]} and d2["meta"]["not_shown"] == 5
    with pytest.raises(QueryError, match="Mistral AI"):
        viz.to_html_string(g, focus="Mistrall AI")


def test_empty_and_plain_graphs_render() -> None:
    assert data_island(viz.to_html_string(nx.MultiDiGraph()))["nodes"] == []
    d = data_island(viz.to_html_string(nx.path_graph(3)))  # plain graph, no attributes
    assert [n["gb_label"] for n in d["nodes"]] == ["0", "1", "2"] and len(d["edges"]) == 2


def test_show_returns_inline_iframe() -> None:
    h = viz.show(sample_graph(), height=500)
    assert h.data.startswith('<div class="gb-viewer"><iframe srcdoc="')
    assert "height:500px" in h.data and 'sandbox="allow-scripts allow-downloads' in h.data
    assert "<script" not in h.data  # the whole page is attribute-escaped
