"""Background delivery: whatever waits in the outbox is sent without the user asking.

The outbox already decides what is due (backoff, claims, duplicate checks);
this service only wakes it up on a timer, on the task runner so the GUI never
waits, and reports how many requests are still waiting so the wizard, the
*My requests* window and the tray can say so. Two passes never overlap: a tick
that arrives while one is running is skipped.

With a :class:`~app.services.sender.SenderLock` only the process holding the
lock delivers on its timer (one background sender per user, issue 15); the
holder also keeps the login entry that resumes sending after a restart in step
with the outbox: registered while anything waits, removed once nothing does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import sender
from app.services.filing import Submission
from app.services.sender import Pass, SenderLock
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class DeliveryService(QObject):
    """Runs ``outbox.deliver_due`` every ``outbox.retry_seconds`` (and once at start)."""

    #: How many items the outbox will still send by itself after a pass (0: none).
    pendingChanged = Signal(int)
    #: A pass finished, successfully or not.
    passFinished = Signal()
    #: What a pass did (:class:`Pass`).
    passed = Signal(object)

    def __init__(
        self,
        submission: Submission,
        runner: TaskRunner,
        interval_seconds: float | None = None,
        parent: QObject | None = None,
        lock: SenderLock | None = None,
        login_command: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryService")
        self._submission = submission
        self._runner = runner
        self.lock = lock
        self.login_command = list(login_command)
        self.waiting = -1  # unknown until the first pass
        seconds = interval_seconds or float(submission.config["outbox.retry_seconds"])
        self._timer = QTimer(self)
        self._timer.setObjectName("deliveryTimer")
        self._timer.setInterval(max(1000, int(seconds * 1000)))
        self._timer.timeout.connect(self.run_now)
        self._running = False
        self.pending = -1  # unknown until the first pass

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Deliver now, then on every tick."""
        self._timer.start()
        self.run_now()

    def stop(self) -> None:
        self._timer.stop()

    def run_now(self) -> bool:
        """Start a pass unless one is under way; True if a pass was started."""
        if self._running:
            return False
        self._running = True
        self._runner.run(
            sender.deliver_pass,
            self._submission,
            self.lock,
            self.login_command,
            self._submission.config["branding.name"],
            on_done=self._on_done,
            on_error=self._on_error,
        )
        return True

    def _on_done(self, result: Pass) -> None:
        self._running = False
        self.pending, self.waiting = result.pending, result.waiting
        self.pendingChanged.emit(result.waiting)  # what goes out by itself (the tray's line)
        self.passed.emit(result)
        self.passFinished.emit()

    def _on_error(self, error: BaseException) -> None:
        # The outbox turns backend errors into item states; anything reaching
        # here is unexpected (a broken database, a bug). Log it and try again
        # on the next tick rather than stop delivering for good.
        self._running = False
        log.error("background delivery failed: %s", getattr(error, "__traceback_text__", error))
        self.passFinished.emit()
