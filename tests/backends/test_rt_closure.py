"""'Is it solved?' against the real RT5 (scripts/rt5.sh up): resolved by the agent, asked
once in the notification and the conversation, answered Yes with 👎 and a comment.

RT has no satisfaction feature a requester can reach through REST2, so the feedback is a
marked public correspondence; RT's default scrip reopens a resolved ticket when its
requestor writes, so Helpline resolves it again (the person has just said it is solved).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from app.backends.rt import RTBackend
from app.core.cache import TicketCache
from app.core.config import load
from app.core.model import NewTicket, Requester
from app.services.filing import Submission
from app.ui.notify import Notifier, PollService
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.backends.rt_server import RTServer

ME = Requester(name="Casey Customer", email="customer@example.org")


def test_resolved_in_rt_then_yes_thumbs_down_and_a_comment_reach_rt(
    qtbot: Any, rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    ref = str(uuid.uuid4())
    ticket_id = rt_customer.create(
        NewTicket(f"Laptop dock flickers ({ref[:8]})", "The screen flickers.", ME, client_ref=ref)
    ).id
    config = load(env={})
    config.values["backend.type"] = "rt"  # the backend is handed in; the words follow this
    submission = Submission(config, root=tmp_path, backend_factory=lambda _c: rt_customer)
    polling = PollService(submission, InlineRunner(), TicketCache(tmp_path))
    notifier = Notifier(config)
    polling.changed.connect(notifier.notify)
    shown: list[tuple[str, str, str]] = []
    notifier.shown.connect(lambda *args: shown.append(args))
    polling.poll_now()  # the baseline

    rt_server.agent_reply(ticket_id, "Replaced the dock's cable.")
    rt_server.agent_set_status(ticket_id, "resolved")
    polling.poll_now()
    mine = [s for s in shown if s[2] == ticket_id]
    assert len(mine) == 1 and mine[0][1].endswith("Is it solved? Open the request to tell support.")

    window = RequestsWindow(
        config, InlineRunner(), submission, polling=polling, select_ticket=ticket_id
    )
    qtbot.addWidget(window)
    window.show()
    panel = window.closure.panel
    qtbot.waitUntil(panel.isVisible, timeout=10000)
    assert panel.question.text() == "Support marked this request as solved. Is it solved?"
    panel.yes_button.click()
    assert panel.good_button.isVisible() and panel.comment.isVisible()
    panel.bad_button.click()
    panel.comment.setText("Fixed, but it took three days.")
    panel.send_button.click()
    assert panel.state.text() == "Thank you — support has your feedback."

    [feedback] = [m for m in rt_customer.messages(ticket_id) if "Rating:" in m.body]
    assert "the requester confirms this is solved" in feedback.body
    assert "Rating: 👎 not satisfied" in feedback.body
    assert "Comment: Fixed, but it took three days." in feedback.body
    assert rt_server.agent_ticket(ticket_id)["Status"] == "resolved"  # still solved
    [item] = [i for i in submission.outbox.items(include_sent=True) if i.target == ticket_id]
    assert item.payload["feedback"] == {
        "rating": "bad",
        "comment": "Fixed, but it took three days.",
    }

    polling.poll_now()  # the feedback's own round trip: nothing asked again
    assert len([s for s in shown if s[2] == ticket_id and "Is it solved?" in s[1]]) == 1
    again = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket_id)
    qtbot.addWidget(again)
    again.show()
    assert not again.closure.panel.isVisible()  # answered: the conversation does not nag
    polling.stop()


def test_a_due_date_set_in_rt_is_shown_as_the_helpdesks_own(
    qtbot: Any, rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    """RT's Due is visible to the requester (REST2 answers the epoch when none is set): My
    requests says it is the helpdesk's date, and calmly when it has passed. No target is
    configured, so without the Due nothing at all would be promised."""
    from datetime import UTC, datetime, timedelta

    ref = str(uuid.uuid4())
    ticket_id = rt_customer.create(
        NewTicket(f"New badge ({ref[:8]})", "My badge broke.", ME, client_ref=ref)
    ).id
    assert rt_customer.get(ticket_id).due_at is None  # "1970-01-01T00:00:00Z"
    rt_server.agent_set_due(ticket_id, "2026-12-10 12:00:00")
    due = rt_customer.get(ticket_id).due_at
    assert due == datetime(2026, 12, 10, 12, tzinfo=UTC)

    config = load(env={})
    config.values["backend.type"] = "rt"
    submission = Submission(config, root=tmp_path, backend_factory=lambda _c: rt_customer)
    window = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket_id)
    qtbot.addWidget(window)
    window.clock = lambda: due - timedelta(days=2)
    window.show()
    line = window.conversation.answer_time
    qtbot.waitUntil(line.isVisible, timeout=10000)
    window.show_answer_time()
    local = due.astimezone()
    assert line.text() == f"Due by {local:%A %H:%M}, the helpdesk says."
    window.clock = lambda: due + timedelta(hours=1)
    window.show_answer_time()
    assert line.text().startswith("Later than expected: the helpdesk's due date was ")
