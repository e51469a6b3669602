"""Issue 17 item 7: a slow delivery is never taken over, so no ticket is filed twice.

Before the fix a second Helpline process took over any claim older than the stale limit,
even while its owner was still uploading, asked the helpdesk whether the ticket existed
(not yet: the first create had not finished) and filed it again. The server here holds
every create for a while, as a helpdesk behind a slow link does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.backends.helpline_http import HelplineHttpBackend
from app.core import claims
from app.core.model import NewTicket, Priority, Requester
from app.core.outbox import Outbox, State, new_client_ref
from tests.hostile.server import HostileServer, reply

ROOT = Path(__file__).resolve().parents[2]


def slow_helpdesk(hold: float) -> HostileServer:
    """Helpline's own protocol (docs/openapi/helpline-backend.yaml), one create per hold."""
    server = HostileServer()

    def create(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(hold)
        ticket = {"id": "1", "subject": "Printer", "status": "new", "client_ref": "?"}
        reply(handler, 201, json.dumps(ticket).encode())

    server.on("POST", "/v1/tickets", create)
    server.on("GET", "/v1/tickets", lambda h: reply(h, 200, b'{"tickets": []}'))
    return server


def ticket() -> NewTicket:
    return NewTicket(
        subject="Printer",
        body="It jams.",
        requester=Requester(name="Ada", email="ada@example.org"),
        client_ref=new_client_ref(),
        priority=Priority.NORMAL,
    )


def backend(url: str) -> HelplineHttpBackend:
    return HelplineHttpBackend(url, "token-7", allow_insecure_http=True, retries=0)


SECOND_PROCESS = """
import sys, time
from app.backends.helpline_http import HelplineHttpBackend
from app.core import claims, outbox
claims.STALE_CLAIM_SECONDS = 1.0
box = outbox.Outbox(__import__("pathlib").Path(sys.argv[1]))
print([i.state.value for i in box.deliver_due(
    HelplineHttpBackend(sys.argv[2], "token-7", allow_insecure_http=True, retries=0))])
"""


def test_a_second_process_does_not_file_a_slow_delivery_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claims, "STALE_CLAIM_SECONDS", 1.0)
    monkeypatch.setattr(claims, "HEARTBEAT_SECONDS", 0.2)
    box = Outbox(tmp_path / "data")
    item = box.add_ticket(ticket())
    with slow_helpdesk(hold=2.5) as server:
        first = threading.Thread(target=box.deliver, args=(item.client_ref, backend(server.url)))
        first.start()
        time.sleep(1.5)  # the first claim is now older than the stale limit
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        second = subprocess.run(
            [sys.executable, "-c", SECOND_PROCESS, str(box.root), server.url],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            check=False,
        )
        first.join(timeout=30)
        creates = [s for s in server.seen if s.method == "POST"]
    assert second.returncode == 0, second.stderr
    assert len(creates) == 1, f"the ticket was filed {len(creates)} times"
    done = box.get(item.client_ref)
    assert done is not None and done.state is State.SENT


def test_a_delivery_ends_within_its_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The send's overall deadline (below the stale limit) cuts a too-slow attempt short."""
    monkeypatch.setattr(claims, "SEND_DEADLINE_SECONDS", 0.5)
    box = Outbox(tmp_path / "data")
    item = box.add_ticket(ticket())
    with slow_helpdesk(hold=3.0) as server:
        started = time.monotonic()
        result = box.deliver(item.client_ref, backend(server.url), force=True)
        took = time.monotonic() - started
    assert result is not None and result.state is State.FAILED
    assert result.error_code == "timeout"
    assert took < 2.0, f"the attempt took {took:.1f} s"
