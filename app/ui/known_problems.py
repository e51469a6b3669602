"""Known problems on a Qt timer, and the words the faces use for them.

:class:`KnownProblemsService` drives :class:`app.services.known_problems.KnownProblems`
(all logic is there) on the task runner: the disk cache is read on a worker after the
first paint, then every source is checked at the configured interval with the poller's
jitter and back-off. Windows, the tray and the notifier follow :attr:`changed`; the
session owns the one service and says when a subscribed incident ended.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime, QTimer, Signal

from app.core.incidents import Incident
from app.services.known_problems import KnownProblems, Snapshot
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
tr = QCoreApplication.translate


class KnownProblemsService(QObject):
    """One check at a time; the last :class:`Snapshot` in :attr:`snapshot`."""

    #: What is known now (a :class:`Snapshot`), after the cache was read or a check ended.
    changed = Signal(object)
    #: Subscribed incidents that ended: a list of ``(id, title)``, each given once.
    ended = Signal(object)
    #: "Me too" kept a +1 in the outbox: delivery should run.
    plusOneQueued = Signal(object)

    def __init__(
        self, problems: KnownProblems, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("knownProblemsService")
        self.problems, self.runner = problems, runner
        self.snapshot = Snapshot()
        self.loaded = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setObjectName("knownProblemsTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)

    @property
    def configured(self) -> bool:
        return self.problems.configured

    def start(self, spread: bool = False) -> None:
        """Read the cache (a worker), then check now, or after up to the jitter (``spread``:
        started at login with the whole fleet)."""
        if not self.configured:
            return
        self.runner.run(self.problems.cached, on_done=self._cached, on_error=self._cache_failed)
        if spread:
            self._timer.start(int(self.problems.first_delay() * 1000))
        else:
            self.check_now()

    def stop(self) -> None:
        self._timer.stop()

    def check_now(self) -> bool:
        if self._running or not self.configured:
            return False
        self._running = True
        self._timer.stop()
        self.runner.run(self.problems.check, on_done=self._checked, on_error=self._failed)
        return True

    def _cached(self, snapshot: Snapshot) -> None:
        if not self.loaded:  # a check that finished first knows better
            self._publish(snapshot)

    def _cache_failed(self, error: BaseException) -> None:
        log.warning("known problems: the cache could not be read: %s", error)

    def _checked(self, snapshot: Snapshot) -> None:
        self._running = False
        self._publish(snapshot)
        if snapshot.ended:
            self.ended.emit(list(snapshot.ended))
        self._timer.start(int(self.problems.next_delay() * 1000))

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.error("known problems: the check failed: %s", error)
        self.problems.failures += 1
        names = tuple(s.name for s in self.problems.sources())
        self._publish(Snapshot(self.snapshot.incidents, names, (), self.snapshot.checked_at))
        self._timer.start(int(self.problems.next_delay() * 1000))

    def _publish(self, snapshot: Snapshot) -> None:
        self.loaded = True
        self.snapshot = snapshot
        self.changed.emit(snapshot)

    # -- "me too" ------------------------------------------------------------------------

    def subscribed(self, incident: Incident) -> bool:
        return self.problems.subscribed(incident.id)

    def me_too(self, incident: Incident) -> None:
        """Subscribe (and keep a +1 where the helpdesk counts them) on a worker."""
        self.runner.run(self.problems.me_too, incident, on_done=self._me_too_done)

    def _me_too_done(self, item: object) -> None:
        if item is not None:
            self.plusOneQueued.emit(item)


# -- words ------------------------------------------------------------------------------


def since_text(started: datetime | None, now: datetime | None = None) -> str:
    """When it started, as short as the reader needs: the time today, else the day too."""
    if started is None:
        return ""
    local = started.astimezone()
    today = (now or datetime.now().astimezone()).date()
    locale = QLocale()
    time_text = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == today:
        return time_text
    day = QDate(local.year, local.month, local.day)
    return locale.toString(day, QLocale.FormatType.ShortFormat) + " " + time_text


def incident_sentence(incident: Incident, now: datetime | None = None) -> str:
    """ "Email is down for everyone since 09:12. Support is working on it." """
    title = incident.title.rstrip(" .!")
    since = since_text(incident.started, now)
    if since:
        return (
            tr("KnownProblems", "%1 since %2. Support is working on it.")
            .replace("%1", title)
            .replace("%2", since)
        )
    return tr("KnownProblems", "%1. Support is working on it.").replace("%1", title)


def could_not_check() -> str:
    return tr(
        "KnownProblems",
        "Could not check for known problems just now; if something is broken for you, "
        "please tell support.",
    )


def ended_text(title: str) -> tuple[str, str]:
    """The notification when a subscribed incident is over: title and text."""
    return (
        tr("KnownProblems", "Fixed: %1").replace("%1", title),
        tr(
            "KnownProblems",
            "Support says this problem is over. If it still does not work for you, "
            "please file a request.",
        ),
    )
