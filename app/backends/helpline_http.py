"""Helpline's own open protocol: a small JSON API an organisation or a broker implements.

The protocol is written down in ``docs/openapi/helpline-backend.yaml``; this
adapter speaks exactly that and nothing more. It exists for two cases: an
organisation with its own endpoint, and helpdesks that only take agent keys
(Freshdesk, osTicket), where IT runs a broker that signs the person in and
keeps them to their own tickets, so no agent key ever sits on a desktop.

Create sends the ticket and its files in one streamed multipart request with
``Idempotency-Key: <client_ref>``; the server answers a repeated key with the
ticket it made the first time, so a retry after a lost answer is always safe.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from app.backends import credentials, http
from app.backends.common import check_scheme
from app.backends.local import safe_filename
from app.backends.status_map import StatusMap
from app.core import logsafe
from app.core.helpdesk import (
    LIMITS,
    AuthenticationError,
    Backend,
    BackendError,
    Capabilities,
    NotFound,
    PermanentError,
)
from app.core.model import (
    Attachment,
    Message,
    NewTicket,
    Priority,
    Requester,
    Status,
    Ticket,
    format_time,
    now_utc,
    parse_time,
)

#: The common status names, which is what the protocol sends; config may remap raw names.
DEFAULT_STATUSES = {status.value: status for status in Status}


class HelplineHttpBackend(Backend):
    name = "http"
    description = "Requests go to your organisation's Helpline endpoint."

    def __init__(
        self,
        url: str,
        token: str,
        *,
        status_map: dict[str, str] | None = None,
        allow_insecure_http: bool = False,
        config: Any = None,
        retries: int = 3,
    ) -> None:
        if not url:
            raise PermanentError(code="setting_missing", setting="backend.url")
        check_scheme(url, allow_insecure_http, secret="token")
        self.base = url.rstrip("/")
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self._overrides = {k.casefold() for k in (status_map or {})}
        self.session = http.make_session(config, retries=retries, home=self.base)
        self.session.headers["Accept"] = "application/json"
        self._token = token
        logsafe.register(token)  # however it was given, it never shows in a message
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self._capabilities: Capabilities | None = None
        self._lists: dict[str, tuple[str, list[Ticket]]] = {}  # query -> (ETag, answer)

    @classmethod
    def from_config(cls, config: Any) -> HelplineHttpBackend:
        token = credentials.resolve(config, "token").value
        return cls(
            config["backend.url"],
            token,
            status_map=config["backend.status_map"],
            allow_insecure_http=config["backend.allow_insecure_http"],
            config=config,
        )

    def __repr__(self) -> str:  # never show the token, even in a traceback
        return f"HelplineHttpBackend({self.base!r})"

    # -- plumbing -----------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One call; every failure becomes a typed error with the server's own sentence."""
        if not self._token:
            raise AuthenticationError(code="credentials_missing", helpdesk="Helpline")
        try:
            response = self.session.request(method, self.base + path, **kwargs)
        except (requests.exceptions.RequestException, OSError) as exc:
            raise http.map_exception(exc) from exc
        if response.status_code >= 400:
            message = _error_message(response)
            try:
                http.raise_for(response)
            except BackendError as err:
                if message:
                    err.args = (message,)
                raise
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return _object(http.read_json(self._call(method, path, **kwargs)))

    def _multipart(
        self,
        path: str,
        name: str,
        payload: dict[str, Any],
        attachments: Sequence[Attachment],
        headers: dict[str, str] | None = None,
    ) -> Any:
        """POST one JSON part plus one part per file, streamed from disk with a length."""
        files = []
        for att in attachments:
            if not att.path or not Path(att.path).is_file():
                raise PermanentError(code="file_unreadable", name=att.filename)
            files.append(("file", att.filename, att.path, att.content_type))
        body = http.MultipartStream([(name, json.dumps(payload), "application/json")], files)
        try:
            return self._json(
                "POST",
                path,
                data=body,
                headers={
                    **(headers or {}),
                    "Content-Type": body.content_type,
                    "Content-Length": str(len(body)),
                },
            )
        finally:
            body.close()

    # -- contract -----------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        """What the server says it offers; the defaults while it cannot be asked."""
        if self._capabilities is None:
            try:
                data = self._json("GET", "/v1/capabilities")
            except BackendError:
                return Capabilities()  # asked again next time
            self._capabilities = _capabilities(data)
        return self._capabilities

    def whoami(self) -> Requester:
        return Requester.from_dict(self._json("GET", "/v1/me"))

    def create(self, ticket: NewTicket) -> Ticket:
        payload = {
            "subject": ticket.subject,
            "body": ticket.body,
            "requester": ticket.requester.to_dict(),
            "client_ref": ticket.client_ref,
            "category": ticket.category,
            "priority": ticket.priority.value,
            "fields": dict(ticket.fields),
        }
        data = self._multipart(
            "/v1/tickets",
            "ticket",
            payload,
            ticket.attachments,
            {"Idempotency-Key": ticket.client_ref},
        )
        self._lists.clear()
        return self._ticket(data)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        data = self._json(
            "GET", "/v1/tickets", params={"requester": "me", "client_ref": client_ref}
        )
        found = [self._ticket(t) for t in data.get("tickets", [])]
        return next((t for t in found if t.client_ref == client_ref), None)

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        params = {"requester": "me"}
        if since is not None:
            params["updated_since"] = format_time(since)
        key = json.dumps(params, sort_keys=True)
        cached = self._lists.get(key)
        headers = {"If-None-Match": cached[0]} if cached else {}
        response = self._call("GET", "/v1/tickets", params=params, headers=headers)
        if response.status_code == 304 and cached:
            return list(cached[1])
        tickets = [self._ticket(t) for t in _object(http.read_json(response)).get("tickets", [])]
        if response.headers.get("ETag"):
            self._lists[key] = (response.headers["ETag"], tickets)
        return list(tickets)

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._json("GET", f"/v1/tickets/{_segment(ticket_id)}"))

    def messages(self, ticket_id: str) -> list[Message]:
        data = self._json("GET", f"/v1/tickets/{_segment(ticket_id)}/messages")
        return [self._message(m) for m in data.get("messages", [])]

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        data = self._multipart(
            f"/v1/tickets/{_segment(ticket_id)}/messages", "message", {"text": text}, attachments
        )
        self._lists.clear()
        return self._message(data)

    def set_resolved(self, ticket_id: str) -> Ticket:
        self._lists.clear()
        return self._ticket(self._json("POST", f"/v1/tickets/{_segment(ticket_id)}/resolve"))

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        self._lists.clear()
        body = {"text": text} if text else {}
        return self._ticket(
            self._json("POST", f"/v1/tickets/{_segment(ticket_id)}/reopen", json=body)
        )

    def download(self, attachment: Attachment, dest: Path) -> Path:
        """Stream to a temporary name beside the target, then move: no half files left."""
        if not attachment.backend_id:
            raise NotFound(code="file_not_stored", name=attachment.filename)
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / safe_filename(attachment.filename)
        response = self._call(
            "GET",
            f"/v1/attachments/{_segment(attachment.backend_id)}",
            stream=True,
            headers={"Accept": "*/*"},
        )
        try:
            return http.save_response(response, target, attachment.size)
        except OSError as exc:
            raise http.map_exception(exc) from exc

    def close(self) -> None:
        self.session.close()

    # -- shapes -------------------------------------------------------------------------

    def _ticket(self, data: dict[str, Any]) -> Ticket:
        try:
            raw = str(data.get("raw_status") or data.get("status") or "")
            status = (
                self.statuses(raw)
                if raw.casefold() in self._overrides
                else Status.parse(str(data.get("status") or ""))
            )
            created = parse_time(data.get("created_at")) or now_utc()
            priority = data.get("priority") or Priority.NORMAL.value
            return Ticket(
                id=str(data["id"]),
                subject=str(data.get("subject") or ""),
                status=status,
                raw_status=raw,
                created_at=created,
                updated_at=parse_time(data.get("updated_at")) or created,
                display_ref=str(data.get("display_ref") or f"#{data['id']}"),
                client_ref=str(data.get("client_ref") or ""),
                category=str(data.get("category") or ""),
                priority=Priority(priority)
                if priority in Priority._value2member_map_
                else Priority.NORMAL,
                web_url=str(data.get("web_url") or ""),
                last_author=str(data.get("last_author") or ""),
            )
        except (KeyError, TypeError, AttributeError) as err:
            raise PermanentError(
                "a ticket of another protocol version?", code="bad_answer", helpdesk="Helpline"
            ) from err

    def _message(self, data: dict[str, Any]) -> Message:
        try:
            return Message(
                id=str(data["id"]),
                ticket_id=str(data.get("ticket_id") or ""),
                author=str(data.get("author") or ""),
                from_requester=bool(data.get("from_requester")),
                body=str(data.get("body") or ""),
                created_at=parse_time(data.get("created_at")) or now_utc(),
                attachments=tuple(
                    Attachment(
                        filename=str(a["filename"]),
                        size=int(a.get("size") or 0),
                        content_type=str(a.get("content_type") or "application/octet-stream"),
                        backend_id=str(a["id"]),
                    )
                    for a in data.get("attachments") or ()
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise PermanentError(
                "a message of another protocol version?", code="bad_answer", helpdesk="Helpline"
            ) from err


def _capabilities(data: dict[str, Any]) -> Capabilities:
    """The server's capabilities, each of the type the window expects, or its default.

    A server's ``"reply": "no"`` or ``"max_attachment_bytes": "big"`` crashed the window
    that read it (issue 17, item 8): a value of the wrong type keeps the default.
    """
    kept: dict[str, Any] = {}
    for name, field in Capabilities.__dataclass_fields__.items():
        value = data.get(name)
        typed = field.type == "bool" and isinstance(value, bool)
        if typed or (name == "limits_code" and value in LIMITS):
            kept[name] = value
        elif name == "limits_note" and isinstance(value, str):
            kept[name] = value[:2000]
        elif (
            name == "max_attachment_bytes"
            and isinstance(value, int)
            and not isinstance(value, bool)
            and 0 < value < 2**53
        ):
            kept[name] = value
    return Capabilities(**kept)


def _object(data: Any) -> dict[str, Any]:
    """Every answer of the protocol is a JSON object; anything else is not the protocol."""
    if not isinstance(data, dict):
        raise PermanentError("not the protocol's data", code="bad_answer", helpdesk="Helpline")
    return data


def _error_message(response: requests.Response) -> str:
    """The protocol's ``{"error": {"code", "message"}}``, else nothing."""
    try:
        data = response.json()
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return logsafe.mask(str(message).strip()[:300]) if message else ""


def _segment(value: str) -> str:
    """An id as one path segment, whatever characters it holds."""
    return quote(str(value), safe="")
