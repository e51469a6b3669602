"""The requester's tickets and conversations kept on this computer, for offline reading.

*My requests* shows what the cache holds first and refreshes it from the
helpdesk in the background, so the list and every conversation read before
open without the network, with the time of the last successful refresh. The
cache also remembers each status a ticket was seen in, which is the small
timeline above a conversation. It is a cache: deleting the file loses nothing
the helpdesk does not have.

The list reads plain rows (:meth:`TicketCache.listed`), newest screenful first
if asked, in the order *My requests* shows them by default, straight from an
index; a full :class:`Ticket` is made from a row only when one is needed
(:func:`ticket_from_row`). Rows are :class:`TicketRow` named tuples, read by
field name. Times are whole seconds since the epoch (UTC), so sorting and
comparing never parse text.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

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


class TicketRow(NamedTuple):
    """A ticket as the cache stores and lists it: what *My requests* reads for each row.

    The fields are the table's columns, in order (the ``data`` column, JSON, holds anything
    else). Readers use the names; the positions are the cache's own business. A full
    :class:`Ticket` is made from a row only when needed (:func:`ticket_from_row`).
    """

    id: str
    ref: str
    subject: str
    status: str  # a Status value
    raw_status: str
    created_at: int  # whole seconds since the epoch, UTC
    updated_at: int
    last_author: str
    client_ref: str
    category: str
    priority: str  # a Priority value
    web_url: str


#: The ticket columns, in table order.
COLUMNS = TicketRow._fields

#: *My requests*' default order: what needs the requester first, then the newest update.
URGENCY = {
    Status.WAITING: 0,
    Status.NEW: 1,
    Status.OPEN: 1,
    Status.UNKNOWN: 1,
    Status.RESOLVED: 2,
    Status.CLOSED: 3,
}
_URGENCY_SQL = (
    "CASE status "
    + " ".join(f"WHEN '{s.value}' THEN {n}" for s, n in URGENCY.items())
    + " ELSE 1 END"
)
_DEFAULT_ORDER = f"{_URGENCY_SQL}, updated_at DESC, id"
_FIRST_ROWS = (
    "SELECT (SELECT user_version FROM pragma_user_version), (SELECT COUNT(*) FROM tickets),"
    " (SELECT value FROM meta WHERE key = 'refreshed_at'),"
    f" (SELECT json_group_array(json_array({', '.join(COLUMNS)})) FROM"
    f" (SELECT {', '.join(COLUMNS)} FROM tickets ORDER BY {_DEFAULT_ORDER} LIMIT ?))"
)
_RANKS = {s.value: n for s, n in URGENCY.items()}


def _default_key(row: TicketRow) -> tuple[int, int, str]:
    """The default order of :data:`_DEFAULT_ORDER`, for rows already in Python."""
    return _RANKS.get(row.status, 1), -row.updated_at, row.id


#: The layout version in ``PRAGMA user_version``; an older cache is rebuilt (:func:`_migrate`).
_LAYOUT = 3

_TICKETS = """
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    raw_status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_author TEXT NOT NULL,
    client_ref TEXT NOT NULL,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    web_url TEXT NOT NULL,
    data TEXT NOT NULL
)""".strip()
#: ``tickets_listed`` serves the list's ORDER BY ... LIMIT; ``tickets_updated`` serves MAX().
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS tickets_updated ON tickets(updated_at)",
    f"CREATE INDEX IF NOT EXISTS tickets_listed ON tickets({_DEFAULT_ORDER})",
)
_SCHEMA = (
    _TICKETS
    + """;
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
)

_SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM tickets"
_UPSERT = (
    f"INSERT OR REPLACE INTO tickets ({', '.join(COLUMNS)}, data)"
    f" VALUES ({', '.join('?' * (len(COLUMNS) + 1))})"
)
_STATUSES = {s.value: s for s in Status}
#: Up to this many tickets, a refresh reads only their stored rows (one query).
_FEW = 500
_PRIORITIES = {p.value: p for p in Priority}


