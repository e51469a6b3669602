"""Zendesk through the Requests API (``/api/v2/requests``), as the end user themself.

The Requests API is Zendesk's end-user view of a ticket: public comments only, and
only the fields an end user may write (a comment, ``solved``). Files go up first
(``/api/v2/uploads``) and ride on a comment by token. Shapes follow
https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/ and
…/ticket-attachments/; see docs/backends/zendesk.md and ../shared/reference/backends.md §3.1.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from app.backends import announcements, http, origin
from app.backends.common import (
    config_options,
    download_target,
    helpdesk_base,
    read_back_reply,
    require_file,
    shared_account_refused,
    sign_in_options,
    ticket_number,
    with_footer,
    word_after_footer,
)
from app.backends.status_map import StatusMap
from app.core.helpdesk import (
    NO_RATING,
    AuthenticationError,
    Backend,
    Capabilities,
    NotFound,
    PermanentError,
    PermissionDenied,
    Unsupported,
)
from app.core.incidents import Incident
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.model import parse_time as _parse_time

DEFAULT_STATUSES: dict[str, Status] = {
    "new": Status.NEW,
    "open": Status.OPEN,
    "pending": Status.WAITING,
    "hold": Status.OPEN,
    "solved": Status.RESOLVED,
    "closed": Status.CLOSED,
}
#: Zendesk's per-file limit ("Working with attachments in tickets"); admins may lower it.
MAX_ATTACHMENT = 50 * 1024 * 1024
#: How many of the user's requests a lost create is looked for in (cursor sort is unreliable).
SCAN_LIMIT = 500
#: The most requests "My requests" shows; far beyond what one person files.
LIST_LIMIT = 5000
#: Sent with "This solved my problem": Zendesk's Update Request shows ``solved`` riding on a
#: comment, and an update without one was refused (406 CommentRequired, issue 16). It also
#: tells the agent, in the requester's words, why the request was closed.
SOLVED_COMMENT = "This solved my problem, thank you. (Marked solved in Helpline.)"


class ZendeskBackend(Backend):
    name = "zendesk"
    description = "Requests go to Zendesk."

    def __init__(
        self,
        url: str,
        *,
        username: str = "",
        password: str = "",
        token: str = "",
        client_ref_field: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        self.base = helpdesk_base(url, allow_insecure_http)
        self.api = f"{self.base}/api/v2"
        self.username = username
        self.client_ref_field = client_ref_field.strip()
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        # The API token is account-wide: with any email it acts as that user (§2.4).
        self._uses_api_token = bool(token)
        if username and (token or password):
            self.session.auth = (f"{username}/token", token) if token else (username, password)
        self._has_credentials = bool(username and (token or password))
        # for files hosted elsewhere: no credentials
        self._plain = http.make_session(config, home=self.base)
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> ZendeskBackend:
        return cls(
            config["backend.url"],
            **sign_in_options(config),
            client_ref_field=config["backend.client_ref_field"],
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show credentials, even in a traceback
        return f"ZendeskBackend({self.base!r}, user={self.username!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_credentials:
            raise AuthenticationError(code="credentials_missing", helpdesk="Zendesk")
        if self._uses_api_token and not self.allow_shared_credentials:
            raise PermissionDenied(
                code="shared_token", helpdesk="Zendesk", setting="backend.allow_shared_credentials"
            )
        if self._me is None and path != "users/me.json":
            self._me_record()  # checks the account once before anything is read or written
        url = path if path.startswith("http") else f"{self.api}/{path.lstrip('/')}"
        return http.send(self.session, method, url, **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        # Every endpoint used here promises a JSON object; uploads label it text/plain.
        return http.read_json(self._call(method, path, **kwargs), json_only=True)

    def _pages(
        self, path: str, key: str, params: dict[str, Any], limit: int = SCAN_LIMIT
    ) -> Iterator[dict[str, Any]]:
        """Items of a list, following the cursor (``links.next``) or offset (``next_page``)."""
        url: str | None = path
        seen = 0
        while url and seen < limit:
            data = http.expect_dict(
                self._json("GET", url, params=params if url == path else None), "a page of results"
            )
            for item in http.expect_list(data.get(key), "a page of results"):
                seen += 1
                yield item
            links, meta = data.get("links"), data.get("meta")
            more = isinstance(meta, dict) and meta.get("has_more")
            url = (
                (links.get("next") if isinstance(links, dict) else None)
                if more
                else data.get("next_page")
            )
            url = url if isinstance(url, str) else None
            if url:  # the next page is read with the sign-in: only from the helpdesk itself
                origin.check_link(url, self.base, "next page")

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            answer = http.expect_dict(self._json("GET", "users/me.json"), "your user record")
            me = http.expect_dict(answer.get("user") or {}, "your user record")
            if not me.get("id"):
                raise AuthenticationError("no user", helpdesk="Zendesk")
            if me.get("role") not in ("end-user", None) and not self.allow_shared_credentials:
                raise shared_account_refused("Zendesk")
            self._me = me
        return self._me

    def _upload(self, attachments: Sequence[Attachment]) -> list[str]:
        """Upload each file (raw body, streamed from disk) and return the one shared token."""
        token = ""
        for att in attachments:
            path = require_file(att)
            params = {"filename": att.filename, **({"token": token} if token else {})}
            with open(path, "rb") as body:
                data = self._json(
                    "POST",
                    "uploads.json",
                    params=params,
                    data=body,
                    headers={"Content-Type": att.content_type},
                )
            upload = http.expect_dict(
                http.expect_dict(data, "the upload").get("upload") or {}, "the upload"
            )
            token = str(upload.get("token") or "")
            if not token:
                raise PermanentError(
                    "no upload token", code="file_refused", helpdesk="Zendesk", name=""
                )
        return [token] if token else []

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            max_attachment_bytes=MAX_ATTACHMENT,
            limits_code="zendesk",
            announcements=True,
            plus_one=True,
            satisfaction=True,
        )

    def announcements(self, where: str) -> list[Incident]:
        return announcements.zendesk_open(self, where)

    def plus_one(self, target: str, note: str) -> None:
        announcements.zendesk_plus_one(self, str(target))

    def whoami(self) -> Requester:
        me = self._me_record()
        return Requester(
            name=str(me.get("name") or ""),
            email=str(me.get("email") or ""),
            customer_id=str(me.get("id") or ""),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        comment: dict[str, Any] = {"body": ticket.body}
        request: dict[str, Any] = {"subject": ticket.subject, "comment": comment}
        if self.client_ref_field:
            request["custom_fields"] = [
                {"id": _field_id(self.client_ref_field), "value": ticket.client_ref}
            ]
        else:
            comment["body"] = with_footer(ticket.body, ticket.client_ref)
        uploads = self._upload(ticket.attachments)
        if uploads:
            comment["uploads"] = uploads
        created = self._json("POST", "requests.json", json={"request": request})
        return replace(
            self._ticket(http.expect_dict(created, "the new request").get("request")),
            client_ref=ticket.client_ref,
        )

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        for item in self._pages("requests.json", "requests", {"page[size]": 100}):
            ticket = self._ticket(item)
            if ticket.client_ref == client_ref:
                return ticket
        return None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        params = {"page[size]": 100, "sort_by": "updated_at", "sort_order": "desc"}
        tickets = [
            self._ticket(i)
            for i in self._pages("requests.json", "requests", params, limit=LIST_LIMIT)
        ]
        tickets.sort(key=lambda t: t.updated_at, reverse=True)
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._request(ticket_id))

    def _request(self, ticket_id: str) -> dict[str, Any]:
        answer = http.expect_dict(
            self._json("GET", f"requests/{_number(ticket_id)}.json"), "the request"
        )
        return http.expect_dict(answer.get("request"), "the request")

    def messages(self, ticket_id: str) -> list[Message]:
        number = _number(ticket_id)
        requester = str(self._request(number).get("requester_id") or "")
        out = []
        for c in self._pages(
            f"requests/{number}/comments.json", "comments", {"page[size]": 100}, limit=10_000
        ):
            if c.get("public") is False:  # end users never get these; drop them anyway
                continue
            author = str(c.get("author_id") or "")
            out.append(
                Message(
                    id=str(http.expect_field(c, "id", "a comment")),
                    ticket_id=number,
                    author=author,
                    from_requester=bool(requester) and author == requester,
                    body=str(c.get("plain_body") or c.get("body") or ""),
                    created_at=_parse_time(c.get("created_at")) or now_utc(),
                    attachments=tuple(
                        Attachment(
                            filename=str(a.get("file_name") or ""),
                            size=_size(a.get("size")),
                            content_type=str(a.get("content_type") or "application/octet-stream"),
                            backend_id=str(a.get("content_url") or ""),
                        )
                        for a in http.expect_list(c.get("attachments"), "a comment's files")
                        if not a.get("deleted")
                    ),
                )
            )
        return out

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        number = _number(ticket_id)
        comment: dict[str, Any] = {"body": text}
        uploads = self._upload(attachments)
        if uploads:
            comment["uploads"] = uploads
        self._json("PUT", f"requests/{number}.json", json={"request": {"comment": comment}})
        return read_back_reply(self.messages(number))

    def set_resolved(self, ticket_id: str) -> Ticket:
        number = _number(ticket_id)
        if not self._request(number).get("can_be_solved_by_me"):
            raise Unsupported(code="resolve_not_offered", helpdesk="Zendesk")
        self._json(
            "PUT",
            f"requests/{number}.json",
            json={"request": {"solved": True, "comment": {"body": SOLVED_COMMENT}}},
        )
        ticket = self.get(number)  # Zendesk may answer 200 and change nothing
        if ticket.status not in (Status.RESOLVED, Status.CLOSED):
            raise PermanentError(code="status_kept", helpdesk="Zendesk", status=ticket.raw_status)
        return ticket

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        number = _number(ticket_id)
        if self.get(number).raw_status == "closed":
            raise Unsupported(code="reopen_not_offered", helpdesk="Zendesk")
        if not text.strip():
            raise Unsupported(code="reply_reopens", helpdesk="Zendesk")
        self.reply(number, text)
        return self.get(number)

    def send_feedback(self, ticket_id: str, rating: str, comment: str, text: str) -> None:
        """A 👍/👎 goes to Zendesk's satisfaction rating, which the requester of a solved
        ticket may create (POST /api/v2/tickets/{id}/satisfaction_rating, score "good" or
        "bad" and an optional comment: developer.zendesk.com/api-reference/ticketing/
        ticket-management/satisfaction_ratings/#create-a-satisfaction-rating). Without a
        rating, or where the account has no satisfaction ratings, it is a marked comment."""
        if rating in ("good", "bad"):
            rated: dict[str, Any] = {"score": rating}
            if comment.strip():
                rated["comment"] = comment
            try:
                self._json(
                    "POST",
                    f"tickets/{_number(ticket_id)}/satisfaction_rating.json",
                    json={"satisfaction_rating": rated},
                )
                return
            except NO_RATING:
                pass
        super().send_feedback(ticket_id, rating, comment, text)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        url = attachment.backend_id or ""
        if not url.startswith(("http://", "https://")):
            raise NotFound(code="file_not_stored", name=attachment.filename)
        # content_url may point at another host: credentials go only to the helpdesk's own
        # origin (scheme, host and port), and never over plain http (see app/backends/origin).
        target = download_target(dest, attachment.filename)
        response = (
            self._call("GET", url, stream=True)
            if origin.same_origin(url, self.base)
            else http.send(self._plain, "GET", url, stream=True)
        )
        return http.save_response(response, target, attachment.size)

    def close(self) -> None:
        self.session.close()
        self._plain.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: Any) -> Ticket:
        data = http.expect_dict(data, "a request")
        number = str(http.expect_field(data, "id", "a request"))
        raw = str(data.get("status") or "")
        created = _parse_time(data.get("created_at")) or now_utc()
        return Ticket(
            id=number,
            subject=str(data.get("subject") or ""),
            status=self.statuses(raw),
            raw_status=raw,
            created_at=created,
            updated_at=_parse_time(data.get("updated_at")) or created,
            display_ref=f"#{number}",
            client_ref=self._client_ref(data),
            web_url=f"{self.base}/hc/requests/{number}",
        )

    def _client_ref(self, data: dict[str, Any]) -> str:
        if self.client_ref_field:
            wanted = _field_id(self.client_ref_field)
            for field in http.expect_list(data.get("custom_fields"), "the request's fields"):
                if field.get("id") == wanted and field.get("value"):
                    return str(field["value"])
        return word_after_footer(str(data.get("description") or ""))


def _field_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise PermanentError(code="setting_invalid", setting="backend.client_ref_field") from None


def _size(value: Any) -> int:
    """A file's size as sent (a number, maybe as text); 0 when it is neither."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "Zendesk")
