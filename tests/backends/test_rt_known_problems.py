"""Known problems published in a real RT 5 (scripts/rt5.sh up): a queue everyone may see.

Support publishes a problem as a ticket in the known-problems queue; the customer's own
account lists the queue's active tickets, "Me too" corresponds on one (RT records who),
and resolving it takes it off the list. Other tests' problems may be in the queue too, so
each test looks only for its own.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from app.backends.rt import RTBackend
from app.core.config import fallback
from app.core.outbox import Outbox, State
from app.services.followup import PLUS_ONE_TEXT, FollowUps
from app.services.known_problems import KnownProblems
from tests.backends.rt_server import RTServer


def _subject(tag: str = "email") -> tuple[str, str]:
    words = f"Email is down for everyone ({uuid.uuid4().hex[:8]})"
    return f"[{tag}] {words}", words


def test_an_active_ticket_in_the_queue_is_a_known_problem(
    rt_server: RTServer, rt_customer: RTBackend
) -> None:
    subject, title = _subject()
    number = rt_server.agent_publish(subject)
    assert rt_customer.capabilities().announcements
    found = {i.target: i for i in rt_customer.announcements(rt_server.known_queue)}
    incident = found[number]
    assert incident.title == title  # the "[email]" names the category, not the words
    assert incident.categories == ("email",)
    assert incident.is_open and incident.started is not None
    assert incident.url.endswith(f"id={number}")
    rt_server.agent_set_status(number, "resolved")
    assert number not in {i.target for i in rt_customer.announcements(rt_server.known_queue)}


def test_me_too_is_a_correspondence_rt_counts_and_files_nothing(
    rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    subject, title = _subject()
    number = rt_server.agent_publish(subject)
    config = fallback()
    config.values.update({"backend.type": "rt", "known_problems.rt_queue": rt_server.known_queue})
    outbox = Outbox(tmp_path / "data")
    followups = FollowUps(config, outbox, lambda: rt_customer)
    service = KnownProblems(config, tmp_path / "data", lambda: rt_customer, followups)
    snapshot = service.check()
    incident = next(i for i in snapshot.incidents if i.target == number)
    assert snapshot.matching("email") is not None and not snapshot.failed

    item = service.me_too(incident)
    assert item is not None
    delivered = outbox.deliver(item.client_ref, rt_customer)
    assert delivered is not None and delivered.state is State.SENT
    assert ("Correspond", rt_server.customer_user) in rt_server.agent_history(number)
    assert service.me_too(incident) is None  # once is enough: no second +1
    # No ticket filed, and the problem's ticket did not become one of the customer's own
    # (other tests may file for this customer meanwhile: look only for this one).
    mine = rt_customer.list_mine()
    assert number not in {t.id for t in mine}
    assert not [t for t in mine if title in t.subject]
    texts = rt_customer.messages(number)
    assert any(PLUS_ONE_TEXT in m.body for m in texts)

    rt_server.agent_set_status(number, "resolved")
    ended = service.check().ended
    assert [iid for iid, _ in ended] == [incident.id]
    assert service.check().ended == ()  # said once
