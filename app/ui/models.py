"""Item models for *My requests*: the requester's tickets and what still waits in the outbox.

One table holds both, outbox items first, because a request that has not
reached the helpdesk yet is the one the user most needs to know about, then
"Waiting on you", then the rest by last update. Filtering and sorting happen
here, on plain Python lists of row numbers: a QSortFilterProxyModel over a
Python model calls back into Python per comparison and takes ~25 s to sort
100,000 rows (shared/reference/performance-floors.md §6), while ``list.sort``
with precomputed keys takes well under a second and a filter keystroke is
one pass of ``in`` over precomputed lower-case text.

A ticket row is the cache's :class:`~app.core.cache.TicketRow`, listed already in the default
order, so filling the model sorts nothing and makes no :class:`Ticket`; the
list may first hold only its first screenful (:attr:`RequestsModel.complete`
is then False) and the rest is added below it.
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
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.core.cache import URGENCY, TicketRow, stored_row, ticket_from_row
from app.core.model import Status, Ticket
from app.core.outbox import Item, State
from app.ui import i18n
from app.ui.plain import tip
from app.ui.statuses import status_label

#: A value per cell that sorts naturally (numbers as numbers, times as timestamps).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The :class:`Ticket` or outbox :class:`Item` behind a row.
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The common :class:`Status` value of a ticket row ("outbox" for an item), for the badge.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
#: Status filter values besides the common statuses.
ALL, OPEN_ONLY, OUTBOX = "all", "open-any", "outbox"
_OPEN_KEYS = frozenset(
    {OUTBOX, Status.NEW.value, Status.OPEN.value, Status.WAITING.value, Status.UNKNOWN.value}
)
_STATUSES = {s.value: s for s in Status}
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        int(Qt.ItemDataRole.TextAlignmentRole),
        SORT_ROLE,
        OBJECT_ROLE,
        STATUS_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RANK = {s.value: n for s, n in URGENCY.items()}


class Column(IntEnum):
    NUMBER = 0
    SUMMARY = 1
    STATUS = 2
    UPDATED = 3
    LAST_FROM = 4


_translate = QCoreApplication.translate


def format_when(stamp: datetime | float) -> str:
    """A time in the user's locale and time zone, short form."""
    seconds = int(stamp.timestamp() if isinstance(stamp, datetime) else stamp)
    moment = QDateTime.fromSecsSinceEpoch(seconds)
    return i18n.date_time(moment)


class Row:
    """One line of the table: either a ticket (its stored row) or an outbox item.

    A ticket row is the cache's :class:`~app.core.cache.TicketRow`; the full
    :class:`Ticket` is made from it only when asked for (the selected row), because
    100,000 rows are read on every start. A plain slotted class for the same reason.
    """

    __slots__ = ("_cells", "_ticket", "item", "values")

    def __init__(
        self,
        values: TicketRow | None = None,
        item: Item | None = None,
        ticket: Ticket | None = None,
    ) -> None:
        self.values = values if values is not None or ticket is None else stored_row(ticket)
        self.item = item
        self._ticket = ticket
        self._cells: tuple[str, str, str, str, str] | None = None

    @property
    def ticket(self) -> Ticket | None:
        """The full ticket behind a ticket row, decoded on first use."""
        if self._ticket is None and self.values is not None:
            self._ticket = ticket_from_row(self.values)
        return self._ticket

    @property
    def key(self) -> str:
        """Stable across refreshes: what the window reselects after the list changes."""
        if self.item is not None:
            return "item:" + self.item.client_ref
        return "ticket:" + self.values.id  # type: ignore[union-attr]

    @property
    def status_key(self) -> str:
        return OUTBOX if self.item is not None else self.values.status  # type: ignore

    def cells(self) -> tuple[str, str, str, str, str]:
        """The row's texts, made once when first painted (a paint asks for each cell)."""
        if self._cells is None:
            self._cells = self._make_cells()
        return self._cells

    def _make_cells(self) -> tuple[str, str, str, str, str]:
        if self.item is not None:
            item = self.item
            if item.kind == "reply":  # a message to one of the requests, not one of its own
                number = _translate("RequestsModel", "For #{id}").format(id=item.target.lstrip("#"))
            else:
                number = item.ticket_ref or _translate("RequestsModel", "Not sent yet")
            from app.ui import messages  # (only rows waiting in the outbox need it)

            return (
                number,
                item.summary,
                messages.outbox_badge(item),
                format_when(item.created_at),
                _translate("RequestsModel", "You"),
            )
        v = self.values
        assert v is not None
        return (
            v.ref,
            v.subject,
            status_label(_STATUSES.get(v.status, Status.UNKNOWN)),
            format_when(v.updated_at),
            v.last_author,
        )

    def sort_key(self, column: Column, labels: dict[str, str] | None = None) -> Any:
        """A value that sorts naturally for ``column``; outbox items before tickets."""
        item, v = self.item, self.values
        if column == Column.NUMBER:
            if item is not None:
                return (0, "")
            assert v is not None
            key = v.id
            return (1, f"{int(key):020d}") if key.isdigit() else (1, key)
        if column == Column.SUMMARY:
            return (item.summary if item is not None else v.subject).lower()  # type: ignore
        if column == Column.STATUS:
            if item is not None:
                return ""
            status = v.status  # type: ignore[union-attr]
            return (labels or {}).get(status) or status_label(
                _STATUSES.get(status, Status.UNKNOWN)
            ).lower()
        if column == Column.UPDATED:
            return item.created_at if item is not None else v.updated_at  # type: ignore
        return "" if item is not None else v.last_author.lower()  # type: ignore[union-attr]

    def default_key(self) -> float:
        """Outbox first, then "Waiting on you", open, resolved, closed; newest first in each.

        One float (group * 1e12 minus the time) sorts far faster than a tuple per row; the
        cache lists rows in the same order (:data:`app.core.cache.URGENCY`).
        """
        if self.item is not None:
            return -self.item.created_at
        v = self.values
        assert v is not None
        return (1 + _RANK.get(v.status, 1)) * 1e12 - v.updated_at


