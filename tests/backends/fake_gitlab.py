"""A GitLab that answers the REST v4 calls Helpline makes, in the documented shapes.

Routes and fields follow docs.gitlab.com/api/issues, /api/notes,
/api/project_markdown_uploads and /api/rest/#pagination: personal tokens in
PRIVATE-TOKEN, the project by id or URL-encoded path, confidential issues
visible to their author and the team only, system notes for state changes,
internal notes hidden from the customer, X-Next-Page pagination.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from tests.backends.fake_base import FakeServer, HttpError, Reply, Request, parse_multipart

CUSTOMER = {
    "id": 11,
    "username": "casey",
    "name": "Casey Customer",
    "email": "customer@example.org",
}
OTHER = {"id": 12, "username": "robin", "name": "Robin Other"}
AGENT = {"id": 2, "username": "alex", "name": "Alex Agent"}
ADMIN = {"id": 1, "username": "root", "name": "Administrator", "is_admin": True}
TOKENS = {
    "glpat-customer": CUSTOMER,
    "glpat-other": OTHER,
    "glpat-agent": AGENT,
    "glpat-admin": ADMIN,
}
TEAM = {AGENT["id"], ADMIN["id"]}
PROJECT_ID, PROJECT_PATH = 5, "it/helpdesk"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _sanitize(name: str) -> str:
    """CarrierWave's file name sanitising, which GitLab's uploader applies."""
    return re.sub(r"[^a-zA-Z0-9.\-+_]", "_", name.replace("\\", "/").rsplit("/", 1)[-1])


class FakeGitLab(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.issues: dict[int, dict[str, Any]] = {}
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.uploads: dict[str, tuple[str, bytes]] = {}
        self._ids = itertools.count(100)
        self.page_size_cap = 100
        self.uploads_api_for_maintainers_only = False

    # -- the team's side ------------------------------------------------------------------

    def agent_note(self, iid: int | str, text: str, internal: bool = False) -> None:
        self._add_note(int(iid), AGENT, text, internal=internal)

    def agent_publish(self, title: str, labels: list[str], description: str = "") -> int:
        """A known problem, as support publishes one: a labelled issue by the agent."""
        payload = {"title": title, "description": description, "labels": ",".join(labels)}
        request = Request("POST", "/issues", [], {}, json.dumps(payload).encode())
        return int(self._create(request, AGENT).body["iid"])

    def agent_state(self, iid: int | str, state: str, labels: list[str] | None = None) -> None:
        issue = self.issues[int(iid)]
        issue["state"] = state
        if labels is not None:
            issue["labels"] = labels
        self._add_note(int(iid), AGENT, state, system=True)

    # -- routing --------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        user = TOKENS.get(request.headers.get("private-token", ""))
        if user is None:
            raise HttpError(401, {"message": "401 Unauthorized"})
        if request.path == "/api/v4/user":
            return Reply(200, user)
        web = re.fullmatch(rf"/{PROJECT_PATH}/uploads/([0-9a-f]+)/([^/]+)", request.path)
        if web and request.method == "GET":  # the address GitLab links to from the issue
            return self._serve_upload(*web.groups())
        match = re.match(r"^/api/v4/projects/([^/]+)(/.*)?$", request.path)
        if not match or unquote(match.group(1)) not in (str(PROJECT_ID), PROJECT_PATH):
            raise HttpError(404, {"message": "404 Project Not Found"})
        rest = match.group(2) or ""
        for pattern, method, action in self._routes():
            found = re.fullmatch(pattern, rest)
            if found and request.method == method:
                return action(request, user, *found.groups())
        raise HttpError(404, {"error": "404 Not Found"})

    def _routes(self) -> list[tuple[str, str, Any]]:
        return [
            ("/uploads", "POST", self._upload),
            (r"/uploads/([0-9a-f]+)/([^/]+)", "GET", self._download),
            ("/issues", "POST", self._create),
            ("/issues", "GET", self._list),
            (r"/issues/(\d+)", "GET", self._get),
            (r"/issues/(\d+)", "PUT", self._update),
            (r"/issues/(\d+)/notes", "GET", self._notes),
            (r"/issues/(\d+)/notes", "POST", self._note),
            (r"/issues/(\d+)/award_emoji", "POST", self._award),
        ]

    # -- handlers -------------------------------------------------------------------------

    def _upload(self, request: Request, user: dict) -> Reply:
        parts = parse_multipart(request.body, request.headers.get("content-type", ""))
        files = [p for p in parts if p[0] == "file" and p[1] is not None]
        if len(files) != 1:
            raise HttpError(400, {"error": "file is missing"})
        name = _sanitize(files[0][1] or "file")
        secret = secrets.token_hex(16)
        self.uploads[secret] = (name, files[0][3])
        url = f"/uploads/{secret}/{quote(name)}"
        alt = name.rsplit(".", 1)[0]
        image = name.lower().endswith((".png", ".jpg", ".gif"))
        return Reply(
            201,
            {
                "id": len(self.uploads),
                "alt": alt,
                "url": url,
                "full_path": f"/-/project/{PROJECT_ID}{url}",
                "markdown": f"{'!' if image else ''}[{alt}]({url})",
            },
        )

    def _download(self, request: Request, user: dict, secret: str, name: str) -> Reply:
        if self.uploads_api_for_maintainers_only and user["id"] not in TEAM:
            raise HttpError(403, {"message": "403 Forbidden"})
        return self._serve_upload(secret, name)

    def _serve_upload(self, secret: str, name: str) -> Reply:
        stored = self.uploads.get(secret)
        if stored is None or quote(stored[0]) != name:
            raise HttpError(404, {"message": "404 Not found"})
        return Reply(200, stored[1], {"Content-Type": "application/octet-stream"})

    def _create(self, request: Request, user: dict) -> Reply:
        data = request.json()
        if not data.get("title"):
            raise HttpError(400, {"message": {"title": ["can't be blank"]}})
        iid = len(self.issues) + 1
        now = _now()
        labels = [x for x in str(data.get("labels") or "").split(",") if x]
        self.issues[iid] = {
            "id": next(self._ids),
            "iid": iid,
            "project_id": PROJECT_ID,
            "title": data["title"],
            "description": data.get("description") or "",
            "state": "opened",
            "created_at": now,
            "updated_at": now,
            "closed_at": None,
            "labels": labels,
            "author": {k: user[k] for k in ("id", "username", "name")},
            "confidential": bool(data.get("confidential")),
            "web_url": f"{self.url}/{PROJECT_PATH}/-/issues/{iid}",
        }
        self.notes[iid] = []
        return Reply(201, self.issues[iid])

    def _visible(self, issue: dict, user: dict) -> bool:
        return (
            not issue["confidential"] or user["id"] in TEAM or issue["author"]["id"] == user["id"]
        )

    def _issue(self, iid: str, user: dict) -> dict[str, Any]:
        issue = self.issues.get(int(iid))
        if issue is None or not self._visible(issue, user):
            raise HttpError(404, {"message": "404 Not found"})
        return issue

    def _list(self, request: Request, user: dict) -> Reply:
        q = request.params
        items = [i for i in self.issues.values() if self._visible(i, user)]
        if q.get("scope") == "created_by_me":
            items = [i for i in items if i["author"]["id"] == user["id"]]
        if q.get("state") in ("opened", "closed"):
            items = [i for i in items if i["state"] == q["state"]]
        if q.get("search"):
            fields = (q.get("in") or "title,description").split(",")
            items = [i for i in items if any(q["search"] in i.get(f, "") for f in fields)]
        if q.get("updated_after"):
            items = [i for i in items if i["updated_at"] >= q["updated_after"][:19]]
        for label in [x for x in (q.get("labels") or "").split(",") if x]:
            items = [i for i in items if label in i["labels"]]
        key = q.get("order_by") or "created_at"
        items.sort(key=lambda i: (i[key], i["iid"]), reverse=q.get("sort", "desc") == "desc")
        per_page = min(int(q.get("per_page") or 20), self.page_size_cap)
        page = int(q.get("page") or 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(items)
        return Reply(
            200, chunk, {"X-Next-Page": str(page + 1) if more else "", "X-Total": str(len(items))}
        )

    def _award(self, request: Request, user: dict, iid: str) -> Reply:
        """docs.gitlab.com/api/emoji_reactions: ``name`` without colons; the same emoji twice
        by one user is refused with 404 "Award Emoji Name has already been taken"."""
        issue = self._issue(iid, user)
        name = request.params.get("name") or ""
        awards = issue.setdefault("awards", [])
        if (user["username"], name) in awards:
            raise HttpError(404, {"message": {"name": ["has already been taken"]}})
        awards.append((user["username"], name))
        return Reply(
            201, {"id": len(awards), "name": name, "user": user, "awardable_id": issue["id"]}
        )

    def _get(self, request: Request, user: dict, iid: str) -> Reply:
        return Reply(200, self._issue(iid, user))

    def _update(self, request: Request, user: dict, iid: str) -> Reply:
        issue = self._issue(iid, user)
        event = request.json().get("state_event")
        allowed = user["id"] in TEAM or issue["author"]["id"] == user["id"]
        if event in ("close", "reopen"):
            if not allowed:
                raise HttpError(403, {"message": "403 Forbidden"})
            issue["state"] = "closed" if event == "close" else "opened"
            self._add_note(int(iid), user, f"{issue['state']}", system=True)
        return Reply(200, issue)

    def _notes(self, request: Request, user: dict, iid: str) -> Reply:
        self._issue(iid, user)
        visible = [n for n in self.notes[int(iid)] if not n["internal"] or user["id"] in TEAM]
        per_page = min(int(request.params.get("per_page") or 20), self.page_size_cap)
        page = int(request.params.get("page") or 1)
        chunk = visible[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(visible)
        return Reply(200, chunk, {"X-Next-Page": str(page + 1) if more else ""})

    def _note(self, request: Request, user: dict, iid: str) -> Reply:
        self._issue(iid, user)
        body = request.json().get("body") or ""
        if not body.strip():
            raise HttpError(400, {"message": {"note": ["can't be blank"]}})
        return Reply(201, self._add_note(int(iid), user, body))

    def _add_note(
        self, iid: int, user: dict, body: str, system: bool = False, internal: bool = False
    ) -> dict[str, Any]:
        note = {
            "id": next(self._ids),
            "body": body,
            "system": system,
            "internal": internal,
            "confidential": internal,
            "created_at": _now(),
            "noteable_iid": iid,
            "author": {k: user[k] for k in ("id", "username", "name")},
        }
        self.notes[iid].append(note)
        self.issues[iid]["updated_at"] = note["created_at"]
        return note
