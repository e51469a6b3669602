"""Polling: baseline first, then one event per real change, conditional asks, backoff."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest

from app.backends.local import LocalBackend
from app.core.cache import TicketCache
from app.core.helpdesk import AuthenticationError, RateLimited, TemporaryError
from app.core.model import NewTicket, Requester, Status, Ticket
from app.core.polling import Poller, visible

ADA = Requester(name="Ada Lovelace", email="ada@example.org")


class Recording(LocalBackend):
    """The local backend, remembering each ``since`` and able to fail on demand."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.since: list[datetime | None] = []
        self.fail: Exception | None = None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        self.since.append(since)
        if self.fail is not None:
            raise self.fail
        return super().list_mine(since)


@pytest.fixture
def backend(tmp_path: Path) -> Recording:
    return Recording(tmp_path / "helpdesk")


@pytest.fixture
def poller(backend: Recording, tmp_path: Path) -> Poller:
    return Poller(lambda: backend, TicketCache(tmp_path / "client"), 300, 0.2, rng=random.Random(7))


def file(backend: LocalBackend, subject: str) -> Ticket:
    return backend.create(NewTicket(subject, "Body", ADA, client_ref=subject))


def test_the_first_poll_only_learns_the_baseline(backend: Recording, poller: Poller) -> None:
    file(backend, "VPN drops every hour")
    result = poller.poll()
    assert result.changes == [] and result.error is None
    assert [t.subject for t in result.tickets] == ["VPN drops every hour"]
    assert backend.since == [None]


def test_a_support_answer_is_one_event_and_only_once(backend: Recording, poller: Poller) -> None:
    ticket = file(backend, "VPN drops every hour")
    poller.poll()
    backend.add_agent_reply(ticket.id, "Sam from IT", "Which VPN client do you use?")
    [change] = poller.poll().changes
    assert change.ticket_id == ticket.id and change.ref == "#1"
    assert change.subject == "VPN drops every hour"
    assert change.kinds == {"reply", "status"} and change.kind == "reply"
    assert (change.author, change.snippet) == ("Sam from IT", "Which VPN client do you use?")
    assert (change.old_status, change.status) == (Status.NEW, Status.WAITING)
    assert poller.poll().changes == []  # nothing new: nothing said
    assert backend.since[-1] is not None  # a conditional ask after the baseline


def test_a_status_change_alone_is_a_status_event(backend: Recording, poller: Poller) -> None:
    ticket = file(backend, "Printer jams")
    poller.poll()
    backend.set_resolved(ticket.id)
    [change] = poller.poll().changes
    assert change.kinds == {"status"} and change.status is Status.RESOLVED
    assert (change.old_status, change.author, change.snippet) == (Status.NEW, "", "")
    assert not hasattr(change, "text")  # facts only: each face says it in its language
    assert [h.status for h in poller.cache.status_history(ticket.id)] == [
        Status.NEW,
        Status.RESOLVED,
    ]


def test_the_users_own_reply_that_reopens_is_not_news(backend: Recording, poller: Poller) -> None:
    ticket = file(backend, "Printer jams")
    backend.set_resolved(ticket.id)
    poller.poll()
    backend.reopen(ticket.id, "It jams again")
    assert poller.poll().changes == []


def test_tickets_filed_here_are_not_announced(backend: Recording, poller: Poller) -> None:
    poller.poll()
    file(backend, "A new one")
    assert poller.poll().changes == []
    assert [t.subject for t in poller.cache.tickets()] == ["A new one"]


