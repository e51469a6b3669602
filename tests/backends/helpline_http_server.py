"""A real, small server for Helpline's own protocol (docs/openapi/helpline-backend.yaml).

It is what an organisation or a broker would run, cut down to memory: a
threaded ``http.server`` on 127.0.0.1 and a free port, bearer tokens mapped
to requesters, idempotent create, multipart parsing that keeps bytes exact,
ETags on the list. Every exchange is recorded so the tests can check each
response against the OpenAPI document and the spec and server cannot drift.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

STATUSES = ("new", "open", "waiting", "resolved", "closed", "unknown")


@dataclass
class Exchange:
    """One request and the response the server gave, for validation against the spec."""

    method: str
    template: str
    status: int
    headers: dict[str, str]
    body: bytes
    request_headers: dict[str, str]
    request_json: dict[str, Any] = field(default_factory=dict)  # part or body name -> JSON


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def parse_multipart(body: bytes, content_type: str) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, bytes) per part; byte-exact, unlike the email parser."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise ApiError(400, "bad_multipart", "The multipart body has no boundary.")
    delimiter = b"\r\n--" + match.group(1).encode()
    chunks = (b"\r\n" + body).split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise ApiError(400, "bad_multipart", "The multipart body is cut short.")
    parts = []
    for chunk in chunks[1:-1]:
        head, sep, content = chunk[2:].partition(b"\r\n\r\n")  # chunk starts after the CRLF
        if not sep:
            raise ApiError(400, "bad_multipart", "A multipart part has no header.")
        headers = dict(
            (k.strip().lower(), v.strip())
            for k, _, v in (line.partition(":") for line in head.decode("utf-8").split("\r\n"))
        )
        disposition = headers.get("content-disposition", "")
        name = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        filename = re.search(r'(?:^|;)\s*filename="([^"]*)"', disposition)
        parts.append(
            (
                name.group(1) if name else "",
                filename.group(1).replace("%22", '"') if filename else None,
                headers.get("content-type", "application/octet-stream"),
                content,
            )
        )
    return parts


class HelplineServer:
    """The protocol's reference server. ``tokens`` maps bearer tokens to requester dicts."""

    def __init__(self, tokens: dict[str, dict[str, str]], port: int = 0) -> None:
        """``port``: 0 for a free one; a given port brings a "helpdesk" back up where a
        client last saw it (tests of delivery after an outage)."""
        self.tokens = tokens
        self.lock = threading.Lock()
        self.tickets: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, tuple[str, str, bytes, str]] = {}  # id -> name, type, data, ticket
        self.keys: dict[tuple[str, str], str] = {}  # (requester email, key) -> ticket id
        self.exchanges: list[Exchange] = []
        self.capabilities: dict[str, Any] = {
            "create": True,
            "attachments": True,
            "list_mine": True,
            "read_thread": True,
            "reply": True,
            "resolve": True,
            "reopen": True,
            "replies_reopen": True,
            "max_attachment_bytes": 20 * 1024 * 1024,
            "limits_note": "",
        }
        #: Answers to give instead of the real one, first in first out: (status, headers).
        self.forced: list[tuple[int, dict[str, str]]] = []
        #: How many POST answers to lose: the work is done, then the connection is cut.
        self.drop_answers = 0
        self._ids = itertools.count(1)
        self._http = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def start(self) -> HelplineServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    # -- the support side, for tests ---------------------------------------------------

    def agent_reply(self, ticket_id: str, text: str, status: str = "waiting") -> None:
        with self.lock:
            self._add_message(ticket_id, "Sam from support", False, text, [])
            self.tickets[ticket_id]["status"] = status

    # -- handlers ----------------------------------------------------------------------

    def _routes(self) -> list[tuple[str, re.Pattern[str], str, Any]]:
        r = re.compile
        return [
            ("GET", r(r"^/v1/me$"), "/v1/me", self._me),
            ("GET", r(r"^/v1/capabilities$"), "/v1/capabilities", self._capabilities),
            ("GET", r(r"^/v1/tickets$"), "/v1/tickets", self._list),
            ("POST", r(r"^/v1/tickets$"), "/v1/tickets", self._create),
            ("GET", r(r"^/v1/tickets/([^/]+)$"), "/v1/tickets/{ticket_id}", self._get),
            (
                "GET",
                r(r"^/v1/tickets/([^/]+)/messages$"),
                "/v1/tickets/{ticket_id}/messages",
                self._messages,
            ),
            (
                "POST",
                r(r"^/v1/tickets/([^/]+)/messages$"),
                "/v1/tickets/{ticket_id}/messages",
                self._reply,
            ),
            (
                "POST",
                r(r"^/v1/tickets/([^/]+)/resolve$"),
                "/v1/tickets/{ticket_id}/resolve",
                self._resolve,
            ),
            (
                "POST",
                r(r"^/v1/tickets/([^/]+)/reopen$"),
                "/v1/tickets/{ticket_id}/reopen",
                self._reopen,
            ),
            (
                "GET",
                r(r"^/v1/attachments/([^/]+)$"),
                "/v1/attachments/{attachment_id}",
                self._download,
            ),
        ]

    def _me(self, me: dict[str, str], req: Any) -> tuple[int, Any]:
        return 200, dict(me)

    def _capabilities(self, me: dict[str, str], req: Any) -> tuple[int, Any]:
        return 200, dict(self.capabilities)

    def _list(self, me: dict[str, str], req: Any) -> tuple[int, Any]:
        query = req.query
        if query.get("requester", "me") != "me":
            raise ApiError(400, "bad_requester", "Only your own requests can be listed.")
        mine = [t for t in self.tickets.values() if t["_owner"] == me["email"]]
        if "client_ref" in query:
            mine = [t for t in mine if t["client_ref"] == query["client_ref"]]
        if query.get("updated_since"):
            since = _parse(query["updated_since"])
            mine = [t for t in mine if _parse(t["updated_at"]) >= since]
        mine.sort(key=lambda t: t["updated_at"], reverse=True)
        body = {"tickets": [self._public(t) for t in mine]}
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        etag = f'"{digest[:32]}"'
        req.extra_headers["ETag"] = etag
        if req.headers.get("If-None-Match") == etag:
            return 304, None
        return 200, body

    def _create(self, me: dict[str, str], req: Any) -> tuple[int, Any]:
        key = req.headers.get("Idempotency-Key", "")
        if not key:
            raise ApiError(
                400, "idempotency_key_missing", "The Idempotency-Key header is required."
            )
        parts = req.multipart()
        ticket = req.json_part(parts, "ticket")
        if ticket.get("client_ref") != key:
            raise ApiError(
                400,
                "idempotency_key_mismatch",
                "The Idempotency-Key must equal the ticket's client_ref.",
            )
        if not str(ticket.get("subject") or "").strip():
            raise ApiError(400, "subject_missing", "Please give the request a subject.")
        existing = self.keys.get((me["email"], key))
        if existing:
            return 200, self._public(self.tickets[existing])
        ticket_id = str(next(self._ids))
        stamp = _now()
        self.tickets[ticket_id] = {
            "id": ticket_id,
            "display_ref": f"HL-{ticket_id}",
            "subject": ticket["subject"],
            "status": "new",
            "created_at": stamp,
            "updated_at": stamp,
            "client_ref": key,
            "category": ticket.get("category", ""),
            "priority": ticket.get("priority", "normal"),
            "web_url": f"https://support.example/tickets/{ticket_id}",
            "_owner": me["email"],
            "_fields": ticket.get("fields", {}),
        }
        self.messages[ticket_id] = []
        self.keys[(me["email"], key)] = ticket_id
        self._add_message(ticket_id, me["name"], True, ticket.get("body", ""), parts)
        return 201, self._public(self.tickets[ticket_id])

    def _get(self, me: dict[str, str], req: Any, ticket_id: str) -> tuple[int, Any]:
        return 200, self._public(self._owned(me, ticket_id))

    def _messages(self, me: dict[str, str], req: Any, ticket_id: str) -> tuple[int, Any]:
        self._owned(me, ticket_id)
        return 200, {"messages": [self._public(m) for m in self.messages[ticket_id]]}

    def _reply(self, me: dict[str, str], req: Any, ticket_id: str) -> tuple[int, Any]:
        ticket = self._owned(me, ticket_id)
        if ticket["status"] == "closed":
            raise ApiError(409, "ticket_closed", "This request is closed; please open a new one.")
        parts = req.multipart()
        message = req.json_part(parts, "message")
        stored = self._add_message(ticket_id, me["name"], True, str(message.get("text", "")), parts)
        if ticket["status"] in ("resolved", "waiting"):
            ticket["status"] = "open"
        return 201, self._public(stored)

    def _resolve(self, me: dict[str, str], req: Any, ticket_id: str) -> tuple[int, Any]:
        ticket = self._owned(me, ticket_id)
        if ticket["status"] == "closed":
            raise ApiError(409, "ticket_closed", "This request is already closed.")
        ticket["status"], ticket["updated_at"] = "resolved", _now()
        return 200, self._public(ticket)

    def _reopen(self, me: dict[str, str], req: Any, ticket_id: str) -> tuple[int, Any]:
        ticket = self._owned(me, ticket_id)
        body = req.json_body("reopen") if req.body else {}
        if body.get("text"):
            self._add_message(ticket_id, me["name"], True, body["text"], [])
        ticket["status"], ticket["updated_at"] = "open", _now()
        return 200, self._public(ticket)

    def _download(self, me: dict[str, str], req: Any, attachment_id: str) -> tuple[int, Any]:
        entry = self.files.get(attachment_id)
        if entry is None:
            raise ApiError(404, "not_found", "There is no such attachment.")
        name, ctype, data, ticket_id = entry
        self._owned(me, ticket_id)
        req.extra_headers["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{quote(name, safe='')}"
        )
        return 200, (ctype, data)

    # -- storage -----------------------------------------------------------------------

    def _owned(self, me: dict[str, str], ticket_id: str) -> dict[str, Any]:
        ticket = self.tickets.get(ticket_id)
        if ticket is None or ticket["_owner"] != me["email"]:  # someone else's: not found
            raise ApiError(404, "not_found", f"There is no request {ticket_id} for you.")
        return ticket

    def _add_message(
        self,
        ticket_id: str,
        author: str,
        from_requester: bool,
        text: str,
        parts: list[tuple[str, str | None, str, bytes]],
    ) -> dict[str, Any]:
        stamp = _now()
        attachments = []
        for name, filename, ctype, data in parts:
            if name != "file" or filename is None:
                continue
            file_id = f"a{next(self._ids)}"
            self.files[file_id] = (filename, ctype, data, ticket_id)
            attachments.append(
                {"id": file_id, "filename": filename, "size": len(data), "content_type": ctype}
            )
        message = {
            "id": f"m{next(self._ids)}",
            "ticket_id": ticket_id,
            "author": author,
            "from_requester": from_requester,
            "body": text,
            "created_at": stamp,
            "attachments": attachments,
        }
        self.messages[ticket_id].append(message)
        ticket = self.tickets[ticket_id]
        ticket["updated_at"], ticket["last_author"] = stamp, author
        return message

    @staticmethod
    def _public(record: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in record.items() if not k.startswith("_")}
        if "status" in out:
            out["raw_status"] = out["status"]
        return out

    # -- HTTP plumbing -----------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet tests; failures show in assertions

            def do_GET(self) -> None:
                server._serve(self, "GET")

            def do_POST(self) -> None:
                server._serve(self, "POST")

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        req = _Request(handler)
        template, status, payload = "", 500, None
        try:
            req.read_body()  # always, so a keep-alive connection stays in step
            route = next(
                (
                    (path, action, match)
                    for verb, pattern, path, action in self._routes()
                    if verb == method and (match := pattern.match(req.path))
                ),
                None,
            )
            if route is None:
                raise ApiError(404, "not_found", "There is no such endpoint.")
            template, action, match = route
            if self.forced:
                status, headers = self.forced.pop(0)
                req.extra_headers.update(headers)
                raise ApiError(status, "forced", f"Forced answer {status}.", headers)
            me = self._authenticate(req)
            with self.lock:
                status, payload = action(me, req, *match.groups())
        except ApiError as err:
            status, payload = err.status, {"error": {"code": err.code, "message": err.message}}
            req.extra_headers.update(err.headers)
        self._respond(handler, req, method, template, status, payload)

    def _authenticate(self, req: _Request) -> dict[str, str]:
        scheme, _, token = req.headers.get("Authorization", "").partition(" ")
        me = self.tokens.get(token) if scheme.lower() == "bearer" else None
        if me is None:
            raise ApiError(
                401,
                "unauthorized",
                "Please sign in again; the token was not accepted.",
                {"WWW-Authenticate": "Bearer"},
            )
        return me

    def _respond(
        self,
        handler: BaseHTTPRequestHandler,
        req: _Request,
        method: str,
        template: str,
        status: int,
        payload: Any,
    ) -> None:
        if payload is None:
            body, ctype = b"", ""
        elif isinstance(payload, tuple):
            ctype, body = payload
        else:
            body, ctype = json.dumps(payload).encode(), "application/json"
        headers = dict(req.extra_headers)
        if ctype:
            headers["Content-Type"] = ctype
        headers["Content-Length"] = str(len(body))
        # Recorded before it is sent, so a test that has its answer also has its record.
        self.exchanges.append(
            Exchange(
                method,
                template,
                status,
                headers,
                body,
                dict(req.headers.items()),
                req.recorded_json,
            )
        )
        if method == "POST" and self.drop_answers > 0:
            self.drop_answers -= 1
            handler.close_connection = True  # the client sees the connection drop
            return
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if body:
            handler.wfile.write(body)


