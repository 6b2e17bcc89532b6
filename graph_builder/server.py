"""Serve a store over the SPARQL 1.1 Protocol: the ``oxigraph`` binary behind a thin Python proxy.

Why a proxy: measured on ``oxigraph`` 0.5.13, the binary speaks the protocol well (GET/POST,
JSON/XML/CSV/TSV results, Turtle/N-Triples/RDF-XML/JSON-LD graphs, 403 on updates when
read-only, 400 on syntax errors) but ``--timeout-s`` does not stop a running query (a cross
product ran for minutes with ``--timeout-s 3``), it has no result-size limit, and its page at
``/`` is YASGUI. So :func:`serve` starts ``oxigraph serve-read-only`` (``serve`` with
``allow_updates``) on a private loopback port and puts a threaded ``http.server`` in front of it
on the public port. The proxy

* asks the binary for TSV (solutions) or N-Triples (graphs): one row or triple per line, so it
  counts while streaming and hangs up after ``max_results`` rows (the binary then stops);
* declares graph_builder's prefixes (``gb:``, ``rdfs:``, ``schema:``... as on the command line) that
  a query uses without declaring them;
* re-serialises the kept rows with pyoxigraph in the format the client's ``Accept`` header (or
  a ``format=`` parameter) asks for: JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML, JSON-LD;
  or an HTML table for a browser (:mod:`graph_builder.server_formats`); a truncated answer
  carries ``X-Graph-Builder-Truncated: true`` and says so in the answer itself where the format has
  room (JSON ``head``, a comment in XML, Turtle and N-Triples, a note in HTML);
* enforces the time limit itself: past ``timeout_s`` the client gets ``503`` and the binary is
  replaced by a fresh one (read-only: a new process opens the store, then the old one is killed
  once the other queries it serves had their time; with updates allowed: restarted);
* refuses updates and Graph Store writes with ``403`` unless ``allow_updates``;
* answers ``400`` for malformed queries with where (line, column, the line with a caret) and what the
  parser expected, in a few words, and keeps serving.

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
import ctypes
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pyoxigraph as ox

from graph_builder.errors import ConfigError, StoreError
from graph_builder.server_formats import DEFAULT_GRAPH as _DEFAULT_GRAPH
from graph_builder.server_formats import DEFAULT_RESULT as _DEFAULT_RESULT
from graph_builder.server_formats import GRAPH_FORMATS, RESULT_FORMATS, query_page, render_answer
from graph_builder.server_formats import HTML as _HTML
from graph_builder.server_formats import negotiate as _negotiate
from graph_builder.server_formats import parse_accept as _parse_accept
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

_BACKEND_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"
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


# -- the private oxigraph process ------------------------------------------------------------
try:  # Linux: the binary gets SIGTERM when the thread that started it dies (even on SIGKILL of Python)
    _prctl: Any = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # pragma: no cover - not Linux
    _prctl = None


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if _prctl is not None:
        _prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG


@dataclass
class _Backend:
    """One ``oxigraph`` process on a private loopback port."""

    process: subprocess.Popen[bytes]
    port: int
    log: IO[bytes]
    generation: int
    retired: bool = field(default=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, n: int = 800) -> str:
        try:
            self.log.flush()
            self.log.seek(0)
            return self.log.read().decode("utf-8", "replace").strip()[-n:]
        except (OSError, ValueError):
            return ""

    def stop(self) -> None:
        """Terminate, then kill after 5 s; always reaped (no zombie)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        try:
            self.log.close()
        except OSError:  # pragma: no cover
            pass


class _BackendTimeout(Exception):
    pass


class _BackendDown(Exception):
    pass


