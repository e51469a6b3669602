"""One step's picture: read the screen, cover Helpline, mark the click, encode. Worker-safe.

Everything here works on QImage and QPainter on a QImage, which Qt allows off the GUI
thread, so a click costs the GUI thread only the few calls that start the job. Under X11
the screen is read over a connection of this thread's own (``app.collectors.xcb_image``,
MIT-SHM: about 1-2 ms for 1920x1080) instead of Qt's ``grabWindow()``, which must run on
the GUI thread.

Helpline's own windows (the recording bar, any dialog of it) are never in a picture:
their rectangles, read on the GUI thread when the click arrives, are painted over in a
flat grey before the picture is encoded, so not one of their pixels reaches the encoder.

The encoding is JPEG down a short ladder of sizes and qualities until a step fits
:data:`STEP_BUDGET`: 20 steps of a 1920x1080 screen then stay under 3 MB as an HTML report
(base64 adds a third). Measured in tests/perf (``steps_*`` rows) and docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QPen

from app.collectors.image_edit import MARK_RGB

Rect = tuple[int, int, int, int]

#: Bytes one step's picture may take: 20 steps x 105 kB x 4/3 (base64) = 2.8 MB.
STEP_BUDGET = 105_000
#: (largest width, JPEG quality), tried in order until the picture fits the budget. The
#: first keeps small text legible on a 1920 px screen; the last always fits.
LADDER: tuple[tuple[int, int], ...] = ((1600, 72), (1280, 66), (1280, 45), (960, 40))
#: What covers Helpline's own windows in a picture.
HIDDEN_RGB = (112, 112, 112)
THUMB_WIDTH = 160


class Picture(NamedTuple):
    """A step's encoded picture, its size, the click point in it (-1: none), and a
    thumbnail for the review list."""

    data: bytes
    mime: str
    width: int
    height: int
    x: int
    y: int
    thumbnail: QImage


def read_screen(display: str | None) -> QImage | None:
    """The X root window as an RGB32 image of its own, or None when it cannot be read."""
    from app.collectors.screenshot import image_from_root
    from app.collectors.xcb_image import read_root

    root = read_root(display)
    return None if root is None else image_from_root(root)


def screen_of(point: tuple[int, int], screens: Sequence[Rect]) -> Rect | None:
    """The screen rectangle containing ``point``, else the first one, else None."""
    for rect in screens:
        x, y, w, h = rect
        if x <= point[0] < x + w and y <= point[1] < y + h:
            return rect
    return screens[0] if screens else None


def cover(image: QImage, rects: Sequence[Rect], origin: tuple[int, int] = (0, 0)) -> None:
    """Paint ``rects`` (desktop pixels; ``origin`` is the image's top-left on the desktop)
    flat grey, in place."""
    if not rects:
        return
    with QPainter(image) as painter:
        for x, y, w, h in rects:
            painter.fillRect(QRect(x - origin[0], y - origin[1], w, h), QColor(*HIDDEN_RGB))


def mark(image: QImage, point: tuple[int, int]) -> None:
    """A red ring with a dot at ``point`` (image pixels), sized to survive scaling down."""
    radius = max(14, image.width() // 80)
    with QPainter(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(*MARK_RGB), max(3, radius // 4)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        centre = QPointF(*point)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(*MARK_RGB))
        painter.drawEllipse(centre, radius / 5, radius / 5)


def _jpeg(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QImageWriter(buffer, QByteArray(b"jpeg"))
        writer.setQuality(quality)
        writer.setOptimizedWrite(True)
        if not writer.write(image):
            raise RuntimeError(f"Qt could not encode a step as JPEG: {writer.errorString()}")
    finally:
        buffer.close()
    return bytes(data.data())


def encode(image: QImage, budget: int = STEP_BUDGET) -> tuple[bytes, QImage]:
    """JPEG bytes of ``image`` down :data:`LADDER` until they fit ``budget``, and the image
    at the size they were encoded at."""
    data, scaled = b"", image
    for width, quality in LADDER:
        scaled = image
        if image.width() > width:
            scaled = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        data = _jpeg(scaled, quality)
        if len(data) <= budget:
            break
    return data, scaled


def picture(
    image: QImage,
    point: tuple[int, int] | None,
    screens: Sequence[Rect] = (),
    hide: Sequence[Rect] = (),
    budget: int = STEP_BUDGET,
) -> Picture:
    """The step's picture from a whole-desktop ``image``: cut to the screen the click was
    on, Helpline's rectangles covered, the click marked, encoded.

    ``point``, ``screens`` and ``hide`` are in desktop pixels; ``image`` must not be used
    by anyone else (it is painted on).
    """
    origin = (0, 0)
    screen = screen_of(point, screens) if point is not None else None
    if screen is not None and (screen[2], screen[3]) != (image.width(), image.height()):
        image = image.copy(QRect(*screen))
        origin = (screen[0], screen[1])
    elif image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    cover(image, hide, origin)
    local = None
    if point is not None:
        local = (point[0] - origin[0], point[1] - origin[1])
        mark(image, local)
    return encoded(image, local, budget)


def encoded(image: QImage, point: tuple[int, int] | None, budget: int = STEP_BUDGET) -> Picture:
    """Encode a finished picture (``point`` in its pixels, for the scaled-down copy)."""
    data, scaled = encode(image, budget)
    factor = scaled.width() / image.width() if image.width() else 1.0
    x, y = (round(point[0] * factor), round(point[1] * factor)) if point else (-1, -1)
    thumb = scaled.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return Picture(data, "image/jpeg", scaled.width(), scaled.height(), x, y, thumb)


def take(
    display: str | None,
    point: tuple[int, int] | None,
    screens: Sequence[Rect] = (),
    hide: Sequence[Rect] = (),
) -> Picture | None:
    """Read the X screen now and make the step's picture; None if it cannot be read."""
    image = read_screen(display)
    return None if image is None else picture(image, point, screens, hide)
