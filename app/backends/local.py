"""The embedded default: tickets kept in SQLite on this computer.

With no helpdesk configured the whole flow still works, from the wizard to
*My requests*, and every request is kept until IT connects a helpdesk. It is
also the reference adapter the contract tests hold every other one to.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.config import Config
from app.core.filenames import safe_filename
from app.core.helpdesk import Backend, Capabilities, NotFound, PermanentError, TemporaryError
from app.core.model import (
    Attachment,
    Message,
    NewTicket,
    Priority,
    Requester,
    Status,
    Ticket,
    format_time,
    now_utc,
    parse_time,
)
from app.core.store import connect, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_ref TEXT UNIQUE,
    subject TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'normal',
    status TEXT NOT NULL DEFAULT 'new',
    requester TEXT NOT NULL DEFAULT '{}',
    fields TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    author TEXT NOT NULL,
    from_requester INTEGER NOT NULL,
    body TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_ticket ON messages(ticket_id);
"""


class StoreUnavailable(TemporaryError):
    """The SQLite file cannot be opened or written (disk full, locked, damaged).

    Its ``detail`` is SQLite's own reason; the faces say what happened, and the outbox
    (and the windows) when Helpline tries again.
    """

    code = "store_unavailable"


class LocalBackend(Backend):
    name = "local"
    description = "Requests are kept on this computer until IT connects a helpdesk."

    def __init__(self, root: Path) -> None:
        self.root = root
        self.db_path = root / "local-tickets.sqlite3"
        self.files = root / "local-attachments"

    @classmethod
    def from_config(cls, config: Config) -> LocalBackend:
        return cls(paths.data_dir())

    # -- contract ---------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(limits_code="local")

    def whoami(self) -> Requester:
        with self._db() as conn:
            row = conn.execute("SELECT requester FROM tickets ORDER BY id DESC LIMIT 1").fetchone()
        return Requester.from_dict(json.loads(row["requester"])) if row else Requester()

    def create(self, ticket: NewTicket) -> Ticket:
        stamp = format_time(now_utc())
        with self._db() as conn, transaction(conn):
            existing = conn.execute(
                "SELECT id FROM tickets WHERE client_ref = ?", (ticket.client_ref,)
            ).fetchone()
            if existing:  # the same request again: hand back the first one
                ticket_id = existing["id"]
            else:
                fields = dict(ticket.fields)
                cur = conn.execute(
                    "INSERT INTO tickets (client_ref, subject, category, priority, status,"
                    " requester, fields, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        ticket.client_ref,
                        ticket.subject,
                        ticket.category,
                        ticket.priority.value,
                        Status.NEW.value,
                        json.dumps(ticket.requester.to_dict()),
                        json.dumps(fields),
                        stamp,
                        stamp,
                    ),
                )
                ticket_id = cur.lastrowid
                self._add_message(
                    conn,
                    ticket_id,
                    ticket.requester.name or "You",
                    True,
                    ticket.body,
                    ticket.attachments,
                    stamp,
                )
        return self.get(str(ticket_id))

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        with self._db() as conn:
            row = conn.execute(
                "SELECT id FROM tickets WHERE client_ref = ?", (client_ref,)
            ).fetchone()
        return self.get(str(row["id"])) if row else None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT t.*, (SELECT author FROM messages m WHERE m.ticket_id = t.id"
                " ORDER BY m.id DESC LIMIT 1) AS last_author FROM tickets t"
                " ORDER BY t.updated_at DESC, t.id DESC"
            ).fetchall()
        tickets = [self._ticket(row) for row in rows]
        if since is not None:
            tickets = [t for t in tickets if t.updated_at >= since]
        return tickets

    def get(self, ticket_id: str) -> Ticket:
        with self._db() as conn:
            row = conn.execute(
                "SELECT t.*, (SELECT author FROM messages m WHERE m.ticket_id = t.id"
                " ORDER BY m.id DESC LIMIT 1) AS last_author FROM tickets t WHERE t.id = ?",
                (_as_int(ticket_id),),
            ).fetchone()
        if row is None:
            raise NotFound(code="not_found", ticket=ticket_id)
        return self._ticket(row)

    def details(self, ticket_id: str) -> dict[str, Any]:
        """Everything stored for a ticket: what the requester said, field by field."""
        with self._db() as conn:
            row = conn.execute(
                "SELECT * FROM tickets WHERE id = ?", (_as_int(ticket_id),)
            ).fetchone()
        if row is None:
            raise NotFound(code="not_found", ticket=ticket_id)
        return {
            "requester": json.loads(row["requester"]),
            "fields": json.loads(row["fields"]),
            "priority": row["priority"],
            "category": row["category"],
        }

    def messages(self, ticket_id: str) -> list[Message]:
        self.get(ticket_id)
        with self._db() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE ticket_id = ? ORDER BY id", (_as_int(ticket_id),)
            ).fetchall()
        return [
            Message(
                id=str(row["id"]),
                ticket_id=str(row["ticket_id"]),
                author=row["author"],
                from_requester=bool(row["from_requester"]),
                body=row["body"],
                created_at=parse_time(row["created_at"]) or now_utc(),
                attachments=tuple(Attachment.from_dict(a) for a in json.loads(row["attachments"])),
            )
            for row in rows
        ]

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        ticket = self.get(ticket_id)
        stamp = format_time(now_utc())
        with self._db() as conn, transaction(conn):
            status = (
                Status.OPEN if ticket.status in (Status.RESOLVED, Status.WAITING) else ticket.status
            )
            conn.execute(
                "UPDATE tickets SET updated_at = ?, status = ? WHERE id = ?",
                (stamp, status.value, _as_int(ticket_id)),
            )
            author = json.loads(
                conn.execute(
                    "SELECT requester FROM tickets WHERE id = ?", (_as_int(ticket_id),)
                ).fetchone()[0]
            ).get("name")
            self._add_message(
                conn, _as_int(ticket_id), author or "You", True, text, tuple(attachments), stamp
            )
        return self.messages(ticket_id)[-1]

    def set_resolved(self, ticket_id: str) -> Ticket:
        return self._set_status(ticket_id, Status.RESOLVED)

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        if text:
            self.reply(ticket_id, text)
        return self._set_status(ticket_id, Status.OPEN)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        if not attachment.path or not Path(attachment.path).is_file():
            raise NotFound(code="file_not_stored", name=attachment.filename)
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / safe_filename(attachment.filename)
        shutil.copyfile(attachment.path, target)
        return target

    # -- support-side actions, used by tests and the demo ------------------

    def add_agent_reply(
        self, ticket_id: str, author: str, text: str, status: Status = Status.WAITING
    ) -> Message:
        """What a supporter's answer looks like; the local store has no agent UI."""
        stamp = format_time(now_utc())
        with self._db() as conn, transaction(conn):
            conn.execute(
                "UPDATE tickets SET updated_at = ?, status = ? WHERE id = ?",
                (stamp, status.value, _as_int(ticket_id)),
            )
            self._add_message(conn, _as_int(ticket_id), author, False, text, (), stamp)
        return self.messages(ticket_id)[-1]

    # -- internals --------------------------------------------------------

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """The store, with SQLite's and the disk's errors turned into the contract's own."""
        try:
            with connect(self.db_path, _SCHEMA) as conn:
                yield conn
        except (sqlite3.Error, OSError) as err:
            raise StoreUnavailable(str(err)) from err

    def _set_status(self, ticket_id: str, status: Status) -> Ticket:
        self.get(ticket_id)
        with self._db() as conn, transaction(conn):
            conn.execute(
                "UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?",
                (status.value, format_time(now_utc()), _as_int(ticket_id)),
            )
        return self.get(ticket_id)

    def _add_message(
        self,
        conn: sqlite3.Connection,
        ticket_id: Any,
        author: str,
        from_requester: bool,
        body: str,
        attachments: Sequence[Attachment],
        stamp: str,
    ) -> None:
        cur = conn.execute(
            "INSERT INTO messages (ticket_id, author, from_requester, body, created_at)"
            " VALUES (?,?,?,?,?)",
            (ticket_id, author, int(from_requester), body, stamp),
        )
        stored = [self._store_file(ticket_id, cur.lastrowid, a).to_dict() for a in attachments]
        conn.execute(
            "UPDATE messages SET attachments = ? WHERE id = ?", (json.dumps(stored), cur.lastrowid)
        )

    def _store_file(self, ticket_id: Any, message_id: Any, attachment: Attachment) -> Attachment:
        if not attachment.path:
            raise PermanentError(code="file_unreadable", name=attachment.filename)
        folder = self.files / str(ticket_id) / str(message_id)
        paths.private_dir(folder)
        target = folder / safe_filename(attachment.filename)
        try:
            shutil.copyfile(attachment.path, target)
            os.chmod(target, 0o600)
        except OSError as err:
            raise PermanentError(
                str(err.strerror or err), code="file_unreadable", name=attachment.filename
            ) from err
        return Attachment(
            filename=attachment.filename,
            size=target.stat().st_size,
            content_type=attachment.content_type,
            path=str(target),
            backend_id=f"{ticket_id}/{message_id}/{target.name}",
            kind=attachment.kind,
        )

    def _ticket(self, row: sqlite3.Row) -> Ticket:
        created = parse_time(row["created_at"]) or now_utc()
        keys = row.keys()
        return Ticket(
            id=str(row["id"]),
            subject=row["subject"],
            status=Status.parse(row["status"]),
            raw_status=row["status"],
            created_at=created,
            updated_at=parse_time(row["updated_at"]) or created,
            client_ref=row["client_ref"] or "",
            category=row["category"],
            priority=Priority(row["priority"]),
            display_ref=f"#{row['id']}",
            last_author=(row["last_author"] or "") if "last_author" in keys else "",
        )


def _as_int(ticket_id: str | int) -> int:
    try:
        return int(str(ticket_id).lstrip("#"))
    except ValueError:
        raise NotFound(code="not_found", ticket=str(ticket_id)) from None
