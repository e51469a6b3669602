"""*My requests*: the model holds up under qtmodeltester; the window lists and shows threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.backends.base import TemporaryError
from app.backends.local import LocalBackend
from app.core.config import Config, load
from app.core.model import Message, NewTicket, Priority, Requester, Ticket
from app.core.outbox import Item
from app.core.submission import Submission
from app.ui.delivery import DeliveryService
from app.ui.models import OBJECT_ROLE, SORT_ROLE, Column, RequestsModel
from app.ui.requests_window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here too
    _finish_background_work,
    session_runner,
)

ADA = Requester(name="Ada Lovelace", email="ada@example.org")


def new_ticket(ref: str, subject: str, body: str) -> NewTicket:
    return NewTicket(subject=subject, body=body, requester=ADA, client_ref=ref,
                     category="printer", priority=Priority.NORMAL)


@pytest.fixture
def root(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "helpline"
    path.mkdir()
    return path


@pytest.fixture
def config() -> Config:
    return load(env={})


@pytest.fixture
def filled(root: Path) -> LocalBackend:
    """Two local tickets, one with a supporter's answer, as a user would have them."""
    backend = LocalBackend(root)
    first = backend.create(new_ticket("ref-1", "VPN drops every hour",
                                      "The VPN disconnects every hour on the hour."))
    backend.add_agent_reply(first.id, "Sam from IT", "Which VPN client version do you use?")
    backend.create(new_ticket("ref-2", "Printer on floor 2 prints blank pages",
                              "Every page comes out blank."))
    return backend


@pytest.fixture
def window(qtbot: Any, config: Config, root: Path, filled: LocalBackend
           ) -> Iterator[RequestsWindow]:
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    submission.outbox.add_ticket(new_ticket("ref-waiting", "Cannot open the payroll share",
                                            "Access denied on \\\\files\\payroll."))
    runner = session_runner()
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    yield win
    runner.wait()


def cells(model: RequestsModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_model_passes_qtmodeltester(qtmodeltester: Any, config: Config, root: Path,
                                        filled: LocalBackend) -> None:
    submission = Submission(config, root=root)
    item = submission.outbox.add_ticket(new_ticket("ref-3", "Waiting one", "Body"))
    model = RequestsModel()
    qtmodeltester.check(model)
    model.set_rows(filled.list_mine(), [item])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    model.set_rows([], [])
    qtmodeltester.check(model)


def test_the_model_puts_waiting_items_first_and_drops_delivered_ones(
        config: Config, root: Path, filled: LocalBackend) -> None:
    submission = Submission(config, root=root)
    waiting = submission.outbox.add_ticket(new_ticket("ref-3", "Waiting one", "Body"))
    delivered_twin = submission.outbox.add_ticket(new_ticket("ref-1", "VPN drops", "Body"))
    model = RequestsModel()
    model.set_rows(filled.list_mine(), [waiting, delivered_twin])
    assert [model.index(r, Column.SUMMARY).data() for r in range(3)] == [
        "Waiting one", "Printer on floor 2 prints blank pages", "VPN drops every hour"]
    assert cells(model, 0)[Column.STATUS] == "Waiting to be sent."
    assert isinstance(model.index(0, 0).data(OBJECT_ROLE), Item)
    assert isinstance(model.index(1, 0).data(OBJECT_ROLE), Ticket)
    assert model.index(2, Column.NUMBER).data(SORT_ROLE) == 1
    vpn = cells(model, 2)
    assert vpn[Column.NUMBER] == "#1"
    assert vpn[Column.STATUS] == "Waiting on you"
    assert vpn[Column.LAST_FROM] == "Sam from IT"
    assert model.headerData(Column.UPDATED, Qt.Orientation.Horizontal) == "Last update"


def test_the_window_lists_tickets_and_outbox_items(window: RequestsWindow) -> None:
    model = window.model
    assert model.rowCount() == 3
    first = cells(model, 0)
    assert first[Column.NUMBER] == "Not sent yet"
    assert first[Column.SUMMARY] == "Cannot open the payroll share"
    assert first[Column.STATUS] == "Waiting to be sent."
    summaries = {cells(model, r)[Column.SUMMARY] for r in range(1, 3)}
    assert summaries == {"VPN drops every hour", "Printer on floor 2 prints blank pages"}
    assert "2 requests." in window.status_line.text()
    assert "1 waiting to be sent." in window.status_line.text()
    assert "kept on this computer" in window.note.text()


def test_selecting_a_ticket_shows_its_messages(qtbot: Any, window: RequestsWindow) -> None:
    row = next(r for r in range(window.model.rowCount())
               if cells(window.model, r)[Column.SUMMARY] == "VPN drops every hour")
    window.table.setFocus()
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: "Which VPN client" in window.thread_view.toPlainText(),
                    timeout=10000)
    text = window.thread_view.toPlainText()
    assert "The VPN disconnects every hour on the hour." in text
    assert text.index("disconnects every hour") < text.index("Which VPN client")
    assert "Sam from IT" in text and "Ada Lovelace" in text
    window.table.selectRow(0)  # the outbox item: its state and body, no backend call
    assert "Waiting to be sent." in window.thread_view.toPlainText()
    assert "Access denied" in window.thread_view.toPlainText()


