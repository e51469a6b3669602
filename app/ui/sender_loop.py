"""``helpline sender``: the background sender, lean enough to stay running all day.

Most of the time nobody sees it: it waits for the helpdesk. Every ``outbox.retry_seconds``
it reads the outbox (SQLite, a few rows); only when something is due does it start one
delivery pass as a short-lived child process (``helpline sender --pass``), which imports
the HTTP stack, the adapters and the filing service, sends, and ends. The sender itself
never loads them, so idle it costs little more than a bare tray program (tests/perf,
docs/performance.md): ``requests`` and TLS alone are about 17 MB that would otherwise stay
resident for hours. The outbox's claims make the child safe however its passes meet a
window's own delivery.

It also stays while the person waits to hear that a known problem they said "Me too" to
is over: at the known-problems interval a child (``helpline sender --problems``) asks the
sources once and prints what ended; the sender notifies, and ends once nothing waits and
nothing is watched.

Where an X11 tray runs, the sender shows the tray icon (New request, My requests, what
waits, Quit; each window opens as a program of its own); everywhere else (GNOME, a
server, a desktop session before its tray has started) it loads only QtCore. Either way it
says what reached support or needs the person: through the icon, or through the
desktop's notifications, whose "Open" opens My requests.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

from app.core.config import Config
from app.core.outbox import Outbox
from app.services import sender
from app.ui import i18n, messages
from app.ui.desktop_notifications import DesktopNotifications


def x11_tray_available(display: str | None = None) -> bool:
    """Whether an X11 system tray runs: the owner of the ``_NET_SYSTEM_TRAY_S<screen>``
    selection (freedesktop System Tray Protocol), asked through libxcb without Qt. Wayland
    and other platforms answer False: there the notifications carry the news."""
    display = display if display is not None else os.environ.get("DISPLAY", "")
    name = ctypes.util.find_library("xcb")
    if not display or not name:
        return False
    try:
        xcb = ctypes.CDLL(name)
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_intern_atom.restype = ctypes.c_uint  # the cookie's sequence number
    xcb.xcb_intern_atom.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint16,
        ctypes.c_char_p,
    ]
    xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_AtomReply)
    xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
    xcb.xcb_get_selection_owner.restype = ctypes.c_uint
    xcb.xcb_get_selection_owner.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    xcb.xcb_get_selection_owner_reply.restype = ctypes.POINTER(_OwnerReply)
    xcb.xcb_get_selection_owner_reply.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
    libc = ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]
    screen = ctypes.c_int(0)
    conn = xcb.xcb_connect(display.encode(), ctypes.byref(screen))
    try:
        if not conn or xcb.xcb_connection_has_error(conn):
            return False
        atom_name = f"_NET_SYSTEM_TRAY_S{screen.value}".encode()
        atom = xcb.xcb_intern_atom_reply(
            conn, xcb.xcb_intern_atom(conn, 0, len(atom_name), atom_name), None
        )
        if not atom:
            return False
        value = atom.contents.atom
        libc.free(atom)
        owner = xcb.xcb_get_selection_owner_reply(
            conn, xcb.xcb_get_selection_owner(conn, value), None
        )
        if not owner:
            return False
        found = owner.contents.owner != 0
        libc.free(owner)
        return found
    finally:
        if conn:
            xcb.xcb_disconnect(conn)


class _AtomReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("atom", ctypes.c_uint32),
    ]


class _OwnerReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("owner", ctypes.c_uint32),
    ]


def run(config: Config, config_args: Sequence[str] = (), tray: bool = False) -> int:
    """Deliver until nothing waits (or another process is the sender); the exit code.

    ``tray``: show the tray icon (the caller checked that a tray runs)."""
    from app.core import paths

    root = paths.data_dir()
    lock = sender.SenderLock(root)
    if not lock.acquire():
        return 0  # the sender that runs already sends what waits
    existing = QCoreApplication.instance()
    if existing is not None:
        app = existing
    elif tray:
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
    else:
        app = QCoreApplication(sys.argv[:1])
    i18n.install(app, config)
    outbox = Outbox(
        root,
        config["outbox.retry_seconds"],
        config["outbox.retry_max_seconds"],
        config["outbox.keep_sent_days"],
    )
    loop = SenderLoop(config, config_args, outbox, lock, tray=tray, parent=app)
    loop.finished.connect(app.quit)
    loop.start()
    try:
        return int(app.exec())
    finally:
        loop.stop()
        lock.release()


class SenderLoop(QObject):
    """Reads the outbox on a timer and starts a delivery pass whenever something is due."""

    #: Nothing waits any more (or the person chose Quit): the process may end.
    finished = Signal()

    def __init__(
        self,
        config: Config,
        config_args: Sequence[str],
        outbox: Outbox,
        lock: sender.SenderLock,
        tray: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("senderLoop")
        self.config = config
        self.config_args = list(config_args)
        self.outbox = outbox
        self.lock = lock
        self.login = sender.command(config_args)
        self.name = str(config["branding.name"])
        self.local = config.keeps_locally
        self._before: sender.Snapshot = {}
        self._child: QProcess | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("senderTimer")
        self.timer.setInterval(max(1000, int(float(config["outbox.retry_seconds"]) * 1000)))
        self.timer.timeout.connect(self.tick)
        #: Known problems the person said "Me too" to: checked in a child of their own at
        #: the known-problems interval, so "you will get a notification when it is fixed"
        #: holds after every window is closed.
        self._checker: QProcess | None = None
        self.problems_timer = QTimer(self)
        self.problems_timer.setObjectName("senderProblemsTimer")
        self.problems_timer.setInterval(
            max(1000, int(float(config["known_problems.interval_seconds"]) * 1000))
        )
        self.problems_timer.timeout.connect(self.check_problems)
        self.tray: Any = None
        self.notices: DesktopNotifications | None = None
        if tray:
            self._show_tray()
        else:
            self.notices = DesktopNotifications(self.name, self)
            self.notices.openTicket.connect(lambda _ticket: self.open_window("requests"))

    def _show_tray(self) -> None:
        from PySide6.QtWidgets import QApplication

        from app.ui import style
        from app.ui.tray import Tray

        QApplication.setWindowIcon(style.app_icon(self.config))
        self.tray = Tray(self.config, self)
        self.tray.newRequest.connect(lambda: self.open_window("gui"))
        self.tray.openRequests.connect(lambda: self.open_window("requests"))
        self.tray.openSettings.connect(lambda: self.open_window("settings"))
        self.tray.quitRequested.connect(self.finished.emit)
        self.tray.show()

    def start(self) -> None:
        self.timer.start()
        self.problems_timer.start()
        QTimer.singleShot(0, self.tick)
        QTimer.singleShot(0, self.check_problems)  # at login: the news since the last session

    def stop(self) -> None:
        self.timer.stop()
        self.problems_timer.stop()
        for child in (self._child, self._checker):
            if child is not None and child.state() != QProcess.ProcessState.NotRunning:
                child.waitForFinished(30_000)  # a pass under way finishes and records it

    @property
    def sending(self) -> bool:
        return self._child is not None

    def tick(self) -> None:
        """Start a pass if something is due; end when nothing waits."""
        if self._child is not None:
            return
        if sender.due(self.outbox):
            self._before = sender.snapshot(self.outbox)
            child = self._child = QProcess(self)
            child.setObjectName("senderPass")
            child.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
            child.setStandardOutputFile(QProcess.nullDevice())
            child.finished.connect(self._pass_done)
            program, *arguments = sender.command(self.config_args, "sender", "--pass")
            child.start(program, arguments)
            return
        self._settle(sender.outcome(self.outbox, {}, self.lock, self.login, self.name))

    def _pass_done(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.deleteLater()
        result = sender.outcome(self.outbox, self._before, self.lock, self.login, self.name)
        for item in () if self.local else result.changed:
            said = messages.delivery_notice(item)
            if said is not None:
                self._notify(*said, item.ticket_id or item.target)
        self._settle(result)

    def check_problems(self) -> None:
        """Ask the known-problems sources once, in a child, when a "Me too" is watched."""
        if self._checker is not None or not sender.watching(self.outbox.root):
            return
        checker = self._checker = QProcess(self)
        checker.setObjectName("senderProblemsCheck")
        checker.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        checker.finished.connect(self._problems_checked)
        program, *arguments = sender.command(self.config_args, "sender", "--problems")
        checker.start(program, arguments)

    def _problems_checked(self) -> None:
        checker, self._checker = self._checker, None
        if checker is None:
            return
        answer = bytes(checker.readAllStandardOutput().data()).decode("utf-8", "replace")
        checker.deleteLater()
        ended = _ended_titles(answer)
        if ended:
            from app.ui.known_problems import ended_text  # only when there is news

            for title in ended:
                self._notify(*ended_text(title), "")
        if self._child is None:
            self._settle(sender.outcome(self.outbox, {}, self.lock, self.login, self.name))

    def _settle(self, result: sender.Pass) -> None:
        if self.tray is not None:
            self.tray.set_pending(result.waiting)  # what goes out by itself
        if not result.waiting and not result.watching and self._checker is None:
            self.timer.stop()
            self.problems_timer.stop()
            # a last notification's "Open" still works while its process runs a little
            QTimer.singleShot(2000 if self.tray is not None else 0, self.finished.emit)

    def _notify(self, title: str, text: str, ticket: str) -> None:
        if self.tray is not None and self.tray.icon is not None:
            from app.ui.plain import notification_text  # widgets are loaded with the tray

            self.tray.icon.showMessage(title, notification_text(text))
        elif self.notices is not None:
            self.notices.show(title, text, ticket)

    def open_window(self, window: str) -> None:
        """A window asked for from the tray or a notification: a program of its own (this one
        loads no window code)."""
        subprocess.Popen(
            sender.command(self.config_args, window),
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def _ended_titles(answer: str) -> list[str]:
    """The titles in ``helpline sender --problems``'s answer (one JSON object)."""
    import json

    try:
        data = json.loads(answer or "{}")
    except ValueError:
        return []
    ended = data.get("ended") if isinstance(data, dict) else None
    if not isinstance(ended, list):
        return []
    return [str(pair[1]) for pair in ended if isinstance(pair, list) and len(pair) == 2]


def check_problems_once(config: Config) -> int:
    """``helpline sender --problems``: one known-problems check in this process (the
    background sender's child); prints the watched incidents that ended, as JSON."""
    import json

    from app.core import paths
    from app.services.known_problems import check_watched

    ended = check_watched(config, paths.data_dir())
    print(json.dumps({"ended": [list(pair) for pair in ended]}), flush=True)
    return 0


def deliver_once(config: Config) -> int:
    """``helpline sender --pass``: one delivery pass in this process, then end (the
    background sender's child; it holds no lock: the outbox's claims are enough)."""
    from app.services.filing import Submission

    submission = Submission(config)
    submission.outbox.deliver_due(submission.backend)
    return 0
