"""Zammad through ``/api/v1`` (tickets and articles), as a user with the Customer role.

Customers sign in with their password (Basic) or a personal access token
(``Authorization: Token token=…``, only where IT granted the Customer role that
permission), see their own tickets, never internal articles, and may set only
``open`` or ``closed``. Files travel base64-encoded inside the article's JSON,
streamed from disk. Shapes follow https://docs.zammad.org/en/latest/api/ticket/index.html
and …/api/ticket/articles.html; see docs/backends/zammad.md and reference §3.6.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import requests

from app.backends import http
from app.backends.common import (
    config_options,
    download_target,
    footer,
    helpdesk_base,
    html_to_text,
    require_file,
    shared_account_refused,
    sign_in_options,
    ticket_number,
    with_footer,
)
from app.backends.status_map import StatusMap
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    Capabilities,
    NotFound,
    PermanentError,
    TemporaryError,
)
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.model import parse_time as _parse_time

DEFAULT_STATUSES: dict[str, Status] = {
    "new": Status.NEW,
    "open": Status.OPEN,
    "pending reminder": Status.WAITING,
    "pending close": Status.WAITING,
    "closed": Status.CLOSED,
    "merged": Status.CLOSED,
    "removed": Status.CLOSED,
}
#: The stock nginx vhost allows 50 MB bodies; base64 makes files 4/3 as large.
MAX_ATTACHMENT = 36 * 1024 * 1024
SCAN_RECENT = 20
#: Zammad's seeded Admin and Agent roles: such accounts can read other people's tickets.
STAFF_ROLES = {1, 2}


class ZammadBackend(Backend):
    name = "zammad"
    description = "Requests go to Zammad."

    def __init__(
        self,
        url: str,
        *,
        username: str = "",
        password: str = "",
        token: str = "",
        group: str = "",
        client_ref_field: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        self.base = helpdesk_base(url, allow_insecure_http)
        self.api = f"{self.base}/api/v1"
        self.username = username
        self.group = group or "Users"
        self.client_ref_field = client_ref_field.strip()
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Token token={token}"
        elif username and password:
            self.session.auth = (username, password)
        self._has_credentials = bool(token or (username and password))
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> ZammadBackend:
        return cls(
            config["backend.url"],
            **sign_in_options(config),
            group=config["backend.group"],
            client_ref_field=config["backend.client_ref_field"],
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show credentials, even in a traceback
        return f"ZammadBackend({self.base!r}, user={self.username!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_credentials:
            raise AuthenticationError(code="credentials_missing", helpdesk="Zammad")
        if self._me is None and path != "users/me":
            self._me_record()  # checks the account once before anything is read or written
        return http.send(self.session, method, f"{self.api}/{path}", **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return http.read_json(self._call(method, path, **kwargs))

    def _send_json(
        self,
        method: str,
        path: str,
        payload: dict[str, Any],
        attachments: Sequence[Attachment],
        into: dict[str, Any],
    ) -> Any:
        """JSON whose ``into["attachments"]`` carry the files base64-encoded, streamed."""
        for att in attachments:
            require_file(att)
        into["attachments"] = [
            {"filename": a.filename, "mime-type": a.content_type, "data": _Base64Json.slot(n)}
            for n, a in enumerate(attachments)
        ]
        body = _Base64Json(payload, [str(a.path) for a in attachments])
        try:
            return self._json(
                method, path, data=body, headers={"Content-Type": "application/json; charset=utf-8"}
            )
        finally:
            body.close()

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            me = http.expect_dict(self._json("GET", "users/me"), "your user record")
            listed = me.get("role_ids")
            roles = {r for r in listed if isinstance(r, int)} if isinstance(listed, list) else set()
            if STAFF_ROLES & roles and not self.allow_shared_credentials:
                raise shared_account_refused("Zammad")
            self._me = me
        return self._me

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(max_attachment_bytes=MAX_ATTACHMENT, limits_code="zammad")

    def whoami(self) -> Requester:
        me = self._me_record()
        name = f"{me.get('firstname') or ''} {me.get('lastname') or ''}".strip()
        return Requester(
            name=name, email=str(me.get("email") or ""), customer_id=str(me.get("id") or "")
        )

    def create(self, ticket: NewTicket) -> Ticket:
        body = with_footer(ticket.body, ticket.client_ref)
        article: dict[str, Any] = {
            "subject": ticket.subject,
            "body": body,
            "content_type": "text/plain",
            "type": "web",
            "internal": False,
        }
        payload: dict[str, Any] = {"title": ticket.subject, "group": self.group, "article": article}
        if self.client_ref_field:
            payload[self.client_ref_field] = ticket.client_ref
        created = self._send_json("POST", "tickets", payload, ticket.attachments, article)
        number = http.expect_field(
            http.expect_dict(created, "the new ticket"), "id", "the new ticket"
        )
        return replace(self.get(str(number)), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        ref = re.sub(r"[^0-9A-Za-z-]", "", client_ref)
        query = f'{self.client_ref_field}:"{ref}"' if self.client_ref_field else f'"{ref}"'
        try:
            found = self._json("GET", "tickets/search", params={"query": query, "limit": 10})
        except (TemporaryError, PermanentError):  # search index down: read directly below
            found = {}
        if isinstance(found, dict):
            listed = found.get("tickets")
            ids = listed if isinstance(listed, list) else []
        else:
            ids = [
                http.expect_field(t, "id", "a ticket")
                for t in http.expect_list(found, "the search results")
            ]
        for ticket_id in ids:
            ticket = self.get(str(ticket_id))
            if ticket.client_ref == client_ref or self._first_has(str(ticket_id), client_ref):
                return replace(ticket, client_ref=client_ref)
        # Search may lag or be off; the newest few of my own tickets are read directly.
        recent = sorted(self._all_mine(), key=lambda t: _as_int(t.get("id")), reverse=True)
        for data in recent[:SCAN_RECENT]:
            ticket = self._ticket(data)
            if ticket.client_ref == client_ref or self._first_has(ticket.id, client_ref):
                return replace(ticket, client_ref=client_ref)
        return None

    def _first_has(self, ticket_id: str, client_ref: str) -> bool:
        articles = http.expect_list(
            self._json("GET", f"ticket_articles/by_ticket/{ticket_id}"), "a ticket's articles"
        )
        return bool(articles) and footer(client_ref) in str(articles[0].get("body"))

    def _all_mine(self, limit: int = 2000) -> list[dict[str, Any]]:
        me = self._me_record().get("id")
        items: list[dict[str, Any]] = []
        page = 1
        while len(items) < limit:
            batch = http.expect_list(
                self._json(
                    "GET", "tickets", params={"expand": "true", "page": page, "per_page": 100}
                ),
                "the list of tickets",
            )
            items += [t for t in batch if t.get("customer_id") == me]  # not the org's
            if len(batch) < 100:
                break
            page += 1
        return items

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        tickets = [
            self._ticket(t) for t in self._all_mine() if str(t.get("state") or "") != "removed"
        ]
        tickets.sort(key=lambda t: t.updated_at, reverse=True)
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(
            self._json("GET", f"tickets/{_number(ticket_id)}", params={"expand": "true"})
        )

    def messages(self, ticket_id: str) -> list[Message]:
        number = _number(ticket_id)
        me = str(self._me_record().get("id") or "")
        articles = http.expect_list(
            self._json("GET", f"ticket_articles/by_ticket/{number}"), "the ticket's articles"
        )
        return [self._message(a, me) for a in articles if not a.get("internal")]

    def _message(self, data: Any, me: str) -> Message:
        data = http.expect_dict(data, "a message")
        author = str(data.get("created_by_id") or "")
        body = str(data.get("body") or "")
        if str(data.get("content_type") or "").startswith("text/html"):
            body = html_to_text(body)
        ticket_id = str(data.get("ticket_id"))
        article_id = str(http.expect_field(data, "id", "a message"))
        return Message(
            id=article_id,
            ticket_id=ticket_id,
            author=author,
            from_requester=author == me,
            body=body,
            created_at=_parse_time(data.get("created_at")) or now_utc(),
            attachments=tuple(
                Attachment(
                    filename=str(a.get("filename") or ""),
                    size=_as_int(a.get("size")),
                    content_type=_mime(a.get("preferences")),
                    backend_id=f"{ticket_id}/{article_id}/{a.get('id')}",
                )
                for a in http.expect_list(data.get("attachments"), "a message's files")
            ),
        )

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        number = _number(ticket_id)
        article: dict[str, Any] = {
            "ticket_id": int(number),
            "body": text,
            "content_type": "text/plain",
            "type": "web",
            "internal": False,
        }
        created = self._send_json("POST", "ticket_articles", article, attachments, article)
        return self._message(created, str(self._me_record().get("id") or ""))

    def set_resolved(self, ticket_id: str) -> Ticket:
        """Customers may set only ``closed``; where IT maps it to resolved, that is shown."""
        return self._set_state(
            ticket_id, self.statuses.raw_for(Status.RESOLVED, "closed") or "closed", ""
        )

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        return self._set_state(
            ticket_id, self.statuses.raw_for(Status.OPEN, "open") or "open", text
        )

    def _set_state(self, ticket_id: str, state: str, text: str) -> Ticket:
        number = _number(ticket_id)
        payload: dict[str, Any] = {"state": state}
        if text:
            payload["article"] = {
                "body": text,
                "content_type": "text/plain",
                "type": "web",
                "internal": False,
            }
        self._json("PUT", f"tickets/{number}", json=payload)
        ticket = self.get(number)
        if ticket.raw_status != state:
            raise PermanentError(code="status_kept", helpdesk="Zammad", status=ticket.raw_status)
        return ticket

    def download(self, attachment: Attachment, dest: Path) -> Path:
        parts = (attachment.backend_id or "").split("/")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise NotFound(code="file_not_stored", name=attachment.filename)
        target = download_target(dest, attachment.filename)
        response = self._call("GET", "ticket_attachment/" + "/".join(parts), stream=True)
        return http.save_response(response, target, attachment.size)

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: Any) -> Ticket:
        data = http.expect_dict(data, "a ticket")
        number = str(http.expect_field(data, "id", "a ticket"))
        raw = str(data.get("state") or "")
        created = _parse_time(data.get("created_at")) or now_utc()
        ref = str(data.get(self.client_ref_field) or "") if self.client_ref_field else ""
        return Ticket(
            id=number,
            subject=str(data.get("title") or ""),
            status=self.statuses(raw),
            raw_status=raw,
            created_at=created,
            updated_at=_parse_time(data.get("updated_at")) or created,
            display_ref=f"Ticket#{data.get('number') or number}",
            client_ref=ref,
            category=str(data.get("group") or ""),
            web_url=f"{self.base}/#ticket/zoom/{number}",
        )


class _Base64Json:
    """A JSON body read in blocks, with each file base64-encoded from disk as it is sent.

    It has a length, so the request carries Content-Length, and never holds a
    whole file: the JSON is cut at placeholder strings and each file's base64
    text is produced 48 KiB of input at a time (a multiple of 3, so no padding
    appears mid-stream).
    """

    BLOCK = 48 * 1024

    @staticmethod
    def slot(n: int) -> str:
        return f"\x00helpline-file-{n}\x00"

    def __init__(self, payload: dict[str, Any], paths: list[str]) -> None:
        text = json.dumps(payload, ensure_ascii=False)
        self._parts: list[bytes | str] = []
        for n, path in enumerate(paths):
            marker = json.dumps(self.slot(n))[1:-1]  # as json.dumps escaped it
            head, text = text.split(marker, 1)
            self._parts += [head.encode(), path]
        self._parts.append(text.encode())
        self._length = sum(
            len(p) if isinstance(p, bytes) else 4 * -(-os.path.getsize(p) // 3) for p in self._parts
        )
        self._buffer = b""
        self._open: IO[bytes] | None = None

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        size = self.BLOCK if size is None or size < 0 else size
        while len(self._buffer) < size and self._parts:
            part = self._parts[0]
            if isinstance(part, bytes):
                self._buffer += part
                self._parts.pop(0)
                continue
            if self._open is None:
                self._open = open(part, "rb")  # noqa: SIM115 - closed when exhausted
            block = self._open.read(self.BLOCK)
            if block:
                self._buffer += base64.b64encode(block)
            else:
                self.close()
                self._parts.pop(0)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None


def _as_int(value: Any) -> int:
    """A number Zammad sent (maybe as text); 0 when it is none, so sorting never fails."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _mime(preferences: Any) -> str:
    """A file's type from its ``preferences``; the neutral type when they say none."""
    prefs = preferences if isinstance(preferences, dict) else {}
    return str(prefs.get("Mime-Type") or prefs.get("Content-Type") or "application/octet-stream")


def _number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "Zammad")
