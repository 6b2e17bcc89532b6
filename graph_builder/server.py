"""Serve a store over the SPARQL 1.1 Protocol: a Python front end over pyoxigraph query processes.

The front end (this module, a threaded ``http.server``) speaks HTTP; the queries run in a small
pool of worker processes (:mod:`graph_builder.server_backend`, :mod:`graph_builder.server_worker`)
that open the store with pyoxigraph and talk to the front end over pipes only: no other process
can reach them, so every request goes through the front end's limits. (Until issue 20 the backend
was the ``oxigraph`` server binary on a private 127.0.0.1 port, which any local process, or a web
page through DNS rebinding, could query without the row limit.) The front end

* checks the ``Host`` header (403 unless it names the served address: DNS rebinding), listens
  with a backlog of 128, and gives clients 20 s for their headers and 5 s for a body
  (:mod:`graph_builder.server_guards`);
* declares graph_builder's prefixes (``gb:``, ``rdfs:``, ``schema:``... as on the command line) that
  a query uses without declaring them;
* gets solutions as TSV and graphs as N-Triples, at most ``max_results`` rows (the worker stops
  the query there), and re-serialises them with pyoxigraph in the format the client's ``Accept``
  header (or a ``format=`` parameter) asks for: JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML,
  JSON-LD; or an HTML table for a browser (:mod:`graph_builder.server_formats`); a truncated answer
  carries ``X-Graph-Builder-Truncated: true`` and says so in the answer itself where the format has
  room (JSON ``head``, a comment in XML, Turtle and N-Triples, a note in HTML);
* enforces the time limit: past ``timeout_s`` the client gets ``503`` and the worker running the
  query is killed and replaced (queries on the other workers go on); a query past the memory
  limit ends its worker the same way;
* refuses updates and Graph Store writes with ``403`` unless ``allow_updates`` (then one worker
  opens the store for writing and serves everything, one request at a time);
* answers ``400`` for malformed queries with where (line, column, the line with a caret) and what the
  parser expected, in a few words, and keeps serving;
* says when the store's derived data is out of date (``X-Graph-Builder-Stale``).

Facts live in the default graph and provenance in named graphs, so queries see the union
default graph (``union_default_graph=True``), as everywhere else in graph_builder.

Example
-------
>>> import tempfile, pyoxigraph as ox, SPARQLWrapper
>>> d = tempfile.mkdtemp() + "/store"
>>> s = ox.Store(d); s.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"),
...     ox.Literal("x"), ox.NamedNode("http://ex/g"))); s.flush(); del s
>>> with serve(d, port=0) as server:
...     w = SPARQLWrapper.SPARQLWrapper(server.query_url, returnFormat="json")
...     w.setQuery("SELECT ?o WHERE { ?s ?p ?o }")
...     w.queryAndConvert()["results"]["bindings"][0]["o"]["value"]
'x'
"""

from __future__ import annotations

import atexit
import http.server
import os
import shutil
import signal
import socket
import sys
import threading
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from graph_builder.errors import ConfigError, StoreError
from graph_builder.server_backend import BackendDown, BackendError, BackendTimeout, WorkerPool
from graph_builder.server_formats import DEFAULT_GRAPH as _DEFAULT_GRAPH
from graph_builder.server_formats import DEFAULT_RESULT as _DEFAULT_RESULT
from graph_builder.server_formats import GRAPH_FORMATS, RESULT_FORMATS, query_page, render_answer
from graph_builder.server_formats import HTML as _HTML
from graph_builder.server_formats import negotiate as _negotiate
from graph_builder.server_formats import parse_accept as _parse_accept
from graph_builder.server_guards import HEADER_TIMEOUT_S, GuardedHTTPServer, HostCheck, read_body
from graph_builder.sparql import declare_prefixes, syntax_error

__all__ = [
    "SparqlServer",
    "serve",
    "serve_forever",
    "find_oxigraph_binary",
    "free_port",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
]

_MAX_BODY = 10 * 1024 * 1024
_READ_ONLY_MSG = ("This SPARQL endpoint is read-only: updates and Graph Store writes are refused. "
                  "Start it with `graph-builder serve STORE --allow-updates` (allow_updates=True) to accept them.\n")

_live_servers: weakref.WeakSet[SparqlServer] = weakref.WeakSet()


