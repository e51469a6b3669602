"""The drop-down for every page that scrolls: only a deliberate choice changes its answer.

Qt's combo box takes the wheel even when it has no focus, so a person scrolling the
Problem page past the category turned "Computer or software" into something else. It
also searches its items for the letter of an Alt or Ctrl shortcut that nothing else took,
so Alt+N with Next disabled chose "Network" (issue 15). Here the wheel goes to the page
unless the box has the focus, and keys held with Alt, Ctrl or Meta never choose an item.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QWidget

_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ChoiceBox(QComboBox):
    """A combo box that leaves the wheel to the page and shortcuts to the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        area = self._scroll_area()
        if self.hasFocus() or area is None:
            super().wheelEvent(event)
        else:  # handed on here: Qt passes on an ignored wheel event only if it came from the OS
            QApplication.sendEvent(area.viewport(), event)
            event.accept()

    def _scroll_area(self) -> QAbstractScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        return parent

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & _SHORTCUT_MODIFIERS and event.text().strip():
            event.ignore()  # a mnemonic or shortcut, not a search for an item
            return
        super().keyPressEvent(event)
