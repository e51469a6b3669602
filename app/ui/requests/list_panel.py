"""The list half of *My requests*: status filter, search, and the table with badges.

Filtering and sorting are the model's (:class:`RequestsModel`), done on
Python lists, so a keystroke in the search box over 100,000 requests stays
instant; the panel only passes the user's choices on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Status
from app.ui.models import ALL, OPEN_ONLY, OUTBOX, Column, RequestsModel, Row
from app.ui.requests.badge import StatusBadgeDelegate
from app.ui.statuses import status_label


class ListPanel(QWidget):
    #: The selected row changed (a :class:`Row`, or None when nothing is selected).
    rowSelected = Signal(object)

    def __init__(self, model: RequestsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsListPanel")
        self.model = model
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Show requests with status"))
        for label, value in (
            (self.tr("All requests"), ALL),
            (self.tr("Not finished"), OPEN_ONLY),
            (status_label(Status.WAITING), Status.WAITING.value),
            (status_label(Status.NEW), Status.NEW.value),
            (status_label(Status.OPEN), Status.OPEN.value),
            (status_label(Status.RESOLVED), Status.RESOLVED.value),
            (status_label(Status.CLOSED), Status.CLOSED.value),
            (self.tr("Waiting to be sent"), OUTBOX),
        ):
            self.status_filter.addItem(label, value)
        filter_label = QLabel(self.tr("S&how:"), self)
        filter_label.setBuddy(self.status_filter)
        self.search = QLineEdit(self)
        self.search.setObjectName("requestsSearch")
        self.search.setAccessibleName(self.tr("Search your requests"))
        self.search.setPlaceholderText(self.tr("Search by number, summary or name"))
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):  # the clear button
            button.setAccessibleName(self.tr("Clear the search"))
        self.status_filter.view().setAccessibleName(self.tr("Statuses"))
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)

        self.table = QTableView(self)
        self.table.setObjectName("requestsTable")
        self.table.setAccessibleName(self.tr("Your requests"))
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(Column.STATUS, StatusBadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(False)  # the model sorts; the header only asks it to
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.NUMBER, self._number_width()),
            (Column.STATUS, 170),
            (Column.UPDATED, 140),
            (Column.LAST_FROM, 150),
        ):
            header.resizeSection(column, width)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().selectionChanged.connect(self._selection)

        row = QHBoxLayout()
        row.addWidget(filter_label)
        row.addWidget(self.status_filter)
        row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def _number_width(self) -> int:
        """Wide enough for what the number column can say: "Not sent yet" (in the user's
        language) and a long ticket number, with the cell's margins; measured once."""
        metrics = self.table.fontMetrics()
        texts = (
            QCoreApplication.translate("RequestsModel", "Not sent yet"),
            "#0000000",
            str(self.model.headerData(Column.NUMBER, Qt.Orientation.Horizontal) or ""),
        )
        return max(80, max(metrics.horizontalAdvance(t) for t in texts) + 24)

    def apply_filter(self) -> None:
        key = self.selected_key()
        self.model.set_filter(str(self.status_filter.currentData()), self.search.text())
        self.restore(key)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        key = self.selected_key()
        self.model.sort(column, order)
        self.restore(key)

    def restore(self, key: str) -> bool:
        """After the model was reset: select ``key`` again, or say nothing is selected."""
        if self.select_key(key):
            return True
        self.rowSelected.emit(None)
        return False

    def selected_row(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_key(self) -> str:
        row = self.selected_row()
        return row.key if row is not None else ""

    def select_key(self, key: str) -> bool:
        """Select the row with this key if it is shown; True if it was."""
        number = self.model.row_of(key) if key else -1
        if number < 0:
            return False
        self.table.selectRow(number)
        self.table.scrollTo(self.model.index(number, 0))
        return True

    def select_first(self) -> bool:
        """Select the first row shown, if there is one."""
        if not self.model.rowCount():
            return False
        self.table.selectRow(0)
        return True

    def top_key(self) -> str:
        """The key of the row at the top of the view: where the user has scrolled to."""
        row = self.model.row_at(self.table.indexAt(QPoint(0, 0)).row())
        return row.key if row is not None else ""

    def scroll_to_top(self, key: str) -> None:
        """Scroll so the row with this key is at the top again (after the model was reset)."""
        number = self.model.row_of(key) if key else -1
        if number >= 0:
            self.table.scrollTo(
                self.model.index(number, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def _selection(self, *_: object) -> None:
        self.rowSelected.emit(self.selected_row())
