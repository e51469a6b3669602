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
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.core import deadline, paths
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


#: A claim not renewed for this long, by a process on another computer (a home folder
#: shared over the network) or by a build that did not renew claims, is taken to belong to
#: a process that died. A claim of a process on this computer is taken over only when that
#: process is gone: see :func:`_owner_gone`.
STALE_CLAIM_SECONDS = 600.0
#: How often a delivering process renews its claim.
HEARTBEAT_SECONDS = 30.0
#: No delivery attempt outlives this (every network call is cut short to fit): an attempt
#: that ends before :data:`STALE_CLAIM_SECONDS` cannot be overtaken by a second process.
SEND_DEADLINE_SECONDS = STALE_CLAIM_SECONDS - 60.0


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


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
    ) -> Item:
        ref = client_ref or new_client_ref()
        spooled = self._spool(ref, tuple(attachments))
        payload = {"text": text, "attachments": [a.to_dict() for a in spooled], "reopen": reopen}
        summary = text.strip().splitlines()[0][:80] if text.strip() else "Reply"
        return self._insert(ref, "reply", ticket_id, summary, payload)

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
            raise _disk_error(err) from err
        item = self.get(ref)
        assert item is not None
        return item

    # -- reading ------------------------------------------------------------

    def get(self, client_ref: str) -> Item | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE client_ref = ?", (client_ref,)
            ).fetchone()
        return _item(row) if row else None

    def items(self, include_sent: bool = False) -> list[Item]:
        query = "SELECT * FROM outbox"
        if not include_sent:
            query += " WHERE state != 'sent'"
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY created_at").fetchall()
        return [_item(r) for r in rows]

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
            stale = row["state"] == State.SENDING and _claim_lapsed(row, now)
            due = row["state"] in (State.QUEUED, State.FAILED) and (
                force or (row["auto_retry"] and row["next_attempt"] <= now)
            )
            if not (due or stale):
                return None
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, claimed_by = ?,"
                " claimed_at = ?, claim_owner = ?, updated_at = ? WHERE client_ref = ?",
                (State.SENDING.value, os.getpid(), now, _OWNER, now, client_ref),
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
        heartbeat = _Heartbeat(self.db_path, client_ref)
        heartbeat.start()
        try:
            with deadline.within(SEND_DEADLINE_SECONDS):
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
        if payload.get("reopen"):
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
            if row["state"] == State.SENDING and not _claim_lapsed(row, now):
                return None
            conn.execute("DELETE FROM outbox WHERE client_ref = ?", (client_ref,))
        shutil.rmtree(self.spool / client_ref, ignore_errors=True)
        return _item(row)

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


def _disk_error(err: sqlite3.OperationalError) -> OSError:
    """SQLite's "database or disk is full" as the OSError every caller already explains."""
    text = str(err).lower()
    if "full" in text:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if "readonly" in text or "read-only" in text:
        return OSError(errno.EROFS, os.strerror(errno.EROFS))
    return OSError(errno.EIO, f"the outbox could not be written ({err})")


def _process_start(pid: int) -> str:
    """When process ``pid`` started, as an opaque stamp ("" where it cannot be read).

    With the pid it names one process for good: a pid the system gave to a new process
    after the old one died has another stamp.
    """
    try:  # Linux: field 22 of /proc/<pid>/stat, in clock ticks since boot
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat[stat.rindex(")") + 2 :].split()[19]
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return repr(psutil.Process(pid).create_time())
    except Exception:  # psutil missing, or the process gone: no stamp to compare
        return ""


_OWNER = f"{socket.gethostname()}|{os.getpid()}|{_process_start(os.getpid())}"


def _owner_gone(owner: str) -> bool | None:
    """Whether the process that made a claim has ended; None when it cannot be told.

    A process on this computer can be asked; one on another computer sharing the folder
    cannot, and then only its heartbeat (``claimed_at``) speaks for it.
    """
    host, _, rest = owner.partition("|")
    pid_text, _, start = rest.partition("|")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if not _alive(pid):
        return True
    return bool(start) and _process_start(pid) not in ("", start)


def _claim_lapsed(row: Any, now: float) -> bool:
    """May another process take over this claim? Only when its owner is gone.

    A live owner renews its claim every :data:`HEARTBEAT_SECONDS` and ends every attempt
    within :data:`SEND_DEADLINE_SECONDS`, so taking over from it would file the ticket a
    second time. Claims of older builds (no owner recorded) keep the old rule.
    """
    silent = now - row["claimed_at"] > STALE_CLAIM_SECONDS
    owner = row["claim_owner"]  # _migrate gave older outboxes the column
    if not owner:
        return silent or not _alive(row["claimed_by"])
    gone = _owner_gone(owner)
    return silent if gone is None else gone


class _Heartbeat:
    """Renews a delivery's claim while it runs, on a thread of its own.

    The delivery itself may sit in one long network call (a large upload); the claim must
    stay fresh all the same, so another computer sharing this outbox never mistakes a
    slow delivery for a dead one.
    """

    def __init__(self, db_path: Path, client_ref: str) -> None:
        self._db_path = db_path
        self._client_ref = client_ref
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopped.wait(HEARTBEAT_SECONDS):
            try:
                with connect(self._db_path, _SCHEMA) as conn, transaction(conn):
                    conn.execute(
                        "UPDATE outbox SET claimed_at = ? WHERE client_ref = ?"
                        " AND claim_owner = ? AND state = ?",
                        (time.time(), self._client_ref, _OWNER, State.SENDING.value),
                    )
            except (sqlite3.Error, OSError):  # a busy or full disk: try again next beat
                continue


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
