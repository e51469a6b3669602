"""The mnemonic of a disabled button stops at the window; it never types into a field.

Qt matches no shortcut for a disabled button, so Alt+N with Next disabled was delivered
to the focused field as a plain key press: the category box took the "n" as a search and
chose "Network, internet or VPN", and a line edit typed it (issue 15). While a button is
shown but disabled, a shortcut of the window holds its mnemonic and does nothing. It is
off while the button is enabled (the button's own mnemonic works) and while the button is
hidden (a page may then use the letter for a field of its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

_STATE_EVENTS = (QEvent.Type.EnabledChange, QEvent.Type.Show, QEvent.Type.Hide)


class DisabledMnemonics(QObject):
    """Holds the mnemonics of ``buttons`` in ``window`` while a button is disabled."""

    def __init__(self, window: QWidget, buttons: Sequence[QAbstractButton]) -> None:
        super().__init__(window)
        self.setObjectName("disabledMnemonics")
        self._window = window
        self._held: dict[QAbstractButton, QShortcut] = {}
        for button in buttons:
            shortcut = QShortcut(window)
            shortcut.setObjectName(f"{button.objectName()}HeldMnemonic")
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            self._held[button] = shortcut
            button.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _STATE_EVENTS:
            self.refresh()
        return False

    def refresh(self) -> None:
        """Follow the buttons' texts, visibility and enabled state (call after relabelling)."""
        for button, shortcut in self._held.items():
            key = QKeySequence.mnemonic(button.text())
            if shortcut.key() != key:
                shortcut.setKey(key)
            held = button.isVisibleTo(self._window) and not button.isEnabled()
            shortcut.setEnabled(held and not key.isEmpty())

    def held(self) -> list[str]:
        """The mnemonics held now, as text (for tests and debugging)."""
        return [s.key().toString() for s in self._held.values() if s.isEnabled()]
