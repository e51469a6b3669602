"""Request Tracker 5 through REST2 (``/REST/2.0``), as the customer themself.

Unprivileged RT users sign in with their own name and password (or a token
an admin made for them), see only tickets where they are Requestor, and write
only public correspondence: never ``/comment``, which is RT's internal channel.
Shapes follow RT 5.0.3's REST2 POD and were checked against a real server
(docs/backends/rt.md, ../shared/reference/backends.md §3.4).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from app.backends import announcements, http
from app.backends.common import (
    config_options,
    download_target,
    footer,
    helpdesk_base,
    html_to_text,
    read_back_reply,
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
    PermissionDenied,
)
from app.core.incidents import Incident
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.model import parse_time as _parse_time

#: RT's default lifecycle. "stalled" is waiting on someone; most sites mean the requester.
DEFAULT_STATUSES: dict[str, Status] = {
    "new": Status.NEW,
    "open": Status.OPEN,
    "stalled": Status.WAITING,
    "resolved": Status.RESOLVED,
    "rejected": Status.CLOSED,
    "deleted": Status.CLOSED,
}
#: $MaxAttachmentSize's default in RT 5; sites often raise it, and the server has the last word.
DEFAULT_MAX_ATTACHMENT = 10 * 1024 * 1024
#: How many of the newest own tickets to read when a lost create is looked for by body.
SCAN_RECENT = 20
_PUBLIC = ("Create", "Correspond")


class RTBackend(Backend):
    name = "rt"
    description = "Requests go to Request Tracker."

    def __init__(
        self,
        url: str,
        *,
        username: str = "",
        password: str = "",
        token: str = "",
        queue: str = "General",
        client_ref_field: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        self.base = helpdesk_base(url, allow_insecure_http)
        self.api = f"{self.base}/REST/2.0"
        self.username = username
        self.queue = queue or "General"
        self.client_ref_field = client_ref_field
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"token {token}"
        elif username and password:
            self.session.auth = (username, password)
        self._has_credentials = bool(token or (username and password))
        self._token_user = token.split("-")[1] if token.count("-") >= 2 else ""
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> RTBackend:
        """Build from the ``backend.*`` keys; the secret as :mod:`.credentials` finds it."""
        return cls(
            config["backend.url"],
            **sign_in_options(config),
            queue=config["backend.queue"],
            client_ref_field=config["backend.client_ref_field"],
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show credentials, even in a traceback
        return f"RTBackend({self.base!r}, user={self.username or self._token_user!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_credentials:
            raise AuthenticationError(code="credentials_missing", helpdesk="RT")
        if self._me is None and not path.startswith("user/"):
            self._me_record()  # checks the account once before anything is read or written
        url = path if path.startswith("http") else f"{self.api}/{path.lstrip('/')}"
        return http.send(self.session, method, url, **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return http.read_json(self._call(method, path, **kwargs))

    def _pages(
        self,
        path: str,
        params: dict[str, Any],
        limit: int = 1000,
        query: list[dict[str, str]] | None = None,
    ) -> list[dict]:
        """Every item of a paged REST2 collection (``pages`` is null for some users).

        ``query`` is REST2's JSON search (POST), which filters collections such as
        a ticket's attachments on the server.
        """
        items: list[dict] = []
        page = 1
        while len(items) < limit:
            paging = {**params, "page": page, "per_page": 100}
            data = (
                self._json("POST", path, params=paging, json=query)
                if query is not None
                else self._json("GET", path, params=paging)
            )
            data = http.expect_dict(data, "a page of results")
            batch = http.expect_list(data.get("items"), "a page of results")
            items += batch
            pages = data.get("pages")
            if len(batch) < 100 or (isinstance(pages, int) and page >= pages):
                break
            page += 1
        return items

    def _send_message(
        self, method: str, path: str, payload: dict[str, Any], attachments: Sequence[Attachment]
    ) -> Any:
        """JSON alone, or multipart with the files streamed from disk (no base64 overhead)."""
        if not attachments:
            return self._json(method, path, json=payload)
        for att in attachments:
            require_file(att)
        body = http.MultipartStream(
            [("JSON", json.dumps(payload), "application/json")],
            [("Attachments", a.filename, str(a.path), a.content_type) for a in attachments],
        )
        try:
            return self._json(method, path, data=body, headers={"Content-Type": body.content_type})
        finally:
            body.close()

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            who = self.username or self._token_user
            if not who:
                raise AuthenticationError(code="credentials_missing", helpdesk="RT")
            record = http.expect_dict(
                self._json("GET", f"user/{quote(who, safe='@')}"), "your user record"
            )
            if record.get("Privileged") and not self.allow_shared_credentials:
                raise shared_account_refused("RT")
            self._me = record
        return self._me

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            max_attachment_bytes=DEFAULT_MAX_ATTACHMENT,
            limits_code="rt",
            announcements=True,
            plus_one=True,
            due_dates=True,
        )

    def announcements(self, where: str) -> list[Incident]:
        return announcements.rt_open(self, where)

    def plus_one(self, target: str, note: str) -> None:
        announcements.rt_plus_one(self, _ticket_number(target), note)

    def whoami(self) -> Requester:
        me = self._me_record()
        return Requester(
            name=str(me.get("RealName") or me.get("Name") or ""),
            email=str(me.get("EmailAddress") or ""),
            customer_id=str(me.get("Name") or ""),
            organization=str(me.get("Organization") or ""),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        me = self._me_record()
        body = with_footer(ticket.body, ticket.client_ref)
        # RT does not make the caller Requestor by itself, and without it they cannot see
        # their own ticket (real-servers.md A.3 #10).
        payload: dict[str, Any] = {
            "Queue": self.queue,
            "Subject": ticket.subject,
            "Content": body,
            "ContentType": "text/plain",
            "Requestor": me.get("EmailAddress") or me.get("Name"),
        }
        if self.client_ref_field:
            payload["CustomFields"] = {self.client_ref_field: ticket.client_ref}
        created = self._send_message("POST", "ticket", payload, ticket.attachments)
        number = http.expect_field(
            http.expect_dict(created, "the new ticket"), "id", "the new ticket"
        )
        return replace(self.get(str(number)), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        ref = client_ref.replace("'", "")
        mine = "Requestor.id = '__CurrentUser__'"
        if self.client_ref_field:
            field = self.client_ref_field.replace("'", "").replace("}", "")
            found = self._search(f"{mine} AND 'CF.{{{field}}}' = '{ref}'")
            if found:
                return replace(self.get(found[0]), client_ref=client_ref)
        # Works where full-text search is enabled; RT returns nothing (not an error) otherwise.
        found = self._search(f"{mine} AND Content LIKE '{ref}'")
        if found:
            return replace(self.get(found[0]), client_ref=client_ref)
        # Fallback that needs nothing from IT: look inside the newest of my own tickets
        # (RT's JSON search on a ticket's attachments, one request per ticket).
        query = [{"field": "Content", "operator": "LIKE", "value": footer(ref)}]
        for ticket_id in self._search(mine, order="Created", limit=SCAN_RECENT):
            hits = self._json(
                "POST",
                f"ticket/{ticket_id}/attachments",
                json=query,
                params={"fields": "TransactionId", "per_page": 1},
            )
            if http.expect_dict(hits, "a search result").get("items"):
                return replace(self.get(ticket_id), client_ref=client_ref)
        return None

    def _search(self, query: str, order: str = "id", limit: int = 1000) -> list[str]:
        items = self._pages(
            "tickets",
            {"query": query, "orderby": order, "order": "DESC", "fields": "id"},
            limit=limit,
        )
        return [str(http.expect_field(i, "id", "a ticket")) for i in items][:limit]

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        query = "Requestor.id = '__CurrentUser__' AND Status != 'deleted'"
        if since is not None:  # the server filters, so a poll reads only what changed
            # ``since`` is inclusive, as in every adapter. RT keeps whole seconds,
            # so "> since - 1 s" is ">= since": an answer in the same second as the
            # newest cached update is not lost (the poller drops what is unchanged).
            query += f" AND LastUpdated > '{_sql_time(since - timedelta(seconds=1))}'"
        items = self._pages(
            "tickets",
            {
                "query": query,
                "orderby": "LastUpdated",
                "order": "DESC",
                "fields": "Subject,Status,Created,LastUpdated,LastUpdatedBy",
            },
        )
        tickets = [self._ticket(item) for item in items]
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._json("GET", f"ticket/{_ticket_number(ticket_id)}"))

    def messages(self, ticket_id: str) -> list[Message]:
        """The public thread in three calls, however long it is: history, texts, files."""
        number = _ticket_number(ticket_id)
        me = str(self._me_record().get("Name") or "")
        public = self._public_transactions(number)
        if not public:
            return []
        texts = self._pages(
            f"ticket/{number}/attachments",
            {"fields": "TransactionId,ContentType,Content"},
            query=[
                {"field": "Filename", "operator": "IS", "value": "NULL"},
                {"field": "ContentType", "operator": "LIKE", "value": "text/"},
            ],
        )
        files = self._pages(
            f"ticket/{number}/attachments",
            {"fields": "TransactionId,Filename,ContentType,ContentLength"},
        )
        out = []
        for txn in public:
            tid = str(http.expect_field(txn, "id", "a ticket's history"))
            creator = _ref_id(txn.get("Creator"))
            out.append(
                Message(
                    id=tid,
                    ticket_id=number,
                    author=creator,
                    from_requester=bool(me) and creator == me,
                    body=_pick_body([t for t in texts if str(t.get("TransactionId")) == tid]),
                    created_at=_parse_time(txn.get("Created")) or now_utc(),
                    attachments=tuple(
                        Attachment(
                            filename=str(f["Filename"]),
                            size=_size(f.get("ContentLength")),
                            content_type=str(f.get("ContentType") or "application/octet-stream"),
                            backend_id=str(f.get("id") or ""),
                        )
                        for f in files
                        if f.get("Filename") and str(f.get("TransactionId")) == tid
                    ),
                )
            )
        return out

    def _public_transactions(self, ticket_id: str) -> list[dict]:
        items = self._pages(f"ticket/{ticket_id}/history", {"fields": "Type,Creator,Created"})
        return [t for t in items if t.get("Type") in _PUBLIC]

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        number = _ticket_number(ticket_id)
        self._send_message(
            "POST",
            f"ticket/{number}/correspond",
            {"Content": text, "ContentType": "text/plain"},
            attachments,
        )
        return read_back_reply(self.messages(number))

    def set_resolved(self, ticket_id: str) -> Ticket:
        return self._set_status(ticket_id, Status.RESOLVED, "resolved")

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        number = _ticket_number(ticket_id)
        if text:  # RT's default scrip reopens an inactive ticket when its requestor writes
            self.reply(number, text)
            ticket = self.get(number)
            if ticket.is_open:
                return ticket
        return self._set_status(number, Status.OPEN, "open")

    def _set_status(self, ticket_id: str, status: Status, preferred: str) -> Ticket:
        number = _ticket_number(ticket_id)
        raw = self.statuses.raw_for(status, preferred) or preferred
        answer = self._json("PUT", f"ticket/{number}", json={"Status": raw})
        ticket = self.get(number)
        if ticket.status is not status:  # RT says no with HTTP 200 and a sentence
            detail = "; ".join(map(str, answer)) if isinstance(answer, list) else str(answer)
            if "permission denied" in detail.lower():
                raise PermissionDenied(
                    detail, code="status_kept", helpdesk="RT", status=ticket.raw_status
                )
            raise PermanentError(
                detail, code="status_kept", helpdesk="RT", status=ticket.raw_status
            )
        return ticket

    def download(self, attachment: Attachment, dest: Path) -> Path:
        if not attachment.backend_id:
            raise NotFound(code="file_not_stored", name=attachment.filename)
        # RT 5.0 has no raw download: the content comes base64-encoded inside JSON.
        data = http.expect_dict(
            self._json("GET", f"attachment/{attachment.backend_id}"), "the file"
        )
        target = download_target(dest, attachment.filename or str(data.get("Filename") or ""))
        try:
            content = base64.b64decode(data.get("Content") or "", validate=False)
        except ValueError:
            raise PermanentError(code="file_damaged", name=attachment.filename) from None
        target.write_bytes(content)
        return target

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: Any) -> Ticket:
        data = http.expect_dict(data, "a ticket")
        number = str(http.expect_field(data, "id", "a ticket"))
        raw = str(data.get("Status") or "")
        created = _parse_time(data.get("Created")) or now_utc()
        fields = data.get("CustomFields")
        refs = [
            str(v)
            for cf in _listed(fields)
            if isinstance(cf, dict) and cf.get("name") == self.client_ref_field
            for v in _listed(cf.get("values"))
        ]
        return Ticket(
            id=number,
            subject=str(data.get("Subject") or ""),
            status=self.statuses(raw),
            raw_status=raw,
            created_at=created,
            updated_at=_parse_time(data.get("LastUpdated")) or created,
            display_ref=f"#{number}",
            client_ref=refs[0] if refs else "",
            web_url=f"{self.base}/SelfService/Display.html?id={number}",
            last_author=_ref_id(data.get("LastUpdatedBy")),
            due_at=_due(data.get("Due")),
        )


def _due(value: Any) -> datetime | None:
    """RT's Due: "1970-01-01T00:00:00Z" (the epoch) when none is set, as RT 5 answers."""
    due = _parse_time(value)
    return due if due is not None and due.year > 1970 else None


def _ticket_number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "RT")


def _sql_time(moment: datetime) -> str:
    """``moment`` as TicketSQL reads a date: UTC, to the second (RT stores no fractions)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _listed(value: Any) -> list[Any]:
    """``value`` when it is a list, else none: for optional lists in an answer."""
    return value if isinstance(value, list) else []


def _ref_id(value: Any) -> str:
    """The id of a user REST2 links to (``{"id": "casey", ...}``); "" for any other shape."""
    return str(value.get("id") or "") if isinstance(value, dict) else ""


def _size(value: Any) -> int:
    """A byte count as RT sends it (a number or its digits); 0 when it is neither."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _pick_body(parts: list[dict]) -> str:
    """A message's text: its plain part, else its HTML part with the tags taken out."""
    for wanted in ("text/plain", "text/html"):
        for part in parts:
            if str(part.get("ContentType") or "").startswith(wanted):
                text = str(part.get("Content") or "")
                return html_to_text(text) if wanted == "text/html" else text
    return ""