class _Request:
    """What a handler needs of the request: path, query, headers and a length-checked body."""

    def __init__(self, handler: BaseHTTPRequestHandler) -> None:
        split = urlsplit(handler.path)
        self.handler = handler
        self.path = split.path
        self.query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        self.headers = handler.headers
        self.body = b""
        self.extra_headers: dict[str, str] = {}
        self.recorded_json: dict[str, Any] = {}

    def read_body(self) -> None:
        if self.handler.command != "POST":
            return
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            raise ApiError(411, "length_required", "Send the request with a Content-Length.")
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.handler.rfile.read(length) if length else b""

    def multipart(self) -> list[tuple[str, str | None, str, bytes]]:
        return parse_multipart(self.body, self.headers.get("Content-Type", ""))

    def json_part(
        self, parts: list[tuple[str, str | None, str, bytes]], name: str
    ) -> dict[str, Any]:
        for part_name, filename, _ctype, data in parts:
            if part_name == name and filename is None:
                return self._decode(name, data)
        raise ApiError(400, f"{name}_missing", f"The '{name}' part is missing.")

    def json_body(self, name: str) -> dict[str, Any]:
        return self._decode(name, self.body)

    def _decode(self, name: str, data: bytes) -> dict[str, Any]:
        try:
            value = json.loads(data)
        except ValueError:
            raise ApiError(400, "bad_json", f"The '{name}' part is not JSON.") from None
        if not isinstance(value, dict):
            raise ApiError(400, "bad_json", f"The '{name}' part must be an object.")
        self.recorded_json[name] = value
        return value


def _parse(stamp: str) -> datetime:
    value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def main() -> None:  # pragma: no cover - for trying the protocol by hand
    import time

    server = HelplineServer(
        {"demo-token": {"name": "Demo User", "email": "demo@example.org"}}
    ).start()
    print(f"Helpline protocol server on {server.url} (token: demo-token); Ctrl+C stops it.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
