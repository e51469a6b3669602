"""Who is sending an outbox row right now, and when another process may take over.

Delivery claims a row before it sends (:meth:`app.core.outbox.Outbox.claim`). A second
Helpline process must never take over a claim whose owner is still sending, or the ticket
is filed twice (issue 17, item 7); and it must take over a claim whose owner died, or the
request waits forever. So a claim records its owner (host, pid, and when that process
started, so a reused pid is told apart), the owner renews it on a heartbeat while it sends,
every attempt ends within :data:`SEND_DEADLINE_SECONDS`, and another process takes over
only when the owner is gone; a claim from another computer sharing the folder (a network
home), whose process cannot be asked, lapses when its heartbeat has been silent for
:data:`STALE_CLAIM_SECONDS`.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from app.core.store import connect, transaction

#: A claim not renewed for this long, by a process on another computer or by a build that
#: did not renew claims, is taken to belong to a process that died. A claim of a process on
#: this computer is taken over only when that process is gone: see :func:`owner_gone`.
STALE_CLAIM_SECONDS = 600.0
#: How often a delivering process renews its claim.
HEARTBEAT_SECONDS = 30.0
#: No delivery attempt outlives this (every network call is cut short to fit): an attempt
#: that ends before :data:`STALE_CLAIM_SECONDS` cannot be overtaken by a second process.
SEND_DEADLINE_SECONDS = STALE_CLAIM_SECONDS - 60.0


def process_start(pid: int) -> str:
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


#: This process, as its claims name it.
OWNER = f"{socket.gethostname()}|{os.getpid()}|{process_start(os.getpid())}"


def owner_gone(owner: str) -> bool | None:
    """Whether the process that made a claim has ended; None when it cannot be told.

    A process on this computer can be asked; one on another computer sharing the folder
    cannot, and then only its heartbeat (``claimed_at``) speaks for it.
    """
    host, _, rest = owner.partition("|")
    pid_text, _, start = rest.partition("|")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if not alive(pid):
        return True
    return bool(start) and process_start(pid) not in ("", start)


def lapsed(row: Any, now: float) -> bool:
    """May another process take over this claim (an outbox row)? Only when its owner is
    gone. Claims of older builds (no owner recorded) keep the old rule: stale after
    :data:`STALE_CLAIM_SECONDS`, or its pid ended."""
    silent = now - row["claimed_at"] > STALE_CLAIM_SECONDS
    owner = row["claim_owner"]  # the outbox's migration gave older outboxes the column
    if not owner:
        return silent or not alive(row["claimed_by"])
    gone = owner_gone(owner)
    return silent if gone is None else gone


class Heartbeat:
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
                with connect(self._db_path, "") as conn, transaction(conn):
                    conn.execute(
                        "UPDATE outbox SET claimed_at = ? WHERE client_ref = ?"
                        " AND claim_owner = ? AND state = 'sending'",
                        (time.time(), self._client_ref, OWNER),
                    )
            except (sqlite3.Error, OSError):  # a busy or full disk: try again next beat
                continue


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists (on this computer)."""
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
