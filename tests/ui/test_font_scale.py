"""Text scales with the system font: every page at 150 % cuts no label and no button off.

People with low vision raise the desktop's font size; Helpline must follow
it (style.apply never caps it) and still show every word. Each page is shown
at 150 % of the default size and every visible label is checked against the
size its text needs: a wrapping label must be as tall as its text at its
width, a one-line label and a button as wide as their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

from app.ui import style
from tests.ui.test_a11y import (  # noqa: F401 - the autouse fixture applies here too
    _finish_background_work,
    make_config,
    shown,
    unreported,
)
from tests.ui.test_i18n import clipped, walk_everything

SCALE = 1.5


@contextmanager
def font_scale(factor: float) -> Iterator[float]:
    """The application font (and so the stylesheet's sizes) ``factor`` times larger."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before, sheet = QFont(app.font()), app.styleSheet()
    bigger = QFont(before)
    bigger.setPointSizeF(max(10.0, before.pointSizeF()) * factor)
    app.setFont(bigger)
    style.apply(app, make_config())
    try:
        yield bigger.pointSizeF()
    finally:
        app.setFont(before)
        app.setStyleSheet(sheet)
        if style._WATCHER is not None:  # the big sizes go too
            style._WATCHER.stop()
            style._WATCHER = None


@pytest.fixture
def roots(isolated_dirs: dict[str, Path]) -> Path:
    root = isolated_dirs["data"] / "helpline"
    for name in ("main", "elsewhere"):
        (root / name).mkdir(parents=True)
    return root


def test_every_page_at_150_percent_cuts_off_no_text(qtbot: Any, roots: Path) -> None:
    with font_scale(SCALE):
        problems = walk_everything(qtbot, roots, clipped)
    assert unreported(problems) == {}


def test_the_larger_font_reaches_the_pages(qtbot: Any, roots: Path) -> None:
    """The check above means something only if the text really is larger."""
    normal = QApplication.font().pointSizeF()
    seen: list[float] = []

    def measure(window: Any) -> list[str]:
        seen.extend(label.font().pointSizeF() for label in shown(window, QLabel))
        return []

    with font_scale(SCALE) as size:
        walk_everything(qtbot, roots, measure)
    assert seen and min(seen) >= size - 1.5  # small print is at most 1 pt smaller
    assert size >= normal * SCALE - 0.01
