"""Guards of the SPARQL endpoint's HTTP side: who may ask (``Host``), how many may wait, how long a body may take.

- **Host header (DNS rebinding).** A web page can make a browser send requests to 127.0.0.1
  through a name it controls (its DNS first answers its own address, then 127.0.0.1), and read
  the answers: the browser thinks the endpoint is that site. Such a request carries the page's
  name in ``Host``. :class:`HostCheck` accepts only the names of the served address: for a
  loopback address, ``127.x.y.z``, ``localhost`` and ``[::1]``; for a given address, that address
  and this machine's names; for ``0.0.0.0`` / ``::``, any IP literal and this machine's names;
  plus what ``--allow-host`` adds. The port must be the served one. Other requests get 403.
  A request without ``Host`` (HTTP/1.0, not a browser) is accepted.
- **Listen backlog.** :data:`LISTEN_BACKLOG` connections may wait to be accepted (the standard
  library's 5 gave 1-3 s tail latency with 200 clients).
- **Time limits on the client.** The request line and headers must come within
  :data:`HEADER_TIMEOUT_S` (an idle keep-alive connection is closed after it too), and a body
  within :data:`BODY_TIMEOUT_S` of its headers, however it trickles (:func:`read_body`): a request
  announcing a body it never sends no longer holds a thread for two minutes.

>>> check = HostCheck("127.0.0.1", 7878)
>>> [check.allows(h) for h in ("127.0.0.1:7878", "localhost:7878", "evil.example:7878", "127.0.0.1:80", None)]
[True, True, False, False, True]
>>> HostCheck("0.0.0.0", 7878).allows("192.168.1.20:7878"), HostCheck("0.0.0.0", 7878).allows("evil.example:7878")
(True, False)
"""

from __future__ import annotations

import http.server
import ipaddress
import socket
import time
from collections.abc import Iterable
from typing import BinaryIO

__all__ = ["BODY_TIMEOUT_S", "HEADER_TIMEOUT_S", "LISTEN_BACKLOG", "GuardedHTTPServer", "HostCheck", "read_body"]

#: connections the kernel keeps waiting for ``accept`` (``listen`` backlog)
LISTEN_BACKLOG = 128
#: seconds a client has to send a request line and its headers (also: idle keep-alive)
HEADER_TIMEOUT_S = 20.0
#: seconds a client has to send the body its ``Content-Length`` announced
BODY_TIMEOUT_S = 5.0

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def _split_host(header: str) -> tuple[str, int | None]:
    """``("name", port)`` from a Host header (``name``, ``name:port``, ``[v6]:port``)."""
    h = header.strip().lower()
    if h.startswith("["):
        end = h.find("]")
        name, rest = h[1:end], h[end + 1:]
        port = rest[1:] if rest.startswith(":") else ""
    elif h.count(":") == 1:
        name, port = h.split(":")
    else:
        name, port = h, ""
    name = name.rstrip(".")
    try:
        return name, int(port) if port else None
    except ValueError:
        return name, -1


class HostCheck:
    """Which ``Host`` headers an endpoint bound to ``host:port`` answers (see the module docstring)."""

    def __init__(self, host: str, port: int, extra: Iterable[str] = ()) -> None:
        self.host, self.port = host.strip("[]").lower(), port
        self.extra = frozenset(_split_host(x)[0] for x in extra if x.strip())
        ip = _ip(self.host)
        self.any_address = ip is not None and ip.is_unspecified
        self.loopback = (ip is not None and ip.is_loopback) or self.host in _LOOPBACK_NAMES
        names = {self.host, *self.extra}
        if not self.loopback:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        self.names = frozenset(names)

    def allows(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header is answered."""
        if header is None or not header.strip():
            return True
        name, port = _split_host(header)
        if (port or 80) != self.port:
            return False
        if name in self.names:
            return True
        ip = _ip(name)
        if self.loopback:
            return name in _LOOPBACK_NAMES or (ip is not None and ip.is_loopback)
        if self.any_address:
            return ip is not None or name in _LOOPBACK_NAMES
        return False

    def refusal(self, header: str) -> str:
        """The 403 message for a refused ``Host``."""
        shown = header.strip()[:200].encode("ascii", "backslashreplace").decode("ascii")
        return (f"Host {shown!r} is not this endpoint's address ({self.host}:{self.port}): requests must name "
                "the server by its address (protection against DNS rebinding). To serve under another name, "
                "start it with --allow-host NAME.")


class GuardedHTTPServer(http.server.ThreadingHTTPServer):
    """``ThreadingHTTPServer`` with a longer listen backlog and daemon threads."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True


def read_body(rfile: BinaryIO, sock: socket.socket, length: int, timeout_s: float = BODY_TIMEOUT_S) -> bytes:
    """The ``length`` bytes of a request body, all within ``timeout_s`` seconds; raises TimeoutError
    (too slow: answer 408) or EOFError (the client hung up)."""
    deadline = time.monotonic() + timeout_s
    chunks: list[bytes] = []
    got = 0
    previous = sock.gettimeout()
    try:
        while got < length:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            data = rfile.read1(min(1 << 16, length - got))  # type: ignore[attr-defined]
            if not data:
                raise EOFError
            chunks.append(data)
            got += len(data)
    finally:
        try:
            sock.settimeout(previous)
        except OSError:  # pragma: no cover - the socket is gone
            pass
    return b"".join(chunks)
