"""Polling on a Qt timer, and desktop notifications for what it finds.

:class:`PollService` drives :class:`app.core.polling.Poller` (all logic is
there) on the task runner, so the GUI never waits on the helpdesk; the
*My requests* window and the tray share one service, and the window's
Refresh is a full poll, so whatever the window shows has also been compared
for notifications. :class:`Notifier` shows a change through the tray's
balloon (or, with no tray, through :attr:`Notifier.shown` for the window's
status line), leaves out the kinds the user muted, and remembers which
ticket the last message was about so clicking it opens that ticket.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from app.core.cache import TicketCache
from app.core.closure import ClosureLedger
from app.core.config import Config
from app.core.helpdesk import AuthenticationError, BackendError
from app.core.outbox import Item
from app.core.polling import Change, Poller, PollResult, visible
from app.services.filing import Submission
from app.ui import messages
from app.ui.desktop_notifications import DesktopNotifications
from app.ui.plain import notification_text
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PollService(QObject):
    """Polls at the configured interval (with jitter and backoff); one poll at a time."""

    #: A poll finished: :class:`PollResult` (its ``error`` set when the helpdesk failed).
    polled = Signal(object)
    #: What changed since the last poll: a non-empty list of :class:`Change`.
    changed = Signal(object)
    #: The helpdesk refused the sign-in; polling waits until :meth:`poll_now` is called again.
    signInNeeded = Signal(object)
    #: A poll started or finished.
    busyChanged = Signal(bool)

    def __init__(
        self,
        submission: Submission,
        runner: TaskRunner,
        cache: TicketCache,
        poller: Poller | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pollService")
        config = submission.config
        self.submission, self.runner, self.cache = submission, runner, cache
        self.poller = poller or Poller(
            lambda: submission.backend,
            cache,
            config["polling.interval_seconds"],
            config["polling.jitter"],
            closure=ClosureLedger(submission.root),
        )
        self._timer = QTimer(self)
        self._timer.setObjectName("pollTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll_now)
        self._running = False
        self._again_full: bool | None = None  # a request that arrived during a poll

    @property
    def running(self) -> bool:
        return self._running

    def start(self, spread: bool = False) -> None:
        """Poll at once, then after every interval.

        ``spread``: the first poll waits up to the jitter instead (``Poller.first_delay``).
        The tray starts at login, and a fleet of desks that log in at nine would otherwise
        poll the helpdesk in the same minute, every interval.
        """
        if spread:
            self._timer.start(int(self.poller.first_delay() * 1000))
        else:
            self.poll_now()

    def stop(self) -> None:
        self._timer.stop()

    def poll_now(self, full: bool = False) -> bool:
        """Start a poll (``full``: every ticket); a request during a poll runs right after it."""
        if self._running:
            self._again_full = bool(self._again_full) or full
            return False
        self._running = True
        self._timer.stop()
        self.busyChanged.emit(True)
        self.runner.run(self.poller.poll, full, on_done=self._done, on_error=self._failed)
        return True

    def _done(self, result: PollResult) -> None:
        self._finish()
        self.polled.emit(result)
        if result.changes:
            self.changed.emit(result.changes)
        self._next()

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, AuthenticationError):
            self.signInNeeded.emit(error)  # no timer: asking again would not help
            return
        log.error("polling failed: %s", getattr(error, "__traceback_text__", error))
        self.polled.emit(PollResult(error=_as_backend_error(error)))
        self._next()

    def _finish(self) -> None:
        self._running = False
        self.busyChanged.emit(False)

    def _next(self) -> None:
        if self._again_full is not None:
            full, self._again_full = self._again_full, None
            self.poll_now(full)
            return
        self._timer.start(int(self.poller.next_delay() * 1000))

    @property
    def next_poll_ms(self) -> int:
        return self._timer.remainingTime()


def _as_backend_error(error: BaseException) -> BackendError:
    return error if isinstance(error, BackendError) else BackendError(str(error))


class Notifier(QObject):
    """Turns changes into notifications the user has not muted."""

    #: Every notification shown: title, text, ticket id (for a fallback and for tests).
    shown = Signal(str, str, str)
    #: The user clicked a notification about this ticket.
    openTicket = Signal(str)
    #: The user answered "Is it solved?" in a notification: ticket id, answer.
    closureAnswered = Signal(str, str)

    def __init__(
        self,
        config: Config,
        tray: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
        desktop: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notifier")
        self.config = config
        self.tray = tray
        self.last_ticket = ""
        if tray is not None:
            tray.messageClicked.connect(self.clicked)
        #: The desktop's notification service, for desktops without a tray (GNOME).
        self.desktop: DesktopNotifications | None = None
        if desktop:
            self.desktop = DesktopNotifications(config["branding.name"], self)
            self.desktop.openTicket.connect(self.openTicket)
            self.desktop.answered.connect(self.closureAnswered)

    def notify(self, changes: list[Change]) -> list[Change]:
        """Show what is not muted; returns what was shown."""
        wanted = visible(changes, self.config["notifications.muted"])
        if not wanted:
            return []
        ask_solved = False
        if len(wanted) == 1:
            change = wanted[0]
            title = self.tr("{ref}: {summary}").format(ref=change.ref, summary=change.subject)
            text, ticket = messages.change_text(change), change.ticket_id
            ask_solved = change.ask_solved
        else:
            title = self.tr("{count} of your requests changed").format(count=len(wanted))
            text = "\n".join(f"{c.ref}: {messages.change_text(c)}" for c in wanted)
            ticket = ""
        self.show(title, text, ticket, ask_solved=ask_solved)
        return wanted

    def delivered(self, items: list[Item]) -> list[Item]:
        """Say which requests reached support in the background, and which need the person
        (a refused sign-in, a refusal): the promise the Done page makes. Returns those
        said. Nothing is said for the local store, where nothing leaves the computer."""
        if self.config.keeps_locally:
            return []
        said = []
        for item in items:
            notice = messages.delivery_notice(item)
            if notice is not None:
                said.append(item)
                self.show(*notice, item.ticket_id or item.target)
        return said

    def show(self, title: str, text: str, ticket: str = "", ask_solved: bool = False) -> None:
        """One notification: the tray's balloon where there is a tray, else the desktop's
        notification service (with an Open action, and the answers to "Is it solved?" when
        ``ask_solved``), and always :attr:`shown`. A balloon has no actions: clicking it
        opens the request, where the same question waits."""
        self.last_ticket = ticket
        # Statuses and subjects are the helpdesk's: the notification service must not read
        # the body as markup (``<img src=…>`` is loaded by some; issue 17, item 1). The
        # title (the spec's summary) is plain text already.
        if self.tray is not None and self.tray.isVisible():
            body = notification_text(text)
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15000)
        elif self.desktop is not None:
            self.desktop.show(title, text, ticket, ask_solved)  # it escapes the body itself
        self.shown.emit(title, text, ticket)  # as written, for the window's own line

    def clicked(self) -> None:
        """Open the ticket the last notification was about (or the list, for several)."""
        self.openTicket.emit(self.last_ticket)
