"""The screen as the user saw it just before Helpline opened, as a PNG for the request.

This is the one collector that imports Qt, and only QtCore and QtGui: Qt is what knows the
screens and can read them on every platform it supports. It also paints the user's edits
(``app.collectors.image_edit``) on a copy of the capture, so the editor and anything that
sends the picture share one code path. The capture must be taken on the GUI thread
before any Helpline window is shown, so the wizard is never in its own evidence. Encoding is
the slow part (tens of milliseconds for a full HD screen) and works on a QImage, which Qt
allows off the GUI thread; a QPixmap never leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QThread,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
    QPen,
    QPolygonF,
    QScreen,
)

if TYPE_CHECKING:
    from app.collectors.image_edit import Edit
    from app.collectors.xcb_image import RootCapture

# The capture is taken before the first paint, so this module loads nothing it needs only
# to edit or to wait: the ``Qt`` namespace (app/ui/qt_values.py) and ``image_edit`` are
# imported by the functions that draw.

#: Qt maps PNG quality q to zlib level (100 - q) * 9 / 91; 80 means level 1, which costs
#: half the time of the default for nearly the same size on desktop content
#: (shared/reference/performance-floors.md section 4).
PNG_QUALITY = 80


def _app() -> QGuiApplication | None:
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None


def _virtual_rect(screens: list[QScreen]) -> QRect:
    """The union of all screens in logical coordinates, gaps included."""
    rect = QRect()
    for screen in screens:
        rect = rect.united(screen.geometry())
    return rect


def grab_desktop() -> QImage | None:
    """Compose every screen into one image laid out as the screens are arranged.

    Returns None when there is no application, no screen, or no screen could be read (for
    example on Wayland, where Qt cannot read the screen without the compositor's consent).
    Screens with a higher scale factor set the resolution of the whole image, so no screen
    loses detail; gaps between screens of different sizes stay black.

    Under X11 the wizard normally does not call this: it uses the root window read while
    Qt loaded (``app.collectors.x11_capture``) when ``root_fits()`` it.
    """
    app = _app()
    if app is None:
        return None
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("grab_desktop() must run on the GUI thread")
    screens = list(QGuiApplication.screens())
    if not screens:
        return None
    if len(screens) == 1:
        # The capture as it comes: composing one screen onto a canvas of its own size would
        # be a second 8 MB picture before the first paint.
        shot = screens[0].grabWindow(0).toImage()
        if shot.isNull():
            return None
        if shot.format() != QImage.Format.Format_RGB32:
            shot = shot.convertToFormat(QImage.Format.Format_RGB32)
        return shot
    virtual = _virtual_rect(screens)
    scale = max(screen.devicePixelRatio() for screen in screens)
    canvas = QImage(
        round(virtual.width() * scale), round(virtual.height() * scale), QImage.Format.Format_RGB32
    )
    # Gaps between screens of different sizes: black, not uninitialised memory. (fill()'s
    # overloads build the ``Qt`` namespace; one screen, the usual case, never gets here.)
    canvas.fill(QColor(0, 0, 0))
    grabbed = 0
    painter = QPainter(canvas)
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for screen in screens:
            shot = screen.grabWindow(0).toImage()
            if shot.isNull():
                continue
            geo = screen.geometry().translated(-virtual.topLeft())
            target = QRectF(
                geo.x() * scale, geo.y() * scale, geo.width() * scale, geo.height() * scale
            )
            painter.drawImage(target, shot, QRectF(QPoint(0, 0), shot.size().toSizeF()))
            grabbed += 1
    finally:
        painter.end()
    return canvas if grabbed else None


def root_fits(root: RootCapture, screens: list[QScreen] | None = None) -> bool:
    """Whether a root window read before Qt loaded shows what Qt's own grab would: Qt on
    xcb, every screen at the same scale, and the screens tiling the root exactly from its
    corner (otherwise Qt's canvas would crop, pad or rescale it). GUI thread; no pixels
    are touched."""
    if QGuiApplication.platformName() != "xcb":
        return False
    screens = list(QGuiApplication.screens()) if screens is None else screens
    scales = {screen.devicePixelRatio() for screen in screens}
    if len(scales) != 1:
        return False
    scale = scales.pop()
    virtual = _virtual_rect(screens)
    return (virtual.x(), virtual.y()) == (0, 0) and (
        round(virtual.width() * scale),
        round(virtual.height() * scale),
    ) == (root.width, root.height)


def image_from_root(root: RootCapture) -> QImage:
    """The root as an RGB32 image of its own. Worker-safe (QImage only).

    X leaves the fourth byte of each pixel at 0, while RGB32 promises 0xff there (Qt copies
    RGB32 onto transparent surfaces as it is): reading the pixels as ARGB32 and converting
    sets it, in the one pass that also gives the image memory of its own. That pass is
    the only work on 8 MB at 1920x1080, which is why the wizard runs it after its first
    paint.
    """
    view = QImage(root.data, root.width, root.height, root.width * 4, QImage.Format.Format_ARGB32)
    return view.convertToFormat(QImage.Format.Format_RGB32)


def describe_screens() -> list[dict[str, Any]]:
    """Each screen's name, resolution in device pixels, scale, whether it is primary, and
    its top-left corner on the desktop (``x``, ``y``, logical pixels).

    This feeds the display section of ``app.collectors.sysinfo``, which cannot ask Qt itself,
    and the Evidence page's screen choice, which crops the capture to one screen.
    """
    app = _app()
    if app is None:
        return []
    primary = QGuiApplication.primaryScreen()
    described = []
    for screen in QGuiApplication.screens():
        scale = screen.devicePixelRatio()
        geometry = screen.geometry()
        size = geometry.size()
        described.append(
            {
                "name": screen.name(),
                "x": geometry.x(),
                "y": geometry.y(),
                "width": round(size.width() * scale),
                "height": round(size.height() * scale),
                "scale": round(scale, 2),
                "primary": screen is primary,
            }
        )
    return described


def encode_png(image: QImage) -> bytes:
    """PNG bytes of ``image``; safe in a worker thread because it touches only the QImage.

    Create the QApplication before the first call from a worker: Qt takes the first thread
    that creates a QObject (the QBuffer here) for its main thread.
    """
    if image.isNull():
        raise ValueError("cannot encode an empty image")
    return _write(image, b"png", PNG_QUALITY)


#: JPEG quality when a PNG would be too large; screenshots of photos and video compress
#: badly as PNG, and 85 keeps text legible.
JPEG_QUALITY = 85


class Encoded(NamedTuple):
    """The bytes to attach and how to name them."""

    data: bytes
    mime_type: str
    suffix: str


def _write(image: QImage, fmt: bytes, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QImageWriter(buffer, QByteArray(fmt))
        writer.setQuality(quality)
        if not writer.write(image):
            raise RuntimeError(
                f"Qt could not encode the screenshot as {fmt.decode()}: {writer.errorString()}"
            )
    finally:
        buffer.close()
    return bytes(data.data())


def encode(image: QImage, jpeg_above_kb: int = 0) -> Encoded:
    """PNG, or JPEG when the PNG would exceed ``jpeg_above_kb`` (0: always PNG).

    The JPEG is only used when it is actually smaller. Worker-safe, like encode_png().
    """
    png = encode_png(image)
    if jpeg_above_kb <= 0 or len(png) <= jpeg_above_kb * 1000:
        return Encoded(png, "image/png", ".png")
    jpeg = _write(image.convertToFormat(QImage.Format.Format_RGB32), b"jpeg", JPEG_QUALITY)
    if len(jpeg) >= len(png):
        return Encoded(png, "image/png", ".png")
    return Encoded(jpeg, "image/jpeg", ".jpg")


def paint_mark(painter: QPainter, edit: Edit, width: int, height: int) -> None:
    """Draw an arrow or a box in image coordinates; the editor's preview uses it too."""
    from PySide6.QtCore import Qt

    from app.collectors.image_edit import (
        MARK_RGB,
        Tool,
        arrow_head,
        arrow_shaft_end,
        head_size,
        stroke_width,
    )

    pen = QPen(QColor(*MARK_RGB), stroke_width(width, height))
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if edit.tool is Tool.BOX:
        r = edit.rect
        inset = pen.widthF() / 2  # keep the whole stroke inside the dragged rectangle
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(
            QRectF(
                r.x + inset, r.y + inset, max(r.width - 2 * inset, 0), max(r.height - 2 * inset, 0)
            )
        )
    elif edit.tool is Tool.ARROW:
        size = head_size(width, height)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(
            QPointF(*edit.start), QPointF(*arrow_shaft_end(edit.start, edit.end, size))
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(*MARK_RGB)))
        painter.drawPolygon(
            QPolygonF([QPointF(x, y) for x, y in arrow_head(edit.start, edit.end, size)])
        )


def _hide_pixels(image: QImage, edit: Edit) -> None:
    """Black out or blur ``edit.rect`` in place: no pixel inside keeps its value."""
    from PySide6.QtCore import Qt

    from app.collectors.image_edit import Tool, blur_block

    r = edit.rect
    target = QRect(r.x, r.y, r.width, r.height)
    if edit.tool is Tool.BLACK_OUT:
        with QPainter(image) as painter:
            painter.fillRect(target, QColor(0, 0, 0))
        return
    block = blur_block(image.width(), image.height())
    small = image.copy(target).scaled(
        max(1, r.width // block),
        max(1, r.height // block),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )  # averages
    smooth = small.scaled(
        r.width,
        r.height,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    with QPainter(image) as painter:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawImage(target.topLeft(), smooth)


def apply_edits(image: QImage, edits: Iterable[Edit]) -> QImage:
    """A copy of ``image`` with ``edits`` painted in order; ``image`` itself is untouched.

    Safe in a worker (QImage and QPainter on a QImage only). Edits are clamped to the image,
    so one dragged past the edge still covers everything up to the edge.
    """
    fmt = (
        QImage.Format.Format_ARGB32_Premultiplied
        if image.hasAlphaChannel()
        else QImage.Format.Format_RGB32
    )
    result = image.convertToFormat(fmt).copy()  # copy(): never write through to the caller
    width, height = result.width(), result.height()
    for edit in edits:
        edit = edit.clamped(width, height)
        if edit.tool.hides:
            _hide_pixels(result, edit)
        else:
            with QPainter(result) as painter:
                paint_mark(painter, edit, width, height)
    return result


class Hideable(Protocol):
    """A window to hide for a delayed capture: a QWidget or a QWindow."""

    def isVisible(self) -> bool: ...
    def hide(self) -> None: ...
    def show(self) -> None: ...


class DelayedGrab(QObject):
    """One "take again in N seconds" capture in progress; :meth:`cancel` undoes the hiding."""

    def __init__(
        self, delay_ms: int, hide: Sequence[Hideable], callback: Callable[[QImage | None], None]
    ) -> None:
        super().__init__(_app())
        self.setObjectName("delayedGrab")
        self._hidden = [w for w in hide if w.isVisible()]
        self._callback = callback
        self._timer = QTimer(self)
        self._timer.setObjectName("delayedGrabTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, delay_ms))
        from PySide6.QtCore import Qt

        # A coarse timer may fire up to 5 % early; "in 3 seconds" should mean 3 seconds.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._grab)
        for window in self._hidden:
            window.hide()
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        """Stop waiting and show the hidden windows again; the callback is not called."""
        if self._timer.isActive():
            self._timer.stop()
            self._show_again()

    def _show_again(self) -> None:
        for window in self._hidden:
            window.show()
        self.deleteLater()

    def _grab(self) -> None:
        try:
            image = grab_desktop()
        finally:
            self._show_again()
        self._callback(image)


def grab_after(
    delay_ms: int, hide: Sequence[Hideable], callback: Callable[[QImage | None], None]
) -> DelayedGrab:
    """Hide ``hide``, wait ``delay_ms`` on a QTimer, grab every screen, show them again.

    For menus and tooltips that close when Helpline is clicked: the user opens them during
    the wait. ``callback`` gets the image, or None where the screen cannot be read (see
    grab_desktop). Windows that were already hidden stay hidden. GUI thread only.
    """
    app = _app()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("grab_after() must run on the GUI thread of a running application")
    return DelayedGrab(delay_ms, hide, callback)
