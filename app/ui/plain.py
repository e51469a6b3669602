"""External text on screen exactly as written: never parsed as Qt rich text.

A ``QLabel`` left at ``Qt.AutoText``, a tooltip and a message box's informative text are
parsed as HTML when their first line looks like a tag, and ``<img src=PATH>`` then makes Qt
open and read ``PATH`` (``/dev/zero`` until the process aborts; ``//host/share/x.png`` is an
SMB connection on Windows that leaks the person's NTLM hash). Ticket subjects, replies, the
helpdesk's notes and statuses, deep-link values and config texts come from outside, so every
place that shows them goes through this module (issue 17, item 1):

- :func:`plain` makes a label plain text (and sets its text);
- :func:`tip` turns any text into a tooltip that Qt shows literally;
- :func:`escape` for the external parts of a label that is rich on purpose (our own links);
- :func:`plain_box` for message boxes, informative text included;
- :func:`notification_text` for desktop notifications, whose body the freedesktop
  notification service reads as markup.

tests/ui/test_plain_everywhere.py opens every window with hostile values and fails on any
widget that would parse them; tests/hostile/test_item_01_rich_text.py does it against a
hostile helpdesk.
"""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def escape(text: str) -> str:
    """``text`` for the inside of rich text we compose: tags shown, never obeyed."""
    return html.escape(text, quote=True)


def plain(label: QLabel, text: str | None = None) -> QLabel:
    """``label`` set to plain text (and to ``text`` when given); returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    if text is not None:
        label.setText(text)
    return label


def tip(text: str) -> str:
    """A tooltip Qt shows as written. Qt reads a tooltip as rich text when
    ``Qt.mightBeRichText`` says so; such text is escaped and wrapped in ``<qt>`` (which
    makes it rich on purpose, with nothing left to obey). Other text is left alone."""
    if "<" not in text and "&" not in text:
        return text
    return "<qt>" + escape(text).replace("\n", "<br/>") + "</qt>"


def set_tip(widget: QWidget, text: str) -> None:
    """``widget.setToolTip`` for text that may come from outside."""
    widget.setToolTip(tip(text))


def plain_box(box: QMessageBox) -> QMessageBox:
    """``box`` with its text and informative text shown as written; call it after setting
    them (``QMessageBox.setTextFormat`` leaves the informative label at ``AutoText``)."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def notification_text(text: str) -> str:
    """A notification body as written. The freedesktop service (Linux and BSD desktops,
    Qt's tray there and ``notify-send``) reads ``<b>``, ``<a>`` and ``<img src>`` in a body
    (https://specifications.freedesktop.org/notification-spec/latest/markup.html), so it
    gets the text escaped; Windows and macOS show a balloon's text as it is."""
    if sys.platform.startswith(("win", "darwin")):
        return text
    return html.escape(text, quote=False)
