"""The one way Helpline runs work off the GUI thread.

Collection, submission, delivery and polling all go through :class:`TaskRunner`:
the function runs on Qt's thread pool and its result (or exception) comes
back to the GUI thread as a queued call, so widgets never wait on the network
or the disk and never touch a widget from a worker. Tests that want plain
sequential execution use :class:`InlineRunner`, which has the same interface.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Bridge(QObject):
    """Lives on the GUI thread; its signals cross from workers by queued connection."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self, job_id: int, runner: TaskRunner, fn: Callable[..., Any], args: tuple[Any, ...]
    ) -> None:
        super().__init__()
        # Holding the runner (not just its bridge) keeps a parentless runner
        # from being collected mid-job, which would delete the signal source.
        self.runner = runner
        self.job_id, self.bridge, self.fn, self.args = job_id, runner._bridge, fn, args
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except BaseException as err:  # handed to the caller's on_error
            err.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.bridge.failed.emit(self.job_id, err)
        else:
            self.bridge.finished.emit(self.job_id, result)


class TaskRunner(QObject):
    """Run callables on a thread pool; get results back on the GUI thread."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskRunner")
        self._pool = pool or QThreadPool.globalInstance()
        self._bridge_made: _Bridge | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}

    @property
    def _bridge(self) -> _Bridge:
        """Made at the first job, not with the runner: the runner exists before the first
        paint, and ``Qt.ConnectionType`` would build the ``Qt`` namespace (app/ui/qt_values.py)."""
        if self._bridge_made is None:
            from PySide6.QtCore import Qt

            bridge = self._bridge_made = _Bridge(self)
            # Queued even if a job ever ended on this thread: callbacks never run re-entrantly.
            bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
            bridge.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        return self._bridge_made

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> int:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(job_id, self, fn, args))
        return job_id

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle; for shutdown and tests only, never from a page."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        on_done, _ = self._take(job_id)
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        _, on_error = self._take(job_id)
        if on_error is not None:
            on_error(error)  # type: ignore[arg-type]
        else:
            log.error("background task failed: %s", getattr(error, "__traceback_text__", error))

    def _take(self, job_id: int) -> tuple[Done | None, Failed | None]:
        callbacks = self._pending.pop(job_id, (None, None))
        if not self._pending:
            self.busyChanged.emit(False)
        return callbacks


class InlineRunner(TaskRunner):
    """Runs each task immediately on the calling thread; same callbacks, no threads."""

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> int:
        try:
            result = fn(*args)
        except Exception as err:  # handed to the caller's on_error
            if on_error is None:
                raise
            on_error(err)
        else:
            if on_done is not None:
                on_done(result)
        return 0
