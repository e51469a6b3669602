"""Jira Service Management through its customer API (``/rest/servicedeskapi``), as the customer.

Customers sign in with their Atlassian email and an API token (Basic auth), see
their own requests and public comments only, and move a request only through the
"customer transitions" its workflow offers them. Files go up as temporary
attachments to the service desk, then are attached to the request. Shapes follow
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/; see
docs/backends/jira.md and ../shared/reference/backends.md §3.3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from app.backends import http, origin
from app.backends.common import (
    config_options,
    download_target,
    helpdesk_base,
    read_back_reply,
    require_file,
    shared_account_refused,
    sign_in_options,
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
    Unsupported,
)
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc

#: Status names that say more than their category (reference §3.3); overridable in config.
DEFAULT_NAMES: dict[str, Status] = {
    "waiting for customer": Status.WAITING,
    "pending": Status.WAITING,
    "resolved": Status.RESOLVED,
    "closed": Status.CLOSED,
    "done": Status.CLOSED,
    "canceled": Status.CLOSED,
    "cancelled": Status.CLOSED,
    "declined": Status.CLOSED,
}
DEFAULT_CATEGORIES: dict[str, Status] = {
    "NEW": Status.NEW,
    "INDETERMINATE": Status.OPEN,
    "DONE": Status.RESOLVED,
}
SCAN_LIMIT = 200
_KEY = re.compile(r"^(?:[A-Z][A-Z0-9_]*-\d+|\d+)$")
_RESOLVE = ("resolve", "done", "complete", "close")
_REOPEN = ("reopen", "re-open", "open", "back")


class JiraBackend(Backend):
    name = "jira"
    description = "Requests go to Jira Service Management."

    def __init__(
        self,
        url: str,
        *,
        username: str = "",
        password: str = "",
        token: str = "",
        service_desk_id: str = "",
        request_type_id: str = "",
        client_ref_field: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        self.base = helpdesk_base(url, allow_insecure_http)
        self.api = f"{self.base}/rest/servicedeskapi"
        self.username = username
        self.service_desk_id, self.request_type_id = service_desk_id, request_type_id
        self.client_ref_field = client_ref_field.strip()
        self.names = StatusMap(DEFAULT_NAMES, status_map)
        self.categories = StatusMap(DEFAULT_CATEGORIES, status_map)
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.base)
        self.session.headers["Accept"] = "application/json"
        if username and (token or password):
            self.session.auth = (username, token or password)
        self._has_credentials = bool(username and (token or password))
        self._me: dict[str, Any] | None = None

    @classmethod
    def from_config(cls, config: Any) -> JiraBackend:
        return cls(
            config["backend.url"],
            **sign_in_options(config),
            service_desk_id=config["backend.service_desk_id"],
            request_type_id=config["backend.request_type_id"],
            client_ref_field=config["backend.client_ref_field"],
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show credentials, even in a traceback
        return f"JiraBackend({self.base!r}, user={self.username!r})"

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._has_credentials:
            raise AuthenticationError(code="credentials_missing", helpdesk="Jira")
        if self._me is None and not path.endswith("/myself"):
            self._me_record()  # checks the account once before anything is read or written
        url = path if path.startswith("http") else f"{self.api}/{path.lstrip('/')}"
        return http.send(self.session, method, url, **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return http.read_json(self._call(method, path, **kwargs))

    def _pages(
        self, path: str, params: dict[str, Any], limit: int = 10_000
    ) -> Iterator[dict[str, Any]]:
        """Items of a JSM page list (``start``/``limit``/``isLastPage``)."""
        start = 0
        while start < limit:
            data = http.expect_dict(
                self._json("GET", path, params={**params, "start": start, "limit": 50}),
                "a page of results",
            )
            values = http.expect_list(data.get("values"), "a page of results")
            yield from values
            if data.get("isLastPage", True) or not values:
                return
            start += len(values)

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            me = http.expect_dict(
                self._json(
                    "GET", f"{self.base}/rest/api/2/myself", params={"expand": "applicationRoles"}
                ),
                "your user record",
            )
            # Customers hold no product licence; an agent's token reads every request.
            roles = _obj(me.get("applicationRoles"))
            if (roles.get("size") or roles.get("items")) and not self.allow_shared_credentials:
                raise shared_account_refused("Jira")
            self._me = me
        return self._me

    def _my_id(self) -> str:
        return _user_id(self._me_record())

    def _temporary(self, attachments: Sequence[Attachment]) -> list[str]:
        """Upload files as temporary attachments (one streamed multipart call); their ids."""
        for att in attachments:
            require_file(att)
        body = http.MultipartStream(
            [], [("file", a.filename, str(a.path), a.content_type) for a in attachments]
        )
        try:
            data = self._json(
                "POST",
                f"servicedesk/{self.service_desk_id}/attachTemporaryFile",
                data=body,
                headers={
                    "Content-Type": body.content_type,
                    "X-Atlassian-Token": "no-check",
                    "X-ExperimentalApi": "opt-in",
                },
            )
        finally:
            body.close()
        files = http.expect_list(
            http.expect_dict(data, "the uploaded files").get("temporaryAttachments"),
            "the uploaded files",
        )
        ids = [
            str(http.expect_field(t, "temporaryAttachmentId", "an uploaded file")) for t in files
        ]
        if len(ids) != len(attachments):
            raise PermanentError(code="file_refused", helpdesk="Jira", name="")
        return ids

    def _attach(self, key: str, attachments: Sequence[Attachment], text: str = "") -> None:
        payload: dict[str, Any] = {
            "temporaryAttachmentIds": self._temporary(attachments),
            "public": True,
        }
        if text:
            payload["additionalComment"] = {"body": text}
        self._json("POST", f"request/{key}/attachment", json=payload)

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(max_attachment_bytes=None, limits_code="jira", satisfaction=True)

    def whoami(self) -> Requester:
        me = self._me_record()
        return Requester(
            name=str(me.get("displayName") or ""),
            email=str(me.get("emailAddress") or ""),
            customer_id=_user_id(me),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        if not (self.service_desk_id and self.request_type_id):
            raise PermanentError(
                code="setting_missing", setting="backend.service_desk_id, backend.request_type_id"
            )
        values: dict[str, Any] = {"summary": ticket.subject, "description": ticket.body}
        if self.client_ref_field:
            values[self.client_ref_field] = ticket.client_ref
        else:
            values["description"] = with_footer(ticket.body, ticket.client_ref)
        # Files go up first: a refused or failed upload then stops before the request exists,
        # and only the short attach call remains after it (temporary files are per desk).
        temporary = self._temporary(ticket.attachments) if ticket.attachments else []
        created = self._json(
            "POST",
            "request",
            json={
                "serviceDeskId": self.service_desk_id,
                "requestTypeId": self.request_type_id,
                "requestFieldValues": values,
            },
        )
        created = http.expect_dict(created, "the new request")
        if temporary:
            key = http.expect_field(created, "issueKey", "the new request")
            self._json(
                "POST",
                f"request/{key}/attachment",
                json={"temporaryAttachmentIds": temporary, "public": True},
            )
        return replace(self._ticket(created), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        for item in self._pages("request", _OWNED, limit=SCAN_LIMIT):
            ticket = self._ticket(item)
            if ticket.client_ref == client_ref:
                return ticket
        return None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        tickets = [self._ticket(item) for item in self._pages("request", _OWNED)]
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._request(ticket_id))

    def _request(self, ticket_id: str) -> dict[str, Any]:
        return http.expect_dict(self._json("GET", f"request/{_key(ticket_id)}"), "the request")

    def messages(self, ticket_id: str) -> list[Message]:
        """The description as message 0, then public comments; file-only comments fold back."""
        request = self._request(ticket_id)
        key = str(http.expect_field(request, "issueKey", "the request"))
        me = self._my_id()
        reporter = _user_id(request.get("reporter"))
        out = [
            Message(
                id=f"{key}-description",
                ticket_id=key,
                author=reporter,
                from_requester=reporter == me,
                body=str(_field(request, "description") or ""),
                created_at=_date(request.get("createdDate")),
            )
        ]
        for c in self._pages(
            f"request/{key}/comment",
            {"public": "true", "internal": "false", "expand": "attachment"},
        ):
            if c.get("public") is False:
                continue
            author = _user_id(c.get("author"))
            files = tuple(
                _attachment(a)
                for a in http.expect_list(
                    _obj(c.get("attachments")).get("values"), "a comment's files"
                )
            )
            text = _strip_markup(str(c.get("body") or ""), files)
            if not text and files and out[-1].author == author:
                out[-1] = replace(out[-1], attachments=out[-1].attachments + files)
                continue
            out.append(
                Message(
                    id=str(http.expect_field(c, "id", "a comment")),
                    ticket_id=key,
                    author=author,
                    from_requester=author == me,
                    body=text,
                    created_at=_date(c.get("created")),
                    attachments=files,
                )
            )
        return out

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        key = _key(ticket_id)
        if attachments:
            self._attach(key, attachments, text)
        else:
            self._json("POST", f"request/{key}/comment", json={"body": text, "public": True})
        return read_back_reply(self.messages(key))

    def set_resolved(self, ticket_id: str) -> Ticket:
        key = _key(ticket_id)
        step = self._transition(key, _RESOLVE)
        if step is None:
            raise Unsupported(code="resolve_not_offered", helpdesk="Jira")
        self._call("POST", f"request/{key}/transition", json={"id": step})
        ticket = self.get(key)
        if ticket.is_open:
            raise PermanentError(code="status_kept", helpdesk="Jira", status=ticket.raw_status)
        return ticket

    def send_feedback(self, ticket_id: str, rating: str, comment: str, text: str) -> None:
        """A 👍/👎 goes to the request's feedback (POST /rest/servicedeskapi/request/{key}/
        feedback, rating 1 to 5, type "csat", optional comment; the reporter may post it;
        experimental, so it is opted into: developer.atlassian.com/cloud/jira/service-desk/
        rest/api-group-request/#api-rest-servicedeskapi-request-requestidorkey-feedback-post).
        👍 is 5 and 👎 is 1. Without a rating, or where feedback is off, a marked comment."""
        if rating in ("good", "bad"):
            body: dict[str, Any] = {"rating": 5 if rating == "good" else 1, "type": "csat"}
            if comment.strip():
                body["comment"] = {"body": comment}
            try:
                self._json(
                    "POST",
                    f"request/{_key(ticket_id)}/feedback",
                    json=body,
                    headers={"X-ExperimentalApi": "opt-in"},
                )
                return
            except NO_RATING:
                pass
        super().send_feedback(ticket_id, rating, comment, text)

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        key = _key(ticket_id)
        step = self._transition(key, _REOPEN)
        if step is not None:
            payload: dict[str, Any] = {"id": step}
            if text:
                payload["additionalComment"] = {"body": text}
            self._call("POST", f"request/{key}/transition", json=payload)
            return self.get(key)
        if text:  # many sites reopen on a customer comment through automation
            self.reply(key, text)
            ticket = self.get(key)
            if ticket.is_open:
                return ticket
        raise Unsupported(code="reopen_not_offered", helpdesk="Jira")

    def _transition(self, key: str, words: tuple[str, ...]) -> str | None:
        offered = list(self._pages(f"request/{key}/transition", {}))
        for word in words:  # in order of preference
            for step in offered:
                if word in str(step.get("name") or "").casefold():
                    return str(http.expect_field(step, "id", "a workflow step"))
        return None

    def download(self, attachment: Attachment, dest: Path) -> Path:
        url = attachment.backend_id or ""
        if not origin.same_origin(url, self.base):  # scheme, host and port: no Basic in clear
            raise NotFound(code="file_not_stored", name=attachment.filename)
        target = download_target(dest, attachment.filename)
        return http.save_response(self._call("GET", url, stream=True), target, attachment.size)

    def close(self) -> None:
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _status(self, current: dict[str, Any]) -> Status:
        by_name = self.names(str(current.get("status") or ""))
        if by_name is not Status.UNKNOWN:
            return by_name
        return self.categories(str(current.get("statusCategory") or ""))

    def _ticket(self, data: Any) -> Ticket:
        data = http.expect_dict(data, "a request")
        key = str(http.expect_field(data, "issueKey", "a request"))
        current = _obj(data.get("currentStatus"))
        created = _date(data.get("createdDate"))
        changed = _date(current.get("statusDate")) if current.get("statusDate") else created
        ref = str(_field(data, self.client_ref_field) or "") if self.client_ref_field else ""
        if not ref:
            ref = word_after_footer(str(_field(data, "description") or ""))
        return Ticket(
            id=key,
            subject=str(_field(data, "summary") or ""),
            status=self._status(current),
            raw_status=str(current.get("status") or ""),
            created_at=created,
            updated_at=max(created, changed),
            display_ref=key,
            client_ref=ref,
            web_url=str(_obj(data.get("_links")).get("web") or ""),
        )


_OWNED = {"requestOwnership": "OWNED_REQUESTS", "requestStatus": "ALL_REQUESTS"}


def _key(ticket_id: str) -> str:
    text = str(ticket_id).strip()
    if not _KEY.match(text):
        raise NotFound(code="not_found", ticket=str(ticket_id), helpdesk="Jira")
    return text


def _obj(value: Any) -> dict[str, Any]:
    """``value`` when it is an object, else an empty one: for optional parts of an answer."""
    return value if isinstance(value, dict) else {}


def _user_id(user: Any) -> str:
    """Cloud names people by accountId; Data Center by key or name."""
    user = _obj(user)
    return str(user.get("accountId") or user.get("key") or user.get("name") or "")


def _field(request: dict[str, Any], field_id: str) -> Any:
    values = request.get("requestFieldValues") or []
    if isinstance(values, dict):  # as sent on create
        return values.get(field_id)
    return next(
        (
            v.get("value")
            for v in http.expect_list(values, "the request's fields")
            if v.get("fieldId") == field_id
        ),
        None,
    )


def _date(value: Any) -> datetime:
    """JSM dates are objects with ``epochMillis`` and an ISO text without a colon in the offset."""
    if isinstance(value, dict) and value.get("epochMillis") is not None:
        try:
            return datetime.fromtimestamp(int(value["epochMillis"]) / 1000, UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            pass  # not a time Helpline can show: "now" keeps the list in order
    return now_utc()


def _strip_markup(body: str, files: tuple[Attachment, ...]) -> str:
    """The comment's own words without the wiki markup JSM adds for its files.

    JSM writes "[^a.log]" (or "!shot.png|thumbnail!" for images, sometimes with a
    size like "_(2 kB)_") after any text given with the files.
    """
    if not files:
        return body
    for att in files:
        name = re.escape(att.filename)
        body = re.sub(rf"\[\^{name}\]|!{name}(?:\|[^!\n]*)?!", "", body)
    return re.sub(r"_\(\d+(?:\.\d+)? [kMG]?B\)_", "", body).strip()


def _attachment(data: dict[str, Any]) -> Attachment:
    return Attachment(
        filename=str(data.get("filename") or ""),
        size=_size(data.get("size")),
        content_type=str(data.get("mimeType") or "application/octet-stream"),
        backend_id=str((data.get("_links") or {}).get("content") or ""),
    )


def _size(value: Any) -> int:
    """A file's size as sent (a number, maybe as text); 0 when it is neither."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0