def test_rate_limits_are_honoured_and_failures_back_off(backend: Recording, poller: Poller) -> None:
    delays = [poller.next_delay() for _ in range(50)]
    assert all(240 <= d <= 360 for d in delays) and len(set(delays)) > 1  # jittered
    backend.fail = RateLimited("slow down", wait_seconds=1800)
    result = poller.poll()
    assert isinstance(result.error, RateLimited)
    assert poller.next_delay() >= 1800
    backend.fail = TemporaryError("down")
    poller.poll()
    poller.poll()
    assert poller.failures == 3
    assert poller.next_delay() >= 300 * 2**3 * 0.8  # exponential backoff
    backend.fail = None
    assert poller.poll().error is None
    assert 240 <= poller.next_delay() <= 360  # back to the normal interval


def test_a_refused_sign_in_is_left_to_the_caller(backend: Recording, poller: Poller) -> None:
    backend.fail = AuthenticationError("no")
    with pytest.raises(AuthenticationError):
        poller.poll()


def test_muted_kinds_are_left_out(backend: Recording, poller: Poller) -> None:
    first, second = file(backend, "One"), file(backend, "Two")
    poller.poll()
    backend.add_agent_reply(first.id, "Sam", "Question?")
    backend.set_resolved(second.id)
    changes = poller.poll().changes
    assert {c.kind for c in changes} == {"reply", "status"}
    assert [c.ticket_id for c in visible(changes, ["status"])] == [first.id]
    # The answer also moved its ticket to "waiting on you", which the user still wants to hear.
    assert {c.ticket_id for c in visible(changes, ["reply"])} == {first.id, second.id}
    backend.add_agent_reply(first.id, "Sam", "Another question?")  # status stays "waiting"
    [reply_only] = poller.poll().changes
    assert reply_only.kinds == {"reply"} and visible([reply_only], ["reply"]) == []
    assert visible(changes, ["reply", "status"]) == []


def test_a_full_poll_asks_for_everything(backend: Recording, poller: Poller) -> None:
    file(backend, "One")
    poller.poll()
    poller.poll(full=True)
    assert backend.since == [None, None]


def test_a_poll_reads_the_cached_tickets_once(
    backend: Recording, poller: Poller, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    from collections.abc import Iterator

    import app.core.cache as cache_module

    for n in range(5):
        file(backend, f"Ticket {n}")
    poller.poll()  # the baseline
    backend.add_agent_reply("2", "Sam", "Which model is it?")
    statements: list[str] = []
    real_connect = cache_module.connect

    @contextlib.contextmanager
    def traced(path: Path, schema: str) -> Iterator[object]:
        with real_connect(path, schema) as conn:
            conn.set_trace_callback(statements.append)
            yield conn

    monkeypatch.setattr(cache_module, "connect", traced)
    for full in (False, True):
        statements.clear()
        result = poller.poll(full=full)
        reads = [s for s in statements if s.startswith("SELECT id, ref") and "FROM tickets" in s]
        assert len(reads) == 1, reads  # one read of the stored tickets, not two or three
        # A full poll compares every ticket; a conditional one reads only the rows it got.
        assert ("WHERE" in reads[0]) is not full
        assert [c.ticket_id for c in result.changes] == (["2"] if not full else [])
    assert result.stored == 0  # the full poll found nothing new to write


def test_desks_started_together_spread_their_first_poll(tmp_path: Path) -> None:
    pollers = [
        Poller(
            lambda: None,
            TicketCache(tmp_path),
            300,
            0.2,  # type: ignore[arg-type,return-value]
            rng=random.Random(seed),
        )
        for seed in range(40)
    ]
    firsts = [p.first_delay() for p in pollers]
    assert all(0 <= d <= 60 for d in firsts)
    assert max(firsts) - min(firsts) > 30  # spread over most of the jitter, not in step


def test_jitter_is_added_on_top_of_retry_after(backend: Recording, poller: Poller) -> None:
    backend.fail = RateLimited("slow down", wait_seconds=1800)
    poller.poll()
    delays = [poller.next_delay() for _ in range(50)]
    assert all(1800 <= d <= 1800 + 60 for d in delays)  # never early, at most the jitter late
    assert len({round(d) for d in delays}) > 10  # desks limited together return apart
