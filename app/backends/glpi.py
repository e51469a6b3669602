"""GLPI through its legacy REST API (``apirest.php``), as the requester themself.

A session is opened with the requester's personal API token (Preferences >
Remote access keys) or their login, plus the App-Token of the API client IT set
up, and every later call carries its Session-Token; :meth:`close` ends it.
Tickets, follow-ups and documents follow GLPI's apirest.md (shipped with GLPI
and at github.com/glpi-project/glpi/blob/main/apirest.md). GLPI answers errors
as ``["ERROR_CODE", "message"]``, and uses 401 for a missing right too, so
errors are read by their code first and by HTTP status after.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests

from app.backends import announcements, http
from app.backends.common import (
    check_scheme,
    config_options,
    download_target,
    first_with_footer,
    parse_footer,
    require_file,
    shared_account_refused,
    sign_in_options,
    ticket_number,
    with_footer,
)
from app.backends.status_map import StatusMap
from app.core import logsafe
from app.core.helpdesk import (
    NO_RATING,
    AuthenticationError,
    Backend,
    BackendError,
    Capabilities,
    NotFound,
    PermanentError,
    PermissionDenied,
)
from app.core.incidents import Incident
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.model import parse_time as _parse_time

#: CommonITILObject's status numbers and their names.
NAMES = {1: "new", 2: "assigned", 3: "planned", 4: "pending", 5: "solved", 6: "closed"}
DEFAULT_STATUSES: dict[str, Status] = {
    "new": Status.NEW,
    "assigned": Status.OPEN,
    "planned": Status.OPEN,
    "pending": Status.WAITING,
    "solved": Status.RESOLVED,
    "closed": Status.CLOSED,
}
#: GLPI's urgency and impact scale (1 very low .. 5 very high) for Helpline's three levels.
LEVELS = {"low": 2, "medium": 3, "high": 4}
#: Ticket search options (GET listSearchOptions/Ticket): id, title, requester, status,
#: opening date, last update, description.
SO_ID, SO_NAME, SO_REQUESTER, SO_STATUS, SO_DATE, SO_UPDATED, SO_CONTENT = (2, 1, 4, 12, 15, 19, 21)
_AUTH_ERRORS = {
    "ERROR_GLPI_LOGIN_USER_TOKEN",
    "ERROR_GLPI_LOGIN",
    "ERROR_SESSION_TOKEN_MISSING",
    "ERROR_LOGIN_PARAMETERS_MISSING",
    "ERROR_SESSION_TOKEN_INVALID",
}


class GlpiBackend(Backend):
    name = "glpi"
    description = "Requests go to GLPI."

    def __init__(
        self,
        url: str,
        *,
        token: str = "",
        username: str = "",
        password: str = "",
        app_token: str = "",
        timezone: str = "",
        status_map: dict[str, str] | None = None,
        allow_shared_credentials: bool = False,
        allow_insecure_http: bool = False,
        config: Any = None,
    ) -> None:
        if not url:
            raise PermanentError(code="setting_missing", setting="backend.url")
        check_scheme(url, allow_insecure_http)
        base = url.rstrip("/")
        self.api = base if base.endswith("apirest.php") else f"{base}/apirest.php"
        self.web = self.api.removesuffix("/apirest.php")
        self.username = username
        overrides = {
            NAMES.get(int(k), k) if k.isdigit() else k: v for k, v in (status_map or {}).items()
        }
        self.statuses = StatusMap(DEFAULT_STATUSES, overrides)
        self.allow_shared_credentials = allow_shared_credentials
        self.session = http.make_session(config, home=self.api)
        self.session.headers.update({"Accept": "application/json"})
        if app_token:
            logsafe.register(app_token)  # it identifies the API client: keep it out of logs
            self.session.headers["App-Token"] = app_token
        self._login_headers: dict[str, str] = {}
        if token:
            self._login_headers["Authorization"] = f"user_token {token}"
        self._basic = (username, password) if (username and password and not token) else None
        self._session_token = ""
        self._me: dict[str, Any] | None = None
        self.timezone = timezone.strip()
        self._zone: tzinfo | None = None  # None: this computer's zone, with its DST rules
        self._zone_known = False

    @classmethod
    def from_config(cls, config: Any) -> GlpiBackend:
        """Build from the ``backend.*`` keys; the secret as :mod:`.credentials` finds it."""
        return cls(
            config["backend.url"],
            **sign_in_options(config),
            app_token=config["backend.app_token"],
            timezone=config["backend.timezone"],
            **config_options(config),
        )

    def __repr__(self) -> str:  # never show tokens, even in a traceback
        who = self.username or (self._me or {}).get("glpiname") or "user token"
        return f"GlpiBackend({self.web!r}, user={who!r})"

    # -- session and errors -----------------------------------------------------------------

    def _login(self) -> None:
        if not self._login_headers and self._basic is None:
            raise AuthenticationError(code="credentials_missing", helpdesk="GLPI")
        self.session.headers.pop("Session-Token", None)
        response = self._send("GET", "initSession", headers=self._login_headers, auth=self._basic)
        token = _json(response).get("session_token") if response.content else None
        if not token:
            raise PermanentError("no session", code="bad_answer", helpdesk="GLPI")
        self._session_token = str(token)
        self.session.headers["Session-Token"] = self._session_token

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, f"{self.api}/{path}", **kwargs)
        except (requests.exceptions.RequestException, OSError) as exc:
            raise http.map_exception(exc) from exc
        if response.status_code >= 400:
            _raise(response)
        return response

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One call in the session, opening it first, and once more if GLPI expired it."""
        if not self._session_token:
            self._login()
        if self._me is None and path != "getFullSession":
            self._me_record()
        try:
            return self._send(method, path, **kwargs)
        except AuthenticationError as err:
            if "ERROR_SESSION_TOKEN_INVALID" not in str(err) or "data" in kwargs:
                raise
        self._session_token = ""
        self._login()
        return self._send(method, path, **kwargs)

    def _get(self, path: str, **params: Any) -> dict[str, Any]:
        return _json(self._call("GET", path, params=params or None))

    def _list(self, path: str, **params: Any) -> list[dict]:
        data = http.read_json(self._call("GET", path, params=params or None))
        if not isinstance(data, list):
            raise PermanentError("not a list", code="bad_answer", helpdesk="GLPI")
        return [r for r in data if isinstance(r, dict)]

    def _me_record(self) -> dict[str, Any]:
        if self._me is None:
            data = _json(self._call("GET", "getFullSession")).get("session")
            if not isinstance(data, dict) or not data.get("glpiID"):
                raise PermanentError("no user", code="bad_answer", helpdesk="GLPI")
            profile = data.get("glpiactiveprofile") or {}
            if profile.get("interface") == "central" and not self.allow_shared_credentials:
                raise shared_account_refused("GLPI")
            self._me = data
        return self._me

    def _server_zone(self) -> tzinfo | None:
        """The zone GLPI writes its zone-less times in ("2024-03-05 08:00:00").

        GLPI picks it as DBmysql::guessTimezone does: the user's preference, which the
        session carries as ``glpi_tz``, else the general setting (``timezone`` in
        getGlpiConfig), else PHP's default, which the API never names. For that last case
        IT sets backend.timezone; without it this computer's zone is the best guess.
        """
        if not self._zone_known:
            name = _zone_name(self._me_record().get("glpi_tz"))
            if not name:
                with contextlib.suppress(BackendError):
                    config = _json(self._call("GET", "getGlpiConfig")).get("cfg_glpi")
                    name = _zone_name(config.get("timezone") if isinstance(config, dict) else None)
            self._zone = _zone_named(name or self.timezone)
            self._zone_known = True
        return self._zone

    def _time(self, value: Any) -> datetime | None:
        """A GLPI time in UTC: zone-less times are read in the server's zone."""
        stamp = _parse_time(str(value or ""))
        if stamp is None or not _zone_less(str(value)):
            return stamp
        return stamp.replace(tzinfo=self._server_zone()).astimezone(UTC)  # None: local time

    def _documents(self, attachments: Sequence[Attachment]) -> list[int]:
        """Upload each file as a Document (multipart uploadManifest + filename[0], streamed)."""
        ids = []
        for att in attachments:
            require_file(att)
            manifest = {"input": {"name": att.filename, "_filename": [att.filename]}}
            body = http.MultipartStream(
                [("uploadManifest", json.dumps(manifest), "application/json")],
                [("filename[0]", att.filename, str(att.path), att.content_type)],
            )
            try:
                answer = _json(
                    self._call(
                        "POST", "Document", data=body, headers={"Content-Type": body.content_type}
                    )
                )
            finally:
                body.close()
            if not isinstance(answer.get("id"), int) or not answer["id"]:
                raise PermanentError(code="file_refused", helpdesk="GLPI", name=att.filename)
            ids.append(answer["id"])
        return ids

    def _link(self, documents: list[int], itemtype: str, items_id: int) -> None:
        """Tie uploaded documents to a ticket or follow-up in one Document_Item call."""
        if documents:
            self._call(
                "POST",
                "Document_Item",
                json={
                    "input": [
                        {"documents_id": d, "itemtype": itemtype, "items_id": items_id}
                        for d in documents
                    ]
                },
            )

    # -- contract ---------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(limits_code="glpi", announcements=True, satisfaction=True)

    def announcements(self, where: str) -> list[Incident]:
        return announcements.glpi_open(self)

    def whoami(self) -> Requester:
        me = self._me_record()
        name = str(
            me.get("glpifriendlyname")
            or " ".join(str(me.get(k) or "") for k in ("glpifirstname", "glpirealname")).strip()
        )
        return Requester(
            name=name or str(me.get("glpiname") or ""),
            customer_id=str(me.get("glpiname") or me.get("glpiID")),
        )

    def create(self, ticket: NewTicket) -> Ticket:
        # Files first: a lost answer then can at most leave an unlinked document behind.
        documents = self._documents(ticket.attachments)
        body = with_footer(ticket.body, ticket.client_ref, end="")
        fields = {
            "name": ticket.subject,
            "content": _to_html(body),
            "type": 2 if ticket.fields.get("type") == "request" else 1,
        }
        for key in ("urgency", "impact"):
            if ticket.fields.get(key) in LEVELS:
                fields[key] = LEVELS[ticket.fields[key]]
        answer = _json(self._call("POST", "Ticket", json={"input": fields}))
        if not isinstance(answer.get("id"), int) or not answer["id"]:
            raise PermanentError(str(answer.get("message") or ""))
        self._link(documents, "Ticket", answer["id"])
        return replace(self.get(str(answer["id"])), client_ref=ticket.client_ref)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        rows = self._search([(SO_CONTENT, "contains", client_ref)], limit=10)
        tickets = (self._get(f"Ticket/{row.get(str(SO_ID))}") for row in rows)
        return first_with_footer(
            tickets, client_ref, lambda t: _from_html(t.get("content")), self._ticket
        )

    def _search(self, extra: list[tuple[int, str, str]], limit: int = 1000) -> list[dict]:
        """My tickets through GLPI's search engine (GET search/Ticket), newest change first."""
        params: dict[str, Any] = {
            "criteria[0][field]": SO_REQUESTER,
            "criteria[0][searchtype]": "equals",
            "criteria[0][value]": "myself",
            "sort": SO_UPDATED,
            "order": "DESC",
        }
        for i, (field, kind, value) in enumerate(extra, start=1):
            params.update(
                {
                    f"criteria[{i}][link]": "AND",
                    f"criteria[{i}][field]": field,
                    f"criteria[{i}][searchtype]": kind,
                    f"criteria[{i}][value]": value,
                }
            )
        for i, field in enumerate((SO_ID, SO_NAME, SO_STATUS, SO_DATE, SO_UPDATED)):
            params[f"forcedisplay[{i}]"] = field
        rows: list[dict] = []
        while len(rows) < limit:
            page = self._get("search/Ticket", **params, range=f"{len(rows)}-{len(rows) + 99}")
            batch = page.get("data") or []
            if isinstance(batch, dict):  # withindexes-style answers
                batch = list(batch.values())
            rows += [r for r in batch if isinstance(r, dict)]
            if not batch or len(rows) >= int(page.get("totalcount") or 0):
                break
        return rows[:limit]

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        tickets = [
            self._ticket(
                {
                    "id": row.get(str(SO_ID)),
                    "name": row.get(str(SO_NAME)),
                    "status": row.get(str(SO_STATUS)),
                    "date": row.get(str(SO_DATE)),
                    "date_mod": row.get(str(SO_UPDATED)),
                }
            )
            for row in self._search([])
        ]
        return [t for t in tickets if since is None or t.updated_at >= since]

    def get(self, ticket_id: str) -> Ticket:
        return self._ticket(self._get(f"Ticket/{_number(ticket_id)}"))

    def messages(self, ticket_id: str) -> list[Message]:
        number = _number(ticket_id)
        ticket = self._get(f"Ticket/{number}")
        me = str(self._me_record().get("glpiID"))
        entries: list[tuple[str, dict[str, Any], list[Attachment]]] = [
            ("ticket", ticket, self._files("Ticket", number))
        ]
        for kind in ("ITILFollowup", "ITILSolution"):
            for item in self._list(f"Ticket/{number}/{kind}", range="0-999"):
                if str(item.get("is_private") or "0") not in ("0", "False", "false"):
                    continue  # private follow-ups are for the team only
                files = self._files(kind, str(item["id"])) if kind == "ITILFollowup" else []
                entries.append((kind, item, files))
        entries[1:] = sorted(
            entries[1:],
            key=lambda e: (
                str(e[1].get("date_creation") or e[1].get("date") or ""),
                int(e[1].get("id") or 0),
            ),
        )
        out = []
        for kind, item, files in entries:
            author = str(
                item.get("users_id_recipient") if kind == "ticket" else item.get("users_id") or ""
            )
            out.append(
                Message(
                    id=f"{number}-0" if kind == "ticket" else f"{kind}-{item.get('id')}",
                    ticket_id=number,
                    author=author,
                    from_requester=author == me,
                    body=_from_html(item.get("content")),
                    created_at=self._time(item.get("date_creation") or item.get("date"))
                    or now_utc(),
                    attachments=tuple(files),
                )
            )
        return out

    def _files(self, itemtype: str, items_id: str) -> list[Attachment]:
        links = self._list(f"{itemtype}/{items_id}/Document_Item", range="0-999")
        out = []
        for link in links:
            doc = self._get(f"Document/{link.get('documents_id')}")
            out.append(
                Attachment(
                    filename=str(doc.get("filename") or doc.get("name") or ""),
                    size=int(doc.get("filesize") or 0),
                    content_type=str(doc.get("mime") or "application/octet-stream"),
                    backend_id=str(doc.get("id")),
                )
            )
        return out

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        number = _number(ticket_id)
        documents = self._documents(attachments)
        followup = self._followup(number, text)
        self._link(documents, "ITILFollowup", followup)
        sent = [m for m in self.messages(number) if m.id == f"ITILFollowup-{followup}"]
        if not sent:
            raise PermanentError(code="reply_unreadable")
        return sent[0]

    def _followup(self, number: str, text: str, **flags: int) -> int:
        answer = _json(
            self._call(
                "POST",
                "ITILFollowup",
                json={
                    "input": {
                        "itemtype": "Ticket",
                        "items_id": int(number),
                        "content": _to_html(text),
                        "is_private": 0,
                        **flags,
                    }
                },
            )
        )
        if not isinstance(answer.get("id"), int) or not answer["id"]:
            raise PermanentError(str(answer.get("message") or ""))
        return int(answer["id"])

    def set_resolved(self, ticket_id: str) -> Ticket:
        """Accept support's solution (closes it), or mark it solved where the profile may."""
        ticket = self.get(ticket_id)
        if ticket.raw_status == "solved":
            self._followup(ticket.id, "The solution works for me.", add_close=1)
        elif ticket.is_open:
            self._call("PUT", f"Ticket/{ticket.id}", json={"input": {"status": 5}})
        after = self.get(ticket.id)
        if after.raw_status == ticket.raw_status and after.is_open:
            raise PermissionDenied(code="status_kept", helpdesk="GLPI", status=ticket.raw_status)
        return after

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        """Refuse support's solution with a follow-up; a closed GLPI ticket stays closed."""
        ticket = self.get(ticket_id)
        if ticket.raw_status == "closed":
            raise PermissionDenied(code="reopen_not_offered", helpdesk="GLPI")
        if ticket.raw_status == "solved":
            self._followup(ticket.id, text or "The problem is not solved yet.", add_reopen=1)
        elif text:
            self._followup(ticket.id, text)
        return self.get(ticket.id)

    def send_feedback(self, ticket_id: str, rating: str, comment: str, text: str) -> None:
        """A 👍/👎 answers GLPI's own satisfaction survey (0 to 5 stars: 👍 is 5, 👎 is 1),
        which GLPI starts when it closes a ticket and lets the requester answer: GET
        Ticket/{id}/TicketSatisfaction, then PUT TicketSatisfaction/{ticket id} (its index
        is ``tickets_id``; src/TicketSatisfaction.php, canUpdateItem). An external survey
        (a link) or none yet, or no rating: the feedback as a follow-up, which on a solved
        ticket also accepts the solution, as "Yes, it is solved" means in GLPI."""
        number = _number(ticket_id)
        if rating in ("good", "bad"):
            try:
                surveys = self._list(f"Ticket/{number}/TicketSatisfaction")
                if any(int(s.get("type") or 0) == 1 for s in surveys):
                    answer: dict[str, Any] = {
                        "id": int(number),
                        "tickets_id": int(number),
                        "satisfaction": 5 if rating == "good" else 1,
                    }
                    if comment.strip():
                        answer["comment"] = comment
                    self._call("PUT", f"TicketSatisfaction/{number}", json={"input": answer})
                    return
            except NO_RATING:
                pass
        if self.get(number).raw_status == "solved":
            self._followup(number, text, add_close=1)
        else:
            self._followup(number, text)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        if not attachment.backend_id or not attachment.backend_id.isdigit():
            raise NotFound(code="file_not_stored", name=attachment.filename)
        target = download_target(dest, attachment.filename)
        response = self._call(
            "GET",
            f"Document/{attachment.backend_id}",
            stream=True,
            headers={"Accept": "application/octet-stream"},
        )
        return http.save_response(response, target, attachment.size)

    def close(self) -> None:
        """End the GLPI session (killSession), then the connections."""
        if self._session_token:
            with contextlib.suppress(BackendError):  # shutting down; it expires anyway
                self._send("GET", "killSession")
            self._session_token = ""
        self.session.close()

    # -- mapping ----------------------------------------------------------------------------

    def _ticket(self, data: dict[str, Any]) -> Ticket:
        number = str(data.get("id") or "")
        if not number.isdigit():
            raise PermanentError("no ticket", code="bad_answer", helpdesk="GLPI")
        try:
            raw = NAMES.get(int(data.get("status") or 0), str(data.get("status")))
        except (TypeError, ValueError):
            raw = str(data.get("status") or "")
        created = self._time(data.get("date") or data.get("date_creation"))
        created = created or now_utc()
        return Ticket(
            id=number,
            subject=html.unescape(str(data.get("name") or "")),
            status=self.statuses(raw),
            raw_status=raw,
            created_at=created,
            updated_at=self._time(data.get("date_mod")) or created,
            display_ref=f"#{number}",
            web_url=f"{self.web}/front/ticket.form.php?id={number}",
            client_ref=parse_footer(_from_html(data.get("content"))),
        )