@dataclass(frozen=True)
class StatusChange:
    """One status a ticket was seen in, and when (the ticket's own update time)."""

    status: Status
    raw_status: str
    at: datetime


class Listing(NamedTuple):
    """Stored rows in the default order, how many tickets there are in all, the last refresh."""

    rows: list[TicketRow]
    total: int
    refreshed_at: float | None

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total


@dataclass
class Comparison:
    """What a refresh would change in the cache (:meth:`TicketCache.compare`).

    ``before`` maps each given ticket already cached to its stored (status, update time):
    what the poller compares with, without reading the cache a second time.
    """

    rows: list[TicketRow] = field(default_factory=list)  # new or changed: to write
    steps: list[tuple[str, str, str, str]] = field(default_factory=list)  # new statuses
    gone: list[str] = field(default_factory=list)  # ids to forget (a complete refresh)
    before: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return len(self.rows) + len(self.gone)


def ticket_from_dict(data: dict[str, Any]) -> Ticket:
    created = parse_time(data.get("created_at")) or now_utc()
    return Ticket(
        id=str(data["id"]),
        subject=str(data.get("subject") or ""),
        status=Status.parse(str(data.get("status") or "")),
        created_at=created,
        updated_at=parse_time(data.get("updated_at")) or created,
        raw_status=str(data.get("raw_status") or ""),
        display_ref=str(data.get("ref") or data.get("display_ref") or ""),
        client_ref=str(data.get("client_ref") or ""),
        category=str(data.get("category") or ""),
        priority=Priority(data.get("priority") or Priority.NORMAL.value),
        web_url=str(data.get("web_url") or ""),
        last_author=str(data.get("last_author") or ""),
    )


def seconds(moment: datetime) -> int:
    """A time as stored: whole seconds since the epoch (``format_time`` drops the rest too)."""
    return math.floor(moment.timestamp())


def stored_row(ticket: Ticket) -> TicketRow:
    """A ticket as its column values: what is written, and what a refresh compares."""
    t = ticket
    return TicketRow(
        t.id,
        t.display_ref or f"#{t.id}",
        t.subject,
        t.status._value_,
        t.raw_status,
        math.floor(t.created_at.timestamp()),
        math.floor(t.updated_at.timestamp()),
        t.last_author,
        t.client_ref,
        t.category,
        t.priority._value_,
        t.web_url,
    )


def ticket_from_row(row: TicketRow | tuple[Any, ...]) -> Ticket:
    """One stored row as a full Ticket, without JSON (the list makes one per selected row)."""
    (
        id_,
        ref,
        subject,
        status,
        raw_status,
        created_at,
        updated_at,
        last_author,
        client_ref,
        category,
        priority,
        web_url,
    ) = row
    created = datetime.fromtimestamp(created_at, UTC)
    updated = created if updated_at == created_at else datetime.fromtimestamp(updated_at, UTC)
    return Ticket(
        id=id_,
        subject=subject,
        status=_STATUSES.get(status, Status.UNKNOWN),
        created_at=created,
        updated_at=updated,
        raw_status=raw_status,
        display_ref=ref,
        client_ref=client_ref,
        category=category,
        priority=_PRIORITIES.get(priority, Priority.NORMAL),
        web_url=web_url,
        last_author=last_author,
    )


