"""The recording itself: the countdown, the limits, and a step for every click.

Clicks and keystrokes arrive on pynput's threads (``app.collectors.steps_input``) and are
handed to the GUI thread as queued signals carrying nothing but a point, or nothing at all
for a key. On the GUI thread a click costs a few calls: it is checked against Helpline's
own windows (a click on the bar is not a step), added to the
:class:`~app.collectors.steps.Recording`, and the picture is started on a worker through
the task runner, with the rectangles of Helpline's visible windows to cover. Reading the
screen, finding the window's title and program, painting and encoding all happen there.

Where clicks cannot be seen (``manual`` mode), the bar's "Capture this step" adds a step
with a picture of the screen as it is, Helpline's windows covered the same way.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.collectors import steps_capture, steps_input
from app.collectors.steps import Kind, Recording, Step, Stop, inside
from app.core.config import Config
from app.ui.steps import words
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

Rect = tuple[int, int, int, int]
#: Pictures waiting for the encoder beyond which new ones skip WebP lossless (0.6-1.7 s
#: each at 1920x1080) for JPEG (tens of ms), so quick clicks do not pile up.
LOSSLESS_QUEUE = 2


def own_windows() -> list[QWidget]:
    """Helpline's top-level windows that are on the screen (not hidden, not minimised)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and not w.isMinimized() and w.isWindow()
    ]


def _rect(widget: QWidget) -> Rect:
    scale = widget.devicePixelRatioF()
    g = widget.frameGeometry()
    return (
        round(g.x() * scale),
        round(g.y() * scale),
        round(g.width() * scale),
        round(g.height() * scale),
    )


def _screens() -> list[Rect]:
    rects = []
    for screen in QGuiApplication.screens():
        scale, g = screen.devicePixelRatio(), screen.geometry()
        rects.append(
            (
                round(g.x() * scale),
                round(g.y() * scale),
                round(g.width() * scale),
                round(g.height() * scale),
            )
        )
    return rects


class _Windows:
    """One python-xlib connection for the window under a click, shared by the workers."""

    def __init__(self, display: str | None) -> None:
        self._display = display
        self._info: steps_input.WindowInfo | None = None
        self._lock = threading.Lock()

    def at(self, x: int, y: int) -> tuple[str, str, int]:
        with self._lock:
            try:
                if self._info is None:
                    self._info = steps_input.WindowInfo(self._display)
                return self._info.at(x, y)
            except Exception:
                log.debug("window under a click not readable", exc_info=True)
                return "", "", 0

    def close(self) -> None:
        with self._lock:
            if self._info is not None:
                self._info.close()
                self._info = None


