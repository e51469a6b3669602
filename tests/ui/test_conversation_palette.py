"""Message boxes take their colours from the palette, so dark themes stay readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from app.ui.requests.conversation import bubble_colours


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _palette(base: str, alternate: str, text: str, highlight: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(alternate))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(highlight))
    return palette


def test_both_boxes_keep_the_text_readable_in_light_and_dark(qapp: object) -> None:
    for palette in (
        _palette("#ffffff", "#f5f5f5", "#1b1b1b", "#2a6ebb"),
        _palette("#1e1e1e", "#2a2a2a", "#eeeeee", "#3d8fd6"),
    ):
        text = palette.color(QPalette.ColorRole.Text)
        mine, theirs = bubble_colours(palette)
        assert mine != theirs  # the two sides are told apart by colour as well as place
        for background in (mine, theirs):
            assert _contrast(QColor(background), text) >= 4.5, (background, text.name())
