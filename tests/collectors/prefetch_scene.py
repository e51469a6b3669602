"""A scene for the early X11 capture (app.collectors.x11_capture), run on a real X server.

As Helpline does at start-up: the capture starts on its own thread, then Qt builds a
window, and the capture is taken before that window is shown. Here a "desktop" window is
on screen first, so the capture has something known to show; then the capture is compared
pixel by pixel with what Qt's own grab reads, both through MIT-SHM and through a plain
GetImage, and a stand-in for the wizard is shown after it. It writes one JSON line:

* ``prefetched``: the early capture was used (not Qt's grab) and equals Qt's grab;
* ``shm`` / ``plain``: each way of reading equals Qt's grab;
* ``kept``: an image made from a capture still reads right once the capture is gone;
* ``segments_while_held`` / ``segments_after``: MIT-SHM segments of this process while a
  capture exists and once it is gone (1 and 0: nothing is left behind);
* ``opaque``: every pixel of the capture has alpha 0xff, as RGB32 promises (X leaves 0);
* ``wizard_in_capture``: pixels of the stand-in in the early capture (must be 0);
* ``desktop_in_capture``: pixels of the desktop window in it (must be all of them).

Usage: python tests/collectors/prefetch_scene.py [OUT_DIR] (it writes nothing there)
"""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

from app.collectors import x11_capture, xcb_image

x11_capture.start()  # as app.cli does: before PySide6 is even imported

from PySide6.QtGui import QColor, QGuiApplication, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.collectors import screenshot  # noqa: E402
from tests.collectors.shot_scene import (  # noqa: E402
    DESKTOP_COLOUR,
    DESKTOP_RECT,
    WIZARD_COLOUR,
    WIZARD_RECT,
    Swatch,
    _show_and_wait,
)


def _same(a: QImage | None, b: QImage | None) -> bool:
    if a is None or b is None or a.size() != b.size():
        return False
    rgb = QImage.Format.Format_RGB32
    return bytes(a.convertToFormat(rgb).constBits()) == bytes(b.convertToFormat(rgb).constBits())


def _count(image: QImage, colour: str) -> int:
    target = QColor(colour).rgb() & 0xFFFFFF
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    words = memoryview(bytes(rgb.constBits())).cast("I")
    return sum(1 for word in words if word & 0xFFFFFF == target)


def _own_segments() -> int:
    """Shared memory segments this process created that still exist."""
    try:
        rows = Path("/proc/sysvipc/shm").read_text(encoding="ascii").splitlines()[1:]
    except OSError:
        return -1
    return sum(1 for row in rows if int(row.split()[4]) == os.getpid())  # cpid


def main() -> int:
    app = QApplication([sys.argv[0]])
    screens = list(QGuiApplication.screens())
    # The early capture saw an empty screen; what matters first is that it is the picture
    # Qt would have taken at that moment.
    early_root = x11_capture.take()
    early = (
        screenshot.image_from_root(early_root)
        if early_root and screenshot.root_fits(early_root, screens)
        else None
    )
    qt_then = screenshot.grab_desktop()
    prefetched = early is not None and _same(early, qt_then)
    del early_root

    desktop = Swatch("desktop-window", DESKTOP_COLOUR, DESKTOP_RECT)
    _show_and_wait(app, desktop)
    display = os.environ["DISPLAY"]
    qt_now = screenshot.grab_desktop()
    results = {}
    for name, shm in (("shm", True), ("plain", False)):
        root = xcb_image.read_root(display, shared_memory=shm)
        results[name] = (
            root is not None
            and screenshot.root_fits(root, screens)
            and _same(screenshot.image_from_root(root), qt_now)
        )

    # The capture Helpline keeps, started and taken around the moment the wizard appears.
    x11_capture.start()
    taken = x11_capture.take()
    capture = screenshot.image_from_root(taken) if taken else None
    del taken
    wizard = Swatch("wizard-stand-in", WIZARD_COLOUR, WIZARD_RECT)
    _show_and_wait(app, wizard)

    qt_after = screenshot.grab_desktop()
    root = xcb_image.read_root(display)
    segments_held = _own_segments()
    kept_image = screenshot.image_from_root(root) if root else None
    del root
    gc.collect()
    kept = kept_image is not None and _same(kept_image, qt_after)

    opaque = (
        capture is not None
        and capture.convertToFormat(QImage.Format.Format_ARGB32).pixelColor(5, 5).alpha() == 255
        and all(word >> 24 == 0xFF for word in memoryview(bytes(capture.constBits())).cast("I"))
    )
    print(
        json.dumps(
            {
                "prefetched": prefetched,
                **results,
                "kept": kept,
                "opaque": opaque,
                "segments_while_held": segments_held,
                "segments_after": _own_segments(),
                "capture_is_null": capture is None or capture.isNull(),
                "wizard_in_capture": _count(capture, WIZARD_COLOUR) if capture else -1,
                "desktop_in_capture": _count(capture, DESKTOP_COLOUR) if capture else -1,
                "desktop_area": DESKTOP_RECT.width() * DESKTOP_RECT.height(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