def find_oxigraph_binary() -> Path:
    """The ``oxigraph`` server binary: next to ``sys.executable`` (the venv), else on ``PATH``.

    >>> find_oxigraph_binary().name
    'oxigraph'
    """
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return here
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ConfigError("the `oxigraph` server binary was not found next to Python or on PATH; "
                      "install it with `pip install oxigraph==0.5.13` (it ships the binary)")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free right now on ``host`` (the OS picks it).

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


# -- the server ------------------------------------------------------------------------------
class SparqlServer:
    """A running SPARQL endpoint over an Oxigraph store (see the module docstring).

    Use :func:`serve` to make one. ``url`` is the base, ``query_url`` the query endpoint
    (``/query``; ``/sparql`` is an alias), ``update_url`` (``/update``) and ``store_url``
    (``/store``, Graph Store Protocol) work only with ``allow_updates``. ``workers`` query
    processes (default: 2-4, one with ``allow_updates``); ``allow_hosts``: more names the
    ``Host`` header may give (see :mod:`graph_builder.server_guards`).
    """

    def __init__(self, store_path: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878,
                 timeout_s: float = 30, max_results: int = 10_000, allow_updates: bool = False,
                 union_default_graph: bool = True, workers: int | None = None,
                 allow_hosts: Iterable[str] = (), ready_timeout_s: float = 30) -> None:
        if timeout_s <= 0:
            raise ConfigError(f"timeout must be positive (got {timeout_s}); give seconds, e.g. --timeout 30")
        if max_results < 1:
            raise ConfigError(f"max results must be at least 1 (got {max_results})")
        if not 0 <= port < 65536:
            raise ConfigError(f"port {port} is out of range; give 1-65535, or 0 for any free port")
        self.store_path = Path(store_path)
        self._check_store()
        self.host, self._port = host, port
        self.timeout_s, self.max_results = float(timeout_s), int(max_results)
        self.allow_updates, self.union_default_graph = allow_updates, union_default_graph
        if workers is not None and workers < 1:
            raise ConfigError(f"workers must be at least 1 (got {workers})")
        self.allow_hosts = tuple(allow_hosts)
        self.ready_timeout_s = ready_timeout_s
        self._lock = threading.RLock()
        self._stopping = False
        self._pool = WorkerPool(self.store_path, size=1 if allow_updates else workers, read_write=allow_updates,
                                union=union_default_graph, ready_timeout_s=ready_timeout_s,
                                on_replace=self._count_recycle)
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.host_check: HostCheck | None = None
        self.recycles = 0

    # -- public ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        """The public port (the real one once started, also when asked for port 0)."""
        return int(self._httpd.server_address[1]) if self._httpd else self._port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    @property
    def backend_pids(self) -> list[int]:
        """Process ids of the query processes (for diagnostics and tests)."""
        return self._pool.pids

    @property
    def backend_pid(self) -> int | None:
        """Process id of the first query process, or None (see :attr:`backend_pids`)."""
        pids = self._pool.pids
        return pids[0] if pids else None

    def _count_recycle(self) -> None:
        with self._lock:
            self.recycles += 1

    def start(self) -> SparqlServer:
        """Start the query processes (each opens the store), then open the public port."""
        self._pool.start()
        try:
            handler = type("Handler", (_Handler,), {"app": self})
            self._httpd = GuardedHTTPServer((self.host, self._port), handler)
        except OSError as exc:
            self.stop()
            raise ConfigError(f"cannot listen on {self.host}:{self._port}: {exc.strerror or exc}; "
                              "choose another --port (0 picks a free one) or stop what uses it") from None
        self.host_check = HostCheck(self.host, self.port, self.allow_hosts)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name=f"sparql-proxy-{self.port}", daemon=True)
        self._thread.start()
        _live_servers.add(self)
        return self

    def stop(self) -> None:
        """Close the public port and stop every query process (terminate, then kill). Idempotent."""
        with self._lock:
            if self._stopping and self._httpd is None:
                return
            self._stopping = True
            httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        self._pool.close()
        _live_servers.discard(self)

    def wait(self) -> None:
        """Block until :meth:`stop` is called (Ctrl-C raises KeyboardInterrupt here)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def __enter__(self) -> SparqlServer:
        return self if self._httpd else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        mode = "read-write" if self.allow_updates else "read-only"
        return f"<SparqlServer {self.url} {mode} store={self.store_path}>"

    # -- the store -----------------------------------------------------------------------
    def _check_store(self) -> None:
        p = self.store_path
        if p.exists() and not p.is_dir():
            raise StoreError(f"{p} is a file, not a store directory; give the folder a build wrote")
        if not (p / "CURRENT").is_file():
            raise StoreError(f"{p} is not an Oxigraph store (missing or no CURRENT file); "
                             f"build one first: graph-builder build ARTICLES --store {p}")

    # -- one query ------------------------------------------------------------------------
    def run_query(self, params: list[tuple[str, str]]) -> tuple[str, list[str], bool]:
        """Run a query on a worker; returns (kind, lines, truncated) with kind "select", "ask" or "graph".

        Raises BackendTimeout past ``timeout_s``, BackendDown when no worker can answer, and
        BackendError for an error answer (e.g. 400 for a syntax error).
        """
        return self._pool.run_query(params, timeout_s=self.timeout_s, limit=self.max_results)

    def forward(self, request: dict[str, Any], body: bytes = b"") -> tuple[dict[str, Any], bytes]:
        """An update or a Graph Store request, to the (read-write) worker."""
        return self._pool.call(request, body, timeout_s=max(self.timeout_s, 300))


class _Handler(http.server.BaseHTTPRequestHandler):
    """The public side: routes, limits, negotiation, HTML. One thread per connection."""

    app: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "graph-builder-sparql/0.1"
    timeout = HEADER_TIMEOUT_S  # idle or trickling clients are dropped (bodies: read_body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by default
        if os.environ.get("GRAPH_BUILDER_SERVER_LOG"):
            super().log_message(format, *args)

    # -- helpers -------------------------------------------------------------------------
    def _send(self, status: int, body: bytes | str, ctype: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, message.rstrip("\n") + "\n")

    def _body(self) -> bytes | None:
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "Invalid Content-Length header")
            return None
        if n > _MAX_BODY:
            self.close_connection = True
            self._error(413, f"Request body too large ({n} bytes; the limit is {_MAX_BODY}); send a smaller query")
            return None
        if n <= 0:
            return b""
        try:
            return read_body(self.rfile, self.connection, n)
        except TimeoutError:
            self.close_connection = True
            self._error(408, f"The request body ({n} bytes announced) did not arrive in time; send it with the "
                             "headers")
        except EOFError:
            self.close_connection = True
        return None

    def _forward_raw(self, body: bytes) -> None:
        """An update (``/update``) or a Graph Store request (``/store``), allow_updates only."""
        url = urlsplit(self.path)
        qs = parse_qsl(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path.rstrip("/") == "/update":
            if self.command != "POST":
                return self._error(405, "Send updates with POST")
            if ctype == "application/sparql-update":
                update = body.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                found = [v for k, v in parse_qsl(body.decode("utf-8", "replace")) if k == "update"]
                update = found[0] if found else ""
            else:
                return self._error(415, "POST an update as application/sparql-update, or as a form with update=...")
            update, _added = declare_prefixes(update)
            request: dict[str, Any] = {"op": "update", "update": update}
        else:
            graphs = [v for k, v in qs if k == "graph"]
            request = {"op": "gsp", "method": self.command, "graph": graphs[0] if graphs else None,
                       "default": any(k == "default" for k, _ in qs), "ctype": ctype}
        try:
            head, data = self.app.forward(request, body)
        except BackendTimeout:
            return self._error(503, f"The request ran longer than the {self.app.timeout_s:g} s limit and was stopped")
        except BackendDown as exc:
            return self._error(503, f"The SPARQL server is unavailable ({exc}); retry in a moment")
        except BackendError as exc:
            return self._error(exc.status, exc.body)
        status = int(head.get("status", 502))
        if status >= 400:
            return self._error(status, data.decode("utf-8", "replace"))
        self._send(status, data, head.get("ctype") or "text/plain; charset=utf-8")

    # -- routing -------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802
        self._route(b"")

    def do_HEAD(self) -> None:  # noqa: N802
        self._route(b"")

    def do_POST(self) -> None:  # noqa: N802
        check = self.app.host_check
        if check is not None and not check.allows(self.headers.get("Host")):
            self.close_connection = True  # refused before its body is read
            return self._error(403, check.refusal(self.headers.get("Host") or ""))
        body = self._body()
        if body is not None:
            self._route(body)

    def do_PUT(self) -> None:  # noqa: N802
        self.do_POST()

    def do_DELETE(self) -> None:  # noqa: N802
        self.do_POST()

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._send(204, b"", headers={"Allow": "GET, HEAD, POST, OPTIONS"})

    def _route(self, body: bytes) -> None:
        try:
            check = self.app.host_check
            host = self.headers.get("Host")
            if check is not None and not check.allows(host):
                self.close_connection = True
                return self._error(403, check.refusal(host or ""))
            path = urlsplit(self.path).path.rstrip("/") or "/"
            if path in ("/", "/index.html"):
                if self.command not in ("GET", "HEAD"):
                    return self._error(405, "Use GET for the query page; send queries to /query")
                return self._send(200, self._page(), "text/html; charset=utf-8")
            if path in ("/query", "/sparql"):
                return self._query(body)
            if path in ("/update", "/store"):
                if not self.app.allow_updates:
                    return self._error(403, _READ_ONLY_MSG)
                return self._forward_raw(body)
            return self._error(404, f"No such endpoint: {path}. Endpoints: / (query page), /query (SPARQL "
                                    "queries, GET or POST)" + (", /update, /store" if self.app.allow_updates else ""))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - never let one request take the server down
            try:
                self._error(500, f"Internal error of the SPARQL proxy: {type(exc).__name__}: {exc}")
            except OSError:
                self.close_connection = True

    def _page(self) -> str:
        a = self.app
        return query_page(mode="read-write" if a.allow_updates else "read-only", timeout_s=a.timeout_s,
                          max_results=a.max_results, store_name=a.store_path.name)

    def _query(self, body: bytes) -> None:
        qs = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = list(qs)
        if self.command == "POST":
            if ctype == "application/x-www-form-urlencoded":
                try:
                    params += parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
                except UnicodeDecodeError:
                    return self._error(400, "The request body is not UTF-8; encode the query in UTF-8")
            elif ctype == "application/sparql-query":
                params.append(("query", body.decode("utf-8", "replace")))
            elif ctype == "application/sparql-update":
                params.append(("update", ""))
            else:
                return self._error(415, f"Unsupported Content-Type {ctype or '(none)'}; POST a query as "
                                        "application/x-www-form-urlencoded (query=...) or application/sparql-query")
        elif self.command not in ("GET", "HEAD"):
            return self._error(405, f"{self.command} is not allowed on /query; use GET or POST")
        names = [k for k, _ in params]
        if "update" in names:
            if not self.app.allow_updates:
                return self._error(403, _READ_ONLY_MSG)
            return self._error(400, "Send updates to /update, not to the query endpoint")
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "Give exactly one non-empty `query` parameter (SPARQL 1.1 Protocol), "
                                    "e.g. /query?query=ASK%20%7B%7D")
        # ``format=NAME`` (the query page; SPARQLWrapper also sends format/output=json, tsv, or a media
        # type) overrides the Accept header for the kind of answer NAME applies to; other values are ignored.
        names_given = [v.strip().lower() for k, v in params if k in ("format", "output")]
        f = next((v for v in names_given if v in RESULT_FORMATS or v in GRAPH_FORMATS or v == _HTML), "")
        ranges = _parse_accept(self.headers.get("Accept"))
        want_results = f if f in RESULT_FORMATS or f == _HTML else _negotiate(ranges, RESULT_FORMATS, _DEFAULT_RESULT, True)
        want_graph = f if f in GRAPH_FORMATS or f == _HTML else _negotiate(ranges, GRAPH_FORMATS, _DEFAULT_GRAPH, True)
        if want_results is None and want_graph is None:
            return self._error(406, "No acceptable format in the Accept header; ask for one of "
                                    + ", ".join(v[0].split(";")[0] for v in [*RESULT_FORMATS.values(),
                                                                             *GRAPH_FORMATS.values()]))
        declared, added = declare_prefixes(queries[0])  # gb:, rdfs:, schema: ... as on the command line
        forward = [(k, declared if k == "query" else v) for k, v in params
                   if k in ("query", "default-graph-uri", "named-graph-uri")]
        try:
            kind, lines, truncated = self.app.run_query(forward)
        except BackendTimeout:
            return self._error(503, f"Query timed out: it ran longer than the {self.app.timeout_s:g} s limit and "
                                    "was stopped. Make it cheaper (avoid cross products, add LIMIT or "
                                    "more specific patterns) or start the server with a larger --timeout.")
        except BackendDown as exc:
            return self._error(503, f"The SPARQL server is restarting ({exc}); retry in a moment")
        except BackendError as exc:
            status = exc.status if 400 <= exc.status < 600 else 502
            if status == 400:  # where and what, briefly (not the parser's list of every acceptable character)
                return self._error(400, "SPARQL query error at " + syntax_error(exc.body, queries[0],
                                                                              line_offset=added).block())
            return self._error(status, exc.body)
        want = want_graph if kind == "graph" else want_results
        if want is None:
            return self._error(406, f"This {kind} query cannot be answered in the formats of the Accept header; "
                                    "ask for " + ", ".join(v[0].split(";")[0] for v in
                                                           (GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS).values()))
        headers = {"X-Graph-Builder-Max-Results": str(self.app.max_results)}
        if truncated:
            headers["X-Graph-Builder-Truncated"] = "true"
        stale = _stale_reason(self.app.store_path)
        if stale:
            headers["X-Graph-Builder-Stale"] = stale
        try:
            media, data = render_answer(kind, want, lines, truncated=truncated, limit=self.app.max_results)
        except (SyntaxError, ValueError) as exc:  # pragma: no cover - the worker wrote something odd
            return self._error(502, f"Could not re-encode the answer of the SPARQL server: {exc}")
        return self._send(200, data, media, headers)


def _stale_reason(store: Path) -> str:
    """The store's "refresh pending" mark, as a header value ("" when its derived data is up to date)."""
    from graph_builder.rdf.refresh import is_pending, pending_reason

    if not is_pending(store):
        return ""
    return pending_reason(store).encode("ascii", "replace").decode("ascii")[:300] or "derived data out of date"


