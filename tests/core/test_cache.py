"""The ticket cache: what was fetched reads back the same, offline, with a status history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.cache import TicketCache
from app.core.model import Attachment, Message, Priority, Status, Ticket

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def ticket(number: int, status: Status = Status.NEW, minutes: int = 0, **extra: object) -> Ticket:
    return Ticket(id=str(number), subject=f"Problem {number}", status=status, created_at=T0,
                  updated_at=T0 + timedelta(minutes=minutes), raw_status=status.value,
                  display_ref=f"#{number}", **extra)  # type: ignore[arg-type]


def test_tickets_and_messages_read_back_the_same(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    assert cache.tickets() == [] and cache.refreshed_at() is None
    first = ticket(1, Status.WAITING, 5, client_ref="ref-1", category="printer",
                   priority=Priority.HIGH, web_url="https://rt/1", last_author="Sam")
    cache.save_tickets([first, ticket(2, minutes=9)], complete=True)
    assert [t.id for t in cache.tickets()] == ["2", "1"]  # newest update first
    assert cache.ticket("1") == first
    assert cache.latest_update() == T0 + timedelta(minutes=9)
    assert cache.refreshed_at() is not None

    thread = [Message("10", "1", "Ada", True, "It broke", T0),
              Message("11", "1", "Sam", False, "Which one?", T0 + timedelta(minutes=5),
                      (Attachment("log.txt", 12, backend_id="99"),))]
    assert cache.messages("1") is None  # never read: not the same as "no messages"
    cache.save_messages("1", thread)
    assert cache.messages("1") == thread


def test_a_new_cache_object_reads_what_another_wrote(tmp_path: Path) -> None:
    TicketCache(tmp_path).save_tickets([ticket(7)])
    assert [t.id for t in TicketCache(tmp_path).tickets()] == ["7"]  # offline start


def test_status_changes_become_the_timeline(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    cache.save_tickets([ticket(1, Status.NEW, 0)])
    cache.save_tickets([ticket(1, Status.NEW, 1)])  # updated, same status: no new step
    cache.save_tickets([ticket(1, Status.OPEN, 2)])
    cache.save_tickets([replace(ticket(1, Status.RESOLVED, 3), raw_status="resolved")])
    history = cache.status_history("1")
    assert [h.status for h in history] == [Status.NEW, Status.OPEN, Status.RESOLVED]
    assert history[1].at == T0 + timedelta(minutes=2)


def test_a_complete_refresh_forgets_tickets_that_are_gone(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    cache.save_tickets([ticket(1), ticket(2)], complete=True)
    cache.save_tickets([ticket(2)])  # a partial ("since") refresh keeps the others
    assert {t.id for t in cache.tickets()} == {"1", "2"}
    cache.save_tickets([ticket(2)], complete=True)
    assert [t.id for t in cache.tickets()] == ["2"]
    cache.save_tickets([], complete=True)
    assert cache.tickets() == []
