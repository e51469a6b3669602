"""Expected answer times in the faces: Review and Done say the working-time date, My requests
says "answer expected by …" and then, calmly, "later than expected" (issue 18, part 2).

The clock is injected (``ctx.clock``, ``RequestsWindow.clock``); nothing sleeps. Times are in
this computer's zone (``answers.timezone`` is left empty), so the wall-clock sentences hold
wherever the tests run; the holidays are Bavaria's.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from app.backends.local import LocalBackend
from app.core.config import Config
from app.core.model import NewTicket, Ticket
from app.ui.pages.done import DonePage
from app.ui.pages.review import ReviewPage
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here too
    _finish_background_work,
    make_config,
    make_context,
)

#: Thursday before Easter 2026, 17:00 on this computer's clock. One working hour is left that
#: day; Good Friday, the weekend and Easter Monday are closed in Bavaria; so 4 working hours
#: end on Tuesday at 11:00.
SUBMITTED = datetime(2026, 4, 2, 17, 0).astimezone()
DUE = datetime(2026, 4, 7, 11, 0).astimezone()
PROMISE = (
    "Support usually answers high-priority requests within 4 working hours — "
    "by about Tuesday 11:00."
)


class StampedDesk(LocalBackend):
    """A helpdesk on this computer whose tickets say they arrived at ``SUBMITTED`` (the local
    store stamps the real time); it stands for RT here, as ``backend.type`` says."""

    def create(self, ticket: NewTicket) -> Ticket:
        return self._stamped(super().create(ticket))

    def get(self, ticket_id: str) -> Ticket:
        return self._stamped(super().get(ticket_id))

    def list_mine(self, since: Any = None) -> list[Ticket]:
        return [self._stamped(t) for t in super().list_mine(since)]

    @staticmethod
    def _stamped(ticket: Ticket) -> Ticket:
        return dataclasses.replace(ticket, created_at=SUBMITTED, updated_at=SUBMITTED)


def targets(**values: Any) -> Config:
    return make_config(
        **{
            "backend.type": "rt",
            "answers.targets": {"high": 4},
            "answers.hours": "Mon–Fri 8:00–18:00",
            "answers.holidays": "DE-BY",
            **values,
        }
    )


def shown(label: QLabel) -> str:
    return label.text() if not label.isHidden() else ""


def test_review_done_and_my_requests_keep_one_promise(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    config = targets()
    desk = StampedDesk(root)
    ctx = make_context(root, config, desk, runner=InlineRunner())
    ctx.clock = lambda: SUBMITTED
    assert ctx.form.priority.value == "high"  # several people, slowed down: high

    review = ReviewPage(ctx)
    qtbot.addWidget(review)
    review.initializePage()
    assert shown(review.answer_time) == PROMISE

    ctx.item = ctx.submission.deliver(ctx.submission.enqueue(ctx.prepare()).client_ref)
    done = DonePage(ctx)
    qtbot.addWidget(done)
    done.initializePage()
    assert done.subTitle() == "Your request has reached support."
    assert shown(done.answer_time) == PROMISE

    window = RequestsWindow(
        config, InlineRunner(), ctx.submission, select_ticket=ctx.item.ticket_id
    )
    qtbot.addWidget(window)
    window.clock = lambda: datetime(2026, 4, 7, 10, 0).astimezone()
    window.show()
    line = window.conversation.answer_time
    qtbot.waitUntil(lambda: bool(shown(line)), timeout=5000)
    window.show_answer_time()  # the clock was set after the window counted
    assert shown(line) == (
        "Answer expected by about Tuesday 11:00: support usually answers high-priority "
        "requests within 4 working hours."
    )
    window.clock = lambda: DUE  # the moment passes while the window is open
    window.show_answer_time()
    assert shown(line).startswith("Later than expected: support usually answers high-priority")
    assert "(by about Tuesday 11:00)" in shown(line)
    assert line.property("role") == "muted"  # a calm sentence, not an alarm colour

    desk.add_agent_reply(ctx.item.ticket_id, "Sam from IT", "On my way.")
    window.refresh()
    window.list_panel.select_key(f"ticket:{ctx.item.ticket_id}")
    window._on_row(window.list_panel.selected_row(), force=True)
    assert shown(line) == ""  # support answered: the promise is kept, nothing more to say


@pytest.mark.parametrize(
    "values",
    [
        {"answers.targets": {}},  # no target configured (and none from the helpdesk)
        {"backend.type": "local"},  # nothing is sent: nobody at support will answer
        {"answers.hours": "", "branding.support_hours": "Ring us any time"},  # hours unreadable
    ],
)
def test_no_promise_is_shown_without_a_target(
    qtbot: Any, isolated_dirs: dict[str, Path], values: dict[str, Any]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    ctx = make_context(root, targets(**values), StampedDesk(root), runner=InlineRunner())
    ctx.clock = lambda: SUBMITTED
    review = ReviewPage(ctx)
    qtbot.addWidget(review)
    review.initializePage()
    assert shown(review.answer_time) == ""
    ctx.item = ctx.submission.deliver(ctx.submission.enqueue(ctx.prepare()).client_ref)
    done = DonePage(ctx)
    qtbot.addWidget(done)
    done.initializePage()
    assert shown(done.answer_time) == ""


def test_while_it_waits_to_be_sent_done_gives_no_date(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    """The clock starts when support has the request: a waiting request gets the habit
    ("within 4 working hours of reaching support"), not a date that may already be wrong."""
    root = isolated_dirs["data"] / "helpline"
    ctx = make_context(root, targets(), StampedDesk(root), runner=InlineRunner())
    ctx.clock = lambda: SUBMITTED
    ctx.item = ctx.submission.enqueue(ctx.prepare())  # not delivered yet
    done = DonePage(ctx)
    qtbot.addWidget(done)
    done.initializePage()
    assert shown(done.answer_time) == (
        "Once it has reached support, they usually answer high-priority requests within "
        "4 working hours."
    )
    assert "Tuesday" not in shown(done.answer_time)
