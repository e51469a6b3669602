"""A page body that scrolls instead of squeezing when text is large.

With a big system font or a long translation, a wizard page's content can be
taller than the window; layouts would then crush labels into each other.
Inside a frameless scroll area the content keeps its natural height.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

from app.ui import qt_values


def scrolling_body(
    page: QWidget, name: str, outer: QLayout | None = None
) -> tuple[QScrollArea, QVBoxLayout]:
    """Give ``page`` a scroll area (added to ``outer``, else to a new layout); return it
    and the layout to fill."""
    if outer is None:
        outer = QVBoxLayout(page)
    area = QScrollArea(page)
    area.setObjectName(f"{name}Scroll")
    area.setProperty("role", "pageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: Tab goes to the controls, and the area scrolls each
    # focused control into view; an unnamed stop before them only confuses.
    # (By number, as the Welcome page's body is built before the first paint: qt_values.)
    qt_values.set_property(area, "focusPolicy", qt_values.NO_FOCUS)
    body = QWidget()
    body.setObjectName(f"{name}Body")
    area.setWidget(body)
    outer.addWidget(area)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    return area, layout
