"""Item models for *My requests*: the requester's tickets and what still waits in the outbox.

One table holds both, outbox items first, because a request that has not
reached the helpdesk yet is the one the user most needs to know about, then
"Waiting on you", then the rest by last update. Filtering and sorting happen
here, on plain Python lists of row numbers: a QSortFilterProxyModel over a
Python model calls back into Python per comparison and takes ~25 s to sort
100,000 rows (shared/reference/performance-floors.md §6), while ``list.sort``
with precomputed keys takes well under a second and a filter keystroke is
one pass of ``in`` over precomputed lower-case text.
"""

from __future__ import annotations

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
#: The common :class:`Status` value of a ticket row ("outbox" for an item), for the badge.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
#: Status filter values besides the common statuses.
ALL, OPEN_ONLY, OUTBOX = "all", "open-any", "outbox"
_OPEN_KEYS = frozenset({OUTBOX, Status.NEW.value, Status.OPEN.value, Status.WAITING.value,
                        Status.UNKNOWN.value})


class Column(IntEnum):
    NUMBER = 0
    SUMMARY = 1
    STATUS = 2
    UPDATED = 3
    LAST_FROM = 4


_translate = QCoreApplication.translate
#: Order of the default view: what needs the user first.
_URGENCY = {Status.WAITING: 0, Status.NEW: 1, Status.OPEN: 1, Status.UNKNOWN: 1,
            Status.RESOLVED: 2, Status.CLOSED: 3}


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


class Row:
    """One line of the table: either a ticket or an outbox item, never both.

    A plain slotted class: 100,000 of them are made on every refresh.
    """

    __slots__ = ("_cells", "item", "ticket")

    def __init__(self, ticket: Ticket | None = None, item: Item | None = None) -> None:
        self.ticket = ticket
        self.item = item
        self._cells: tuple[str, str, str, str, str] | None = None

    @property
    def key(self) -> str:
        """Stable across refreshes: what the window reselects after the list changes."""
        if self.item is not None:
            return "item:" + self.item.client_ref
        assert self.ticket is not None
        return "ticket:" + self.ticket.id

    @property
    def status_key(self) -> str:
        return OUTBOX if self.item is not None else self.ticket.status.value  # type: ignore

    def cells(self) -> tuple[str, str, str, str, str]:
        """The row's texts, made once when first painted (a paint asks for each cell)."""
        if self._cells is None:
            self._cells = self._make_cells()
        return self._cells

    def _make_cells(self) -> tuple[str, str, str, str, str]:
        if self.item is not None:
            item = self.item
            number = item.ticket_ref or _translate("RequestsModel", "Not sent yet")
            return (number, item.summary, item.describe(), format_when(item.created_at),
                    _translate("RequestsModel", "You"))
        assert self.ticket is not None
        t = self.ticket
        return (t.ref, t.subject, status_label(t.status), format_when(t.updated_at),
                t.last_author)

    def sort_key(self, column: Column, labels: dict[Status, str] | None = None) -> Any:
        """A value that sorts naturally for ``column``; outbox items before tickets."""
        item, t = self.item, self.ticket
        if column == Column.NUMBER:
            if item is not None:
                return (0, "")
            assert t is not None
            return (1, f"{int(t.id):020d}") if t.id.isdigit() else (1, t.id)
        if column == Column.SUMMARY:
            return (item.summary if item is not None else t.subject).lower()  # type: ignore
        if column == Column.STATUS:
            if item is not None:
                return ""
            return (labels or {}).get(t.status) or status_label(t.status).lower()  # type: ignore
        if column == Column.UPDATED:
            return item.created_at if item is not None else t.updated_at.timestamp()  # type: ignore
        return "" if item is not None else t.last_author.lower()  # type: ignore[union-attr]

    def default_key(self) -> float:
        """Outbox first, then "Waiting on you", open, resolved, closed; newest first in each.

        One float (group * 1e12 minus the time) sorts far faster than a tuple per row.
        """
        if self.item is not None:
            return -self.item.created_at
        assert self.ticket is not None
        return (1 + _URGENCY[self.ticket.status]) * 1e12 - self.ticket.updated_at.timestamp()

    def haystack(self) -> str:
        if self.item is not None:
            return f"{self.item.summary}\n{self.item.ticket_ref}".casefold()
        assert self.ticket is not None
        t = self.ticket
        return f"{t.ref}\n{t.subject}\n{t.last_author}\n{t.raw_status}".casefold()


class Prepared:
    """Rows with their search text and default order, made off the GUI thread.

    Building 100,000 rows, their lower-case search keys and the default order takes
    a large part of a second; :func:`prepare_rows` does it on a worker so the GUI
    thread only swaps the lists in (:meth:`RequestsModel.set_prepared`).
    """

    __slots__ = ("hay", "order", "rows")

    def __init__(self, rows: list[Row], hay: list[str], order: list[int]) -> None:
        self.rows, self.hay, self.order = rows, hay, order


