"""Status badges take their colours from the stylesheet template and stay readable.

The delegate cannot be styled itself, so badge.py reads what ``QLabel#statusBadge``
gets for each status; these tests fill the template for every kind of palette and
brand accent and check the text on each fill, as test_style does for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from app.core.config import load
from app.ui import style
from app.ui.requests import badge
from tests.ui.test_style import ACCENTS, PALETTES


@pytest.fixture
def probe(qapp: Any) -> Iterator[QLabel]:
    label = QLabel()
    label.setObjectName("statusBadge")
    yield label
    label.deleteLater()


@pytest.mark.parametrize("name", sorted(PALETTES))
@pytest.mark.parametrize("accent", ACCENTS)
def test_every_status_badge_is_readable_in_every_palette(
    probe: QLabel, name: str, accent: str
) -> None:
    config = load(env={})
    config.values["branding.accent_color"] = accent
    probe.setStyleSheet(style.stylesheet(config, PALETTES[name], 10))
    fills = {}
    for key in badge.STATUS_KEYS:
        text, fill = badge.read_colours(probe, key)
        assert style.contrast(text, fill) >= 4.5, (key, name, accent)
        fills[key] = fill.name()
    assert fills["open"] == fills["new"] == QColor(accent).name()  # the brand's colour
    # waiting on you and waiting in the outbox stand out from open and finished requests
    assert len({fills["open"], fills["waiting"], fills["outbox"], fills["closed"]}) == 4
    assert badge.read_colours(probe, "no-such-status") == badge.read_colours(probe, "unknown")


def test_the_table_reads_the_application_stylesheet(qapp: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    config = load(env={})
    config.values["branding.accent_color"] = "#e4007c"
    try:
        app.setStyleSheet(style.stylesheet(config, PALETTES["light"], 10))
        assert badge.badge_colours("open")[1].name() == "#e4007c"
        # the timeline's dots: open in the brand's colour, waiting in the hint's amber
        assert badge.STATUS_COLOURS.get("open") == "#e4007c"
        assert badge.STATUS_COLOURS["waiting"] == "#e8a317" != badge.STATUS_COLOURS["closed"]
        text, fill = badge.badge_colours("waiting")
        assert style.contrast(text, fill) >= 4.5
    finally:
        app.setStyleSheet(before)
    # without the template the badge falls back to the window's own colours
    text, fill = badge.badge_colours("open")
    palette = app.palette()
    assert (text, fill) == (
        palette.color(QPalette.ColorRole.WindowText),
        palette.color(QPalette.ColorRole.Window),
    )
