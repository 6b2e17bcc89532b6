"""One process of the SPARQL endpoint's backend: pyoxigraph over a pipe, no network port.

``graph-builder serve`` (:mod:`graph_builder.server`) answers HTTP itself and hands each query
to one of these processes (:mod:`graph_builder.server_backend`), which it starts with pipes
for standard input and output. Nothing else can reach them: unlike the ``oxigraph`` server
binary they replace, they listen on no port, so the endpoint's limits (time, rows, read-only,
``Host``) cannot be bypassed from another process or a web page.

Protocol, one request at a time: the parent writes a JSON line (``{"op": "query", "query":
..., "default": [...], "named": [...], "limit": N}``, ``{"op": "update", ...}`` or ``{"op":
"gsp", ...}`` followed by ``body`` bytes); the worker answers with a JSON line (``status``,
``kind``, ``truncated``, ``ctype``, ``bytes``) and that many bytes. Solutions come back as
SPARQL TSV and graphs as N-Triples, one row or triple per line, at most ``limit`` of them (the
query stops there). The first line a worker writes is ``{"ready": true}`` once its store is
open, or ``{"error": ...}``.

A query that makes the worker grow past its memory limit (a hostile query, or a damaged store
on which pyoxigraph 0.5.13 collects errors without end) ends the worker: the parent answers 503
and starts another.

>>> encode_row([None, ox.Literal("a\\tb")])
'\\t"a\\\\tb"'
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

import pyoxigraph as ox

__all__ = ["encode_row", "handle", "main"]

_GRAPH_CTYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                 "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
                 "application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}


def encode_row(terms: list[Any]) -> str:
    """One SPARQL TSV row: each term in N-Triples syntax (tabs and newlines escaped), unbound empty."""
    return "\t".join("" if t is None else str(t) for t in terms)


def _graph_name(value: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if value is None else ox.NamedNode(value)


def _query(store: ox.Store, req: dict[str, Any], union: bool) -> tuple[dict[str, Any], bytes]:
    limit = int(req["limit"])
    kw: dict[str, Any] = {}
    if req.get("default"):
        kw["default_graph"] = [ox.NamedNode(g) for g in req["default"]]
    elif union:
        kw["use_default_graph_as_union"] = True
    if req.get("named"):
        kw["named_graphs"] = [ox.NamedNode(g) for g in req["named"]]
    res = store.query(req["query"], **kw)
    truncated = False
    lines: list[str] = []
    if isinstance(res, ox.QueryBoolean):
        return {"status": 200, "kind": "ask", "truncated": False}, ("true" if bool(res) else "false").encode()
    if isinstance(res, ox.QueryTriples):
        kind = "graph"
        for t in res:
            if len(lines) >= limit:
                truncated = True
                break
            lines.append(f"{t.subject} {t.predicate} {t.object} .")
    else:
        kind = "select"
        names = [v.value for v in res.variables]
        lines.append("\t".join(f"?{n}" for n in names))
        for sol in res:
            if len(lines) > limit:
                truncated = True
                break
            lines.append(encode_row([sol[n] for n in names]))
    data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    return {"status": 200, "kind": kind, "truncated": truncated}, data


def _gsp(store: ox.Store, req: dict[str, Any], body: bytes) -> tuple[dict[str, Any], bytes]:
    """Graph Store Protocol: GET/HEAD/PUT/POST/DELETE on ``?graph=IRI`` or ``?default``."""
    method = req["method"]
    graph = req.get("graph")
    whole = graph is None and not req.get("default")
    if method in ("GET", "HEAD"):
        if whole:
            data = store.dump(format=ox.RdfFormat.N_QUADS)
            return {"status": 200, "ctype": "application/n-quads"}, data or b""
        g = _graph_name(graph)
        if isinstance(g, ox.NamedNode) and not store.contains_named_graph(g):
            return {"status": 404, "ctype": "text/plain; charset=utf-8"}, f"No graph <{graph}> in the store\n".encode()
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
        return {"status": 200, "ctype": "application/n-triples"}, data or b""
    if method == "DELETE":
        if whole:
            store.clear()
        elif graph is None:
            store.clear_graph(ox.DefaultGraph())
        else:
            g = ox.NamedNode(graph)
            if not store.contains_named_graph(g):
                return {"status": 404, "ctype": "text/plain; charset=utf-8"}, f"No graph <{graph}>\n".encode()
            store.remove_graph(g)
        return {"status": 204}, b""
    ctype = (req.get("ctype") or "").split(";")[0].strip().lower()
    fmt = _GRAPH_CTYPES.get(ctype)
    if fmt is None:
        return ({"status": 415, "ctype": "text/plain; charset=utf-8"},
                f"Unsupported Content-Type {ctype or '(none)'}; send one of {', '.join(_GRAPH_CTYPES)}\n".encode())
    existed = True
    if not whole:
        g = _graph_name(graph)
        existed = isinstance(g, ox.DefaultGraph) or store.contains_named_graph(g)
        if method == "PUT":
            if isinstance(g, ox.DefaultGraph):
                store.clear_graph(g)
            elif existed:
                store.remove_graph(g)
        store.load(body, format=fmt, to_graph=g)
    else:
        if method == "PUT":
            store.clear()
        store.load(body, format=fmt)
    return {"status": 204 if existed else 201}, b""


def handle(store: ox.Store, req: dict[str, Any], body: bytes, *, union: bool,
           read_only: bool) -> tuple[dict[str, Any], bytes]:
    """Answer one request (see the module docstring); never raises."""
    try:
        op = req.get("op")
        if op == "query":
            return _query(store, req, union)
        if read_only:
            return {"status": 403, "ctype": "text/plain; charset=utf-8"}, b"read-only\n"
        if op == "update":
            store.update(req["update"])
            return {"status": 204}, b""
        if op == "gsp":
            return _gsp(store, req, body)
        return {"status": 400, "ctype": "text/plain; charset=utf-8"}, f"unknown operation {op!r}\n".encode()
    except SyntaxError as exc:
        return {"status": 400, "ctype": "text/plain; charset=utf-8"}, f"{exc}\n".encode()
    except (RuntimeError, OSError, ValueError) as exc:
        from graph_builder.rdf.health import describe_damage, is_damage

        if is_damage(exc):
            msg = f"The store is damaged ({describe_damage(str(exc))}); run graph-builder check on it\n"
            return {"status": 500, "ctype": "text/plain; charset=utf-8"}, msg.encode()
        if isinstance(exc, ValueError):  # e.g. a graph IRI that is not one
            return {"status": 400, "ctype": "text/plain; charset=utf-8"}, f"{exc}\n".encode()
        return ({"status": 500, "ctype": "text/plain; charset=utf-8"},
                f"The query could not be evaluated: {exc}\n".encode())


def _write(out: IO[bytes], head: dict[str, Any], data: bytes) -> None:
    head = {**head, "bytes": len(data)}
    out.write(json.dumps(head).encode() + b"\n" + data)
    out.flush()


def main(argv: list[str] | None = None) -> int:
    """``python -m graph_builder.server_worker STORE [--read-write] [--no-union] [--memory-limit BYTES]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="graph_builder.server_worker")
    ap.add_argument("store")
    ap.add_argument("--read-write", action="store_true")
    ap.add_argument("--no-union", action="store_true")
    ap.add_argument("--memory-limit", type=int, default=0)
    a = ap.parse_args(argv)
    out = sys.stdout.buffer
    inp = sys.stdin.buffer
    sys.stdout = sys.stderr  # nothing but the protocol on the pipe
    try:
        store = ox.Store(a.store) if a.read_write else ox.Store.read_only(a.store)
        from graph_builder.rdf.health import quick_read

        quick_read(store, a.store)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which says it in one line
        from graph_builder.errors import StoreDamagedError
        from graph_builder.rdf.health import describe_damage, is_damage

        report: dict[str, str] = {"error": str(exc)}
        if isinstance(exc, StoreDamagedError):
            report["damage"] = exc.what
        elif is_damage(exc):
            report["damage"] = describe_damage(str(exc), a.store)
        out.write(json.dumps(report).encode() + b"\n")
        out.flush()
        return 2
    out.write(b'{"ready": true}\n')
    out.flush()
    from graph_builder.rdf.health import MemoryGuard

    while True:
        line = inp.readline()
        if not line:
            return 0
        try:
            req = json.loads(line)
            body = inp.read(int(req.get("body", 0))) if req.get("body") else b""
        except (ValueError, OSError):
            return 2
        with MemoryGuard("a query", a.store, limit=a.memory_limit or None, on_exceeded=lambda msg: os._exit(3)):
            head, data = handle(store, req, body, union=not a.no_union, read_only=not a.read_write)
        _write(out, head, data)
        if a.read_write and req.get("op") != "query":
            store.flush()


if __name__ == "__main__":
    raise SystemExit(main())
