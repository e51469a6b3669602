"""Issue 17, item 2: credentials go to the helpdesk's origin (scheme, host, port) only.

Two HostileServers on 127.0.0.1 are two origins (their ports differ): ``desk`` is the
helpdesk, ``elsewhere`` is where a hostile answer tries to send Helpline with its sign-in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.backends import http
from app.backends.github import GitHubBackend
from app.backends.gitlab import GitLabBackend
from app.backends.jira import JiraBackend
from app.core.helpdesk import NotFound, PermanentError
from app.core.model import Attachment
from tests.hostile.server import HostileServer, reply

SECRET_HEADERS = ("PRIVATE-TOKEN", "X-Redmine-API-Key", "App-Token", "Session-Token", "Cookie")


@pytest.fixture
def desk() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def elsewhere() -> Iterator[HostileServer]:
    with HostileServer() as server:
        server.on("GET", "/steal", lambda h: reply(h, 200, b'{"id": 1, "username": "x"}'))
        yield server


def _redirect(to: str, status: int = 302) -> object:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        reply(handler, status, b"", {"Location": to})

    return respond


def _sent(server: HostileServer) -> set[str]:
    return {name.lower() for seen in server.seen for name in seen.headers}


def test_a_redirect_to_another_origin_carries_no_credential_of_any_adapter(
    desk: HostileServer, elsewhere: HostileServer
) -> None:
    """requests stripped only Authorization: every other sign-in header went on."""
    desk.on("GET", "/start", _redirect(elsewhere.url + "/steal"))
    session = http.make_session(retries=0, home=desk.url)
    session.auth = ("user", "secret-password")
    for name in SECRET_HEADERS:
        session.headers[name] = f"{name}-value"
    http.send(session, "GET", desk.url + "/start")
    assert {n.lower() for n in SECRET_HEADERS} | {"authorization"} <= _sent(desk)
    assert elsewhere.seen, "the redirect was followed"
    leaked = _sent(elsewhere) & ({n.lower() for n in SECRET_HEADERS} | {"authorization"})
    assert not leaked


def test_gitlab_token_does_not_follow_a_redirect(
    desk: HostileServer, elsewhere: HostileServer
) -> None:
    desk.on("GET", "/api/v4/user", _redirect(elsewhere.url + "/steal", 307))
    backend = GitLabBackend(desk.url, project="it/help", token="glpat-very-secret")
    backend.whoami()
    assert elsewhere.seen and "private-token" not in _sent(elsewhere)


def test_a_next_page_on_another_origin_is_refused(
    desk: HostileServer, elsewhere: HostileServer
) -> None:
    """GitHub's Link: rel="next" to another host was followed with the token."""
    desk.on("GET", "/user", lambda h: reply(h, 200, b'{"login": "me", "id": 7}'))
    link = f'<{elsewhere.url}/steal>; rel="next"'
    desk.on(
        "GET",
        "/repos/it/help/issues",
        lambda h: reply(h, 200, json.dumps([]).encode(), {"Link": link}),
    )
    backend = GitHubBackend(desk.url, project="it/help", token="ghp_very_secret_token")
    with pytest.raises(PermanentError) as info:
        backend.list_mine()
    assert info.value.code == "bad_answer"
    assert not elsewhere.seen


def test_https_never_becomes_http(elsewhere: HostileServer) -> None:
    """An http:// link (or redirect) from an https helpdesk is refused before connecting."""
    session = http.make_session(retries=0, home="https://desk.example")
    session.auth = ("user", "secret-password")
    with pytest.raises(PermanentError):
        http.send(session, "GET", elsewhere.url + "/steal")
    assert not elsewhere.seen


def test_jira_download_compares_the_scheme_not_only_the_host(tmp_path: Path) -> None:
    """An http:// link on the https helpdesk's own host would carry Basic in clear text."""
    backend = JiraBackend("https://desk.invalid", username="me", token="jira-secret")
    backend._me = {"accountId": "me"}  # signed in already
    clear = Attachment("x.txt", 3, backend_id="http://desk.invalid/secure/attachment/1/x.txt")
    with pytest.raises(NotFound) as info:
        backend.download(clear, tmp_path)
    assert info.value.code == "file_not_stored"