def test_refresh_with_f5_shows_refreshing_then_new_tickets(qtbot: Any, window: RequestsWindow,
                                                           filled: LocalBackend) -> None:
    filled.create(new_ticket("ref-4", "New laptop request", "Body"))
    with qtbot.waitActive(window):
        window.activateWindow()
    [action] = [a for a in window.actions() if a.objectName() == "refreshAction"]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.status_line.text() == "Refreshing…"
    assert not window.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: not window.loading, timeout=10000)
    assert window.model.rowCount() == 4
    assert window.refresh_button.isEnabled()


class DownBackend(LocalBackend):
    def list_mine(self, since: Any = None) -> list[Ticket]:
        raise TemporaryError("offline")

    def messages(self, ticket_id: str) -> list[Message]:
        raise TemporaryError("offline")


def test_an_unreachable_helpdesk_still_shows_what_waits(qtbot: Any, config: Config,
                                                       root: Path) -> None:
    submission = Submission(config, root=root, backend_factory=lambda _c: DownBackend(root))
    submission.outbox.add_ticket(new_ticket("ref-w", "Still waiting", "Body"))
    win = RequestsWindow(config, InlineRunner(), submission)
    qtbot.addWidget(win)
    assert "could not be refreshed" in win.status_line.text()
    assert "cannot be reached right now" in win.status_line.text()
    assert [cells(win.model, r)[Column.SUMMARY] for r in range(win.model.rowCount())] == [
        "Still waiting"]


# -- background delivery --------------------------------------------------------------


class CountingBackend(LocalBackend):
    def __init__(self, root: Path, fail: bool) -> None:
        super().__init__(root)
        self.fail = fail
        self.creates = 0

    def create(self, ticket: NewTicket) -> Ticket:
        self.creates += 1
        if self.fail:
            raise TemporaryError("offline")
        return super().create(ticket)


def test_delivery_service_sends_what_waits_and_reports_the_count(qtbot: Any, config: Config,
                                                                 root: Path) -> None:
    config.values["outbox.retry_seconds"] = 0.001  # due again at once after a failure
    backend = CountingBackend(root, fail=True)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    submission.outbox.add_ticket(new_ticket("ref-a", "First", "Body"))
    submission.outbox.add_ticket(new_ticket("ref-b", "Second", "Body"))
    runner = session_runner()
    service = DeliveryService(submission, runner, interval_seconds=3600)
    with qtbot.waitSignal(service.pendingChanged, timeout=10000) as first:
        service.start()  # the first pass runs at once, not after an interval
    assert first.args == [2]  # offline: both still wait
    assert backend.creates == 2
    backend.fail = False
    with qtbot.waitSignal(service.pendingChanged, timeout=10000) as second:
        assert service.run_now()
    assert second.args == [0]
    assert backend.creates == 4
    assert {t.subject for t in LocalBackend(root).list_mine()} == {"First", "Second"}
    service.stop()
    runner.wait()


def test_delivery_service_never_runs_two_passes_at_once(qtbot: Any, config: Config,
                                                        root: Path) -> None:
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    runner = session_runner()
    service = DeliveryService(submission, runner)
    assert service.run_now()
    assert not service.run_now()  # the first pass has not reported back yet
    qtbot.waitUntil(lambda: not service.running, timeout=10000)
    assert service.pending == 0
    runner.wait()


def test_the_window_follows_background_delivery(qtbot: Any, config: Config, root: Path) -> None:
    backend = CountingBackend(root, fail=True)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    submission.outbox.add_ticket(new_ticket("ref-late", "Sent later", "Body"))
    runner = session_runner()
    service = DeliveryService(submission, runner, interval_seconds=3600)
    win = RequestsWindow(config, runner, submission, delivery=service)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    assert cells(win.model, 0)[Column.NUMBER] == "Not sent yet"
    with qtbot.waitSignal(service.passFinished, timeout=10000):
        service.run_now()  # offline: still waiting, now with the reason
    qtbot.waitUntil(lambda: "Not sent yet:" in cells(win.model, 0)[Column.STATUS],
                    timeout=10000)
    backend.fail = False
    for item in submission.outbox.items():
        submission.outbox.deliver(item.client_ref, backend, force=True)
    service.passFinished.emit()
    qtbot.waitUntil(lambda: win.model.rowCount() == 1
                    and cells(win.model, 0)[Column.NUMBER] == "#1", timeout=10000)
    runner.wait()


def test_every_control_of_the_window_has_an_accessible_name(window: RequestsWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTextEdit, QWidget

    controls = [w for w in window.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QAbstractItemView | QTextEdit)
                and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert {w.objectName() for w in controls} >= {"refreshButton", "requestsTable",
                                                  "threadView"}
    for widget in controls:
        assert widget.accessibleName(), f"{widget.objectName()} has no accessible name"
