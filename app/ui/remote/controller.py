"""One remote-help session at a time: start after consent, watch, stop, record.

Started only by :meth:`app.ui.session.Session.open_share` after the consent dialog's Yes.
While it runs: the bars on every screen, a one-shot timer for the time limit, and a check
every 200 ms whether the tool ended by itself (x11vnc does when the technician leaves).
It ends by the person's Stop, the time limit, the technician leaving, or Helpline
closing, and then the whole process group is gone before :attr:`ended` is emitted. Each
start and end leaves an audit line in the request, through the outbox.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.remote_help import Offer
from app.services.followup import FollowUps
from app.services.remote_help import audit
from app.services.remote_help.plan import Plan
from app.services.remote_help.process import Sharing
from app.ui.remote.bar import SharingBars
from app.ui.tasks import TaskRunner

WATCH_MS = 200
#: The keys that stop sharing from anywhere (X11's key grab; see ``_grab_stop_key``).
STOP_SHORTCUT = "Ctrl+Alt+End"

log = logging.getLogger(__name__)


class RemoteHelp(QObject):
    """The running session, if any. ``followups`` is asked for lazily (it needs the
    filing service); ``launch`` starts an owned tool (tests replace it);
    ``open_handover`` hands a link or program to the desktop."""

    #: Why it ended: ``user``, ``time_limit``, ``support``, ``exit`` or ``failed``.
    ended = Signal(str)
    started = Signal()
    #: An audit line is in the outbox (the session asks delivery to send it now).
    recorded = Signal()
    #: Ended, and its last audit line is in the outbox (or could not be kept): what a
    #: process with no window left waits for before it hands the outbox over and ends.
    closed = Signal(str)
    #: Ctrl+Alt+End was pressed (emitted on the key grab's thread, delivered queued).
    stopKeyPressed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        followups: Callable[[], FollowUps],
        parent: QObject | None = None,
        launch: Callable[[Plan], Sharing] | None = None,
        open_handover: Callable[[Plan], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remoteHelp")
        self.runner = runner
        self._followups = followups
        self.launch = launch or (lambda plan: Sharing(plan.argv))
        self.open_handover = open_handover or _open_handover
        self.offer: Offer | None = None
        self.plan: Plan | None = None
        self.sharing: Sharing | None = None
        self.bars: SharingBars | None = None
        self._began = 0.0
        self._deadline = 0.0
        self.limit = QTimer(self)
        self.limit.setSingleShot(True)
        self.limit.timeout.connect(lambda: self.stop("time_limit"))
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self._check)
        self._stop_key: Any = None
        self.stopKeyPressed.connect(lambda: self.stop("user"))

    @property
    def active(self) -> bool:
        return self.offer is not None

    def start(self, offer: Offer, plan: Plan, seconds: float | None = None) -> bool:
        """Start ``plan`` for ``offer`` (after the person's Yes); False if it could not.

        ``seconds`` replaces the offer's minutes (tests of the time limit only)."""
        if self.active or plan.problem:
            return False
        limit = offer.minutes * 60 if seconds is None else seconds
        self.offer, self.plan = offer, plan
        self._began = time.monotonic()
        self._deadline = self._began + limit
        try:
            if plan.owned:
                self.sharing = self.launch(plan)
            else:
                self.open_handover(plan)
        except OSError:
            self._record_start(failed=True)
            self.offer = self.plan = None
            self.ended.emit("failed")
            return False
        from app.ui.remote.words import code_prompt

        self.bars = SharingBars(lambda: self.stop("user"), code_prompt(plan.code_hint))
        self.bars.set_remaining(int(limit))
        self._grab_stop_key()
        self.limit.start(int(limit * 1000))
        self.watch.start()
        self._record_start()
        if plan.code_command:
            self.runner.run(_read_code, plan.code_command, on_done=self._show_code)
        self.started.emit()
        return True

    def _grab_stop_key(self) -> None:
        """Ctrl+Alt+End stops sharing from the keyboard, whichever window has the focus:
        the bar never takes focus (it must not steal typing), so without this a person who
        works by keyboard alone could only wait for the time limit. X11 only (a key grab);
        the bars say the shortcut only where the grab succeeded."""
        if not os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
            return
        try:
            from app.collectors.steps_input import GrabbedKey

            grabbed = GrabbedKey(self.stopKeyPressed.emit, keysym="End")
            if grabbed.start():
                self._stop_key = grabbed
                if self.bars is not None:
                    self.bars.set_shortcut(STOP_SHORTCUT)
        except Exception:  # no python-xlib, or no X server to ask: the bar's Stop remains
            log.debug("no keyboard shortcut for Stop", exc_info=True)

    def _show_code(self, code: str) -> None:
        if self.bars is not None and code:
            self.bars.set_code(code)

    def _check(self) -> None:
        if self.bars is not None:
            self.bars.set_remaining(round(self._deadline - time.monotonic()))
        if self.sharing is not None and self.sharing.exited():
            self.stop("support")

    def stop(self, by: str) -> None:
        """End the session now (``by``: who or what ended it); the process group is gone
        when this returns, and the end is recorded."""
        if self.offer is None:
            return
        offer, seconds = self.offer, time.monotonic() - self._began
        self.limit.stop()
        self.watch.stop()
        grabbed, self._stop_key = self._stop_key, None
        if grabbed is not None:
            grabbed.stop()
        if self.sharing is not None:
            self.sharing.stop()
        if self.bars is not None:
            self.bars.close()
        self.offer = self.plan = None
        self.sharing, self.bars = None, None
        at = datetime.now(UTC)
        self._run(audit.ended, offer.request_id, by, seconds, at, then=lambda: self.closed.emit(by))
        self.ended.emit(by)

    def _record_start(self, failed: bool = False) -> None:
        assert self.offer is not None and self.plan is not None
        offer, plan = self.offer, self.plan
        at = datetime.now(UTC)
        self._run(audit.started, offer.request_id, plan.tool, plan.control, offer.minutes, at)
        if failed:
            self._run(audit.ended, offer.request_id, "failed", 0.0, at)

    def _run(
        self, fn: Callable[..., object], *args: object, then: Callable[[], None] | None = None
    ) -> None:
        def done(_item: object) -> None:
            self.recorded.emit()
            if then is not None:
                then()

        def failed(_error: BaseException) -> None:
            if then is not None:
                then()

        followups = self._followups()
        self.runner.run(fn, followups, *args, on_done=done, on_error=failed)


def _read_code(argv: tuple[str, ...]) -> str:
    """What the tool prints as the code to read out (``rustdesk --get-id``)."""
    import subprocess

    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _open_handover(plan: Plan) -> None:
    """Hand a link (the browser) or a program (Windows) to the desktop."""
    target = plan.handover[0]
    if os.path.isfile(target):
        import subprocess

        subprocess.Popen([target], start_new_session=True)
        return
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    if not QDesktopServices.openUrl(QUrl(target)):
        raise OSError(target)
