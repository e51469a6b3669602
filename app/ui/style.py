"""The branded look, applied once: the stylesheet template filled from config and palette.

Issue #9 asks for the brand's colours through one template, not scattered
``setStyleSheet`` calls. Widgets say what they are with dynamic properties
(``role``, ``primary``, ``level``); this module turns the accent colour and the
current palette into concrete colours, so a dark or high-contrast palette
keeps its contrast.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QObject, QSize, QTimer
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from app import resources
from app.core import paths
from app.core.config import Config

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
#: The colour the bundled SVGs are drawn in; replaced by the brand's accent.
_SVG_ACCENT = "#2a6ebb"
#: The grey the bundled line icons are drawn in; replaced by the palette's muted text.
_SVG_INK = "#6b7785"
#: This run's icon folder when the cache folder cannot be written.
_ICON_DIR: Path | None = None
#: Not ``Qt.GlobalColor.transparent``: logos and icons are drawn before the first paint
#: (app/ui/qt_values.py).
_TRANSPARENT = QColor(0, 0, 0, 0)
#: How much wider than high a logo may be drawn; a wider one is fitted into that box.
LOGO_MAX_ASPECT = 4.0
#: The application's palette watcher (one at a time; see :func:`apply`).
_WATCHER: PaletteWatcher | None = None


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1..21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _readable_on(background: QColor) -> QColor:
    white, black = QColor("#ffffff"), QColor("#1a1a1a")
    return white if contrast(white, background) >= contrast(black, background) else black


def _text_accent(accent: QColor, window: QColor) -> QColor:
    """The accent, lightened or darkened until headings in it reach 4.5:1 on the window."""
    toward = QColor("#ffffff") if _luminance(window) < 0.4 else QColor("#000000")
    colour = accent
    step = 0.0
    while contrast(colour, window) < 4.5 and step < 1.0:
        step += 0.1
        colour = _mix(accent, toward, step)
    return colour


def _border(window: QColor, base: QColor, text: QColor) -> QColor:
    """The lightest mix of text into the base that still shows 3:1 against the window
    (WCAG 1.4.11, the contrast of a control's outline)."""
    amount = 0.3
    colour = _mix(base, text, amount)
    while contrast(colour, window) < 3.0 and amount < 1.0:
        amount += 0.05
        colour = _mix(base, text, amount)
    return colour


def colours(accent_hex: str, palette: QPalette) -> dict[str, str]:
    """Every placeholder colour, derived from the brand accent and the palette."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Base)
    button = palette.color(QPalette.ColorRole.Button)
    button_text = palette.color(QPalette.ColorRole.ButtonText)
    dark = _luminance(window) < 0.4
    accent = QColor(accent_hex)
    error = QColor("#f2b8b5") if dark else QColor("#b3261e")
    error_strong = QColor("#b3261e")
    muted = _mix(text, window, 0.35)
    selection = palette.color(QPalette.ColorRole.Highlight)
    return {
        "accent": accent.name(),
        "accent_text": _text_accent(accent, window).name(),
        "accent_hover": _mix(accent, QColor("#ffffff" if dark else "#000000"), 0.12).name(),
        "accent_border": _mix(accent, QColor("#000000"), 0.2).name(),
        "on_accent": _readable_on(accent).name(),
        # The focus ring: the accent, made to stand out 4.5:1 from the window.
        "focus": _text_accent(accent, window).name(),
        "field_bg": base.name(),
        "field_text": palette.color(QPalette.ColorRole.Text).name(),
        "field_border": _border(window, base, text).name(),
        "readonly_bg": _mix(base, window, 0.5).name(),
        "selection": selection.name(),
        "on_selection": palette.color(QPalette.ColorRole.HighlightedText).name(),
        "button_bg": button.name(),
        "button_text": button_text.name(),
        "button_hover": _mix(button, button_text, 0.08).name(),
        "button_pressed": _mix(button, button_text, 0.16).name(),
        "text": text.name(),
        "muted": muted.name(),
        "error": error.name(),
        "error_strong": error_strong.name(),
        "on_error": _readable_on(error_strong).name(),
        # Resolved requests (status badges and the timeline's marks): green, as people read
        # "done", in a tint every palette keeps readable with the text colour on it.
        "success": (QColor("#81c995") if dark else QColor("#1e7d32")).name(),
        "success_bg": _mix(base, QColor("#81c995" if dark else "#1e7d32"), 0.18).name(),
        "hint_bg": _mix(base, QColor("#e8a317"), 0.14).name(),
        "hint_border": QColor("#e8a317").name(),
        "note_bg": _mix(base, accent, 0.10).name(),
        "badge_bg": _mix(window, text, 0.12).name(),
        "badge_text": text.name(),
        "disabled_bg": _mix(window, text, 0.15).name(),
        "disabled_text": _mix(window, text, 0.55).name(),
    }


def stylesheet(config: Config, palette: QPalette, body_pt: float) -> str:
    """The template from resources filled in; unknown placeholders are an error, not blank."""
    body = max(10.0, body_pt)
    values = colours(config["branding.accent_color"], palette)
    values.update(
        arrow_down=_icon_file("icon-arrow-down.svg", values["field_text"]),
        body_pt=f"{body:g}",
        small_pt=f"{body - 1:g}",
        heading_pt=f"{body + 5:g}",
        mono=QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family(),
    )

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, resources.read_text("style.qss"))


def apply(app: QApplication, config: Config) -> str:
    """Apply the branded stylesheet to the whole application. Call once, at start-up.

    Body text is at least 10 pt; a larger system font (or scale) is followed, never capped.
    """
    font = app.font()
    system_pt = font.pointSizeF()
    body_pt = max(10.0, system_pt)
    if system_pt != body_pt:
        font.setPointSizeF(body_pt)
        app.setFont(font)
    sheet = stylesheet(config, app.palette(), body_pt)
    app.setStyleSheet(sheet)
    global _WATCHER
    if _WATCHER is not None and shiboken6.isValid(_WATCHER):  # one, with the latest settings
        _WATCHER.stop()
    _WATCHER = PaletteWatcher(app, config, body_pt)
    return sheet


class PaletteWatcher(QObject):
    """Fills the template again when the desktop switches theme (light, dark, high
    contrast) while Helpline runs, so the stylesheet's colours keep following the palette.

    It listens to the application's ``paletteChanged`` signal rather than filtering the
    application's events: a Python event filter on the application is called for every
    event of every object for the whole session, and before the first paint PySide6 built
    wrapper types for the Qt-internal objects it was handed (docs/performance.md).
    """

    def __init__(self, app: QApplication, config: Config, body_pt: float) -> None:
        super().__init__(app)
        self.setObjectName("stylePaletteWatcher")
        self._app, self._config, self._body_pt = app, config, body_pt
        self._pending = False
        app.paletteChanged.connect(self._changed)

    def stop(self) -> None:
        """Stop following the palette (a newer watcher took over, or a test is done)."""
        self._app.paletteChanged.disconnect(self._changed)
        self.setParent(None)

    def _changed(self, *_palette: object) -> None:
        if not self._pending:
            # Later, not now: Qt is still handing the new palette to every widget, and
            # restyling them all in the middle of that crashes.
            self._pending = True
            QTimer.singleShot(0, self, self._refill)

    def _refill(self) -> None:
        self._pending = False
        sheet = stylesheet(self._config, self._app.palette(), self._body_pt)
        if sheet != self._app.styleSheet():  # setting it must not start another round
            self._app.setStyleSheet(sheet)


def set_role(widget: QWidget, name: str, value: object) -> None:
    """Change a styling property and re-polish, so the stylesheet notices."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def _svg(name: str, accent: str | None = None, ink: str | None = None) -> bytes:
    """A bundled SVG with its accent and its line grey replaced."""
    data = resources.read_bytes(name)
    if accent:
        data = data.replace(_SVG_ACCENT.encode(), accent.encode())
    if ink:
        data = data.replace(_SVG_INK.encode(), ink.encode())
    return data


def _icon_folder() -> Path:
    """Where recoloured and rendered icons are kept between starts; when that cannot be
    written (a read-only home), a temporary folder for this run."""
    global _ICON_DIR
    try:
        return paths.private_dir(paths.cache_dir() / "icons")
    except OSError:
        if _ICON_DIR is None:
            _ICON_DIR = Path(tempfile.mkdtemp(prefix="helpline-icons-"))
            atexit.register(shutil.rmtree, _ICON_DIR, True)
        return _ICON_DIR


def _keep(target: Path, data: bytes) -> bool:
    """Write ``target`` through a temporary file, so a half-written icon is never read.

    Readable by the user only whatever the umask (0600: the cache folder is private, and a
    logo may be the organisation's own): created with that mode and set again with
    ``fchmod``, since the umask can only take bits away (issue 17).
    """
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        fd = os.open(
            partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600
        )
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        if data:
            os.replace(partial, target)
            return True
    except OSError:
        pass
    partial.unlink(missing_ok=True)
    return False


def _icon_file(name: str, ink: str) -> str:
    """A recoloured copy of a bundled SVG on disk, for the stylesheet's ``url()``."""
    data = _svg(name, ink=ink)
    target = _icon_folder() / f"{Path(name).stem}-{ink.lstrip('#')}-{zlib.crc32(data):08x}.svg"
    if not target.is_file():
        _keep(target, data)
    return target.as_posix()


def icon_ink() -> str:
    """The colour line icons are drawn in: the palette's muted text, as the stylesheet's."""
    app = QGuiApplication.instance()
    palette = app.palette() if isinstance(app, QGuiApplication) else QPalette()
    return _mix(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.35
    ).name()


def _device_ratio(ratio: float | None) -> float:
    if ratio is not None:
        return ratio
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


def _fit(width: float, height: float, size: int) -> tuple[float, float]:
    """``width`` x ``height`` scaled to ``size`` high, or narrower to stay within the
    widest a logo may be (``LOGO_MAX_ASPECT`` x ``size``): never squashed, never cut."""
    if width <= 0 or height <= 0:
        return float(size), float(size)
    scale = min(size / height, size * LOGO_MAX_ASPECT / width)
    return width * scale, height * scale


def _render(data: bytes, size: int, ratio: float, wide: bool = False) -> QPixmap | None:
    """The SVG drawn at device pixels; None when it is not a valid SVG.

    ``size`` x ``size``, or for a ``wide`` picture (a logo) ``size`` high and as wide
    as its own proportions make it (:func:`_fit`).
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtSvg import QSvgRenderer  # only on a cache miss

    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return None
    width, height = float(size), float(size)
    if wide:
        own = renderer.viewBoxF().size() if not renderer.viewBoxF().isEmpty() else None
        shape = own or renderer.defaultSize().toSizeF()
        width, height = _fit(shape.width(), shape.height(), size)
        width = max(width, 1.0)
    pixmap = QPixmap(QSize(max(1, round(width * ratio)), round(size * ratio)))
    pixmap.fill(_TRANSPARENT)
    painter = QPainter(pixmap)
    top = (size - height) / 2 * ratio  # a very wide logo is centred in the height
    renderer.render(painter, QRectF(0, top, pixmap.width(), height * ratio))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _rendered(
    stem: str, data: bytes, size: int, ratio: float, wide: bool = False
) -> QPixmap | None:
    """``_render``, kept on disk between starts.

    Rendering the Welcome page's icons and the logo (and loading QtSvg to do it) is the
    slower way to the first paint (docs/performance.md). The pixels are kept raw
    (premultiplied ARGB32), not as PNG: reading a PNG goes through QImageReader, whose
    first use scans every image format plugin, which costs more than the rendering saved.
    The file name holds a checksum of the recoloured SVG, the size and the scale, so a new
    accent, a new release's icons or another screen get files of their own. A ``wide``
    picture's width is what the file's length says (rows of the known height).
    """
    side = round(size * ratio)
    target = _icon_folder() / f"{stem}-{zlib.crc32(data):08x}-{size}@{ratio:g}x.argb32"
    try:
        pixels = target.read_bytes()
    except OSError:
        pixels = b""
    row = side * 4
    width = len(pixels) // row if side and len(pixels) % row == 0 else 0
    if width == side or (wide and 0 < width <= side * LOGO_MAX_ASPECT):
        image = QImage(pixels, width, side, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        kept = QPixmap.fromImage(image)
        kept.setDevicePixelRatio(ratio)
        return kept
    pixmap = _render(data, size, ratio, wide)
    if pixmap is not None:
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        if image.height() == side and image.bytesPerLine() == image.width() * 4:
            drawn = bytes(image.constBits())[: image.width() * row]
            _keep(target, drawn)
    return pixmap


def svg_pixmap(
    name: str,
    size: int,
    accent: str | None = None,
    ink: str | None = None,
    ratio: float | None = None,
) -> QPixmap:
    """A bundled SVG rendered crisply at ``size`` logical pixels and the screen's scale
    (or ``ratio``): drawn at device pixels, never scaled up from a smaller picture."""
    pixmap = _rendered(Path(name).stem, _svg(name, accent, ink), size, _device_ratio(ratio))
    return pixmap if pixmap is not None else QPixmap()


def logo_pixmap(config: Config, size: int) -> QPixmap:
    """The organisation's logo if configured and readable, else Helpline's in its accent.

    ``size`` is the height; a wide logo keeps its proportions, up to ``LOGO_MAX_ASPECT``
    times as wide (a wider one is fitted into that box), a tall one is ``size`` high.
    """
    path = config["branding.logo"]
    if path:
        if path.lower().endswith(".svg"):
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = b""
            # Sharp on a 200 % screen: drawn at device pixels.
            ratio = _device_ratio(None)
            # Not "logo-custom": those files hold the squared logos of before (issue 15).
            logo = _rendered("logo-fitted", data, size, ratio, wide=True) if data else None
            if logo is not None:
                return logo
        else:
            from PySide6.QtCore import Qt  # a raster logo: scaling needs the enums

            pixmap = QPixmap(path)
            if not pixmap.isNull():
                ratio = _device_ratio(None)
                width, height = _fit(pixmap.width(), pixmap.height(), size)
                scaled = pixmap.scaled(
                    max(1, round(width * ratio)),
                    max(1, round(height * ratio)),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                scaled.setDevicePixelRatio(ratio)
                return scaled
    return svg_pixmap("logo.svg", size, config["branding.accent_color"])


def app_icon(config: Config) -> QIcon:
    from PySide6.QtGui import QIcon  # (not before the first paint)

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(svg_pixmap("app-icon.svg", size, config["branding.accent_color"]))
    return icon