# -- the server ------------------------------------------------------------------------------
class SparqlServer:
    """A running SPARQL endpoint over an Oxigraph store (see the module docstring).

    Use :func:`serve` to make one. ``url`` is the base, ``query_url`` the query endpoint
    (``/query``; ``/sparql`` is an alias), ``update_url`` (``/update``) and ``store_url``
    (``/store``, Graph Store Protocol) work only with ``allow_updates``.
    """

    def __init__(self, store_path: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878,
                 timeout_s: float = 30, max_results: int = 10_000, allow_updates: bool = False,
                 union_default_graph: bool = True, binary: str | os.PathLike[str] | None = None,
                 ready_timeout_s: float = 30) -> None:
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
        self.binary = Path(binary) if binary else find_oxigraph_binary()
        self.ready_timeout_s = ready_timeout_s
        self._lock = threading.RLock()
        self._backend: _Backend | None = None
        self._generation = 0
        self._stopping = False
        self._retired: list[_Backend] = []
        # every oxigraph process starts from this one long-lived thread (PDEATHSIG is per thread)
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph-spawner")
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
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
    def backend_pid(self) -> int | None:
        """Process id of the current ``oxigraph`` process (for diagnostics and tests)."""
        b = self._backend
        return b.process.pid if b else None

    def start(self) -> SparqlServer:
        """Start the binary, wait until it answers, then open the public port."""
        self._set_backend(self._spawner.submit(self._spawn).result())
        try:
            handler = type("Handler", (_Handler,), {"app": self})
            self._httpd = http.server.ThreadingHTTPServer((self.host, self._port), handler)
        except OSError as exc:
            self.stop()
            raise ConfigError(f"cannot listen on {self.host}:{self._port}: {exc.strerror or exc}; "
                              "choose another --port (0 picks a free one) or stop what uses it") from None
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name=f"sparql-proxy-{self.port}", daemon=True)
        self._thread.start()
        _live_servers.add(self)
        return self

    def stop(self) -> None:
        """Close the public port and stop every ``oxigraph`` process (terminate, then kill). Idempotent."""
        with self._lock:
            if self._stopping and self._backend is None and self._httpd is None:
                return
            self._stopping = True
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        with self._lock:
            backends = [b for b in [self._backend, *self._retired] if b is not None]
            self._backend, self._retired = None, []
        for b in backends:
            b.stop()
        self._spawner.shutdown(wait=True, cancel_futures=True)
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

    # -- the binary -----------------------------------------------------------------------
    def _check_store(self) -> None:
        p = self.store_path
        if p.exists() and not p.is_dir():
            raise StoreError(f"{p} is a file, not a store directory; give the folder a build wrote")
        if not (p / "CURRENT").is_file():
            raise StoreError(f"{p} is not an Oxigraph store (missing or no CURRENT file); "
                             f"build one first: graph-builder build ARTICLES --store {p}")

    def _command(self, port: int) -> list[str]:
        cmd = [str(self.binary), "serve" if self.allow_updates else "serve-read-only",
               "--location", str(self.store_path), "--bind", f"127.0.0.1:{port}",
               "--timeout-s", str(max(1, int(round(self.timeout_s))))]
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        return cmd

    def _spawn(self) -> _Backend:
        """Start one oxigraph process and wait until it answers (runs on the spawner thread)."""
        last = ""
        for _attempt in range(3):
            port = free_port()
            log = tempfile.TemporaryFile(prefix="oxigraph-")
            proc = subprocess.Popen(self._command(port), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    start_new_session=True, preexec_fn=_die_with_parent)  # noqa: PLW1509
            self._generation += 1
            b = _Backend(proc, port, log, self._generation)
            deadline = time.monotonic() + self.ready_timeout_s
            while time.monotonic() < deadline:
                if not b.alive():
                    break
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/query?" + urlencode({"query": "ASK {}"}),
                              headers={"Accept": "application/sparql-results+json"})
                    ok = c.getresponse().status == 200
                    c.close()
                    if ok:
                        if self._stopping:
                            b.stop()
                            raise StoreError("the server was stopped while starting")
                        return b
                except OSError:
                    pass
                time.sleep(0.05)
            last = b.log_tail()
            b.stop()
            if "address" in last.lower() and "in use" in last.lower():
                continue  # lost a race for the private port: try another
            break
        if "lock" in last.lower():
            raise StoreError(f"{self.store_path} is locked by another process (a build or a notebook); "
                             "stop it first, or serve read-only (without --allow-updates)")
        raise StoreError(f"the oxigraph server could not open {self.store_path}: {last or 'no answer'}; "
                         "check that it is an Oxigraph store of the same version (0.5)")

    def _set_backend(self, b: _Backend) -> None:
        with self._lock:
            self._backend = b

    def _current(self) -> _Backend:
        with self._lock:
            if self._backend is None:
                raise _BackendDown("the server is stopping")
            return self._backend

    def _recycle(self, old: _Backend) -> None:
        """Replace a backend stuck on a query (or dead); runs on the spawner thread."""
        with self._lock:
            if old is not self._backend or self._stopping:
                return
            self.recycles += 1
        if self.allow_updates:  # one writer per store: restart in place; requests wait on the lock
            with self._lock:
                old.stop()
                try:
                    self._backend = self._spawn()
                except StoreError:
                    self._backend = None
                    raise
            return
        new = self._spawn()
        with self._lock:
            if self._stopping:
                new.stop()
                return
            self._backend = new
            old.retired = True
            self._retired.append(old)
        grace = threading.Timer(self.timeout_s + 1, self._retire, args=(old,))
        grace.daemon = True
        grace.start()

    def _retire(self, old: _Backend) -> None:
        old.stop()
        with self._lock:
            if old in self._retired:
                self._retired.remove(old)

    def _schedule_recycle(self, b: _Backend) -> None:
        if not self._stopping:
            try:
                self._spawner.submit(self._recycle, b)
            except RuntimeError:  # executor shut down: we are stopping
                pass

    # -- one query ------------------------------------------------------------------------
    def run_query(self, params: list[tuple[str, str]]) -> tuple[str, list[str], bool]:
        """Forward a query; returns (kind, lines, truncated) with kind "select", "ask" or "graph".

        Raises _BackendTimeout past ``timeout_s``, _BackendDown when the binary is gone, and
        ``_BackendError`` for any non-200 answer of the binary.
        """
        b = self._current()
        deadline = time.monotonic() + self.timeout_s
        conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=self.timeout_s)
        try:
            try:
                conn.request("POST", "/query", body=urlencode(params).encode("utf-8"),
                             headers={"Content-Type": "application/x-www-form-urlencoded",
                                      "Accept": _BACKEND_ACCEPT})
                resp = conn.getresponse()
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected) as exc:
                if not b.alive() or b.retired:
                    self._schedule_recycle(b)
                    raise _BackendDown(str(exc)) from None
                raise
            if resp.status != 200:
                raise _BackendError(resp.status, resp.read(64_000).decode("utf-8", "replace"))
            ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip()
            kind = "graph" if ctype == "application/n-triples" else "select"
            lines: list[str] = []
            limit = self.max_results + (1 if kind == "graph" else 2)  # header line for solutions
            truncated = False
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                if conn.sock is not None:
                    conn.sock.settimeout(left)
                raw = resp.readline()
                if not raw:
                    break
                line = raw.decode("utf-8").rstrip("\r\n")
                if kind == "graph" and (not line.strip() or line.lstrip().startswith("#")):
                    continue
                if len(lines) >= limit - 1:
                    truncated = True
                    break
                lines.append(line)
            if kind == "select" and len(lines) == 1 and lines[0] in ("true", "false"):
                kind = "ask"
            return kind, lines, truncated
        except (TimeoutError, socket.timeout):
            self._schedule_recycle(b)
            raise _BackendTimeout from None
        finally:
            conn.close()  # on truncation this hangs up on the binary, which stops the query