def _haystack(values: TicketRow) -> str:
    return (f"{values.ref}\n{values.subject}\n{values.last_author}\n{values.raw_status}").casefold()


def _item_haystack(row: Row) -> str:
    item = row.item
    assert item is not None
    return f"{item.summary}\n{item.ticket_ref}".casefold()


class Prepared:
    """Rows with their search text and default order, made off the GUI thread.

    Building 100,000 rows and their lower-case search keys takes a large part of a
    second; :func:`prepare` does it on a worker so the GUI thread only swaps the lists
    in (:meth:`RequestsModel.set_prepared`). ``items`` rows (the outbox) come first;
    ``total`` is how many tickets there are in all, more than the rows while only
    the first screenful has been read.
    """

    __slots__ = ("hay", "items", "order", "rows", "total")

    def __init__(
        self,
        rows: list[Row],
        hay: list[str],
        order: list[int],
        items: int = 0,
        total: int | None = None,
    ) -> None:
        self.rows, self.hay, self.order, self.items = rows, hay, order, items
        self.total = len(rows) - items if total is None else total

    @property
    def complete(self) -> bool:
        return len(self.rows) - self.items >= self.total

    def with_items(self, items: list[Item]) -> Prepared:
        """The same tickets with another outbox: nothing decoded or searched again."""
        tickets = self.rows[self.items :]
        known = {ref for r in tickets if (ref := r.values.client_ref)}  # type: ignore
        fresh = _waiting_rows(items, known)
        fresh.sort(key=Row.default_key)
        shift = len(fresh) - self.items
        order = list(range(len(fresh))) + [i + shift for i in self.order if i >= self.items]
        hay = [_item_haystack(r) for r in fresh] + self.hay[self.items :]
        return Prepared(fresh + tickets, hay, order, len(fresh), self.total)


def _waiting_rows(items: list[Item], known: set[str]) -> list[Row]:
    """Outbox items not yet sent and not already delivered as one of the listed tickets."""
    return [Row(item=i) for i in items if i.state is not State.SENT and i.client_ref not in known]


def prepare(
    values: list[TicketRow], items: list[Item], ordered: bool = False, total: int | None = None
) -> Prepared:
    """The model's rows for stored ticket rows and outbox items; Qt-free, safe on a worker.

    ``ordered``: the rows come in the default order already (the cache lists them so),
    so only the few outbox items are sorted.
    """
    waiting = _waiting_rows(items, {v.client_ref for v in values if v.client_ref})
    waiting.sort(key=Row.default_key)
    rows = waiting + [Row(v) for v in values]
    hay = [_item_haystack(r) for r in waiting] + list(map(_haystack, values))
    if ordered:
        order = list(range(len(rows)))
    else:
        keys = [r.default_key() for r in rows]
        order = sorted(range(len(rows)), key=keys.__getitem__)
    return Prepared(rows, hay, order, len(waiting), len(values) if total is None else total)


