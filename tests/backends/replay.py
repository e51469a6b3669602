"""Answers recorded from real helpdesks, served again by a real HTTP server on 127.0.0.1.

The fakes beside this file are written from the vendors' documentation, and share their
author's reading of it. Here the answers are the ones real servers gave public client
libraries' test suites (tests/backends/recorded/<vendor>/, each with a SOURCE file): status,
headers and body as recorded, gzip and odd content types included, so the adapter's whole
HTTP layer runs against them. Two things change on the way out, both said in SOURCE:
the recorded host in bodies and ``Location``/``Link`` headers becomes this server's
address (so pagination links and file URLs come back here), and ``Content-Length`` is
counted again for that body.

A recording file is JSON: ``{"exchanges": [{"method", "path", "status", "headers":
[[name, value], ...], "body" | "body_base64", "note"}]}``; ``path`` is matched without
its query string. A test picks the exchanges a flow needs with :meth:`ReplayServer.answer`.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.backends.loopback import LoopbackServer

RECORDED = Path(__file__).parent / "recorded"
#: Hop-by-hop and length headers: the replay server frames its own answer.
_FRAMING = {"transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass(frozen=True)
class Exchange:
    """One recorded answer and the call it answered."""

    method: str
    path: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    note: str = ""

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")

    def text(self) -> str:
        """The body as text, unzipped when it was sent gzip-encoded."""
        data = (
            gzip.decompress(self.body) if "gzip" in self.header("Content-Encoding") else self.body
        )
        return data.decode("utf-8")

    def data(self) -> Any:
        return json.loads(self.text())


def load(vendor: str, name: str) -> dict[str, Exchange]:
    """The exchanges of ``recorded/<vendor>/<name>.json``, by their ``note`` (or index)."""
    raw = json.loads((RECORDED / vendor / f"{name}.json").read_text("utf-8"))
    out: dict[str, Exchange] = {}
    for index, item in enumerate(raw["exchanges"]):
        body = (
            base64.b64decode(item["body_base64"])
            if "body_base64" in item
            else str(item.get("body") or "").encode("utf-8")
        )
        exchange = Exchange(
            item["method"],
            item["path"],
            int(item["status"]),
            tuple((str(k), str(v)) for k, v in item["headers"]),
            body,
            str(item.get("note") or index),
        )
        out[exchange.note] = exchange
    return out


@dataclass
class Call:
    """One request as the replay server received it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    answers: list[Exchange]
    served: int = 0


@dataclass
class ReplayServer(LoopbackServer):
    """A ThreadingHTTPServer that answers each call with the recorded exchange routed to it.

    ``hosts`` are the recorded origins (``https://example.zendesk.com``) to replace with
    this server's address in what it sends. A route answers its exchanges in order and
    repeats the last one; a call with no route gets a 599 and is logged, so a test sees
    exactly which call the recordings do not cover.
    """

    hosts: tuple[str, ...] = ()
    log: list[Call] = field(default_factory=list)
    unanswered: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._routes: list[_Route] = []
        self._lock = threading.Lock()
        self._listen()

    def answer(self, method: str, path_regex: str, *exchanges: Exchange) -> None:
        """Answer calls whose path matches ``path_regex`` (in full) with these, in order."""
        self._routes.append(_Route(method, re.compile(path_regex), list(exchanges)))

    def calls(self, method: str, path_regex: str) -> list[Call]:
        return [c for c in self.log if c.method == method and re.fullmatch(path_regex, c.path)]

    # -- serving ----------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        call = Call(
            handler.command,
            parts.path,
            parts.query,
            {k.lower(): v for k, v in handler.headers.items()},
            handler.rfile.read(length) if length else b"",
        )
        with self._lock:
            self.log.append(call)
            route = next(
                (
                    r
                    for r in self._routes
                    if r.method == call.method and r.pattern.fullmatch(call.path)
                ),
                None,
            )
            if route is None or not route.answers:
                self.unanswered.append(call)
                exchange = Exchange(
                    call.method, call.path, 599, (("Content-Type", "text/plain"),), b"not recorded"
                )
            else:
                exchange = route.answers[min(route.served, len(route.answers) - 1)]
                route.served += 1
        status, headers, body = self._rewrite(exchange)
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _rewrite(self, exchange: Exchange) -> tuple[int, list[tuple[str, str]], bytes]:
        """The recorded answer with the recorded hosts pointing here instead."""
        body = exchange.body
        zipped = "gzip" in exchange.header("Content-Encoding")
        if self.hosts and body:
            text = gzip.decompress(body) if zipped else body
            for host in self.hosts:
                text = text.replace(host.encode(), self.url.encode())
                # JSON may escape the slashes of a URL (PHP's json_encode does).
                text = text.replace(
                    host.replace("/", "\\/").encode(), self.url.replace("/", "\\/").encode()
                )
            body = gzip.compress(text, mtime=0) if zipped else text
        headers = []
        for name, value in exchange.headers:
            if name.lower() in _FRAMING:
                continue
            for host in self.hosts:
                value = value.replace(host, self.url)
            headers.append((name, value))
        return exchange.status, headers, body
