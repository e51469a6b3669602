"""A loopback server that answers each path with a scripted, possibly malicious, reply.

Scenarios register a function per ``(method, path)``; it gets the request handler and
writes whatever it likes (wrong lengths, endless bodies, slow drips, redirects to another
origin). Every request is kept in :attr:`HostileServer.seen` with its headers, so a test
can assert what Helpline sent, and to whom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.backends.loopback import LoopbackServer

Responder = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    """One request as it arrived: method, path (with query) and headers."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class HostileServer(LoopbackServer):
    """``server.on("GET", "/x", fn)``; unknown paths get 404 with an empty JSON body."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Responder] = {}
        self.seen: list[Seen] = []
        self._listen()

    def on(self, method: str, path: str, responder: Responder) -> None:
        self.routes[(method.upper(), path)] = responder

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        self.seen.append(Seen(handler.command, handler.path, dict(handler.headers.items()), body))
        bare = handler.path.split("?", 1)[0]
        responder = self.routes.get((handler.command, handler.path)) or self.routes.get(
            (handler.command, bare)
        )
        if responder is None:
            reply(handler, 404, b"{}")
            return
        responder(handler)


def reply(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json",
) -> None:
    """Write one whole response with an honest Content-Length."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
