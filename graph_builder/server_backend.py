"""The SPARQL endpoint's backend: a pool of pyoxigraph processes on pipes, reachable only by the proxy.

Each worker (:mod:`graph_builder.server_worker`) opens the store read-only (or read-write, alone,
with ``allow_updates``) and answers one request at a time over its standard input and output.
There is no backend port: the endpoint's limits cannot be bypassed by connecting to it (the
``oxigraph`` binary used before listened on 127.0.0.1, where any local process or a DNS-rebinding
web page could send it unlimited queries). The pool enforces the time limit by killing the
worker whose query runs over it (other queries, on other workers, go on) and starting another;
a worker that dies (a query past its memory limit) is replaced too.

Workers are started from one long-lived thread (``spawner``): on Linux they get SIGTERM when
that thread — i.e. the server — dies (``PR_SET_PDEATHSIG``), even on SIGKILL.

>>> import tempfile, pyoxigraph as ox
>>> d = tempfile.mkdtemp() + "/s"; s = ox.Store(d); s.add(ox.Quad(ox.NamedNode("http://e/a"),
...     ox.NamedNode("http://e/p"), ox.Literal("x"))); s.flush(); del s
>>> pool = WorkerPool(d, size=1).start()
>>> pool.run_query([("query", "SELECT ?o WHERE { ?s ?p ?o }")], timeout_s=10, limit=5)
('select', ['?o', '"x"'], False)
>>> pool.close()
"""

from __future__ import annotations

import ctypes
import json
import os
import queue
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graph_builder.errors import StoreDamagedError, StoreError

__all__ = ["BackendDown", "BackendError", "BackendTimeout", "WorkerPool", "default_pool_size"]


class BackendTimeout(Exception):
    """The request ran past the time limit (its worker was stopped)."""


class BackendDown(Exception):
    """No worker could answer (the server is stopping, or the worker died)."""


class BackendError(Exception):
    """The worker answered with an error status (``status``, ``body``)."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status, self.body = status, body


try:  # Linux: a worker gets SIGTERM when the thread that started it dies (even on SIGKILL of Python)
    _prctl: Any = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # pragma: no cover - not Linux
    _prctl = None


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if _prctl is not None:
        _prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG


def default_pool_size(read_write: bool) -> int:
    """One worker with updates allowed (a store has one writer); else 2-4 (the CPUs)."""
    return 1 if read_write else min(4, max(2, os.cpu_count() or 2))


class _Pipe:
    """Buffered reads from a worker's standard output, each with a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = bytearray()

    def _fill(self, deadline: float) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(self.fd, selectors.EVENT_READ)
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                raise TimeoutError
        data = os.read(self.fd, 1 << 16)
        if not data:
            raise EOFError
        self.buf += data

    def line(self, deadline: float) -> bytes:
        while (i := self.buf.find(b"\n")) < 0:
            self._fill(deadline)
        out = bytes(self.buf[:i + 1])
        del self.buf[:i + 1]
        return out

    def exactly(self, n: int, deadline: float) -> bytes:
        while len(self.buf) < n:
            self._fill(deadline)
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out


@dataclass
class _Worker:
    proc: subprocess.Popen[bytes]
    log: IO[bytes]
    pipe: _Pipe

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, n: int = 800) -> str:
        try:
            self.log.flush()
            self.log.seek(0)
            return self.log.read().decode("utf-8", "replace").strip()[-n:]
        except (OSError, ValueError):
            return ""

    def stop(self) -> None:
        """Close its pipe (it exits), then terminate, then kill; always reaped."""
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:  # pragma: no cover
            pass
        if self.proc.poll() is None:
            try:
                self.proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        for f in (self.proc.stdout, self.log):
            try:
                f.close()  # type: ignore[union-attr]
            except OSError:  # pragma: no cover
                pass

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.stop()