class StepsRecorder(QObject):
    #: Seconds left before recording starts (3, 2, 1).
    countdown = Signal(int)
    started = Signal()
    #: A step was added (its index); ``stepChanged`` when its picture or count arrived.
    stepAdded = Signal(int)
    stepChanged = Signal(int)
    pausedChanged = Signal(bool)
    #: The global listeners are connected (or failed: then :attr:`manual` is true).
    watchReady = Signal()
    #: The recording ended (a :class:`Stop` value).
    finished = Signal(str)
    _click = Signal(int, int)
    _key = Signal()
    _shortcut = Signal()

    def __init__(
        self,
        config: Config,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        countdown_s: int = 3,
        global_input: bool | None = None,
        scrub: Callable[[str], str] = lambda text: text,
        windows: Callable[[], list[QWidget]] = own_windows,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stepsRecorder")
        self.config = config
        self.runner = runner
        self.recording = Recording(
            max_steps=int(config["steps.max_steps"]), max_minutes=float(config["steps.max_minutes"])
        )
        #: Why clicks cannot be seen here (a steps_input code); None when they can.
        self.problem: str | None = (
            steps_input.global_problem()
            if global_input is None
            else (None if global_input else steps_input.NO_RECORD)
        )
        self._scrub = scrub
        self._windows = windows
        self._display = os.environ.get("DISPLAY")
        self._xcb = QGuiApplication.platformName() == "xcb" and bool(self._display)
        self._window_info = _Windows(self._display)
        self._watch: steps_input.InputWatch | None = None
        self._left = countdown_s
        self._done = False
        #: False while the bar's note field has the keyboard (that typing is no step).
        self.count_keys = True
        self._tick = QTimer(self)
        self._tick.setObjectName("stepsCountdown")
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self._limit = QTimer(self)
        self._limit.setObjectName("stepsTimeLimit")
        self._limit.setSingleShot(True)
        self._limit.timeout.connect(lambda: self.stop(Stop.MAX_MINUTES))
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # one core at most for encoding, however fast the clicks
        self._encoder = TaskRunner(self, pool)
        self._encoding = 0
        #: The global shortcut for "Capture this step" in manual mode, when one was grabbed.
        self.shortcut = ""
        self._grabbed: steps_input.GrabbedKey | None = None
        self._shortcut.connect(self.capture_now)
        self._click.connect(self._on_click)
        self._key.connect(self._on_key)

    @property
    def manual(self) -> bool:
        return self.problem is not None

    @property
    def steps(self) -> list[Step]:
        return self.recording.steps

    # -- control --------------------------------------------------------------

    def start(self) -> None:
        """Count down, then record. The listeners connect on a worker meanwhile (about
        0.1-0.6 s, pynput's import included); input before the recording starts is
        ignored."""
        if not self.manual:
            watch = steps_input.InputWatch(self._click.emit, self._key.emit)
            self.runner.run(
                watch.start,
                on_done=lambda _none: self._watching(watch),
                on_error=lambda _error: self._not_watching(),
            )
        elif self.problem == steps_input.NO_RECORD and self._display:
            self._grab_shortcut()
        if self._left <= 0:
            self._begin()
            return
        self.countdown.emit(self._left)
        self._tick.start()

    @Slot()
    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick.stop()
        self._begin()

    def _grab_shortcut(self) -> None:
        """X11 without RECORD can still give one key combination to one program."""
        try:
            grabbed = steps_input.GrabbedKey(self._shortcut.emit, self._display)
            if grabbed.start():
                self._grabbed, self.shortcut = grabbed, "Ctrl+Alt+S"
        except Exception:
            log.debug("no global shortcut", exc_info=True)

    def _watching(self, watch: steps_input.InputWatch) -> None:
        if self._done:
            watch.stop()
            return
        self._watch = watch
        self.watchReady.emit()

    def _not_watching(self) -> None:
        log.warning("global input not available; only manual steps")
        self.problem = steps_input.NO_RECORD
        self.watchReady.emit()

    def _begin(self) -> None:
        self.recording.start()
        self._limit.start(round(self.recording.max_minutes * 60_000))
        self.started.emit()

    def pause(self, paused: bool = True) -> None:
        if paused:
            self.recording.pause()
            self._limit.stop()
        else:
            self.recording.resume()
            left = self.recording.max_minutes * 60 - self.recording.elapsed()
            self._limit.start(max(0, round(left * 1000)))
        self.pausedChanged.emit(self.recording.paused)

    def stop(self, reason: Stop = Stop.USER) -> None:
        """End the recording (once); the steps stay for review. A recording that stopped
        itself at a limit keeps that reason."""
        if self._done:
            return
        self._done = True
        self._tick.stop()
        self._limit.stop()
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.stop()
        grabbed, self._grabbed = self._grabbed, None
        if grabbed is not None:
            grabbed.stop()
        if self.recording.stopped is None and not self.recording.running:
            self.recording.start()  # stopped during the countdown: an empty recording
        self.recording.stop(reason)
        if not self.runner.busy:
            self._window_info.close()  # else when the last screen is read (_composed)
        self.finished.emit(str(self.recording.stopped))

    def add_note(self, text: str) -> None:
        text = text.strip()
        if text and self.recording.add(Step(Kind.NOTE, datetime.now(), note=text)):
            step = self.steps[-1]
            step.caption = words.caption(step)
            self._added()

    @Slot()
    def capture_now(self) -> None:
        """A step of the screen as it is now (the bar's "Capture this step")."""
        self._step(Step(Kind.MANUAL, datetime.now()), None)

    # -- input ----------------------------------------------------------------

    @Slot(int, int)
    def _on_click(self, x: int, y: int) -> None:
        if not self.recording.listening:
            return
        hide = [_rect(w) for w in self._windows()]
        if any(inside((x, y), r) for r in hide):
            return  # a click on Helpline itself (the bar) is not a step
        self._step(Step(Kind.CLICK, datetime.now(), x=x, y=y), (x, y), hide)

    @Slot()
    def _on_key(self) -> None:
        if not self.count_keys:
            return
        count = len(self.steps)
        step = self.recording.typed(datetime.now())
        if step is None:
            self._check_stopped()
            return
        step.caption = words.caption(step)
        if len(self.steps) > count:
            self._added()
        else:
            self.stepChanged.emit(len(self.steps) - 1)

    def _step(
        self, step: Step, point: tuple[int, int] | None, hide: list[Rect] | None = None
    ) -> None:
        if not self.recording.add(step):
            self._check_stopped()
            return
        step.caption = words.caption(step)
        hide = [_rect(w) for w in self._windows()] if hide is None else hide
        screens = _screens()
        job: Callable[[], object]
        if self._xcb:
            job = lambda: self._take(point, screens, hide)  # noqa: E731
        else:  # Qt reads the screen, on the GUI thread (manual steps off X11)
            from app.collectors.screenshot import grab_desktop

            image = grab_desktop()
            job = lambda: (  # noqa: E731
                None if image is None else steps_capture.compose(image, point, screens, hide),
                "",
                "",
            )
        self.runner.run(job, on_done=lambda result: self._composed(step, result))
        self._added()

    def _take(
        self, point: tuple[int, int] | None, screens: list[Rect], hide: list[Rect]
    ) -> tuple[object, str, str]:
        """Worker, at once: the screen as it is, and the window clicked (title, program)."""
        composed = steps_capture.take(self._display, point, screens, hide)
        title, program = "", ""
        if point is not None:
            title, program, pid = self._window_info.at(*point)
            if pid == os.getpid():
                title, program = "", ""
        return composed, self._scrub(title), self._scrub(program)

    def _composed(self, step: Step, result: Any) -> None:
        """The screen is read: encode it on the encoder's one thread. WebP lossless is
        slow, so while a few pictures wait for it, further ones go straight to JPEG."""
        composed, step.title, step.program = result
        step.caption = words.caption(step)
        if self._done and not self.runner.busy:
            self._window_info.close()
        if composed is not None:
            image, point = composed
            lossless = self._encoding < LOSSLESS_QUEUE
            self._encoding += 1
            self._encoder.run(
                steps_capture.encoded,
                image,
                point,
                steps_capture.STEP_BUDGET,
                lossless,
                on_done=lambda picture: self._pictured(step, picture),
                on_error=lambda _error: self._pictured(step, None),
            )
        self._changed(step)

    def _pictured(self, step: Step, picture: steps_capture.Picture | None) -> None:
        self._encoding -= 1
        if picture is not None:
            step.picture, step.mime = picture.data, picture.mime
            step.width, step.height = picture.width, picture.height
            step.x, step.y, step.thumbnail = picture.x, picture.y, picture.thumbnail
        self._changed(step)

    def _changed(self, step: Step) -> None:
        if step in self.steps:
            self.stepChanged.emit(self.steps.index(step))

    def wait(self, msecs: int = 30000) -> bool:
        """Until every picture is made; for shutdown, ``helpline record`` and tests."""
        deadline = time.monotonic() + msecs / 1000
        while self.pending() and time.monotonic() < deadline:
            self.runner.wait(msecs)
            QCoreApplication.processEvents()
            self._encoder.wait(msecs)
            QCoreApplication.processEvents()
        return not self.pending()

    def _added(self) -> None:
        self.stepAdded.emit(len(self.steps) - 1)
        self._check_stopped()

    def _check_stopped(self) -> None:
        if self.recording.stopped is not None:
            self.stop(self.recording.stopped)

    def pending(self) -> bool:
        """Whether a picture is still being made."""
        return self.runner.busy or self._encoder.busy
