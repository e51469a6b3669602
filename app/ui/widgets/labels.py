"""Labels that wrap, carry a styling role and never cut text off.

Every page shows sentences, not captions; a wrapping label with a role
(heading, muted, error, hint, note) keeps that consistent and lets the one
stylesheet decide how each looks.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.ui import qt_values


class TextLabel(QLabel):
    """A word-wrapping label with a ``role`` for the stylesheet and an accessible name."""

    def __init__(
        self, text: str = "", role: str = "", object_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        # Config and helpdesk texts are shown as written, never as markup. Set by number:
        # labels are on the first page, before the ``Qt`` namespace is worth building.
        qt_values.set_property(self, "textFormat", qt_values.PLAIN_TEXT)
        if role:
            self.setProperty("role", role)
        if object_name:
            self.setObjectName(object_name)
        self.setAccessibleName(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)


class LinkLabel(QLabel):
    """A clickable link opened in the browser or mail program; reachable by keyboard.

    One Tab stop, opened with Enter or Space. Qt's own keyboard links would trap
    Tab: in a label with one link, Tab alternates between the link and the label.
    """

    def __init__(
        self, text: str, url: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "link")  # the stylesheet draws its focus ring
        qt_values.set_property(self, "textFormat", qt_values.RICH_TEXT)  # (see TextLabel)
        self.setOpenExternalLinks(True)
        qt_values.set_property(self, "textInteractionFlags", qt_values.LINKS_ACCESSIBLE_BY_MOUSE)
        qt_values.set_property(self, "focusPolicy", qt_values.STRONG_FOCUS)
        self.set_link(text, url)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt, QUrl  # (not before the first paint)
        from PySide6.QtGui import QDesktopServices

        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and not event.modifiers()
        ):
            self.linkActivated.emit(self.url)
            QDesktopServices.openUrl(QUrl(self.url))
            event.accept()
            return
        super().keyPressEvent(event)

    def set_link(self, text: str, url: str) -> None:
        self.url = url
        # Both come from config or a helpdesk: escaped, so the label holds one link and
        # nothing else (no ``"><img src=…>`` smuggled in through the address).
        self.setText(f'<a href="{html.escape(url)}">{html.escape(text)}</a>')
        self.setAccessibleName(text)
        self.setToolTip(f"<qt>{html.escape(url)}</qt>")  # (app.ui.plain.tip, without Qt's cost)