def prepare_rows(tickets: list[Ticket], items: list[Item]) -> Prepared:
    """:func:`prepare` for tickets in any order (a helpdesk's answer, tests)."""
    return prepare([stored_row(t) for t in tickets], items)


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
        self._prepared = Prepared([], [], [])
        self._rows: list[Row] = []  # everything: outbox items, then tickets
        self._hay: list[str] = []  # per row: lower-case searchable text
        self._order: list[int] = []  # all rows in the current sort order
        self._view: list[int] = []  # the rows shown: _order filtered
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: the default order
        self._status = ALL
        self._text = ""

    # -- filling ------------------------------------------------------------

    def set_rows(self, tickets: list[Ticket], items: list[Item]) -> None:
        """Replace everything; items already delivered as one of ``tickets`` are left out."""
        self.set_prepared(prepare_rows(tickets, items))

    def set_prepared(self, prepared: Prepared) -> bool:
        """Replace everything with rows made by :func:`prepare` (on a worker).

        When the rows shown so far are still the first rows shown afterwards (the rest of
        the list arriving after its first screenful), the new ones are inserted after
        them instead of resetting the model: the view keeps its selection and scroll
        position. Returns True when that was the case.
        """
        order = prepared.order if self._sort is None else self._sorted(prepared.rows)
        view = self._filtered_by(self._status, self._text, prepared.rows, prepared.hay, order)
        old = self._view
        kept = (
            0 < len(old) <= len(view)
            and not self.complete
            and all(
                self._rows[i].key == prepared.rows[j].key
                and self._rows[i].values == prepared.rows[j].values
                for i, j in zip(old, view, strict=False)
            )
        )
        if kept:
            if len(view) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(view) - 1)
            self._take(prepared, order, view)
            if len(view) > len(old):
                self.endInsertRows()
            return True
        self.beginResetModel()
        self._take(prepared, order, view)
        self.endResetModel()
        return False

    def _take(self, prepared: Prepared, order: list[int], view: list[int]) -> None:
        self._prepared = prepared
        self._rows, self._hay, self._order, self._view = prepared.rows, prepared.hay, order, view

    @property
    def prepared(self) -> Prepared:
        """The rows as last set, in the default order (to swap only the outbox part)."""
        return self._prepared

    @property
    def complete(self) -> bool:
        """False while only the first screenful of a longer list has been read."""
        return self._prepared.complete

    @property
    def ticket_total(self) -> int:
        """How many tickets there are, counted by the cache even before all are read."""
        return self._prepared.total

    @property
    def waiting_total(self) -> int:
        """How many outbox items are listed."""
        return self._prepared.items

    @property
    def sent_by_itself_total(self) -> int:
        """How many of the listed outbox items the outbox will send by itself (the rest
        wait for the person: a refusal, a sign-in)."""
        from app.services.sender import waits_to_be_sent

        rows = self._prepared.rows[: self._prepared.items]
        return sum(1 for row in rows if row.item is not None and waits_to_be_sent(row.item))

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
        """The rows held (outbox items and the tickets read so far), shown or not."""
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
        self._order = self._prepared.order if self._sort is None else self._sorted(self._rows)
        self._view = self._filtered()
        self.endResetModel()

    def _sorted(self, rows: list[Row]) -> list[int]:
        assert self._sort is not None
        column, order = self._sort
        col = Column(column)
        labels = {status.value: status_label(status).lower() for status in Status}
        sort_keys = [r.sort_key(col, labels) for r in rows]
        return sorted(
            range(len(rows)),
            key=sort_keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _filtered(self) -> list[int]:
        return self._filtered_by(self._status, self._text)

    def _filtered_by(
        self,
        status: str,
        text: str,
        rows: list[Row] | None = None,
        hay: list[str] | None = None,
        order: list[int] | None = None,
    ) -> list[int]:
        rows = self._rows if rows is None else rows
        hay = self._hay if hay is None else hay
        indices = self._order if order is None else order
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
        # A paint asks each cell for a dozen roles; most are not ours, so they leave first.
        if role not in _ROLES or not index.isValid() or index.row() >= len(self._view):
            return None
        row = self._rows[self._view[index.row()]]
        column = index.column()
        if role == _DISPLAY:
            return row.cells()[column]
        if role == _TOOLTIP:
            raw = row.values.raw_status if row.values is not None else ""
            if column == Column.STATUS and raw:
                return tip(
                    _translate("RequestsModel", "The helpdesk calls this: {raw}").format(raw=raw)
                )
            if column == Column.STATUS and row.item is not None:  # the badge's whole sentence
                from app.ui import messages

                return tip(messages.outbox_state(row.item))
            return tip(row.cells()[column])
        if role == SORT_ROLE:
            return row.sort_key(Column(column))
        if role == OBJECT_ROLE:
            return row.item if row.item is not None else row.ticket
        if role == STATUS_ROLE:
            return row.status_key
        if column == Column.NUMBER:  # the text alignment
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _translate("RequestsModel", str(self.HEADERS[section]))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
