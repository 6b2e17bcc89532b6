"""The SPARQL endpoint: the front end on a free loopback port, pyoxigraph query processes on pipes,
SPARQLWrapper and urllib as clients."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph_builder.errors import ConfigError, StoreError
from graph_builder.server import SparqlServer, _negotiate, _parse_accept, RESULT_FORMATS, GRAPH_FORMATS, serve

GB = "https://w3id.org/graph-builder/ontology#"
E = "https://w3id.org/graph-builder/entity/"
G = "https://w3id.org/graph-builder/graph/article/fr-001"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREFIX = f"PREFIX gb: <{GB}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
FOUNDERS = PREFIX + "SELECT ?s ?o WHERE { ?s gb:founderOf ?o } ORDER BY ?s ?o"
EXPECTED_FOUNDERS = {(E + "person/jeff-bezos", E + "organization/amazon"),
                     (E + "person/jeff-bezos", E + "organization/blue-origin"),
                     (E + "person/arthur-mensch", E + "organization/mistral-ai")}
TRICKY = 'Il a dit : "c\'est <script>alert(1)</script>"\net ensuite\t\\ fin — 🚀'
HOSTILE = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?a{i} ?b{i} ?c{i}" for i in range(40)) + " }"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def fixture_quads() -> list[ox.Quad]:
    """A few facts in the default graph, provenance in one article graph (as the real model)."""
    label = n(RDFS_LABEL)
    quads = []
    for s, o in EXPECTED_FOUNDERS:
        quads.append(ox.Quad(n(s), n(GB + "founderOf"), n(o)))
    for iri, name, typ in [(E + "person/jeff-bezos", "Jeff Bezos", "Person"),
                           (E + "person/arthur-mensch", "Arthur Mensch", "Person"),
                           (E + "organization/amazon", "Amazon", "Organization"),
                           (E + "organization/blue-origin", "Blue Origin", "Organization"),
                           (E + "organization/mistral-ai", "Mistral AI", "Organization")]:
        quads.append(ox.Quad(n(iri), label, ox.Literal(name, language="fr")))
        quads.append(ox.Quad(n(iri), n(RDF_TYPE), n(GB + typ)))
    quads.append(ox.Quad(n(E + "organization/amazon"), n(GB + "note"), ox.Literal(TRICKY)))
    quads.append(ox.Quad(n(E + "organization/amazon"), n(GB + "employees"),
                         ox.Literal("1500000", datatype=n("http://www.w3.org/2001/XMLSchema#integer"))))
    art = n("https://w3id.org/graph-builder/article/fr-001")
    quads.append(ox.Quad(art, n(RDF_TYPE), n("http://schema.org/NewsArticle"), n(G)))
    for iri in (E + "person/jeff-bezos", E + "organization/amazon"):
        quads.append(ox.Quad(art, n("http://schema.org/mentions"), n(iri), n(G)))
    return quads


def make_store(path: Path) -> Path:
    store = ox.Store(str(path))
    store.extend(fixture_quads())
    store.flush()
    del store  # releases the RocksDB lock
    return path


def http(url: str, *, query: str | None = None, accept: str | None = None, data: bytes | None = None,
         content_type: str | None = None, method: str | None = None, **params: str) -> tuple[int, dict[str, str], bytes]:
    if query is not None:
        params["query"] = query
    if params:
        url += "?" + urllib.parse.urlencode(params)
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("srv") / "store")


@pytest.fixture(scope="module")
def server(store_path: Path):
    with serve(store_path, port=0, timeout_s=3) as s:
        pids = set(s.backend_pids)
        yield s
        pids |= set(s.backend_pids)
    assert pids and not any(alive(p) for p in pids)


def wrapper(server: SparqlServer, query: str, fmt: str) -> Any:
    w = SPARQLWrapper(server.query_url)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w.queryAndConvert()


# -- fast unit tests ----------------------------------------------------------------------------
def test_accept_header_is_ordered_by_quality() -> None:
    assert _parse_accept("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1") == [
        "application/sparql-results+json", "text/csv", "*/*"]
    assert _parse_accept(None) == ["*/*"]
    assert _parse_accept("text/csv;q=0") == ["*/*"]


@pytest.mark.parametrize(("accept", "results", "graph"), [
    ("application/sparql-results+xml, application/rdf+xml, */*", "xml", "rdfxml"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "html", "html"),
    ("application/json", "json", "jsonld"),
    ("text/*", "csv", "turtle"),
    ("image/png", None, None),
])
def test_negotiation_picks_a_format_per_query_kind(accept: str, results: str | None, graph: str | None) -> None:
    ranges = _parse_accept(accept)
    assert _negotiate(ranges, RESULT_FORMATS, "json", True) == results
    assert _negotiate(ranges, GRAPH_FORMATS, "turtle", True) == graph


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        serve(tmp_path / "nope", port=0)
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "a.txt").write_text("x")
    with pytest.raises(StoreError, match="build one first"):
        serve(tmp_path / "junk", port=0)


def test_bad_options_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="timeout"):
        SparqlServer(tmp_path, timeout_s=0)
    with pytest.raises(ConfigError, match="max results"):
        SparqlServer(tmp_path, max_results=0)


# -- a real server -----------------------------------------------------------------------------
@pytest.mark.slow
def test_select_as_json(server: SparqlServer) -> None:
    res = wrapper(server, FOUNDERS, JSON)
    assert {(b["s"]["value"], b["o"]["value"]) for b in res["results"]["bindings"]} == EXPECTED_FOUNDERS


@pytest.mark.slow
def test_select_as_xml(server: SparqlServer) -> None:
    doc = wrapper(server, FOUNDERS, XML)
    rows = set()
    for result in doc.getElementsByTagName("result"):
        b = {el.getAttribute("name"): el.getElementsByTagName("uri")[0].firstChild.data
             for el in result.getElementsByTagName("binding")}
        rows.add((b["s"], b["o"]))
    assert rows == EXPECTED_FOUNDERS


@pytest.mark.slow
def test_select_as_csv(server: SparqlServer) -> None:
    rows = list(csv.reader(io.StringIO(wrapper(server, FOUNDERS, CSV).decode("utf-8"))))
    assert rows[0] == ["s", "o"]
    assert {tuple(r) for r in rows[1:]} == EXPECTED_FOUNDERS


@pytest.mark.slow
def test_select_as_tsv(server: SparqlServer) -> None:
    lines = wrapper(server, FOUNDERS, TSV).decode("utf-8").splitlines()
    assert lines[0] == "?s\t?o"
    assert {tuple(x.strip("<>") for x in ln.split("\t")) for ln in lines[1:]} == EXPECTED_FOUNDERS


@pytest.mark.slow
def test_literals_keep_language_datatype_and_odd_characters(server: SparqlServer) -> None:
    q = PREFIX + f"SELECT ?note ?n ?l WHERE {{ <{E}organization/amazon> gb:note ?note ; gb:employees ?n ; rdfs:label ?l }}"
    b = wrapper(server, q, JSON)["results"]["bindings"][0]
    assert b["note"]["value"] == TRICKY
    assert b["n"]["datatype"].endswith("#integer") and b["n"]["value"] == "1500000"
    assert b["l"] == {"type": "literal", "value": "Amazon", "xml:lang": "fr"}


@pytest.mark.slow
def test_queries_see_the_union_of_all_graphs(server: SparqlServer) -> None:
    q = "SELECT ?e WHERE { ?a <http://schema.org/mentions> ?e }"
    res = wrapper(server, q, JSON)
    assert {b["e"]["value"] for b in res["results"]["bindings"]} == {E + "person/jeff-bezos", E + "organization/amazon"}
    ask = wrapper(server, f"ASK {{ GRAPH <{G}> {{ ?a a <http://schema.org/NewsArticle> }} }}", JSON)
    assert ask["boolean"] is True


def expected_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for s, o in EXPECTED_FOUNDERS:
        g.add((rdflib.URIRef(s), rdflib.URIRef(GB + "founderOf"), rdflib.URIRef(o)))
    return g


@pytest.mark.slow
def test_construct_as_turtle(server: SparqlServer) -> None:
    w = SPARQLWrapper(server.query_url)
    w.setQuery(PREFIX + "CONSTRUCT WHERE { ?s gb:founderOf ?o }")
    w.setReturnFormat(TURTLE)
    raw = w.query()
    assert raw.response.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=raw.response.read().decode("utf-8"), format="turtle")
    assert set(g) == set(expected_graph())


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's JSON-LD parser
def test_construct_as_jsonld(server: SparqlServer) -> None:
    w = SPARQLWrapper(server.query_url)
    w.setQuery(PREFIX + "CONSTRUCT { ?s gb:founderOf ?o } WHERE { ?s gb:founderOf ?o }")
    w.setReturnFormat(JSONLD)
    raw = w.query()
    assert raw.response.headers["Content-Type"].startswith("application/ld+json")
    data = raw.response.read().decode("utf-8")
    json.loads(data)
    g = rdflib.Graph().parse(data=data, format="json-ld")
    assert set(g) == set(expected_graph())


@pytest.mark.slow
def test_describe_and_post_directly(server: SparqlServer) -> None:
    status, headers, body = http(server.query_url, data=f"DESCRIBE <{E}person/arthur-mensch>".encode(),
                                 content_type="application/sparql-query", accept="application/n-triples")
    assert status == 200 and headers["content-type"] == "application/n-triples"
    assert f"<{GB}founderOf> <{E}organization/mistral-ai>" in body.decode()


@pytest.mark.slow
def test_update_is_refused_and_data_unchanged(server: SparqlServer) -> None:
    before = wrapper(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON)["results"]["bindings"][0]["n"]["value"]
    insert = f"INSERT DATA {{ <{E}x> <{GB}founderOf> <{E}y> }}"
    w = SPARQLWrapper(server.query_url, updateEndpoint=server.update_url)
    w.setMethod("POST")
    w.setQuery(insert)
    with pytest.raises(urllib.error.HTTPError) as err:
        w.query()
    assert err.value.code == 403
    assert "read-only" in err.value.read().decode()
    status, _, body = http(server.query_url, data=urllib.parse.urlencode({"update": insert}).encode(),
                           content_type="application/x-www-form-urlencoded")
    assert status == 403 and b"--allow-updates" in body
    status, _, body = http(server.store_url + "?default", data=f"<{E}x> <{GB}p> <{E}y> .".encode(),
                           content_type="application/n-triples")
    assert status == 403
    after = wrapper(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON)["results"]["bindings"][0]["n"]["value"]
    assert after == before == str(len(fixture_quads()))


@pytest.mark.slow
def test_malformed_query_is_400_and_server_keeps_answering(server: SparqlServer) -> None:
    for bad in ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ", "\x00\xff{{{", "PREFIX x <nope"]:
        status, _, body = http(server.query_url, query=bad)
        assert status == 400, bad
        assert body.startswith(b"SPARQL query error")
    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT ?x WHERE { ?x", JSON)
    status, _, _ = http(server.query_url)  # no query at all
    assert status == 400
    status, headers, _ = http(server.query_url, query="ASK {}", format="yaml", accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")  # unknown format= is ignored
    status, headers, _ = http(server.query_url, query="ASK {}", format="xml", accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+xml")
    status, _, _ = http(server.query_url, query="ASK {}", accept="image/png")
    assert status == 406
    status, _, _ = http(server.url + "/nothing-here")
    assert status == 404
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON)["boolean"] is True


def test_the_command_line_prefixes_are_predeclared(server: SparqlServer) -> None:
    res = wrapper(server, "SELECT ?s ?o WHERE { ?s gb:founderOf ?o ; rdfs:label ?l } ORDER BY ?s ?o", JSON)
    assert {(b["s"]["value"], b["o"]["value"]) for b in res["results"]["bindings"]} == EXPECTED_FOUNDERS
    status, _, body = http(server.query_url, query="ASK { ?e a gb:Organization ; gb:employees ?n FILTER(?n > 1000) "
                                                   "FILTER(datatype(?n) = xsd:integer) }",
                           accept="application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    own = "PREFIX gb: <https://example.org/not-ours#> SELECT ?s WHERE { ?s gb:founderOf ?o }"
    assert wrapper(server, own, JSON)["results"]["bindings"] == []  # a query's own declaration is kept


@pytest.mark.parametrize(("query", "where", "what"), [
    ("SELCT ?s WHERE { ?s ?p ?o }", "line 1, column 1", "a query starts with SELECT"),
    ("SELECT ?s\nWHERE { ?s gb:founderOf ?o\n  FILTER(?o = ) }", "line 3, column", "expected one of ABS"),
    ("SELECT ?s WHERE { ?s nope:founderOf ?o }", "line 1, column 36", "unknown prefix nope:"),
])
def test_a_parse_error_says_where_briefly(server: SparqlServer, query: str, where: str, what: str) -> None:
    status, _, body = http(server.query_url, query=query)
    text = body.decode()
    assert status == 400 and text.startswith(f"SPARQL query error at {where}") and what in text
    assert len(text.splitlines()) <= 3 and "\\u{" not in text and "..=" not in text  # no parser dump
    with pytest.raises(QueryBadFormed):
        wrapper(server, query, JSON)


@pytest.mark.slow
def test_hostile_query_hits_time_limit_and_server_keeps_answering(server: SparqlServer) -> None:
    before = set(server.backend_pids)
    t0 = time.monotonic()
    status, _, body = http(server.query_url, query=HOSTILE)
    took = time.monotonic() - t0
    assert status == 503
    assert b"timed out" in body and b"--timeout" in body
    assert took < server.timeout_s + 3
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON)["boolean"] is True
    stuck = [pid for pid in before if not alive(pid)]
    assert len(stuck) == 1  # the process running the query was stopped, the others kept serving
    deadline = time.monotonic() + 30
    while len(server.backend_pids) < len(before) and time.monotonic() < deadline:  # and replaced
        time.sleep(0.2)
    assert len(server.backend_pids) == len(before) and stuck[0] not in server.backend_pids
    res = wrapper(server, FOUNDERS, JSON)
    assert len(res["results"]["bindings"]) == 3


@pytest.mark.slow
def test_result_size_limit(store_path: Path) -> None:
    with serve(store_path, port=0, max_results=4) as s:
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o }",
                                     accept="application/sparql-results+json")
        assert status == 200 and headers.get("x-graph-builder-truncated") == "true"
        doc = json.loads(body)
        assert len(doc["results"]["bindings"]) == 4
        assert doc["head"]["truncated"] is True and doc["head"]["limit"] == 4  # in the answer itself too
        assert len(list(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))) == 4  # still standard JSON
        w = SPARQLWrapper(s.query_url, returnFormat=JSON)
        w.setQuery("SELECT * WHERE { ?s ?p ?o }")
        assert w.queryAndConvert()["head"]["truncated"] is True  # what a SPARQLWrapper user sees
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o }", accept="application/sparql-results+xml")
        assert b"<!-- truncated: only the first 4 rows" in body
        assert len(list(ox.parse_query_results(body, ox.QueryResultsFormat.XML))) == 4
        status, headers, body = http(s.query_url, query="CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
        assert headers.get("x-graph-builder-truncated") == "true"
        lines = body.decode().strip().splitlines()
        assert lines[0].startswith("# truncated: only the first 4 triples") and len(lines) == 5
        assert len(list(ox.parse(body, ox.RdfFormat.N_TRIPLES))) == 4
        status, headers, body = http(s.query_url, query="CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
        assert body.startswith(b"# truncated") and len(list(ox.parse(body, ox.RdfFormat.TURTLE))) == 4
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o }", format="html")
        assert b'id="truncated"' in body and b"4 rows (cut at the limit of 4)" in body  # the query page's answer
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
        assert headers.get("x-graph-builder-truncated") == "true" and len(body.decode().strip().splitlines()) == 5
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 4", accept="text/csv")
        assert "x-graph-builder-truncated" not in headers
        assert len(body.decode().strip().splitlines()) == 5
        status, headers, body = http(s.query_url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 4",
                                     accept="application/sparql-results+json")
        assert "truncated" not in json.loads(body)["head"]
        # a query streaming billions of rows stops at the limit, fast
        t0 = time.monotonic()
        status, headers, body = http(s.query_url, query=HOSTILE.replace("(COUNT(*) AS ?n)", "*"), accept="text/csv")
        assert status == 200 and headers.get("x-graph-builder-truncated") == "true"
        assert time.monotonic() - t0 < 5


@pytest.mark.slow
def test_listens_on_loopback_and_the_query_processes_on_no_port(server: SparqlServer) -> None:
    import psutil

    assert server.url.startswith("http://127.0.0.1:")
    assert server._httpd is not None and server._httpd.server_address[0] == "127.0.0.1"
    assert server._httpd.request_queue_size >= 128  # the listen backlog
    assert len(server.backend_pids) >= 2
    for pid in server.backend_pids:
        proc = psutil.Process(pid)
        assert "graph_builder.server_worker" in proc.cmdline() and "--read-write" not in proc.cmdline()
        assert proc.net_connections(kind="all") == []  # no socket: reachable only through the front end's limits


@pytest.mark.slow
def test_query_page_is_self_contained_and_has_a_form(server: SparqlServer) -> None:
    status, headers, body = http(server.url + "/")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<form id="query-form" method="get" action="query">' in page
    assert '<textarea id="query" name="query"' in page
    assert "<script" not in page and "<link" not in page and "src=" not in page  # nothing from a CDN
    # the form's GET answers a browser with an escaped HTML table
    status, headers, body = http(server.query_url, query=PREFIX + "SELECT ?note WHERE { ?e gb:note ?note }",
                                 accept="text/html,application/xhtml+xml,*/*;q=0.8")
    table = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<script>alert" not in table and "&lt;script&gt;alert(1)&lt;/script&gt;" in table


@pytest.mark.slow
def test_the_example_query_gives_one_row_per_fact(tmp_path: Path) -> None:
    import importlib.util

    from graph_builder.rdf.store import GraphStore
    from graph_builder.server_formats import EXAMPLE_QUERY

    spec = importlib.util.spec_from_file_location("fx_server", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)  # type: ignore[union-attr]
    with GraphStore(tmp_path / "store") as st:  # Arthur Mensch and Mistral AI: a French and an English label
        st.add_all(fx.extractions())
        facts = len(st.query("SELECT * WHERE { ?s gb:founderOf ?o }"))
    with serve(tmp_path / "store", port=0) as s:
        page = http(s.url + "/")[2].decode()
        assert "skos:prefLabel" in page and "gb:, rdf:, rdfs:" in page and "X-Graph-Builder-Truncated" in page
        rows = [(b["founder"]["value"], b["company"]["value"]) for b in wrapper(s, EXAMPLE_QUERY, JSON)["results"]["bindings"]]
        assert len(rows) == facts == len(set(rows))
        before = EXAMPLE_QUERY.replace("skos:prefLabel", "rdfs:label")  # the example as it was
        assert len(wrapper(s, before, JSON)["results"]["bindings"]) > facts


@pytest.mark.slow
def test_busy_port_is_a_config_error_and_leaves_no_process(store_path: Path, server: SparqlServer) -> None:
    s = SparqlServer(store_path, port=server.port)
    with pytest.raises(ConfigError, match="cannot listen"):
        s.start()
    assert s.backend_pid is None


@pytest.mark.slow
def test_stop_reaps_the_query_processes(store_path: Path) -> None:
    s = serve(store_path, port=0)
    pids = s.backend_pids
    assert pids and all(alive(p) for p in pids)
    s.stop()
    s.stop()  # idempotent
    assert not any(alive(p) for p in pids)


@pytest.mark.slow
def test_updates_allowed_when_asked(tmp_path: Path) -> None:
    path = make_store(tmp_path / "rw")
    with serve(path, port=0, allow_updates=True, timeout_s=2) as s:
        status, _, _ = http(s.update_url, data=f"INSERT DATA {{ <{E}x> <{GB}founderOf> <{E}y> }}".encode(),
                            content_type="application/sparql-update")
        assert status in (200, 204)
        res = wrapper(s, PREFIX + "SELECT ?o WHERE { ?s gb:founderOf ?o }", JSON)
        assert len(res["results"]["bindings"]) == 4
        # the time limit also holds in read-write mode (the query process is restarted)
        assert http(s.query_url, query=HOSTILE)[0] == 503
        time.sleep(0.5)
        assert wrapper(s, "ASK { ?s ?p ?o }", JSON)["boolean"] is True


@pytest.mark.slow
def test_cli_serve_prints_url_and_stops_on_ctrl_c(store_path: Path) -> None:
    exe = Path(sys.executable).parent / "graph-builder"
    proc = subprocess.Popen([str(exe), "serve", str(store_path), "--port", "0", "--timeout", "5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert "SPARQL endpoint (read-only)" in line
        url = line.split("queries: ")[1].strip()
        status, _, body = http(url, query="ASK { ?s ?p ?o }", accept="application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        children = [int(p) for t in Path(f"/proc/{proc.pid}/task").iterdir()
                    for p in (t / "children").read_text().split()]
        assert children
        printed = []  # the whole banner first: a Ctrl-C while it prints would cut it (seen under load)
        while proc.stdout:
            printed.append(proc.stdout.readline())
            if not printed[-1] or "Ctrl-C stops the server" in printed[-1]:
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
        out = "".join(printed) + out
        assert proc.returncode == 0, err
        assert "server stopped" in out and "SPARQLWrapper(" in out
        assert not any(alive(c) for c in children)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
@pytest.mark.browser
def test_query_page_runs_a_query_in_a_browser(server: SparqlServer) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no /usr/bin/chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            external: list[str] = []
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server.url) else None)
            page.goto(server.url + "/")
            page.fill("#query", PREFIX + "SELECT ?name WHERE { ?e gb:founderOf ?o ; rdfs:label ?name } ORDER BY ?name")
            page.click("button[type=submit]")
            page.wait_for_selector("table")
            cells = page.locator("tbody td").all_inner_texts()
            assert [c.replace("@fr", "").strip() for c in cells] == ["Arthur Mensch", "Jeff Bezos", "Jeff Bezos"]
            assert external == []  # nothing loaded from elsewhere
        finally:
            browser.close()
