"""A scene for the screenshot test, run in its own process on a real X server (Xvfb).

It shows a "desktop" window of a known colour, waits until X really holds its pixels, calls
grab_desktop() the way Helpline does before its wizard appears, then shows a stand-in for the
wizard in another colour. It writes:

* ``OUT/capture.png``: what grab_desktop() took, encoded by encode_png() in a worker thread;
* ``OUT/after.png``: the screen once the stand-in is up, so the test can prove the stand-in
  really reached the screen and its absence from the capture means something;
* stdout: one JSON line with the window geometry, the colours and describe_screens().

Any Qt warning makes the script exit with code 3, as it would fail an in-process test.

Usage: python tests/collectors/shot_scene.py OUT_DIR
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.collectors.screenshot import describe_screens, encode_png, grab_desktop

DESKTOP_COLOUR = "#ff00ff"
WIZARD_COLOUR = "#00ffff"
DESKTOP_RECT = QRect(100, 120, 300, 200)
WIZARD_RECT = QRect(300, 200, 400, 300)  # overlaps the desktop window on purpose
TIMEOUT = 10.0

warnings: list[str] = []


def _on_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
        warnings.append(message)
    print(f"qt: {message}", file=sys.stderr)


class Swatch(QWidget):
    """A frameless window painted in one colour; remembers that it has painted."""

    def __init__(self, name: str, colour: str, rect: QRect) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.colour = QColor(colour)
        self.painted = False
        self.setGeometry(rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), self.colour)
        self.painted = True


def _on_screen(rect: QRect, colour: QColor) -> bool:
    """True once the X server itself shows ``colour`` at the centre of ``rect``."""
    screen = QGuiApplication.primaryScreen()
    centre = rect.center()
    pixel = screen.grabWindow(0, centre.x(), centre.y(), 1, 1).toImage().pixelColor(0, 0)
    return pixel.rgb() == colour.rgb()


def _show_and_wait(app: QApplication, window: Swatch) -> None:
    window.show()
    deadline = time.monotonic() + TIMEOUT
    while not (window.painted and _on_screen(window.geometry(), window.colour)):
        if time.monotonic() > deadline:
            raise SystemExit(f"{window.objectName()} never reached the screen")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main(out_dir: Path) -> int:
    qInstallMessageHandler(_on_message)
    app = QApplication([sys.argv[0]])
    desktop = Swatch("desktop-window", DESKTOP_COLOUR, DESKTOP_RECT)
    _show_and_wait(app, desktop)

    capture = grab_desktop()
    if capture is None:
        print("grab_desktop() returned None", file=sys.stderr)
        return 2

    wizard = Swatch("wizard-stand-in", WIZARD_COLOUR, WIZARD_RECT)
    _show_and_wait(app, wizard)
    after = grab_desktop()
    with ThreadPoolExecutor(max_workers=1) as pool:  # encode_png promises thread safety
        (out_dir / "capture.png").write_bytes(pool.submit(encode_png, capture).result())
    (out_dir / "after.png").write_bytes(encode_png(after) if after is not None else b"")

    def box(rect: QRect) -> list[int]:
        return [rect.x(), rect.y(), rect.width(), rect.height()]

    print(
        json.dumps(
            {
                "desktop": {"colour": DESKTOP_COLOUR, "rect": box(DESKTOP_RECT)},
                "wizard": {"colour": WIZARD_COLOUR, "rect": box(WIZARD_RECT)},
                "screens": describe_screens(),
                "capture_size": [capture.width(), capture.height()],
            }
        )
    )
    return 3 if warnings else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
