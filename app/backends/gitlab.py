"""GitLab issues of one project, with the requester's personal access token.

Support requests become issues in ``backend.project`` (a numeric id or a path
such as ``it/helpdesk``), marked confidential because they carry personal
details. Files go up first to the project's Markdown uploads and are linked in
the text; the thread is the description followed by the human notes (system
notes and internal notes are dropped). Shapes follow
docs.gitlab.com/api/issues, /api/notes and /api/project_markdown_uploads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import requests

from app.backends import announcements, credentials, http
from app.backends.common import (
    check_scheme,
    config_options,
    download_target,
    first_with_footer,
    parse_footer,
    require_file,
    shared_account_refused,
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

#: GitLab has two states; "waiting" lives in labels, which IT can add in backend.status_map.
DEFAULT_STATUSES: dict[str, Status] = {
    "opened": Status.OPEN,
    "closed": Status.RESOLVED,
    "status::waiting": Status.WAITING,
    "needs-info": Status.WAITING,
}
#: GitLab's default "Maximum attachment size"; each instance may set its own.
DEFAULT_MAX_ATTACHMENT = 100 * 1024 * 1024
SCAN_RECENT = 30
_UPLOAD_LINE = re.compile(r"^\s*(?:[-*]\s+)?!?\[[^\]]*\]\((/uploads/([0-9a-f]+)/([^)\s]+))\)\s*$")


class GitLabBackend(Backend):
    name = "gitlab"
    description = "Requests go to GitLab issues."

    def __init__(
        self,
        url: str,
        *,
        project: str,
        token: str = "",
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
        self.api = f"{self.base}/api/v4/projects/{quote(project, safe='')}"
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self._labels = {k.casefold() for k in DEFAULT_STATUSES} | {
            k.casefold() for k in status_map or {}
        } - {"opened", "closed"}
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["PRIVATE-TOKEN"] = token
        self._has_token = bool(token)
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> GitLabBackend:
        """Build from the ``backend.*`` keys; the token as :mod:`.credentials` finds it."""
        token = credentials.resolve(config, "token").value
        return cls(
            config["backend.url"],
            project=config["backend.project"],
            token=token,
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show the token, even in a traceback
        who = (self._me or {}).get("username") or "token"
        return f"GitLabBackend({self.base!r}, project={self.project!r}, user={who!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_token:
            raise AuthenticationError(code="credentials_missing", helpdesk="GitLab")
        if self._me is None:
            self._me_record()
        url = path if path.startswith("http") else f"{self.api}/{path}".rstrip("/")
        return http.send(self.session, method, url, **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return http.read_json(self._call(method, path, **kwargs))

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            if not self._has_token:
                raise AuthenticationError(code="credentials_missing", helpdesk="GitLab")
            user = http.read_json(http.send(self.session, "GET", f"{self.base}/api/v4/user"))
            if not isinstance(user, dict) or "id" not in user:
                raise PermanentError("no user", code="bad_answer", helpdesk="GitLab")
            if user.get("is_admin") and not self.allow_shared_credentials:
                raise shared_account_refused("GitLab")
            self._me = user
        return self._me

    def _pages(self, path: str, params: dict[str, Any], limit: int = 1000) -> list[dict]:
        """Follow X-Next-Page (docs.gitlab.com/api/rest/#pagination)."""
        items: list[dict] = []
        page: str = "1"
        while page and len(items) < limit:
            response = self._call("GET", path, params={**params, "per_page": 100, "page": page})
            batch = http.read_json(response)
            if not isinstance(batch, list):
                raise PermanentError("not a list", code="bad_answer", helpdesk="GitLab")
            items += batch
            page = response.headers.get("X-Next-Page", "") if batch else ""
        return items[:limit]

    def _upload_lines(self, attachments: Sequence[Attachment]) -> str:
        """Upload each file (multipart, streamed) and return the Markdown lines linking them."""
        lines = []
        for att in attachments:
            require_file(att)
            body = http.MultipartStream(
                [], [("file", att.filename, str(att.path), att.content_type)]
            )
            try:
                data = self._json(
                    "POST", "uploads", data=body, headers={"Content-Type": body.content_type}
                )
            finally:
                body.close()
            markdown = data.get("markdown") if isinstance(data, dict) else None
            if not markdown or not _UPLOAD_LINE.match(str(markdown)):
                raise PermanentError(code="file_refused", helpdesk="GitLab", name=att.filename)
            lines.append(f"- {markdown}")
        return "\n".join(lines)

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            max_attachment_bytes=DEFAULT_MAX_ATTACHMENT,
            limits_code="gitlab",
            announcements=True,
            plus_one=True,
        )

    def announcements(self, where: str) -> list[Incident]:
        return announcements.gitlab_open(self, where)

    def plus_one(self, target: str, note: str) -> None:
        announcements.gitlab_plus_one(self, str(target).lstrip("#"))

    def whoami(self) -> Requester:
        me = self._me_record()
        return Requester(
            name=str(me.get("name") or me.get("username") or ""),
            email=str(me.get("email") or me.get("public_email") or ""),
            customer_id=str(me.get("username") or ""),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        body = with_footer(ticket.body, ticket.client_ref, end="")
        if ticket.attachments:
            body = f"{body.rstrip()}\n\n{self._upload_lines(ticket.attachments)}"
        payload: dict[str, Any] = {
            "title": ticket.subject,
            "description": body,
            "confidential": True,
        }
        if ticket.category:
            payload["labels"] = ticket.category
        created = self._json("POST", "issues", json=payload)
        return replace(self._ticket(_object(created)), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        found = self._pages(
            "issues",
            {"scope": "created_by_me", "state": "all", "search": client_ref, "in": "description"},
            limit=10,
        )
        recent = (
            self._pages(
                "issues",
                {
                    "scope": "created_by_me",
                    "state": "all",
                    "order_by": "created_at",
                    "sort": "desc",
                },
                limit=SCAN_RECENT,
            )
            if not found
            else []
        )
        return first_with_footer(
            map(_object, found + recent),
            client_ref,
            lambda issue: issue.get("description"),
            self._ticket,
        )

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        params: dict[str, Any] = {
            "scope": "created_by_me",
            "state": "all",
            "order_by": "updated_at",
            "sort": "desc",
        }
        if since is not None:
            params["updated_after"] = since.isoformat()
        tickets = [self._ticket(_object(item)) for item in self._pages("issues", params)]
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(_object(self._json("GET", f"issues/{_iid(ticket_id)}")))

    def messages(self, ticket_id: str) -> list[Message]:
        iid = _iid(ticket_id)
        issue = _object(self._json("GET", f"issues/{iid}"))
        notes = self._pages(f"issues/{iid}/notes", {"sort": "asc", "order_by": "created_at"})
        out = [
            self._message(
                iid,
                f"{iid}-0",
                issue.get("author"),
                issue.get("description"),
                issue.get("created_at"),
            )
        ]
        for note in notes:
            if note.get("system") or note.get("internal") or note.get("confidential"):
                continue  # status changes, and notes meant for the team only
            out.append(
                self._message(
                    iid,
                    str(note.get("id")),
                    note.get("author"),
                    note.get("body"),
                    note.get("created_at"),
                )
            )
        return out

    def _message(self, iid: str, message_id: str, author: Any, text: Any, created: Any) -> Message:
        author = author if isinstance(author, dict) else {}
        body, files = _split_uploads(str(text or ""))
        return Message(
            id=message_id,
            ticket_id=iid,
            author=str(author.get("name") or author.get("username") or ""),
            from_requester=author.get("id") == self._me_record().get("id"),
            body=body,
            created_at=_parse_time(created) or now_utc(),
            attachments=files,
        )

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        iid = _iid(ticket_id)
        body = text
        if attachments:
            body = f"{text.rstrip()}\n\n{self._upload_lines(attachments)}"
        note = _object(self._json("POST", f"issues/{iid}/notes", json={"body": body}), "id")
        return self._message(
            iid, str(note.get("id")), note.get("author"), note.get("body"), note.get("created_at")
        )

    def set_resolved(self, ticket_id: str) -> Ticket:
        return self._state(ticket_id, "close", "closed")

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        ticket = self._state(ticket_id, "reopen", "opened")
        if text:
            self.reply(ticket.id, text)
        return ticket

    def _state(self, ticket_id: str, event: str, wanted: str) -> Ticket:
        iid = _iid(ticket_id)
        issue = _object(self._json("PUT", f"issues/{iid}", json={"state_event": event}))
        if issue.get("state") != wanted:  # GitLab ignores an event the user may not send
            raise PermissionDenied(
                code="status_kept", helpdesk="GitLab", status=str(issue.get("state") or "")
            )
        return self._ticket(issue)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        """The API route first; where it needs more than the person's role, the web route.

        ``GET /projects/:id/uploads/:secret/:filename`` exists since GitLab 17.x and may ask
        for the Maintainer role; the file's web address (``/<project>/uploads/…``) is what
        GitLab itself links to from the issue.
        """
        match = re.match(r"^/uploads/([0-9a-f]+)/([^/]+)$", attachment.backend_id or "")
        if not match:
            raise NotFound(code="file_not_stored", name=attachment.filename)
        target = download_target(dest, attachment.filename)
        try:
            response = self._call("GET", f"uploads/{match.group(1)}/{match.group(2)}", stream=True)
        except (PermissionDenied, NotFound):
            owner = self.project if not self.project.isdigit() else f"-/project/{self.project}"
            response = self._call("GET", f"{self.base}/{owner}{attachment.backend_id}", stream=True)
        return http.save_response(response, target, attachment.size)

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: dict[str, Any]) -> Ticket:
        iid = str(data["iid"])
        state = str(data.get("state") or "")
        raw, status = state, self.statuses(state)
        if state == "opened":  # a label such as status::waiting says more than "opened"
            for label in data.get("labels") or ():
                if str(label).casefold() in self._labels:
                    raw, status = str(label), self.statuses(str(label))
                    break
        created = _parse_time(data.get("created_at")) or now_utc()
        labels = [str(x) for x in data.get("labels") or ()]
        return Ticket(
            id=iid,
            subject=str(data.get("title") or ""),
            status=status,
            raw_status=raw,
            created_at=created,
            updated_at=_parse_time(data.get("updated_at")) or created,
            display_ref=f"#{iid}",
            web_url=str(data.get("web_url") or ""),
            client_ref=parse_footer(data.get("description")),
            category=labels[0] if labels else "",
        )


def _split_uploads(text: str) -> tuple[str, tuple[Attachment, ...]]:
    """The text without the lines that only link an upload, and those uploads as attachments."""
    keep, files = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _UPLOAD_LINE.match(line)
        if match:
            name = unquote(match.group(3))
            files.append(Attachment(filename=name, size=0, backend_id=match.group(1)))
        else:
            keep.append(line)
    return "\n".join(keep).strip("\n"), tuple(files)


def _object(data: Any, key: str = "iid") -> dict[str, Any]:
    if not isinstance(data, dict) or key not in data:
        raise PermanentError("no issue or note", code="bad_answer", helpdesk="GitLab")
    return data


def _iid(ticket_id: str) -> str:
    return ticket_number(ticket_id, "GitLab")
