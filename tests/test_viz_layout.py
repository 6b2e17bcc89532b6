"""graph_builder.viz.layout: communities apart, no overlapping nodes, isolates in a grid."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from graph_builder.analytics import importance
from graph_builder.viz.layout import NODE_GAP_PX, community_ranks, layout_positions, separate
from graph_builder.viz.page import node_radius
from graph_builder.viz.style import SHAPE_EXTENT, TYPE_STYLES
from graph_builder.viz.synthetic import synthetic_graph


@pytest.fixture(scope="module", params=[pytest.param("demo", marks=pytest.mark.slow), "synthetic-1000"])
def laid_out(request: pytest.FixtureRequest) -> tuple[nx.MultiDiGraph, dict, dict, dict]:
    g = request.getfixturevalue("demo_graph") if request.param == "demo" else synthetic_graph(1000)
    imp = importance(g)
    radii = {v: node_radius(imp[v]) * SHAPE_EXTENT[TYPE_STYLES[g.nodes[v]["type"]].shape] for v in g}
    comm = community_ranks(g)
    pos, how = layout_positions(g, radii=radii, communities=comm)
    assert how == "communities" and set(pos) == set(g.nodes)
    return g, pos, radii, comm


def test_no_two_nodes_overlap(laid_out: tuple) -> None:
    from scipy.spatial import cKDTree

    g, pos, radii, comm = laid_out
    linked = [v for v in g if comm[v] >= 0]
    p = np.array([pos[v] for v in linked])
    r = np.array([radii[v] for v in linked])
    for i, j in cKDTree(p).query_pairs(2 * r.max() + NODE_GAP_PX):
        gap = math.dist(p[i], p[j]) - r[i] - r[j]
        assert gap >= NODE_GAP_PX - 0.5, f"{linked[i]} and {linked[j]} overlap ({gap:.1f} px apart)"


def test_communities_are_laid_out_apart(laid_out: tuple) -> None:
    g, pos, radii, comm = laid_out
    discs = {}
    for c in {c for c in comm.values() if c >= 0}:
        members = [v for v in g if comm[v] == c]
        p = np.array([pos[v] for v in members])
        centre = p.mean(axis=0)
        discs[c] = (centre, max(math.dist(centre, pos[v]) + radii[v] for v in members))
    cs = sorted(discs)
    for a in cs:
        for b in cs:
            if a < b:
                (ca, ra), (cb, rb) = discs[a], discs[b]
                assert math.dist(ca, cb) >= ra + rb, f"communities {a} and {b} overlap"
    # grouped: a node is nearer its own community's centre than the typical spread of the layout
    spread = np.ptp(np.array([pos[v] for v in g if comm[v] >= 0]), axis=0).max()
    largest = [v for v in g if comm[v] == 0]
    assert max(math.dist(pos[v], discs[0][0]) for v in largest) < spread / 2


def test_isolates_sit_below_in_a_grid_by_type(laid_out: tuple) -> None:
    g, pos, _radii, comm = laid_out
    isolates = [v for v in g if comm[v] < 0]
    assert isolates and all(g.degree(v) == 0 for v in isolates)
    bottom = max(pos[v][1] for v in g if comm[v] >= 0)
    assert min(pos[v][1] for v in isolates) > bottom
    order = sorted(isolates, key=lambda v: (pos[v][1], pos[v][0]))
    types = [list(TYPE_STYLES).index(g.nodes[v]["type"]) for v in order]
    assert types == sorted(types)


def test_layout_is_seeded() -> None:
    g = synthetic_graph(150)
    assert layout_positions(g, seed=1) == layout_positions(g, seed=1)
    assert layout_positions(g, seed=1) != layout_positions(g, seed=2)


def test_community_ranks_largest_first_isolates_minus_one() -> None:
    g = nx.MultiDiGraph()
    nx.add_path(g, ["a", "b", "c", "d"])
    g.add_edge("x", "y")
    g.add_node("lonely")
    ranks = community_ranks(g)
    assert ranks["lonely"] == -1 and ranks["a"] == 0 and ranks["x"] == ranks["y"] > 0


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n: int) -> None:
    pos, how = layout_positions(nx.path_graph(n))
    assert len(pos) == n and how == {0: "none", 1: "single", 2: "communities"}[n]


def test_separate_pushes_discs_apart() -> None:
    p = separate(np.zeros((5, 2)), np.full(5, 10.0), 4.0)
    d = [math.dist(p[i], p[j]) for i in range(5) for j in range(i + 1, 5)]
    assert min(d) >= 23.9
