"""Background delivery: whatever waits in the outbox is sent without the user asking.

The outbox already decides what is due (backoff, claims, duplicate checks);
this service only wakes it up on a timer, on the task runner so the GUI never
waits, and reports how many requests are still waiting so the wizard, the
*My requests* window and (later) the tray can say so. Two passes never
overlap: a tick that arrives while one is running is skipped.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.filing import Submission
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def _deliver_pass(submission: Submission) -> int:
    """Runs on a worker: one delivery pass, then the number still waiting."""
    if submission.outbox.pending_count():
        submission.outbox.deliver_due(submission.backend)
    return submission.outbox.pending_count()


class DeliveryService(QObject):
    """Runs ``outbox.deliver_due`` every ``outbox.retry_seconds`` (and once at start)."""

    #: How many requests are still waiting after a pass (0 when all are sent).
    pendingChanged = Signal(int)
    #: A pass finished, successfully or not.
    passFinished = Signal()

    def __init__(
        self,
        submission: Submission,
        runner: TaskRunner,
        interval_seconds: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryService")
        self._submission = submission
        self._runner = runner
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
            _deliver_pass, self._submission, on_done=self._on_done, on_error=self._on_error
        )
        return True

    def _on_done(self, pending: int) -> None:
        self._running = False
        self.pending = pending
        self.pendingChanged.emit(pending)
        self.passFinished.emit()

    def _on_error(self, error: BaseException) -> None:
        # The outbox turns backend errors into item states; anything reaching
        # here is unexpected (a broken database, a bug). Log it and try again
        # on the next tick rather than stop delivering for good.
        self._running = False
        log.error("background delivery failed: %s", getattr(error, "__traceback_text__", error))
        self.passFinished.emit()