class WorkerPool:
    """``size`` worker processes over one store; see the module docstring."""

    def __init__(self, store_path: str | os.PathLike[str], *, size: int | None = None, read_write: bool = False,
                 union: bool = True, memory_limit: int | None = None, ready_timeout_s: float = 30,
                 on_replace: Callable[[], None] | None = None) -> None:
        self.store_path = Path(store_path)
        self.read_write, self.union = read_write, union
        self.size = size or default_pool_size(read_write)
        if memory_limit is None:
            from graph_builder.rdf.health import MemoryGuard

            memory_limit = max(256 << 20, MemoryGuard.default_limit(self.store_path) // self.size)
        self.memory_limit = memory_limit
        self.ready_timeout_s = ready_timeout_s
        self.on_replace = on_replace
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closing = False
        # every worker starts from this one long-lived thread (PDEATHSIG is per thread)
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-worker-spawner")

    # -- life ------------------------------------------------------------------------------
    def _command(self) -> list[str]:
        cmd = [sys.executable, "-m", "graph_builder.server_worker", str(self.store_path),
               "--memory-limit", str(self.memory_limit)]
        if self.read_write:
            cmd.append("--read-write")
        if not self.union:
            cmd.append("--no-union")
        return cmd

    def _spawn(self) -> _Worker:
        """Start one worker and wait for its ``ready`` line (runs on the spawner thread)."""
        log = tempfile.TemporaryFile(prefix="sparql-worker-")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(self._command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                start_new_session=True, preexec_fn=_die_with_parent, env=env)  # noqa: PLW1509
        w = _Worker(proc, log, _Pipe(proc.stdout.fileno()))  # type: ignore[union-attr]
        try:
            msg = json.loads(w.pipe.line(time.monotonic() + self.ready_timeout_s))
        except (TimeoutError, EOFError, ValueError):
            tail = w.log_tail()
            w.kill()
            raise StoreError(f"the query process could not open {self.store_path}: {tail or 'no answer'}") from None
        if "error" in msg:
            w.kill()
            if msg.get("damage"):
                raise StoreDamagedError(self.store_path, str(msg["damage"]))
            text = str(msg["error"])
            if "lock" in text.lower():
                raise StoreError(f"{self.store_path} is locked by another process (a build or a notebook); "
                                 "stop it first, or serve read-only (without --allow-updates)")
            raise StoreError(text if " is damaged " in text else f"{self.store_path} cannot be served: {text}")
        return w

    def _add(self, w: _Worker) -> None:
        with self._lock:
            if self._closing:
                w.kill()
                return
            self._all.append(w)
        self._idle.put(w)

    def start(self) -> WorkerPool:
        """Start every worker; raises StoreError when the store cannot be opened."""
        first = self._spawner.submit(self._spawn).result()  # one first: a bad store fails fast
        self._add(first)
        for fut in [self._spawner.submit(self._spawn) for _ in range(self.size - 1)]:
            self._add(fut.result())
        return self

    def _replace(self, w: _Worker) -> None:
        """Stop ``w`` and start another in the background."""
        with self._lock:
            if w in self._all:
                self._all.remove(w)
            closing = self._closing
        w.kill()
        if closing:
            return
        if self.on_replace is not None:
            self.on_replace()

        def respawn() -> None:
            try:
                self._add(self._spawn())
            except StoreError:  # the store went away: the pool shrinks, requests get 503
                pass

        try:
            self._spawner.submit(respawn)
        except RuntimeError:  # shut down: closing
            pass

    def close(self) -> None:
        """Stop every worker (idempotent)."""
        with self._lock:
            self._closing = True
            workers, self._all = list(self._all), []
        for w in workers:
            w.stop()
        self._spawner.shutdown(wait=True, cancel_futures=True)

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for diagnostics and tests)."""
        with self._lock:
            return [w.pid for w in self._all if w.alive()]

    # -- requests ------------------------------------------------------------------------
    def call(self, request: dict[str, Any], body: bytes = b"", *, timeout_s: float) -> tuple[dict[str, Any], bytes]:
        """Send one request to an idle worker; ``(head, data)``. Past ``timeout_s`` (waiting for a
        worker included), the worker is stopped and BackendTimeout raised."""
        deadline = time.monotonic() + timeout_s
        try:
            w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            if self._closing:
                raise BackendDown("the server is stopping") from None
            raise BackendTimeout from None
        if not w.alive():
            self._replace(w)
            raise BackendDown("a query process stopped")
        req = {**request, "body": len(body)} if body else dict(request)
        try:
            assert w.proc.stdin is not None and w.proc.stdout is not None
            w.proc.stdin.write(json.dumps(req).encode() + b"\n" + body)
            w.proc.stdin.flush()
            head = json.loads(w.pipe.line(deadline))
            data = w.pipe.exactly(int(head.get("bytes", 0)), deadline)
        except TimeoutError:
            self._replace(w)
            raise BackendTimeout from None
        except (EOFError, BrokenPipeError, OSError, ValueError):
            try:
                code = w.proc.wait(timeout=5)  # the pipe closes a moment before the process is gone
            except subprocess.TimeoutExpired:
                code = None
            self._replace(w)
            if code == 3:
                raise BackendError(503, f"the query used more than {self.memory_limit / 2**30:.1f} GB of memory "
                                        "and was stopped; make it cheaper") from None
            raise BackendDown("a query process stopped") from None
        self._idle.put(w)
        return head, data

    def run_query(self, params: list[tuple[str, str]], *, timeout_s: float,
                  limit: int) -> tuple[str, list[str], bool]:
        """``(kind, lines, truncated)``: kind ``select``/``ask``/``graph``; lines of SPARQL TSV (header
        first) or N-Triples; at most ``limit`` rows. Raises BackendTimeout, BackendDown, BackendError."""
        request = {"op": "query", "query": next((v for k, v in params if k == "query"), ""),
                   "default": [v for k, v in params if k == "default-graph-uri"],
                   "named": [v for k, v in params if k == "named-graph-uri"], "limit": limit}
        head, data = self.call(request, timeout_s=timeout_s)
        if head.get("status") != 200:
            raise BackendError(int(head.get("status", 502)), data.decode("utf-8", "replace"))
        text = data.decode("utf-8")
        lines = text.split("\n")[:-1] if text.endswith("\n") else ([text] if text else [])
        return str(head["kind"]), lines, bool(head.get("truncated"))
