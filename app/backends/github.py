"""GitHub issues of one repository, with the requester's own token.

For projects that take support requests as issues in ``backend.project``
(``owner/repo``). GitHub has no API to upload files to an issue, so this
adapter says so in :meth:`capabilities` and refuses, with
:class:`Unsupported`, any request or reply that still carries files: the
pipeline leaves them out upfront and keeps them in the receipt on this
computer, and nothing is ever dropped silently. Shapes follow
docs.github.com/rest/issues/issues and /rest/issues/comments; rate limits
follow docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from app.backends import announcements, credentials, http, origin
from app.backends.common import (
    check_scheme,
    first_with_footer,
    parse_footer,
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
    Unsupported,
)
from app.core.incidents import Incident
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.model import parse_time as _parse_time

DEFAULT_API = "https://api.github.com"
#: Raw values are the state, "closed/<state_reason>", or a label while the issue is open.
DEFAULT_STATUSES: dict[str, Status] = {
    "open": Status.OPEN,
    "closed": Status.RESOLVED,
    "closed/completed": Status.RESOLVED,
    "closed/not_planned": Status.CLOSED,
    "closed/duplicate": Status.CLOSED,
    "needs-info": Status.WAITING,
    "waiting-for-reporter": Status.WAITING,
}
SCAN_RECENT = 30


class GitHubBackend(Backend):
    name = "github"
    description = "Requests go to GitHub issues."

    def __init__(
        self,
        url: str = "",
        *,
        project: str,
        token: str = "",
        status_map: dict[str, str] | None = None,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", project or ""):
            raise PermanentError(code="setting_invalid", setting="backend.project")
        self.base = (url or DEFAULT_API).rstrip("/")
        check_scheme(self.base, allow_insecure_http)
        self.project = project
        self.repo = f"{self.base}/repos/{project}"
        self.statuses = StatusMap(DEFAULT_STATUSES, status_map)
        self._labels = {k.casefold() for k in DEFAULT_STATUSES} | {
            k.casefold() for k in status_map or {}
        }
        self._labels = {k for k in self._labels if k != "open" and not k.startswith("closed")}
        self.session = http.make_session(config, home=self.base)
        self.session.headers.update(
            {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        )
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self._has_token = bool(token)
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> GitHubBackend:
        """Build from the ``backend.*`` keys; the token as :mod:`.credentials` finds it."""
        token = credentials.resolve(config, "token").value
        return cls(
            config["backend.url"],
            project=config["backend.project"],
            token=token,
            status_map=config["backend.status_map"],
            allow_insecure_http=config["backend.allow_insecure_http"],
            config=config,
        )

    def __repr__(self) -> str:  # never show the token, even in a traceback
        who = (self._me or {}).get("login") or "token"
        return f"GitHubBackend({self.base!r}, project={self.project!r}, user={who!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        if not self._has_token:
            raise AuthenticationError(code="credentials_missing", helpdesk="GitHub")
        if self._me is None and not url.endswith("/user"):
            self._me_record()
        return http.send(self.session, method, url, **kwargs)

    def _object(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        data = http.read_json(self._call(method, url, **kwargs))
        if not isinstance(data, dict) or "id" not in data:
            raise PermanentError("no issue or comment", code="bad_answer", helpdesk="GitHub")
        return data

    def _pages(self, url: str, params: dict[str, Any], limit: int = 1000) -> list[dict]:
        """Follow the Link header's rel="next" (docs.github.com/rest/guides/using-pagination)."""
        items: list[dict] = []
        next_url: str | None = url
        query: dict[str, Any] | None = {**params, "per_page": 100}
        while next_url and len(items) < limit:
            response = self._call("GET", next_url, params=query)
            batch = http.read_json(response)
            if not isinstance(batch, list):
                raise PermanentError("not a list", code="bad_answer", helpdesk="GitHub")
            items += batch
            next_url, query = response.links.get("next", {}).get("url"), None
            if next_url:  # read with the token: only from the helpdesk itself
                origin.check_link(next_url, self.base, "next page")
        return items[:limit]

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            user = self._object("GET", f"{self.base}/user")
            if not user.get("login"):
                raise PermanentError("no user", code="bad_answer", helpdesk="GitHub")
            self._me = user
        return self._me

    @staticmethod
    def _refuse_files(attachments: Sequence[Attachment]) -> None:
        if attachments:
            names = ", ".join(a.filename for a in attachments)
            raise Unsupported(code="files_not_taken", helpdesk="GitHub", names=names)

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            attachments=False, limits_code="github", announcements=True, plus_one=True
        )

    def announcements(self, where: str) -> list[Incident]:
        return announcements.github_open(self, where)

    def plus_one(self, target: str, note: str) -> None:
        announcements.github_plus_one(self, _number(target))

    def whoami(self) -> Requester:
        me = self._me_record()
        return Requester(
            name=str(me.get("name") or me.get("login") or ""),
            email=str(me.get("email") or ""),
            customer_id=str(me["login"]),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        self._refuse_files(ticket.attachments)
        body = with_footer(ticket.body, ticket.client_ref, end="")
        payload: dict[str, Any] = {"title": ticket.subject, "body": body}
        if ticket.category:  # GitHub drops labels silently without triage rights
            payload["labels"] = [ticket.category]
        created = self._object("POST", f"{self.repo}/issues", json=payload)
        return replace(self._ticket(created), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        """Read my newest issues rather than search, whose index lags behind creation."""
        recent = self._pages(
            f"{self.repo}/issues",
            {
                "creator": self._me_record()["login"],
                "state": "all",
                "sort": "created",
                "direction": "desc",
            },
            limit=SCAN_RECENT,
        )
        issues = (item for item in recent if not _is_pull(item))
        return first_with_footer(issues, client_ref, lambda issue: issue.get("body"), self._ticket)

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        params: dict[str, Any] = {
            "creator": self._me_record()["login"],
            "state": "all",
            "sort": "updated",
            "direction": "desc",
        }
        if since is not None:
            params["since"] = since.isoformat()
        items = self._pages(f"{self.repo}/issues", params)
        tickets = [self._ticket(i) for i in items if not _is_pull(i)]  # PRs are issues too
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._issue(ticket_id))

    def _issue(self, ticket_id: str) -> dict[str, Any]:
        issue = self._object("GET", f"{self.repo}/issues/{_number(ticket_id)}")
        if _is_pull(issue):
            raise NotFound("a pull request", code="not_found", ticket=ticket_id, helpdesk="GitHub")
        return issue

    def messages(self, ticket_id: str) -> list[Message]:
        issue = self._issue(ticket_id)
        number = str(issue["number"])
        comments = self._pages(f"{self.repo}/issues/{number}/comments", {})
        return [self._message(number, f"{number}-0", issue)] + [
            self._message(number, str(c.get("id")), c) for c in comments
        ]

    def _message(self, number: str, message_id: str, data: dict[str, Any]) -> Message:
        user = data.get("user") or {}
        me = self._me_record()["login"]
        return Message(
            id=message_id,
            ticket_id=number,
            author=str(user.get("login") or ""),
            from_requester=user.get("login") == me,
            body=str(data.get("body") or "").replace("\r\n", "\n"),
            created_at=_parse_time(data.get("created_at")) or now_utc(),
        )

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        self._refuse_files(attachments)
        number = _number(ticket_id)
        comment = self._object("POST", f"{self.repo}/issues/{number}/comments", json={"body": text})
        return self._message(number, str(comment["id"]), comment)

    def set_resolved(self, ticket_id: str) -> Ticket:
        return self._state(ticket_id, {"state": "closed", "state_reason": "completed"})

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        ticket = self._state(ticket_id, {"state": "open"})
        if text:
            self.reply(ticket.id, text)
        return ticket

    def _state(self, ticket_id: str, change: dict[str, str]) -> Ticket:
        issue = self._object("PATCH", f"{self.repo}/issues/{_number(ticket_id)}", json=change)
        if issue.get("state") != change["state"]:  # ignored when the user may not change it
            raise PermissionDenied(
                code="reopen_not_offered", helpdesk="GitHub", status=str(issue.get("state") or "")
            )
        return self._ticket(issue)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        raise Unsupported(code="files_not_taken", helpdesk="GitHub", names="")

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: dict[str, Any]) -> Ticket:
        number = str(data.get("number") or "")
        if not number:
            raise PermanentError("no issue", code="bad_answer", helpdesk="GitHub")
        state = str(data.get("state") or "")
        reason = str(data.get("state_reason") or "")
        raw = f"closed/{reason}" if state == "closed" and reason else state
        status = self.statuses(raw)
        names = [
            str(lab.get("name") if isinstance(lab, dict) else lab)
            for lab in data.get("labels") or ()
        ]
        if state == "open":
            for name in names:
                if name.casefold() in self._labels:
                    raw, status = name, self.statuses(name)
                    break
        created = _parse_time(data.get("created_at")) or now_utc()
        return Ticket(
            id=number,
            subject=str(data.get("title") or ""),
            status=status,
            raw_status=raw,
            created_at=created,
            updated_at=_parse_time(data.get("updated_at")) or created,
            display_ref=f"#{number}",
            web_url=str(data.get("html_url") or ""),
            client_ref=parse_footer(data.get("body")),
            category=names[0] if names else "",
        )


def _number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "GitHub")


def _is_pull(item: dict[str, Any]) -> bool:
    """A pull request listed among issues: its ``pull_request`` object has links.

    Older answers (recorded by PyGithub in 2012, tests/backends/recorded/github/) put
    ``"pull_request": {"html_url": null, ...}`` on every plain issue too.
    """
    links = item.get("pull_request")
    return isinstance(links, dict) and any(links.values())
