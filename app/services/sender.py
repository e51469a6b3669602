"""One background sender per user: the lock, how a sender is started, and what it waits for.

A request that could not go out at once must still reach support when every window is
closed (issue 15). Whichever Helpline process holds the sender lock delivers the outbox
in the background: a window's session, the tray, or ``helpline sender``, which is started
when the last window closes, or after ``helpline submit``/``reply``/``reopen`` leave
something queued, or at the next login (:mod:`app.services.login_start`). The lock is an
advisory file lock the operating system drops when its holder ends, however it ends, so a
crashed sender never blocks the next one; its file holds the holder's PID, for people and
tests. The outbox's own claims keep two processes from sending one request twice anyway;
the lock keeps a desk from running two timers.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from app.core.outbox import Item, Outbox, State
from app.services import login_start

if TYPE_CHECKING:
    from app.services.filing import Submission

LOCK_NAME = "sender.lock"
#: The known problems this person said "Me too" to, each told once when it ends
#: (:mod:`app.services.known_problems` keeps it). The background sender stays for them too:
#: "you will get a notification when it is fixed" holds after every window is closed.
SUBSCRIBED_FILE = "known-problems-subscribed.json"
#: Set to 1 where no process may outlive a command (the test suite, throw-away containers):
#: ``submit``/``reply``/``reopen`` then start no background sender; what they queue waits
#: for the next Helpline window or ``helpline outbox retry``.
NO_SENDER_ENV = "HELPLINE_NO_SENDER"


class SenderLock:
    """The per-user lock; :meth:`acquire` never waits."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK_NAME
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock if nobody has it; True if this process holds it (now or already)."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held while sending
        if not _try_lock(handle):
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
            _unlock(handle)
            handle.close()


def holder(root: Path) -> int | None:
    """The PID of the process that holds the lock, or None when nobody does."""
    probe = SenderLock(root)
    if probe.acquire():
        probe.release()
        return None
    try:
        return int(probe.path.read_text("ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return -1  # held, by a process that has not written its PID yet


def waits_to_be_sent(item: Item) -> bool:
    """Whether the outbox will send ``item`` by itself (a refusal waits for the person)."""
    return item.state is State.QUEUED or (item.state is not State.SENT and item.auto_retry)


def waiting(outbox: Outbox) -> int:
    """How many requests a background sender has to wait for."""
    return sum(1 for item in outbox.items() if waits_to_be_sent(item))


def by_kind(items: Iterable[Item]) -> tuple[int, int]:
    """How many of ``items`` are new requests, and how many are messages to support
    (replies, reopenings, feedback): a reply is not a request of its own."""
    listed = list(items)
    requests = sum(1 for item in listed if item.kind == "ticket")
    return requests, len(listed) - requests


def watching(root: Path) -> int:
    """How many known problems the person waits to hear the end of ("Me too"). Read here
    with json alone: the idle sender loads none of the known-problems code."""
    import json

    try:
        data = json.loads((root / SUBSCRIBED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    ids = data.get("incidents") if isinstance(data, dict) else None
    return len(ids) if isinstance(ids, dict) else 0


def work_left(outbox: Outbox) -> int:
    """What keeps a background sender: requests to send and known problems to watch."""
    return waiting(outbox) + watching(outbox.root)


@dataclass(frozen=True)
class Pass:
    """What one delivery pass did."""

    #: Requests not sent yet (including those waiting for the person).
    pending: int
    #: Requests the outbox will still send by itself.
    waiting: int
    #: Items whose state changed in this pass (sent, or now waiting for the person).
    changed: tuple[Item, ...] = ()
    #: Another process holds the sender lock: it delivers, this one did not.
    skipped: bool = False
    #: Known problems the person said "Me too" to and waits to hear the end of.
    watching: int = 0


def deliver_pass(
    submission: Submission,
    lock: SenderLock | None = None,
    login_command: Sequence[str] = (),
    name: str = "Helpline",
) -> Pass:
    """Runs on a worker: one delivery pass in this process, what changed, what still waits."""
    return run_pass(
        submission.outbox,
        lambda: submission.outbox.deliver_due(submission.backend),
        lock,
        login_command,
        name,
    )


def run_pass(
    outbox: Outbox,
    deliver: Callable[[], object],
    lock: SenderLock | None = None,
    login_command: Sequence[str] = (),
    name: str = "Helpline",
) -> Pass:
    """One pass: ``deliver`` sends what is due, and the outbox, read before and after, says
    what changed and what still waits."""
    if lock is not None and not lock.acquire():
        return Pass(outbox.pending_count(), waiting(outbox), skipped=True)
    before = snapshot(outbox)
    if before:
        deliver()
    return outcome(outbox, before, lock, login_command, name)


Snapshot = dict[str, tuple[State, int]]


def snapshot(outbox: Outbox) -> Snapshot:
    """Each waiting item's state and attempts, to tell afterwards what a pass changed."""
    return {i.client_ref: (i.state, i.attempts) for i in outbox.items()}


def outcome(
    outbox: Outbox,
    before: Snapshot,
    lock: SenderLock | None = None,
    login_command: Sequence[str] = (),
    name: str = "Helpline",
) -> Pass:
    """What a pass that started at ``before`` did; the holder of the lock also keeps the
    login entry in step (registered while anything waits or a known problem is watched,
    removed once neither)."""
    changed = []
    for ref, was in before.items():
        now = outbox.get(ref)
        if now is not None and (now.state, now.attempts) != was:
            changed.append(now)
    still = waiting(outbox)
    watched = watching(outbox.root)
    if lock is not None and login_command:
        if still or watched:
            login_start.register(login_command, name)
        else:
            login_start.unregister()
    return Pass(outbox.pending_count(), still, tuple(changed), watching=watched)


def due(outbox: Outbox, now: float | None = None) -> bool:
    """Whether the outbox would send something if asked now (a pass is worth starting)."""
    now = time.time() if now is None else now
    return any(
        waits_to_be_sent(item) and (item.state is State.QUEUED or item.next_attempt <= now)
        for item in outbox.items()
    )


def command(config_args: Sequence[str] = (), *words: str) -> list[str]:
    """How this copy of Helpline starts its background sender (the frozen build, or Python
    with the package), with the same ``--config``/``--set`` it was started with; ``words``
    replace ``sender`` (``requests``, or ``sender --pass``)."""
    words = words or ("sender",)
    if getattr(sys, "frozen", False):
        return [sys.executable, *config_args, *words]
    return [sys.executable, "-m", "app", *config_args, *words]


def spawn(config_args: Sequence[str] = ()) -> int | None:
    """Start a background sender that outlives this process; its PID, or None when one
    runs already (it will send what was just queued)."""
    from app.core import paths

    if os.environ.get(NO_SENDER_ENV) == "1" or holder(paths.data_dir()) is not None:
        return None
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        options["start_new_session"] = True  # not ended with the terminal it came from
    child = subprocess.Popen(
        command(config_args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        **options,  # type: ignore[call-overload]
    )
    return child.pid


if sys.platform == "win32":  # pragma: no cover - written for Windows, tested on Linux
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
