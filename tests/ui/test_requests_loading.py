"""*My requests* with more tickets than one screenful: the first rows paint first, the rest follow.

The first read is the first :data:`FIRST_ROWS` rows in the default order; the rest is read
after that paint and added below. A runner that holds that second read lets each test look
at the window in between, then let it go: no sleeps, no timing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import app.ui.requests.window as window_module
from app.backends.local import LocalBackend
from app.core.cache import TicketCache, TicketRow
from app.core.config import Config, load
from app.core.model import NewTicket, Priority, Requester, Status, Ticket
from app.services.filing import Submission
from app.ui.models import Column, RequestsModel, prepare
from app.ui.requests import jobs
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.ui.test_pages_last import _finish_background_work  # noqa: F401 - autouse

FIRST = 20
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
RANK = {
    Status.WAITING: 0,
    Status.NEW: 1,
    Status.OPEN: 1,
    Status.UNKNOWN: 1,
    Status.RESOLVED: 2,
    Status.CLOSED: 3,
}


class HeldRunner(InlineRunner):
    """Runs jobs at once, except the read of the whole list, which waits for :meth:`release`."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Callable[[], object]] = []

    def run(
        self, fn: Callable[..., Any], *args: Any, on_done: Any = None, on_error: Any = None
    ) -> int:
        if fn is jobs.listed and len(args) == 2:  # no limit: the rest of the list
            self.held.append(
                lambda: super(HeldRunner, self).run(fn, *args, on_done=on_done, on_error=on_error)
            )
            return 0
        return super().run(fn, *args, on_done=on_done, on_error=on_error)

    def release(self) -> None:
        held, self.held = self.held, []
        for call in held:
            call()


class Helpdesk(LocalBackend):
    """Knows the same tickets as the cache (nothing changed since the last refresh)."""

    def __init__(self, root: Path, tickets: list[Ticket]) -> None:
        super().__init__(root)
        self.tickets = tickets

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        return [t for t in self.tickets if since is None or t.updated_at >= since]


def many(count: int) -> list[Ticket]:
    statuses = [Status.OPEN, Status.CLOSED, Status.WAITING, Status.RESOLVED, Status.NEW]
    return [
        Ticket(
            id=str(n),
            subject=f"Printer {n} jams",
            status=statuses[n % 5],
            created_at=T0,
            updated_at=T0 + timedelta(minutes=(n * 37) % count),
            raw_status=statuses[n % 5].value,
            display_ref=f"#{n}",
            last_author="Sam",
            category="printer",
            priority=Priority.HIGH,
            web_url=f"https://help.example.org/t/{n}",
            client_ref=f"ref-{n}",
        )
        for n in range(1, count + 1)
    ]


def default_order(tickets: list[Ticket]) -> list[str]:
    return [
        t.ref
        for t in sorted(tickets, key=lambda t: (RANK[t.status], -t.updated_at.timestamp(), t.id))
    ]


def shown(model: RequestsModel) -> list[str]:
    return [model.index(r, Column.NUMBER).data() for r in range(model.rowCount())]


@pytest.fixture
def config() -> Config:
    return load(env={})


@pytest.fixture
def opened(
    qtbot: Any, config: Config, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> tuple[RequestsWindow, HeldRunner, list[Ticket]]:
    """A window over 60 cached tickets, the first 20 painted, the rest held back."""
    monkeypatch.setattr(window_module, "FIRST_ROWS", FIRST)
    root = isolated_dirs["data"] / "helpline"
    tickets = many(60)
    TicketCache(root).save_tickets(tickets, complete=True)
    runner = HeldRunner()
    submission = Submission(
        config, root=root, backend_factory=lambda _c: Helpdesk(root / "helpdesk", tickets)
    )
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: bool(runner.held))  # the first rows painted; the rest asked for
    return win, runner, tickets


def test_the_first_paint_shows_the_first_rows_in_the_default_order(qtbot: Any, opened: Any) -> None:
    win, runner, tickets = opened
    expected = default_order(tickets)
    assert shown(win.model) == expected[:FIRST]  # "Waiting on you" first, newest first
    assert win.model.row_at(0).values[3] == "waiting"
    assert not win.model.complete and win.model.ticket_total == 60
    # The status line gives the true count and says the rest is on its way.
    assert win.status_line.text() == (
        "Showing the first 20 of your 60 requests; the rest are loading…"
    )
    assert win.loading and not win.refresh_button.isEnabled()
    runner.release()
    assert shown(win.model) == expected
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    assert win.status_line.text().startswith("60 requests.")


def test_the_rest_arrives_below_without_moving_the_selection_or_the_scroll(
    qtbot: Any, opened: Any
) -> None:
    win, runner, _tickets = opened
    table, model = win.table, win.model
    win.resize(1000, 900)
    chosen = model.row_at(12)
    assert chosen is not None
    win.list_panel.select_key(chosen.key)
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 5)
    bar.setValue(5)
    top = win.list_panel.top_key()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    selected: list[object] = []
    win.list_panel.rowSelected.connect(selected.append)
    runner.release()
    assert model.rowCount() == 60 and resets == []  # added below, not a new model
    assert win.list_panel.selected_key() == chosen.key and selected == []
    assert bar.value() == 5 and win.list_panel.top_key() == top


