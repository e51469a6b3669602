"""Which screen to send: the whole desktop, or one screen cut from the same capture.

People with two or three screens usually want support to see the one with the problem,
not a very wide picture with their mail on the other half. The capture taken before the
wizard opened already holds every screen laid out as they are arranged
(:func:`app.collectors.screenshot.grab_desktop`), so choosing a screen only crops it: no
new capture, no hiding the wizard again. With one screen there is nothing to choose and
the control stays hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.widgets.choice import ChoiceBox

Screen = Mapping[str, Any]


def _logical(screen: Screen) -> QRect:
    """A screen's place on the desktop in logical pixels (``describe_screens`` gives device
    pixels for the size, which is what people know as their resolution)."""
    scale = float(screen.get("scale") or 1.0)
    return QRect(
        int(screen["x"]),
        int(screen["y"]),
        round(int(screen["width"]) / scale),
        round(int(screen["height"]) / scale),
    )


def can_choose(screens: Sequence[Screen]) -> bool:
    """More than one screen, each with its position (older descriptions have none)."""
    return len(screens) > 1 and all("x" in s and "y" in s for s in screens)


def screen_rect(image: QImage, screens: Sequence[Screen], index: int) -> QRect:
    """Where screen ``index`` lies in a capture of the whole desktop.

    The capture may be drawn at a higher scale than some screens, so the ratio is taken
    from the image itself rather than assumed.
    """
    rects = [_logical(s) for s in screens]
    virtual = QRect()
    for rect in rects:
        virtual = virtual.united(rect)
    fx, fy = image.width() / virtual.width(), image.height() / virtual.height()
    rect = rects[index].translated(-virtual.topLeft())
    return QRect(
        round(rect.x() * fx),
        round(rect.y() * fy),
        round(rect.width() * fx),
        round(rect.height() * fy),
    ).intersected(image.rect())


def crop_to_screen(image: QImage, screens: Sequence[Screen], index: int | None) -> QImage:
    """The capture itself for ``None`` (the whole desktop), else one screen's part of it."""
    if index is None:
        return image
    return image.copy(screen_rect(image, screens, index))


class ScreenChoice(QWidget):
    #: The user chose a screen (its index) or the whole desktop (None).
    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenChoice")
        self.setAccessibleName(self.tr("Screen to send"))
        self.screens: list[Screen] = []
        self.combo = ChoiceBox(self)
        self.combo.setObjectName("screenChoiceCombo")
        self.combo.setAccessibleName(self.tr("Which screen to send"))
        self.combo.view().setObjectName("screenChoiceList")
        self.combo.view().setAccessibleName(self.tr("Screens"))
        label = QLabel(self.tr("S&how:"), self)
        label.setObjectName("screenChoiceLabel")
        label.setAccessibleName(self.tr("Show"))
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        self.combo.activated.connect(lambda _row: self.chosen.emit(self.current()))
        self.hide()

    def set_screens(self, screens: Sequence[Screen]) -> None:
        """Offer these screens; the choice goes back to the whole desktop."""
        self.screens = list(screens)
        self.combo.clear()
        self.combo.addItem(self.tr("Whole desktop"), None)
        for index, screen in enumerate(self.screens):
            text = self.tr("{name} ({width} × {height})").format(
                name=screen.get("name") or self.tr("Screen {number}").format(number=index + 1),
                width=screen["width"],
                height=screen["height"],
            )
            if screen.get("primary"):
                text = self.tr("{screen}, main screen").format(screen=text)
            self.combo.addItem(text, index)
        self.setVisible(can_choose(self.screens))

    def current(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if isinstance(data, int) else None

    def choose(self, index: int | None) -> None:
        """Select an entry as the user would (``None``: the whole desktop) and emit."""
        row = 0 if index is None else index + 1
        self.combo.setCurrentIndex(row)
        self.chosen.emit(self.current())
