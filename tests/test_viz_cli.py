"""``graph-builder viz`` and ``graph-builder analyze``: on a GraphML file and on a real store."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph_builder.analytics import export_graph
from graph_builder.cli import main


def data_island(path: Path) -> dict:
    m = re.search(r'<script type="application/json" id="gb-data">(.*?)</script>', path.read_text(), re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def graphml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = nx.MultiDiGraph(title="cli graph")
    for iri, label, typ, aliases in [("e:m", "Mistral AI", "Organization", ["Mistral"]),
                                     ("e:a", "Arthur Mensch", "Person", []),
                                     ("e:p", "Paris", "Place", []),
                                     ("e:o", "OpenAI", "Organization", []),
                                     ("e:s", "Sam Altman", "Person", [])]:
        g.add_node(iri, label=label, type=typ, aliases=aliases, wikidata=None, mentions=1)
    for s, p, o, sentence in [("e:a", "ceoOf", "e:m", "Arthur Mensch dirige Mistral AI."),
                              ("e:m", "basedIn", "e:p", "Mistral AI est basée à Paris."),
                              ("e:m", "competitorOf", "e:o", "Mistral AI rivalise avec OpenAI."),
                              ("e:s", "ceoOf", "e:o", "Sam Altman dirige OpenAI.")]:
        g.add_edge(s, o, key=p, predicate=p, former=False, confidence=0.9, support=1,
                   evidence=[{"sentence": sentence, "article": "a:1", "title": "T", "confidence": 0.9}])
    return export_graph(g, tmp_path_factory.mktemp("cli") / "g.graphml")


def test_viz_from_graph_file_with_focus(graphml: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "v.html"
    assert main(["viz", str(graphml), "-o", str(out), "--focus", "mistral", "--title", "Around Mistral"]) == 0
    assert f"wrote {out} (4 nodes, 3 edges" in capsys.readouterr().out.replace("\n", "")
    d = data_island(out)
    assert d["meta"]["title"] == "Around Mistral" and d["meta"]["focus_label"] == "Mistral AI"
    assert main(["viz", str(graphml), "-o", str(out), "--max-nodes", "2"]) == 0
    assert "3 nodes not shown" in capsys.readouterr().out


def test_analyze_rankings_path_communities_export(graphml: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    gexf = tmp_path / "e.gexf"
    assert main(["analyze", str(graphml), "--top", "3", "--communities", "--path", "Arthur Mensch", "Sam Altman",
                 "--export", "gexf", "-o", str(gexf)]) == 0
    out = capsys.readouterr().out
    assert "5 nodes, 4 edges" in out and "top 3 entities" in out and "communities" in out
    assert "1. Arthur Mensch —ceoOf→ Mistral AI" in out
    assert "2. Mistral AI —competitorOf→ OpenAI" in out
    assert "3. Sam Altman —ceoOf→ OpenAI" in out
    assert "“Sam Altman dirige OpenAI.”" in out
    assert nx.read_gexf(gexf).number_of_nodes() == 5
    assert main(["analyze", str(graphml), "--ego", "Paris", "--export", "graphml", "-o", str(tmp_path / "e.graphml")]) == 0
    assert "ego network of Paris (depth 1): 2 nodes, 1 edges" in capsys.readouterr().out
    assert nx.read_graphml(tmp_path / "e.graphml").number_of_nodes() == 2


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = nx.MultiDiGraph()
    g.add_node("e:1", label="International Business Machines Corporation", type="Organization", mentions=3)
    g.add_node("e:2", label="Advanced Micro Devices Incorporated", type="Organization", mentions=2)
    g.add_node("e:3", label="Sam Altman", type="Person", mentions=1)
    g.add_edge("e:1", "e:2", key="partnerOf", predicate="partnerOf", confidence=0.9, evidence=[])
    g.add_edge("e:3", "e:2", key="worksFor", predicate="worksFor", confidence=0.8, evidence=[])
    return export_graph(g, tmp_path_factory.mktemp("long") / "long.graphml")


def test_analyze_prints_only_what_was_asked(graphml: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["analyze", str(graphml), "--path", "Arthur Mensch", "Sam Altman"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Arthur Mensch —ceoOf→ Mistral AI") and "top " not in out and "nodes," not in out
    assert main(["analyze", str(graphml), "--export", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {tmp_path / 'g.graphml'} (graphml; 5 nodes, 4 edges") and out.count("\n") == 1
    assert main(["analyze", str(graphml), "--communities"]) == 0
    out = capsys.readouterr().out
    assert "communities (Louvain)" in out and "top " not in out
    assert main(["analyze", str(graphml), "--communities", "--top", "2"]) == 0  # --top asks for the ranking too
    assert "top 2 entities" in capsys.readouterr().out


def test_analyze_tables_keep_whole_names_when_piped(long_names: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(long_names)]) == 0
    out = capsys.readouterr().out
    assert "International Business Machines Corporation" in out and "Advanced Micro Devices Incorporated" in out
    assert "…" not in out


def test_analyze_as_csv_and_json(long_names: Path, graphml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    capsys.readouterr()
    assert main(["analyze", str(long_names), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["label"] for r in rows][0] == "Advanced Micro Devices Incorporated"
    assert set(rows[0]) == {"rank", "label", "type", "degree", "pagerank", "betweenness", "mentions", "node"}
    assert float(rows[0]["pagerank"]) > float(rows[-1]["pagerank"]) and rows[0]["node"] == "e:2"
    assert main(["analyze", str(graphml), "--path", "Arthur Mensch", "Sam Altman", "--format", "csv"]) == 0
    path = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["step"], r["subject"], r["predicate"], r["object"]) for r in path] == [
        ("1", "Arthur Mensch", "ceoOf", "Mistral AI"), ("2", "Mistral AI", "competitorOf", "OpenAI"),
        ("3", "Sam Altman", "ceoOf", "OpenAI")]
    assert main(["analyze", str(graphml), "--top", "2", "--communities", "--path", "Paris", "OpenAI",
                 "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == ["rankings", "communities", "path"] and len(doc["rankings"]) == 2
    assert {r["label"] for r in doc["communities"]} == {"Mistral AI", "Arthur Mensch", "Paris", "OpenAI", "Sam Altman"}
    assert [f["predicate"] for f in doc["path"]] == ["basedIn", "competitorOf"]
    assert main(["analyze", str(graphml), "--top", "2", "--communities", "--format", "csv"]) == 2
    assert "--format csv prints one table" in capsys.readouterr().err
    assert main(["analyze", str(graphml), "--format", "xml"]) == 2
    capsys.readouterr()
    assert main(["analyze", str(graphml), "--path", "Arthur Mensh", "OpenAI"]) == 2
    assert "no entity named 'Arthur Mensh' in the graph; did you mean: 'Arthur Mensch'?" in \
        " ".join(capsys.readouterr().err.split())


def test_analyze_export_carries_measures_with_the_usual_permissions(graphml: Path, tmp_path: Path) -> None:
    import os

    from graph_builder.files import current_umask

    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"m.{fmt}"
        assert main(["analyze", str(graphml), "--export", fmt, "-o", str(out)]) == 0
        g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        mistral = g.nodes["e:m"]
        assert {"pagerank", "degree", "community"} <= set(mistral), fmt
        assert int(mistral["degree"]) == 3 and float(mistral["pagerank"]) > 0
        assert len({int(d["community"]) for _, d in g.nodes(data=True)}) >= 1
        assert os.stat(out).st_mode & 0o777 == 0o666 & ~current_umask()  # was 0o600: owner only


def test_cli_errors_are_one_line(graphml: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def err() -> str:  # rich wraps long lines: compare with whitespace folded
        return " ".join(capsys.readouterr().err.split())

    assert main(["viz", str(graphml), "-o", str(tmp_path / "x.html"), "--focus", "Mistrall"]) == 2
    assert "no entity named 'Mistrall' in the graph; did you mean: 'Mistral AI'?" in err()
    assert main(["analyze", str(graphml), "--export", "graphml"]) == 2
    assert "needs -o FILE" in err()
    assert main(["analyze", str(tmp_path / "nope")]) == 2
    assert "no such store or graph file" in err()
    assert main(["analyze", str(graphml), "--export", "csv", "-o", str(tmp_path / "x.csv")]) == 2
    assert "use graphml or gexf" in err()
    assert main(["viz", str(graphml), "-o", str(tmp_path / "missing" / "x.html")]) == 2
    assert "no such directory" in err()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("graph_builder.network", reason="graph_builder.network is not there yet")
    from graph_builder.rdf.store import GraphStore

    spec = importlib.util.spec_from_file_location("rdf_fixture_kg_viz", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)  # type: ignore[union-attr]
    path = tmp_path_factory.mktemp("cli-store") / "store"
    with GraphStore(path) as s:
        s.add_all(fx.extractions())
    return path


def test_viz_and_analyze_on_a_store(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from graph_builder.network import store_to_networkx

    g = store_to_networkx(store)
    out = tmp_path / "store.html"
    assert main(["viz", str(store), "-o", str(out)]) == 0
    d = data_island(out)
    assert len(d["nodes"]) == g.number_of_nodes() and len(d["edges"]) == g.number_of_edges()
    mistral = next(n for n in d["nodes"] if n["gb_label"] == "Mistral AI")
    assert mistral["gb_wikidata"] == "Q116813325" and "Mistral" in mistral["gb_aliases"]
    assert any(ev["sentence"] for e in d["edges"] for ev in e["gb_evidence"])
    capsys.readouterr()
    assert main(["analyze", str(store), "--path", "mensch", "ChatGPT", "--top", "5"]) == 0
    out_text = capsys.readouterr().out
    assert "3. OpenAI —develops→ ChatGPT" in out_text and "competitorOf" in out_text
    assert main(["analyze", str(store), "--path", "Jeff Bezos", "Mistral AI"]) == 2
    assert "not connected" in capsys.readouterr().err


def test_viz_query_subgraph(store: Path, tmp_path: Path) -> None:
    q = tmp_path / "orgs.rq"
    q.write_text("SELECT ?e WHERE { ?e a gb:Organization }")
    out = tmp_path / "q.html"
    assert main(["viz", str(store), "-o", str(out), "--query", str(q)]) == 0
    d = data_island(out)
    assert d["nodes"] and {n["gb_type"] for n in d["nodes"]} == {"Organization"}


def test_viz_query_takes_named_queries_and_their_files_with_params(store: Path, tmp_path: Path, root: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "founders.html"
    assert main(["viz", str(store), "-o", str(out), "--query", str(root / "ontology" / "queries" / "founders.rq")]) == 0
    labels = {n["gb_label"] for n in data_island(out)["nodes"]}  # was "0 nodes, 0 edges": the parameter was unbound
    assert {"Arthur Mensch", "Mistral AI", "Jeff Bezos", "Amazon"} <= labels
    assert main(["viz", str(store), "-o", str(out), "--query", "founders", "--param", "org=Mistral AI"]) == 0
    assert {n["gb_label"] for n in data_island(out)["nodes"]} == {"Arthur Mensch", "Mistral AI"}
    capsys.readouterr()
    assert main(["viz", str(store), "-o", str(tmp_path / "x.html"), "--query", "founders", "--param", "org=Mistrall"]) == 2
    assert "no entity named 'Mistrall' in the graph (query 'founders', parameter org); did you mean: 'Mistral AI'?" \
        in " ".join(capsys.readouterr().err.split())
    assert main(["viz", str(store), "-o", str(tmp_path / "x.html"), "--param", "org=Amazon"]) == 2
    assert "--param goes with --query" in capsys.readouterr().err


@pytest.mark.parametrize(("query", "why"), [
    ("names.rq", "returned 4 row(s) but no entity of the graph among them"),
    ("acquisitions", "nothing to draw: no rows: org='Mistral AI' is in the graph, but none of the facts query "
                     "'acquisitions' looks for involves it"),
])
def test_a_drawing_with_no_node_says_why_and_writes_nothing(store: Path, tmp_path: Path, query: str, why: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "names.rq").write_text("SELECT ?n WHERE { ?e a gb:Organization ; skos:prefLabel ?n } LIMIT 4")
    spec = str(tmp_path / query) if query.endswith(".rq") else query
    out = tmp_path / "empty.html"
    params = ["--param", "org=Mistral AI"] if query == "acquisitions" else []
    assert main(["viz", str(store), "-o", str(out), "--query", spec, *params]) == 2
    assert why in " ".join(capsys.readouterr().err.split()) and not out.exists()


def test_an_empty_store_draws_nothing_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from graph_builder.rdf.store import GraphStore

    GraphStore(tmp_path / "empty").close()
    assert main(["viz", str(tmp_path / "empty"), "-o", str(tmp_path / "e.html")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "holds no entity, so there is nothing to draw; build it from articles first" in err
