"""The durable outbox: every request is written here before any delivery is tried.

A request lives in one row of SQLite plus a spool folder holding copies of
its attachments, so neither a failed network, a crash nor a file the user
deletes afterwards can lose what they wrote. Delivery claims a row
atomically, and after any interrupted attempt asks the backend whether the
ticket already exists (by its client reference) before creating it again:
that is what keeps retries from filing duplicates.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.core import claims, deadline, paths
from app.core.helpdesk import (
    SIGN_IN_CODES,
    AuthenticationError,
    Backend,
    BackendError,
    PermissionDenied,
    RateLimited,
)
from app.core.model import Attachment, NewTicket, Ticket
from app.core.store import connect, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    client_ref TEXT PRIMARY KEY,
    kind TEXT NOT NULL,               -- 'ticket' or 'reply'
    target TEXT NOT NULL DEFAULT '',  -- ticket id a reply belongs to
    summary TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',  -- unused since error_code; kept for old builds
    error_code TEXT NOT NULL DEFAULT '',
    error_facts TEXT NOT NULL DEFAULT '{}',  -- JSON: the error's facts, and its detail
    auto_retry INTEGER NOT NULL DEFAULT 1,
    next_attempt REAL NOT NULL DEFAULT 0,
    claimed_by INTEGER NOT NULL DEFAULT 0,
    claimed_at REAL NOT NULL DEFAULT 0,   -- when the claim was made or last renewed
    claim_owner TEXT NOT NULL DEFAULT '', -- host|pid|start of the claiming process
    ticket_id TEXT NOT NULL DEFAULT '',
    ticket_ref TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
"""

#: Outboxes written before errors had codes: their rows get the columns and a code.
_MIGRATE = (
    "ALTER TABLE outbox ADD COLUMN error_code TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox ADD COLUMN error_facts TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE outbox ADD COLUMN claim_owner TEXT NOT NULL DEFAULT ''",
)

#: The sentences older builds stored in ``last_error``, and the codes they stand for.
#: A sentence not listed keeps its words as the ``detail`` of a plain ``failed``.
_OLD_SENTENCES = {
    "The helpdesk could not complete the request.": "failed",
    "The helpdesk did not accept your sign-in. Please sign in again.": "signin_refused",
    "Your account is not allowed to do this at the helpdesk. Please contact IT.": "not_allowed",
    "The helpdesk could not find this request.": "not_found",
    "The helpdesk asked Helpline to wait before sending more.": "rate_limited",
    "The helpdesk cannot be reached right now.": "unreachable",
    "Your helpdesk does not offer this.": "unsupported",
}
_OLD_PREFIXES = (
    ("The helpdesk refused the request: ", "refused"),
    ("A file kept for this request could not be read (", "kept_file_unreadable"),
    ("The requests kept on this computer cannot be opened right now (", "store_unavailable"),
)


def old_error(sentence: str) -> tuple[str, dict[str, str | int]]:
    """The code and facts for a ``last_error`` sentence of an older build (see _migrate)."""
    if not sentence:
        return "", {}
    if sentence in _OLD_SENTENCES:
        return _OLD_SENTENCES[sentence], {}
    for prefix, code in _OLD_PREFIXES:
        if sentence.startswith(prefix):
            rest = sentence[len(prefix) :]
            if code != "refused":  # "(reason). Please …" / "(reason)." / "(reason); Helpline …"
                rest = rest[: rest.rfind(")")] if ")" in rest else rest
            return code, {"detail": rest}
    return "failed", {"detail": sentence}


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    #: A row that cannot be read back (see :func:`_load`): set aside, never claimed, so
    #: the rest of the outbox is delivered; its error is ``outbox_row_damaged``.
    DAMAGED = "damaged"


