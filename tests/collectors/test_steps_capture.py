"""A step's picture: Helpline covered, the click marked, cut to its screen, small enough."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QImage

from app.collectors import steps_capture
from app.collectors.image_edit import MARK_RGB


def desk(width: int = 1920, height: int = 1080, colour: str = "#2a6f3c") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def near(colour: QColor, rgb: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], rgb, strict=True))


def test_a_screen_of_windows_is_sent_pixel_exact_as_webp(qapp: Any) -> None:
    image = desk(800, 600)
    for x in range(0, 800, 5):
        image.setPixelColor(x, 300, QColor("#ffffff"))
    pic = steps_capture.encoded(image, None)
    assert pic.mime == "image/webp"
    assert QImage.fromData(pic.data).convertToFormat(QImage.Format.Format_RGB32) == image


def test_helpline_is_covered_and_the_click_marked(qapp: Any) -> None:
    image = desk(800, 600)
    bar = (500, 20, 200, 40)
    for x in range(500, 700):
        for y in range(20, 60):
            image.setPixelColor(x, y, QColor("#ff00ff"))  # the bar's pixels, say
    pic = steps_capture.picture(image, (100, 300), hide=[bar])
    out = QImage.fromData(pic.data)
    assert (out.width(), out.height()) == (800, 600) == (pic.width, pic.height)
    assert (pic.x, pic.y) == (100, 300)
    for x in range(504, 696, 6):
        for y in range(24, 56, 4):
            assert near(out.pixelColor(x, y), steps_capture.HIDDEN_RGB, 8), (x, y)
    assert near(out.pixelColor(100, 300), MARK_RGB, 60)  # the dot at the click
    assert not pic.thumbnail.isNull() and pic.thumbnail.width() == steps_capture.THUMB_WIDTH


def test_the_picture_is_the_screen_the_click_was_on(qapp: Any) -> None:
    image = desk(1600, 600)
    for x in range(800, 1600):
        for y in range(0, 600, 50):
            image.setPixelColor(x, y, QColor("#ffffff"))
    screens = [(0, 0, 800, 600), (800, 0, 800, 600)]
    pic = steps_capture.picture(image, (1000, 100), screens)
    assert (pic.width, pic.height) == (800, 600)
    assert (pic.x, pic.y) == (200, 100)


def test_a_big_busy_screen_still_fits_the_budget(qapp: Any) -> None:
    image = desk()
    for y in range(0, 1080, 3):  # lines of "text": hard for JPEG
        for x in range(0, 1920, 7):
            image.setPixelColor(x, y, QColor((x * 7) % 256, (y * 3) % 256, (x + y) % 256))
    pic = steps_capture.picture(image, (960, 540))
    assert len(pic.data) <= steps_capture.STEP_BUDGET
    assert pic.mime in ("image/webp", "image/jpeg")
    data, mime, scaled = steps_capture.encode(image, lossless=False)
    assert mime == "image/jpeg" and len(data) <= steps_capture.STEP_BUDGET
    assert scaled.width() <= 1600
