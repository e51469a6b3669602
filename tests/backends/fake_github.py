"""A GitHub that answers the REST calls Helpline makes, in the documented shapes.

Routes and fields follow docs.github.com/rest/issues/issues,
/rest/issues/comments, /rest/users/users and /rest/guides/using-pagination:
Bearer tokens, pull requests listed among issues (with a ``pull_request`` key),
labels silently dropped for users without triage rights, Link pagination,
and an issue closed by a maintainer that its author cannot reopen.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from tests.backends.fake_base import FakeServer, HttpError, Reply, Request, stamp

OWNER, REPO = "acme", "helpdesk"
CUSTOMER = {"login": "casey", "id": 11, "name": "Casey Customer", "email": None}
OTHER = {"login": "robin", "id": 12, "name": "Robin Other"}
MAINTAINER = {"login": "maria", "id": 2, "name": "Maria Maintainer"}
TOKENS = {"ghp_customer": CUSTOMER, "ghp_other": OTHER, "ghp_maintainer": MAINTAINER}
BAD_CREDENTIALS = {
    "message": "Bad credentials",
    "documentation_url": "https://docs.github.com/rest",
    "status": "401",
}


class FakeGitHub(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.issues: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.closed_by: dict[int, str] = {}
        self._ids = itertools.count(5000)
        self.page_size_cap = 100
        #: issue number -> [(login, content)]: docs.github.com/rest/reactions/reactions
        self.reactions: dict[int, list[tuple[str, str]]] = {}

    # -- the maintainers' side ------------------------------------------------------------

    def maintainer_comment(self, number: int | str, text: str) -> None:
        self._comment(int(number), MAINTAINER, text)

    def maintainer_state(
        self,
        number: int | str,
        state: str,
        reason: str | None = None,
        labels: list[str] | None = None,
    ) -> None:
        self._set_state(self.issues[int(number)], MAINTAINER, state, reason)
        if labels is not None:
            self.issues[int(number)]["labels"] = [{"name": x} for x in labels]

    def maintainer_publish(self, title: str, labels: list[str], body: str = "") -> int:
        """A known problem, as a maintainer publishes one: a labelled issue."""
        return int(
            self._new(MAINTAINER, {"title": title, "body": body, "labels": labels})["number"]
        )

    def add_pull_request(self, user: dict[str, Any], title: str) -> int:
        issue = self._new(user, {"title": title, "body": "code"})
        issue["pull_request"] = {"url": f"{self.url}/repos/{OWNER}/{REPO}/pulls/1"}
        return int(issue["number"])

    # -- routing --------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        auth = request.headers.get("authorization", "")
        user = TOKENS.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        if user is None:
            raise HttpError(401, BAD_CREDENTIALS)
        if request.headers.get("x-github-api-version") != "2022-11-28":
            raise HttpError(400, {"message": "Unsupported API version"})
        if request.path == "/user":
            return Reply(200, user)
        prefix = f"/repos/{OWNER}/{REPO}"
        if not request.path.startswith(prefix):
            raise HttpError(404, {"message": "Not Found"})
        rest = request.path[len(prefix) :]
        routes: list[tuple[str, str, Any]] = [
            ("/issues", "POST", self._create),
            ("/issues", "GET", self._list),
            (r"/issues/(\d+)", "GET", self._get),
            (r"/issues/(\d+)", "PATCH", self._edit),
            (r"/issues/(\d+)/comments", "GET", self._comments),
            (r"/issues/(\d+)/comments", "POST", self._add_comment),
            (r"/issues/(\d+)/reactions", "POST", self._react),
        ]
        for pattern, method, action in routes:
            found = re.fullmatch(pattern, rest)
            if found and method == request.method:
                return action(request, user, *found.groups())
        raise HttpError(404, {"message": "Not Found"})

    def _page(self, request: Request, items: list[Any]) -> Reply:
        per_page = min(int(request.params.get("per_page") or 30), self.page_size_cap)
        page = int(request.params.get("page") or 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            nxt = f"{self.url}{request.path}?per_page={per_page}&page={page + 1}"
            for key in ("creator", "state", "sort", "direction", "since"):
                if key in request.params:
                    nxt += f"&{key}={request.params[key]}"
            headers["Link"] = f'<{nxt}>; rel="next"'
        return Reply(200, chunk, headers)

    # -- handlers -------------------------------------------------------------------------

    def _new(self, user: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        number = len(self.issues) + 1
        now = stamp()
        labels = (data.get("labels") or []) if user is MAINTAINER else []  # else dropped
        issue = {
            "id": next(self._ids),
            "number": number,
            "title": data["title"],
            "body": data.get("body"),
            "state": "open",
            "state_reason": None,
            "user": {"login": user["login"], "id": user["id"]},
            "labels": [{"name": x} for x in labels],
            "comments": 0,
            "created_at": now,
            "updated_at": now,
            "closed_at": None,
            "html_url": f"https://github.com/{OWNER}/{REPO}/issues/{number}",
        }
        self.issues[number] = issue
        self.comments[number] = []
        return issue

    def _create(self, request: Request, user: dict[str, Any]) -> Reply:
        data = request.json()
        if not data.get("title"):
            raise HttpError(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [{"resource": "Issue", "code": "missing_field", "field": "title"}],
                },
            )
        return Reply(201, self._new(user, data))

    def _list(self, request: Request, user: dict[str, Any]) -> Reply:
        q = request.params
        items = list(self.issues.values())
        if q.get("creator"):
            items = [i for i in items if i["user"]["login"] == q["creator"]]
        if q.get("state", "open") != "all":
            items = [i for i in items if i["state"] == q.get("state", "open")]
        if q.get("since"):
            items = [i for i in items if i["updated_at"] >= q["since"][:19]]
        for label in [x for x in (q.get("labels") or "").split(",") if x]:
            items = [i for i in items if label in {x["name"] for x in i["labels"]}]
        key = "updated_at" if q.get("sort") == "updated" else "created_at"
        items.sort(key=lambda i: (i[key], i["number"]), reverse=q.get("direction") != "asc")
        return self._page(request, items)

    def _issue(self, number: str) -> dict[str, Any]:
        issue = self.issues.get(int(number))
        if issue is None:
            raise HttpError(404, {"message": "Not Found"})
        return issue

    def _get(self, request: Request, user: dict[str, Any], number: str) -> Reply:
        return Reply(200, self._issue(number))

    def _edit(self, request: Request, user: dict[str, Any], number: str) -> Reply:
        issue = self._issue(number)
        data = request.json()
        is_author = issue["user"]["login"] == user["login"]
        if not is_author and user is not MAINTAINER:
            raise HttpError(403, {"message": "Must have admin rights to Repository."})
        state = data.get("state")
        reopen_blocked = (
            state == "open"
            and user is not MAINTAINER
            and self.closed_by.get(int(number)) == MAINTAINER["login"]
        )
        if state in ("open", "closed") and not reopen_blocked:
            self._set_state(issue, user, state, data.get("state_reason"))
        return Reply(200, issue)

    def _set_state(
        self, issue: dict[str, Any], user: dict[str, Any], state: str, reason: str | None
    ) -> None:
        issue["state"] = state
        issue["state_reason"] = (reason or "completed") if state == "closed" else "reopened"
        issue["closed_at"] = stamp() if state == "closed" else None
        issue["updated_at"] = stamp()
        if state == "closed":
            self.closed_by[issue["number"]] = user["login"]

    def _react(self, request: Request, user: dict[str, Any], number: str) -> Reply:
        """201 with the new reaction, or 200 with the one this user already gave."""
        self._issue(number)
        content = request.json().get("content")
        if content not in ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"):
            raise HttpError(422, {"message": "Validation Failed"})
        given = self.reactions.setdefault(int(number), [])
        reaction = {
            "id": next(self._ids),
            "user": {"login": user["login"], "id": user["id"]},
            "content": content,
            "created_at": stamp(),
        }
        if (user["login"], content) in given:
            return Reply(200, reaction)
        given.append((user["login"], content))
        return Reply(201, reaction)

    def _comments(self, request: Request, user: dict[str, Any], number: str) -> Reply:
        self._issue(number)
        return self._page(request, self.comments[int(number)])

    def _add_comment(self, request: Request, user: dict[str, Any], number: str) -> Reply:
        self._issue(number)
        body = request.json().get("body")
        if not body:
            raise HttpError(422, {"message": "Validation Failed"})
        return Reply(201, self._comment(int(number), user, body))

    def _comment(self, number: int, user: dict[str, Any], body: str) -> dict[str, Any]:
        now = stamp()
        comment = {
            "id": next(self._ids),
            "body": body,
            "created_at": now,
            "updated_at": now,
            "user": {"login": user["login"], "id": user["id"]},
            "html_url": f"https://github.com/{OWNER}/{REPO}/issues/{number}#c",
        }
        self.comments[number].append(comment)
        self.issues[number]["comments"] += 1
        self.issues[number]["updated_at"] = now
        return comment
