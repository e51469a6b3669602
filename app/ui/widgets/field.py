"""One form field with its reason and an inline error line under it.

Errors are shown where the problem is, in words, never in a popup; the
reason says why a required field is asked for, so nobody wonders.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.widgets.labels import TextLabel


class FieldBox(QWidget):
    """``editor`` stacked above a muted reason line and a (hidden) error line."""

    def __init__(
        self, editor: QWidget, name: str, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Field")
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(editor)
        self.reason = TextLabel(reason, "reason", f"{name}Reason")
        self.reason.setVisible(bool(reason))
        layout.addWidget(self.reason)
        self.error = TextLabel("", "error", f"{name}Error")
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        """Show ``text`` under the field (or hide the line when empty); the editor says it too."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.reason.setVisible(bool(self.reason.text()) and not text)
        self.editor.setAccessibleDescription(text or self.reason.text())

    @property
    def error_text(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""
