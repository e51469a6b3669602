"""The screen as the user saw it just before Helpline opened, as a PNG for the request.

This is the one collector that imports Qt, and only QtGui: Qt is what knows the screens and
can read them on every platform it supports. The capture must be taken on the GUI thread
before any Helpline window is shown, so the wizard is never in its own evidence. Encoding is
the slow part (tens of milliseconds for a full HD screen) and works on a QImage, which Qt
allows off the GUI thread; a QPixmap never leaves it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF, QThread
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter, QScreen

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
    """
    app = _app()
    if app is None:
        return None
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("grab_desktop() must run on the GUI thread")
    screens = list(QGuiApplication.screens())
    if not screens:
        return None
    virtual = _virtual_rect(screens)
    scale = max(screen.devicePixelRatio() for screen in screens)
    canvas = QImage(round(virtual.width() * scale), round(virtual.height() * scale),
                    QImage.Format.Format_RGB32)
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
            target = QRectF(geo.x() * scale, geo.y() * scale,
                            geo.width() * scale, geo.height() * scale)
            painter.drawImage(target, shot, QRectF(QPoint(0, 0), shot.size().toSizeF()))
            grabbed += 1
    finally:
        painter.end()
    return canvas if grabbed else None


def describe_screens() -> list[dict[str, Any]]:
    """Each screen's name, resolution in device pixels, scale and whether it is primary.

    This feeds the display section of ``app.collectors.sysinfo``, which cannot ask Qt itself.
    """
    app = _app()
    if app is None:
        return []
    primary = QGuiApplication.primaryScreen()
    described = []
    for screen in QGuiApplication.screens():
        scale = screen.devicePixelRatio()
        size = screen.geometry().size()
        described.append({
            "name": screen.name(),
            "width": round(size.width() * scale),
            "height": round(size.height() * scale),
            "scale": round(scale, 2),
            "primary": screen is primary,
        })
    return described


def encode_png(image: QImage) -> bytes:
    """PNG bytes of ``image``; safe in a worker thread because it touches only the QImage.

    Create the QApplication before the first call from a worker: Qt takes the first thread
    that creates a QObject (the QBuffer here) for its main thread.
    """
    if image.isNull():
        raise ValueError("cannot encode an empty image")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QImageWriter(buffer, QByteArray(b"png"))
        writer.setQuality(PNG_QUALITY)
        if not writer.write(image):
            raise RuntimeError(f"Qt could not encode the screenshot as PNG: {writer.errorString()}")
    finally:
        buffer.close()
    return bytes(data.data())
