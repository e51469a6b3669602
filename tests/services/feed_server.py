"""A status page on 127.0.0.1: serves files the way a web server does, validators included.

Each path answers with its body, an ``ETag`` and a ``Last-Modified``; a request that
brings the current ``If-None-Match`` gets ``304 Not Modified`` with no body, as nginx and
Statuspage's CDN do. :attr:`seen` keeps every request's path and headers, so a test can
check that a poll was conditional. A path set to a status code answers with it.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.backends.loopback import LoopbackServer

RECORDED = Path(__file__).parent / "recorded"
LAST_MODIFIED = "Mon, 07 Dec 2026 08:00:00 GMT"


class FeedServer(LoopbackServer):
    def __init__(self) -> None:
        self.bodies: dict[str, tuple[bytes, str]] = {}
        self.failing: dict[str, int] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._listen()

    def publish(self, path: str, body: bytes | str, content_type: str) -> str:
        """Serve ``body`` at ``path`` from now on; returns its full address."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self.bodies[path] = (data, content_type)
            self.failing.pop(path, None)
        return self.url + path

    def recorded(self, path: str, name: str, content_type: str) -> str:
        return self.publish(path, (RECORDED / name).read_bytes(), content_type)

    def fail(self, path: str, status: int = 503) -> None:
        with self._lock:
            self.failing[path] = status

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.seen.append((path, dict(handler.headers.items())))
            failing = self.failing.get(path)
            found = self.bodies.get(path)
        if failing or found is None:
            status = failing or 404
            handler.send_response(status)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "4")
            handler.end_headers()
            handler.wfile.write(b"oops")
            return
        body, content_type = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("ETag", etag)
        handler.send_header("Last-Modified", LAST_MODIFIED)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