def test_a_search_typed_while_loading_covers_the_tickets_still_to_come(
    qtbot: Any, opened: Any
) -> None:
    win, runner, tickets = opened
    late = default_order(tickets)[-1]  # far from the first screenful
    number = late.lstrip("#")
    win.list_panel.search.setText(f"printer {number} jams")
    assert late not in shown(win.model)
    # Not a silent "no results": it says only the first rows were searched so far.
    assert win.status_line.text() == (
        "Searching the first 20 of your 60 requests; the rest "
        "are still loading and will be searched as soon as "
        "they are in."
    )
    runner.release()
    assert shown(win.model) == [late]


def test_selecting_a_row_decodes_its_whole_ticket_and_shows_the_conversation(
    qtbot: Any, config: Config, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    backend = LocalBackend(root)
    asker = Requester(name="Ada Lovelace", email="ada@example.org")
    first = backend.create(
        NewTicket(
            "VPN drops every hour",
            "It drops on the hour.",
            asker,
            client_ref="ref-vpn",
            category="network",
            priority=Priority.HIGH,
        )
    )
    backend.add_agent_reply(first.id, "Sam from IT", "Which client version?")
    backend.create(NewTicket("Printer jams", "Tray 2.", asker, client_ref="ref-printer"))
    TicketCache(root).save_tickets(backend.list_mine(), complete=True)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    win = RequestsWindow(config, InlineRunner(), submission)
    qtbot.addWidget(win)
    rows = [win.model.row_at(r) for r in range(win.model.rowCount())]
    opened_on = win.list_panel.selected_key()  # the window opens on the first request
    assert opened_on == rows[0].key  # type: ignore[union-attr]
    # plain rows, no Tickets, but for the one selected
    assert all(r is not None and (r._ticket is None) == (r.key != opened_on) for r in rows)
    win.list_panel.select_key(f"ticket:{first.id}")
    row = win.list_panel.selected_row()
    assert row is not None and row.ticket == TicketCache(root).ticket(first.id)
    assert row.ticket is not None and (
        row.ticket.category,
        row.ticket.priority,
        row.ticket.client_ref,
    ) == ("network", Priority.HIGH, "ref-vpn")
    text = win.thread_view.toPlainText()
    assert "It drops on the hour." in text and "Which client version?" in text
    assert win.conversation.heading.text().startswith(f"{first.ref} · VPN drops every hour")
    others = [r for r in rows if r is not None and r.key not in (row.key, opened_on)]
    assert others and all(r._ticket is None for r in others)  # only the selected one


def test_rows_added_after_the_first_screenful_keep_the_model_valid(qtmodeltester: Any) -> None:
    tickets = many(50)
    cache_rows = _listed(tickets)
    model = RequestsModel()
    model.set_prepared(prepare(cache_rows[:10], [], ordered=True, total=50))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 10 and not model.complete
    assert model.set_prepared(prepare(cache_rows, [], ordered=True))  # added, not reset
    assert model.complete and shown(model) == default_order(tickets)
    qtmodeltester.check(model, force_py=True)


def _listed(tickets: list[Ticket]) -> list[TicketRow]:
    from app.core.cache import stored_row

    order = {ref: n for n, ref in enumerate(default_order(tickets))}
    return sorted(map(stored_row, tickets), key=lambda row: order[row.ref])


def test_the_rest_is_read_only_after_the_first_rows_were_painted(
    qtbot: Any, config: Config, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QEvent, QObject

    from tests.ui.test_pages_last import session_runner

    monkeypatch.setattr(window_module, "FIRST_ROWS", FIRST)
    root = isolated_dirs["data"] / "helpline"
    tickets = many(45)
    TicketCache(root).save_tickets(tickets, complete=True)
    painted: list[int] = []
    reads: list[tuple[int | None, int]] = []
    real_listed = jobs.listed

    def listed(submission: Submission, cache: TicketCache, limit: int | None = None) -> jobs.Loaded:
        reads.append((limit, len(painted)))  # on a worker: how many paints showed rows
        return real_listed(submission, cache, limit)

    monkeypatch.setattr(jobs, "listed", listed)
    runner = session_runner()
    submission = Submission(
        config, root=root, backend_factory=lambda _c: Helpdesk(root / "helpdesk", tickets)
    )
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and win.model.rowCount():
                painted.append(win.model.rowCount())
            return False

    spy = Painted(win)
    win.table.viewport().installEventFilter(spy)
    win.show()
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    assert [limit for limit, _ in reads] == [FIRST, None]
    assert reads[1][1] >= 1 and painted[0] == FIRST  # the first screenful was on screen first
    assert win.model.rowCount() == 45 and shown(win.model) == default_order(tickets)
    runner.wait()
