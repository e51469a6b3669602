"""The screenshot collector: what was on screen is captured, Helpline's own window is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from app.collectors.screenshot import encode_png, grab_desktop

ROOT = Path(__file__).resolve().parents[2]
SCENE = Path(__file__).with_name("shot_scene.py")


def _pixels(image: QImage) -> array:
    """The image as 0xAARRGGBB words, one per pixel, row by row."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    words = array("I")
    words.frombytes(bytes(rgb.constBits()))
    assert len(words) == rgb.width() * rgb.height()  # RGB32 rows are never padded
    return words


def _count(image: QImage, colour: str) -> int:
    return _pixels(image).count(QColor(colour).rgb())


def _count_in(image: QImage, colour: str, rect: list[int]) -> int:
    x, y, w, h = rect
    words, target = _pixels(image), QColor(colour).rgb()
    return sum(words[row * image.width() + x: row * image.width() + x + w].count(target)
               for row in range(y, y + h))


@pytest.fixture(scope="module")
def scene(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run shot_scene.py once on Xvfb; its captures and report serve every test below."""
    out = tmp_path_factory.mktemp("scene")
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    env = dict(os.environ, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb",
               XDG_RUNTIME_DIR=str(runtime),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, str(SCENE), str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"scene failed ({proc.returncode}):\n{proc.stderr}"
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["capture"] = QImage(str(out / "capture.png"))
    report["after"] = QImage(str(out / "after.png"))
    assert not report["capture"].isNull(), "capture.png is not a readable PNG"
    return report


@pytest.mark.xvfb
def test_capture_covers_the_whole_screen(scene: dict[str, Any]) -> None:
    assert scene["capture_size"] == [1280, 800]
    assert (scene["capture"].width(), scene["capture"].height()) == (1280, 800)


@pytest.mark.xvfb
def test_window_on_screen_before_the_grab_is_in_the_capture(scene: dict[str, Any]) -> None:
    colour, rect = scene["desktop"]["colour"], scene["desktop"]["rect"]
    width, height = rect[2], rect[3]
    # Every pixel of the window's area, and nowhere else: position and size are exact.
    assert _count_in(scene["capture"], colour, rect) == width * height
    assert _count(scene["capture"], colour) == width * height


@pytest.mark.xvfb
def test_window_shown_after_the_grab_is_not_in_the_capture(scene: dict[str, Any]) -> None:
    colour, rect = scene["wizard"]["colour"], scene["wizard"]["rect"]
    # The stand-in really reached the screen (so its absence below is meaningful) ...
    assert _count_in(scene["after"], colour, rect) == rect[2] * rect[3]
    # ... yet not one of its pixels is in the capture taken before it was shown.
    assert _count(scene["capture"], colour) == 0


@pytest.mark.xvfb
def test_describe_screens_reports_the_xvfb_screen(scene: dict[str, Any]) -> None:
    (screen,) = scene["screens"]
    assert (screen["width"], screen["height"]) == (1280, 800)
    assert screen["scale"] == 1.0
    assert screen["primary"] is True
    assert isinstance(screen["name"], str)


def test_encode_png_round_trips_pixels_in_a_worker_thread(qapp: Any) -> None:
    # qapp first, as in Helpline: Qt takes the first thread that creates a QObject (here
    # encode_png's QBuffer) for the main thread, and would then warn about QApplication.
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#123456"))
    image.setPixelColor(5, 7, QColor("#ff8000"))
    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(encode_png(image)))
    worker.start()
    worker.join(timeout=10)
    png = result[0]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    decoded = QImage.fromData(png, "PNG")
    assert (decoded.width(), decoded.height()) == (64, 48)
    assert decoded.pixelColor(5, 7) == QColor("#ff8000")
    assert decoded.pixelColor(0, 0) == QColor("#123456")


def test_encode_png_refuses_an_empty_image() -> None:
    with pytest.raises(ValueError, match="empty image"):
        encode_png(QImage())


def test_grab_desktop_refuses_to_run_off_the_gui_thread(qapp: Any) -> None:
    errors: list[BaseException] = []

    def grab() -> None:
        try:
            grab_desktop()
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=grab)
    worker.start()
    worker.join(timeout=10)
    assert len(errors) == 1
    assert "GUI thread" in str(errors[0])
