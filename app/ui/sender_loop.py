"""``helpline sender`` where the desktop shows no tray: a small windowless sender.

Most of the time nobody sees the background sender: it waits for the helpdesk, a pass
every ``outbox.retry_seconds``. Where a tray exists the session's sender shows the icon
(:meth:`app.ui.session.Session.start_sender`); everywhere else (GNOME, a server, a desktop
session before its tray has started) this loop runs instead. It loads only QtCore, for the
translations and the notification service's process, not the widgets: an idle sender costs
little more than a bare tray program (tests/perf, docs/performance.md). It says through the
desktop's notifications what reached support or needs the person; "Open" opens My
requests.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QTimer

from app.core.config import Config
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


def run(config: Config, config_args: Sequence[str] = ()) -> int:
    """Deliver until nothing waits (or another process is the sender); the exit code."""
    from app.services.filing import Submission

    submission = Submission(config)
    lock = sender.SenderLock(submission.root)
    if not lock.acquire():
        return 0  # the sender that runs already sends what waits
    existing = QCoreApplication.instance()
    app = existing if existing is not None else QCoreApplication(sys.argv[:1])
    i18n.install(app, config)
    notices = DesktopNotifications(config["branding.name"], app)
    notices.openTicket.connect(lambda ticket: _open_requests(ticket, config_args))
    login = sender.command(config_args)
    local = config["backend.type"] == "local"
    timer = QTimer(app)
    timer.setInterval(max(1000, int(float(config["outbox.retry_seconds"]) * 1000)))

    def one_pass() -> None:
        result = sender.deliver_pass(submission, lock, login, config["branding.name"])
        for item in () if local else result.changed:
            said = messages.delivery_notice(item)
            if said is not None:
                notices.show(*said, item.ticket_id or item.target)
        if not result.waiting:
            timer.stop()
            # a last notification's "Open" still works while its process runs
            QTimer.singleShot(0, app.quit)

    timer.timeout.connect(one_pass)
    timer.start()
    QTimer.singleShot(0, one_pass)
    try:
        return int(app.exec())
    finally:
        lock.release()


def _open_requests(ticket: str, config_args: Sequence[str]) -> None:
    """ "Open" on a notification: My requests, as a program of its own (this one has no
    widgets to show it with)."""
    args = [*sender.command(config_args)[:-1], "requests"]
    subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
