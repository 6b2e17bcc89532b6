"""The endpoint's query processes: pyoxigraph on pipes, time and memory limits, replacement."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.errors import StoreError
from graph_builder.server_backend import BackendError, BackendTimeout, WorkerPool
from graph_builder.server_worker import encode_row, handle

pytestmark = pytest.mark.slow

E = "http://example.org/"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o } ORDER BY ?a ?d ?g ?j ?m ?c ?f ?i ?l ?o"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pool") / "store"
    st = ox.Store(str(path))
    g = ox.NamedNode(E + "g")
    for i in range(30):
        st.add(ox.Quad(ox.NamedNode(f"{E}s{i}"), ox.NamedNode(E + "p"), ox.Literal(f"v\t{i}\n"), g))
    st.flush()
    del st
    return path


@pytest.mark.parametrize(("query", "kind", "n_lines", "truncated"), [
    ("SELECT ?o WHERE { ?s ?p ?o }", "select", 1 + 10, True),  # header + the limit
    ("SELECT ?o WHERE { ?s ?p ?o } LIMIT 3", "select", 1 + 3, False),
    ("ASK { ?s ?p ?o }", "ask", 1, False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "graph", 10, True),
])
def test_answers_are_tsv_or_ntriples_cut_at_the_limit(store_path: Path, query: str, kind: str, n_lines: int,
                                                      truncated: bool) -> None:
    pool = WorkerPool(store_path, size=1).start()
    try:
        got = pool.run_query([("query", query)], timeout_s=20, limit=10)
    finally:
        pool.close()
    assert got[0] == kind and len(got[1]) == n_lines and got[2] is truncated
    if kind == "select":
        res = ox.parse_query_results(("\n".join(got[1]) + "\n").encode(), ox.QueryResultsFormat.TSV)
        assert all(sol["o"].value.startswith("v\t") for sol in res)  # tabs and newlines survive


def test_the_worker_answers_errors_as_statuses(tmp_path: Path) -> None:
    st = ox.Store()
    assert handle(st, {"op": "query", "query": "SELEC *", "limit": 5}, b"", union=True, read_only=True)[0]["status"] == 400
    assert handle(st, {"op": "update", "update": "CLEAR ALL"}, b"", union=True, read_only=True)[0]["status"] == 403
    assert encode_row([ox.NamedNode(E + "x"), None, ox.Literal("a", language="fr")]) == f'<{E}x>\t\t"a"@fr'


def test_a_query_past_the_memory_limit_ends_its_process_which_is_replaced(store_path: Path) -> None:
    pool = WorkerPool(store_path, size=1, memory_limit=64 << 20).start()
    try:
        first = pool.pids
        with pytest.raises(BackendError) as err:
            pool.run_query([("query", CROSS)], timeout_s=120, limit=10)
        assert err.value.status == 503 and "memory" in err.value.body
        deadline = time.monotonic() + 30
        while (not pool.pids or pool.pids == first) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.pids and pool.pids != first
        assert pool.run_query([("query", "ASK { ?s ?p ?o }")], timeout_s=20, limit=10)[1] == ["true"]
    finally:
        pool.close()


def test_a_query_past_the_time_limit_is_stopped(store_path: Path) -> None:
    pool = WorkerPool(store_path, size=1).start()
    try:
        t0 = time.monotonic()
        with pytest.raises(BackendTimeout):
            pool.run_query([("query", CROSS)], timeout_s=1, limit=10)
        assert time.monotonic() - t0 < 5
    finally:
        pool.close()


def test_a_missing_or_damaged_store_is_a_store_error(tmp_path: Path, store_path: Path) -> None:
    import shutil

    with pytest.raises(StoreError):
        WorkerPool(tmp_path / "nothing", size=1).start()
    copy = tmp_path / "copy"
    shutil.copytree(store_path, copy)
    (copy / "CURRENT").write_text("")
    with pytest.raises(StoreError, match="is damaged"):
        WorkerPool(copy, size=1).start()
