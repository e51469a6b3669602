"""The look: the stylesheet template keeps contrast in every palette; icons are sharp at 200 %.

Colours are derived from the palette the desktop hands Qt (light, dark, high
contrast) and the brand's accent, so these tests feed each kind of palette
through :func:`style.colours` and check the WCAG ratios the stylesheet relies
on. Icons are SVG, drawn at device pixels: a 200 % screen must get a picture
with edges as hard as at 100 %, not a smaller one blown up.
"""

from __future__ import annotations

import re
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPalette

from app.core import paths
from app.core.config import load
from app.ui import style

ROLES = QPalette.ColorRole


def palette(window: str, text: str, base: str, button: str, highlight: str) -> QPalette:
    result = QPalette()
    for role, colour in (
        (ROLES.Window, window),
        (ROLES.WindowText, text),
        (ROLES.Base, base),
        (ROLES.Text, text),
        (ROLES.Button, button),
        (ROLES.ButtonText, text),
        (ROLES.Highlight, highlight),
        (ROLES.HighlightedText, base),
    ):
        result.setColor(role, QColor(colour))
    return result


PALETTES = {
    "light": palette("#efefef", "#1a1a1a", "#ffffff", "#efefef", "#308cc6"),
    "dark": palette("#2b2d30", "#e6e6e6", "#1e1f22", "#393b40", "#3d6fb4"),
    "high-contrast-black": palette("#000000", "#ffffff", "#000000", "#000000", "#1aebff"),
    "high-contrast-white": palette("#ffffff", "#000000", "#ffffff", "#ffffff", "#37006e"),
}
ACCENTS = ("#2a6ebb", "#ffcc00", "#0b3d0b", "#e4007c")


@pytest.mark.parametrize("name", sorted(PALETTES))
@pytest.mark.parametrize("accent", ACCENTS)
def test_every_palette_keeps_the_contrast_the_stylesheet_needs(name: str, accent: str) -> None:
    values = {k: QColor(v) for k, v in style.colours(accent, PALETTES[name]).items()}
    window = QColor(PALETTES[name].color(ROLES.Window))
    text_pairs = {
        "accent_text": window,
        "muted": window,
        "error": window,
        "text": window,
        "on_accent": values["accent"],
        "on_error": values["error_strong"],
        "button_text": values["button_bg"],
        "field_text": values["field_bg"],
    }
    for key, background in text_pairs.items():
        assert style.contrast(values[key], background) >= 4.5, (key, name, accent)
    for key in ("field_border", "focus"):  # outlines of controls: WCAG 1.4.11
        assert style.contrast(values[key], window) >= 3.0, (key, name, accent)


def test_the_template_has_no_colour_of_its_own() -> None:
    """Every colour comes from a placeholder (the palette or the brand), none is typed in."""
    template = style.resources.read_text("style.qss")
    code = re.sub(r"/\*.*?\*/", "", template, flags=re.S)
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(", code)
    sheet = style.stylesheet(load(env={}), PALETTES["dark"], 10)
    assert "{{" not in sheet and "#2a6ebb" in sheet  # filled in, the accent applied


def _icons() -> list[str]:
    folder = importlib_resources.files("app.resources")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".svg"))


def _soft_share(image: QImage) -> float:
    """Of the pixels that are drawn at all, the share that is only partly opaque (edges)."""
    drawn = soft = 0
    for y in range(image.height()):
        for x in range(image.width()):
            alpha = image.pixelColor(x, y).alpha()
            if alpha:
                drawn += 1
                soft += alpha < 250
    assert drawn, "the icon drew nothing"
    return soft / drawn


