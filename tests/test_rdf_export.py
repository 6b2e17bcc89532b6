"""Export: every format parses back (rdflib) to exactly the store's content; writes are atomic."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from graph_builder.errors import ConfigError
from graph_builder.rdf.export import export, format_for
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import union_graph

_spec = importlib.util.spec_from_file_location("rdf_fixture_kg", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def store() -> GraphStore:
    s = GraphStore()
    s.add_all(fx.extractions())
    return s


def _rdflib_quads(ds: rdflib.Dataset) -> set[tuple[str, str, str, str]]:
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        gid = "" if gid is None or gid == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else f"<{gid}>"
        out.add((s.n3(), p.n3(), o.n3(), gid))
    return out


@pytest.mark.parametrize("name,fmt", [("g.trig", "trig"), ("g.nq", "nquads"), ("g.jsonld", "json-ld")])
def test_dataset_formats_round_trip_with_named_graphs(store: GraphStore, tmp_path: Path, name: str, fmt: str) -> None:
    path = export(store, tmp_path / name)
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    got = _rdflib_quads(ds)
    assert len(got) == len(store)
    # the store's own content, read through rdflib too (so literals are spelled the same way)
    back = rdflib.Dataset()
    back.parse(data=store.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode(), format="nquads")
    assert got == _rdflib_quads(back)
    assert len({g for *_, g in got if g}) == 3  # the three article graphs survive


@pytest.mark.parametrize("name,fmt", [("g.ttl", "turtle"), ("g.nt", "nt")])
def test_triple_formats_hold_the_union(store: GraphStore, tmp_path: Path, name: str, fmt: str) -> None:
    path = export(store, tmp_path / name)
    g = rdflib.Graph().parse(path, format=fmt)
    assert len(g) == len(store)  # nothing is repeated across graphs, so the union loses nothing
    assert isomorphic(g, union_graph(store))


def test_export_is_atomic_and_leaves_no_temp_files(store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.ttl"
    target.parent.mkdir()
    target.write_text("old content")
    export(store, target)
    assert target.read_text().startswith("@prefix") and list(target.parent.iterdir()) == [target]
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, tmp_path / "x.ttl", "rdfxml-ish")
    assert not list(tmp_path.glob(".x.ttl.*"))


def test_exports_get_the_usual_permissions(store: GraphStore, tmp_path: Path) -> None:
    import os

    from graph_builder.files import current_umask

    for name in ("g.ttl", "g.trig"):
        path = export(store, tmp_path / name)
        assert os.stat(path).st_mode & 0o777 == 0o666 & ~current_umask(), name  # was 0o600 (mkstemp's)


def test_format_names_and_extensions() -> None:
    assert format_for("a.TTL") == "turtle" and format_for("a.nq") == "nquads" and format_for("a.json") == "json-ld"
    assert format_for("a", "TriG") == "trig"
    with pytest.raises(ConfigError, match="extension"):
        format_for("graph.rdf")


def test_store_dump_delegates_to_export(store: GraphStore, tmp_path: Path) -> None:
    p = store.dump(tmp_path / "d.nq")
    assert sum(1 for _ in p.open()) == len(store)
