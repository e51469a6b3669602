"""The Zammad adapter against answers a real Zammad gave zammad_py's test suite (2025-05).

Recorded in tests/backends/recorded/zammad/zammad_py.json (see its SOURCE). The
recordings hold sign-in, the ticket list, search and create; articles (the thread,
replies, files) and state changes were never recorded there, so those stay tested
against tests/backends/fake_zammad.py only.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from app.backends.zammad import ZammadBackend
from app.core.helpdesk import PermissionDenied
from app.core.model import NewTicket, Requester
from tests.backends.fixtures import attach_file
from tests.backends.replay import ReplayServer, load

REC = load("zammad", "zammad_py")


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer(hosts=("http://localhost:8080",)) as srv:
        srv.answer("GET", "/api/v1/users/me", REC["users/me"])
        yield srv
    assert srv.unanswered == [], "a call the recordings do not cover"


def _backend(server: ReplayServer, **options: object) -> ZammadBackend:
    # The recorded account holds the Admin and Agent roles, which are checked as recorded.
    options.setdefault("allow_shared_credentials", True)
    return ZammadBackend(
        server.url, token="t", group="Users", config={"backend.timeout_seconds": 5}, **options
    )  # type: ignore[arg-type]


def test_sign_in_reads_roles_from_the_gzip_answer(server: ReplayServer) -> None:
    with pytest.raises(PermissionDenied):
        _backend(server, allow_shared_credentials=False).whoami()
    me = _backend(server).whoami()
    assert (me.email, me.customer_id) == ("johndoe@example.com", "3")


def test_list_keeps_only_my_own_tickets(server: ReplayServer) -> None:
    """GET /api/v1/tickets?expand=true: an agent sees everyone's; My requests shows only
    the signed-in user's (the one recorded ticket is Nicole's, customer 2)."""
    server.answer("GET", "/api/v1/tickets", REC["tickets page 1"])
    assert REC["tickets page 1"].data()[0]["customer_id"] == 2
    assert _backend(server).list_mine() == []
    (call,) = server.calls("GET", "/api/v1/tickets")
    assert parse_qs(call.query)["expand"] == ["true"]


def test_create_with_a_file(server: ReplayServer, tmp_path: Path) -> None:
    """POST /api/v1/tickets answered 201 (not gzip), then the ticket read back. Only the
    create's own answer was recorded for ticket 5, so it also answers the read-back."""
    server.answer("POST", "/api/v1/tickets", REC["create"])
    server.answer("GET", "/api/v1/tickets/5", REC["create"])
    ticket = NewTicket(
        subject="some new title",
        body="some body",
        requester=Requester(name="John"),
        client_ref=str(uuid.uuid4()),
        attachments=(attach_file(tmp_path, "a.txt", b"abc"),),
    )
    created = _backend(server).create(ticket)
    assert (created.id, created.display_ref, created.subject) == (
        "5",
        "Ticket#77005",
        "some new title",
    )
    (sent,) = server.calls("POST", "/api/v1/tickets")
    article = json.loads(sent.body)["article"]
    assert article["attachments"][0] == {
        "filename": "a.txt",
        "mime-type": "text/plain",
        "data": "YWJj",
    }
