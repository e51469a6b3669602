"""Following a request to closure against the real RT5 (scripts/rt5.sh up).

The customer side is Helpline (poller, notifier, My requests window); the
agent side is RT's REST2 with the agent's token, as a supporter's browser
would be. Other tests may use the same customer at the same time, so the
assertions look at this test's ticket only.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from app.backends.rt import RTBackend
from app.core.cache import TicketCache
from app.core.config import load
from app.core.model import NewTicket, Requester, Status
from app.core.polling import Poller
from app.services.filing import Submission
from app.ui.notify import Notifier, PollService
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.backends.rt_server import RTServer

ME = Requester(name="Casey Customer", email="customer@example.org")


def _file(rt_customer: RTBackend, subject: str) -> str:
    ref = str(uuid.uuid4())
    created = rt_customer.create(
        NewTicket(f"{subject} ({ref[:8]})", "It fails every morning.", ME, client_ref=ref)
    )
    return created.id


def test_an_agent_reply_arrives_within_one_poll_as_one_notification(
    qtbot: Any, rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    ticket_id = _file(rt_customer, "Shared drive disconnects")
    config = load(env={})
    submission = Submission(config, root=tmp_path, backend_factory=lambda _c: rt_customer)
    polling = PollService(submission, InlineRunner(), TicketCache(tmp_path))
    notifier = Notifier(config)
    polling.changed.connect(notifier.notify)
    shown: list[tuple[str, str, str]] = []
    notifier.shown.connect(lambda *args: shown.append(args))
    polling.poll_now()  # the baseline: nothing is announced
    assert not [s for s in shown if f"#{ticket_id}" in s[0] + s[1]]

    rt_server.agent_reply(ticket_id, "Does it happen on the office network too?")
    polling.poll_now()
    about_mine = [s for s in shown if f"#{ticket_id}" in s[0] + s[1]]
    assert len(about_mine) == 1
    title, text, _ = about_mine[0]
    assert title.startswith(f"#{ticket_id}: Shared drive disconnects")
    assert "Does it happen on the office network too?" in text
    assert "answered" in text
    cached = polling.cache.messages(ticket_id)
    assert cached is not None and not cached[-1].from_requester  # shown in the client

    polling.poll_now()  # nothing new: nothing more about this ticket
    assert len([s for s in shown if f"#{ticket_id}" in s[0] + s[1]]) == 1
    polling.stop()


def test_resolved_in_rt_shows_as_resolved_and_still_not_fixed_reopens_it(
    qtbot: Any, rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    ticket_id = _file(rt_customer, "Scanner sends blank PDFs")
    poller = Poller(lambda: rt_customer, TicketCache(tmp_path))
    poller.poll()
    rt_server.agent_reply(ticket_id, "Fixed the scanner profile; please try again.")
    rt_server.agent_set_status(ticket_id, "resolved")
    [change] = [c for c in poller.poll().changes if c.ticket_id == ticket_id]
    assert change.status is Status.RESOLVED and change.kinds == {"reply", "status"}

    config = load(env={})
    submission = Submission(config, root=tmp_path, backend_factory=lambda _c: rt_customer)
    window = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket_id)
    qtbot.addWidget(window)
    window.show()
    row = window.list_panel.selected_row()
    assert row is not None and row.ticket is not None
    assert row.ticket.status is Status.RESOLVED and row.ticket.raw_status == "resolved"
    assert "Fixed the scanner profile" in window.thread_view.toPlainText()
    box = window.reply_box
    # "Is it solved?" is asked first (issue 18); its Still not fixed leads to the reopening.
    assert window.closure.panel.isVisible() and not box.reopen_button.isVisible()
    window.closure.panel.not_fixed_button.click()
    assert box.reopen_button.isVisible() and not box.solved_button.isVisible()

    box.edit.setPlainText("Still blank pages this morning.")
    box.reopen_button.click()  # through the outbox with reopen=True
    assert "reopened" in box.state.text()
    assert rt_server.agent_ticket(ticket_id)["Status"] == "open"
    [item] = [i for i in submission.outbox.items(include_sent=True) if i.target == ticket_id]
    assert item.payload["reopen"] is True
    row = window.list_panel.selected_row()
    assert row is not None and row.ticket is not None and row.ticket.status is Status.OPEN

    box.solved_button.click()  # "This solved my problem", straight to RT
    assert rt_server.agent_ticket(ticket_id)["Status"] == "resolved"