def serve(store_path: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878,
          timeout_s: float = 30, max_results: int = 10_000, allow_updates: bool = False,
          union_default_graph: bool = True, workers: int | None = None,
          allow_hosts: Iterable[str] = ()) -> SparqlServer:
    """Start a SPARQL 1.1 Protocol endpoint over the store at ``store_path``; returns it running.

    Listens on ``host:port`` (127.0.0.1 by default: nothing else on the network can reach it;
    ``port=0`` picks a free port, read it from ``.url``). Use it as a context manager, or call
    ``.stop()``; ``.wait()`` blocks until stopped. Raises StoreError when the store cannot be
    opened (missing, not a store, locked) and ConfigError for bad options or a busy port.

    >>> import tempfile, pyoxigraph as ox
    >>> d = tempfile.mkdtemp() + "/s"; st = ox.Store(d); st.flush(); del st
    >>> with serve(d, port=0) as srv:
    ...     srv.query_url.startswith("http://127.0.0.1:")
    True
    """
    return SparqlServer(store_path, host=host, port=port, timeout_s=timeout_s, max_results=max_results,
                        allow_updates=allow_updates, union_default_graph=union_default_graph, workers=workers,
                        allow_hosts=allow_hosts).start()


def serve_forever(store_path: str | os.PathLike[str], *, on_ready: Callable[[SparqlServer], None] | None = None,
                  **options: Any) -> None:
    """Blocking variant of :func:`serve` (the CLI's): runs until Ctrl-C or SIGTERM, then stops cleanly.

    ``options`` are those of :func:`serve`; ``on_ready(server)`` runs once it answers.
    """
    server = serve(store_path, **options)
    previous = None
    if threading.current_thread() is threading.main_thread():
        def _term(signum: int, frame: object) -> None:
            raise KeyboardInterrupt
        previous = signal.signal(signal.SIGTERM, _term)
    try:
        if on_ready is not None:
            on_ready(server)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@atexit.register
def _stop_all() -> None:  # no query process outlives Python
    for s in list(_live_servers):
        try:
            s.stop()
        except Exception:  # noqa: BLE001,S110 - best effort at exit
            pass