@dataclass(frozen=True)
class Item:
    client_ref: str
    kind: str
    target: str
    summary: str
    state: State
    attempts: int
    #: Why the last attempt failed, as a code of :data:`app.core.helpdesk.CODES` ("": it
    #: did not), and its facts; ``error_facts["detail"]`` is the server's own words.
    error_code: str
    error_facts: dict[str, str | int]
    auto_retry: bool
    next_attempt: float
    ticket_id: str
    ticket_ref: str
    created_at: float
    payload: dict[str, Any]

    def retry_in(self, now: float | None = None) -> int:
        """Seconds until the next automatic attempt, rounded (0: due now)."""
        now = time.time() if now is None else now
        return max(0, round(self.next_attempt - now))

    @property
    def needs_sign_in(self) -> bool:
        """The last attempt failed because the helpdesk refused (or lacked) the sign-in."""
        return self.error_code in SIGN_IN_CODES

    @property
    def is_plus_one(self) -> bool:
        """A "me too" on a known problem (issue 18): best effort, never a notification."""
        return bool(self.payload.get("plus_one"))

    @property
    def detail(self) -> str:
        """What the server said of the last failure, in its own words ("": nothing)."""
        return str(self.error_facts.get("detail", ""))

    def to_dict(self) -> dict[str, Any]:
        """The item's fields as plain data (faces add their sentence for the state)."""
        return {
            "client_ref": self.client_ref,
            "kind": self.kind,
            "target": self.target,
            "summary": self.summary,
            "state": self.state.value,
            "attempts": self.attempts,
            "error_code": self.error_code,
            "error_facts": dict(self.error_facts),
            "auto_retry": self.auto_retry,
            "next_attempt": self.next_attempt,
            "ticket_id": self.ticket_id,
            "ticket_ref": self.ticket_ref,
        }


def new_client_ref() -> str:
    return str(uuid.uuid4())


