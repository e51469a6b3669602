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
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.model import Attachment, Message, Priority, Status, Ticket, now_utc, parse_time
from app.core.store import connect, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
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

    # -- tickets --------------------------------------------------------------

    def tickets(self) -> list[Ticket]:
        with connect(self.db_path, _SCHEMA) as conn:
            rows = conn.execute("SELECT data FROM tickets ORDER BY updated_at DESC").fetchall()
        return [ticket_from_dict(json.loads(r["data"])) for r in rows]

    def ticket(self, ticket_id: str) -> Ticket | None:
        with connect(self.db_path, _SCHEMA) as conn:
            row = conn.execute("SELECT data FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        return ticket_from_dict(json.loads(row["data"])) if row else None

    def save_tickets(self, tickets: Iterable[Ticket], complete: bool = False) -> None:
        """Store tickets (and any new status). ``complete`` means: these are all there are."""
        tickets = list(tickets)
        with connect(self.db_path, _SCHEMA) as conn, transaction(conn):
            for ticket in tickets:
                row = conn.execute("SELECT data FROM tickets WHERE id = ?",
                                   (ticket.id,)).fetchone()
                old = json.loads(row["data"]) if row else None
                if old is None or old.get("status") != ticket.status.value or \
                        old.get("raw_status") != ticket.raw_status:
                    conn.execute("INSERT INTO status_changes VALUES (?,?,?,?)",
                                 (ticket.id, ticket.status.value, ticket.raw_status,
                                  ticket.to_dict()["updated_at"]))
                conn.execute("INSERT OR REPLACE INTO tickets VALUES (?,?,?)",
                             (ticket.id, json.dumps(ticket.to_dict()),
                              ticket.to_dict()["updated_at"]))
            if complete:
                keep = [t.id for t in tickets]
                marks = ",".join("?" * len(keep))
                conn.execute(f"DELETE FROM tickets WHERE id NOT IN ({marks})" if keep
                             else "DELETE FROM tickets", keep)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('refreshed_at', ?)",
                         (repr(time.time()),))

    def refreshed_at(self) -> float | None:
        """When the helpdesk last answered a refresh (seconds since the epoch), if ever."""
        with connect(self.db_path, _SCHEMA) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()
        return float(row["value"]) if row else None

    def latest_update(self) -> datetime | None:
        """The newest ticket update seen: the ``since`` of the next conditional request."""
        with connect(self.db_path, _SCHEMA) as conn:
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
