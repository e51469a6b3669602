"""Labels that wrap, carry a styling role and never cut text off.

Every page shows sentences, not captions; a wrapping label with a role
(heading, muted, error, hint, note) keeps that consistent and lets the one
stylesheet decide how each looks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class TextLabel(QLabel):
    """A word-wrapping label with a ``role`` for the stylesheet and an accessible name."""

    def __init__(self, text: str = "", role: str = "", object_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        if role:
            self.setProperty("role", role)
        if object_name:
            self.setObjectName(object_name)
        self.setAccessibleName(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)


class LinkLabel(QLabel):
    """A clickable link opened in the browser or mail program; reachable by keyboard."""

    def __init__(self, text: str, url: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_link(text, url)

    def set_link(self, text: str, url: str) -> None:
        self.url = url
        safe = text.replace("&", "&amp;").replace("<", "&lt;")
        self.setText(f'<a href="{url}">{safe}</a>')
        self.setAccessibleName(text)
        self.setToolTip(url)
