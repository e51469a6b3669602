"""The log files a category attaches, each with its size and a tick to leave it out.

A log that could not be read is listed too, with the reason and no tick: the user (and,
in the request, support) should know what is missing and why.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.collectors.logs import LogFile
from app.collectors.outgoing import TextPart
from app.ui.messages import file_size
from app.ui.plain import tip

NAME_ROLE = Qt.ItemDataRole.UserRole


class LogList(QTreeWidget):
    """Rows of logs; unticking one emits ``includedChanged(name, False)``."""

    includedChanged = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logsList")
        self.setAccessibleName(self.tr("Log files sent with your request"))
        self.setAccessibleDescription(self.tr("Untick a log to leave it out."))
        self.setHeaderLabels([self.tr("Log file"), self.tr("Size"), self.tr("From")])
        self.setRootIsDecorated(False)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._on_item_changed)

    def fill(self, logs: Iterable[LogFile], parts: Iterable[TextPart], excluded: set[str]) -> None:
        sizes = {p.name: len(p.data()) for p in parts}
        self.blockSignals(True)
        self.clear()
        for log in logs:
            if log.ok:
                size = file_size(sizes.get(log.name, len(log.text.encode("utf-8"))))
                where = log.path + (self.tr(" (only its end)") if log.truncated else "")
            else:
                size, where = "—", f"{log.path}: {log.error}"
            item = QTreeWidgetItem([log.name, size, where])
            item.setToolTip(2, tip(where))
            item.setData(0, NAME_ROLE, log.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if log.ok:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    0, Qt.CheckState.Unchecked if log.name in excluded else Qt.CheckState.Checked
                )
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(item)
        self.blockSignals(False)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0 and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            self.includedChanged.emit(
                str(item.data(0, NAME_ROLE)), item.checkState(0) == Qt.CheckState.Checked
            )
