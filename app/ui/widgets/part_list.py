"""Every attachment of the request, each with its size, what was hidden, and a tick.

Unticking a row leaves that part out of the request; the row stays listed (greyed) so it
can be put back. The list only reports the user's choice (``includedChanged``); the Review
page decides what that means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.ui.i18n import program_name
from app.ui.messages import file_size
from app.ui.plain import tip

ROW_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Row:
    """One part: ``key`` is ``("file", path)`` or ``("evidence", name)``."""

    name: str
    what: str
    size: int
    hidden: int
    included: bool
    key: tuple[str, str]
    content_type: str
    kind: str
    path: str | None = None


class PartList(QTreeWidget):
    includedChanged = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewAttachments")
        self.setAccessibleName(self.tr("Attachments that will be sent"))
        self.setAccessibleDescription(
            self.tr("Untick an attachment to leave it out. Press Enter to open it.")
        )
        self.setHeaderLabels(
            [self.tr("Attachment"), self.tr("What"), self.tr("Size"), self.tr("Hidden")]
        )
        self.setRootIsDecorated(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.headerItem().setToolTip(
            3,
            self.tr("How many passwords, keys or tokens {program} hid in it").format(
                program=program_name()
            ),
        )
        self.itemChanged.connect(self._on_item_changed)

    def fill(self, rows: Iterable[Row]) -> None:
        current = self.current_row()
        self.blockSignals(True)
        self.clear()
        for row in rows:
            size = file_size(row.size) if row.included else self.tr("left out")
            hidden = str(row.hidden) if row.hidden else ""
            item = QTreeWidgetItem([row.name, row.what, size, hidden])
            item.setData(0, ROW_ROLE, row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
            )
            item.setToolTip(0, tip(self.tr("Untick to leave {name} out").format(name=row.name)))
            for column in (2, 3):
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            if not row.included:
                for column in range(4):
                    item.setForeground(column, self.palette().placeholderText())
            self.addTopLevelItem(item)
            if current is not None and row.key == current.key:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def rows(self) -> list[Row]:
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item.data(0, ROW_ROLE) for item in items if item is not None]

    def current_row(self) -> Row | None:
        item = self.currentItem()
        return item.data(0, ROW_ROLE) if item is not None else None

    def set_included(self, name: str, included: bool) -> None:
        """Tick or untick the row called ``name``, as the user would."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.text(0) == name:
                item.setCheckState(
                    0, Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
                )
                return
        raise KeyError(name)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        row: Row = item.data(0, ROW_ROLE)
        included = item.checkState(0) == Qt.CheckState.Checked
        if included != row.included:
            self.includedChanged.emit(row.key, included)
