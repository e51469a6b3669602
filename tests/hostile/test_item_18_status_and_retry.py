"""Issue 17, "And:": an odd 2xx/3xx with an error body is no success; Retry-After is capped.

Until now any status below 400 counted as success, so a 203 carrying ``{"error": ...}``
or a 302 with no Location was read as the helpdesk's data. Waits the server asks for are
capped at one hour (app.backends.http.MAX_RETRY_WAIT) wherever they are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends import http
from app.backends.helpline_http import HelplineHttpBackend
from app.core.helpdesk import PermanentError, RateLimited
from app.core.model import Attachment
from tests.hostile.server import HostileServer, reply


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (203, b'{"error": "ticket was not created"}'),
        (299, b'{"errors": ["quota exceeded"]}'),
        (302, b'{"id": "1", "subject": "not really"}'),  # a redirect without Location
        (300, b"{}"),
    ],
)
def test_an_odd_success_status_with_an_error_is_refused(
    server: HostileServer, status: int, body: bytes
) -> None:
    server.on("GET", "/v1/me", lambda h: reply(h, status, body))
    backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
    with pytest.raises(PermanentError) as info:
        backend.whoami()
    assert info.value.code == "bad_answer"


def test_a_203_with_data_is_still_data(server: HostileServer) -> None:
    """A proxy's 203 (non-authoritative) over good data stays usable."""
    server.on("GET", "/v1/me", lambda h: reply(h, 203, b'{"name": "Alice"}'))
    backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
    assert backend.whoami().name == "Alice"


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "99999999999"},
        {"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"},
        {"X-RateLimit-Reset": "99999999999"},
    ],
)
def test_retry_after_is_capped(server: HostileServer, headers: dict[str, str]) -> None:
    server.on("GET", "/v1/me", lambda h: reply(h, 429, b"{}", headers))
    backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
    with pytest.raises(RateLimited) as info:
        backend.whoami()
    assert info.value.wait_seconds == http.MAX_RETRY_WAIT == 3600


def test_a_download_answered_with_an_error_body_saves_no_file(
    server: HostileServer, tmp_path: Path
) -> None:
    server.on("GET", "/v1/attachments/a1", lambda h: reply(h, 203, b'{"error": "no such file"}'))
    backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
    with pytest.raises(PermanentError):
        backend.download(Attachment("notes.txt", 0, backend_id="a1"), tmp_path / "saved")
    assert list((tmp_path / "saved").iterdir()) == []
