"""The numbers app/ui/qt_values.py sets before the first paint are Qt's own enum values."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from app.ui import qt_values
from app.ui.widgets.labels import LinkLabel, TextLabel
from app.ui.widgets.scroll import scrolling_body


def test_each_number_is_the_enum_value() -> None:
    assert Qt.TextFormat.PlainText.value == qt_values.PLAIN_TEXT
    assert Qt.TextFormat.RichText.value == qt_values.RICH_TEXT
    assert Qt.FocusPolicy.NoFocus.value == qt_values.NO_FOCUS
    assert Qt.FocusPolicy.StrongFocus.value == qt_values.STRONG_FOCUS
    assert (
        Qt.TextInteractionFlag.LinksAccessibleByMouse.value == qt_values.LINKS_ACCESSIBLE_BY_MOUSE
    )


def test_labels_get_the_enum_their_numbers_name(qapp: Any) -> None:
    text = TextLabel("<b>shown as written</b>")
    assert text.textFormat() == Qt.TextFormat.PlainText
    link = LinkLabel("Service desk", "https://help.example.org", "link")
    assert link.textFormat() == Qt.TextFormat.RichText
    assert link.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert link.textInteractionFlags() == Qt.TextInteractionFlag.LinksAccessibleByMouse
    page = QLabel()
    area, _layout = scrolling_body(page, "sample")
    assert isinstance(area, QScrollArea) and area.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_misspelt_property_fails_instead_of_adding_a_dynamic_one(qapp: Any) -> None:
    with pytest.raises(ValueError, match="focusPolcy"):
        qt_values.set_property(QLabel(), "focusPolcy", qt_values.NO_FOCUS)
    with pytest.raises(ValueError, match="textFormat"):
        qt_values.set_property(QObject(), "textFormat", qt_values.PLAIN_TEXT)