def prepare_rows(tickets: list[Ticket], items: list[Item]) -> Prepared:
    """The model's rows for ``tickets`` and ``items``; Qt-free work, safe on a worker.

    Items already delivered as one of ``tickets`` are left out.
    """
    known = {t.client_ref for t in tickets if t.client_ref}
    waiting = [i for i in items if i.state is not State.SENT and i.client_ref not in known]
    rows = [Row(item=i) for i in waiting] + [Row(ticket=t) for t in tickets]
    keys = [r.default_key() for r in rows]
    return Prepared(rows, [r.haystack() for r in rows],
                    sorted(range(len(rows)), key=keys.__getitem__))


class RequestsModel(QAbstractTableModel):
    """Outbox items (not yet sent) and the requester's tickets, filtered and sorted in place."""

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
        self._rows: list[Row] = []       # everything, in arrival order
        self._hay: list[str] = []        # per row: lower-case searchable text
        self._order: list[int] = []      # all rows in the current sort order
        self._view: list[int] = []       # the rows shown: _order filtered
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: the default order
        self._status = ALL
        self._text = ""

    # -- filling ------------------------------------------------------------

    def set_rows(self, tickets: list[Ticket], items: list[Item]) -> None:
        """Replace everything; items already delivered as one of ``tickets`` are left out."""
        self.set_prepared(prepare_rows(tickets, items))

    def set_prepared(self, prepared: Prepared) -> None:
        """Replace everything with rows made by :func:`prepare_rows` (on a worker)."""
        self.beginResetModel()
        self._rows, self._hay = prepared.rows, prepared.hay
        self._order = prepared.order if self._sort is None else self._sorted()
        self._view = self._filtered()
        self.endResetModel()

    def set_items(self, items: list[Item]) -> None:
        """Refresh only the outbox part (after a background delivery pass)."""
        self.set_rows(self.tickets(), items)

    def tickets(self) -> list[Ticket]:
        return [r.ticket for r in self._rows if r.ticket is not None]

    def row_at(self, row: int) -> Row | None:
        return self._rows[self._view[row]] if 0 <= row < len(self._view) else None

    def row_of(self, key: str) -> int:
        """The visible row number of the row with this key, or -1."""
        for visible, index in enumerate(self._view):
            if self._rows[index].key == key:
                return visible
        return -1

    @property
    def total(self) -> int:
        return len(self._rows)

    # -- filtering and sorting ----------------------------------------------

    def set_filter(self, status: str = ALL, text: str = "") -> None:
        """Show rows of ``status`` (a Status value, ALL, OPEN_ONLY, OUTBOX) holding ``text``."""
        text = text.strip().casefold()
        if (status, text) == (self._status, self._text):
            return
        narrower = status == self._status and text.startswith(self._text)
        self.beginResetModel()
        if narrower:  # typing on: only the rows shown now can still match
            hay = self._hay
            self._view = [i for i in self._view if text in hay[i]]
        else:
            self._view = self._filtered_by(status, text)
        self._status, self._text = status, text
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; a column of -1 goes back to the default order."""
        self.beginResetModel()
        self._sort = None if column < 0 else (column, order)
        self._order = self._sorted()
        self._view = self._filtered()
        self.endResetModel()

    def _sorted(self) -> list[int]:
        rows = self._rows
        if self._sort is None:
            keys = [r.default_key() for r in rows]
            return sorted(range(len(rows)), key=keys.__getitem__)
        column, order = self._sort
        col = Column(column)
        labels = {status: status_label(status).lower() for status in Status}
        sort_keys = [r.sort_key(col, labels) for r in rows]
        return sorted(range(len(rows)), key=sort_keys.__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def _filtered(self) -> list[int]:
        return self._filtered_by(self._status, self._text)

    def _filtered_by(self, status: str, text: str) -> list[int]:
        rows, hay = self._rows, self._hay
        indices = self._order
        if status == OPEN_ONLY:
            indices = [i for i in indices if rows[i].status_key in _OPEN_KEYS]
        elif status != ALL:
            indices = [i for i in indices if rows[i].status_key == status]
        if text:
            indices = [i for i in indices if text in hay[i]]
        return list(indices)

    # -- QAbstractTableModel --------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._view):
            return None
        row = self._rows[self._view[index.row()]]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells()[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.STATUS and row.ticket is not None and row.ticket.raw_status:
                return _translate("RequestsModel", "The helpdesk calls this: {raw}").format(
                    raw=row.ticket.raw_status)
            return row.cells()[column]
        if role == SORT_ROLE:
            return row.sort_key(column)
        if role == OBJECT_ROLE:
            return row.item if row.item is not None else row.ticket
        if role == STATUS_ROLE:
            return row.status_key
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
