"""Reading *My requests*' list in two steps: the first screenful, then the rest.

The first read (the first rows in the default order, and the count) starts as
the window starts being built, so the first paint can already show them; the
rest is read only after those rows have been painted, so that read never
competes with the paint. Both run on the task runner. What arrives before the
window is ready to show it is kept until :meth:`ListLoader.release`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.core.cache import TicketCache
from app.services.filing import Submission
from app.ui.requests import jobs
from app.ui.tasks import TaskRunner


class _AfterPaint(QObject):
    """Calls ``then`` after the next paint of ``widget``, once the event loop has gone round.

    The second turn lets the frame go out and whatever was already waiting (input, other
    timers) run before the next step starts.
    """

    def __init__(self, widget: QWidget, context: QObject, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.context, self.then = context, then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(
                0,
                self.context,
                partial(  # nothing if the owner is gone
                    QTimer.singleShot, 0, self.context, self.then
                ),
            )
            self.deleteLater()
        return False


class ListLoader(QObject):
    """Reads the list for a window: the first ``first_rows`` rows at once, the rest after."""

    #: Rows to show (a :class:`~app.ui.models.Prepared`): the first screenful, then all.
    rowsRead = Signal(object)
    #: The first rows are on screen; the rest is about to be read.
    firstPainted = Signal()
    #: The whole cached list is in, or could not be read.
    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        submission: Submission,
        cache: TicketCache,
        first_rows: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listLoader")
        self.runner, self.submission, self.cache = runner, submission, cache
        self._viewport: QWidget | None = None
        self._early: list[Callable[[], None]] = []
        self._step = 0  # the newest step waiting for a paint
        runner.run(
            jobs.listed,
            submission,
            cache,
            first_rows,
            on_done=lambda loaded: self._when_ready(partial(self._first, loaded)),
            on_error=lambda _e: self._when_ready(partial(self.after_paint, self.finished.emit)),
        )

    def release(self, viewport: QWidget) -> None:
        """The window is built: deliver what came early; paints of ``viewport`` pace the rest."""
        self._viewport = viewport
        early, self._early = self._early, []
        for step in early:
            step()

    def _when_ready(self, step: Callable[[], None]) -> None:
        if self._viewport is not None:
            step()
        else:
            self._early.append(step)

    def _first(self, loaded: jobs.Loaded) -> None:
        prepared = loaded[0]
        self.rowsRead.emit(prepared)
        self.after_paint(self.finished.emit if prepared.complete else self._read_the_rest)

    def _read_the_rest(self) -> None:
        self.firstPainted.emit()
        self.runner.run(
            jobs.listed,
            self.submission,
            self.cache,
            on_done=self._rest,
            on_error=lambda _e: self.finished.emit(),
        )

    def _rest(self, loaded: jobs.Loaded) -> None:
        self.rowsRead.emit(loaded[0])
        self.finished.emit()

    def after_paint(self, step: Callable[[], None]) -> None:
        """Run ``step`` once the viewport has painted what it shows now (at once when hidden).

        Only the newest step waits; a second without a paint (a covered window) runs it.
        """
        viewport = self._viewport
        if viewport is None or not viewport.window().isVisible():
            step()
            return
        self._step += 1
        token = self._step
        _AfterPaint(viewport, self, partial(self._run_step, token, step))
        QTimer.singleShot(1000, self, partial(self._run_step, token, step))

    def _run_step(self, token: int, step: Callable[[], None]) -> None:
        if token == self._step:
            self._step += 1  # run once, whichever comes first
            step()
