"""graph_builder.analytics on small graphs whose answers are known."""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from graph_builder import analytics
from graph_builder.errors import ConfigError, QueryError


def node(g: nx.MultiDiGraph, iri: str, label: str, typ: str = "Organization", aliases=(), mentions: int = 1) -> None:
    g.add_node(iri, label=label, type=typ, aliases=list(aliases), wikidata=None, mentions=mentions)


def fact(g: nx.MultiDiGraph, s: str, p: str, o: str, conf: float = 0.9, former: bool = False, sentence: str = "") -> None:
    ev = [{"sentence": sentence or f"{s} {p} {o}.", "article": "a:1", "title": "T", "published": "2024-01-01",
           "url": "https://example.org/1", "confidence": conf, "rule": "test", "former": former}]
    g.add_edge(s, o, key=p, predicate=p, former=former, confidence=conf, support=1, evidence=ev)


@pytest.fixture()
def star() -> nx.MultiDiGraph:
    """hub <-worksFor- p1..p4; hub -basedIn-> paris; lone node."""
    g = nx.MultiDiGraph(title="star")
    node(g, "e:hub", "Société Générale", aliases=["SocGen"], mentions=5)
    node(g, "e:paris", "Paris", "Place")
    node(g, "e:lone", "Lonely Corp")
    for i in range(1, 5):
        node(g, f"e:p{i}", f"Person {i}", "Person")
        fact(g, f"e:p{i}", "worksFor", "e:hub")
    fact(g, "e:hub", "basedIn", "e:paris")
    return g


def test_rankings_order_and_columns(star: nx.MultiDiGraph) -> None:
    df = analytics.rankings(star, top=3)
    assert list(df.columns) == ["rank", "node", "label", "type", "degree", "in_degree", "out_degree",
                                "pagerank", "betweenness", "mentions"]
    assert len(df) == 3
    assert df.loc[0, "node"] == "e:paris"  # the hub passes all its rank on to Paris
    assert df.loc[1, "node"] == "e:hub"  # everyone points at the hub
    assert df.loc[1, "degree"] == 5 and df.loc[1, "in_degree"] == 4 and df.loc[1, "out_degree"] == 1
    assert df["pagerank"].is_monotonic_decreasing
    full = analytics.rankings(star, top=100).set_index("node")
    assert full["betweenness"].idxmax() == "e:hub"
    assert full.loc["e:lone", "degree"] == 0 and full.loc["e:p1", "betweenness"] == 0
    assert list(df["rank"]) == [1, 2, 3]


def test_rankings_rejects_bad_top_and_handles_empty(star: nx.MultiDiGraph) -> None:
    with pytest.raises(ConfigError, match="--top"):
        analytics.rankings(star, top=0)
    assert analytics.rankings(nx.MultiDiGraph()).empty


def test_rankings_samples_betweenness_on_big_graphs() -> None:
    g = nx.MultiDiGraph()
    for i in range(599):
        g.add_edge(f"n{i}", f"n{i + 1}", key="partnerOf", predicate="partnerOf")
    df = analytics.rankings(g, top=5, betweenness_k=50)
    assert len(df) == 5 and all(math.isfinite(x) for x in df["betweenness"])


def test_communities_of_two_cliques_joined_by_one_edge() -> None:
    g = nx.MultiDiGraph()
    left, right = [f"l{i}" for i in range(5)], [f"r{i}" for i in range(5)]
    for group in (left, right):
        for i, a in enumerate(group):
            node(g, a, a.upper())
            for b in group[:i]:
                fact(g, a, "partnerOf", b)
    fact(g, "l0", "acquired", "r0")
    df = analytics.communities(g, seed=0)
    assert list(df.columns) == ["community", "size", "node", "label", "type"]
    groups = {frozenset(df[df["community"] == c]["node"]) for c in df["community"].unique()}
    assert groups == {frozenset(left), frozenset(right)}
    assert set(df["size"]) == {5}
    # deterministic with the seed
    assert analytics.communities(g, seed=0).equals(df)


def test_find_node_label_alias_accents_and_unknown(star: nx.MultiDiGraph) -> None:
    assert analytics.find_node(star, "societe generale") == "e:hub"
    assert analytics.find_node(star, "  SOCGEN ") == "e:hub"
    assert analytics.find_node(star, "e:paris") == "e:paris"
    with pytest.raises(QueryError, match="Société Générale"):
        analytics.find_node(star, "Societe Generalle")
    with pytest.raises(QueryError, match="no entity named"):
        analytics.find_node(star, "zzzz")