class _BackendError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status, self.body = status, body


class _Handler(http.server.BaseHTTPRequestHandler):
    """The public side: routes, limits, negotiation, HTML. One thread per connection."""

    app: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "graph-builder-sparql/0.1"
    timeout = 120  # idle or trickling clients are dropped

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
        return self.rfile.read(n) if n else b""

    def _forward_raw(self, body: bytes) -> None:
        """Pass a request through to the binary unchanged (updates and GSP, allow_updates only)."""
        try:
            b = self.app._current()
        except _BackendDown as exc:
            self._error(503, f"The SPARQL server is unavailable ({exc}); retry in a moment")
            return
        conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=max(self.app.timeout_s, 300))
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("content-type", "accept")}
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            extra = {}
            for h in ("Location",):
                if resp.getheader(h):
                    extra[h] = resp.getheader(h)
            self._send(resp.status, data, resp.getheader("Content-Type") or "text/plain; charset=utf-8", extra)
        except OSError as exc:
            self._error(502, f"The SPARQL server did not answer ({exc}); retry in a moment")
        finally:
            conn.close()

    # -- routing -------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802
        self._route(b"")

    def do_HEAD(self) -> None:  # noqa: N802
        self._route(b"")

    def do_POST(self) -> None:  # noqa: N802
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
        except _BackendTimeout:
            return self._error(503, f"Query timed out: it ran longer than the {self.app.timeout_s:g} s limit and "
                                    "was stopped. Make it cheaper (avoid cross products, add LIMIT or "
                                    "more specific patterns) or start the server with a larger --timeout.")
        except _BackendDown as exc:
            return self._error(503, f"The SPARQL server is restarting ({exc}); retry in a moment")
        except _BackendError as exc:
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
        try:
            media, data = render_answer(kind, want, lines, truncated=truncated, limit=self.app.max_results)
        except (SyntaxError, ValueError) as exc:  # pragma: no cover - the binary wrote something odd
            return self._error(502, f"Could not re-encode the answer of the SPARQL server: {exc}")
        return self._send(200, data, media, headers)


def serve(store_path: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878,
          timeout_s: float = 30, max_results: int = 10_000, allow_updates: bool = False,
          union_default_graph: bool = True) -> SparqlServer:
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
                        allow_updates=allow_updates, union_default_graph=union_default_graph).start()


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
def _stop_all() -> None:  # no oxigraph process outlives Python
    for s in list(_live_servers):
        try:
            s.stop()
        except Exception:  # noqa: BLE001,S110 - best effort at exit
            pass
