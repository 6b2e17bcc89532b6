"""graph_builder.viz.synthetic: the news-like graphs of the viewer's benchmark and tests."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph_builder.types import ENTITY_TYPES, PREDICATES
from graph_builder.viz.synthetic import synthetic_graph


@pytest.mark.parametrize("n", [8, 300, 1000])
def test_shape_of_a_news_graph(n: int) -> None:
    g = synthetic_graph(n)
    assert g.number_of_nodes() == n and isinstance(g, nx.MultiDiGraph)
    assert set(Counter(t for _v, t in g.nodes(data="type"))) == set(ENTITY_TYPES)
    assert all(d["predicate"] in PREDICATES and d["evidence"] and d["support"] >= 1 for _u, _v, d in g.edges(data=True))
    people = [v for v, t in g.nodes(data="type") if t == "Person"]
    assert all(g.in_degree(v) == 0 for v in people)  # why a PageRank cut drops them
    isolates = sum(1 for v in g if g.degree(v) == 0)
    assert abs(isolates - 0.2 * n) <= 0.02 * n + 4
    assert len({d["label"] for _v, d in g.nodes(data=True)}) == n  # names are unique


def test_seeded_and_with_accents() -> None:
    a, b = synthetic_graph(200, seed=3), synthetic_graph(200, seed=3)
    assert list(a.nodes(data="label")) == list(b.nodes(data="label")) and list(a.edges) == list(b.edges)
    assert any(any(c in d["label"] for c in "éèëüöåí") for _v, d in a.nodes(data=True))


def test_too_small() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        synthetic_graph(5)