def test_find_node_prefers_label_then_mentions() -> None:
    g = nx.MultiDiGraph()
    node(g, "e:a", "Mistral", "Person", mentions=1)
    node(g, "e:b", "Mistral AI", aliases=["Mistral"], mentions=9)
    node(g, "e:c", "Apple", mentions=1)
    node(g, "e:d", "Apple", "Product", mentions=4)
    assert analytics.find_node(g, "mistral") == "e:a"  # label beats alias
    assert analytics.find_node(g, "apple") == "e:d"  # then the most mentioned


def test_ego_sizes_and_attributes() -> None:
    g = nx.MultiDiGraph(title="chain")
    for i in range(5):
        node(g, f"n{i}", f"N{i}")
    for i in range(4):  # alternate directions: ego must follow both
        (fact(g, f"n{i}", "partnerOf", f"n{i + 1}") if i % 2 else fact(g, f"n{i + 1}", "acquired", f"n{i}"))
    sizes = [analytics.ego(g, "N2", depth=d).number_of_nodes() for d in range(4)]
    assert sizes == [1, 3, 5, 5]
    e = analytics.ego(g, "n2", depth=1)
    assert isinstance(e, nx.MultiDiGraph) and e.number_of_edges() == 2
    assert e.graph["title"] == "chain" and e.graph["focus"] == "n2"
    assert e.nodes["n1"]["label"] == "N1"
    with pytest.raises(ConfigError):
        analytics.ego(g, "N2", depth=-1)


def test_shortest_connection_chain_in_real_direction() -> None:
    g = nx.MultiDiGraph()
    for iri, label in [("e:a", "Alice"), ("e:b", "Beta"), ("e:c", "Carol"), ("e:d", "Delta"), ("e:z", "Zed")]:
        node(g, iri, label)
    fact(g, "e:a", "founderOf", "e:b", sentence="Alice a fondé Beta.")
    fact(g, "e:c", "investorIn", "e:b", sentence="Carol investit dans Beta.")
    fact(g, "e:c", "ceoOf", "e:d", conf=0.6, sentence="Carol dirige Delta.")
    fact(g, "e:d", "worksFor", "e:c", conf=0.4, former=True)  # weaker, former: not chosen
    chain = analytics.shortest_connection(g, "alice", "Delta")
    assert [(f["subject"], f["predicate"], f["object"]) for f in chain] == [
        ("Alice", "founderOf", "Beta"), ("Carol", "investorIn", "Beta"), ("Carol", "ceoOf", "Delta")]
    assert [f["evidence"] for f in chain] == ["Alice a fondé Beta.", "Carol investit dans Beta.", "Carol dirige Delta."]
    assert chain[2]["confidence"] == 0.6 and chain[0]["url"] == "https://example.org/1"
    assert analytics.shortest_connection(g, "Alice", "e:a") == []
    with pytest.raises(QueryError, match="not connected"):
        analytics.shortest_connection(g, "Alice", "Zed")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_parses_back(star: nx.MultiDiGraph, tmp_path, fmt: str) -> None:
    path = analytics.export_graph(star, tmp_path / f"g.{fmt}", format=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"g.{fmt}"]  # no temp file left
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == star.number_of_nodes()
    assert back.number_of_edges() == star.number_of_edges()
    hub = back.nodes["e:hub"]
    assert hub["aliases"] == "SocGen" and hub["wikidata"] == "" and int(hub["mentions"]) == 5
    edge = next(d for u, v, d in back.edges(data=True) if u == "e:hub")
    assert edge["predicate"] == "basedIn"
    assert json.loads(edge["evidence"])[0]["sentence"] == "e:hub basedIn e:paris."
    # and our reader restores the contract
    g2 = analytics.import_graph(path)
    assert g2.nodes["e:hub"]["aliases"] == ["SocGen"] and g2.nodes["e:hub"]["wikidata"] is None
    assert g2["e:hub"]["e:paris"]["basedIn"]["evidence"][0]["url"] == "https://example.org/1"


def test_export_errors(star: nx.MultiDiGraph, tmp_path) -> None:
    with pytest.raises(ConfigError, match="graphml"):
        analytics.export_graph(star, tmp_path / "g.csv", format="csv")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="no such directory"):
        analytics.export_graph(star, tmp_path / "missing" / "g.graphml")
    with pytest.raises(ConfigError, match="no such file"):
        analytics.import_graph(tmp_path / "nope.graphml")


def test_importance_scales_to_one(star: nx.MultiDiGraph) -> None:
    pr = analytics.importance(star, "pagerank")
    assert max(pr.values()) == pytest.approx(1.0) and max(pr, key=pr.get) == "e:paris"
    mn = analytics.importance(star, "mentions")
    assert max(mn, key=mn.get) == "e:hub"
    with pytest.raises(ConfigError):
        analytics.importance(star, "degree")  # type: ignore[arg-type]
