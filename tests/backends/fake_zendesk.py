"""A stateful Zendesk on 127.0.0.1, answering the end-user Requests API in its documented shapes.

Shapes follow the Zendesk developer docs:
https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/ (requests and
request comments), https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/
(uploads), https://developer.zendesk.com/api-reference/introduction/pagination/ (cursor pages),
https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
(``/users/me``). The route table and sign-in come from :class:`RoutedFake` in
tests/backends/fake_base.py, as for the Jira and Zammad fakes.
"""

from __future__ import annotations

import json
from typing import Any

from tests.backends.fake_base import Handler, HttpError, Request, RoutedFake, stamp

#: What real Zendesk puts on the JSON answer to an upload (zenpy's cassettes, 2023-2024).
UPLOAD_TYPE = "text/plain; charset=utf-8"

# -- Zendesk ---------------------------------------------------------------------------------


class FakeZendesk(RoutedFake):
    """End users sign in with ``email:password`` or ``email/token:api_token``.

    ``agent_id`` is the agent who answers; requests are assigned to it on creation
    when ``assign_on_create`` is true, which is what makes ``can_be_solved_by_me``
    true in Zendesk.
    """

    gzip_json = True  # as recorded from the real service

    def __init__(self, users: dict[str, str], api_token: str = "", ticket_field: int = 0) -> None:
        super().__init__()
        self.passwords = users
        self.api_token = api_token
        self.ticket_field = ticket_field
        self.assign_on_create = True
        #: The most requests one page holds, as Zendesk may choose fewer than asked for.
        self.max_page = 100
        self.users: dict[str, dict[str, Any]] = {}
        for email in users:
            self._user(email, "end-user")
        self.agent_id = self._user("agent@support.example", "agent")["id"]
        self.requests: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.uploads: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[int, bytes] = {}
        #: Help Center: section id -> articles; article id -> [(user id, value)] votes
        #: (developer.zendesk.com/api-reference/help_center/help-center-api/articles/, /votes/)
        self.sections: dict[int, list[dict[str, Any]]] = {}
        self.votes: dict[int, list[tuple[int, int]]] = {}
        #: Satisfaction ratings by ticket; ``satisfaction_enabled`` false answers as an account
        #: without ratings (403: the requester may not rate).
        self.ratings: dict[int, dict[str, Any]] = {}
        self.satisfaction_enabled = True

    def _user(self, email: str, role: str) -> dict[str, Any]:
        user = {
            "id": next(self.ids),
            "name": email.split("@")[0].title(),
            "email": email,
            "role": role,
            "organization_id": None,
        }
        self.users[email] = user
        return user

    def publish_article(self, section: int, title: str, body: str, labels: list[str]) -> int:
        """An agent's article in a Help Center section, as the Articles API lists it."""
        number = next(self.ids)
        self.sections.setdefault(section, []).append(
            {
                "id": number,
                "title": title,
                "body": body,
                "label_names": labels,
                "draft": False,
                "section_id": section,
                "created_at": stamp(),
                "html_url": f"https://example.zendesk.com/hc/en-us/articles/{number}",
            }
        )
        return number

    def _articles(self, user: dict[str, Any], call: Request, section: str) -> tuple[int, Any]:
        items = self.sections.get(int(section))
        if items is None:
            raise HttpError(404, {"error": "RecordNotFound", "description": "Not found"})
        return 200, {"articles": items, "next_page": None, "count": len(items)}

    def _vote_up(self, user: dict[str, Any], call: Request, article: str) -> tuple[int, Any]:
        given = self.votes.setdefault(int(article), [])
        given[:] = [v for v in given if v[0] != user["id"]] + [(user["id"], 1)]
        vote = {"id": next(self.ids), "item_id": int(article), "item_type": "Article"}
        return 200, {"vote": {**vote, "user_id": user["id"], "value": 1}}

    def authenticate(self, call: Request) -> dict[str, Any]:
        if call.path.startswith("/attachments/token/"):
            return {}  # content_url carries its own token and may live on another host
        name, secret = self.basic(call)
        if name.endswith("/token"):
            ok = bool(self.api_token) and secret == self.api_token
            name = name[: -len("/token")]
        else:
            ok = name in self.passwords and self.passwords[name] == secret
        if not ok or name not in self.users:
            raise HttpError(401, {"error": "Couldn't authenticate you"})
        return self.users[name]

    def routes(self) -> list[tuple[str, str, Handler]]:
        rid = r"/api/v2/requests/(\d+)(?:\.json)?"
        return [
            ("GET", r"/api/v2/users/me(?:\.json)?", lambda u, c: (200, {"user": u})),
            ("GET", r"/api/v2/help_center/sections/(\d+)/articles(?:\.json)?", self._articles),
            ("POST", r"/api/v2/help_center/articles/(\d+)/up(?:\.json)?", self._vote_up),
            ("POST", r"/api/v2/uploads(?:\.json)?", self._upload),
            ("POST", r"/api/v2/requests(?:\.json)?", self._create),
            ("GET", r"/api/v2/requests(?:\.json)?", self._list),
            ("GET", rid, lambda u, c, i: (200, {"request": self._own(u, i)})),
            ("PUT", rid, self._update),
            ("GET", r"/api/v2/requests/(\d+)/comments(?:\.json)?", self._comments),
            ("GET", r"/attachments/token/(\w+)/", self._content),
            ("POST", r"/api/v2/tickets/(\d+)/satisfaction_rating(?:\.json)?", self._rate),
        ]

    # -- support side, for tests ---------------------------------------------------------

    def agent_comment(self, request_id: str, text: str, status: str = "pending") -> None:
        with self._lock:
            self._comment(int(request_id), self.agent_id, text, [])
            self.requests[int(request_id)]["status"] = status

    def set_status(self, request_id: str, status: str) -> None:
        self.requests[int(request_id)]["status"] = status

    # -- handlers ------------------------------------------------------------------------

    def _upload(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        name = call.params.get("filename", "")
        if not name:
            raise HttpError(400, {"error": "InvalidValue", "description": "filename is missing"})
        token = call.params.get("token") or f"tok{next(self.ids)}"
        att_id = next(self.ids)
        self.files[att_id] = call.body
        att = {
            "id": att_id,
            "file_name": name,
            "size": len(call.body),
            "content_type": call.headers.get("content-type", "application/binary"),
            "content_url": f"{self.url}/attachments/token/t{att_id}/?name={name}",
            "inline": False,
            "deleted": False,
            "thumbnails": [],
        }
        self.uploads.setdefault(token, []).append(att)
        answer = {"upload": {"token": token, "attachment": att, "attachments": self.uploads[token]}}
        # Real Zendesk labels this JSON text/plain (tests/backends/recorded/zendesk/).
        return 201, (UPLOAD_TYPE, json.dumps(answer).encode())

    def _create(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        data = self.json_body(call).get("request") or {}
        comment = data.get("comment") or {}
        if not str(data.get("subject") or "").strip():
            raise HttpError(
                422,
                {
                    "error": "RecordInvalid",
                    "description": "Record validation errors",
                    "details": {"subject": [{"description": "Subject: cannot be blank"}]},
                },
            )
        if not comment.get("body"):
            raise HttpError(422, {"error": "RecordInvalid", "description": "Comment: required"})
        request_id = next(self.ids)
        now = stamp()
        fields = [{"id": f["id"], "value": f.get("value")} for f in data.get("custom_fields") or ()]
        if any(f["id"] != self.ticket_field for f in fields):
            raise HttpError(
                422,
                {
                    "error": "RecordInvalid",
                    "description": "Record validation errors",
                    "details": {"base": [{"description": "Unknown ticket field"}]},
                },
            )
        self.requests[request_id] = {
            "id": request_id,
            "url": f"{self.url}/api/v2/requests/{request_id}.json",
            "subject": data["subject"],
            "description": comment["body"],
            "status": "new",
            "priority": data.get("priority"),
            "type": data.get("type"),
            "requester_id": user["id"],
            "submitter_id": user["id"],
            "assignee_id": self.agent_id if self.assign_on_create else None,
            "organization_id": None,
            "group_id": None,
            "collaborator_ids": [],
            "custom_fields": fields,
            "custom_status_id": None,
            "can_be_solved_by_me": self.assign_on_create,
            "solved": False,
            "is_public": True,
            "created_at": now,
            "updated_at": now,
            "via": {"channel": "api"},
        }
        self.comments[request_id] = []
        self._comment(request_id, user["id"], comment["body"], comment.get("uploads") or [])
        return 201, {"request": self.requests[request_id]}

    def _list(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        mine = sorted(
            (r for r in self.requests.values() if r["requester_id"] == user["id"]),
            key=lambda r: r["id"],
        )
        size = min(int(call.params.get("page[size]", 100)), self.max_page)
        after = int(call.params.get("page[after]", 0) or 0)
        page = [r for r in mine if r["id"] > after][:size]
        more = bool(page) and page[-1]["id"] < mine[-1]["id"]
        cursor = str(page[-1]["id"]) if page else None
        nxt = (
            f"{self.url}/api/v2/requests.json?page[size]={size}&page[after]={cursor}"
            if more
            else None
        )
        return 200, {
            "requests": page,
            "meta": {"has_more": more, "after_cursor": cursor, "before_cursor": None},
            "links": {"next": nxt, "prev": None},
        }

    def _update(self, user: dict[str, Any], call: Request, request_id: str) -> tuple[int, Any]:
        req = self._own(user, request_id)
        data = self.json_body(call).get("request") or {}
        comment = data.get("comment") or {}
        if req["status"] == "closed":
            raise HttpError(
                422,
                {"error": "RecordInvalid", "description": "Status: closed prevents ticket update"},
            )
        if data.get("solved") and not comment.get("body"):
            # As reported from a real account in issue 16 (no public recording of it found).
            raise HttpError(
                406,
                {
                    "error": "CommentRequired",
                    "description": "A comment is required to solve the request",
                },
            )
        if comment.get("body"):
            self._comment(req["id"], user["id"], comment["body"], comment.get("uploads") or [])
            if req["status"] in ("solved", "pending"):
                req["status"] = "open"
        if data.get("solved") and req["can_be_solved_by_me"]:
            req["status"], req["solved"] = "solved", True  # otherwise silently ignored
        req["updated_at"] = stamp()
        return 200, {"request": req}

    def _comments(self, user: dict[str, Any], call: Request, request_id: str) -> tuple[int, Any]:
        self._own(user, request_id)
        items = self.comments[int(request_id)]
        return 200, {
            "comments": items,
            "meta": {"has_more": False, "after_cursor": None},
            "links": {"next": None},
            "next_page": None,
            "previous_page": None,
            "count": len(items),
        }

    def _content(self, user: dict[str, Any], call: Request, token: str) -> tuple[int, Any]:
        data = self.files.get(int(token.lstrip("t")))
        if data is None:
            raise HttpError(404, {"error": "RecordNotFound"})
        return 200, ("application/octet-stream", data)

    def _rate(self, user: dict[str, Any], call: Request, ticket_id: str) -> tuple[int, Any]:
        """Create a Satisfaction Rating: "Only the end user listed as the ticket requester can
        create a satisfaction rating for the ticket", score "good" or "bad", optional comment;
        for a solved ticket (developer.zendesk.com/api-reference/ticketing/ticket-management/
        satisfaction_ratings/#create-a-satisfaction-rating)."""
        req = self._own(user, ticket_id)
        if not self.satisfaction_enabled:
            raise HttpError(403, {"error": "Forbidden", "description": "You do not have access"})
        if req["status"] not in ("solved", "closed"):
            raise HttpError(422, {"error": "RecordInvalid", "description": "Ticket not solved"})
        rated = self.json_body(call).get("satisfaction_rating") or {}
        if rated.get("score") not in ("good", "bad"):
            raise HttpError(422, {"error": "RecordInvalid", "description": "Score is invalid"})
        rating = {
            "id": next(self.ids),
            "ticket_id": req["id"],
            "requester_id": user["id"],
            "score": rated["score"],
            "comment": rated.get("comment", ""),
            "created_at": stamp(),
        }
        self.ratings[req["id"]] = rating
        return 200, {"satisfaction_rating": rating}

    # -- storage -------------------------------------------------------------------------

    def _own(self, user: dict[str, Any], request_id: str) -> dict[str, Any]:
        req = self.requests.get(int(request_id))
        if req is None or req["requester_id"] != user["id"]:
            raise HttpError(404, {"error": "RecordNotFound", "description": "Not found"})
        return req

    def _comment(self, request_id: int, author_id: int, body: str, tokens: list[str]) -> None:
        attachments = [a for t in tokens for a in self.uploads.pop(t, [])]
        now = stamp()
        self.comments[request_id].append(
            {
                "id": next(self.ids),
                "type": "Comment",
                "request_id": request_id,
                "body": body,
                "html_body": f"<p>{body}</p>",
                "plain_body": body,
                "public": True,
                "author_id": author_id,
                "attachments": attachments,
                "created_at": now,
            }
        )
        self.requests[request_id]["updated_at"] = now
