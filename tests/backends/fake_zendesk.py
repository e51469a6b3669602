"""A stateful Zendesk on 127.0.0.1, answering the end-user Requests API in its documented shapes.

Shapes follow the Zendesk developer docs:
https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/ (requests and
request comments), https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/
(uploads), https://developer.zendesk.com/api-reference/introduction/pagination/ (cursor pages),
https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
(``/users/me``). :class:`FakeServer` is the loopback plumbing the Jira and Zammad fakes share.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Handler = Callable[..., tuple[int, Any]]


class Reply(Exception):
    """Raised by a route to answer with an error status and body."""

    def __init__(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.payload, self.headers = status, payload, headers or {}


@dataclass
class Call:
    """One request as the server saw it, for assertions on what the adapter sent."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class FakeServer:
    """A threaded HTTP server on a free loopback port with routes, Basic auth and fault hooks.

    ``forced`` holds whole answers (status, headers, raw body) given instead of the
    real one, first in first out; ``lose`` names (method, path) calls whose next answer
    is lost after the work is done, which is how a create that reached the helpdesk
    looks to a client whose connection broke.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[Call] = []
        self.forced: list[tuple[int, dict[str, str], bytes]] = []
        self.lose: list[tuple[str, str]] = []
        self.ids = itertools.count(101)
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    # -- to override ---------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Handler]]:
        """(method, path regex, handler(user, call, *groups) -> (status, payload))."""
        return []

    def authenticate(self, call: Call) -> Any:
        """The signed-in user for this call; raise :class:`Reply` with 401 when none."""
        raise Reply(401, {"error": "Couldn't authenticate you"})

    # -- helpers for subclasses ----------------------------------------------------------

    @staticmethod
    def basic(call: Call) -> tuple[str, str]:
        scheme, _, value = call.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return "", ""
        try:
            user, _, secret = base64.b64decode(value).decode().partition(":")
        except ValueError:
            return "", ""
        return user, secret

    @staticmethod
    def json_body(call: Call) -> Any:
        try:
            return json.loads(call.body or b"{}")
        except ValueError:
            raise Reply(400, {"error": "Invalid JSON"}) from None

    def writes(self, path_fragment: str) -> list[Call]:
        return [c for c in self.calls if c.method != "GET" and path_fragment in c.path]

    # -- plumbing ------------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, no 40 ms stall

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                server._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        return _Handler

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        split = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        call = Call(handler.command, split.path,
                    {k: v[-1] for k, v in parse_qs(split.query).items()},
                    {k: v for k, v in handler.headers.items()}, body)
        self.calls.append(call)
        headers: dict[str, str] = {}
        if self.forced:
            status, headers, raw = self.forced.pop(0)
            self._send(handler, status, headers, raw)
            return
        try:
            route = next(((fn, m) for verb, pattern, fn in self.routes()
                          if verb == call.method and (m := re.fullmatch(pattern, call.path))),
                         None)
            if route is None:
                raise Reply(404, {"error": "RecordNotFound", "description": "Not found"})
            user = self.authenticate(call)
            with self.lock:
                status, payload = route[0](user, call, *route[1].groups())
        except Reply as err:
            status, payload, headers = err.status, err.payload, err.headers
        if isinstance(payload, tuple):  # (content type, raw bytes)
            ctype, raw = payload
        else:
            ctype, raw = "application/json; charset=utf-8", json.dumps(payload).encode()
        if (call.method, call.path) in self.lose and status < 400:
            self.lose.remove((call.method, call.path))
            handler.close_connection = True  # the work is done; the answer never leaves
            return
        self._send(handler, status, {"Content-Type": ctype, **headers}, raw)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str],
              raw: bytes) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)


# -- Zendesk ---------------------------------------------------------------------------------


class FakeZendesk(FakeServer):
    """End users sign in with ``email:password`` or ``email/token:api_token``.

    ``agent_id`` is the agent who answers; requests are assigned to it on creation
    when ``assign_on_create`` is true, which is what makes ``can_be_solved_by_me``
    true in Zendesk.
    """

    def __init__(self, users: dict[str, str], api_token: str = "",
                 ticket_field: int = 0) -> None:
        super().__init__()
        self.passwords = users
        self.api_token = api_token
        self.ticket_field = ticket_field
        self.assign_on_create = True
        self.users: dict[str, dict[str, Any]] = {}
        for email in users:
            self._user(email, "end-user")
        self.agent_id = self._user("agent@support.example", "agent")["id"]
        self.requests: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.uploads: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[int, bytes] = {}

    def _user(self, email: str, role: str) -> dict[str, Any]:
        user = {"id": next(self.ids), "name": email.split("@")[0].title(), "email": email,
                "role": role, "organization_id": None}
        self.users[email] = user
        return user

    def authenticate(self, call: Call) -> dict[str, Any]:
        name, secret = self.basic(call)
        if name.endswith("/token"):
            ok = bool(self.api_token) and secret == self.api_token
            name = name[:-len("/token")]
        else:
            ok = name in self.passwords and self.passwords[name] == secret
        if not ok or name not in self.users:
            raise Reply(401, {"error": "Couldn't authenticate you"})
        return self.users[name]

    def routes(self) -> list[tuple[str, str, Handler]]:
        rid = r"/api/v2/requests/(\d+)(?:\.json)?"
        return [
            ("GET", r"/api/v2/users/me(?:\.json)?", lambda u, c: (200, {"user": u})),
            ("POST", r"/api/v2/uploads(?:\.json)?", self._upload),
            ("POST", r"/api/v2/requests(?:\.json)?", self._create),
            ("GET", r"/api/v2/requests(?:\.json)?", self._list),
            ("GET", rid, lambda u, c, i: (200, {"request": self._own(u, i)})),
            ("PUT", rid, self._update),
            ("GET", r"/api/v2/requests/(\d+)/comments(?:\.json)?", self._comments),
            ("GET", r"/attachments/token/(\w+)/", self._content),
        ]

    # -- support side, for tests ---------------------------------------------------------

    def agent_comment(self, request_id: str, text: str, status: str = "pending") -> None:
        with self.lock:
            self._comment(int(request_id), self.agent_id, text, [])
            self.requests[int(request_id)]["status"] = status

    def set_status(self, request_id: str, status: str) -> None:
        self.requests[int(request_id)]["status"] = status

    # -- handlers ------------------------------------------------------------------------

    def _upload(self, user: dict[str, Any], call: Call) -> tuple[int, Any]:
        name = call.query.get("filename", "")
        if not name:
            raise Reply(400, {"error": "InvalidValue", "description": "filename is missing"})
        token = call.query.get("token") or f"tok{next(self.ids)}"
        att_id = next(self.ids)
        self.files[att_id] = call.body
        att = {"id": att_id, "file_name": name, "size": len(call.body),
               "content_type": call.headers.get("Content-Type", "application/binary"),
               "content_url": f"{self.url}/attachments/token/t{att_id}/?name={name}",
               "inline": False, "deleted": False, "thumbnails": []}
        self.uploads.setdefault(token, []).append(att)
        return 201, {"upload": {"token": token, "attachment": att,
                                "attachments": self.uploads[token]}}

    def _create(self, user: dict[str, Any], call: Call) -> tuple[int, Any]:
        data = self.json_body(call).get("request") or {}
        comment = data.get("comment") or {}
        if not str(data.get("subject") or "").strip():
            raise Reply(422, {"error": "RecordInvalid", "description": "Record validation "
                              "errors", "details": {"subject": [{"description":
                                                                  "Subject: cannot be blank"}]}})
        if not comment.get("body"):
            raise Reply(422, {"error": "RecordInvalid", "description": "Comment: required"})
        request_id = next(self.ids)
        now = stamp()
        fields = [{"id": f["id"], "value": f.get("value")} for f in data.get("custom_fields") or ()]
        self.requests[request_id] = {
            "id": request_id, "url": f"{self.url}/api/v2/requests/{request_id}.json",
            "subject": data["subject"], "description": comment["body"], "status": "new",
            "priority": data.get("priority"), "type": data.get("type"),
            "requester_id": user["id"], "submitter_id": user["id"],
            "assignee_id": self.agent_id if self.assign_on_create else None,
            "organization_id": None, "group_id": None, "collaborator_ids": [],
            "custom_fields": fields, "custom_status_id": None,
            "can_be_solved_by_me": self.assign_on_create, "solved": False,
            "is_public": True, "created_at": now, "updated_at": now,
            "via": {"channel": "api"}}
        self.comments[request_id] = []
        self._comment(request_id, user["id"], comment["body"], comment.get("uploads") or [])
        return 201, {"request": self.requests[request_id]}

    def _list(self, user: dict[str, Any], call: Call) -> tuple[int, Any]:
        mine = sorted((r for r in self.requests.values() if r["requester_id"] == user["id"]),
                      key=lambda r: r["id"])
        size = int(call.query.get("page[size]", 100))
        after = int(call.query.get("page[after]", 0) or 0)
        page = [r for r in mine if r["id"] > after][:size]
        more = bool(page) and page[-1]["id"] < mine[-1]["id"]
        cursor = str(page[-1]["id"]) if page else None
        nxt = (f"{self.url}/api/v2/requests.json?page[size]={size}&page[after]={cursor}"
               if more else None)
        return 200, {"requests": page, "meta": {"has_more": more, "after_cursor": cursor,
                                                "before_cursor": None},
                     "links": {"next": nxt, "prev": None}}

    def _update(self, user: dict[str, Any], call: Call, request_id: str) -> tuple[int, Any]:
        req = self._own(user, request_id)
        data = self.json_body(call).get("request") or {}
        comment = data.get("comment") or {}
        if req["status"] == "closed":
            raise Reply(422, {"error": "RecordInvalid",
                              "description": "Status: closed prevents ticket update"})
        if comment.get("body"):
            self._comment(req["id"], user["id"], comment["body"], comment.get("uploads") or [])
            if req["status"] in ("solved", "pending"):
                req["status"] = "open"
        if data.get("solved") and req["can_be_solved_by_me"]:
            req["status"], req["solved"] = "solved", True  # otherwise silently ignored
        req["updated_at"] = stamp()
        return 200, {"request": req}

    def _comments(self, user: dict[str, Any], call: Call, request_id: str) -> tuple[int, Any]:
        self._own(user, request_id)
        items = self.comments[int(request_id)]
        return 200, {"comments": items, "meta": {"has_more": False, "after_cursor": None},
                     "links": {"next": None}, "next_page": None, "previous_page": None,
                     "count": len(items)}

    def _content(self, user: dict[str, Any], call: Call, token: str) -> tuple[int, Any]:
        data = self.files.get(int(token.lstrip("t")))
        if data is None:
            raise Reply(404, {"error": "RecordNotFound"})
        return 200, ("application/octet-stream", data)

    # -- storage -------------------------------------------------------------------------

    def _own(self, user: dict[str, Any], request_id: str) -> dict[str, Any]:
        req = self.requests.get(int(request_id))
        if req is None or req["requester_id"] != user["id"]:
            raise Reply(404, {"error": "RecordNotFound", "description": "Not found"})
        return req

    def _comment(self, request_id: int, author_id: int, body: str, tokens: list[str]) -> None:
        attachments = [a for t in tokens for a in self.uploads.pop(t, [])]
        now = stamp()
        self.comments[request_id].append({
            "id": next(self.ids), "type": "Comment", "request_id": request_id, "body": body,
            "html_body": f"<p>{body}</p>", "plain_body": body, "public": True,
            "author_id": author_id, "attachments": attachments, "created_at": now})
        self.requests[request_id]["updated_at"] = now
