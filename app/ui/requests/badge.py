"""The coloured status badge of the requests table, and the colours every panel shares.

Colours carry meaning only together with the words (the badge always says
the status), so the table stays readable for colour-blind users and in
high-contrast themes; the helpdesk's own label is the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.models import STATUS_ROLE

#: Badge fill per status key (the common status values, plus "outbox").
STATUS_COLOURS = {
    "new": "#2a6ebb", "open": "#2a6ebb", "waiting": "#b35c00", "resolved": "#2e7d32",
    "closed": "#5f6368", "unknown": "#5f6368", "outbox": "#8a6d00",
}


def colour(status_key: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status_key, STATUS_COLOURS["unknown"]))


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status cell as a rounded, coloured label with white text."""

    PAD_X, PAD_Y = 8, 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        key = index.data(STATUS_ROLE)
        if key is None:
            super().paint(painter, option, index)
            return
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # selection and focus background, as any other cell
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        painter.save()
        painter.setFont(option.font)  # measure with the font that draws
        metrics = painter.fontMetrics()
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        width = min(rect.width(), metrics.horizontalAdvance(text) + 2 * self.PAD_X + 2)
        badge = QRect(rect.left(), rect.top(), width, rect.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour(str(key)))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor("#ffffff"))
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * self.PAD_X + 2)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * self.PAD_X, max(size.height(), 24))
