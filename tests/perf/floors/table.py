"""Floor: a bare QTableView over a plain QAbstractTableModel holding N rows of five strings.

The rows are made before the clock starts (as Helpline's are: they come from a
cache); the figure runs from creating the model to the first frame of the view's
viewport, flushed: model -> setModel -> resize -> show -> first Paint -> zero timer.
Prints ``{"ms": N}``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from tests.perf.rows import raw_rows

HEADERS = ("Number", "Summary", "Status", "Last update", "Last reply from")


class Model(QAbstractTableModel):
    def __init__(self, rows: Sequence[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False


def done() -> None:
    print(json.dumps({"ms": round((time.perf_counter() - STARTED) * 1000, 2)}), flush=True)
    QApplication.quit()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv[:1])
    rows = [(i, s, st, u.strftime("%d/%m/%Y %H:%M"), a) for i, s, st, u, a in raw_rows(count)]
    STARTED = time.perf_counter()
    view = QTableView()
    view.setModel(Model(rows))
    view.resize(900, 620)
    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    view.show()
    sys.exit(app.exec())
