"""Remote help's audit lines reach the real RT5 through the outbox (issue 20).

The session runs through the real controller (app.ui.remote.controller) with the tool
replaced by a stand-in; the lines go out like any reply and come back from RT as a
system line, not as the customer's message.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from app.backends.rt import RTBackend
from app.core import remote_help
from app.core.config import load
from app.core.model import NewTicket, Requester
from app.core.outbox import State
from app.services.filing import Submission
from app.services.followup import FollowUps
from app.services.remote_help.plan import Plan
from app.ui.remote.controller import RemoteHelp
from app.ui.requests.conversation import ConversationView
from app.ui.tasks import InlineRunner
from tests.backends.rt_server import RTServer

ME = Requester(name="Casey Customer", email="customer@example.org")


class Standin:
    pid = 0

    def exited(self) -> bool:
        return False

    def stop(self, wait: float = 1.0) -> None:
        return None


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: the bar's raise()
def test_started_and_ended_reach_rt_and_read_as_system_lines(
    qtbot: Any, rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    ref = str(uuid.uuid4())
    ticket = rt_customer.create(
        NewTicket(f"Screen flickers ({ref[:8]})", "Since this morning.", ME, client_ref=ref)
    )
    config = load(env={})
    submission = Submission(config, root=tmp_path, backend_factory=lambda _c: rt_customer)
    remote = RemoteHelp(
        InlineRunner(), lambda: FollowUps.for_submission(submission), launch=lambda p: Standin()
    )  # type: ignore[arg-type,return-value]
    offer = remote_help.Offer(ticket.id, "vnc", "127.0.0.1:5500", 30, False)
    assert remote.start(offer, Plan("vnc", argv=("x11vnc",), owned=True))
    remote.stop("user")
    for item in submission.outbox.items():
        assert submission.outbox.deliver(item.client_ref, rt_customer, force=True).state is (
            State.SENT
        )
    lines = [remote_help.parse(m.body) for m in rt_customer.messages(ticket.id) if m.from_requester]
    started, ended = [line for line in lines if line is not None]
    assert (started.event, started.tool, started.mode, started.minutes) == (
        "started",
        "vnc",
        "view",
        "30",
    )
    assert started.who and started.when.endswith("UTC")
    assert (ended.event, ended.ended_by) == ("ended", "user")
    view = ConversationView()
    qtbot.addWidget(view)
    view.show_thread(ticket, rt_customer.messages(ticket.id), [])
    text = view.browser.toPlainText()
    assert "Screen sharing started at" in text and "Screen sharing ended at" in text
    assert "[Helpline remote help]" not in text  # the raw line is not shown as a message
