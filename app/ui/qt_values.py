"""``Qt`` namespace values for the widgets of the first paint, without the ``Qt`` namespace.

The first use of any ``Qt.*`` enum makes PySide6 build every one of the namespace's 93 enums
as a Python ``enum`` at once, the largest single cost the first paint could pay
(docs/performance.md). The few widgets on the Welcome page set these values through Qt's
property system, which takes the plain number, and name them here;
tests/ui/test_qt_values.py checks each number against PySide6, and
tests/ui/test_first_paint.py fails if any ``Qt`` namespace enum exists at the first paint.
Anything built after the first paint uses ``Qt`` as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

#: Qt.TextFormat
PLAIN_TEXT = 0
RICH_TEXT = 1
#: Qt.FocusPolicy
NO_FOCUS = 0
STRONG_FOCUS = 11
#: Qt.TextInteractionFlag
LINKS_ACCESSIBLE_BY_MOUSE = 4


def set_property(obj: QObject, name: str, value: int) -> None:
    """Set a Qt property of an enum type from its number; a typo fails loudly, not silently
    (``QObject.setProperty`` would add a dynamic property of that name instead)."""
    meta = obj.metaObject()
    if meta.indexOfProperty(name) < 0 or not obj.setProperty(name, value):
        raise ValueError(f"{meta.className()} has no writable property {name!r}")
