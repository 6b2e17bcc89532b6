"""The endpoint's request guards: Host header (DNS rebinding), listen backlog, client time limits."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from graph_builder.server_guards import BODY_TIMEOUT_S, LISTEN_BACKLOG, GuardedHTTPServer, HostCheck, read_body

HOST_CASES = [
    # (bound to, Host header, answered?)
    ("127.0.0.1", "127.0.0.1:7878", True),
    ("127.0.0.1", "localhost:7878", True),
    ("127.0.0.1", "LOCALHOST.:7878", True),
    ("127.0.0.1", "[::1]:7878", True),
    ("127.0.0.1", "127.0.0.2:7878", True),
    ("127.0.0.1", None, True),  # HTTP/1.0 client, not a browser
    ("127.0.0.1", "evil.example:7878", False),  # DNS rebinding
    ("127.0.0.1", "attacker.com", False),
    ("127.0.0.1", "127.0.0.1:8080", False),  # another port
    ("127.0.0.1", "127.0.0.1", False),  # no port: 80
    ("127.0.0.1", "127.0.0.1:junk", False),
    ("0.0.0.0", "192.168.1.20:7878", True),
    ("0.0.0.0", "[2001:db8::1]:7878", True),
    ("0.0.0.0", "localhost:7878", True),
    ("0.0.0.0", "evil.example:7878", False),
    ("192.168.1.20", "192.168.1.20:7878", True),
    ("192.168.1.20", "192.168.1.21:7878", False),
    ("192.168.1.20", "evil.example:7878", False),
]


@pytest.mark.parametrize(("bound", "header", "answered"), HOST_CASES)
def test_host_header_names_the_served_address(bound: str, header: str | None, answered: bool) -> None:
    assert HostCheck(bound, 7878).allows(header) is answered


def test_allow_host_adds_names_and_the_machine_names_count_off_loopback() -> None:
    assert HostCheck("127.0.0.1", 7878, ["kg.internal"]).allows("kg.internal:7878")
    assert not HostCheck("127.0.0.1", 7878, ["kg.internal"]).allows("other.internal:7878")
    assert HostCheck("0.0.0.0", 7878).allows(f"{socket.gethostname()}:7878")
    assert "--allow-host" in HostCheck("127.0.0.1", 7878).refusal("evil.example:7878")


def test_the_listen_backlog_is_larger_than_the_standard_library_default() -> None:
    assert GuardedHTTPServer.request_queue_size == LISTEN_BACKLOG >= 128


def _pair() -> tuple[socket.socket, socket.socket]:
    a, b = socket.socketpair()
    return a, b


@pytest.mark.parametrize(("chunks", "gap", "outcome"), [
    ([b"query=ASK%7B%7D"], 0.0, b"query=ASK%7B%7D"),
    ([b"query=", b"ASK%7B", b"%7D"], 0.05, b"query=ASK%7B%7D"),  # in pieces, in time
    ([b"que"], 0.0, TimeoutError),  # announced 15 bytes, sent 3, then silence
    ([b"q"] * 15, 0.3, TimeoutError),  # a byte every 0.3 s: 4.5 s > the 1 s limit of this test
    ([], 0.0, EOFError),  # hung up
])
def test_a_body_must_arrive_within_its_time_limit(chunks: list[bytes], gap: float, outcome: object) -> None:
    server, client = _pair()

    def send() -> None:
        for c in chunks:
            client.sendall(c)
            time.sleep(gap)
        if outcome is EOFError:
            client.close()

    t = threading.Thread(target=send, daemon=True)
    t.start()
    rfile = server.makefile("rb")
    t0 = time.monotonic()
    try:
        if isinstance(outcome, bytes):
            assert read_body(rfile, server, 15, timeout_s=1.0) == outcome
        else:
            with pytest.raises(outcome):  # type: ignore[call-overload]
                read_body(rfile, server, 15, timeout_s=1.0)
            assert time.monotonic() - t0 < 1.0 + 0.5
    finally:
        t.join(timeout=10)
        server.close()
        client.close()
    assert BODY_TIMEOUT_S <= 10


# -- on a running endpoint ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    import pyoxigraph as ox

    from graph_builder.server import serve

    path = tmp_path_factory.mktemp("guards") / "store"
    st = ox.Store(str(path))
    st.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    st.flush()
    del st
    with serve(path, port=0, timeout_s=5) as s:
        yield s


def _raw(port: int, request: bytes, *, wait: float = 10.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as c:
        c.sendall(request)
        data = b""
        try:
            while chunk := c.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data and b"Content-Length: " in data:
                    head, _, rest = data.partition(b"\r\n\r\n")
                    n = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                    if len(rest) >= n:
                        break
        except TimeoutError:
            pass
    return data


@pytest.mark.slow
def test_a_foreign_host_gets_403_and_the_served_address_200(endpoint) -> None:  # noqa: ANN001
    port = endpoint.port
    def q(host: str) -> bytes:
        return (f"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nAccept: text/csv\r\n"
                "Connection: close\r\n\r\n").encode()

    refused = _raw(port, q(f"evil.example:{port}"))
    assert refused.startswith(b"HTTP/1.1 403") and b"DNS rebinding" in refused
    assert _raw(port, q(f"127.0.0.1:{port}")).startswith(b"HTTP/1.1 200")
    assert _raw(port, q(f"localhost:{port}")).startswith(b"HTTP/1.1 200")
    post = (f"POST /query HTTP/1.1\r\nHost: evil.example:{port}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: 6\r\nConnection: close\r\n\r\nASK {{}}").encode()
    assert _raw(port, post).startswith(b"HTTP/1.1 403")


@pytest.mark.slow
def test_a_body_announced_and_never_sent_gets_408_in_seconds(endpoint) -> None:  # noqa: ANN001
    port = endpoint.port
    req = (f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
           "Content-Length: 1000\r\n\r\nASK").encode()
    t0 = time.monotonic()
    answer = _raw(port, req, wait=BODY_TIMEOUT_S + 10)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - t0 < BODY_TIMEOUT_S + 5


@pytest.mark.slow
def test_the_stale_mark_is_said_in_a_header(endpoint, tmp_path: Path) -> None:  # noqa: ANN001
    from graph_builder.rdf.refresh import clear_pending, mark_pending

    port = endpoint.port
    q = f"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    assert b"X-Graph-Builder-Stale" not in _raw(port, q)
    mark_pending(endpoint.store_path, "a test")
    try:
        assert b"X-Graph-Builder-Stale: derived data out of date since" in _raw(port, q)
    finally:
        clear_pending(endpoint.store_path)
