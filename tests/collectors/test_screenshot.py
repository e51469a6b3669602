"""The screenshot collector: what was on screen is captured, Helpline's own window is not."""

from __future__ import annotations

import threading
from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from app.collectors.image_edit import Edit, Tool
from app.collectors.screenshot import apply_edits, encode, encode_png, grab_after, grab_desktop
from tests.collectors.scenes import run_scene

SCENE = Path(__file__).with_name("shot_scene.py")
REDACT_SCENE = Path(__file__).with_name("redact_scene.py")


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
    return sum(
        words[row * image.width() + x : row * image.width() + x + w].count(target)
        for row in range(y, y + h)
    )


@pytest.fixture(scope="module")
def scene(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run shot_scene.py once on Xvfb; its captures and report serve every test below."""
    out, report = run_scene(SCENE, xvfb_display, tmp_path_factory)
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
    decoded = QImage.fromData(png)
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


@pytest.fixture(scope="module")
def redacted(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run redact_scene.py once on Xvfb: a capture, its black-out, and a delayed capture."""
    out, report = run_scene(REDACT_SCENE, xvfb_display, tmp_path_factory)
    for name in ("captured", "sent", "again"):
        report[name] = QImage(str(out / f"{name}.png"))
        assert not report[name].isNull(), f"{name}.png is not a readable PNG"
    return report


def _area(rect: list[int]) -> int:
    return rect[2] * rect[3]


@pytest.mark.xvfb
def test_a_black_out_removes_the_secret_from_what_is_sent(redacted: dict[str, Any]) -> None:
    secret, window = redacted["secret"], redacted["window"]
    # The secret really was on screen and in the capture ...
    assert _count_in(redacted["captured"], secret["colour"], secret["rect"]) == _area(
        secret["rect"]
    )
    # ... and not one of its pixels is in the picture that would be sent.
    assert _count(redacted["sent"], secret["colour"]) == 0
    assert _count_in(redacted["sent"], "#000000", secret["rect"]) == _area(secret["rect"])
    # Only the secret went: the rest of the window is exactly as captured.
    assert _count(redacted["sent"], window["colour"]) == _count(
        redacted["captured"], window["colour"]
    )
    assert _count(redacted["sent"], window["colour"]) == (
        _area(window["rect"]) - _area(secret["rect"])
    )


@pytest.mark.xvfb
def test_grab_after_hides_the_wizard_for_the_capture(redacted: dict[str, Any]) -> None:
    wizard, window = redacted["wizard"], redacted["window"]
    assert redacted["hidden_while_waiting"] and redacted["pending"]
    assert redacted["elapsed_ms"] >= redacted["delay_ms"]
    assert redacted["visible_after"], "the hidden window must come back after the capture"
    again = redacted["again"]
    assert _count(again, wizard["colour"]) == 0
    # What the wizard covered is visible again in the capture: the whole desktop window.
    visible = _count(again, window["colour"]) + _count(again, redacted["secret"]["colour"])
    assert visible == _area(window["rect"])


def _noise(width: int, height: int) -> QImage:
    """Photo-like content: PNG cannot compress it, JPEG can."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    seed = 12345
    for y in range(height):
        for x in range(width):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            image.setPixel(x, y, 0xFF000000 | (seed >> 7) & 0xFFFFFF)
    return image


def test_encode_switches_to_jpeg_only_when_the_png_is_too_large(qapp: Any) -> None:
    noisy = _noise(160, 120)
    png = encode(noisy)
    assert (png.mime_type, png.suffix) == ("image/png", ".png") and png.data == encode_png(noisy)
    limit_kb = len(png.data) // 1000 - 1
    jpeg = encode(noisy, jpeg_above_kb=limit_kb)
    assert (jpeg.mime_type, jpeg.suffix) == ("image/jpeg", ".jpg")
    assert jpeg.data.startswith(b"\xff\xd8") and len(jpeg.data) < len(png.data)
    assert QImage.fromData(jpeg.data).size() == noisy.size()
    small = encode(noisy, jpeg_above_kb=len(png.data) // 1000 + 1)
    assert small.mime_type == "image/png"  # under the limit: stays lossless


def test_apply_edits_paints_a_copy_and_clamps_to_the_image(qapp: Any) -> None:
    image = QImage(50, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))
    kept = QImage(image)
    result = apply_edits(image, [Edit(Tool.BLACK_OUT, (30, 20), (500, -7))])
    assert image == kept  # the caller's picture is never painted on
    assert _count_in(result, "#000000", [30, 0, 20, 21]) == 20 * 21
    assert _count(result, "#000000") == 20 * 21
    assert apply_edits(image, []) == image and apply_edits(image, []) is not image


def test_grab_after_hides_waits_shows_and_calls_back(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    shown, already_hidden = QWidget(), QWidget()
    shown.setObjectName("shown")
    already_hidden.setObjectName("alreadyHidden")
    for widget in (shown, already_hidden):
        qtbot.addWidget(widget)
    shown.show()
    results: list[QImage | None] = []
    pending = grab_after(50, [shown, already_hidden], results.append)
    assert not shown.isVisible() and pending.pending and results == []
    qtbot.waitUntil(lambda: len(results) == 1, timeout=5000)
    assert shown.isVisible() and not already_hidden.isVisible()

    cancelled = grab_after(50, [shown], results.append)
    assert not shown.isVisible()
    cancelled.cancel()
    assert shown.isVisible() and not cancelled.pending
    qtbot.wait(150)
    assert len(results) == 1  # a cancelled capture never calls back


def test_grab_after_refuses_to_run_off_the_gui_thread(qapp: Any) -> None:
    errors: list[BaseException] = []

    def grab() -> None:
        try:
            grab_after(0, [], lambda _image: None)
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=grab)
    worker.start()
    worker.join(timeout=10)
    assert len(errors) == 1 and "GUI thread" in str(errors[0])
