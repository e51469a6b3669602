"""The GitHub adapter against answers api.github.com gave PyGithub's test suite.

Recorded in tests/backends/recorded/github/pygithub.json (2012, 2024 and 2025; see its
SOURCE). GitHub issues take no files, so "with attachments" is the adapter's refusal
before any call, tested in tests/backends/test_github.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from app.backends.github import GitHubBackend
from app.core.model import NewTicket, Requester, Status
from tests.backends.replay import ReplayServer, load

REC = load("github", "pygithub")
REPO = "/repos/PyGithub/PyGithub"


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer(hosts=("https://api.github.com",)) as srv:
        srv.answer("GET", "/user", REC["user"])
        yield srv
    assert srv.unanswered == [], "a call the recordings do not cover"


@pytest.fixture
def backend(server: ReplayServer) -> Iterator[GitHubBackend]:
    b = GitHubBackend(
        server.url, project="PyGithub/PyGithub", token="t", config={"backend.timeout_seconds": 5}
    )
    yield b
    b.close()


def test_create(server: ReplayServer, backend: GitHubBackend) -> None:
    """POST /repos/{owner}/{repo}/issues: 201 with a Location header."""
    server.answer("POST", f"{REPO}/issues", REC["create issue 28"])
    ticket = NewTicket(
        subject="Issue created by PyGithub",
        body="",
        requester=Requester(name="V"),
        client_ref=str(uuid.uuid4()),
    )
    created = backend.create(ticket)
    assert (created.id, created.status, created.is_open) == ("28", Status.OPEN, True)
    assert backend.whoami().customer_id == "jacquev6"


def test_list(server: ReplayServer, backend: GitHubBackend) -> None:
    """One page, no Link header: the list ends there. These 2012 answers carry a
    ``pull_request`` object with null links on every plain issue."""
    server.answer("GET", f"{REPO}/issues", REC["list"])
    tickets = backend.list_mine()
    assert len(tickets) == 16 and all(t.id.isdigit() for t in tickets)
    (call,) = server.calls("GET", f"{REPO}/issues")
    assert "creator=jacquev6" in call.query and "state=all" in call.query


def test_thread_follows_link_pages(server: ReplayServer, backend: GitHubBackend) -> None:
    """Comments in pages of three; ``Link: rel="next"`` leads to /repositories/{id}/…"""
    server.answer("GET", f"{REPO}/issues/1136", REC["issue 1136"])
    server.answer(
        "GET",
        rf"({REPO}|/repositories/3544490)/issues/1136/comments",
        *(REC[f"comments of 1136 page {n}"] for n in (1, 2, 3)),
    )
    thread = backend.messages("1136")
    assert len(thread) == 1 + 7
    assert [m.id for m in thread[1:4]] == ["520169504", "1879739410", "1879763065"]
    assert thread[-1].id == "2016818677" and thread[-1].author == "engn33r"
    pages = server.calls("GET", r".*/issues/1136/comments")
    assert [c.path for c in pages][1:] == ["/repositories/3544490/issues/1136/comments"] * 2


def test_reply(server: ReplayServer, backend: GitHubBackend) -> None:
    server.answer("POST", f"{REPO}/issues/28/comments", REC["comment on 28"])
    sent = backend.reply("28", "Comment created by PyGithub")
    assert sent.id == "5808311" and sent.from_requester
    (call,) = server.calls("POST", f"{REPO}/issues/28/comments")
    assert json.loads(call.body) == {"body": "Comment created by PyGithub"}


def test_resolve_then_reopen(server: ReplayServer, backend: GitHubBackend) -> None:
    """PATCH the issue's state; the answer says what GitHub kept (here: not planned)."""
    server.answer("PATCH", f"{REPO}/issues/28", REC["close 28"], REC["reopen 28"])
    closed = backend.set_resolved("28")
    assert closed.status is Status.CLOSED and not closed.is_open  # state_reason not_planned
    assert backend.reopen("28").status is Status.OPEN
    sent = [json.loads(c.body)["state"] for c in server.calls("PATCH", f"{REPO}/issues/28")]
    assert sent == ["closed", "open"]


def test_thread_of_a_closed_issue(server: ReplayServer, backend: GitHubBackend) -> None:
    server.answer("GET", f"{REPO}/issues/28", REC["issue 28"])
    server.answer("GET", f"{REPO}/issues/28/comments", REC["comments of 28"])
    assert backend.get("28").status is not Status.OPEN
    assert [m.author for m in backend.messages("28")][1:] == ["jacquev6", "roskakori"]


def test_recorded_rate_limit_reset_is_a_unix_time() -> None:
    """GitHub's ``X-RateLimit-Reset`` is a UNIX time: the wait is counted from the answer's
    own Date (recorded 2024-03-24)."""
    import email.utils

    from requests.structures import CaseInsensitiveDict

    from app.backends.http import retry_wait

    exchange = REC["comments of 1136 page 1"]
    headers = CaseInsensitiveDict(dict(exchange.headers))
    sent = email.utils.parsedate_to_datetime(exchange.header("Date")).timestamp()
    assert retry_wait(headers, now=sent) == 1711294214 - sent