class Outbox:
    def __init__(
        self,
        root: Path | None = None,
        retry_seconds: float = 30.0,
        retry_max_seconds: float = 900.0,
        keep_sent_days: float = 90.0,
    ) -> None:
        self.root = root or paths.data_dir()
        self.db_path = self.root / "outbox.sqlite3"
        self.spool = self.root / "outbox-files"
        self.retry_seconds = retry_seconds
        self.retry_max_seconds = retry_max_seconds
        #: ``outbox.keep_sent_days``: how long a delivered request is remembered.
        self.keep_sent_days = keep_sent_days
        self._migrated = False

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        """The outbox's database, its rows of older builds migrated on the first open."""
        if not self._migrated:
            _migrate(self.db_path)
            self._migrated = True
        return connect(self.db_path, _SCHEMA)

    # -- writing ------------------------------------------------------------

    def add_ticket(self, ticket: NewTicket) -> Item:
        """Keep a new request safe: copy its files into the spool, then record it."""
        spooled = self._spool(ticket.client_ref, ticket.attachments)
        stored = NewTicket(**{**ticket.__dict__, "attachments": spooled})
        return self._insert(ticket.client_ref, "ticket", "", ticket.subject, stored.to_dict())

    def add_reply(
        self,
        ticket_id: str,
        text: str,
        attachments: Iterable[Attachment] = (),
        client_ref: str | None = None,
        reopen: bool = False,
        plus_one: bool = False,
    ) -> Item:
        """A follow-up on ``ticket_id``: a reply, a reopening (``reopen``), or a "me too"
        on a published known problem (``plus_one``: ``text`` is the note for helpdesks
        that take words; see :meth:`Backend.plus_one`)."""
        ref = client_ref or new_client_ref()
        spooled = self._spool(ref, tuple(attachments))
        payload: dict[str, Any] = {
            "text": text,
            "attachments": [a.to_dict() for a in spooled],
            "reopen": reopen,
        }
        if plus_one:
            payload["plus_one"] = True
        summary = text.strip().splitlines()[0][:80] if text.strip() else "Reply"
        return self._insert(ref, "reply", ticket_id, summary, payload)

    def add_feedback(self, ticket_id: str, rating: str, comment: str, text: str) -> Item:
        """The person's "yes, it is solved" with a 👍/👎 and comment, kept like a reply:
        delivered by :meth:`Backend.send_feedback` (the helpdesk's satisfaction feature, or
        ``text`` as a marked public comment)."""
        ref = new_client_ref()
        payload = {
            "text": text,
            "attachments": [],
            "reopen": False,
            "feedback": {"rating": rating, "comment": comment},
        }
        return self._insert(ref, "reply", ticket_id, text.strip().splitlines()[0][:80], payload)

    def _spool(
        self, client_ref: str, attachments: tuple[Attachment, ...]
    ) -> tuple[Attachment, ...]:
        # Each level private, not only the last: mkdir(parents=True) gives parents 0755.
        for level in (self.root, self.spool, self.spool / client_ref):
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = self.spool / client_ref
        out = []
        for index, att in enumerate(attachments):
            if not att.path:
                continue
            target = folder / f"{index:02d}-{Path(att.filename).name}"
            try:
                shutil.copyfile(att.path, target)
            except OSError:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            os.chmod(target, 0o600)
            out.append(
                Attachment(
                    filename=att.filename,
                    size=target.stat().st_size,
                    content_type=att.content_type,
                    path=str(target),
                    kind=att.kind,
                )
            )
        return tuple(out)

    def _insert(
        self, ref: str, kind: str, target: str, summary: str, payload: dict[str, Any]
    ) -> Item:
        now = time.time()
        try:
            with self._connect() as conn, transaction(conn):
                conn.execute(
                    "INSERT INTO outbox (client_ref, kind, target, summary, payload, state,"
                    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    (ref, kind, target, summary, json.dumps(payload), State.QUEUED.value, now, now),
                )
        except sqlite3.OperationalError as err:
            shutil.rmtree(self.spool / ref, ignore_errors=True)  # no orphaned copies
            raise _disk_error(err, self.root) from err
        item = self.get(ref)
        assert item is not None
        return item

    # -- reading ------------------------------------------------------------

    def get(self, client_ref: str) -> Item | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE client_ref = ?", (client_ref,)
            ).fetchone()
            return _load(conn, row) if row else None

    def filed_as(self, ticket_id: str) -> Item | None:
        """The request delivered as ``ticket_id``, while it is remembered (keep_sent_days):
        what was filed, e.g. the priority the person chose, which not every helpdesk keeps."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE kind = 'ticket' AND state = 'sent' AND ticket_id = ?",
                (ticket_id,),
            ).fetchone()
        return _item(row) if row else None

    def items(self, include_sent: bool = False) -> list[Item]:
        query = "SELECT * FROM outbox"
        if not include_sent:
            query += " WHERE state != 'sent'"
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY created_at").fetchall()
            return [_load(conn, r) for r in rows]

    def pending_count(self) -> int:
        return len(self.items())

    # -- delivering ---------------------------------------------------------

    def claim(self, client_ref: str, force: bool = False) -> Item | None:
        """Mark an item as being sent by this process; None if it is not ours to send."""
        now = time.time()
        with self._connect() as conn, transaction(conn):
            row = conn.execute(
                "SELECT * FROM outbox WHERE client_ref = ?", (client_ref,)
            ).fetchone()
            if row is None or row["state"] == State.SENT:
                return None
            stale = row["state"] == State.SENDING and claims.lapsed(row, now)
            due = row["state"] in (State.QUEUED, State.FAILED) and (
                force or (row["auto_retry"] and row["next_attempt"] <= now)
            )
            if not (due or stale):
                return None
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, claimed_by = ?,"
                " claimed_at = ?, claim_owner = ?, updated_at = ? WHERE client_ref = ?",
                (State.SENDING.value, os.getpid(), now, claims.OWNER, now, client_ref),
            )
        return self.get(client_ref)

    def deliver(
        self,
        client_ref: str,
        backend: Backend,
        force: bool = False,
        progress: Callable[[str], None] | None = None,
    ) -> Item | None:
        """Try to send one item now. Returns its new state, or None if it was not due.

        ``progress`` hears each step by its code: ``checking`` (whether an earlier attempt
        arrived) and ``sending``; faces say them in their own words.
        """
        item = self.claim(client_ref, force=force)
        if item is None:
            return self.get(client_ref)
        heartbeat = claims.Heartbeat(self.db_path, client_ref)
        heartbeat.start()
        try:
            with deadline.within(claims.SEND_DEADLINE_SECONDS):
                self._attempt(item, backend, progress)
        finally:
            heartbeat.stop()
        return self.get(client_ref)

    def _attempt(
        self, item: Item, backend: Backend, progress: Callable[[str], None] | None
    ) -> None:
        """One delivery attempt of a claimed item; its outcome is written to its row."""
        try:
            if item.kind == "ticket":
                ticket = self._deliver_ticket(item, backend, progress)
                self._finish(item, ticket.id, ticket.ref)
            else:
                self._deliver_reply(item, backend)
                self._finish(item, item.target, "")
        except BackendError as err:
            self._fail(item, err)
        except OSError as err:  # a spooled file vanished or the disk failed
            self._fail(item, BackendError(str(err.strerror or err), code="kept_file_unreadable"))
        except Exception:  # an adapter bug: record it so the item is not stuck "sending"
            self._fail(item, BackendError())
            raise

    def deliver_due(self, backend: Backend, force: bool = False) -> list[Item]:
        """Send everything that is due (or everything, with ``force``).

        Each pass first forgets requests delivered longer ago than ``keep_sent_days``, so
        the table holds what is waiting plus a bounded tail of what was sent.
        """
        self.forget_sent()
        results = []
        for item in self.items():
            result = self.deliver(item.client_ref, backend, force=force)
            if result is not None:
                results.append(result)
        return results

    def _deliver_ticket(
        self, item: Item, backend: Backend, progress: Callable[[str], None] | None
    ) -> Ticket:
        if item.attempts > 1:  # an earlier attempt may have reached the helpdesk
            if progress:
                progress("checking")
            found = backend.find_by_client_ref(item.client_ref)
            if found is not None:
                return found
        if progress:
            progress("sending")
        return backend.create(NewTicket.from_dict(item.payload))

    def _deliver_reply(self, item: Item, backend: Backend) -> None:
        payload = item.payload
        attachments = [Attachment.from_dict(a) for a in payload.get("attachments", [])]
        feedback = payload.get("feedback")
        if payload.get("plus_one"):
            backend.plus_one(item.target, payload["text"])
        elif isinstance(feedback, dict):
            backend.send_feedback(
                item.target,
                str(feedback.get("rating") or ""),
                str(feedback.get("comment") or ""),
                payload["text"],
            )
        elif payload.get("reopen"):
            backend.reopen(item.target, payload["text"])
        else:
            backend.reply(item.target, payload["text"], attachments)

    def _finish(self, item: Item, ticket_id: str, ticket_ref: str) -> None:
        now = time.time()
        with self._connect() as conn, transaction(conn):
            conn.execute(
                "UPDATE outbox SET state = ?, ticket_id = ?, ticket_ref = ?, last_error = '',"
                " error_code = '', error_facts = '{}', updated_at = ?, claimed_by = 0"
                " WHERE client_ref = ?",
                (State.SENT.value, ticket_id, ticket_ref, now, item.client_ref),
            )
        shutil.rmtree(self.spool / item.client_ref, ignore_errors=True)

    def _fail(self, item: Item, err: BackendError) -> None:
        now = time.time()
        # Waiting helps only with temporary faults; a refused sign-in or a
        # refusal on the merits waits for the user instead of hammering the server.
        auto = err.retry and not isinstance(err, AuthenticationError | PermissionDenied)
        wait = min(self.retry_max_seconds, self.retry_seconds * 2 ** max(0, item.attempts - 1))
        if isinstance(err, RateLimited):
            wait = max(wait, err.wait_seconds)
        facts = {**err.facts, "detail": err.detail} if err.detail else dict(err.facts)
        with self._connect() as conn, transaction(conn):
            conn.execute(
                "UPDATE outbox SET state = ?, error_code = ?, error_facts = ?, auto_retry = ?,"
                " next_attempt = ?, updated_at = ?, claimed_by = 0 WHERE client_ref = ?",
                (
                    State.FAILED.value,
                    err.code,
                    json.dumps(facts),
                    int(auto),
                    now + wait,
                    now,
                    item.client_ref,
                ),
            )

    def discard(self, client_ref: str) -> Item | None:
        """Forget a waiting item the user gave up on, with its kept files.

        Returns the item as it was, or None when there is nothing to discard: no such
        item, already sent, or being sent right now by a live process (a stale claim
        counts as waiting).
        """
        now = time.time()
        with self._connect() as conn, transaction(conn):
            row = conn.execute(
                "SELECT * FROM outbox WHERE client_ref = ?", (client_ref,)
            ).fetchone()
            if row is None or row["state"] == State.SENT:
                return None
            if row["state"] == State.SENDING and not claims.lapsed(row, now):
                return None
            conn.execute("DELETE FROM outbox WHERE client_ref = ?", (client_ref,))
        shutil.rmtree(self.spool / client_ref, ignore_errors=True)
        return _damaged(row, "") if row["state"] == State.DAMAGED else _item(row)

    def forget_sent(self, now: float | None = None) -> int:
        """Remove requests delivered more than ``keep_sent_days`` ago; returns how many.

        Until then a sent row is what links a ticket to its receipt (My requests).
        """
        cutoff = (time.time() if now is None else now) - self.keep_sent_days * 86400
        with self._connect() as conn, transaction(conn):
            cur = conn.execute(
                "DELETE FROM outbox WHERE state = 'sent' AND updated_at < ?", (cutoff,)
            )
        return cur.rowcount


def _migrate(db_path: Path) -> None:
    """Give an outbox of an older build the error columns, and its failed rows their codes.

    Older builds kept an English sentence in ``last_error``; :func:`old_error` turns each
    into a code and facts, once (a row is migrated while its ``error_code`` is empty).
    """
    if not db_path.exists():
        return
    with connect(db_path, "") as conn:
        columns = {row["name"] for row in conn.execute("PRAGMA table_info(outbox)")}
        wanted = {statement.split("ADD COLUMN ")[1].split()[0] for statement in _MIGRATE}
        if not columns or wanted <= columns:
            return
        with transaction(conn):
            for statement in _MIGRATE:
                name = statement.split("ADD COLUMN ")[1].split()[0]
                if name not in columns:
                    conn.execute(statement)
            rows = conn.execute(
                "SELECT client_ref, last_error FROM outbox WHERE"
                " last_error != '' AND error_code = ''"
            ).fetchall()
            for row in rows:
                code, facts = old_error(row["last_error"])
                conn.execute(
                    "UPDATE outbox SET error_code = ?, error_facts = ?, last_error = ''"
                    " WHERE client_ref = ?",
                    (code, json.dumps(facts), row["client_ref"]),
                )


#: Below this many free bytes, SQLite's "disk I/O error" is taken for a full disk.
LOW_SPACE_BYTES = 1_000_000


def _disk_error(err: sqlite3.OperationalError, folder: Path | None = None) -> OSError:
    """SQLite's "database or disk is full" as the OSError every caller already explains.

    On a full disk SQLite often says only "disk I/O error" (a failed write of the WAL or
    its index, SQLITE_IOERR_*): with the folder nearly out of space that is ENOSPC too, so
    people read the disk-full sentence, not a puzzle (issue 17).
    """
    text = str(err).lower()
    if "full" in text or (
        folder is not None and "i/o error" in text and _space_left(folder) < LOW_SPACE_BYTES
    ):
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if "readonly" in text or "read-only" in text:
        return OSError(errno.EROFS, os.strerror(errno.EROFS))
    return OSError(errno.EIO, f"the outbox could not be written ({err})")


def _space_left(folder: Path) -> int:
    """Free bytes for this user where the outbox lives (a huge number when unknown)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def _item(row: Any) -> Item:
    return Item(
        client_ref=row["client_ref"],
        kind=row["kind"],
        target=row["target"],
        summary=row["summary"],
        state=State(row["state"]),
        attempts=row["attempts"],
        error_code=row["error_code"],
        error_facts=json.loads(row["error_facts"] or "{}"),
        auto_retry=bool(row["auto_retry"]),
        next_attempt=row["next_attempt"],
        ticket_id=row["ticket_id"],
        ticket_ref=row["ticket_ref"],
        created_at=row["created_at"],
        payload=json.loads(row["payload"]),
    )


