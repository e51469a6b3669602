"""The ticket cache: what was fetched reads back the same, offline, with a status history."""

from __future__ import annotations

import json
import sqlite3
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


def _rowids(path: Path) -> dict[str, int]:
    with sqlite3.connect(path / "ticket-cache.sqlite3") as conn:
        return dict(conn.execute("SELECT id, rowid FROM tickets"))


def test_a_refresh_rewrites_only_the_tickets_that_changed(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    tickets = [ticket(n, minutes=n) for n in range(1, 6)]
    cache.save_tickets(tickets, complete=True)
    before = _rowids(tmp_path)
    cache.save_tickets(tickets, complete=True)  # nothing changed: no row is written again
    assert _rowids(tmp_path) == before
    tickets[2] = replace(tickets[2], subject="Printer fixed?", last_author="Sam")
    cache.save_tickets(tickets, complete=True)
    after = _rowids(tmp_path)
    assert [key for key in before if after[key] != before[key]] == ["3"]
    assert cache.ticket("3") == tickets[2]
    assert len(cache.status_history("3")) == 1  # same status: no new step in the timeline


def test_a_cache_written_as_json_blobs_is_rebuilt_with_its_tickets(tmp_path: Path) -> None:
    old = ticket(4, Status.WAITING, 3, client_ref="ref-4", last_author="Sam")
    with sqlite3.connect(tmp_path / "ticket-cache.sqlite3") as conn:  # the layout before
        conn.execute("CREATE TABLE tickets (id TEXT PRIMARY KEY, data TEXT NOT NULL,"
                     " updated_at TEXT NOT NULL)")
        conn.execute("INSERT INTO tickets VALUES (?,?,?)",
                     ("4", json.dumps(old.to_dict()), old.to_dict()["updated_at"]))
    cache = TicketCache(tmp_path)
    assert cache.tickets() == [old]
    assert TicketCache(tmp_path).ticket("4") == old  # rebuilt once, read as columns after
    cache.save_tickets([old, ticket(5)], complete=True)
    assert [t.id for t in cache.tickets()] == ["4", "5"]