@pytest.mark.parametrize("name", _icons())
def test_icons_are_sharp_at_200_percent(qapp: Any, name: str) -> None:
    size = 24
    sharp = style.svg_pixmap(name, size, ratio=2.0)
    assert sharp.devicePixelRatio() == 2.0
    assert (sharp.width(), sharp.height()) == (2 * size, 2 * size)
    small = style.svg_pixmap(name, size, ratio=1.0).toImage()
    blown_up = small.scaled(
        2 * size,
        2 * size,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    image = sharp.toImage()
    assert _soft_share(image) < 0.8 * _soft_share(blown_up), (
        f"{name} at 200 % is as soft as a 100 % picture scaled up"
    )


def test_line_icons_are_one_set() -> None:
    """The small icons share a 16 px grid, a line width and the one ink colour."""
    for name in _icons():
        if not name.startswith("icon-"):
            continue
        svg = style.resources.read_text(name)
        assert 'viewBox="0 0 16 16"' in svg, name
        widths = [float(w) for w in re.findall(r'stroke-width="([\d.]+)"', svg)]
        assert all(1.2 <= w <= 1.7 for w in widths), name
        colours = set(re.findall(r"#[0-9a-fA-F]{6}", svg))
        assert colours == {style._SVG_INK}, name


def test_icons_take_the_palette_ink(qapp: Any) -> None:
    ink = "#ff0000"
    image = style.svg_pixmap("icon-mail.svg", 16, ink=ink, ratio=1.0).toImage()
    solid = [
        image.pixelColor(x, y)
        for y in range(16)
        for x in range(16)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert solid and all(c.red() == 255 and c.green() == 0 for c in solid)


class FakeApplication(QObject):
    """Stands in for QApplication: this test must not change the whole session's palette."""

    paletteChanged = Signal(QPalette)

    def __init__(self, colours: QPalette) -> None:
        super().__init__()
        self.colours, self.sheet = colours, ""

    def palette(self) -> QPalette:
        return self.colours

    def styleSheet(self) -> str:
        return self.sheet

    def setStyleSheet(self, sheet: str) -> None:
        self.sheet = sheet


def test_the_stylesheet_follows_a_theme_switch_while_running(qapp: Any, qtbot: Any) -> None:
    app = FakeApplication(PALETTES["light"])
    watcher = style.PaletteWatcher(app, load(env={}), 10)  # type: ignore[arg-type]
    app.colours = PALETTES["dark"]  # the desktop turned dark; Qt tells the application
    app.paletteChanged.emit(app.colours)
    assert app.sheet == "", "restyled later, not while Qt hands out the palette"
    qtbot.waitUntil(lambda: app.sheet != "")
    field = style.colours("#2a6ebb", PALETTES["dark"])["field_bg"]
    assert f"background-color: {field}" in app.sheet
    filled = app.sheet
    app.paletteChanged.emit(app.colours)
    qtbot.wait(20)
    assert app.sheet is filled  # the same palette again: not set a second time
    watcher.stop()


def test_the_real_application_signal_reaches_the_watcher(qapp: Any, qtbot: Any) -> None:
    """Qt's own path: a new application palette restyles, with no event filter on the app."""
    before_palette, before_sheet = qapp.palette(), qapp.styleSheet()
    style.apply(qapp, load(env={}))
    try:
        qapp.setPalette(PALETTES["dark"])
        field = style.colours("#2a6ebb", PALETTES["dark"])["field_bg"]
        qtbot.waitUntil(lambda: f"background-color: {field}" in qapp.styleSheet())
    finally:
        style._WATCHER.stop()  # type: ignore[union-attr]
        style._WATCHER = None
        qapp.setPalette(before_palette)
        qapp.setStyleSheet(before_sheet)


def _pixels(pixmap: Any) -> bytes:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())


def test_rendered_icons_are_kept_and_read_back_the_same(
    qapp: Any, isolated_dirs: dict[str, Path]
) -> None:
    # Issue 8: later starts read the PNG instead of loading QtSvg and rendering again.
    first = style.svg_pixmap("logo.svg", 48, accent="#aa3300", ratio=2.0)
    kept = sorted((paths.cache_dir() / "icons").glob("logo-*"))
    assert len(kept) == 1 and kept[0].name.endswith("-48@2x.argb32")
    again = style.svg_pixmap("logo.svg", 48, accent="#aa3300", ratio=2.0)
    assert again.devicePixelRatio() == 2.0 and (again.width(), again.height()) == (96, 96)
    assert _pixels(again) == _pixels(first)
    style.svg_pixmap("logo.svg", 48, accent="#0033aa", ratio=2.0)  # another brand colour
    assert len(list((paths.cache_dir() / "icons").glob("logo-*"))) == 2


def test_a_damaged_kept_icon_is_drawn_again(qapp: Any, isolated_dirs: dict[str, Path]) -> None:
    first = style.svg_pixmap("icon-mail.svg", 16, ink="#112233", ratio=1.0)
    (kept,) = (paths.cache_dir() / "icons").glob("icon-mail-*")
    kept.write_bytes(b"cut short")
    again = style.svg_pixmap("icon-mail.svg", 16, ink="#112233", ratio=1.0)
    assert _pixels(again) == _pixels(first)


def test_icons_are_drawn_when_nothing_can_be_kept(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unwritable() -> Path:
        raise PermissionError("read-only home")

    monkeypatch.setattr(style.paths, "cache_dir", unwritable)
    pixmap = style.svg_pixmap("icon-web.svg", 16, ratio=1.0)
    arrow = Path(style._icon_file("icon-arrow-down.svg", "#445566"))
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (16, 16)
    assert arrow.is_file() and b"#445566" in arrow.read_bytes()
