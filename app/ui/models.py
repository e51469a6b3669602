"""Item models for *My requests*: the requester's tickets and what still waits in the outbox.

One table holds both, outbox items first, because a request that has not
reached the helpdesk yet is the one the user most needs to know about. The
model only holds plain data handed to it by :meth:`RequestsModel.set_rows`;
loading happens in a worker, so the table never waits on the network.
A proxy model (filters, search, sorting) can sit on top: :data:`SORT_ROLE`
gives every cell a value that sorts the way people expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.core.model import Status, Ticket
from app.core.outbox import Item, State

#: A value per cell that sorts naturally (numbers as numbers, times as timestamps).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The :class:`Ticket` or outbox :class:`Item` behind a row.
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    SUMMARY = 1
    STATUS = 2
    UPDATED = 3
    LAST_FROM = 4


_translate = QCoreApplication.translate


def status_label(status: Status) -> str:
    """The common status in the requester's words."""
    labels = {
        Status.NEW: _translate("RequestsModel", "New"),
        Status.OPEN: _translate("RequestsModel", "Open"),
        Status.WAITING: _translate("RequestsModel", "Waiting on you"),
        Status.RESOLVED: _translate("RequestsModel", "Resolved"),
        Status.CLOSED: _translate("RequestsModel", "Closed"),
        Status.UNKNOWN: _translate("RequestsModel", "Unknown"),
    }
    return labels[status]


def format_when(stamp: datetime | float) -> str:
    """A time in the user's locale and time zone, short form."""
    seconds = int(stamp.timestamp() if isinstance(stamp, datetime) else stamp)
    moment = QDateTime.fromSecsSinceEpoch(seconds)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


@dataclass(frozen=True)
class Row:
    """One line of the table: either a ticket or an outbox item, never both."""

    ticket: Ticket | None = None
    item: Item | None = None

    def cells(self) -> tuple[str, str, str, str, str]:
        if self.item is not None:
            item = self.item
            number = item.ticket_ref or _translate("RequestsModel", "Not sent yet")
            return (number, item.summary, item.describe(), format_when(item.created_at),
                    _translate("RequestsModel", "You"))
        assert self.ticket is not None
        t = self.ticket
        return (t.ref, t.subject, status_label(t.status), format_when(t.updated_at),
                t.last_author)

    def sort_key(self, column: Column) -> Any:
        if self.item is not None:
            keys: tuple[Any, ...] = ("", self.item.summary.lower(), self.item.state.value,
                                     self.item.created_at, "")
        else:
            assert self.ticket is not None
            t = self.ticket
            number: Any = int(t.id) if t.id.isdigit() else t.id
            keys = (number, t.subject.lower(), t.status.value, t.updated_at.timestamp(),
                    t.last_author.lower())
        return keys[column]


class RequestsModel(QAbstractTableModel):
    """Outbox items (not yet sent) followed by the requester's tickets."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RequestsModel", "Number"),
        QT_TRANSLATE_NOOP("RequestsModel", "Summary"),
        QT_TRANSLATE_NOOP("RequestsModel", "Status"),
        QT_TRANSLATE_NOOP("RequestsModel", "Last update"),
        QT_TRANSLATE_NOOP("RequestsModel", "Last reply from"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsModel")
        self._rows: list[Row] = []

    # -- filling ------------------------------------------------------------

    def set_rows(self, tickets: list[Ticket], items: list[Item]) -> None:
        """Replace everything; items already delivered as one of ``tickets`` are left out."""
        known = {t.client_ref for t in tickets if t.client_ref}
        waiting = [i for i in items if i.state is not State.SENT and i.client_ref not in known]
        self.beginResetModel()
        self._rows = [Row(item=i) for i in waiting] + [Row(ticket=t) for t in tickets]
        self.endResetModel()

    def set_items(self, items: list[Item]) -> None:
        """Refresh only the outbox part (after a background delivery pass)."""
        tickets = [r.ticket for r in self._rows if r.ticket is not None]
        self.set_rows(tickets, items)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- QAbstractTableModel --------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells()[column]
        if role == SORT_ROLE:
            return row.sort_key(column)
        if role == OBJECT_ROLE:
            return row.item if row.item is not None else row.ticket
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return _translate("RequestsModel", str(self.HEADERS[section]))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren
