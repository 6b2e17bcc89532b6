"""graph_builder.viz.select: the max_nodes cut keeps a share of every entity type, connected."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph_builder.analytics import importance
from graph_builder.errors import ConfigError
from graph_builder.viz.select import Selection, keep_every_type, select_view, type_quotas
from graph_builder.viz.synthetic import synthetic_graph


@pytest.fixture(scope="module", params=[pytest.param("demo", marks=pytest.mark.slow), "synthetic-1000",
                                        "synthetic-3000"])
def graph(request: pytest.FixtureRequest) -> nx.MultiDiGraph:
    if request.param == "demo":
        return request.getfixturevalue("demo_graph")
    return synthetic_graph(int(request.param.split("-")[1]))


@pytest.mark.parametrize(
    ("counts", "k", "expected"),
    [
        ({"Organization": 144, "Person": 109, "Product": 80, "Place": 49}, 50,
         {"Organization": 19, "Person": 14, "Product": 11, "Place": 6}),
        ({"Organization": 144, "Person": 109, "Product": 80, "Place": 49}, 120,
         {"Organization": 45, "Person": 34, "Product": 25, "Place": 16}),
        ({"Organization": 500, "Person": 2}, 10, {"Organization": 9, "Person": 1}),  # proportional, one at least
        ({"Organization": 999, "Place": 1}, 4, {"Organization": 3, "Place": 1}),  # at least one each
        ({"Organization": 3, "Person": 2, "Place": 1}, 2, {"Organization": 1, "Person": 1, "Place": 0}),
        ({"Organization": 3, "Person": 2}, 9, {"Organization": 3, "Person": 2}),  # room for everything
        ({"Organization": 0, "Person": 4}, 2, {"Person": 2}),
    ],
)
def test_type_quotas(counts: dict[str, int], k: int, expected: dict[str, int]) -> None:
    q = type_quotas(counts, k)
    assert q == expected
    assert sum(q.values()) == min(k, sum(counts.values()))


@pytest.mark.parametrize("k", [12, 50, 120])
def test_max_nodes_keeps_a_share_of_every_type_and_their_relations(graph: nx.MultiDiGraph, k: int) -> None:
    sel = select_view(graph, max_nodes=k)
    kept = sel.graph
    counts = Counter(str(t) for _v, t in graph.nodes(data="type"))
    assert Counter(str(t) for _v, t in kept.nodes(data="type")) == type_quotas(counts, k)
    assert {"Person", "Organization", "Product", "Place"} <= {t for _v, t in kept.nodes(data="type")}
    # every relation between what is kept is drawn, and only those
    assert kept.number_of_edges() == graph.subgraph(kept.nodes).number_of_edges()
    assert sel.left_out_edges == graph.number_of_edges() - kept.number_of_edges()
    assert sel.not_shown == graph.number_of_nodes() - k == sum(sel.left_out.values())
    # best connected first: the cut is a graph, not a scatter of isolated names
    isolated = sum(1 for v in kept if kept.degree(v) == 0)
    assert isolated <= 0.1 * k, f"{isolated} of {k} kept entities have no relation in the cut"


def test_within_a_type_the_best_connected_come_first() -> None:
    g = nx.MultiDiGraph()
    g.add_node("hub", type="Organization", label="Hub")
    g.add_node("small", type="Organization", label="Small")
    for i in range(5):
        g.add_edge(f"p{i}", "hub", key="worksFor", predicate="worksFor")
        g.nodes[f"p{i}"].update(type="Person", label=f"Aaron {i}")
    g.add_edge("zoe", "small", key="ceoOf", predicate="ceoOf")
    g.nodes["zoe"].update(type="Person", label="Zoé")
    g.add_edge("boss", "hub", key="ceoOf", predicate="ceoOf")
    g.add_edge("boss", "small", key="founderOf", predicate="founderOf")
    g.nodes["boss"].update(type="Person", label="Zed Boss")
    kept = keep_every_type(g, 2, importance(g))
    assert sorted(kept) == ["boss", "hub"]  # not the alphabetical first person, not an unlinked one


def test_focus_is_kept_and_the_cut_grows_around_it() -> None:
    g = synthetic_graph(400)
    person = next(v for v, t in g.nodes(data="type") if t == "Person" and g.degree(v) > 0)
    sel = select_view(g, focus=g.nodes[person]["label"], depth=3, max_nodes=15)
    assert sel.focus == person and person in sel.graph
    assert sel.graph.number_of_nodes() == 15
    assert nx.number_connected_components(sel.graph.to_undirected()) <= 3


@pytest.mark.parametrize(
    ("left_out", "edges", "text"),
    [
        ({"Person": 1}, 0, "1 person"),
        ({"Place": 2, "Person": 1}, 1, "1 person, 2 places and 1 relation"),
        ({"Robot": 2, "Organization": 1}, 5, "1 organization, 2 Robot entities and 5 relations"),
        ({}, 0, ""),
    ],
)
def test_left_out_text(left_out: dict[str, int], edges: int, text: str) -> None:
    assert Selection(nx.MultiDiGraph(), {}, None, 10, 10, 3, left_out, edges).left_out_text() == text


def test_no_cut_when_everything_fits_and_errors_say_what_to_do() -> None:
    g = synthetic_graph(50)
    sel = select_view(g, max_nodes=500)
    assert sel.graph is g and sel.not_shown == 0 and sel.left_out_text() == ""
    with pytest.raises(ConfigError, match="at least 1"):
        select_view(g, max_nodes=0)
    with pytest.raises(ConfigError, match="0 or more"):
        select_view(g, focus="x", depth=-1)
