"""A real HTTP server on 127.0.0.1 for adapters whose helpdesk cannot run here.

Each fake (fake_gitlab, fake_github, fake_glpi) subclasses :class:`FakeServer`
and answers in the shapes its vendor documents; this base gives them a
threaded ``http.server`` on a free port, a log of every request with its raw
body (so tests can check uploads byte for byte), and one-shot faults: a canned
answer (429, 401, garbage) or a lost answer, where the server does the work
and then drops the connection without replying. :class:`RoutedFake` adds a route
table and a sign-in check per call, for the Zendesk, Jira and Zammad fakes.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.backends.loopback import LoopbackServer


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list -> JSON, bytes/str -> as is
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.reply = Reply(status, body, headers or {})


@dataclass
class _Fault:
    method: str
    pattern: re.Pattern[str]
    reply: Reply | None  # None: do the work, then drop the connection
    after_work: bool = False  # do the work, then send ``reply``'s body instead of the answer


class FakeServer(LoopbackServer):
    """Subclasses implement :meth:`handle`; tests call :meth:`fail_next` and read :attr:`log`."""

    def __init__(self) -> None:
        self.log: list[Request] = []
        self._faults: list[_Fault] = []
        self._lock = threading.RLock()
        self._listen()

    # -- faults ---------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 0,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next matching request with this reply instead of doing the work."""
        self._faults.append(
            _Fault(method, re.compile(path_regex), Reply(status, body, headers or {}))
        )

    def lose_next_answer(self, method: str, path_regex: str) -> None:
        """Do the next matching request's work, then close the connection without answering."""
        self._faults.append(_Fault(method, re.compile(path_regex), None))

    def garble_next_answer(
        self, method: str, path_regex: str, body: Any, headers: dict[str, str] | None = None
    ) -> None:
        """Do the next matching request's work, then answer its status with this body."""
        self._faults.append(
            _Fault(method, re.compile(path_regex), Reply(0, body, headers or {}), after_work=True)
        )

    def requests_to(self, method: str, path_regex: str) -> list[Request]:
        return [r for r in self.log if r.method == method and re.search(path_regex, r.path)]

    # -- serving --------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        request = Request(
            handler.command,
            parts.path,
            parse_qsl(parts.query, True),
            {k.lower(): v for k, v in handler.headers.items()},
            body,
        )
        with self._lock:
            self.log.append(request)
            fault = next(
                (
                    f
                    for f in self._faults
                    if f.method == request.method and f.pattern.search(request.path)
                ),
                None,
            )
            if fault is not None:
                self._faults.remove(fault)
            if fault is not None and fault.reply is not None and not fault.after_work:
                reply = fault.reply
            else:
                try:
                    reply = self.handle(request)
                except HttpError as err:
                    reply = err.reply
                if fault is not None and fault.reply is not None and fault.after_work:
                    reply = Reply(reply.status, fault.reply.body, fault.reply.headers)
        if fault is not None and fault.reply is None:
            handler.close_connection = True
            handler.wfile.flush()
            handler.connection.close()  # the work is done; the answer is lost
            return
        self._write(handler, reply)

    #: Answer JSON gzip-encoded when the client accepts it, as real Zendesk and Zammad do
    #: (tests/backends/recorded/).
    gzip_json = False

    def _write(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        headers = dict(reply.headers)
        if isinstance(reply.body, dict | list):
            data = json.dumps(reply.body).encode()
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
            if self.gzip_json and "gzip" in handler.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data)
                headers["Content-Encoding"] = "gzip"
        elif isinstance(reply.body, str):
            data = reply.body.encode()
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
        else:
            data = reply.body or b""
        handler.send_response(reply.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


Handler = Callable[..., tuple[int, Any]]


def stamp() -> str:
    """Now in UTC as ISO 8601 with microseconds and a Z, as Zendesk, Zammad and GitHub write it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class RoutedFake(FakeServer):
    """A :class:`FakeServer` answering from a route table, with sign-in checked per call.

    Handlers take (signed-in user, request, *path groups) and return (status,
    payload): a dict or list is JSON, a (content type, bytes) pair is sent as is.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ids = itertools.count(101)

    def routes(self) -> list[tuple[str, str, Handler]]:
        """(method, path regex, handler)."""
        return []

    def authenticate(self, call: Request) -> Any:
        """The signed-in user for this call; raise :class:`HttpError` with 401 when none."""
        raise HttpError(401, {"error": "Couldn't authenticate you"})

    def handle(self, request: Request) -> Reply:
        for verb, pattern, action in self.routes():
            match = re.fullmatch(pattern, request.path)
            if verb == request.method and match:
                status, payload = action(self.authenticate(request), request, *match.groups())
                if isinstance(payload, tuple):
                    return Reply(status, payload[1], {"Content-Type": payload[0]})
                return Reply(status, payload)
        raise HttpError(404, {"error": "RecordNotFound", "description": "Not found"})

    @staticmethod
    def basic(call: Request) -> tuple[str, str]:
        scheme, _, value = call.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return "", ""
        try:
            user, _, secret = base64.b64decode(value).decode().partition(":")
        except ValueError:
            return "", ""
        return user, secret

    @staticmethod
    def json_body(call: Request) -> Any:
        try:
            return json.loads(call.body or b"{}")
        except ValueError:
            raise HttpError(400, {"error": "Invalid JSON"}) from None

    def writes(self, path_fragment: str) -> list[Request]:
        return [c for c in self.log if c.method != "GET" and path_fragment in c.path]


def parse_multipart(body: bytes, content_type: str) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, bytes) per part; byte-exact."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise HttpError(400, {"message": "no multipart boundary"})
    delimiter = b"\r\n--" + match.group(1).encode()
    chunks = (b"\r\n" + body).split(delimiter)
    parts = []
    for chunk in chunks[1:-1]:
        head, _, data = chunk[2:].partition(b"\r\n\r\n")
        text = head.decode("utf-8", "replace")
        name = re.search(r'name="([^"]*)"', text)
        filename = re.search(r'filename="([^"]*)"', text)
        ctype = re.search(r"(?i)content-type:\s*([^\r\n]+)", text)
        parts.append(
            (
                name.group(1) if name else "",
                filename.group(1) if filename else None,
                ctype.group(1).strip() if ctype else "text/plain",
                data,
            )
        )
    return parts
