"""'Is it solved?' asked once per resolution: resolutions named from the status history, the
ledger that remembers asking and answering, and the poller that asks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.backends.local import LocalBackend
from app.core.cache import StatusChange, TicketCache
from app.core.closure import ClosureLedger, Feedback, resolution
from app.core.model import NewTicket, Requester, Status
from app.core.polling import Poller

T0 = datetime(2026, 4, 2, 9, tzinfo=UTC)


def history(*statuses: Status) -> list[StatusChange]:
    return [StatusChange(s, s.value, T0 + timedelta(hours=i)) for i, s in enumerate(statuses)]


def test_a_resolution_is_named_by_when_it_was_first_seen_finished() -> None:
    assert resolution(history(Status.NEW, Status.RESOLVED)) == "2026-04-02T10:00:00+00:00"
    # resolved, then closed by the desk's automation: still the same resolution
    assert resolution(history(Status.NEW, Status.RESOLVED, Status.CLOSED)).startswith(
        "2026-04-02T10"
    )
    assert resolution(history(Status.NEW, Status.RESOLVED, Status.OPEN)) == ""  # reopened
    again = resolution(history(Status.NEW, Status.RESOLVED, Status.OPEN, Status.RESOLVED))
    assert again == "2026-04-02T12:00:00+00:00"  # a new resolution: asked anew


def test_a_ticket_finished_before_helpline_saw_it_is_never_asked_about() -> None:
    assert resolution(history(Status.RESOLVED)) == ""
    assert resolution([]) == ""


def test_the_ledger_asks_once_and_remembers_the_answer(tmp_path: Path) -> None:
    ledger = ClosureLedger(tmp_path)
    assert ledger.should_ask("7", "r1")
    assert ledger.mark_asked("7", "r1") and not ledger.mark_asked("7", "r1")
    assert ledger.should_ask("7", "r1")  # asked in a notification, not answered yet
    ClosureLedger(tmp_path).answer("7", "r1", "solved")  # another window, or a restart
    assert not ledger.should_ask("7", "r1")
    assert ledger.should_ask("7", "r2")  # the next resolution is its own question
    assert not ledger.should_ask("7", "")
    with pytest.raises(ValueError):
        ledger.answer("7", "r1", "maybe")


def test_a_damaged_ledger_is_started_afresh(tmp_path: Path) -> None:
    (tmp_path / "closure.json").write_text("{not json", "utf-8")
    ledger = ClosureLedger(tmp_path)
    assert ledger.should_ask("1", "r")
    ledger.answer("1", "r", "dismissed")
    assert not ledger.should_ask("1", "r")


def test_feedback_knows_what_it_holds() -> None:
    assert Feedback().empty and Feedback("", "  ").empty
    assert not Feedback("bad").empty and not Feedback("", "thanks").empty
    assert Feedback.from_dict(Feedback("good", "ok").to_dict()) == Feedback("good", "ok")
    with pytest.raises(ValueError):
        Feedback("meh")


def test_the_poller_asks_once_per_resolution(tmp_path: Path) -> None:
    desk = LocalBackend(tmp_path / "desk")
    cache = TicketCache(tmp_path / "client")
    ledger = ClosureLedger(tmp_path / "client")
    poller = Poller(lambda: desk, cache, 300, 0.2, rng=random.Random(1), closure=ledger)
    ticket = desk.create(NewTicket("Printer jams", "b", Requester("Ada"), client_ref="r"))
    poller.poll()
    desk.set_resolved(ticket.id)
    [change] = poller.poll().changes
    assert change.ask_solved
    # the name the poller used is the one the conversation finds in the history
    key = resolution(cache.status_history(ticket.id))
    assert key and not ledger.mark_asked(ticket.id, key)
    assert poller.poll().changes == []


def test_without_a_ledger_nothing_is_asked(tmp_path: Path) -> None:
    desk = LocalBackend(tmp_path / "desk")
    poller = Poller(lambda: desk, TicketCache(tmp_path / "client"))
    ticket = desk.create(NewTicket("Printer jams", "b", Requester("Ada"), client_ref="r"))
    poller.poll()
    desk.set_resolved(ticket.id)
    [change] = poller.poll().changes
    assert not change.ask_solved
