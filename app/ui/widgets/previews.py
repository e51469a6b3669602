"""Larger views of an image or a text, in a dialog that closes itself.

Shared by the Evidence page (the screenshot) and the Review page's part viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: The smallest "View larger" window, so a small picture still gets a proper window.
MIN_VIEW = QSize(360, 240)


class FittedImage(QLabel):
    """A picture as large as its window allows, up to its real size: never cut off behind
    scroll bars, never stretched or squashed. Resizing the window resizes the picture."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = QPixmap.fromImage(image)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(1, 1)
        self._fit()

    def sizeHint(self) -> QSize:
        return self._full.size()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().size()
        full = self._full.size()
        if full.width() <= room.width() and full.height() <= room.height():
            self.setPixmap(self._full)
        else:
            self.setPixmap(
                self._full.scaled(
                    room,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


def _dialog(parent: QWidget, title: str, body: QWidget, name: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


def show_image(parent: QWidget, title: str, image: QImage) -> QDialog:
    """A larger view of an image: at real size when it fits the screen, else fitted to a
    window of most of the screen (the whole picture at once, never behind scroll bars)."""
    label = FittedImage(image)
    label.setObjectName("imagePreview")
    label.setAccessibleName(title)
    dialog = _dialog(parent, title, label, "imagePreviewDialog")
    screen = (parent.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(
        max(MIN_VIEW.width(), min(image.width() + 40, int(screen.width() * 0.9))),
        max(MIN_VIEW.height(), min(image.height() + 80, int(screen.height() * 0.9))),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_text(parent: QWidget, title: str, text: str) -> QDialog:
    view = QPlainTextEdit()
    view.setObjectName("textPreview")
    view.setAccessibleName(title)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setPlainText(text)
    dialog = _dialog(parent, title, view, "textPreviewDialog")
    dialog.resize(640, 480)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
