"""push into a second real Oxigraph server, remote queries with VALUES bindings, refusals."""

from __future__ import annotations

import importlib.util
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_builder.errors import ConfigError, QueryError, StoreError
from graph_builder.push import bind_values, push, remote_named, remote_query, resolve_endpoints
from graph_builder.query import list_queries, run_named
from graph_builder.rdf.store import GraphStore
from graph_builder.server import SparqlServer, find_oxigraph_binary, free_port, serve

_spec = importlib.util.spec_from_file_location("rdf_fixture_kg", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)  # type: ignore[union-attr]

TARGET_GRAPH = "https://example.org/graph/kg"
#: named queries that need no parameter and do not look inside named graphs (flattened by a push)
FLAT_QUERIES = [q.name for q in list_queries()
                if "GRAPH" not in q.text.upper() and all(not p.required for p in q.params)]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


class RawOxigraph:
    """A plain `oxigraph serve` (read-write, no proxy) in a temporary directory."""

    def __init__(self, location: Path, *, read_only: bool = False) -> None:
        self.port = free_port()
        cmd = [str(find_oxigraph_binary()), "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("oxigraph did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push") / "store"
    with GraphStore(path) as gs:
        gs.add_all(fx.extractions())
        gs.update("INSERT DATA { _:b2 <https://example.org/p1> 'one' ; <https://example.org/p2> 'two' . }")
        gs.refresh()  # an update marks the derived data stale until the next refresh
    return path


@pytest.fixture(scope="module")
def source(store_path: Path) -> Iterator[SparqlServer]:
    with serve(store_path, port=0, timeout_s=10) as s:
        yield s


@pytest.fixture()
def target(tmp_path: Path) -> Iterator[RawOxigraph]:
    t = RawOxigraph(tmp_path / "target")
    yield t
    t.stop()
    assert not _alive(t.proc.pid)


def distinct_triples(path: Path) -> set[tuple[str, str, str]]:
    with GraphStore(path, read_only=True) as gs:
        return {(str(q.subject), str(q.predicate), str(q.object))
                for q in gs.oxigraph.quads_for_pattern(None, None, None, None)}


def rows(result) -> list[tuple]:  # noqa: ANN001
    return sorted(result.rows, key=repr)


# -- fast -------------------------------------------------------------------------------------
def test_resolve_endpoints_follows_oxigraph_layout() -> None:
    for url in ("http://h:7878", "http://h:7878/", "http://h:7878/query", "http://h:7878/store"):
        e = resolve_endpoints(url)
        assert (e.query, e.update, e.gsp) == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert resolve_endpoints("http://h/ds", gsp_url="http://h/ds/data").gsp == "http://h/ds/data"
    with pytest.raises(ConfigError, match="not an http"):
        resolve_endpoints("ftp://h/x")
    with pytest.raises(ConfigError, match="no endpoint"):
        resolve_endpoints(None)


def test_bad_push_options_are_config_errors(store_path: Path) -> None:
    with pytest.raises(ConfigError, match="method"):
        push(store_path, "http://127.0.0.1:9", method="ftp", progress=False)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="graph IRI"):
        push(store_path, "http://127.0.0.1:9", graph="not an iri", progress=False)
    with pytest.raises(ConfigError, match="batch size"):
        push(store_path, "http://127.0.0.1:9", batch_size=0, progress=False)


def test_unreachable_server_is_a_store_error(store_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot reach .* is the server running"):
        push(store_path, f"http://127.0.0.1:{free_port()}", progress=False)


def test_bind_values_inserts_into_where_group_so_filters_see_it() -> None:
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/label"), ox.Literal("Mistral AI")))
    q = 'SELECT ?e WHERE { ?e <http://e/label> ?l FILTER(?org = "" || str(?l) = ?org) }'
    assert len(list(s.query(bind_values(q, {"org": "Mistral AI"})))) == 1
    assert len(list(s.query(bind_values(q, {"?org": "OpenAI"})))) == 0
    assert len(list(s.query(bind_values(q, {"org": ""})))) == 1
    # several rows, UNDEF, an IRI
    q2 = "SELECT ?e ?l WHERE { ?e <http://e/label> ?l }"
    r = list(s.query(bind_values(q2, [{"e": rdflib.URIRef("http://e/a")}, {"e": None, "l": "nope"}])))
    assert [sol["e"] for sol in r] == [ox.NamedNode("http://e/a")]


def test_bind_values_on_tricky_query_texts() -> None:
    q = 'PREFIX a: <http://x/{y}> # a { in a comment\nSELECT (EXISTS { ?s ?p ?o } AS ?x) WHERE { ?s ?p "}" }'
    out = bind_values(q, {"o": 1})
    assert out.index("VALUES") > out.index("WHERE {")
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": "x"})
    assert construct.startswith('CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { ("x") }')
    short = bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"o": "x"})
    assert short.rstrip().endswith('VALUES (?o) { ("x") }')
    list(ox.Store().query(short))  # valid SPARQL
    with pytest.raises(QueryError, match="variable name"):
        bind_values(q, {"o) } DROP ALL #": 1})
    with pytest.raises(QueryError, match="blank node"):
        bind_values(q, {"o": rdflib.BNode()})
    assert bind_values(q, {}) == q


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(st.text(), st.integers(), st.booleans(),
                       st.floats(allow_nan=False, allow_infinity=False)))
