"""Issue 17, item 8: values a server chooses are clamped or checked where they enter.

A Retry-After of 3,000,000 s overflowed Qt's 32-bit millisecond timer in the poller;
capabilities of the wrong type reached the window; one date out of range blanked the
whole list. Each is met here through Helpline's own protocol (app/backends/helpline_http).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from app.backends.helpline_http import HelplineHttpBackend
from app.core.cache import TicketCache
from app.core.helpdesk import RateLimited
from app.core.polling import Poller
from tests.hostile.server import HostileServer, reply

QT_TIMER_MAX_MS = 2**31 - 1


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def _backend(server: HostileServer) -> HelplineHttpBackend:
    return HelplineHttpBackend(server.url, "tok-alice", retries=0)


def test_a_huge_retry_after_keeps_the_poll_timer_in_range(
    server: HostileServer, tmp_path: Path
) -> None:
    server.on("GET", "/v1/tickets", lambda h: reply(h, 429, b"{}", {"Retry-After": "3000000"}))
    backend = _backend(server)
    with pytest.raises(RateLimited) as info:
        backend.list_mine()
    assert info.value.wait_seconds <= 3600
    poller = Poller(lambda: backend, TicketCache(tmp_path / "cache"), interval_seconds=60)
    assert poller.poll().error is not None
    assert 0 < int(poller.next_delay() * 1000) <= QT_TIMER_MAX_MS


def test_badly_typed_capabilities_keep_their_defaults(server: HostileServer) -> None:
    hostile = {
        "reply": "no",
        "attachments": 0,
        "max_attachment_bytes": "a lot",
        "limits_code": ["x"],
        "limits_note": {"html": "<img src=/dev/zero>"},
        "resolve": False,
    }
    server.on("GET", "/v1/capabilities", lambda h: reply(h, 200, json.dumps(hostile).encode()))
    caps = _backend(server).capabilities()
    assert caps.reply is True and caps.attachments is True
    assert caps.max_attachment_bytes is None
    assert caps.limits_code == "" and caps.limits_note == ""
    assert caps.resolve is False  # a value of the right type is kept


def _ticket(number: int, created: object) -> dict[str, object]:
    return {"id": str(number), "subject": f"T{number}", "status": "open", "created_at": created}


def test_one_date_out_of_range_degrades_one_field_not_the_list(
    server: HostileServer, tmp_path: Path
) -> None:
    tickets = [
        _ticket(1, "2026-01-02T03:04:05Z"),
        _ticket(2, "0001-01-01T00:00:00+01:00"),  # parses, but is before year 1 in UTC
        _ticket(3, "9999-12-31T23:59:59-01:00"),  # parses, but is after year 9999 in UTC
        _ticket(4, 1767225600),  # a number where a stamp belongs
    ]
    body = json.dumps({"tickets": tickets}).encode()
    server.on("GET", "/v1/tickets", lambda h: reply(h, 200, body))
    backend = _backend(server)
    poller = Poller(lambda: backend, TicketCache(tmp_path / "cache"))
    result = poller.poll(full=True)
    assert result.error is None
    assert [t.id for t in result.tickets] == ["1", "2", "3", "4"]
    for ticket in result.tickets:
        ticket.created_at.astimezone(UTC).timestamp()  # every date is usable
    assert result.tickets[0].created_at.year == 2026