def message_from_dict(data: dict[str, Any]) -> Message:
    return Message(
        id=str(data["id"]),
        ticket_id=str(data["ticket_id"]),
        author=str(data.get("author") or ""),
        from_requester=bool(data.get("from_requester")),
        body=str(data.get("body") or ""),
        created_at=parse_time(data.get("created_at")) or now_utc(),
        attachments=tuple(Attachment.from_dict(a) for a in data.get("attachments") or ()),
    )


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
            conn.row_factory = None
            yield conn

    # -- tickets --------------------------------------------------------------

    def listed(self, limit: int | None = None) -> Listing:
        """Stored rows in *My requests*' default order (the first ``limit`` only, if given).

        With a limit this reads one screenful from the ``tickets_listed`` index, plus the
        count, so the window can paint before the rest is read: see :meth:`_first_rows`.
        """
        if limit is not None:
            first = self._first_rows(limit)
            if first is not None:
                return first
        query = f"{_SELECT} ORDER BY {_DEFAULT_ORDER}"
        with self._connect() as conn:
            if limit is None:
                rows = list(map(TicketRow._make, conn.execute(query).fetchall()))
                total = len(rows)
            else:
                rows = list(map(TicketRow._make, conn.execute(query + " LIMIT ?", (limit,))))
                total = conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
            refreshed = _refreshed_at(conn)
        return Listing(rows, total, refreshed)

    def _first_rows(self, limit: int) -> Listing | None:
        """The first rows in one statement on a plain connection; None to take the long way.

        This runs on a worker while the GUI thread is still building the window, and every
        step that leaves Python (opening, each PRAGMA, each row) is another wait for the
        GIL, up to the 5 ms switch interval each. So: no schema or journal set-up (an
        existing cache in the current layout has them), and the rows as one JSON array
        instead of one step per row. A missing file is an empty cache (nothing is created);
        an older layout goes the long way, which rebuilds it.
        """
        try:
            conn = sqlite3.connect(
                f"{self.db_path.absolute().as_uri()}?mode=rw", uri=True, timeout=10.0
            )
        except sqlite3.OperationalError:
            return Listing([], 0, None) if not self.db_path.exists() else None
        try:
            layout, total, refreshed, data = conn.execute(_FIRST_ROWS, (limit,)).fetchone()
        except sqlite3.Error:
            return None
        finally:
            conn.close()
        if layout != _LAYOUT:
            return None
        rows = list(map(TicketRow._make, json.loads(data)))
        rows.sort(key=_default_key)  # the aggregate's order is not promised: made sure here
        return Listing(rows, total, float(refreshed) if refreshed is not None else None)

    def tickets(self) -> list[Ticket]:
        """Every cached ticket, newest update first, as full Tickets."""
        with self._connect() as conn:
            rows = conn.execute(_SELECT + " ORDER BY updated_at DESC, id").fetchall()
        return list(map(ticket_from_row, rows))

    def ticket(self, ticket_id: str) -> Ticket | None:
        with self._connect() as conn:
            row = conn.execute(_SELECT + " WHERE id = ?", (ticket_id,)).fetchone()
        return ticket_from_row(row) if row else None

    def compare(self, tickets: Iterable[Ticket], complete: bool = False) -> Comparison:
        """What storing ``tickets`` would change: one read of the stored rows, no writes.

        Tickets are compared on their stored values (numbers for times), so a refresh where
        nothing changed formats nothing. ``complete`` means: these are all there are.
        """
        fresh = {row.id: row for row in map(stored_row, tickets)}
        with self._connect() as conn:
            if complete or len(fresh) > _FEW:
                rows = conn.execute(_SELECT)
            else:  # a few updated tickets: read only their rows, not the whole cache
                rows = conn.execute(
                    f"{_SELECT} WHERE id IN ({', '.join('?' * len(fresh))})", list(fresh)
                )
            stored = {row.id: row for row in map(TicketRow._make, rows)}
        result = Comparison()
        get = stored.get
        for key, row in fresh.items():
            old = get(key)
            if old is None:
                result.rows.append(row)
            else:
                result.before[key] = (old.status, old.updated_at)
                if old == row:
                    continue
                result.rows.append(row)
                if (old.status, old.raw_status) == (row.status, row.raw_status):
                    continue
            stamp = format_time(datetime.fromtimestamp(row.updated_at, UTC))
            result.steps.append((key, row.status, row.raw_status, stamp))
        if complete:
            result.gone = [key for key in stored if key not in fresh]
        return result

    def apply(self, comparison: Comparison) -> int:
        """Write what :meth:`compare` found, in one transaction; returns the rows changed."""
        with self._connect() as conn, transaction(conn):
            conn.executemany("INSERT INTO status_changes VALUES (?,?,?,?)", comparison.steps)
            conn.executemany(_UPSERT, [(*row, "{}") for row in comparison.rows])
            conn.executemany("DELETE FROM tickets WHERE id = ?", [(k,) for k in comparison.gone])
            conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('refreshed_at', ?)", (repr(time.time()),)
            )
        return comparison.changes

    def save_tickets(self, tickets: Iterable[Ticket], complete: bool = False) -> int:
        """Store tickets (and any new status); only new or changed rows are written.

        ``complete`` means: these are all there are (the others are forgotten). Returns the
        number of ticket rows written or removed: 0 when nothing changed.
        """
        return self.apply(self.compare(tickets, complete))

    def refreshed_at(self) -> float | None:
        """When the helpdesk last answered a refresh (seconds since the epoch), if ever."""
        with self._connect() as conn:
            return _refreshed_at(conn)

    def latest_update(self) -> datetime | None:
        """The newest ticket update seen: the ``since`` of the next conditional request."""
        with self._connect() as conn:
            row = conn.execute("SELECT MAX(updated_at) FROM tickets").fetchone()
        return datetime.fromtimestamp(row[0], UTC) if row and row[0] is not None else None

    # -- conversations --------------------------------------------------------

    def messages(self, ticket_id: str) -> list[Message] | None:
        """The conversation as last fetched, or None if it was never read."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT data FROM messages WHERE ticket_id = ?", (ticket_id,)
            ).fetchone()
        return [message_from_dict(m) for m in json.loads(row[0])] if row else None

    def save_messages(self, ticket_id: str, messages: Iterable[Message]) -> None:
        data = json.dumps([m.to_dict() for m in messages])
        with self._connect() as conn, transaction(conn):
            conn.execute(
                "INSERT OR REPLACE INTO messages VALUES (?,?,?)", (ticket_id, data, time.time())
            )

    def status_history(self, ticket_id: str) -> list[StatusChange]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT status, raw_status, seen_at FROM status_changes"
                " WHERE ticket_id = ? ORDER BY rowid",
                (ticket_id,),
            ).fetchall()
        return [
            StatusChange(Status.parse(status), raw, parse_time(seen) or now_utc())
            for status, raw, seen in rows
        ]


def _refreshed_at(conn: sqlite3.Connection) -> float | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()
    return float(row[0]) if row else None


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a cache written by an older Helpline to the current layout.

    Before layout 3 the times were text, and before that each ticket was one JSON blob. It
    is only a cache, so the old table is read once, converted and dropped; the status
    history and the conversations are kept. Checked again inside the transaction: two
    workers may open a new cache at the same moment.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] == _LAYOUT:
        return
    with transaction(conn):
        if conn.execute("PRAGMA user_version").fetchone()[0] == _LAYOUT:
            return
        types = {row[1]: row[2].upper() for row in conn.execute("PRAGMA table_info(tickets)")}
        if types.get("updated_at") != "INTEGER":
            conn.execute("ALTER TABLE tickets RENAME TO tickets_old")
            conn.execute("DROP INDEX IF EXISTS tickets_updated")
            conn.execute(_TICKETS)
            if "subject" in types:  # layout 2: the same columns, times as text
                old = [
                    dict(zip(COLUMNS, row, strict=True))
                    for row in conn.execute("SELECT " + ", ".join(COLUMNS) + " FROM tickets_old")
                ]
            else:  # layout 1: one JSON blob per ticket
                old = [json.loads(row[0]) for row in conn.execute("SELECT data FROM tickets_old")]
            conn.executemany(_UPSERT, [(*stored_row(ticket_from_dict(d)), "{}") for d in old])
            conn.execute("DROP TABLE tickets_old")
        for index in _INDEXES:
            conn.execute(index)
        conn.execute(f"PRAGMA user_version = {_LAYOUT}")