def test_bound_values_come_back_unchanged(value: object) -> None:
    """Whatever the value (quotes, braces, newlines, `} DROP ALL`), it is one literal in the query."""
    q = bind_values("SELECT ?v WHERE { }", {"v": value})
    (sol,) = list(ox.Store().query(q))
    from graph_builder.rdf.store import to_oxigraph, to_python

    assert sol["v"].datatype == to_oxigraph(value).datatype  # type: ignore[union-attr]
    assert to_python(sol["v"]) == value  # (Oxigraph normalises lexical forms: "0.0"^^xsd:double -> "0")


# -- real servers ------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_then_same_answers_on_both_servers(store_path: Path, source: SparqlServer, target: RawOxigraph,
                                                method: str) -> None:
    report = push(store_path, target.url, method=method, batch_size=40, progress=False)  # type: ignore[arg-type]
    expected = distinct_triples(store_path)
    assert report.triples == len(expected) and report.batches > 2
    assert "pushed" in str(report)
    n_target = remote_query(target.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert n_target == len(expected)
    assert FLAT_QUERIES, "no named query to compare"
    for name in FLAT_QUERIES:
        assert rows(remote_named(source.url, name)) == rows(remote_named(target.url, name)), name
    # blank nodes split over batches would become several nodes: they travel together
    b = remote_query(target.url, "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE "
                                 "{ ?b <https://example.org/p1> ?x ; <https://example.org/p2> ?y }")
    assert b.rows == [(1,)]


@pytest.mark.slow
def test_push_into_a_named_graph(store_path: Path, target: RawOxigraph) -> None:
    report = push(store_path, target.url + "/store", graph=TARGET_GRAPH, progress=False)
    assert report.batches == 1 + 1  # bnode triples go last, on their own
    r = remote_query(target.url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } ", )
    assert r.rows == [(len(distinct_triples(store_path)),)]
    g = remote_query(target.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert g.rows == [(TARGET_GRAPH,)]
    assert remote_query(target.url, "ASK { ?s ?p ?o }").boolean is False  # nothing in the default graph
    # pushing again adds nothing, except fresh copies of the blank-node triples (a blank node is new per request)
    push(store_path, target.url, graph=TARGET_GRAPH, method="update", progress=False)
    no_bnodes = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) } }"
    assert remote_query(target.url, no_bnodes).rows == [(r.rows[0][0] - 2,)]


@pytest.mark.slow
def test_remote_named_with_params_matches_the_local_store(store_path: Path, source: SparqlServer) -> None:
    with GraphStore(store_path, read_only=True) as gs:
        for name, params in [("founders", {"org": "Mistral AI"}), ("founders", {"org": "Mistral"}), ("founders", {})]:
            local = run_named(gs, name, **params)
            remote = remote_named(source.url, name, **params)
            assert remote.vars == local.vars
            assert rows(remote) == rows(local), (name, params)
        for evil in ('x" } ; DROP ALL ; #', "Mistrall"):  # unknown names: the same clear error on both sides
            with pytest.raises(QueryError) as local_error:
                run_named(gs, "founders", org=evil)
            with pytest.raises(QueryError) as remote_error:
                remote_named(source.url, "founders", org=evil)
            assert str(remote_error.value) == str(local_error.value) and "no entity named" in str(local_error.value)
    assert rows(remote_named(source.url, "founders", org="Mistral AI"))


@pytest.mark.slow
def test_remote_query_errors(source: SparqlServer) -> None:
    with pytest.raises(QueryError, match="rejected the query"):
        remote_query(source.url, "SELECT ?x WHERE { ?x")
    c = remote_query(source.query_url, "CONSTRUCT WHERE { ?s gb:ceoOf ?o }")
    assert c.kind == "graph" and len(c) >= 1


@pytest.mark.slow
def test_push_refused_by_a_read_only_server(store_path: Path, source: SparqlServer) -> None:
    with pytest.raises(StoreError, match=r"refused the push .*HTTP 403: This SPARQL endpoint is read-only.*--allow-updates"):
        push(store_path, source.url, progress=False)
    with pytest.raises(StoreError, match="HTTP 403"):
        push(store_path, source.url, method="update", progress=False)


@pytest.mark.slow
def test_push_refused_by_raw_read_only_oxigraph_and_wrong_url(store_path: Path, tmp_path: Path) -> None:
    loc = tmp_path / "ro"
    s = ox.Store(str(loc))
    s.flush()
    del s
    ro = RawOxigraph(loc, read_only=True)
    try:
        with pytest.raises(StoreError, match="HTTP 403: The server is read-only; the server refuses writes"):
            push(store_path, ro.url, progress=False)
        with pytest.raises(StoreError, match="HTTP 404.*wrong URL"):
            push(store_path, ro.url, gsp_url=ro.url + "/nowhere", progress=False)
    finally:
        ro.stop()


@pytest.mark.slow
def test_cli_push(store_path: Path, target: RawOxigraph) -> None:
    from graph_builder.cli import main

    assert main(["push", str(store_path), "--endpoint", target.url, "--quiet", "--batch-size", "100"]) == 0
    n = remote_query(target.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert n == len(distinct_triples(store_path))
    assert main(["push", str(store_path), "--quiet"]) == 2  # no endpoint: one-line error
