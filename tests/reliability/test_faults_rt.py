"""The fault matrix against the real Request Tracker on 127.0.0.1, through the fault proxy.

RT is where duplicates hurt most: a create that RT finished but whose answer
was lost can only be found again by the client reference. Every case ends
with the agent's own search finding exactly one ticket for the request.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from app import cli_text
from app.backends.rt import RTBackend
from app.core.model import NewTicket
from app.core.outbox import Outbox, State
from tests.backends.rt_server import RTServer
from tests.reliability.conftest import FakeClock, make_ticket
from tests.reliability.fault_server import FaultProxy, free_port

pytestmark = pytest.mark.slow
TEMPORARY = "The helpdesk cannot be reached right now."


def rt_count(rt_server: RTServer, ticket: NewTicket) -> int:
    """Tickets RT holds for this request, by the agent's search on the unique subject tag."""
    tag = ticket.subject.rsplit("[", 1)[1].rstrip("]")
    return len(rt_server.agent_search(f"Subject LIKE '{tag}'"))


def customer(rt_server: RTServer, url: str, **overrides: Any) -> RTBackend:
    options: dict[str, Any] = {
        "username": rt_server.customer_user,
        "password": rt_server.customer_password,
        "queue": rt_server.queue,
    }
    options.update(overrides)
    return RTBackend(url, **options)


@pytest.fixture
def rt_proxy(rt_server: RTServer):
    with FaultProxy(rt_server.url) as proxy:
        yield proxy


def deliver_after(
    outbox: Outbox,
    clock: FakeClock,
    ticket: NewTicket,
    backend: RTBackend,
    rt_server: RTServer,
    wait: float,
) -> None:
    clock.advance(wait - 1)
    (early,) = outbox.deliver_due(backend)
    assert early.state is State.FAILED
    clock.advance(2)
    (sent,) = outbox.deliver_due(backend)
    assert sent.state is State.SENT, (sent.error_code, sent.error_facts)
    assert rt_count(rt_server, ticket) == 1


@pytest.mark.parametrize("fault", ["lost", "hang_after", "truncate", "503", "429"])
def test_rt_faults_end_with_one_ticket(outbox, clock, rt_server, rt_proxy, tmp_path, fault):
    backend = customer(rt_server, rt_proxy.url, config={"backend.timeout_seconds": 2.0})
    ticket = make_ticket(tmp_path, subject="Printer offline")
    outbox.add_ticket(ticket)
    backend.whoami()  # signed in before the fault, so the fault hits the create itself
    if fault == "lost":
        rt_proxy.lose_next_answer("POST", r"^/REST/2\.0/ticket$")
    elif fault in ("hang_after", "truncate"):
        rt_proxy.break_next("POST", "/REST/2.0/ticket", fault)
    else:
        headers = {"Retry-After": "45"} if fault == "429" else {}
        rt_proxy.fail_next("POST", r"^/REST/2\.0/ticket$", int(fault), {"message": "Busy"}, headers)
    item = outbox.deliver(ticket.client_ref, backend)
    assert item is not None and item.state is State.FAILED and item.auto_retry
    made = 0 if fault in ("503", "429") else 1
    assert rt_count(rt_server, ticket) == made
    wait = 45 if fault == "429" else 30
    assert item.next_attempt - clock.now == wait
    assert cli_text.describe(item, clock.now).startswith("Not sent yet: ")
    deliver_after(outbox, clock, ticket, backend, rt_server, wait)
    creates = rt_proxy.requests_to("POST", r"^/REST/2\.0/ticket$")
    assert len(creates) == 1 + (1 - made)  # a made ticket is found, never created again


def test_rt_not_running_then_back(outbox, clock, rt_server, tmp_path, figures):
    port = free_port()
    backend = customer(rt_server, f"http://127.0.0.1:{port}")
    ticket = make_ticket(tmp_path, subject="Laptop will not dock")
    outbox.add_ticket(ticket)
    started = time.monotonic()
    item = outbox.deliver(ticket.client_ref, backend)
    figures["rt_refused_detected_seconds_with_urllib3_retries"] = round(
        time.monotonic() - started, 2
    )
    assert item is not None and cli_text.describe(item, clock.now) == (
        f"Not sent yet: {TEMPORARY} Helpline will try again in about 30 seconds."
    )
    with FaultProxy(rt_server.url, port=port):
        deliver_after(outbox, clock, ticket, backend, rt_server, 30)


def test_rt_wrong_password_waits_for_the_user(outbox, clock, rt_server, rt_proxy, tmp_path):
    ticket = make_ticket(tmp_path, subject="Cannot print to PDF")
    outbox.add_ticket(ticket)
    wrong = customer(rt_server, rt_proxy.url, password="not-the-password")
    item = outbox.deliver(ticket.client_ref, wrong)
    assert item is not None and not item.auto_retry
    assert cli_text.describe(item, clock.now) == (
        "Not sent: The helpdesk did not accept your sign-in. Please sign in again. It is kept "
        "safe here until you try again."
    )
    clock.advance(86_400)
    assert outbox.deliver_due(wrong)[0].attempts == 1
    sent = outbox.deliver(ticket.client_ref, customer(rt_server, rt_proxy.url), force=True)
    assert sent is not None and sent.state is State.SENT
    assert rt_count(rt_server, ticket) == 1
