"""Find every widget that would read a hostile value as Qt rich text (issue 17, item 1).

Qt parses a label at ``AutoText``, a tooltip and an item's tooltip as HTML when
``Qt.mightBeRichText`` says so, and then loads ``<img src=PATH>``. A widget offends when
its text carries :data:`MARKER` and Qt would obey the hostile tag in it: plain text, and
rich text we composed with the hostile part escaped, are both fine.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui  # mightBeRichText lives in QtGui's namespace
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

MARKER = "H0STILE"
#: The image a hostile value asks Qt to read. The issue's ``/dev/zero`` makes an unfixed
#: build read until the kernel kills it (23 GB on the machine this was written on), so the
#: walks use a path that does not exist: whether Qt *would* read it is told by the format.
#: tests/ui/test_plain_everywhere.py checks ``/dev/zero`` itself on a label never painted.
RAW_TAG = '<img src="/nonexistent/h0stile.png">'
#: What a helpdesk, a link or a config file sends: an image to read, a tag that restyles,
#: a comment that hides the rest.
HOSTILE = f"{RAW_TAG}<b>{MARKER}</b><!-- hidden instruction -->"


def _obeyed(text: str, rich: bool) -> bool:
    """Rich text holding the marker and an image tag Qt would load (however it is quoted)."""
    return MARKER in text and rich and "<img" in text.lower()


def _tooltip_offends(text: str) -> bool:
    return _obeyed(text, QtGui.mightBeRichText(text))


def _model_offenders(model: QAbstractItemModel, where: str) -> list[str]:
    found = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and _tooltip_offends(tip):
                    found.append(f"{where} item ({row},{column}) tooltip: {tip!r}")
            child = model.index(row, 0, parent)
            if model.rowCount(child):
                stack.append(child)
    return found


def offenders(roots: list[QWidget] | None = None) -> list[str]:
    """Every widget (under ``roots``, else in the application) that would obey the tag."""
    widgets: list[QWidget] = []
    if roots is None:
        widgets = list(QApplication.allWidgets())
    else:
        for root in roots:
            widgets += [root, *root.findChildren(QWidget)]
    found = []
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel):
            text = widget.text()
            fmt = widget.textFormat()
            rich = fmt == Qt.TextFormat.RichText or (
                fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)
            )
            if _obeyed(text, rich):
                found.append(f"{name} text ({fmt.name}): {text!r}")
        if _tooltip_offends(widget.toolTip()):
            found.append(f"{name} tooltip: {widget.toolTip()!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _model_offenders(widget.model(), name)
    return found


def shown_literally(label: QLabel) -> bool:
    """The label shows the hostile tag as characters: plain text holding it as written."""
    return label.textFormat() == Qt.TextFormat.PlainText and RAW_TAG in label.text()
