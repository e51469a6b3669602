"""A fault-injecting HTTP proxy on 127.0.0.1 in front of a real helpdesk server.

It forwards every request to ``upstream`` (the Helpline protocol's reference
server, or the real Request Tracker) and, when a test asks for it, breaks the
next matching exchange in one of the ways networks break:

* the canned answers of :class:`FakeServer` (any status, headers and body:
  500, 429 with Retry-After, HTML instead of JSON…) and its lost answer (the
  work is done upstream, then the connection is dropped);
* ``hang``: accept the request and never answer (``hang_after``: forward it
  first, so the ticket exists, then never answer);
* ``reset``: read the first 64 KB of an upload, then reset the connection (RST);
* ``truncate``: forward, then send only half of the upstream's answer while
  promising all of it in Content-Length;
* ``huge``: answer 200 with a 50 MB body that is not valid JSON.

Everything stays on loopback; hung handlers are released by :meth:`__exit__`.
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

from tests.backends.fake_base import FakeServer, Reply, Request

#: Request headers passed on to the upstream server.
_FORWARD = ("accept", "authorization", "content-type", "idempotency-key", "if-none-match")
#: Response headers passed back to the client.
_BACK = (
    "content-type",
    "etag",
    "retry-after",
    "www-authenticate",
    "content-disposition",
    "location",
)
HUGE_BYTES = 50 * 1024 * 1024


@dataclass
class _Raw:
    method: str
    path_prefix: str
    kind: str


class FaultProxy(FakeServer):
    """Forwards to ``upstream``; :meth:`break_next` and ``fail_next`` inject faults."""

    def __init__(self, upstream: str, port: int = 0) -> None:
        self.port = port
        super().__init__()
        if port:  # rebind on the port the test reserved ("the server comes back")
            self._httpd.server_close()
            self._httpd.server_address = ("127.0.0.1", port)
            self._httpd.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._httpd.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._httpd.server_bind()
            self._httpd.server_activate()
        self.upstream = upstream.rstrip("/")
        self._session = requests.Session()
        self._session.trust_env = False  # never through a proxy: loopback only
        self._raw: list[_Raw] = []
        self.release = threading.Event()
        #: Bytes of request bodies the proxy received, for "nothing was uploaded" checks.
        self.bytes_in = 0

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        super().__exit__(*exc)
        self._session.close()

    def break_next(self, method: str, path_prefix: str, kind: str) -> None:
        """Break the next ``method`` request whose path starts with ``path_prefix``."""
        assert kind in ("hang", "hang_after", "reset", "truncate", "huge"), kind
        self._raw.append(_Raw(method, path_prefix, kind))

    # -- forwarding ----------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        query = f"?{urlencode(request.query)}" if request.query else ""
        headers = {k: v for k, v in request.headers.items() if k in _FORWARD}
        answer = self._session.request(
            request.method,
            self.upstream + request.path + query,
            data=request.body,
            headers=headers,
            timeout=120,
            allow_redirects=False,
        )
        back = {k: v for k, v in answer.headers.items() if k.lower() in _BACK}
        return Reply(answer.status_code, answer.content, back)

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        self.bytes_in += length
        path = urlsplit(handler.path).path
        with self._lock:
            raw = next(
                (
                    r
                    for r in self._raw
                    if r.method == handler.command and path.startswith(r.path_prefix)
                ),
                None,
            )
            if raw is not None:
                self._raw.remove(raw)
        if raw is None:
            super()._serve(handler)
            return
        handler.close_connection = True
        if raw.kind == "reset":
            handler.rfile.read(min(length, 64 * 1024))
            self.log.append(Request(handler.command, path, [], {}, b""))
            _reset(handler.connection)
            return
        body = handler.rfile.read(length) if length else b""
        request = Request(
            handler.command, path, [], {k.lower(): v for k, v in handler.headers.items()}, body
        )
        self.log.append(request)
        if raw.kind == "hang":
            self.release.wait()
            return
        if raw.kind == "huge":
            self._huge(handler)
            return
        request.query = parse_qsl(urlsplit(handler.path).query, True)
        reply = self.handle(request)  # the work is done upstream
        if raw.kind == "hang_after":
            self.release.wait()
            return
        data = reply.body if isinstance(reply.body, bytes) else b""
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        handler.wfile.flush()
        _reset(handler.connection)

    @staticmethod
    def _huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(HUGE_BYTES))
        handler.end_headers()
        block = b'{"pad": "' + b"x" * (1024 * 1024 - 9)
        try:
            for _ in range(HUGE_BYTES // len(block)):
                handler.wfile.write(block)
        except OSError:
            pass  # the client gave up first; that is allowed


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: what a crashing middlebox or server looks like."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def free_port() -> int:
    """A port nothing listens on right now (connection refused until a server takes it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
