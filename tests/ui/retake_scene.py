"""A scene for "Take again in 3 seconds", run in its own process on a real X server.

A "desktop" window of a known colour is on screen, and the real Evidence page (in its own
window) covers part of it. The page's *Take again* runs with a short delay; the capture
must show the whole desktop window, because the page hides itself for the capture, and the
page must come back afterwards. It writes:

* ``OUT/before.png``: the screen with the page up, proving it covered the desktop window;
* ``OUT/sent.png``: the screenshot as the context would send it (encoded on a worker);
* stdout: one JSON line with the geometry, the colour and whether the page came back.

Any Qt warning makes the script exit with code 3, as it would fail an in-process test.

Usage: python tests/ui/retake_scene.py OUT_DIR
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

OUT = Path(sys.argv[1])
for name in ("CONFIG_HOME", "DATA_HOME", "CACHE_HOME", "CONFIG_DIRS"):
    os.environ[f"XDG_{name}"] = str(OUT / name.lower())

from PySide6.QtCore import QEventLoop, QRect, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.collectors.screenshot import encode_png, grab_desktop  # noqa: E402
from app.core.config import load  # noqa: E402
from app.services.filing import Submission  # noqa: E402
from app.ui.context import WizardContext  # noqa: E402
from app.ui.pages.evidence import EvidencePage  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402
from app.ui.widgets import screenshot_panel  # noqa: E402
from tests.collectors.shot_scene import (  # noqa: E402
    DESKTOP_COLOUR,
    DESKTOP_RECT,
    TIMEOUT,
    Swatch,
    _on_screen,
    _show_and_wait,
)

PAGE_RECT = QRect(250, 150, 640, 480)  # overlaps the desktop window on purpose
warnings: list[str] = []


def _on_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
        warnings.append(message)
    print(f"qt: {message}", file=sys.stderr)


def _wait(app: QApplication, condition: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting until {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    qInstallMessageHandler(_on_message)
    app = QApplication([sys.argv[0]])
    desktop = Swatch("desktop-window", DESKTOP_COLOUR, DESKTOP_RECT)
    _show_and_wait(app, desktop)
    config = load(env={})
    runner = TaskRunner(app)
    ctx = WizardContext(config, Submission(config, root=OUT / "data"), runner)
    page = EvidencePage(ctx)
    page.setGeometry(PAGE_RECT)
    page.initializePage()
    page.show()
    overlap = DESKTOP_RECT.intersected(PAGE_RECT)
    _wait(
        app,
        lambda: not _on_screen(overlap, QColor(DESKTOP_COLOUR)),
        "the page covers part of the desktop window on the X server",
    )
    before = grab_desktop()
    screenshot_panel.RETAKE_MS = 400
    page.screenshot_panel.retake_button.click()
    hidden_at_once = not page.isVisible()
    _wait(app, lambda: ctx.screenshot_png is not None, "the new screenshot is encoded")
    (OUT / "before.png").write_bytes(encode_png(before) if before is not None else b"")
    (OUT / "sent.png").write_bytes(ctx.screenshot_png or b"")
    runner.wait(10000)
    print(
        json.dumps(
            {
                "desktop": {
                    "colour": DESKTOP_COLOUR,
                    "rect": [
                        DESKTOP_RECT.x(),
                        DESKTOP_RECT.y(),
                        DESKTOP_RECT.width(),
                        DESKTOP_RECT.height(),
                    ],
                },
                "hidden_at_once": hidden_at_once,
                "shown_again": page.isVisible(),
                "sent_name": ctx.screenshot_name()[0],
            }
        )
    )
    return 3 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
