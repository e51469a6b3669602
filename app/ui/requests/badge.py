"""The coloured status badge of the requests table, and the colours every panel shares.

Colours carry meaning only together with the words (the badge always says
the status), so the table stays readable for colour-blind users and in
high-contrast themes; the helpdesk's own label is the tooltip.

The colours live in the stylesheet template (``QLabel#statusBadge[status="…"]`` in
app/resources/style.qss), like every other brand colour: a delegate cannot be styled,
so a label that is never shown is polished with each status and its palette read.
Without a stylesheet the badge takes the window's own colours.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.ui.models import STATUS_ROLE

#: The status keys the stylesheet colours (the common status values, plus "outbox").
STATUS_KEYS = ("new", "open", "waiting", "resolved", "closed", "unknown", "outbox")
_probe: QLabel | None = None
_cache: dict[str, tuple[QColor, QColor, QColor]] = {}
_cached_for: str | None = None


def read_colours(probe: QLabel, status_key: str) -> tuple[QColor, QColor]:
    """(text, fill) that the stylesheet gives ``probe`` for this status."""
    text, fill, _mark = _read(probe, status_key)
    return text, fill


def _read(probe: QLabel, status_key: str) -> tuple[QColor, QColor, QColor]:
    probe.setProperty("status", status_key if status_key in STATUS_KEYS else "unknown")
    probe.style().unpolish(probe)
    probe.style().polish(probe)
    palette = probe.palette()
    return (
        QColor(palette.color(QPalette.ColorRole.WindowText)),
        QColor(palette.color(QPalette.ColorRole.Window)),
        QColor(palette.color(QPalette.ColorRole.Highlight)),
    )


def _colours(status_key: str) -> tuple[QColor, QColor, QColor]:
    global _probe, _cached_for
    app = QApplication.instance()
    sheet = app.styleSheet() if isinstance(app, QApplication) else ""
    if sheet != _cached_for:  # a new theme or brand refilled the template
        _cache.clear()
        _cached_for = sheet
        if _probe is not None:  # a polished label keeps the old sheet's palette
            _probe.deleteLater()
            _probe = None
    if status_key not in _cache:
        if _probe is None:
            _probe = QLabel()
            _probe.setObjectName("statusBadge")
        _cache[status_key] = _read(_probe, status_key)
    return _cache[status_key]


def badge_colours(status_key: str) -> tuple[QColor, QColor]:
    """(text, fill) of the badge for this status under the application's stylesheet."""
    text, fill, _mark = _colours(status_key)
    return text, fill


def colour(status_key: str) -> QColor:
    """The status's mark: a colour that shows on the window (the timeline's dots)."""
    return _colours(status_key)[2]


class _StatusColours(Mapping[str, str]):
    """Status marks by key, as colour names, read from the stylesheet when asked."""

    def __getitem__(self, key: str) -> str:
        return colour(key).name()

    def __iter__(self) -> Iterator[str]:
        return iter(STATUS_KEYS)

    def __len__(self) -> int:
        return len(STATUS_KEYS)


#: The mark colour per status key; other panels (the status timeline) colour their dots
#: with it.
STATUS_COLOURS: Mapping[str, str] = _StatusColours()


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status cell as a rounded label in the stylesheet's colours for the status."""

    PAD_X = 8

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
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
        text_colour, fill = badge_colours(str(key))
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(text_colour)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * self.PAD_X + 2)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), shown)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * self.PAD_X, max(size.height(), 24))
