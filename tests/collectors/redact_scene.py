"""A scene for the redaction and "take again" tests, run in its own process on Xvfb.

It shows a "desktop" window holding a known secret (a yellow block inside a magenta window),
captures the screen, blacks the secret out through ``apply_edits`` (the code path the editor
uses), and encodes what would be sent. Then it shows a stand-in for the wizard and uses
``grab_after`` to take the screen again with the stand-in hidden. It writes:

* ``OUT/captured.png``: the capture as taken (the test proves the secret was on screen);
* ``OUT/sent.png``: the capture after the black-out, as encode_png() would attach it;
* ``OUT/again.png``: what grab_after() delivered;
* stdout: one JSON line with the geometry, colours, timings and window states.

Any Qt warning makes the script exit with code 3. Usage: python redact_scene.py OUT_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QRect, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.collectors.image_edit import Edit, Tool
from app.collectors.screenshot import apply_edits, encode_png, grab_after, grab_desktop

WINDOW_COLOUR, SECRET_COLOUR, WIZARD_COLOUR = "#ff00ff", "#ffff00", "#00ffff"
WINDOW_RECT = QRect(100, 120, 400, 260)
SECRET_RECT = QRect(180, 200, 160, 60)  # in screen coordinates, inside WINDOW_RECT
WIZARD_RECT = QRect(300, 250, 500, 400)  # covers part of the desktop window on purpose
DELAY_MS = 300
TIMEOUT = 10.0

warnings: list[str] = []


def _on_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
        warnings.append(message)
    print(f"qt: {message}", file=sys.stderr)


class Window(QWidget):
    """A frameless window in one colour, optionally with a block of another colour."""

    def __init__(
        self, name: str, colour: str, rect: QRect, block: tuple[str, QRect] | None = None
    ) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.colour = QColor(colour)
        self.block = block
        self.setGeometry(rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), self.colour)
            if self.block is not None:
                colour, where = self.block
                painter.fillRect(where.translated(-self.geometry().topLeft()), QColor(colour))


def _screen_pixel(x: int, y: int) -> int:
    image = QGuiApplication.primaryScreen().grabWindow(0, x, y, 1, 1).toImage()
    return image.pixelColor(0, 0).rgb()


def _wait(app: QApplication, done: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main(out_dir: Path) -> int:
    qInstallMessageHandler(_on_message)
    app = QApplication([sys.argv[0]])
    window = Window("desktop-window", WINDOW_COLOUR, WINDOW_RECT, (SECRET_COLOUR, SECRET_RECT))
    window.show()
    centre = SECRET_RECT.center()
    _wait(
        app,
        lambda: _screen_pixel(centre.x(), centre.y()) == QColor(SECRET_COLOUR).rgb(),
        "the secret to reach the screen",
    )

    captured = grab_desktop()
    if captured is None:
        print("grab_desktop() returned None", file=sys.stderr)
        return 2
    r = SECRET_RECT
    edit = Edit(Tool.BLACK_OUT, (r.left(), r.top()), (r.right(), r.bottom()))
    sent = apply_edits(captured, [edit])
    (out_dir / "captured.png").write_bytes(encode_png(captured))
    (out_dir / "sent.png").write_bytes(encode_png(sent))

    wizard = Window("wizard-stand-in", WIZARD_COLOUR, WIZARD_RECT)
    wizard.show()
    wc = WIZARD_RECT.center()
    _wait(
        app,
        lambda: _screen_pixel(wc.x(), wc.y()) == QColor(WIZARD_COLOUR).rgb(),
        "the wizard stand-in to reach the screen",
    )
    got: list[QImage | None] = []
    states: dict[str, bool] = {}
    clock = QElapsedTimer()
    clock.start()
    pending = grab_after(DELAY_MS, [wizard], lambda image: got.append(image))
    states["hidden_while_waiting"] = not wizard.isVisible()
    states["pending"] = pending.pending
    _wait(app, lambda: bool(got), "grab_after() to call back")
    elapsed = clock.elapsed()
    states["visible_after"] = wizard.isVisible()
    again = got[0]
    if again is None:
        print("grab_after() delivered None", file=sys.stderr)
        return 2
    (out_dir / "again.png").write_bytes(encode_png(again))

    def box(rect: QRect) -> list[int]:
        return [rect.x(), rect.y(), rect.width(), rect.height()]

    print(
        json.dumps(
            {
                "window": {"colour": WINDOW_COLOUR, "rect": box(WINDOW_RECT)},
                "secret": {"colour": SECRET_COLOUR, "rect": box(SECRET_RECT)},
                "wizard": {"colour": WIZARD_COLOUR, "rect": box(WIZARD_RECT)},
                "delay_ms": DELAY_MS,
                "elapsed_ms": elapsed,
                **states,
            }
        )
    )
    return 3 if warnings else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
