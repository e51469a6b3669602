"""The session keeps its promises when the last window closes (issue 15).

Closing the last window used to end Helpline with a request still queued; nothing sent it
until someone opened Helpline again. Now the session stays as the background sender while
anything waits (and only then), says in a notification when it reached support, and ends
once nothing waits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.backends.local import LocalBackend
from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.helpdesk import TemporaryError
from app.core.model import NewTicket, Requester, Ticket
from app.services import sender
from app.services.filing import Submission
from app.ui.session import Session
from app.ui.tasks import InlineRunner


class Flaky(LocalBackend):
    """A helpdesk that cannot be reached until ``up`` is set."""

    up = False

    def create(self, ticket: NewTicket) -> Ticket:
        if not self.up:
            raise TemporaryError(code="timeout")
        return super().create(ticket)


@pytest.fixture
def config() -> Config:
    config = load(env={})
    config.values["backend.type"] = "http"  # anything but the local store: it leaves
    config.values["outbox.retry_seconds"] = config.values["outbox.retry_max_seconds"] = 0.01
    return config


def queued_session(qapp: Any, config: Config, root: Path) -> tuple[Session, Flaky, list[str]]:
    backend = Flaky(root / "helpdesk")
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    session = Session(config, InlineRunner(), qapp, submission=submission)
    session.start_services()
    form = RequestForm(
        requester=Requester(name="Ann", email="ann@example.org"),
        summary="Printer jams",
        happened="Every page",
    )
    item = submission.enqueue(submission.prepare(form))
    submission.deliver(item.client_ref)  # the Sending page's attempt: the helpdesk is down
    ended: list[str] = []
    session.quit = lambda: ended.append("quit")  # type: ignore[method-assign]
    return session, backend, ended


def test_closing_the_last_window_hands_what_waits_to_the_background_sender(
    qapp: Any,
    config: Config,
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window process ends; the lean ``helpline sender`` takes over (issue 15)."""
    root = isolated_dirs["data"] / "helpline"
    session, _backend, ended = queued_session(qapp, config, root)
    session.config_args = ["--set", "branding.name=Acme"]
    spawned: list[list[str]] = []

    def spawn(config_args: list[str]) -> int:
        assert not session.lock.held  # released first: the sender must be able to take it
        spawned.append(list(config_args))
        return 4242

    monkeypatch.setattr(sender, "spawn", spawn)
    session.last_window_closed()
    assert spawned == [["--set", "branding.name=Acme"]]
    assert ended == ["quit"] and sender.holder(root) is None


def test_closing_the_last_window_with_nothing_waiting_ends_at_once(
    qapp: Any, config: Config, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    session, backend, ended = queued_session(qapp, config, root)
    backend.up = True
    session.submission.outbox.deliver_due(backend, force=True)
    session.last_window_closed()
    assert ended == ["quit"] and not session.lock.held


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_welcome_leads_to_what_waits_when_no_tray_shows_it(
    qapp: Any, config: Config, isolated_dirs: dict[str, Path], qtbot: Any
) -> None:
    """Without a tray, the way to a waiting request is Welcome's line: My requests opens on
    "Waiting to be sent"."""
    from app.ui.models import OUTBOX

    root = isolated_dirs["data"] / "helpline"
    session, _backend, _ended = queued_session(qapp, config, root)
    wizard = session.open_wizard(form=RequestForm())
    qtbot.addWidget(wizard)
    welcome = wizard.welcome
    assert welcome.waiting_button.isVisibleTo(wizard)
    assert welcome.waiting_note.text() == "1 request is waiting to be sent; it goes out by itself."
    welcome.waiting_button.click()
    window = session.requests_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.list_panel.status_filter.currentData() == OUTBOX
    session.polling.stop()


def test_the_tray_asks_before_continuing_a_draft_as_a_fresh_start_does(
    qapp: Any,
    config: Config,
    isolated_dirs: dict[str, Path],
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15: the tray's New request continued a draft silently while a fresh start
    asked. Both go through the session's one opener, which asks."""
    from app.ui import wizard_start
    from app.ui.tray import Tray

    root = isolated_dirs["data"] / "helpline"
    submission = Submission(config, root=root, backend_factory=lambda _c: Flaky(root / "hd"))
    submission.drafts.save(RequestForm(summary="Half-written printer request"))
    asked: list[object] = []
    monkeypatch.setattr(
        wizard_start, "ask_continue_draft", lambda when: asked.append(when) or False
    )
    session = Session(config, InlineRunner(), qapp, submission=submission)
    tray = Tray(config, session)
    tray.newRequest.connect(lambda: session.open_wizard())
    tray.new_action.trigger()
    (wizard,) = session.wizards
    qtbot.addWidget(wizard)
    assert len(asked) == 1  # asked, and declined: a fresh form, the draft forgotten
    assert wizard.ctx.form.summary == "" and submission.drafts.load() is None
    tray.close()


def test_welcome_does_not_count_a_reply_as_a_request(
    qtbot: Any, config: Config, isolated_dirs: dict[str, Path]
) -> None:
    """A reply or a "Still not fixed" kept in the outbox is a message to support, not a
    request of its own: Welcome said "2 requests are waiting to be sent" for two replies."""
    from app.ui.context import WizardContext
    from app.ui.pages.welcome import WelcomePage, _waiting

    root = isolated_dirs["data"] / "helpline"
    submission = Submission(config, root=root, backend_factory=lambda _c: Flaky(root))
    submission.outbox.add_reply("7", "Any news?", [])
    submission.outbox.add_reply("7", "Still broken.", [], reopen=True)
    assert _waiting(submission) == (0, 2)
    page = WelcomePage(WizardContext(config, submission, InlineRunner()))
    qtbot.addWidget(page)
    page.set_waiting(_waiting(submission))
    assert page.waiting_note.text() == (
        "Waiting to be sent (they go out by themselves): 2 messages to support."
    )
    page.set_waiting((1, 1))
    assert page.waiting_note.text() == (
        "Waiting to be sent (they go out by themselves): 1 request, 1 message to support."
    )
