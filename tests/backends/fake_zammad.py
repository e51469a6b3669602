"""A stateful Zammad on 127.0.0.1, answering ``/api/v1`` for the Customer role in documented shapes.

Shapes follow the Zammad API docs (zammad/zammad-documentation, published at docs.zammad.org):
https://docs.zammad.org/en/latest/api/intro.html (Basic and ``Token token=`` auth, ``expand``),
https://docs.zammad.org/en/latest/api/ticket/index.html (list, search, show, create, update),
https://docs.zammad.org/en/latest/api/ticket/articles.html (by_ticket, create with base64
attachments, ``/ticket_attachment/{ticket}/{article}/{id}``),
https://docs.zammad.org/en/latest/api/ticket/states.html and
https://docs.zammad.org/en/latest/api/user.html (``/users/me``). A customer may set only
``open`` or ``closed`` on an existing ticket (state category ``viewable_customer_edit``).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from tests.backends.fake_base import Handler, HttpError, Request, RoutedFake, stamp

STATES = {1: "new", 2: "open", 3: "pending reminder", 4: "closed", 5: "merged", 7: "pending close"}
CUSTOMER_EDIT = ("open", "closed")
ROLE_ADMIN, ROLE_AGENT, ROLE_CUSTOMER = 1, 2, 3


class FakeZammad(RoutedFake):
    """Customers sign in with ``login:password`` or a personal access token."""

    gzip_json = True  # as recorded from the real service

    def __init__(
        self,
        passwords: dict[str, str],
        tokens: dict[str, str] | None = None,
        groups: tuple[str, ...] = ("Users", "Support"),
        ref_attribute: str = "",
    ) -> None:
        super().__init__()
        self.passwords = passwords
        self.tokens = tokens or {}
        self.groups = {name: n + 1 for n, name in enumerate(groups)}
        self.ref_attribute = ref_attribute
        #: Give internal articles to customers too, as a misconfigured proxy might.
        self.leak_internal = False
        self.users: dict[str, dict[str, Any]] = {}
        for login in passwords:
            self._user(login, [ROLE_CUSTOMER])
        self.agent = self._user("agent@support.example", [ROLE_AGENT])
        self.tickets: dict[int, dict[str, Any]] = {}
        self.articles: dict[int, list[dict[str, Any]]] = {}
        self.files: dict[int, tuple[str, bytes]] = {}

    def _user(self, login: str, roles: list[int]) -> dict[str, Any]:
        first = login.split("@")[0].title()
        user = {
            "id": next(self.ids),
            "login": login,
            "firstname": first,
            "lastname": "Example",
            "email": login,
            "organization_id": None,
            "active": True,
            "role_ids": roles,
            "created_at": stamp(),
            "updated_at": stamp(),
        }
        self.users[login] = user
        return user

    def authenticate(self, call: Request) -> dict[str, Any]:
        header = call.headers.get("authorization", "")
        if header.startswith("Token token="):
            login = self.tokens.get(header[len("Token token=") :], "")
        else:
            name, secret = self.basic(call)
            login = name if name and self.passwords.get(name) == secret else ""
        if login not in self.users:
            raise HttpError(401, {"error": "authentication failed"})
        return self.users[login]

    def routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("GET", r"/api/v1/users/me", lambda u, c: (200, u)),
            ("POST", r"/api/v1/tickets", self._create),
            ("GET", r"/api/v1/tickets", self._list),
            ("GET", r"/api/v1/tickets/search", self._search),
            (
                "GET",
                r"/api/v1/tickets/(\d+)",
                lambda u, c, i: (200, self._show(self._own(u, i), c)),
            ),
            ("PUT", r"/api/v1/tickets/(\d+)", self._update),
            ("GET", r"/api/v1/ticket_articles/by_ticket/(\d+)", self._by_ticket),
            ("POST", r"/api/v1/ticket_articles", self._article_post),
            ("GET", r"/api/v1/ticket_attachment/(\d+)/(\d+)/(\d+)", self._download),
        ]

    # -- support side, for tests ---------------------------------------------------------

    def agent_article(
        self,
        ticket_id: str,
        text: str,
        internal: bool = False,
        state: str = "open",
        content_type: str = "text/plain",
    ) -> None:
        with self._lock:
            self._add_article(
                int(ticket_id),
                self.agent,
                {"body": text, "internal": internal, "type": "note", "content_type": content_type},
                "Agent",
            )
            self.set_state(ticket_id, state)

    def set_state(self, ticket_id: str, name: str) -> None:
        state_id = next(i for i, n in STATES.items() if n == name)
        self.tickets[int(ticket_id)].update(state_id=state_id, updated_at=stamp())

    # -- handlers ------------------------------------------------------------------------

    def _create(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        data = self.json_body(call)
        if not str(data.get("title") or "").strip():
            raise HttpError(
                422, {"error": "Title can't be blank", "error_human": "Title can't be blank"}
            )
        if data.get("group") not in self.groups:
            raise HttpError(
                422, {"error": f"No lookup value found for 'group': \"{data.get('group')}\""}
            )
        if "customer_id" in data or "customer" in data:
            raise HttpError(403, {"error": "Not authorized (customer may not set customer)"})
        ticket_id = next(self.ids)
        now = stamp()
        ticket = {
            "id": ticket_id,
            "group_id": self.groups[data["group"]],
            "priority_id": 2,
            "state_id": 1,
            "organization_id": None,
            "number": str(31000 + ticket_id),
            "title": data["title"],
            "owner_id": 1,
            "customer_id": user["id"],
            "note": None,
            "article_count": 0,
            "created_by_id": user["id"],
            "updated_by_id": user["id"],
            "created_at": now,
            "updated_at": now,
            "preferences": {},
        }
        if self.ref_attribute:
            ticket[self.ref_attribute] = data.get(self.ref_attribute)
        self.tickets[ticket_id] = ticket
        self.articles[ticket_id] = []
        self._add_article(ticket_id, user, data.get("article") or {}, "Customer")
        return 201, dict(ticket, article_ids=[a["id"] for a in self.articles[ticket_id]])

    def _list(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        mine = [t for t in self.tickets.values() if t["customer_id"] == user["id"]]
        per_page = min(int(call.params.get("per_page", 50)), 100)
        page = int(call.params.get("page", 1))
        chunk = mine[(page - 1) * per_page : page * per_page]  # ordered by id ascending
        return 200, [self._show(t, call) for t in chunk]

    def _search(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        """A plain substring match over title, articles and attributes (Elasticsearch-free)."""
        words = call.params.get("query", "").replace('"', "").split(":")[-1].strip()
        hits = []
        for t in self.tickets.values():
            if t["customer_id"] != user["id"]:
                continue
            text = " ".join(
                [str(v) for v in t.values()] + [a["body"] for a in self.articles[t["id"]]]
            )
            if words and words in text:
                hits.append(t)
        limit = int(call.params.get("limit", 10))
        hits = hits[:limit]
        if call.params.get("expand") == "true":
            return 200, [self._show(t, call) for t in hits]
        return 200, {
            "tickets": [t["id"] for t in hits],
            "tickets_count": len(hits),
            "assets": {"Ticket": {str(t["id"]): t for t in hits}},
        }

    def _update(self, user: dict[str, Any], call: Request, ticket_id: str) -> tuple[int, Any]:
        ticket = self._own(user, ticket_id)
        data = self.json_body(call)
        state = data.get("state")
        if state is not None and state not in CUSTOMER_EDIT:
            raise HttpError(
                422,
                {
                    "error": f"Invalid value for param 'state': \"{state}\"",
                    "error_human": "The state is not allowed for customers.",
                },
            )
        if data.get("article"):
            self._add_article(ticket["id"], user, data["article"], "Customer")
        if state:
            self.set_state(ticket_id, state)
        return 200, self._show(ticket, call)

    def _by_ticket(self, user: dict[str, Any], call: Request, ticket_id: str) -> tuple[int, Any]:
        self._own(user, ticket_id)
        return 200, [
            a for a in self.articles[int(ticket_id)] if self.leak_internal or not a["internal"]
        ]

    def _article_post(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        data = self.json_body(call)
        ticket = self._own(user, str(data.get("ticket_id")))
        if data.get("internal"):
            raise HttpError(
                403, {"error": "Not authorized (customer may not write internal articles)"}
            )
        return 201, self._add_article(ticket["id"], user, data, "Customer")

    def _download(
        self, user: dict[str, Any], call: Request, ticket_id: str, article_id: str, att_id: str
    ) -> tuple[int, Any]:
        self._own(user, ticket_id)
        article = next(
            (a for a in self.articles[int(ticket_id)] if a["id"] == int(article_id)), None
        )
        if article is None or int(att_id) not in {a["id"] for a in article["attachments"]}:
            raise HttpError(404, {"error": "No such attachment"})
        return 200, self.files[int(att_id)]

    # -- storage -------------------------------------------------------------------------

    def _own(self, user: dict[str, Any], ticket_id: str) -> dict[str, Any]:
        ticket = self.tickets.get(int(ticket_id))
        if ticket is None or ticket["customer_id"] != user["id"]:
            raise (
                HttpError(403, {"error": "Not authorized"})
                if ticket
                else HttpError(404, {"error": f"Couldn't find Ticket with 'id'={ticket_id}"})
            )
        return ticket

    def _show(self, ticket: dict[str, Any], call: Request) -> dict[str, Any]:
        shown = dict(ticket, article_ids=[a["id"] for a in self.articles[ticket["id"]]])
        if call.params.get("expand") == "true":
            group = next(n for n, i in self.groups.items() if i == ticket["group_id"])
            shown.update(
                state=STATES[ticket["state_id"]],
                group=group,
                priority="2 normal",
                customer=next(
                    u["login"] for u in self.users.values() if u["id"] == ticket["customer_id"]
                ),
            )
        return shown

    def _add_article(
        self, ticket_id: int, author: dict[str, Any], data: dict[str, Any], sender: str
    ) -> dict[str, Any]:
        article_id = next(self.ids)
        attachments = []
        for att in data.get("attachments") or ():
            try:
                content = base64.b64decode(att["data"], validate=True)
            except (binascii.Error, KeyError):
                raise HttpError(422, {"error": "Attachment data is not valid base64"}) from None
            att_id = next(self.ids)
            ctype = att.get("mime-type") or "application/octet-stream"
            self.files[att_id] = (ctype, content)
            attachments.append(
                {
                    "id": att_id,
                    "filename": att.get("filename"),
                    "size": str(len(content)),
                    "preferences": {"Mime-Type": ctype, "Content-Type": ctype},
                }
            )
        now = stamp()
        article = {
            "id": article_id,
            "ticket_id": ticket_id,
            "type": data.get("type", "web"),
            "sender": sender,
            "from": f"{author['firstname']} {author['lastname']}",
            "to": "",
            "cc": "",
            "subject": data.get("subject"),
            "body": str(data.get("body") or ""),
            "content_type": data.get("content_type", "text/plain"),
            "internal": bool(data.get("internal")),
            "created_by_id": author["id"],
            "updated_by_id": author["id"],
            "attachments": attachments,
            "created_at": now,
            "updated_at": now,
        }
        self.articles[ticket_id].append(article)
        self.tickets[ticket_id].update(updated_at=now, article_count=len(self.articles[ticket_id]))
        return article