class DamagedRow(BackendError):
    """Why a row was set aside: it cannot be read back (its detail says how). Never raised;
    its code is what the faces say for a ``damaged`` item."""

    code = "outbox_row_damaged"


#: What a row must hold to be delivered; anything else is set aside (:func:`_load`).
_PAYLOAD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, RecursionError)


def _load(conn: sqlite3.Connection, row: Any) -> Item:
    """The row as an :class:`Item`, or, when it cannot be read back (a damaged database,
    an older or newer build's shape, someone's edit), the row set aside as ``damaged``:
    one bad row must not stop every other request from going (issue 17, item 14)."""
    if row["state"] == State.DAMAGED:
        return _damaged(row, "")
    try:
        item = _item(row)
        _check_payload(item)
    except _PAYLOAD_ERRORS as err:
        reason = f"{type(err).__name__}: {err}"[:200]
        conn.execute(
            "UPDATE outbox SET state = ?, error_code = ?, error_facts = ?, auto_retry = 0,"
            " claimed_by = 0 WHERE client_ref = ?",
            (
                State.DAMAGED.value,
                DamagedRow.code,
                json.dumps({"detail": reason}),
                row["client_ref"],
            ),
        )
        return _damaged(row, reason)
    return item


def _check_payload(item: Item) -> None:
    """Build what delivery will build, so a wrong shape fails here and not mid-delivery."""
    if item.kind == "ticket":
        NewTicket.from_dict(item.payload)
    elif item.kind == "reply":
        if not isinstance(item.payload.get("text"), str):
            raise ValueError("a reply without text")
        for attachment in item.payload.get("attachments", []):
            Attachment.from_dict(attachment)
    else:
        raise ValueError(f"unknown kind {item.kind!r}")


def _damaged(row: Any, reason: str) -> Item:
    """A set-aside row as an item the faces can list, with what could still be read."""

    def read(name: str, default: Any) -> Any:
        try:
            value = row[name]
        except (IndexError, KeyError):
            return default
        return value if isinstance(value, type(default)) else default

    try:
        facts = json.loads(row["error_facts"] or "{}")
    except (ValueError, TypeError, RecursionError):
        facts = {}
    detail = reason or (str(facts.get("detail", "")) if isinstance(facts, dict) else "")
    return Item(
        client_ref=str(row["client_ref"]),
        kind=read("kind", ""),
        target=read("target", ""),
        summary=read("summary", ""),
        state=State.DAMAGED,
        attempts=read("attempts", 0),
        error_code=DamagedRow.code,
        error_facts={"detail": detail},
        auto_retry=False,
        next_attempt=0.0,
        ticket_id="",
        ticket_ref="",
        created_at=float(read("created_at", 0.0)),
        payload={},
    )
