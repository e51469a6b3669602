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
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.config import Config
from app.ui import style
from app.ui.plain import tip

if TYPE_CHECKING:
    from app.services.known_problems import Snapshot

AUTOSTART_NAME = "helpline-tray.desktop"
#: Known problems the tray menu lists, and the longest line it shows of each.
MENU_PROBLEMS = 3
MENU_WIDTH = 90


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
        #: One line per known problem (or "could not check"), above the outbox line.
        self.known_actions: list[QAction] = []
        self._known_separator: QAction | None = None
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
            text = self.tr("1 waiting to be sent")
        else:
            text = self.tr("{count} waiting to be sent").format(count=count)
        self.outbox_action.setText(text)
        if self.icon is not None:
            self.icon.setToolTip(tip(f"{self.config['branding.name']} – {text}"))

    def set_known_problems(self, snapshot: Snapshot) -> None:
        """What support already knows of, as information lines in the menu (issue 18)."""
        from app.ui import plain
        from app.ui.known_problems import incident_sentence

        for action in self.known_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        lines = [incident_sentence(i) for i in snapshot.incidents[:MENU_PROBLEMS]]
        if snapshot.failed:
            lines.append(self.tr("Could not check for known problems"))
        self.known_actions = []
        for number, line in enumerate(lines):
            short = line if len(line) <= MENU_WIDTH else line[: MENU_WIDTH - 1] + "…"
            action = QAction(short.replace("&", "&&"), self.menu)  # no mnemonic from IT's text
            action.setObjectName(f"trayKnownProblem{number}")
            action.setToolTip(plain.tip(line))  # IT's words, never markup
            action.setEnabled(False)  # information, not a command
            self.menu.insertAction(self.outbox_action, action)
            self.known_actions.append(action)
        if self._known_separator is not None:
            self.menu.removeAction(self._known_separator)
            self._known_separator = None
        if lines:  # apart from the outbox line below
            self._known_separator = self.menu.insertSeparator(self.outbox_action)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.openRequests.emit()

    def close(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.menu.deleteLater()
