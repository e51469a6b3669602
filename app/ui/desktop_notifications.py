"""Notifications through the desktop's own service, for desktops that show no tray icons.

GNOME and others show no tray icon, so a balloon from one is never seen there. libnotify's
``notify-send`` (package libnotify-bin, present on those desktops) speaks the freedesktop
notification protocol for us, with an action: ``--action=open=Open --wait`` prints
``open`` when the person clicks it (libnotify 0.7.10 and later;
https://gitlab.gnome.org/GNOME/libnotify/-/blob/master/docs/notify-send.xml). Each
notification is its own small QProcess, so the GUI thread never waits for it. Where the
tool is missing nothing is shown, and the request's state is still in My requests.

When support resolved a request, the notification also asks "Is it solved?" with the
answers as actions (issue 18); an answer opens the request with that answer given, where
the person can still add a rating or write what goes wrong. Nothing is sent from the
notification itself.
"""

from __future__ import annotations

import html
import shutil

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Signal

TOOL = "notify-send"


#: How long a notification's process may take to hand it to the desktop at the end.
GRACE_MS = 1500
#: The answers to "Is it solved?" a notification can carry (app.core.closure's words).
ANSWERS = ("solved", "not_fixed")


class DesktopNotifications(QObject):
    """Shows notifications with an Open action; :attr:`openTicket` when one is clicked."""

    openTicket = Signal(str)
    #: The person answered "Is it solved?" in the notification: ticket id, answer.
    answered = Signal(str, str)

    def __init__(self, app_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desktopNotifications")
        self.app_name = app_name
        self.tool = shutil.which(TOOL)
        self._running: list[QProcess] = []
        # A notification waiting for a click (``--wait``) may outlive the program's wish to
        # end: it is let go before Qt destroys it, so no finished signal reaches a
        # half-destroyed object.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def available(self) -> bool:
        return self.tool is not None

    def show(self, title: str, text: str, ticket: str = "", ask_solved: bool = False) -> bool:
        """Show one notification; False where the desktop offers no way to. With
        ``ask_solved`` it offers the answers to "Is it solved?" beside Open."""
        if self.tool is None:
            return False
        # lupdate reads no tr() inside an f-string: the words first, then the options.
        open_label = self.tr("Open")
        actions = [f"--action=open={open_label}"]
        if ask_solved and ticket:
            solved, not_fixed = self.tr("Yes, it is solved"), self.tr("Still not fixed")
            actions = [f"--action=solved={solved}", f"--action=not_fixed={not_fixed}", *actions]
        process = QProcess(self)
        process.setObjectName("notifySend")
        process.setProgram(self.tool)
        process.setArguments(
            [
                f"--app-name={self.app_name}",
                "--icon=helpline",
                *actions,
                "--wait",
                "--",
                title,
                # notify-send's body is markup to the notification service (``<img src>``
                # is loaded by some): the helpdesk's words are escaped (issue 17, item 1)
                html.escape(text, quote=False),
            ]
        )
        process.finished.connect(lambda *_: self._finished(process, ticket))
        self._running.append(process)
        process.start()
        return True

    def close(self) -> None:
        """Let every notification still waiting for a click go (the program ends, or the
        owner is done with this object): nothing is reported from them any more.

        A notification shown just before the end (the background sender's last "reached
        support" or "Fixed") must still reach the desktop: each process gets a moment to
        hand it over before it is stopped; the desktop keeps showing it afterwards."""
        running, self._running = self._running, []
        for process in running:
            process.finished.disconnect()
            if not process.waitForFinished(GRACE_MS):
                process.kill()
                process.waitForFinished(1000)
            process.deleteLater()

    def _finished(self, process: QProcess, ticket: str) -> None:
        answer = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        if process in self._running:
            self._running.remove(process)
        process.deleteLater()
        answer = answer.strip()
        if answer == "open":
            self.openTicket.emit(ticket)
        elif answer in ANSWERS and ticket:
            self.answered.emit(ticket, answer)
