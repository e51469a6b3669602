"""A busy 1920x1080 desktop in a process of its own, for the steps figures (tests/perf).

It must not be Helpline's window (those are covered in every picture), so the probe runs
it apart. Wallpaper gradient, a panel, and two "windows" full of text and a table: what
JPEG finds hard and a help desk screenshot usually shows. Prints "ready" once shown.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
)


class Desk(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        wall = QLinearGradient(0, 0, w, h)
        wall.setColorAt(0, QColor("#1d3557"))
        wall.setColorAt(1, QColor("#457b9d"))
        p.fillRect(self.rect(), wall)
        p.fillRect(0, h - 40, w, 40, QColor("#222"))
        p.setFont(QFont("Sans", 10))
        for n, (x, y, ww, hh) in enumerate(((80, 60, 900, 700), (700, 300, 1000, 650))):
            p.fillRect(x, y, ww, hh, QColor("#fafafa"))
            p.fillRect(x, y, ww, 30, QColor("#dde3ea"))
            p.setPen(QColor("#111"))
            p.drawText(x + 10, y + 20, f"Document {n + 1} — Editor")
            for line in range(40 if n == 0 else 20):
                p.drawText(
                    QRect(x + 12, y + 40 + line * 16, ww - 24, 16),
                    Qt.AlignmentFlag.AlignLeft,
                    LOREM[line % 17 :] + LOREM[: line % 17],
                )
            if n == 1:
                for row in range(18):
                    for col in range(6):
                        colour = QColor("#e8f0fe" if row % 2 else "#ffffff")
                        p.fillRect(x + 12 + col * 160, y + 370 + row * 14, 158, 13, colour)
                        p.drawText(
                            x + 16 + col * 160, y + 381 + row * 14, f"R{row}C{col} 4{row}{col}.00"
                        )
        p.end()


def main() -> int:
    app = QApplication(sys.argv[:1])
    desk = Desk()
    desk.setObjectName("benchDesk")
    desk.setGeometry(0, 0, 1920, 1080)
    desk.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    desk.show()
    QTimer.singleShot(300, lambda: print("ready", flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
