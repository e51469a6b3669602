"""The Zendesk adapter against answers real Zendesk gave zenpy's test suite (2023-2024).

Recorded in tests/backends/recorded/zendesk/zenpy.json; its SOURCE file names the
cassettes and what was changed (agent endpoints' answers served as the end user's).
Solving and reopening have no public recording and are tested against the fake only
(tests/backends/test_zendesk.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from app.backends.zendesk import ZendeskBackend
from app.core.helpdesk import PermissionDenied
from app.core.model import NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.fixtures import attach_file
from tests.backends.replay import ReplayServer, load

REC = load("zendesk", "zenpy")
#: The accounts the cassettes were recorded on; their URLs in bodies point back here.
HOSTS = (
    "https://d3v-zenpydev.zendesk.com",
    "https://z3n-jteitelbaum.zendesk.com",
    "https://z3npuddn.zendesk.com",
)
ME = "users/me (authenticity_token removed)"
CREATE = "create (tickets.json answer, key renamed)"
UPDATE = "update (tickets/4016.json answer, key renamed)"


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer(hosts=HOSTS) as srv:
        srv.answer("GET", "/api/v2/users/me.json", REC[ME])
        yield srv
    assert srv.unanswered == [], "a call the recordings do not cover"


def _backend(server: ReplayServer, **options: object) -> ZendeskBackend:
    # The recorded account is an admin: as an end user's would be, its role is checked.
    options.setdefault("allow_shared_credentials", True)
    return ZendeskBackend(
        server.url,
        username="casey@example.org",
        password="pw",
        config={"backend.timeout_seconds": 5},
        **options,
    )  # type: ignore[arg-type]


def _ticket(*attachments: object) -> NewTicket:
    return NewTicket(
        subject="example ticket",
        body="Some comment",
        requester=Requester(name="Casey", email="casey@example.org"),
        client_ref=str(uuid.uuid4()),
        attachments=attachments,
    )  # type: ignore[arg-type]


def _with_file(server: ReplayServer) -> None:
    server.answer("POST", "/api/v2/uploads.json", REC["upload 2024"])
    server.answer("POST", "/api/v2/requests.json", REC[CREATE])


def test_recorded_sign_in_is_read_and_the_admin_role_refused(server: ReplayServer) -> None:
    """GET /api/v2/users/me.json, gzip-encoded as recorded."""
    refused = _backend(server, allow_shared_credentials=False)
    with pytest.raises(PermissionDenied):
        refused.whoami()
    me = _backend(server).whoami()
    assert me.email == "automationsqa@z3nmail.com" and me.customer_id == "6130907993114"


def test_create_with_a_file(server: ReplayServer, tmp_path: Path) -> None:
    """The recorded upload answer is 201 text/plain; its token rides on the create."""
    _with_file(server)
    created = _backend(server).create(_ticket(attach_file(tmp_path, "README.md", b"# x\n")))
    assert (created.id, created.subject, created.status) == ("33", "example ticket", Status.NEW)
    assert REC["upload 2024"].header("Content-Type") == "text/plain; charset=utf-8"
    (upload,) = server.calls("POST", "/api/v2/uploads.json")
    assert parse_qs(upload.query)["filename"] == ["README.md"] and upload.body == b"# x\n"
    (sent,) = server.calls("POST", "/api/v2/requests.json")
    assert json.loads(sent.body)["request"]["comment"]["uploads"] == ["uIMhPFteaq1vsQy08sTW3lXVQ"]


def test_thread_with_its_file(server: ReplayServer) -> None:
    """GET the request, then its comments (gzip, cursor meta with has_more false)."""
    server.answer("GET", "/api/v2/requests/33.json", REC[CREATE])
    server.answer("GET", "/api/v2/requests/33/comments.json", REC["comments"])
    (message,) = _backend(server).messages("33")
    assert message.body == "Some comment" and message.from_requester
    (file,) = message.attachments
    assert (file.filename, file.size) == ("README.md", 15156)
    assert file.backend_id.startswith(server.url + "/attachments/token/")


def test_reply_with_a_file(server: ReplayServer, tmp_path: Path) -> None:
    """The 2023 upload answer, then the recorded update answer (200, gzip)."""
    server.answer("POST", "/api/v2/uploads.json", REC["upload 2023"])
    server.answer("PUT", "/api/v2/requests/33.json", REC[UPDATE])
    server.answer("GET", "/api/v2/requests/33.json", REC[CREATE])
    server.answer("GET", "/api/v2/requests/33/comments.json", REC["comments"])
    sent = _backend(server).reply("33", "Some comment", [attach_file(tmp_path, "a.txt", b"a")])
    assert sent.body == "Some comment"
    (put,) = server.calls("PUT", "/api/v2/requests/33.json")
    assert json.loads(put.body)["request"]["comment"]["uploads"] == ["NibC5xVW8SGzBilKpocGZud8c"]


def test_list(server: ReplayServer) -> None:
    """91 requests on one cursor page (has_more false), newest update first."""
    server.answer("GET", "/api/v2/requests.json", REC["list (tickets.json, key renamed)"])
    tickets = _backend(server).list_mine()
    assert len(tickets) == 91 and len({t.id for t in tickets}) == 91
    assert tickets == sorted(tickets, key=lambda t: t.updated_at, reverse=True)


def test_cursor_links_are_followed(server: ReplayServer) -> None:
    """Pages of one (the server may send fewer than asked), each ``links.next`` followed."""
    pages = [REC[f"cursor page {n} (tickets.json, key renamed)"] for n in (1, 2, 3)]
    # The recorded links name the agent endpoint they came from (tickets.json).
    server.answer("GET", "/api/v2/(requests|tickets).json", *pages)
    backend = _backend(server)
    items = list(backend._pages("requests.json", "requests", {"page[size]": 1}, limit=3))
    assert [i["id"] for i in items] == [1, 2, 3]
    calls = server.calls("GET", "/api/v2/(requests|tickets).json")
    assert [parse_qs(c.query).get("page[after]") for c in calls] == [
        None,
        [pages[0].data()["meta"]["after_cursor"]],
        [pages[1].data()["meta"]["after_cursor"]],
    ]


def test_outbox_files_once_against_the_recorded_answers(
    server: ReplayServer, tmp_path: Path
) -> None:
    """Issue 16: with the real upload answer the request is made once, its file sent once."""
    _with_file(server)
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.0, retry_max_seconds=0.0)
    wanted = _ticket(attach_file(tmp_path / "in", "README.md", b"# x\n"))
    outbox.add_ticket(wanted)
    backend = _backend(server)
    sent = outbox.deliver(wanted.client_ref, backend)
    assert sent is not None and sent.state is State.SENT and sent.ticket_id == "33"
    outbox.deliver_due(backend)
    assert len(server.calls("POST", "/api/v2/uploads.json")) == 1
    assert len(server.calls("POST", "/api/v2/requests.json")) == 1


def test_recorded_rate_limit_headers_read_as_seconds() -> None:
    """Zendesk's ``ratelimit-reset: 50`` (lower case, seconds) as recorded on an upload."""
    from requests.structures import CaseInsensitiveDict

    from app.backends.http import retry_wait

    headers = CaseInsensitiveDict(dict(REC["upload 2024"].headers))
    assert headers["ratelimit-reset"] == "50" and retry_wait(headers) == 50.0
