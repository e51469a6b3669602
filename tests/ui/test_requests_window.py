"""*My requests*: the model holds up under qtmodeltester; the window lists and shows threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.backends.local import LocalBackend
from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.helpdesk import TemporaryError
from app.core.model import Message, NewTicket, Priority, Requester, Ticket
from app.core.outbox import Item
from app.services.filing import Submission
from app.ui import messages
from app.ui.delivery import DeliveryService
from app.ui.models import OBJECT_ROLE, SORT_ROLE, Column, RequestsModel, prepare_rows
from app.ui.pages.ids import PageId
from app.ui.requests.window import RequestsWindow
from app.ui.statuses import status_label
from app.ui.tasks import InlineRunner
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here too
    _finish_background_work,
    session_runner,
)

ADA = Requester(name="Ada Lovelace", email="ada@example.org")

#: What My requests says of a reply kept by the local store (nothing left the computer).
LOCAL_REPLY = (
    "Your reply was added to the request on this computer. No helpdesk is connected, so "
    "nobody at support sees it yet."
)


def new_ticket(ref: str, subject: str, body: str) -> NewTicket:
    return NewTicket(
        subject=subject,
        body=body,
        requester=ADA,
        client_ref=ref,
        category="printer",
        priority=Priority.NORMAL,
    )


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
    first = backend.create(
        new_ticket("ref-1", "VPN drops every hour", "The VPN disconnects every hour on the hour.")
    )
    backend.add_agent_reply(first.id, "Sam from IT", "Which VPN client version do you use?")
    backend.create(
        new_ticket("ref-2", "Printer on floor 2 prints blank pages", "Every page comes out blank.")
    )
    return backend


@pytest.fixture
def window(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> Iterator[RequestsWindow]:
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    submission.outbox.add_ticket(
        new_ticket(
            "ref-waiting", "Cannot open the payroll share", "Access denied on \\\\files\\payroll."
        )
    )
    runner = session_runner()
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    yield win
    runner.wait()


def cells(model: RequestsModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_model_passes_qtmodeltester(
    qtmodeltester: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
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
    config: Config, root: Path, filled: LocalBackend
) -> None:
    submission = Submission(config, root=root)
    waiting = submission.outbox.add_ticket(new_ticket("ref-3", "Waiting one", "Body"))
    delivered_twin = submission.outbox.add_ticket(new_ticket("ref-1", "VPN drops", "Body"))
    model = RequestsModel()
    model.set_rows(filled.list_mine(), [waiting, delivered_twin])
    # Not sent first, then "Waiting on you", then the rest by last update.
    assert [model.index(r, Column.SUMMARY).data() for r in range(3)] == [
        "Waiting one",
        "VPN drops every hour",
        "Printer on floor 2 prints blank pages",
    ]
    assert cells(model, 0)[Column.STATUS] == "Waiting to be sent"  # the badge; the sentence
    assert model.data(model.index(0, Column.STATUS), Qt.ItemDataRole.ToolTipRole) == (
        "Waiting to be sent."
    )
    assert isinstance(model.index(0, 0).data(OBJECT_ROLE), Item)
    assert isinstance(model.index(1, 0).data(OBJECT_ROLE), Ticket)
    assert model.index(1, Column.NUMBER).data(SORT_ROLE) == (1, f"{1:020d}")
    assert (
        model.index(1, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
        == "The helpdesk calls this: waiting"
    )
    vpn = cells(model, 1)
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
    assert first[Column.STATUS] == "Waiting to be sent"
    summaries = {cells(model, r)[Column.SUMMARY] for r in range(1, 3)}
    assert summaries == {"VPN drops every hour", "Printer on floor 2 prints blank pages"}
    assert "2 requests." in window.status_line.text()
    assert "1 waiting to be sent." in window.status_line.text()
    assert "kept on this computer" in window.note.text()


def test_what_waits_for_the_person_is_not_counted_as_waiting_to_be_sent(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    """A request the helpdesk refused goes nowhere by itself: the status line said
    "1 waiting to be sent." for it (the walk with a helpdesk down, then up)."""
    from app.core.helpdesk import PermissionDenied

    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    refused = submission.outbox.add_ticket(new_ticket("ref-refused", "Payroll", "Denied."))
    submission.outbox._fail(refused, PermissionDenied("no"))
    submission.outbox.add_ticket(new_ticket("ref-queued", "Scanner", "Offline."))
    runner = session_runner()
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    line = win.status_line.text()
    assert "1 waiting to be sent." in line and "1 not sent, waiting for you." in line
    runner.wait()


def test_selecting_a_ticket_shows_its_messages(qtbot: Any, window: RequestsWindow) -> None:
    row = next(
        r
        for r in range(window.model.rowCount())
        if cells(window.model, r)[Column.SUMMARY] == "VPN drops every hour"
    )
    window.table.setFocus()
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: "Which VPN client" in window.thread_view.toPlainText(), timeout=10000)
    text = window.thread_view.toPlainText()
    assert "The VPN disconnects every hour on the hour." in text
    assert text.index("disconnects every hour") < text.index("Which VPN client")
    assert "Sam from IT" in text and "Ada Lovelace" in text
    window.table.selectRow(0)  # the outbox item: its state and body, no backend call
    assert "Waiting to be sent." in window.thread_view.toPlainText()
    assert "Access denied" in window.thread_view.toPlainText()


def test_refresh_with_f5_shows_refreshing_then_new_tickets(
    qtbot: Any, window: RequestsWindow, filled: LocalBackend
) -> None:
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


def test_an_unreachable_helpdesk_still_shows_what_waits(
    qtbot: Any, config: Config, root: Path
) -> None:
    submission = Submission(config, root=root, backend_factory=lambda _c: DownBackend(root))
    submission.outbox.add_ticket(new_ticket("ref-w", "Still waiting", "Body"))
    win = RequestsWindow(config, InlineRunner(), submission)
    qtbot.addWidget(win)
    assert "Offline — nothing has been loaded yet." in win.status_line.text()
    assert "could not be refreshed" in win.status_line.text()
    assert "cannot be reached right now" in win.status_line.text()
    assert [cells(win.model, r)[Column.SUMMARY] for r in range(win.model.rowCount())] == [
        "Still waiting"
    ]


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


def test_delivery_service_sends_what_waits_and_reports_the_count(
    qtbot: Any, config: Config, root: Path
) -> None:
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


def test_delivery_service_never_runs_two_passes_at_once(
    qtbot: Any, config: Config, root: Path
) -> None:
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
    qtbot.waitUntil(lambda: cells(win.model, 0)[Column.STATUS] == "Not sent yet", timeout=10000)
    backend.fail = False
    for item in submission.outbox.items():
        submission.outbox.deliver(item.client_ref, backend, force=True)
    service.passFinished.emit()
    qtbot.waitUntil(
        lambda: win.model.rowCount() == 1 and cells(win.model, 0)[Column.NUMBER] == "#1",
        timeout=10000,
    )
    runner.wait()


def test_every_control_of_the_window_has_an_accessible_name(window: RequestsWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTextEdit, QWidget

    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QAbstractItemView | QTextEdit)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert {w.objectName() for w in controls} >= {"refreshButton", "requestsTable", "threadView"}
    for widget in controls:
        assert widget.accessibleName(), f"{widget.objectName()} has no accessible name"


# -- issue 5: filters, sorting, offline, replies, closure, sign-in --------------------


import time  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402

from app.core.helpdesk import AuthenticationError, Capabilities  # noqa: E402
from app.core.model import Status  # noqa: E402
from app.core.outbox import State  # noqa: E402
from app.ui.models import ALL, OPEN_ONLY, OUTBOX  # noqa: E402

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def synthetic(count: int) -> list[Ticket]:
    statuses = list(Status)
    return [
        Ticket(
            id=str(n),
            subject=f"Problem number {n} with {'VPN' if n % 10 == 0 else 'mail'}",
            status=statuses[n % len(statuses)],
            created_at=T0,
            updated_at=T0 + timedelta(seconds=(n * 7919) % count),
            raw_status=statuses[n % len(statuses)].value,
            display_ref=f"#{n}",
            last_author="Sam" if n % 2 else "Ada",
        )
        for n in range(1, count + 1)
    ]


def test_filtering_and_sorting_keep_the_model_valid(qtmodeltester: Any) -> None:
    model = RequestsModel()
    model.set_rows(synthetic(60), [])
    model.sort(Column.UPDATED, Qt.SortOrder.DescendingOrder)
    model.set_filter(Status.WAITING.value, "vpn")
    qtmodeltester.check(model, force_py=True)
    shown = [model.row_at(r).ticket for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert shown and all(t.status is Status.WAITING and "VPN" in t.subject for t in shown)
    stamps = [t.updated_at for t in shown]
    assert stamps == sorted(stamps, reverse=True)
    model.set_filter(OPEN_ONLY, "")
    assert all(model.row_at(r).ticket.is_open for r in range(model.rowCount()))  # type: ignore
    model.set_filter(ALL, "#17")  # the number is searchable too
    assert [cells(model, r)[Column.NUMBER] for r in range(model.rowCount())] == ["#17"]
    qtmodeltester.check(model, force_py=True)


def test_a_hundred_thousand_requests_load_sort_and_filter(qapp: Any) -> None:
    tickets = synthetic(100_000)
    model = RequestsModel()
    start = time.perf_counter()
    model.set_rows(tickets, [])
    loaded = time.perf_counter()
    model.sort(Column.SUMMARY, Qt.SortOrder.AscendingOrder)
    sorted_at = time.perf_counter()
    model.set_filter(ALL, "number 4242")
    filtered = time.perf_counter()
    model.set_filter(ALL, "number 42424")
    narrowed = time.perf_counter()
    print(
        f"\n100,000 requests: load {1000 * (loaded - start):.0f} ms, sort "
        f"{1000 * (sorted_at - loaded):.0f} ms, filter keystroke "
        f"{1000 * (filtered - sorted_at):.0f} ms, next keystroke "
        f"{1000 * (narrowed - filtered):.0f} ms"
    )
    assert model.rowCount() == 1 and cells(model, 0)[Column.NUMBER] == "#42424"
    model.set_filter(ALL, "number 4242")
    numbers = [cells(model, r)[Column.SUMMARY] for r in range(model.rowCount())]
    assert numbers == sorted(numbers, key=str.lower)
    assert len(numbers) == sum(1 for t in tickets if "number 4242" in t.subject)
    model.set_filter(Status.WAITING.value, "")
    assert model.rowCount() == sum(1 for t in tickets if t.status is Status.WAITING)


def test_the_window_filters_by_status_and_text(window: RequestsWindow) -> None:
    panel = window.list_panel
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(Status.WAITING.value))
    assert [cells(window.model, r)[Column.SUMMARY] for r in range(window.model.rowCount())] == [
        "VPN drops every hour"
    ]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(OUTBOX))
    assert window.model.rowCount() == 1
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(ALL))
    panel.search.setText("PRINTER")
    assert [cells(window.model, r)[Column.SUMMARY] for r in range(window.model.rowCount())] == [
        "Printer on floor 2 prints blank pages"
    ]


def test_sorting_by_a_header_keeps_the_selection(window: RequestsWindow) -> None:
    window.list_panel.select_key("ticket:2")
    window.table.horizontalHeader().setSortIndicator(Column.SUMMARY, Qt.SortOrder.AscendingOrder)
    summaries = [cells(window.model, r)[Column.SUMMARY] for r in range(window.model.rowCount())]
    assert summaries == sorted(summaries, key=str.lower)
    assert window.list_panel.selected_key() == "ticket:2"


def inline_window(
    qtbot: Any, config: Config, root: Path, backend: Any, select: str = ""
) -> RequestsWindow:
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket=select)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_list_and_threads_open_offline_from_the_cache(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    online = inline_window(qtbot, config, root, filled, select="1")
    assert "Which VPN client" in online.thread_view.toPlainText()  # read once: cached
    offline = inline_window(qtbot, config, root, DownBackend(root), select="1")
    assert offline.model.total == 2
    assert "Offline — last updated at" in offline.status_line.text()
    text = offline.thread_view.toPlainText()
    assert "Offline — this is the conversation as last read." in text
    assert "Which VPN client" in text
    offline.list_panel.select_key("ticket:2")  # never read: says so instead of a blank
    assert "could not be loaded" in offline.thread_view.toPlainText()


def test_a_reply_goes_through_the_outbox(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend, tmp_path: Path
) -> None:
    win = inline_window(qtbot, config, root, filled, select="1")
    box = win.reply_box
    assert box.isVisible() and box.send_button.isVisible()
    assert not box.send_button.isEnabled()  # nothing typed yet
    log = tmp_path / "vpn.log"
    log.write_text("tunnel down\n")
    box.add_files([str(log)])
    box.edit.setPlainText("Version 4.2.1, log attached.")
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    [item] = [i for i in win.submission.outbox.items(include_sent=True) if i.kind == "reply"]
    assert item.state is State.SENT and item.target == "1"
    assert box.state.text() == LOCAL_REPLY and box.edit.toPlainText() == ""
    last = filled.messages("1")[-1]
    assert last.body == "Version 4.2.1, log attached." and last.attachments[0].filename == "vpn.log"
    assert "Version 4.2.1" in win.thread_view.toPlainText()


class OfflineReplies(LocalBackend):
    def reply(self, ticket_id: str, text: str, attachments: Any = ()) -> Message:
        raise TemporaryError("offline")


def test_a_reply_while_offline_is_kept_safe(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, OfflineReplies(root), select="1")
    win.reply_box.edit.setPlainText("Still there?")
    win.reply_box.send_button.click()
    assert "safe on this computer" in win.reply_box.state.text()
    [item] = win.submission.outbox.items()
    assert item.kind == "reply" and item.state is State.FAILED and item.auto_retry


def test_solved_and_still_not_fixed(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, filled, select="1")
    box = win.reply_box
    assert box.solved_button.isVisible() and not box.reopen_button.isVisible()
    box.solved_button.click()
    assert filled.get("1").status is Status.RESOLVED
    assert "Marked as resolved" in box.state.text()
    assert win.list_panel.selected_key() == "ticket:1"
    assert box.reopen_button.isVisible() and not box.solved_button.isVisible()
    box.reopen_button.click()  # nothing typed: it asks what still goes wrong
    assert "Please write what still goes wrong" in box.state.text()
    assert filled.get("1").status is Status.RESOLVED
    box.edit.setPlainText("It dropped again at 14:00.")
    box.reopen_button.click()
    assert filled.get("1").status is Status.OPEN
    assert filled.messages("1")[-1].body == "It dropped again at 14:00."
    [item] = [i for i in win.submission.outbox.items(include_sent=True) if i.kind == "reply"]
    assert item.payload["reopen"] is True  # through the outbox, like any reply


def test_marking_it_solved_says_whether_support_was_told(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    """Issue 15: nothing on screen claims support heard of it when no helpdesk is
    connected (the local store keeps everything on this computer)."""
    win = inline_window(qtbot, config, root, filled, select="1")
    win.reply_box.solved_button.click()
    assert win.reply_box.state.text() == (
        "Marked as resolved on this computer. No helpdesk is connected, so support was not told."
    )
    config.values["backend.type"] = "http"  # a helpdesk (here served by the same store)
    other = inline_window(qtbot, config, root, filled, select="2")
    other.reply_box.solved_button.click()
    assert other.reply_box.state.text() == (
        "Marked as resolved. Thank you for letting support know."
    )


def test_still_not_fixed_with_files_sends_them_too(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend, tmp_path: Path
) -> None:
    filled.set_resolved("1")
    win = inline_window(qtbot, config, root, filled, select="1")
    shot = tmp_path / "again.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    win.reply_box.add_files([str(shot)])
    win.reply_box.edit.setPlainText("Same error this morning, picture attached.")
    win.reply_box.reopen_button.click()
    assert filled.get("1").status is Status.OPEN
    *_, comment, files = filled.messages("1")
    assert comment.body == "Same error this morning, picture attached."
    assert files.body == "Files for my message above."
    assert [a.filename for a in files.attachments] == ["again.png"]
    assert "reopened" in win.reply_box.state.text() and win.reply_box.files == []


class NoClosing(LocalBackend):
    def capabilities(self) -> Capabilities:
        return Capabilities(
            resolve=False, reopen=False, limits_note="Only support can close requests here."
        )


def test_what_the_helpdesk_cannot_do_is_explained_not_a_dead_button(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, NoClosing(root), select="1")
    box = win.reply_box
    assert not box.solved_button.isVisible() and not box.reopen_button.isVisible()
    assert box.note.isVisible() and box.note.text() == "Only support can close requests here."


class Refusing(LocalBackend):
    def list_mine(self, since: Any = None) -> list[Ticket]:
        raise AuthenticationError("expired")


def test_a_refused_sign_in_opens_the_dialog_and_retries(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    backends: list[LocalBackend] = [Refusing(root), LocalBackend(root)]
    made: list[LocalBackend] = []

    def factory(_c: Config) -> LocalBackend:
        made.append(backends[len(made)])
        return made[-1]

    submission = Submission(config, root=root, backend_factory=factory)
    win = RequestsWindow(config, InlineRunner(), submission)
    qtbot.addWidget(win)
    dialog = win.sign_in_dialog
    assert dialog is not None and dialog.objectName() == "signInDialog"
    assert win.model.total == 0
    dialog.accept()  # what a successful sign-in ends with
    assert len(made) == 2  # the old backend was dropped and a new one made
    assert win.model.total == 2 and win.sign_in_dialog is None
    assert "2 requests." in win.status_line.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_the_window_opens_on_a_given_ticket(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, filled, select="2")
    assert win.list_panel.selected_key() == "ticket:2"
    assert "Every page comes out blank." in win.thread_view.toPlainText()
    win.open_ticket("1")
    assert win.list_panel.selected_key() == "ticket:1"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_the_done_page_opens_my_requests_on_the_new_ticket(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend, qapp: Any
) -> None:
    """Through the session: one My requests window, polling with everything else (it used
    to be a window of the Done page's own, with a poller of its own)."""
    from app.ui.pages.done import DonePage
    from app.ui.session import Session

    submission = Submission(config, root=root, backend_factory=lambda _c: filled)
    session = Session(config, InlineRunner(), qapp, submission=submission)
    wizard = session.open_wizard(form=RequestForm())
    qtbot.addWidget(wizard)
    ctx = wizard.ctx
    item = submission.outbox.add_ticket(new_ticket("ref-new", "Keyboard missing keys", "Body"))
    ctx.item = submission.outbox.deliver(item.client_ref, filled, force=True)
    page = wizard.page(PageId.DONE)
    assert isinstance(page, DonePage)
    page.initializePage()
    page.requests_button.click()
    window = session.requests_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible() and window.polling is session.polling
    assert window.list_panel.selected_key() == f"ticket:{ctx.item.ticket_id}"  # type: ignore
    page.requests_button.click()
    assert session.requests_window is window  # raised again, not a second window
    session.polling.stop()


class RefusesReplies(LocalBackend):
    def reply(self, ticket_id: str, text: str, attachments: Any = ()) -> Message:
        raise AuthenticationError("expired")


def test_a_reply_refused_for_the_sign_in_is_sent_after_signing_in(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    backends: list[LocalBackend] = [RefusesReplies(root), LocalBackend(root)]
    made: list[LocalBackend] = []

    def factory(_c: Config) -> LocalBackend:
        made.append(backends[min(len(made), 1)])
        return made[-1]

    submission = Submission(config, root=root, backend_factory=factory)
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket="1")
    qtbot.addWidget(win)
    win.reply_box.edit.setPlainText("Client 4.2.1")
    win.reply_box.send_button.click()
    assert win.sign_in_dialog is not None  # kept safe, and the person is asked to sign in
    [item] = submission.outbox.items()
    assert item.state is State.FAILED and not item.auto_retry
    win.sign_in_dialog.accept()
    assert submission.outbox.items() == []
    assert filled.messages("1")[-1].body == "Client 4.2.1"
    assert win.reply_box.state.text() == LOCAL_REPLY


def test_a_fresh_screenshot_is_redacted_then_attached(
    qtbot: Any, window: RequestsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QColor, QImage

    from app.ui.requests.screenshot import attach_screenshot
    from app.ui.widgets.redact import RedactDialog

    seen: list[QImage] = []

    def accept(dialog: RedactDialog) -> int:
        seen.append(dialog.canvas.image())
        dialog.done(1)  # what pressing the dialog's OK does
        return 1

    monkeypatch.setattr(RedactDialog, "exec", accept)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6ebb"))
    path = attach_screenshot(window, image)
    assert seen and seen[0].size() == image.size()  # the user saw it before it was attached
    assert window.reply_box.files == [path] and Path(path).read_bytes()[:4] == b"\x89PNG"
    assert oct(Path(path).stat().st_mode & 0o777) == "0o600"
    assert attach_screenshot(window, None) == ""
    assert "could not be read" in window.reply_box.state.text()


def test_what_changed_is_said_in_the_window_too(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, filled)
    assert not win.news.isVisible()
    filled.add_agent_reply("2", "Sam from IT", "Is the toner cartridge new?")
    win.refresh()
    assert win.news.isVisible()
    assert win.news.text().startswith(
        "#2 · Printer on floor 2 prints blank pages: Sam from IT "
        "answered: Is the toner cartridge new?"
    )
    config.values["notifications.muted"] = ["reply", "status"]
    filled.add_agent_reply("2", "Sam from IT", "Any news?")
    detected: list[Any] = []
    win.polling.changed.connect(detected.append)
    win.refresh()
    assert [c.ticket_id for c in detected[0]] == ["2"]  # seen, but muted
    assert not win.news.isVisible()


def test_typing_on_narrows_the_shown_rows_and_matches_a_full_filter(qtmodeltester: Any) -> None:
    tickets = synthetic(300)
    model = RequestsModel()
    model.set_prepared(prepare_rows(tickets, []))  # as the window does, from a worker
    model.set_filter(Status.WAITING.value, "n")
    seen: list[int] = []
    real_filter = model._filtered_by

    def full_filter(status: str, text: str) -> list[int]:
        seen.append(1)
        return real_filter(status, text)

    model._filtered_by = full_filter  # type: ignore[method-assign]
    for text in ("nu", "num", "number 1"):  # each extends the last: only the shown rows
        model.set_filter(Status.WAITING.value, text)
    assert seen == []
    narrowed = [model.row_at(r).key for r in range(model.rowCount())]  # type: ignore[union-attr]
    expected = RequestsModel()
    expected.set_rows(tickets, [])
    expected.set_filter(Status.WAITING.value, "number 1")
    assert narrowed == [
        expected.row_at(r).key  # type: ignore[union-attr]
        for r in range(expected.rowCount())
    ]
    assert narrowed
    qtmodeltester.check(model, force_py=True)
    model.set_filter(Status.WAITING.value, "number")  # shorter: all rows are looked at again
    assert seen == [1]
    assert model.rowCount() == sum(1 for t in tickets if t.status is Status.WAITING)


def test_the_first_refresh_starts_after_the_cached_list_is_painted(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.cache import TicketCache
    from app.ui.notify import PollService

    TicketCache(root).save_tickets(filled.list_mine(), complete=True)
    at_poll: list[tuple[int, int]] = []
    painted: list[int] = []
    real_poll = PollService.poll_now

    def poll_now(service: PollService, full: bool = False) -> bool:
        at_poll.append((win.model.total, len(painted)))
        return real_poll(service, full)

    monkeypatch.setattr(PollService, "poll_now", poll_now)
    submission = Submission(config, root=root, backend_factory=lambda _c: filled)
    runner = session_runner()
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and win.model.total:
                painted.append(1)
            return False

    spy = Painted(win)
    win.table.viewport().installEventFilter(spy)
    win.show()
    assert win.loading  # the refresh is due, so the window says so from the start
    qtbot.waitUntil(lambda: bool(at_poll), timeout=10000)
    total, paints = at_poll[0]
    assert total == 2 and paints >= 1  # the cached rows were on screen before the poll
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    assert "2 requests." in win.status_line.text()
    runner.wait()


def _agrees(win: RequestsWindow, status: Status) -> bool:
    """Heading, timeline, reply box and list all say ``status`` for the selected row."""
    row = win.list_panel.selected_row()
    label = status_label(status)
    return (
        row is not None
        and row.ticket is not None
        and row.ticket.status is status
        and win.conversation.heading.text().endswith("— " + label)
        and win.conversation.timeline.texts()[-1:] == [label]
        and win.reply_box.ticket is not None
        and win.reply_box.ticket.status is status
    )


def test_heading_timeline_box_and_list_agree_after_every_action(
    qtbot: Any, window: RequestsWindow, filled: LocalBackend
) -> None:
    window.list_panel.select_key("ticket:2")
    qtbot.waitUntil(lambda: "Every page" in window.thread_view.toPlainText(), timeout=5000)
    box = window.reply_box
    box.solved_button.click()
    qtbot.waitUntil(lambda: _agrees(window, Status.RESOLVED), timeout=5000)
    assert box.reopen_button.isVisible() and not box.solved_button.isVisible()
    box.edit.setPlainText("Blank again this morning.")
    box.reopen_button.click()
    qtbot.waitUntil(lambda: _agrees(window, Status.OPEN), timeout=5000)
    assert "Blank again this morning." in window.thread_view.toPlainText()
    assert window.conversation.timeline.texts()[-2:] == [
        status_label(Status.RESOLVED),
        status_label(Status.OPEN),
    ]
    window.refresh()  # and a refresh keeps them agreeing
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    assert _agrees(window, Status.OPEN)


def test_a_failed_item_can_be_tried_again_or_discarded(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    submission = Submission(config, root=root, backend_factory=lambda _c: filled)
    lost = submission.outbox.add_reply("404", "Is anyone looking at this?")
    submission.outbox.deliver(lost.client_ref, filled)  # no request 404: it fails, for good
    late = submission.outbox.add_reply("1", "Version 4.2.1.")
    win = inline_window(qtbot, config, root, filled)
    asked: list[Item] = []
    win.confirm_discard = lambda item: asked.append(item) or True
    actions = win.item_actions
    assert win.list_panel.select_key(f"item:{lost.client_ref}")
    assert actions.isVisible() and actions.retry_button.isVisible()
    assert "Not sent" in win.thread_view.toPlainText()
    actions.retry_button.click()  # still no such request: it stays, saying so again
    assert win.submission.outbox.get(lost.client_ref).attempts == 2  # type: ignore[union-attr]
    assert actions.isVisible() and actions.retry_button.isEnabled()
    actions.discard_button.click()
    assert [i.client_ref for i in asked] == [lost.client_ref]
    assert win.submission.outbox.get(lost.client_ref) is None
    assert "Discarded: Is anyone looking at this?" in win.status_line.text()
    assert f"item:{lost.client_ref}" not in [
        r.key for r in map(win.model.row_at, range(win.model.rowCount())) if r is not None
    ]
    assert not actions.isVisible()
    assert late.state is State.QUEUED  # a queued item waits for delivery: no buttons
    assert win.list_panel.select_key(f"item:{late.client_ref}") and not actions.isVisible()


class RequestTracker(LocalBackend):
    """Capabilities as RT gives them: every step offered, whether or not IT granted the right."""

    resolve = True

    def capabilities(self) -> Capabilities:
        return Capabilities(resolve=self.resolve, limits_code="rt")


def test_notes_for_it_never_reach_the_user_and_theirs_only_where_they_apply(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    rt = RequestTracker(root)
    win = inline_window(qtbot, config, root, rt, select="1")
    assert not win.note.isVisible() and win.note.text() == ""  # no banner for RT
    assert win.reply_box.solved_button.isVisible() and not win.reply_box.note.isVisible()
    rt.resolve = False  # where the helpdesk does not offer the step: what the user can do
    win = inline_window(qtbot, config, root, rt, select="1")
    note = win.reply_box.note.text()
    assert win.reply_box.note.isVisible() and "reply" in note
    assert not win.note.isVisible()
    for code in ("rt", "redmine", "glpi", "gitlab"):  # said to end users: no rights, no admins
        text = messages.limits_text(code)
        assert not any(w in text for w in ("ModifyTicket", "right", "administrator", "role")), text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_window_opens_on_the_first_request_with_whole_columns_and_one_key_per_letter(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend, lang: str
) -> None:
    from tests.ui.test_a11y import language

    submission = Submission(config, root=root, backend_factory=lambda _c: DownBackend(root))
    submission.outbox.add_ticket(new_ticket("ref-w", "Payroll share", "Access denied."))
    with language(lang, config):
        win = RequestsWindow(config, InlineRunner(), submission)
        qtbot.addWidget(win)
        win.show()
        assert win.status_line.text()  # offline, said in either language
        first = win.model.row_at(0)
        assert first is not None and win.list_panel.selected_key() == first.key
        assert "Payroll share" in win.conversation.heading.text()
        table = win.table  # "Not sent yet" whole, not "Not sent y…"
        assert table.columnWidth(Column.NUMBER) >= table.sizeHintForColumn(Column.NUMBER)
        letters: dict[str, str] = {}
        for widget in win.findChildren(QWidget):
            text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
            plain = text.replace("&&", "")
            if "&" in plain:
                letter = plain[plain.index("&") + 1].lower()
                assert letter not in letters, (text, letters[letter])
                letters[letter] = text
        assert len(letters) >= 8  # the reply box, the receipt strip and the outbox actions


class Forgetting(LocalBackend):
    """A helpdesk where request 1 was deleted after the list was read."""

    def get(self, ticket_id: str) -> Ticket:
        if ticket_id == "1":
            from app.core.helpdesk import NotFound

            raise NotFound(code="not_found", ticket=ticket_id)
        return super().get(ticket_id)


def test_a_reply_to_a_request_that_is_gone_is_refused_and_stays_in_the_box(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, Forgetting(root), select="1")
    win.reply_box.edit.setPlainText("Still there?")
    win.reply_box.send_button.click()
    assert "has no request 1 any more" in win.reply_box.state.text()
    assert win.reply_box.edit.toPlainText() == "Still there?"
    assert win.submission.outbox.items(include_sent=True) == []


class RefusingReplies(LocalBackend):
    def reply(self, ticket_id: str, text: str, attachments: Any = ()) -> Message:
        from app.core.helpdesk import PermanentError

        raise PermanentError("This ticket is locked.")


def test_a_reply_the_helpdesk_refuses_says_so_and_where_to_retry_or_discard_it(
    qtbot: Any, config: Config, root: Path, filled: LocalBackend
) -> None:
    win = inline_window(qtbot, config, root, RefusingReplies(root), select="1")
    win.reply_box.edit.setPlainText("Any news?")
    win.reply_box.send_button.click()
    state = win.reply_box.state.text()
    assert state.startswith("Your message was not sent:") and "This ticket is locked." in state
    assert "try again or discard it" in state and "will be sent when" not in state
    [item] = win.submission.outbox.items()
    assert win.list_panel.select_key(f"item:{item.client_ref}") and win.item_actions.isVisible()


def test_the_reply_line_says_exactly_what_happened_in_each_case(qapp: Any) -> None:
    """Issue 15: "Your reply was sent." was said for the local store and for a reply only
    queued. Kept here, reached support, waiting (sent by itself), refused: each its own."""
    from app.ui.requests.outcomes import reply_outcome

    def item(state: State, auto_retry: bool = True, code: str = "") -> Item:
        return Item(
            "ref", "reply", "1", "VPN", state, 1, code, {}, auto_retry, 0.0, "1", "#1", 0.0, {}
        )

    assert reply_outcome(item(State.SENT), False, local=True) == LOCAL_REPLY
    assert reply_outcome(item(State.SENT), False, local=False) == "Your reply reached support."
    queued = reply_outcome(item(State.QUEUED), False, local=False)
    assert queued == (
        "Your message is safe on this computer and waits to be sent. It is sent "
        "automatically, even after you close this window."
    )
    retrying = reply_outcome(item(State.FAILED, code="timeout"), False, local=False)
    assert retrying.startswith(
        "Your message is safe on this computer and waits to be sent. "
        "Not sent yet: The helpdesk did not answer in time."
    )
    refused = reply_outcome(item(State.FAILED, False, "refused"), False, local=False)
    assert refused.startswith("Your message was not sent:") and "automatically" not in refused


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the bar stays on top
def test_show_support_the_steps_attaches_the_report_and_lists_the_steps(
    qtbot: Any, window: RequestsWindow
) -> None:
    from datetime import datetime

    from app.ui.requests.steps import record_for_reply

    now = datetime.now(UTC)
    box = window.reply_box
    box.set_ticket(Ticket("1", "Printer", Status.OPEN, now, now), Capabilities())
    assert not box.steps_button.isHidden()  # where the helpdesk takes files
    box.set_ticket(box.ticket, Capabilities(attachments=False))
    assert box.steps_button.isHidden()
    box.edit.setPlainText("It happens again:")
    recorder = record_for_reply(window, countdown_s=0, global_input=False)
    recorder.capture_now()
    recorder.add_note("and then nothing prints")
    recorder.wait()
    recorder.stop()
    recorder.wait()
    dialog = recorder.parent().review_dialog
    assert dialog is not None and dialog.isVisible()  # reviewed before anything is attached
    assert box.files == []
    dialog.accept()
    window.runner.wait()
    QCoreApplication.processEvents()
    [path] = box.files
    assert Path(path).name == "steps.html" and oct(Path(path).stat().st_mode & 0o777) == "0o600"
    html = Path(path).read_text("utf-8")
    assert "<script" not in html and "data:image/" in html
    text = box.edit.toPlainText()
    assert text.startswith("It happens again:\n\n1. Captured the screen at ")
    assert "\n2. Note: and then nothing prints" in text


def test_a_waiting_reply_names_the_request_it_belongs_to(
    qtbot: Any, config: Config, root: Path
) -> None:
    """A reply in the outbox is a message to one of the requests, not one of its own: its
    row said "Not sent yet" with no way to tell which request it was for."""
    from app.ui.models import Row

    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    reply = submission.outbox.add_reply("7", "Any news?", [])
    filed = submission.outbox.add_ticket(new_ticket("ref-new", "Scanner", "Offline."))
    assert Row(item=reply).cells()[0] == "For #7"
    assert Row(item=filed).cells()[0] == "Not sent yet"
