"""The requester's tickets and conversations kept on this computer, for offline reading.

*My requests* shows what the cache holds first and refreshes it from the
helpdesk in the background, so the list and every conversation read before
open without the network, with the time of the last successful refresh. The
cache also remembers each status a ticket was seen in, which is the small
timeline above a conversation. It is a cache: deleting the file loses nothing
the helpdesk does not have.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.model import (
    Attachment,
    Message,
    Priority,
    Status,
    Ticket,
    format_time,
    now_utc,
    parse_time,
)
from app.core.store import connect, transaction

_TICKETS = """
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    raw_status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_author TEXT NOT NULL,
    client_ref TEXT NOT NULL,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    web_url TEXT NOT NULL,
    data TEXT NOT NULL
)""".strip()
_TICKETS_INDEX = "CREATE INDEX IF NOT EXISTS tickets_updated ON tickets(updated_at)"
_SCHEMA = _TICKETS + ";\n" + _TICKETS_INDEX + """;
CREATE TABLE IF NOT EXISTS messages (
    ticket_id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS status_changes (
    ticket_id TEXT NOT NULL,
    status TEXT NOT NULL,
    raw_status TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_changes_ticket ON status_changes(ticket_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


#: The ticket fields kept as columns, in table order; ``data`` (JSON) holds anything else.
_COLUMNS = ("id", "ref", "subject", "status", "raw_status", "created_at", "updated_at",
            "last_author", "client_ref", "category", "priority", "web_url")
_SELECT = "SELECT " + ", ".join(_COLUMNS) + " FROM tickets"
_UPSERT = (f"INSERT OR REPLACE INTO tickets ({', '.join(_COLUMNS)}, data)"
           f" VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})")
_STATUSES = {s.value: s for s in Status}
_PRIORITIES = {p.value: p for p in Priority}


@dataclass(frozen=True)
class StatusChange:
    """One status a ticket was seen in, and when (the ticket's own update time)."""

    status: Status
    raw_status: str
    at: datetime


def ticket_from_dict(data: dict[str, Any]) -> Ticket:
    created = parse_time(data.get("created_at")) or now_utc()
    return Ticket(
        id=str(data["id"]), subject=str(data.get("subject") or ""),
        status=Status.parse(str(data.get("status") or "")),
        created_at=created, updated_at=parse_time(data.get("updated_at")) or created,
        raw_status=str(data.get("raw_status") or ""),
        display_ref=str(data.get("ref") or data.get("display_ref") or ""),
        client_ref=str(data.get("client_ref") or ""), category=str(data.get("category") or ""),
        priority=Priority(data.get("priority") or Priority.NORMAL.value),
        web_url=str(data.get("web_url") or ""), last_author=str(data.get("last_author") or ""))


def _columns(ticket: Ticket) -> tuple[str, ...]:
    """A ticket as its column values (as ``to_dict`` writes them): stored, and compared."""
    t = ticket
    return (t.id, t.ref, t.subject, t.status.value, t.raw_status, format_time(t.created_at),
            format_time(t.updated_at), t.last_author, t.client_ref, t.category,
            t.priority.value, t.web_url)


def _time(value: str) -> datetime | None:
    try:  # the cache writes format_time's form: the fast path, no clean-up needed
        return datetime.fromisoformat(value)
    except ValueError:
        return parse_time(value)


#: Ticket is a plain frozen dataclass: its ``__init__`` sets each field through
#: ``object.__setattr__``, a third of the time of reading 100,000 rows. Filling the instance
#: dict directly gives the same object; only while that still holds (checked here).
_FAST_TICKET = ({f.name for f in fields(Ticket)} == {
    "id", "subject", "status", "created_at", "updated_at", "raw_status", "display_ref",
    "client_ref", "category", "priority", "web_url", "last_author"}
    and not hasattr(Ticket, "__post_init__") and not hasattr(Ticket, "__slots__"))


def _ticket_from_row(row: tuple[str, ...]) -> Ticket:
    """One row of :data:`_SELECT` as a Ticket, without JSON: 100,000 of these on a start."""
    (id_, ref, subject, status, raw_status, created_at, updated_at, last_author, client_ref,
     category, priority, web_url) = row
    created = _time(created_at) or now_utc()
    updated = created if updated_at == created_at else _time(updated_at) or created
    values = {"id": id_, "subject": subject, "status": _STATUSES.get(status, Status.UNKNOWN),
              "created_at": created, "updated_at": updated, "raw_status": raw_status,
              "display_ref": ref, "client_ref": client_ref, "category": category,
              "priority": _PRIORITIES.get(priority, Priority.NORMAL), "web_url": web_url,
              "last_author": last_author}
    if not _FAST_TICKET:
        return Ticket(**values)  # type: ignore[arg-type]
    ticket = object.__new__(Ticket)
    vars(ticket).update(values)
    return ticket


def message_from_dict(data: dict[str, Any]) -> Message:
    return Message(
        id=str(data["id"]), ticket_id=str(data["ticket_id"]), author=str(data.get("author") or ""),
        from_requester=bool(data.get("from_requester")), body=str(data.get("body") or ""),
        created_at=parse_time(data.get("created_at")) or now_utc(),
        attachments=tuple(Attachment.from_dict(a) for a in data.get("attachments") or ()))


class TicketCache:
    """One SQLite file in the user data folder; short-lived connections, safe from workers."""

    def __init__(self, root: Path | None = None) -> None:
        self.db_path = (root or paths.data_dir()) / "ticket-cache.sqlite3"
        self._checked = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection to a cache in the current layout (an older one is rebuilt first)."""
        with connect(self.db_path, _SCHEMA) as conn:
            if not self._checked:
                _migrate(conn)
                self._checked = True
            yield conn

    # -- tickets --------------------------------------------------------------

    def tickets(self) -> list[Ticket]:
        """Every cached ticket, newest update first: one SELECT of plain columns."""
        with self._connect() as conn:
            conn.row_factory = None
            rows = conn.execute(_SELECT + " ORDER BY updated_at DESC").fetchall()
        return list(map(_ticket_from_row, rows))

    def ticket(self, ticket_id: str) -> Ticket | None:
        with self._connect() as conn:
            conn.row_factory = None
            row = conn.execute(_SELECT + " WHERE id = ?", (ticket_id,)).fetchone()
        return _ticket_from_row(row) if row else None

    def save_tickets(self, tickets: Iterable[Ticket], complete: bool = False) -> None:
        """Store tickets (and any new status). ``complete`` means: these are all there are.

        The stored rows are read in one query and only tickets that differ are written, in
        one transaction: a refresh where nothing changed writes almost nothing.
        """
        fresh = {t.id: _columns(t) for t in tickets}
        with self._connect() as conn, transaction(conn):
            conn.row_factory = None
            stored = {row[0]: row for row in conn.execute(_SELECT)}
            changed = [values for key, values in fresh.items() if stored.get(key) != values]
            status_at = _COLUMNS.index("status")
            steps = [(v[0], v[status_at], v[status_at + 1], v[_COLUMNS.index("updated_at")])
                     for v in changed
                     if (old := stored.get(v[0])) is None
                     or old[status_at:status_at + 2] != v[status_at:status_at + 2]]
            conn.executemany("INSERT INTO status_changes VALUES (?,?,?,?)", steps)
            conn.executemany(_UPSERT, [(*values, "{}") for values in changed])
            if complete:
                conn.executemany("DELETE FROM tickets WHERE id = ?",
                                 [(key,) for key in stored if key not in fresh])
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('refreshed_at', ?)",
                         (repr(time.time()),))

    def refreshed_at(self) -> float | None:
        """When the helpdesk last answered a refresh (seconds since the epoch), if ever."""
        with self._connect() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()
        return float(row["value"]) if row else None

    def latest_update(self) -> datetime | None:
        """The newest ticket update seen: the ``since`` of the next conditional request."""
        with self._connect() as conn:
            row = conn.execute("SELECT MAX(updated_at) AS m FROM tickets").fetchone()
        return parse_time(row["m"]) if row and row["m"] else None

    # -- conversations --------------------------------------------------------

    def messages(self, ticket_id: str) -> list[Message] | None:
        """The conversation as last fetched, or None if it was never read."""
        with connect(self.db_path, _SCHEMA) as conn:
            row = conn.execute("SELECT data FROM messages WHERE ticket_id = ?",
                               (ticket_id,)).fetchone()
        return [message_from_dict(m) for m in json.loads(row["data"])] if row else None

    def save_messages(self, ticket_id: str, messages: Iterable[Message]) -> None:
        data = json.dumps([m.to_dict() for m in messages])
        with connect(self.db_path, _SCHEMA) as conn, transaction(conn):
            conn.execute("INSERT OR REPLACE INTO messages VALUES (?,?,?)",
                         (ticket_id, data, time.time()))

    def status_history(self, ticket_id: str) -> list[StatusChange]:
        with connect(self.db_path, _SCHEMA) as conn:
            rows = conn.execute("SELECT * FROM status_changes WHERE ticket_id = ?"
                                " ORDER BY rowid", (ticket_id,)).fetchall()
        return [StatusChange(Status.parse(r["status"]), r["raw_status"],
                             parse_time(r["seen_at"]) or now_utc()) for r in rows]


def _migrate(conn: sqlite3.Connection) -> None:
    """Rebuild a cache written before the ticket fields were columns (one JSON blob each).

    It is only a cache, so the old table is read once, converted and dropped; the status
    history and the conversations are kept.
    """
    names = {row[1] for row in conn.execute("PRAGMA table_info(tickets)")}
    if "subject" in names:
        return
    with transaction(conn):
        conn.execute("ALTER TABLE tickets RENAME TO tickets_old")
        conn.execute("DROP INDEX IF EXISTS tickets_updated")
        conn.execute(_TICKETS)
        conn.execute(_TICKETS_INDEX)
        rows = conn.execute("SELECT data FROM tickets_old").fetchall()
        conn.executemany(_UPSERT, [(*_columns(ticket_from_dict(json.loads(r[0]))), "{}")
                                   for r in rows])
        conn.execute("DROP TABLE tickets_old")
