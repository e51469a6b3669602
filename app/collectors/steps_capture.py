"""One step's picture: read the screen, cover Helpline, mark the click, encode. Worker-safe.

Everything here works on QImage and QPainter on a QImage, which Qt allows off the GUI
thread, so a click costs the GUI thread only the few calls that start the jobs. Under X11
the screen is read over a connection of the worker's own (``app.collectors.xcb_image``,
MIT-SHM: about 1-2 ms for 1920x1080) instead of Qt's ``grabWindow()``, which must run on
the GUI thread.

Helpline's own windows (the recording bar, any dialog of it) are never in a picture:
their rectangles, read on the GUI thread when the click arrives, are painted over in a
flat grey before the picture is encoded, so not one of their pixels reaches the encoder.

Two habits keep the GUI thread's Python running while a worker works: Qt holds Python's
lock (the GIL) for the whole of most calls, so the 8 MB copies and the scaling are done
in bands of a few milliseconds each (one ``scaledToWidth`` of a full HD screen held it
for 17 ms, one ``convertToFormat`` 21 ms); and encoding, which Qt does with the lock
released, is the step that takes long.

The encoding (measured on a text-heavy 1920x1080 desktop, tests/perf ``steps_*`` rows and
docs/performance.md): WebP lossless at the screen's own size is pixel-exact and smallest
for screens of windows and text (70 kB where JPEG q75 needs 485 kB, or 1280 px and q45 to
reach 100 kB), but slow (0.6-1.7 s) and large on photos; so it is tried first, on a
worker of its own, and a JPEG ladder of sizes and qualities takes over when it does not
fit :data:`STEP_BUDGET`. 20 steps then stay under 3 MB as an HTML report (base64 adds a
third).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QPen

from app.collectors.image_edit import MARK_RGB

Rect = tuple[int, int, int, int]

#: Bytes one step's picture may take: 20 steps x 105 kB x 4/3 (base64) = 2.8 MB.
STEP_BUDGET = 105_000
#: (largest width, JPEG quality), tried in order after WebP until the picture fits the
#: budget. The first keeps small text legible on a 1920 px screen; the last always fits.
LADDER: tuple[tuple[int, int], ...] = ((1600, 72), (1280, 60), (1280, 45), (960, 40))
#: Widest picture WebP lossless is tried on (a 4K screen takes seconds and rarely fits).
LOSSLESS_MAX_WIDTH = 1920
#: Rows drawn per call when copying or scaling (a few milliseconds each).
BAND_ROWS = 96
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
    """The X root window as an RGB32 image of its own (copied in bands), or None."""
    from app.collectors.xcb_image import read_root

    root = read_root(display)
    if root is None:
        return None
    # X leaves the fourth byte 0; RGB32 ignores it when painting, scaling and encoding
    # (WebP and JPEG are written without alpha), and the thumbnail drops it.
    view = QImage(root.data, root.width, root.height, root.width * 4, QImage.Format.Format_RGB32)
    return draw(view, QRect(0, 0, root.width, root.height), root.width, root.height)


def draw(source: QImage, area: QRect, width: int, height: int) -> QImage:
    """``area`` of ``source`` as a new RGB32 image of ``width`` x ``height``, drawn in bands
    so no single call holds Python's lock for long."""
    out = QImage(width, height, QImage.Format.Format_RGB32)
    scale_y = area.height() / height
    with QPainter(out) as painter:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        if (width, height) != (area.width(), area.height()):
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for top in range(0, height, BAND_ROWS):
            rows = min(BAND_ROWS, height - top)
            painter.drawImage(
                QRectF(0, top, width, rows),
                source,
                QRectF(area.x(), area.y() + top * scale_y, area.width(), rows * scale_y),
            )
    return out


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


def _write(image: QImage, fmt: bytes, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QImageWriter(buffer, QByteArray(fmt))
        writer.setQuality(quality)
        if not writer.write(image):
            raise RuntimeError(f"Qt could not encode a step: {writer.errorString()}")
    finally:
        buffer.close()
    return bytes(data.data())


@functools.cache
def _webp_available() -> bool:
    return b"webp" in [bytes(f.data()) for f in QImageWriter.supportedImageFormats()]


def encode(
    image: QImage, budget: int = STEP_BUDGET, lossless: bool = True
) -> tuple[bytes, str, QImage]:
    """The bytes of ``image``, their type, and the image at the size they were encoded at:
    WebP lossless when ``lossless`` and it fits ``budget``, else JPEG down
    :data:`LADDER` until it fits."""
    if lossless and image.width() <= LOSSLESS_MAX_WIDTH and _webp_available():
        data = _write(image, b"webp", 100)
        if len(data) <= budget:
            return data, "image/webp", image
    data, scaled = b"", image
    for width, quality in LADDER:
        scaled = image
        if image.width() > width:
            height = round(image.height() * width / image.width())
            scaled = draw(image, image.rect(), width, height)
        data = _write(scaled, b"jpeg", quality)
        if len(data) <= budget:
            break
    return data, "image/jpeg", scaled


def compose(
    image: QImage,
    point: tuple[int, int] | None,
    screens: Sequence[Rect] = (),
    hide: Sequence[Rect] = (),
) -> tuple[QImage, tuple[int, int] | None]:
    """The step's picture before encoding, from a whole-desktop ``image``: cut to the screen
    the click was on, Helpline's rectangles covered, the click marked. Returns it and the
    click point in it. ``point``, ``screens`` and ``hide`` are in desktop pixels; ``image``
    must not be used by anyone else (it may be painted on)."""
    origin = (0, 0)
    screen = screen_of(point, screens) if point is not None else None
    if screen is not None and (screen[2], screen[3]) != (image.width(), image.height()):
        image = draw(image, QRect(*screen), screen[2], screen[3])
        origin = (screen[0], screen[1])
    elif image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    cover(image, hide, origin)
    local = None
    if point is not None:
        local = (point[0] - origin[0], point[1] - origin[1])
        mark(image, local)
    return image, local


def picture(
    image: QImage,
    point: tuple[int, int] | None,
    screens: Sequence[Rect] = (),
    hide: Sequence[Rect] = (),
    budget: int = STEP_BUDGET,
) -> Picture:
    """:func:`compose` then :func:`encoded`, in one go."""
    composed, local = compose(image, point, screens, hide)
    return encoded(composed, local, budget)


def encoded(
    image: QImage,
    point: tuple[int, int] | None,
    budget: int = STEP_BUDGET,
    lossless: bool = True,
) -> Picture:
    """Encode a finished picture (``point`` in its pixels, for the scaled-down copy)."""
    data, mime, scaled = encode(image, budget, lossless)
    factor = scaled.width() / image.width() if image.width() else 1.0
    x, y = (round(point[0] * factor), round(point[1] * factor)) if point else (-1, -1)
    thumb = scaled.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation)
    # RGB888 has no fourth byte: X's 0 there must not make the thumbnail transparent.
    thumb = thumb.convertToFormat(QImage.Format.Format_RGB888)
    return Picture(data, mime, scaled.width(), scaled.height(), x, y, thumb)


def take(
    display: str | None,
    point: tuple[int, int] | None,
    screens: Sequence[Rect] = (),
    hide: Sequence[Rect] = (),
) -> tuple[QImage, tuple[int, int] | None] | None:
    """Read the X screen now and compose the step's picture; None if it cannot be read."""
    image = read_screen(display)
    return None if image is None else compose(image, point, screens, hide)
