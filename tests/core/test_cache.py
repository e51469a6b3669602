"""The ticket cache: what was fetched reads back the same, offline, with a status history."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.cache import TicketCache, TicketRow, ticket_from_row
from app.core.model import Attachment, Message, Priority, Status, Ticket

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def ticket(number: int, status: Status = Status.NEW, minutes: int = 0, **extra: object) -> Ticket:
    return Ticket(
        id=str(number),
        subject=f"Problem {number}",
        status=status,
        created_at=T0,
        updated_at=T0 + timedelta(minutes=minutes),
        raw_status=status.value,
        display_ref=f"#{number}",
        **extra,
    )  # type: ignore[arg-type]


def test_tickets_and_messages_read_back_the_same(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    assert cache.tickets() == [] and cache.refreshed_at() is None
    first = ticket(
        1,
        Status.WAITING,
        5,
        client_ref="ref-1",
        category="printer",
        priority=Priority.HIGH,
        web_url="https://rt/1",
        last_author="Sam",
    )
    cache.save_tickets([first, ticket(2, minutes=9)], complete=True)
    assert [t.id for t in cache.tickets()] == ["2", "1"]  # newest update first
    assert cache.ticket("1") == first
    assert cache.latest_update() == T0 + timedelta(minutes=9)
    assert cache.refreshed_at() is not None

    thread = [
        Message("10", "1", "Ada", True, "It broke", T0),
        Message(
            "11",
            "1",
            "Sam",
            False,
            "Which one?",
            T0 + timedelta(minutes=5),
            (Attachment("log.txt", 12, backend_id="99"),),
        ),
    ]
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
        conn.execute(
            "CREATE TABLE tickets (id TEXT PRIMARY KEY, data TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)"
        )
        conn.execute(
            "INSERT INTO tickets VALUES (?,?,?)",
            ("4", json.dumps(old.to_dict()), old.to_dict()["updated_at"]),
        )
    cache = TicketCache(tmp_path)
    assert cache.tickets() == [old]
    assert TicketCache(tmp_path).ticket("4") == old  # rebuilt once, read as columns after
    cache.save_tickets([old, ticket(5)], complete=True)
    assert [t.id for t in cache.tickets()] == ["4", "5"]


def _count_writes(path: Path) -> None:
    """Triggers that count every row written to or removed from the ticket tables."""
    with sqlite3.connect(path / "ticket-cache.sqlite3") as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS writes (n INTEGER)")
        conn.execute("INSERT INTO writes VALUES (0)")
        for table in ("tickets", "status_changes"):
            for event in ("INSERT", "UPDATE", "DELETE"):
                conn.execute(
                    f"CREATE TRIGGER count_{table}_{event} AFTER {event} ON {table}"
                    " BEGIN UPDATE writes SET n = n + 1; END"
                )


def _writes(path: Path) -> int:
    with sqlite3.connect(path / "ticket-cache.sqlite3") as conn:
        return int(conn.execute("SELECT n FROM writes").fetchone()[0])


def test_saving_unchanged_tickets_writes_nothing_and_a_change_is_written(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    tickets = [ticket(n, Status.OPEN, minutes=n, last_author="Sam") for n in range(1, 51)]
    assert cache.save_tickets(tickets, complete=True) == 50
    _count_writes(tmp_path)
    # The same tickets, as new objects (as a refresh decodes them): nothing to write.
    again = [replace(t) for t in tickets]
    assert cache.save_tickets(again, complete=True) == 0
    assert _writes(tmp_path) == 0
    again[7] = replace(
        again[7],
        status=Status.WAITING,
        raw_status="waiting",
        updated_at=again[7].updated_at + timedelta(minutes=1),
    )
    assert cache.save_tickets(again, complete=True) == 1
    assert _writes(tmp_path) == 2  # the row, and one step in its timeline
    assert cache.ticket("8") == again[7]
    assert [h.status for h in cache.status_history("8")] == [Status.OPEN, Status.WAITING]


def test_the_list_reads_a_screenful_first_in_the_default_order(tmp_path: Path) -> None:
    cache = TicketCache(tmp_path)
    statuses = [Status.CLOSED, Status.OPEN, Status.WAITING, Status.RESOLVED, Status.NEW]
    tickets = [ticket(n, statuses[n % 5], minutes=n) for n in range(1, 31)]
    cache.save_tickets(tickets, complete=True)
    rank = {Status.WAITING: 0, Status.NEW: 1, Status.OPEN: 1, Status.RESOLVED: 2, Status.CLOSED: 3}
    expected = [
        t.id for t in sorted(tickets, key=lambda t: (rank[t.status], -t.updated_at.timestamp()))
    ]
    first = cache.listed(limit=4)
    assert [row[0] for row in first.rows] == expected[:4]
    assert first.rows[0][3] == "waiting"
    assert first.total == 30 and not first.complete
    everything = cache.listed()
    assert [row[0] for row in everything.rows] == expected and everything.complete
    with sqlite3.connect(tmp_path / "ticket-cache.sqlite3") as conn:  # read from the index
        plan = " ".join(
            str(r)
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM tickets ORDER BY CASE status WHEN 'waiting' "
                "THEN 0 WHEN 'new' THEN 1 WHEN 'open' THEN 1 WHEN 'unknown' THEN 1 WHEN "
                "'resolved' THEN 2 WHEN 'closed' THEN 3 ELSE 1 END, updated_at DESC, id LIMIT 4"
            )
        )
    assert "tickets_listed" in plan and "TEMP B-TREE" not in plan


def test_a_cache_with_times_as_text_is_rebuilt_with_number_times(tmp_path: Path) -> None:
    old = ticket(6, Status.OPEN, 3, client_ref="ref-6", last_author="Sam")
    columns = (
        "id",
        "ref",
        "subject",
        "status",
        "raw_status",
        "created_at",
        "updated_at",
        "last_author",
        "client_ref",
        "category",
        "priority",
        "web_url",
    )
    with sqlite3.connect(tmp_path / "ticket-cache.sqlite3") as conn:  # layout 2
        conn.execute(
            f"CREATE TABLE tickets ({', '.join(c + ' TEXT NOT NULL' for c in columns)},"
            " data TEXT NOT NULL)"
        )
        values = old.to_dict()
        conn.execute(
            f"INSERT INTO tickets VALUES ({', '.join('?' * 13)})",
            (*[values[c] for c in columns], "{}"),
        )
    cache = TicketCache(tmp_path)
    assert cache.tickets() == [old]
    assert cache.latest_update() == old.updated_at
    with sqlite3.connect(tmp_path / "ticket-cache.sqlite3") as conn:
        assert conn.execute("SELECT typeof(updated_at) FROM tickets").fetchone()[0] == "integer"


def test_the_first_screenful_of_a_missing_or_older_cache(tmp_path: Path) -> None:
    missing = TicketCache(tmp_path / "never-written")
    assert missing.listed(limit=5) == ([], 0, None)
    assert not missing.db_path.exists()  # reading creates nothing
    old = ticket(9, Status.WAITING, 2)
    with sqlite3.connect(tmp_path / "ticket-cache.sqlite3") as conn:  # layout 1: JSON blobs
        conn.execute(
            "CREATE TABLE tickets (id TEXT PRIMARY KEY, data TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)"
        )
        conn.execute(
            "INSERT INTO tickets VALUES (?,?,?)",
            ("9", json.dumps(old.to_dict()), old.to_dict()["updated_at"]),
        )
    first = TicketCache(tmp_path).listed(limit=5)  # the long way: rebuilt, then read
    assert [row[0] for row in first.rows] == ["9"] and first.total == 1
    assert TicketCache(tmp_path).listed(limit=5).rows == first.rows  # the short way now


def test_listed_rows_are_read_by_field_name(tmp_path: Path) -> None:
    """*My requests* reads rows through :class:`TicketRow`, never by column position."""
    cache = TicketCache(tmp_path)
    cache.save_tickets(
        [ticket(1, Status.WAITING, 5, last_author="Sam", client_ref="r-1"), ticket(2, minutes=9)],
        complete=True,
    )
    for listing in (cache.listed(), cache.listed(limit=1)):  # the long way and the quick one
        row = listing.rows[0]
        assert isinstance(row, TicketRow)
        assert (row.id, row.ref, row.subject, row.status, row.last_author, row.client_ref) == (
            "1",
            "#1",
            "Problem 1",
            "waiting",
            "Sam",
            "r-1",
        )
        assert row.updated_at == int((T0 + timedelta(minutes=5)).timestamp())
        assert ticket_from_row(row) == cache.ticket("1")
