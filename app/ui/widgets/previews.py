"""Larger views of an image or a text, in a dialog that closes itself.

Shared by the Evidence page (the screenshot) and the Review page's part viewer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
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
    """A larger view of an image, at real size when it fits the screen, scrollable if not."""
    label = QLabel()
    label.setObjectName("imagePreview")
    label.setAccessibleName(title)
    label.setPixmap(QPixmap.fromImage(image))
    area = QScrollArea()
    area.setWidget(label)
    area.setAlignment(Qt.AlignmentFlag.AlignCenter)
    dialog = _dialog(parent, title, area, "imagePreviewDialog")
    screen = (parent.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(
        min(image.width() + 40, int(screen.width() * 0.9)),
        min(image.height() + 80, int(screen.height() * 0.9)),
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
