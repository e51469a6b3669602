"""Redmine through its REST API, with the requester's own API key.

Issues live in one project (``backend.project``); the customer sees their own
through ``author_id=me``. Files go up first (``POST /uploads.json``, raw bytes
streamed from disk as ``application/octet-stream``) and are then named by token
on the create or the update. The thread is the issue's description followed by
its journals that carry notes; private notes never reach the requester.
Shapes follow redmine.org/projects/redmine/wiki/Rest_api and were checked
against Debian's Redmine 5.0 (docs/backends/redmine.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from app.backends import http
from app.backends.common import (
    check_scheme,
    config_options,
    download_target,
    first_with_footer,
    parse_footer,
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
from app.core.model import (
    Attachment,
    Message,
    NewTicket,
    Priority,
    Requester,
    Status,
    Ticket,
    now_utc,
    parse_time,
)

#: Redmine's default statuses (lib/redmine/default_data/loader.rb). Any other name falls
#: back on the status's is_closed flag.
DEFAULT_STATUSES: dict[str, Status] = {
    "new": Status.NEW,
    "in progress": Status.OPEN,
    "feedback": Status.WAITING,
    "resolved": Status.RESOLVED,
    "closed": Status.CLOSED,
    "rejected": Status.CLOSED,
}
#: Redmine's default attachment_max_size (5120 KB); IT may raise it.
DEFAULT_MAX_ATTACHMENT = 5 * 1024 * 1024
SCAN_RECENT = 25
_PRIORITY_NAMES = {Priority.LOW: "low", Priority.HIGH: "high", Priority.CRITICAL: "urgent"}


class RedmineBackend(Backend):
    name = "redmine"
    description = "Requests go to Redmine."

    def __init__(
        self,
        url: str,
        *,
        project: str,
        token: str = "",
        username: str = "",
        password: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        if not url:
            raise PermanentError(code="setting_missing", setting="backend.url")
        if not project:
            raise PermanentError(code="setting_missing", setting="backend.project")
        check_scheme(url, allow_insecure_http)
        self.base = url.rstrip("/")
        self.project = project
        self.username = username
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self._overrides = {k.casefold() for k in (status_map or {})}
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["X-Redmine-API-Key"] = token
        elif username and password:
            self.session.auth = (username, password)
        self._has_credentials = bool(token or (username and password))
        self._me: dict[str, Any] | None = None
        self._closed_ids: dict[str, bool] | None = None

    @classmethod
    def from_config(cls, config: Any) -> RedmineBackend:
        """Build from the ``backend.*`` keys; the key as :mod:`.credentials` finds it."""
        return cls(
            config["backend.url"],
            project=config["backend.project"],
            **sign_in_options(config),
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show the key, even in a traceback
        who = self.username or (self._me or {}).get("login") or "api key"
        return f"RedmineBackend({self.base!r}, project={self.project!r}, user={who!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_credentials:
            raise AuthenticationError(code="credentials_missing", helpdesk="Redmine")
        if self._me is None and path != "users/current.json":
            self._me_record()
        return http.send(self.session, method, f"{self.base}/{path}", **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        data = http.read_json(self._call(method, path, **kwargs))
        if not isinstance(data, dict):
            raise PermanentError("not an object", code="bad_answer", helpdesk="Redmine")
        return data

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            data = self._json("GET", "users/current.json")
            user = data.get("user")
            if not isinstance(user, dict) or "id" not in user:
                raise PermanentError("no user", code="bad_answer", helpdesk="Redmine")
            if user.get("admin") and not self.allow_shared_credentials:
                raise shared_account_refused("Redmine")
            self._me = user
        return self._me

    def _upload(self, attachments: Sequence[Attachment]) -> list[dict[str, str]]:
        """Stream each file up as raw bytes; Redmine answers with a token per file."""
        tokens = []
        for att in attachments:
            path = require_file(att)
            with open(path, "rb") as stream:
                data = self._json(
                    "POST",
                    "uploads.json",
                    params={"filename": att.filename},
                    data=stream,
                    headers={"Content-Type": "application/octet-stream"},
                )
            token = (data.get("upload") or {}).get("token")
            if not token:
                raise PermanentError(code="file_refused", helpdesk="Redmine", name=att.filename)
            tokens.append(
                {"token": str(token), "filename": att.filename, "content_type": att.content_type}
            )
        return tokens

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(max_attachment_bytes=DEFAULT_MAX_ATTACHMENT, limits_code="redmine")

    def whoami(self) -> Requester:
        me = self._me_record()
        name = f"{me.get('firstname') or ''} {me.get('lastname') or ''}".strip()
        return Requester(
            name=name or str(me.get("login") or ""),
            email=str(me.get("mail") or ""),
            customer_id=str(me.get("login") or me.get("id")),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        body = with_footer(ticket.body, ticket.client_ref)
        issue: dict[str, Any] = {
            "project_id": self.project,
            "subject": ticket.subject,
            "description": body,
        }
        priority = self._priority_id(ticket.priority)
        if priority:
            issue["priority_id"] = priority
        if ticket.attachments:
            issue["uploads"] = self._upload(ticket.attachments)
        created = self._json("POST", "issues.json", json={"issue": issue})
        return replace(self._ticket(_issue(created)), client_ref=ticket.client_ref)

    def _priority_id(self, priority: Priority) -> int | None:
        wanted = _PRIORITY_NAMES.get(priority)
        if not wanted:
            return None  # Redmine's default priority is "Normal"
        data = self._json("GET", "enumerations/issue_priorities.json")
        for item in data.get("issue_priorities") or ():
            if str(item.get("name", "")).casefold() == wanted:
                return int(item["id"])
        return None

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        params: list[tuple[str, str]] = [
            ("project_id", self.project),
            ("sort", "id:desc"),
            ("limit", "5"),
            ("f[]", "status_id"),
            ("op[status_id]", "*"),
            ("f[]", "author_id"),
            ("op[author_id]", "="),
            ("v[author_id][]", "me"),
            ("f[]", "description"),
            ("op[description]", "~"),
            ("v[description][]", client_ref),
        ]
        filtered = self._json("GET", "issues.json", params=params).get("issues") or ()
        found = first_with_footer(filtered, client_ref, _description, self._ticket)
        if found is None:  # where the description filter is unavailable: my newest issues
            found = first_with_footer(
                self._issues(limit=SCAN_RECENT, sort="id:desc"),
                client_ref,
                _description,
                self._ticket,
            )
        return found

    def _issues(self, limit: int = 1000, sort: str = "updated_on:desc") -> list[dict]:
        items: list[dict] = []
        while len(items) < limit:
            data = self._json(
                "GET",
                "issues.json",
                params={
                    "project_id": self.project,
                    "author_id": "me",
                    "status_id": "*",
                    "sort": sort,
                    "limit": min(100, limit),
                    "offset": len(items),
                },
            )
            batch = data.get("issues") or []
            items += batch
            if not batch or len(items) >= int(data.get("total_count") or 0):
                break
        return items[:limit]

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        tickets = [self._ticket(item) for item in self._issues()]
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._issue_data(ticket_id))

    def _issue_data(self, ticket_id: str, include: str = "") -> dict[str, Any]:
        params = {"include": include} if include else None
        return _issue(self._json("GET", f"issues/{_number(ticket_id)}.json", params=params))

    def messages(self, ticket_id: str) -> list[Message]:
        issue = self._issue_data(ticket_id, "journals,attachments")
        number = str(issue["id"])
        me = str(self._me_record().get("id"))
        files = {str(a.get("id")): _attachment(a) for a in issue.get("attachments") or ()}
        journals = issue.get("journals") or []
        # Files added later are tied to their journal by a detail line; the rest came first.
        later: dict[str, list[Attachment]] = {}
        for journal in journals:
            for detail in journal.get("details") or ():
                att = files.get(str(detail.get("name")))
                if detail.get("property") == "attachment" and att and detail.get("new_value"):
                    later.setdefault(str(journal.get("id")), []).append(att)
        claimed = {id(a) for group in later.values() for a in group}
        author = issue.get("author") or {}
        out = [
            Message(
                id=f"{number}-0",
                ticket_id=number,
                author=str(author.get("name") or ""),
                from_requester=str(author.get("id")) == me,
                body=_text(issue.get("description")),
                created_at=parse_time(issue.get("created_on")) or now_utc(),
                attachments=tuple(a for a in files.values() if id(a) not in claimed),
            )
        ]
        for journal in journals:
            attached = tuple(later.get(str(journal.get("id")), ()))
            notes = _text(journal.get("notes"))
            if journal.get("private_notes") or not (notes.strip() or attached):
                continue  # internal notes, and pure field changes, are not conversation
            user = journal.get("user") or {}
            out.append(
                Message(
                    id=str(journal.get("id")),
                    ticket_id=number,
                    author=str(user.get("name") or ""),
                    from_requester=str(user.get("id")) == me,
                    body=notes,
                    created_at=parse_time(journal.get("created_on")) or now_utc(),
                    attachments=attached,
                )
            )
        return out

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        number = _number(ticket_id)
        issue: dict[str, Any] = {"notes": text}
        if attachments:
            issue["uploads"] = self._upload(attachments)
        self._call("PUT", f"issues/{number}.json", json={"issue": issue})  # 204, no body
        return read_back_reply(self.messages(number), skip=1)  # the description is mine too

    def set_resolved(self, ticket_id: str) -> Ticket:
        return self._set_status(ticket_id, (Status.RESOLVED, Status.CLOSED), "")

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        return self._set_status(ticket_id, (Status.OPEN, Status.NEW, Status.WAITING), text)

    def _set_status(self, ticket_id: str, wanted: tuple[Status, ...], text: str) -> Ticket:
        """Move to the first allowed status that maps to ``wanted``; Redmine's workflow decides.

        Redmine answers a forbidden change with 204 and leaves the status as it was, so the
        issue is read back and a refusal is reported in words.
        """
        issue = self._issue_data(ticket_id, "allowed_statuses")
        current = self._ticket(issue)
        if current.status in wanted:
            if text:
                self.reply(current.id, text)
            return self.get(current.id)
        if "allowed_statuses" in issue:
            offered = issue.get("allowed_statuses") or []
        else:  # Redmine before 5.0 does not say; try a matching status and read back
            offered = self._json("GET", "issue_statuses.json").get("issue_statuses") or []
        allowed = [s for s in offered if isinstance(s, dict) and s.get("id") is not None]
        for status in wanted:
            target = next(
                (
                    s
                    for s in allowed
                    if self._map(str(s.get("name") or ""), bool(s.get("is_closed"))) is status
                ),
                None,
            )
            if target is not None:
                break
        else:
            raise PermissionDenied(code="status_not_offered", helpdesk="Redmine")
        change: dict[str, Any] = {"status_id": target["id"]}
        if text:
            change["notes"] = text
        self._call("PUT", f"issues/{current.id}.json", json={"issue": change})
        after = self.get(current.id)
        if after.raw_status == current.raw_status:
            raise PermissionDenied(
                code="status_kept", helpdesk="Redmine", status=current.raw_status
            )
        return after

    def download(self, attachment: Attachment, dest: Path) -> Path:
        if not attachment.backend_id:
            raise NotFound(code="file_not_stored", name=attachment.filename)
        target = download_target(dest, attachment.filename)
        name = quote(attachment.filename or "file", safe="")
        response = self._call(
            "GET", f"attachments/download/{_number(attachment.backend_id)}/{name}", stream=True
        )
        return http.save_response(response, target, attachment.size)

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _map(self, name: str, is_closed: bool | None) -> Status:
        """By name (overrides first); an unknown name falls back on Redmine's is_closed flag."""
        status = self.statuses(name)
        if status is Status.UNKNOWN and is_closed is not None:
            return Status.CLOSED if is_closed else Status.OPEN
        return status

    def _is_closed(self, status: dict[str, Any]) -> bool | None:
        if "is_closed" in status:
            return bool(status["is_closed"])
        if self._closed_ids is None:
            try:
                data = self._json("GET", "issue_statuses.json")
            except (NotFound, PermissionDenied):
                data = {}
            self._closed_ids = {
                str(s.get("id")): bool(s.get("is_closed")) for s in data.get("issue_statuses") or ()
            }
        return self._closed_ids.get(str(status.get("id")))

    def _ticket(self, data: dict[str, Any]) -> Ticket:
        number = str(data["id"])
        status = data.get("status") or {}
        raw = str(status.get("name") or "")
        known = raw.casefold() in self._overrides or raw.casefold() in DEFAULT_STATUSES
        mapped = self._map(raw, None if known else self._is_closed(status))
        created = parse_time(data.get("created_on")) or now_utc()
        return Ticket(
            id=number,
            subject=str(data.get("subject") or ""),
            status=mapped,
            raw_status=raw,
            created_at=created,
            updated_at=parse_time(data.get("updated_on")) or created,
            display_ref=f"#{number}",
            web_url=f"{self.base}/issues/{number}",
            client_ref=parse_footer(data.get("description")),
            category=str((data.get("tracker") or {}).get("name") or ""),
        )


def _description(issue: dict[str, Any]) -> Any:
    return issue.get("description")


def _text(value: Any) -> str:
    """Redmine stores text as the browser sent it, usually with CRLF line ends."""
    return str(value or "").replace("\r\n", "\n")


def _issue(data: dict[str, Any]) -> dict[str, Any]:
    issue = data.get("issue")
    if not isinstance(issue, dict) or "id" not in issue:
        raise PermanentError("no issue", code="bad_answer", helpdesk="Redmine")
    return issue


def _attachment(data: dict[str, Any]) -> Attachment:
    return Attachment(
        filename=str(data.get("filename") or ""),
        size=int(data.get("filesize") or 0),
        content_type=str(data.get("content_type") or "application/octet-stream"),
        backend_id=str(data.get("id")),
    )


def _number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "Redmine")
