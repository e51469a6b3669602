"""Helpline side of the My-requests figure: N cached tickets loaded and painted; a keystroke.

The tickets are made before the clock starts and written to the ticket cache
(``app.core.cache``, when the checkout has it) in the data folder the window
reads; a stub helpdesk answers every poll with the same tickets (nothing
changed). The window gets the real Submission, outbox and TaskRunner.
The clock runs from creating ``RequestsWindow`` to the first frame of the
table's viewport with all N rows in the model, flushed.
When the window has a filter box (a QLineEdit named like ``*filter*`` or
``*search*``), one keystroke is timed until the table shows the new row count
and has painted it; otherwise ``filter_ms`` is left out.
Prints ``{"ms": N, "filter_ms": N?}``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from app.backends.base import Capabilities
from app.core.config import load
from app.core.model import Status, Ticket
from app.core.submission import Submission
from app.ui.requests_window import RequestsWindow
from app.ui.tasks import TaskRunner
from tests.perf.rows import raw_rows

TIMEOUT_MS = 60000


class CachedHelpdesk:
    """Answers list_mine at once with the tickets it was given, as a warm cache would."""

    name = "bench"
    description = ""

    def __init__(self, tickets: list[Ticket]) -> None:
        self.tickets = tickets

    def list_mine(self, since: Any = None) -> list[Ticket]:
        return self.tickets

    def capabilities(self) -> Capabilities:
        return Capabilities()

    def messages(self, ticket_id: str) -> list[Any]:
        return []

    def __getattr__(self, name: str) -> Any:  # any other call the window may add
        return lambda *args, **kwargs: []


class PaintWatch(QObject):
    """Calls ``then`` after the first viewport paint for which ``ready()`` holds."""

    def __init__(self, widget: QObject, ready: Any, then: Any) -> None:
        super().__init__(widget)
        self.ready, self.then = ready, then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def filter_box(window: RequestsWindow) -> QLineEdit | None:
    for edit in window.findChildren(QLineEdit):
        name = edit.objectName().lower()
        if ("filter" in name or "search" in name) and edit.isVisible():
            return edit
    return None


def main(count: int) -> int:
    config = load()
    app = QApplication(sys.argv[:1])
    runner = TaskRunner(app)
    tickets = [Ticket(id=i, subject=s, status=Status(st), created_at=u, updated_at=u,
                      raw_status=st, display_ref=f"HL-{i}", last_author=a)
               for i, s, st, u, a in raw_rows(count)]
    helpdesk = CachedHelpdesk(tickets)
    root = Path(tempfile.mkdtemp(prefix="helpline-bench-"))
    try:
        from app.core.cache import TicketCache
    except ImportError:  # before issue 5: the window asks the helpdesk only
        pass
    else:
        TicketCache(root).save_tickets(tickets, complete=True)
    submission = Submission(config, root=root, backend_factory=lambda _c: helpdesk)  # type: ignore[arg-type,return-value]
    result: dict[str, float] = {}

    started = time.perf_counter()
    window = RequestsWindow(config, runner, submission)
    table = window.table
    PaintWatch(table.viewport(), lambda: table.model().rowCount() >= count,
               lambda: loaded(window))
    window.show()

    def loaded(window: RequestsWindow) -> None:
        result["ms"] = round((time.perf_counter() - started) * 1000, 2)
        edit = filter_box(window)
        if edit is None:
            app.quit()
            return
        before = table.model().rowCount()
        pressed = time.perf_counter()

        def painted() -> None:
            result["filter_ms"] = round((time.perf_counter() - pressed) * 1000, 2)
            app.quit()

        PaintWatch(table.viewport(), lambda: table.model().rowCount() != before, painted)
        edit.setFocus()
        from PySide6.QtTest import QTest

        QTest.keyClick(edit, Qt.Key.Key_V)  # "v": only "VPN drops every hour" tickets

    QTimer.singleShot(TIMEOUT_MS, app.quit)
    app.exec()
    print(json.dumps({**result, "rows": count, "filter": "filter_ms" in result}), flush=True)
    # The window's own refresh may still be busy on a worker; the figures are taken, and
    # waiting for it would only make the run longer.
    os._exit(0 if "ms" in result else 1)

if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
