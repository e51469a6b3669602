"""The tray icon: New request, My requests, what waits in the outbox, Quit; start at login.

The menu is built and kept up to date whether or not the desktop has a
system tray (an offscreen session or a bare X server has none), so the
actions work and can be tested everywhere; the icon itself is only created
where :meth:`QSystemTrayIcon.isSystemTrayAvailable` says it can be shown.
Starting at login is an XDG autostart entry, written or removed to match
``tray.start_at_login``.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.core.config import Config
from app.ui import style

AUTOSTART_NAME = "helpline-tray.desktop"


def autostart_file() -> Path:
    """Where the XDG autostart entry lives (``$XDG_CONFIG_HOME/autostart``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / AUTOSTART_NAME


def tray_command() -> str:
    """The command that starts the tray the way this copy of Helpline was started."""
    if getattr(sys, "frozen", False):
        return shlex.join([sys.executable, "tray"])
    return shlex.join([sys.executable, "-m", "app", "tray"])


def set_start_at_login(enabled: bool, name: str = "Helpline",
                       command: str | None = None) -> Path | None:
    """Write (or remove) the autostart entry; returns the file written, or None."""
    path = autostart_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([
        "[Desktop Entry]", "Type=Application", f"Name={name}",
        f"Comment=Follow your support requests ({name})", f"Exec={command or tray_command()}",
        "Icon=helpline", "Terminal=false", "X-GNOME-Autostart-enabled=true", ""]),
        encoding="utf-8")
    return path


class Tray(QObject):
    """The menu and, where the desktop has one, the icon in the system tray."""

    newRequest = Signal()
    openRequests = Signal()
    openSettings = Signal()
    quitRequested = Signal()

    def __init__(self, config: Config, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tray")
        self.config = config
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.setAccessibleName(self.tr("Helpline"))
        self.new_action = self._action("trayNewRequest", self.tr("&New request…"),
                                       self.newRequest)
        self.requests_action = self._action("trayMyRequests", self.tr("&My requests"),
                                            self.openRequests)
        self.settings_action = self._action("traySettings", self.tr("&Settings"),
                                            self.openSettings)
        self.menu.addSeparator()
        self.outbox_action = QAction(self.tr("Nothing waiting to be sent"), self.menu)
        self.outbox_action.setObjectName("trayOutbox")
        self.outbox_action.setEnabled(False)  # information, not a command
        self.menu.addAction(self.outbox_action)
        self.menu.addSeparator()
        self.quit_action = self._action("trayQuit", self.tr("&Quit Helpline"),
                                        self.quitRequested)
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(style.app_icon(config), self)
            self.icon.setObjectName("trayIcon")
            self.icon.setToolTip(config["branding.name"])
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
        self.set_pending(0)

    def _action(self, name: str, text: str, signal: SignalInstance) -> QAction:
        action = QAction(text, self.menu)
        action.setObjectName(name)
        action.triggered.connect(signal.emit)
        self.menu.addAction(action)
        return action

    @property
    def available(self) -> bool:
        return self.icon is not None

    def show(self) -> None:
        if self.icon is not None:
            self.icon.show()

    def set_pending(self, count: int) -> None:
        """The outbox line of the menu (and the icon's tooltip)."""
        if count <= 0:
            text = self.tr("Nothing waiting to be sent")
        elif count == 1:
            text = self.tr("1 request waiting to be sent")
        else:
            text = self.tr("{count} requests waiting to be sent").format(count=count)
        self.outbox_action.setText(text)
        if self.icon is not None:
            self.icon.setToolTip(f"{self.config['branding.name']} – {text}")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.openRequests.emit()

    def close(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.menu.deleteLater()


class TrayController(QObject):
    """``helpline tray``: the icon, background delivery and polling, windows on demand.

    The windows are created when first asked for and kept, so reopening is
    instant and a half-written request survives closing its window.
    """

    def __init__(self, config: Config, runner: Any, submission: Any, delivery: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        from app.core.cache import TicketCache
        from app.ui.notify import Notifier, PollService

        self.setObjectName("trayController")
        self.config, self.runner, self.submission, self.delivery = (config, runner, submission,
                                                                    delivery)
        self.tray = Tray(config, self)
        self.polling = PollService(submission, runner, TicketCache(submission.root),
                                   parent=self)
        self.notifier = Notifier(config, self.tray.icon, self)
        self.requests_window: Any = None
        self.wizard: Any = None
        self.polling.changed.connect(self.notifier.notify)
        self.notifier.openTicket.connect(self.open_requests)
        delivery.pendingChanged.connect(self.tray.set_pending)
        self.tray.newRequest.connect(self.new_request)
        self.tray.openRequests.connect(lambda: self.open_requests(""))
        self.tray.openSettings.connect(self.open_settings)
        self.settings_window: Any = None
        self.tray.quitRequested.connect(self.quit)

    def start(self) -> None:
        set_start_at_login(bool(self.config["tray.start_at_login"]), self.config["branding.name"])
        self.tray.show()
        self.delivery.start()
        self.polling.start(spread=True)  # started at login: desks must not poll in step
        if not self.tray.available:  # no tray on this desktop: the window is the way in,
            app = QCoreApplication.instance()  # and closing it must end Helpline
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(True)
            self.open_requests("")

    def open_requests(self, ticket_id: str = "") -> Any:
        from app.ui.requests_window import RequestsWindow

        if self.requests_window is None:
            self.requests_window = RequestsWindow(self.config, self.runner, self.submission,
                                                  delivery=self.delivery, polling=self.polling,
                                                  select_ticket=ticket_id)
        self.requests_window.open_ticket(ticket_id)
        return self.requests_window

    def open_settings(self) -> Any:
        """The read-only settings window (what is in effect, what IT locked)."""
        from app.ui.settings_window import SettingsWindow

        if self.settings_window is None:
            self.settings_window = SettingsWindow(self.config)
        self.settings_window.show()
        self.settings_window.raise_()
        return self.settings_window

    def new_request(self) -> Any:
        from app.core import identity
        from app.core.form import RequestForm
        from app.ui.context import WizardContext
        from app.ui.wizard import HelpWizard

        if self.wizard is None or not self.wizard.isVisible():
            form = self.submission.drafts.load() or RequestForm(
                requester=identity.prefill(self.config["requester.remember"]))
            ctx = WizardContext(self.config, self.submission, self.runner, form=form,
                                parent=self)
            self.wizard = HelpWizard(ctx)
            self.wizard.welcome.load()
            self.wizard.show()
        else:
            self.wizard.raise_()
            self.wizard.activateWindow()
        return self.wizard

    def quit(self) -> None:
        self.polling.stop()
        self.delivery.stop()
        self.tray.close()
        for window in (self.requests_window, self.wizard, self.settings_window):
            if window is not None:
                window.close()
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
