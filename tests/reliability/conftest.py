"""Fixtures for the reliability suite: real servers on loopback, a fake clock, figures.

Time is driven, never slept: :class:`FakeClock` replaces the outbox's clock,
so "Helpline will try again in 30 seconds" is tested by moving the clock 31
seconds, not by waiting. Figures the doc quotes (waits, detection times,
memory) are collected by the ``figures`` fixture and written to the JSON file
named by ``HELPLINE_RELIABILITY_FIGURES`` when that is set.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.core import outbox as outbox_mod
from app.core.model import Attachment, NewTicket, Priority, Requester
from app.core.outbox import Outbox
from tests.backends.helpline_http_server import HelplineServer
from tests.backends.rt_server import RTServer, locate
from tests.reliability.fault_server import FaultProxy

ALICE = {"name": "Alice Example", "email": "alice@corp.example"}
TOKEN = "tok-alice-3f9c2e7b"
_FIGURES: dict[str, Any] = {}


class FakeClock:
    """The outbox's ``time`` module, under the test's control."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(outbox_mod, "time", SimpleNamespace(time=fake.time))
    return fake


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock) -> Outbox:
    return Outbox(tmp_path / "outbox", retry_seconds=30.0, retry_max_seconds=900.0)


@pytest.fixture
def helpline() -> Iterator[HelplineServer]:
    server = HelplineServer(
        {TOKEN: ALICE, "tok-bob-0000": {"name": "Bob", "email": "bob@corp.example"}}
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def proxy(helpline: HelplineServer) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(helpline.url)
    with fault_proxy:
        yield fault_proxy


def uploads(server: HelplineServer) -> list[str]:
    """Requests that carried a body: a capabilities or identity check (GET) does not count."""
    return [f"{e.method} {e.template}" for e in server.exchanges if e.method != "GET"]


def make_ticket(
    folder: Path, subject: str = "VPN drops every ten minutes", size: int = 20_000
) -> NewTicket:
    """A request with one attachment of ``size`` bytes, and a unique client reference."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "vpn.log"
    log.write_bytes(os.urandom(size))
    ref = str(uuid.uuid4())
    return NewTicket(
        subject=f"{subject} [{ref[:8]}]",
        body="Since Monday's update.",
        requester=Requester(**ALICE),
        client_ref=ref,
        category="network",
        priority=Priority.HIGH,
        attachments=(Attachment.from_path(log),),
    )


@pytest.fixture(scope="session")
def rt_server() -> RTServer:
    """The real RT from ``scripts/rt5.sh up``; skips (fails with HELPLINE_REQUIRE_RT=1)."""
    server, reason = locate()
    if server is None:
        if os.environ.get("HELPLINE_REQUIRE_RT") == "1":
            pytest.fail(f"HELPLINE_REQUIRE_RT=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return server


@pytest.fixture
def figures() -> dict[str, Any]:
    """Observed numbers for docs/reliability.md (printed and optionally saved)."""
    return _FIGURES


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("HELPLINE_RELIABILITY_FIGURES")
    if target and _FIGURES:
        Path(target).write_text(json.dumps(_FIGURES, indent=2, sort_keys=True) + "\n")