def _error(response: requests.Response) -> tuple[str, str]:
    try:
        data = response.json()
    except ValueError:
        return "", ""
    if isinstance(data, list) and data and str(data[0]).startswith("ERROR"):
        return str(data[0]), str(data[1]) if len(data) > 1 else ""
    return "", ""


def _raise(response: requests.Response) -> None:
    """GLPI's error code decides; the HTTP status only where the code says nothing."""
    code, message = _error(response)
    text = f"{message} ({code})" if code else ""
    if code in ("ERROR_RIGHT_MISSING", "ERROR_NOT_ALLOWED_IP"):
        raise PermissionDenied(text)
    if code == "ERROR_ITEM_NOT_FOUND":
        raise NotFound(text)
    if code in ("ERROR_APP_TOKEN_PARAMETERS_MISSING", "ERROR_WRONG_APP_TOKEN_PARAMETER"):
        raise PermanentError(code, code="setting_missing", setting="backend.app_token")
    if code == "ERROR_LOGIN_WITH_CREDENTIALS_DISABLED":
        raise AuthenticationError(code, code="personal_token_only", helpdesk="GLPI")
    if code in _AUTH_ERRORS:
        raise AuthenticationError(text)
    http.raise_for(response)


def _json(response: requests.Response) -> Any:
    data = http.read_json(response)
    if not isinstance(data, dict):
        raise PermanentError("not an object", code="bad_answer", helpdesk="GLPI")
    return data


def _to_html(text: str) -> str:
    """GLPI keeps rich text; line breaks must survive its HTML view."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def _from_html(value: Any) -> str:
    """GLPI returns rich text HTML-encoded (&lt;p&gt;…); back to plain lines."""
    text = html.unescape(str(value or ""))
    text = re.sub(r"(?i)<br\s*/?>|</p>\s*<p[^>]*>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _zone_name(value: Any) -> str:
    """A zone name GLPI sent; its ``"null"`` and empty values mean it said none."""
    text = str(value or "").strip()
    return "" if text.lower() in ("", "null", "none") else text


def _zone_less(text: str) -> bool:
    """True for GLPI's "Y-m-d H:i:s" (no Z, no offset after the time)."""
    return not re.search(r"(Z|[+-]\d\d:?\d\d)$", text.strip())


def _zone_named(name: str) -> tzinfo | None:
    """``name`` as a zone; None (this computer's zone) when it is empty or unknown here."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return None


def _number(ticket_id: str) -> str:
    return ticket_number(ticket_id, "GLPI")
