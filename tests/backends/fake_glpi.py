"""A GLPI that answers the legacy REST API calls Helpline makes, in the documented shapes.

It follows apirest.md (https://github.com/glpi-project/glpi/blob/main/apirest.md):
initSession with ``Authorization: user_token …`` or Basic plus App-Token,
Session-Token on every later call, killSession, errors as
``["ERROR_CODE", "message"]`` (401 for a missing right too), 201 ``{"id": …}``
on add, Document upload as multipart ``uploadManifest`` + ``filename[0]``,
Document_Item links, raw document download with ``Accept:
application/octet-stream``, the search engine with ``range`` and
Content-Range, and rich text stored HTML-encoded. Follow-ups with
``add_close`` / ``add_reopen`` accept or refuse a solution, as
ITILFollowup::prepareInputForAdd does.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import secrets
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.backends.fake_base import FakeServer, HttpError, Reply, Request, parse_multipart

APP_TOKEN = "app-helpline"
HELPDESK = {"name": "Self-Service", "interface": "helpdesk"}
CASEY = {
    "glpiID": 7,
    "glpiname": "casey",
    "glpifriendlyname": "Casey Customer",
    "glpiactiveprofile": HELPDESK,
    "password": "caseypass1",
}
ROBIN = {
    "glpiID": 8,
    "glpiname": "robin",
    "glpifriendlyname": "Robin Other",
    "glpiactiveprofile": HELPDESK,
    "password": "robinpass1",
}
TECH = {
    "glpiID": 2,
    "glpiname": "tech",
    "glpifriendlyname": "Tess Tech",
    "glpiactiveprofile": {"name": "Technician", "interface": "central"},
    "password": "t",
}
TOKENS = {"casey-user-token": CASEY, "robin-user-token": ROBIN, "tech-user-token": TECH}
RIGHT_MISSING = ["ERROR_RIGHT_MISSING", "You don't have permission to perform this action."]


def _now(zone: str = "UTC") -> str:
    """Now as GLPI writes it: local time of its zone, no offset ("2024-03-05 08:00:00")."""
    return datetime.now(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def _stored(rich_text: str) -> str:
    """GLPI keeps rich text HTML-encoded and answers with it that way."""
    return html.escape(rich_text, quote=False)


class FakeGlpi(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.sessions: dict[str, dict[str, Any]] = {}
        self.tickets: dict[int, dict[str, Any]] = {}
        self.followups: dict[int, dict[str, Any]] = {}
        self.solutions: dict[int, dict[str, Any]] = {}
        self.documents: dict[int, dict[str, Any]] = {}
        self.links: list[dict[str, Any]] = []
        #: Reminders every profile may see (src/Reminder.php's fields; visibility is GLPI's).
        self.reminders: dict[int, dict[str, Any]] = {}
        #: Satisfaction surveys by ticket id: TicketSatisfaction's index is ``tickets_id``.
        self.satisfactions: dict[int, dict[str, Any]] = {}
        self.killed: list[str] = []
        self.requester_may_update = True  # a profile with the ticket UPDATE right
        #: The zone GLPI writes its times in; where it says so (DBmysql::guessTimezone's
        #: order): the user's preference in the session (glpi_tz), else the general config.
        self.zone = "Europe/Berlin"
        self.session_says_zone = True
        self.config_says_zone = False
        self._ids = itertools.count(1)

    # -- the technician's side ------------------------------------------------------------

    def tech_followup(self, ticket_id: int | str, text: str, private: bool = False) -> int:
        return self._add_followup(
            TECH,
            {
                "itemtype": "Ticket",
                "items_id": int(ticket_id),
                "content": f"<p>{html.escape(text)}</p>",
                "is_private": int(private),
            },
        )

    def tech_solution(self, ticket_id: int | str, text: str) -> None:
        sid = next(self._ids)
        self.solutions[sid] = {
            "id": sid,
            "itemtype": "Ticket",
            "items_id": int(ticket_id),
            "content": _stored(f"<p>{html.escape(text)}</p>"),
            "users_id": TECH["glpiID"],
            "status": 2,
            "date_creation": _now(self.zone),
        }
        self._set_status(int(ticket_id), 5)

    def close_with_survey(self, ticket_id: int | str, survey_type: int = 1) -> None:
        """Close the ticket, and let GLPI's survey start (1 internal, 2 external link), as
        the entity's satisfaction settings do on closing."""
        tid = int(ticket_id)
        self._set_status(tid, 6)
        self.satisfactions[tid] = {
            "id": next(self._ids),
            "tickets_id": tid,
            "type": survey_type,
            "date_begin": _now(self.zone),
            "date_answered": None,
            "satisfaction": None,
            "comment": None,
        }

    def tech_status(self, ticket_id: int | str, status: int) -> None:
        self._set_status(int(ticket_id), status)

    def tech_reminder(
        self, name: str, text: str, state: int = 0, end_view_date: str | None = None
    ) -> int:
        """A public reminder, as a technician writes one for everyone."""
        rid = next(self._ids)
        self.reminders[rid] = {
            "id": rid,
            "name": name,
            "text": _stored(f"<p>{html.escape(text)}</p>"),
            "state": state,
            "users_id": TECH["glpiID"],
            "begin_view_date": None,
            "end_view_date": end_view_date,
            "is_planned": 0,
            "date_creation": _now(self.zone),
        }
        return rid

    def expire_sessions(self) -> None:
        self.sessions.clear()

    # -- routing --------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        if not request.path.startswith("/apirest.php/"):
            raise HttpError(404, "<html>not found</html>")
        path = request.path[len("/apirest.php/") :].rstrip("/")
        app = request.headers.get("app-token")
        if app is None:
            raise HttpError(
                400, ["ERROR_APP_TOKEN_PARAMETERS_MISSING", "missing parameter app_token"]
            )
        if app != APP_TOKEN:
            raise HttpError(
                400, ["ERROR_WRONG_APP_TOKEN_PARAMETER", "parameter app_token seems wrong"]
            )
        if path == "initSession":
            return self._init(request)
        user = self.sessions.get(request.headers.get("session-token", ""))
        if user is None:
            raise HttpError(401, ["ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid"])
        if request.method == "GET" and request.body:
            raise HttpError(400, ["ERROR_JSON_PAYLOAD_FORBIDDEN", "GET with a body"])
        routes: list[tuple[str, str, Any]] = [
            ("killSession", "GET", self._kill),
            ("getFullSession", "GET", self._full),
            ("getGlpiConfig", "GET", self._config),
            ("Ticket", "POST", self._create),
            (r"Ticket/(\d+)", "GET", self._get),
            (r"Ticket/(\d+)", "PUT", self._update),
            (r"Ticket/(\d+)/(ITILFollowup|ITILSolution|Document_Item)", "GET", self._sub),
            (r"ITILFollowup/(\d+)/Document_Item", "GET", self._followup_docs),
            ("ITILFollowup", "POST", self._followup),
            ("Document", "POST", self._upload),
            (r"Document/(\d+)", "GET", self._document),
            ("Document_Item", "POST", self._link),
            ("search/Ticket", "GET", self._search),
            ("Reminder", "GET", lambda _r, _u: Reply(200, list(self.reminders.values()))),
            (r"Ticket/(\d+)/TicketSatisfaction", "GET", self._surveys),
            (r"TicketSatisfaction/(\d+)", "PUT", self._answer_survey),
        ]
        for pattern, method, action in routes:
            found = re.fullmatch(pattern, path)
            if found and method == request.method:
                return action(request, user, *found.groups())
        raise HttpError(400, ["ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", "resource not found"])

    # -- session --------------------------------------------------------------------------

    def _init(self, request: Request) -> Reply:
        auth = request.headers.get("authorization", "")
        user = None
        if auth.startswith("user_token "):
            user = TOKENS.get(auth.removeprefix("user_token "))
            if user is None:
                raise HttpError(
                    401, ["ERROR_GLPI_LOGIN_USER_TOKEN", "parameter user_token seems invalid"]
                )
        elif auth.startswith("Basic "):
            login, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            user = next(
                (
                    u
                    for u in TOKENS.values()
                    if u["glpiname"] == login and u["password"] == password
                ),
                None,
            )
            if user is None:
                raise HttpError(401, ["ERROR_GLPI_LOGIN", "Incorrect username or password"])
        else:
            raise HttpError(
                400,
                [
                    "ERROR_LOGIN_PARAMETERS_MISSING",
                    "parameter(s) login, password or user_token are missing",
                ],
            )
        token = secrets.token_hex(20)
        self.sessions[token] = user
        return Reply(200, {"session_token": token})

    def _kill(self, request: Request, user: dict) -> Reply:
        token = request.headers["session-token"]
        self.sessions.pop(token, None)
        self.killed.append(token)
        return Reply(200, [])

    def _full(self, request: Request, user: dict) -> Reply:
        session = {k: v for k, v in user.items() if k != "password"}
        if self.session_says_zone:
            session["glpi_tz"] = self.zone
        return Reply(200, {"session": session})

    def _config(self, request: Request, user: dict) -> Reply:
        return Reply(
            200,
            {
                "cfg_glpi": {
                    "version": "10.0.16",
                    "use_timezones": 1,
                    "timezone": self.zone if self.config_says_zone else None,
                }
            },
        )

    # -- tickets --------------------------------------------------------------------------

    def _ticket(self, tid: str | int, user: dict) -> dict[str, Any]:
        ticket = self.tickets.get(int(tid))
        if ticket is None:
            raise HttpError(404, ["ERROR_ITEM_NOT_FOUND", "Item not found"])
        if user is not TECH and ticket["_requester"] != user["glpiID"]:
            raise HttpError(401, RIGHT_MISSING)
        return ticket

    def _public(self, ticket: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in ticket.items() if not k.startswith("_")}

    def _create(self, request: Request, user: dict) -> Reply:
        data = request.json().get("input")
        if not isinstance(data, dict) or not data.get("content"):
            raise HttpError(400, ["ERROR_GLPI_ADD", "Mandatory field: Description"])
        tid = next(self._ids)
        now = _now(self.zone)
        self.tickets[tid] = {
            "id": tid,
            "name": html.escape(data.get("name") or "", quote=False),
            "content": _stored(data["content"]),
            "status": 1,
            "type": data.get("type", 1),
            "urgency": data.get("urgency", 3),
            "impact": data.get("impact", 3),
            "date": now,
            "date_creation": now,
            "date_mod": now,
            "users_id_recipient": user["glpiID"],
            "_requester": user["glpiID"],
        }
        return Reply(
            201, {"id": tid, "message": ""}, {"Location": f"{self.url}/apirest.php/Ticket/{tid}"}
        )

    def _get(self, request: Request, user: dict, tid: str) -> Reply:
        return Reply(200, self._public(self._ticket(tid, user)))

    def _update(self, request: Request, user: dict, tid: str) -> Reply:
        ticket = self._ticket(tid, user)
        if user is not TECH and not self.requester_may_update:
            raise HttpError(401, RIGHT_MISSING)
        status = request.json().get("input", {}).get("status")
        if status is not None:
            self._set_status(ticket["id"], int(status))
        return Reply(200, [{tid: True, "message": ""}])

    def _set_status(self, tid: int, status: int) -> None:
        self.tickets[tid]["status"] = status
        self.tickets[tid]["date_mod"] = _now(self.zone)

    def _sub(self, request: Request, user: dict, tid: str, kind: str) -> Reply:
        ticket = self._ticket(tid, user)
        if kind == "Document_Item":
            return Reply(
                200,
                [
                    x
                    for x in self.links
                    if x["itemtype"] == "Ticket" and x["items_id"] == ticket["id"]
                ],
            )
        store = self.followups if kind == "ITILFollowup" else self.solutions
        rows = [
            r
            for r in store.values()
            if r["items_id"] == ticket["id"] and (user is TECH or not r.get("is_private"))
        ]
        return Reply(200, rows)

    # -- satisfaction (src/TicketSatisfaction.php) ----------------------------------------

    def _surveys(self, request: Request, user: dict, tid: str) -> Reply:
        ticket = self._ticket(tid, user)
        found = self.satisfactions.get(ticket["id"])
        return Reply(200, [found] if found else [])

    def _answer_survey(self, request: Request, user: dict, tid: str) -> Reply:
        """getFromDB by tickets_id (getIndexName), then canUpdateItem: the ticket's requester,
        and not 12 hours after a first answer; prepareInputForUpdate stamps date_answered."""
        survey = self.satisfactions.get(int(tid))
        if survey is None:
            raise HttpError(404, ["ERROR_ITEM_NOT_FOUND", "Item not found"])
        ticket = self._ticket(tid, user)
        if ticket["_requester"] != user["glpiID"]:
            raise HttpError(401, RIGHT_MISSING)
        data = request.json().get("input") or {}
        value = data.get("satisfaction")
        if not isinstance(value, int) or not 0 <= value <= 5:
            raise HttpError(400, ["ERROR_GLPI_UPDATE", "satisfaction from 0 to 5"])
        survey.update(
            satisfaction=value,
            comment=data.get("comment") or survey["comment"],
            date_answered=_now(self.zone),
        )
        return Reply(200, [{tid: True, "message": ""}])

    # -- follow-ups -----------------------------------------------------------------------

    def _followup(self, request: Request, user: dict) -> Reply:
        data = request.json().get("input") or {}
        if data.get("itemtype") != "Ticket":
            raise HttpError(400, ["ERROR_GLPI_ADD", "itemtype must be Ticket"])
        ticket = self._ticket(data.get("items_id", 0), user)
        if ticket["status"] == 6:
            raise HttpError(400, ["ERROR_GLPI_ADD", "You cannot add to a closed ticket"])
        fid = self._add_followup(user, data)
        if data.get("add_close") and ticket["status"] == 5:
            self._set_status(ticket["id"], 6)
        if data.get("add_reopen") and ticket["status"] == 5:
            self._set_status(ticket["id"], 1)
        return Reply(201, {"id": fid, "message": ""})

    def _add_followup(self, user: dict, data: dict[str, Any]) -> int:
        fid = next(self._ids)
        self.followups[fid] = {
            "id": fid,
            "itemtype": "Ticket",
            "items_id": int(data["items_id"]),
            "users_id": user["glpiID"],
            "content": _stored(data.get("content") or ""),
            "is_private": int(data.get("is_private") or 0),
            "date": _now(self.zone),
            "date_creation": _now(self.zone),
        }
        self.tickets[int(data["items_id"])]["date_mod"] = _now(self.zone)
        return fid

    def _followup_docs(self, request: Request, user: dict, fid: str) -> Reply:
        followup = self.followups.get(int(fid))
        if followup is None:
            raise HttpError(404, ["ERROR_ITEM_NOT_FOUND", "Item not found"])
        self._ticket(followup["items_id"], user)
        return Reply(
            200,
            [
                x
                for x in self.links
                if x["itemtype"] == "ITILFollowup" and x["items_id"] == followup["id"]
            ],
        )

    # -- documents ------------------------------------------------------------------------

    def _upload(self, request: Request, user: dict) -> Reply:
        parts = parse_multipart(request.body, request.headers.get("content-type", ""))
        manifest = next((p for p in parts if p[0] == "uploadManifest"), None)
        files = [p for p in parts if p[0].startswith("filename") and p[1] is not None]
        if manifest is None or not files:
            raise HttpError(
                400, ["ERROR_UPLOAD_FILE_TOO_BIG_POST_MAX_SIZE", "The file seems too big"]
            )
        data = json.loads(manifest[3])["input"]
        assert isinstance(data, dict)
        _, name, ctype, content = files[0]
        if data.get("_filename") != [name]:
            raise HttpError(400, ["ERROR_GLPI_ADD", "_filename does not name the file part"])
        did = next(self._ids)
        self.documents[did] = {
            "id": did,
            "name": data.get("name") or name,
            "filename": name,
            "mime": ctype,
            "filesize": len(content),
            "sha1sum": hashlib.sha1(content).hexdigest(),
            "users_id": user["glpiID"],
            "_content": content,
        }
        return Reply(
            201,
            {
                "id": did,
                "message": "Document move succeeded.",
                "upload_result": {"filename": [{"name": name, "size": len(content)}]},
            },
        )

    def _document(self, request: Request, user: dict, did: str) -> Reply:
        doc = self.documents.get(int(did))
        if doc is None:
            raise HttpError(404, ["ERROR_ITEM_NOT_FOUND", "Item not found"])
        if (
            user is not TECH
            and doc["users_id"] != user["glpiID"]
            and not any(
                link["documents_id"] == doc["id"] and self._visible_link(link, user)
                for link in self.links
            )
        ):
            raise HttpError(401, RIGHT_MISSING)
        if request.headers.get("accept") == "application/octet-stream":
            return Reply(200, doc["_content"], {"Content-Type": doc["mime"]})
        return Reply(200, {k: v for k, v in doc.items() if not k.startswith("_")})

    def _visible_link(self, link: dict[str, Any], user: dict) -> bool:
        tid = (
            link["items_id"]
            if link["itemtype"] == "Ticket"
            else self.followups[link["items_id"]]["items_id"]
        )
        return self.tickets[tid]["_requester"] == user["glpiID"]

    def _link(self, request: Request, user: dict) -> Reply:
        rows = request.json().get("input")
        rows = rows if isinstance(rows, list) else [rows]
        out = []
        for row in rows:
            if row.get("itemtype") == "Ticket":
                self._ticket(row["items_id"], user)
            elif row.get("itemtype") == "ITILFollowup":
                self._ticket(self.followups[int(row["items_id"])]["items_id"], user)
            else:
                raise HttpError(400, ["ERROR_GLPI_ADD", "bad itemtype"])
            lid = next(self._ids)
            self.links.append(
                {
                    "id": lid,
                    "documents_id": int(row["documents_id"]),
                    "itemtype": row["itemtype"],
                    "items_id": int(row["items_id"]),
                }
            )
            out.append({"id": lid, "message": ""})
        return Reply(201, out)

    # -- search ---------------------------------------------------------------------------

    def _search(self, request: Request, user: dict) -> Reply:
        q = request.params
        rows = list(self.tickets.values())
        for i in itertools.count():
            field = q.get(f"criteria[{i}][field]")
            if field is None:
                break
            kind, value = q.get(f"criteria[{i}][searchtype]"), q.get(f"criteria[{i}][value]", "")
            if field == "4" and kind == "equals":
                wanted = user["glpiID"] if value == "myself" else int(value)
                rows = [t for t in rows if t["_requester"] == wanted]
            elif field == "21" and kind == "contains":
                rows = [t for t in rows if value in html.unescape(t["content"])]
            else:
                raise HttpError(400, ["ERROR", f"unsupported criterion {field}/{kind}"])
        if user is not TECH:
            rows = [t for t in rows if t["_requester"] == user["glpiID"]]
        rows.sort(key=lambda t: (t["date_mod"], t["id"]), reverse=q.get("order") == "DESC")
        start, _, end = (q.get("range") or "0-50").partition("-")
        chunk = rows[int(start) : int(end) + 1]
        data = [
            {
                "2": t["id"],
                "1": t["name"],
                "12": t["status"],
                "15": t["date"],
                "19": t["date_mod"],
                "80": "Root entity",
            }
            for t in chunk
        ]
        status = 206 if len(chunk) < len(rows) else 200
        last = int(start) + max(len(chunk) - 1, 0)
        return Reply(
            status,
            {
                "totalcount": len(rows),
                "count": len(chunk),
                "sort": [19],
                "order": [q.get("order", "ASC")],
                "data": data,
            },
            {"Content-Range": f"{start}-{last}/{len(rows)}", "Accept-Range": "990"},
        )
