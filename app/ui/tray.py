"""The tray icon: New request, My requests, what waits in the outbox, Quit; start at login.

The tray only says what the person chose (its signals); the session
(:mod:`app.ui.session`) opens the windows, delivers and polls.

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

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.config import Config
from app.ui import style
from app.ui.plain import tip

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


def set_start_at_login(
    enabled: bool, name: str = "Helpline", command: str | None = None
) -> Path | None:
    """Write (or remove) the autostart entry; returns the file written, or None."""
    path = autostart_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                f"Name={name}",
                f"Comment=Follow your support requests ({name})",
                f"Exec={command or tray_command()}",
                "Icon=helpline",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                "",
            ]
        ),
        encoding="utf-8",
    )
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
        self.menu.setAccessibleName(config["branding.name"])
        self.new_action = self._action("trayNewRequest", self.tr("&New request…"), self.newRequest)
        self.requests_action = self._action(
            "trayMyRequests", self.tr("&My requests"), self.openRequests
        )
        self.settings_action = self._action("traySettings", self.tr("&Settings"), self.openSettings)
        self.menu.addSeparator()
        self.outbox_action = QAction(self.tr("Nothing waiting to be sent"), self.menu)
        self.outbox_action.setObjectName("trayOutbox")
        self.outbox_action.setEnabled(False)  # information, not a command
        self.menu.addAction(self.outbox_action)
        self.menu.addSeparator()
        self.quit_action = self._action(
            "trayQuit",
            self.tr("&Quit {program}").format(program=config["branding.name"]),
            self.quitRequested,
        )
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(style.app_icon(config), self)
            self.icon.setObjectName("trayIcon")
            self.icon.setToolTip(tip(config["branding.name"]))
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
            self.icon.setToolTip(tip(f"{self.config['branding.name']} – {text}"))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.openRequests.emit()

    def close(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.menu.deleteLater()
