"""Screens for issue 18's answer times and closure, rendered by scripts/screenshots.py.

Kept beside it so the main script's flow stays as it was: Review and Done with IT's target
("by about Tuesday 11:00"), My requests with "answer expected by …" and "later than expected",
and "Is it solved?" with its rating. The clock is fixed (Thursday before Easter 2026, 17:00 on
this computer's clock; Bavaria's holidays), so the pictures do not change from day to day.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SUBMITTED = datetime(2026, 4, 2, 17, 0).astimezone()
TARGETS = {
    "answers.targets": {"critical": 2, "high": 4, "normal": 16, "low": 40},
    "answers.holidays": "DE-BY",
    "answers.timezone": "",  # this computer's zone: the pictures read the same anywhere
}


def _stamped_desk(root: Path) -> Any:
    """A helpdesk on this computer that says each request arrived at ``SUBMITTED``."""
    from app.backends.local import LocalBackend

    class StampedDesk(LocalBackend):
        name = "http"  # pictured as a connected helpdesk, as the other screens are

        def capabilities(self) -> Any:  # no "kept on this computer" notes, as GatedBackend
            return dataclasses.replace(super().capabilities(), limits_code="", limits_note="")

        def create(self, ticket: Any) -> Any:
            return self._stamped(super().create(ticket))

        def get(self, ticket_id: str) -> Any:
            return self._stamped(super().get(ticket_id))

        def list_mine(self, since: Any = None) -> Any:
            return [self._stamped(t) for t in super().list_mine(since)]

        @staticmethod
        def _stamped(ticket: Any) -> Any:
            return dataclasses.replace(ticket, created_at=SUBMITTED)

    return StampedDesk(root)


def render_answers(
    config: Any,
    root: Path,
    runner: Any,
    attachment: Path,
    camera: Any,
    with_evidence: Callable[[Any], None],
    fill_form: Callable[[Any, Path], None],
    fake_desktop: Callable[[], Any],
) -> None:
    from app.core.model import Level
    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.pages.ids import PageId
    from app.ui.requests.window import RequestsWindow
    from app.ui.wizard import HelpWizard

    local = copy.copy(config)
    local.values = dict(config.values, **TARGETS)
    folder = root / "answer-times"
    folder.mkdir(parents=True, exist_ok=True)
    desk = _stamped_desk(folder)
    submission = Submission(local, root=folder, backend_factory=lambda _c: desk)
    ctx = WizardContext(local, submission, runner, screenshot=fake_desktop())
    ctx.clock = lambda: SUBMITTED
    fill_form(ctx.form, attachment)
    ctx.form.impact, ctx.form.urgency = Level.MEDIUM, Level.HIGH  # high priority
    wizard = HelpWizard(ctx)
    wizard.show()
    with_evidence(ctx)
    for _ in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE, PageId.REVIEW):
        wizard.next()
    camera.shoot(wizard, "answer-1-review")
    wizard.next()
    camera.wait_for(lambda: wizard.currentId() == PageId.DONE)
    camera.settle()
    camera.shoot(wizard, "answer-2-done")
    wizard.hide()

    ticket_id = ctx.item.ticket_id if ctx.item is not None else "1"
    window = RequestsWindow(local, runner, submission, select_ticket=ticket_id)
    window.clock = lambda: SUBMITTED + timedelta(hours=20)
    window.resize(1000, 700)
    window.show()
    camera.wait_for(lambda: window.conversation.answer_time.isVisible())
    window.show_answer_time()
    camera.shoot(window, "answer-3-requests-expected")
    window.clock = lambda: SUBMITTED + timedelta(days=6)
    window.show_answer_time()
    camera.shoot(window, "answer-4-requests-late")

    desk.add_agent_reply(ticket_id, "Sam Okafor (Service Desk)", "Replaced the toner sensor.")
    desk.set_resolved(ticket_id)
    window.refresh()
    camera.settle(800)
    window._on_row(window.list_panel.selected_row(), force=True)
    panel = window.closure.panel
    camera.wait_for(panel.isVisible)
    camera.shoot(window, "closure-1-question")
    panel.yes_button.click()
    panel.bad_button.click()
    panel.comment.setText("Works now, but it took a week.")
    camera.shoot(window, "closure-2-rating")
    panel.send_button.click()
    camera.settle()
    camera.shoot(window, "closure-3-thanks")
    window.close()
