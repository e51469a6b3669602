"""'Is it solved?' in the notification and in My requests, on a helpdesk on this computer.

The RT walk (resolved in RT → notification → Yes + 👎 + comment → the comment in RT) is
tests/backends/test_rt_closure.py; the satisfaction APIs are tests/backends/test_satisfaction.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.backends.local import LocalBackend
from app.core.cache import TicketCache
from app.core.closure import ClosureLedger, resolution
from app.core.config import Config, load
from app.core.model import NewTicket, Requester
from app.services.filing import Submission
from app.ui.notify import Notifier, PollService
from app.ui.requests.window import RequestsWindow
from app.ui.session import Session
from app.ui.tasks import InlineRunner
from tests import notify_send_stub
from tests.ui.test_pages_last import _finish_background_work  # noqa: F401 - autouse


def resolved_by_support(
    root: Path, config: Config
) -> tuple[Submission, PollService, LocalBackend, str, list[tuple[str, str, str]]]:
    desk = LocalBackend(root)
    submission = Submission(config, root=root, backend_factory=lambda _c: desk)
    polling = PollService(submission, InlineRunner(), TicketCache(root))
    notifier = Notifier(config)
    shown: list[tuple[str, str, str]] = []
    notifier.shown.connect(lambda *args: shown.append(args))
    polling.changed.connect(notifier.notify)
    ticket = desk.create(NewTicket("Printer jams", "b", Requester("Ada"), client_ref="r1"))
    polling.poll_now()
    desk.add_agent_reply(ticket.id, "Sam from IT", "Cleared the paper path.")
    desk.set_resolved(ticket.id)
    polling.poll_now()
    return submission, polling, desk, ticket.id, shown


def window(qtbot: Any, config: Config, submission: Submission, ticket_id: str) -> RequestsWindow:
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket_id)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.list_panel.selected_key() == f"ticket:{ticket_id}", timeout=5000)
    return win


def test_the_notification_asks_once_and_still_not_fixed_goes_to_the_reopening(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    config = load(env={})
    root = isolated_dirs["data"] / "helpline"
    submission, polling, _desk, ticket_id, shown = resolved_by_support(root, config)
    [(_title, text, about)] = shown
    assert about == ticket_id and "Is it solved? Open the request to tell support." in text
    polling.poll_now()
    assert len(shown) == 1  # never twice

    win = window(qtbot, config, submission, ticket_id)
    panel = win.closure.panel
    assert panel.isVisible() and panel.not_fixed_button.isVisible()
    assert not panel.good_button.isVisible()  # the rating comes after Yes, not before
    panel.not_fixed_button.click()
    assert not panel.isVisible()
    assert win.reply_box.state.text() == (
        "Please write what still goes wrong, then press Still not fixed again."
    )
    ledger = ClosureLedger(root)
    key = resolution(polling.cache.status_history(ticket_id))
    assert not ledger.should_ask(ticket_id, key)
    assert not window(qtbot, config, submission, ticket_id).closure.panel.isVisible()


def test_with_rating_switched_off_yes_only_thanks(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    config = load(env={})
    config.values["closure.rating"] = False
    submission, _polling, _desk, ticket_id, _shown = resolved_by_support(
        isolated_dirs["data"] / "helpline", config
    )
    panel = window(qtbot, config, submission, ticket_id).closure.panel
    panel.yes_button.click()
    assert panel.state.text() == "Thank you. The request stays solved."
    assert not panel.good_button.isVisible() and not panel.comment.isVisible()
    assert not submission.outbox.items(include_sent=True)  # nothing was sent


def test_feedback_on_the_local_store_says_nobody_has_it(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    config = load(env={})
    submission, _polling, desk, ticket_id, _shown = resolved_by_support(
        isolated_dirs["data"] / "helpline", config
    )
    panel = window(qtbot, config, submission, ticket_id).closure.panel
    panel.yes_button.click()
    panel.good_button.click()
    panel.bad_button.click()  # one or the other, never both
    assert not panel.good_button.isChecked() and panel.bad_button.isChecked()
    panel.good_button.click()
    panel.send_button.click()
    assert panel.state.text() == (
        "Thank you. Your feedback is kept on this computer; no helpdesk is connected."
    )
    assert "Rating: 👍 satisfied" in desk.messages(ticket_id)[-1].body


def test_solving_it_oneself_is_the_answer(qtbot: Any, isolated_dirs: dict[str, Path]) -> None:
    config = load(env={})
    root = isolated_dirs["data"] / "helpline"
    desk = LocalBackend(root)
    submission = Submission(config, root=root, backend_factory=lambda _c: desk)
    ticket = desk.create(NewTicket("VPN", "b", Requester("Ada"), client_ref="r2"))
    win = window(qtbot, config, submission, ticket.id)
    win.reply_box.solved_button.click()
    win._on_row(win.list_panel.selected_row(), force=True)
    assert not win.closure.panel.isVisible()  # nobody asks the person who just said so


@pytest.mark.parametrize("answer", ["solved", "not_fixed"])
def test_answering_in_the_desktop_notification_opens_the_request_with_that_answer(
    qtbot: Any,
    qapp: Any,
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    """Issue 18: the notification itself offers "Is it solved?" (no tray: the desktop's
    notification service, whose actions libnotify's notify-send prints when chosen;
    https://gitlab.gnome.org/GNOME/libnotify/-/blob/master/docs/notify-send.xml). The
    answer opens the request with it given: Yes leads to the optional rating, Still not
    fixed to the reopening; nothing is sent from the notification."""
    calls = tmp_path / "calls.txt"
    folder = notify_send_stub.install(tmp_path / "bin", calls, answer=answer)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    config = load(env={})
    root = isolated_dirs["data"] / "helpline"
    desk = LocalBackend(root)
    submission = Submission(config, root=root, backend_factory=lambda _c: desk)
    session = Session(config, InlineRunner(), qapp, submission=submission)
    polling = PollService(submission, InlineRunner(), TicketCache(root))
    polling.changed.connect(session.notifier.notify)
    ticket = desk.create(NewTicket("Printer jams", "b", Requester("Ada"), client_ref="r3"))
    polling.poll_now()
    desk.set_resolved(ticket.id)
    polling.poll_now()

    qtbot.waitUntil(lambda: session.requests_window is not None, timeout=10000)
    win = session.requests_window
    assert win is not None
    qtbot.addWidget(win)
    words = calls.read_text("utf-8").splitlines()
    assert "--action=solved=Yes, it is solved" in words
    assert "--action=not_fixed=Still not fixed" in words
    panel = win.closure.panel
    if answer == "solved":
        qtbot.waitUntil(lambda: panel.good_button.isVisible(), timeout=5000)
        assert not panel.yes_button.isVisible()  # answered: the rating is what is left
    else:
        qtbot.waitUntil(
            lambda: (
                win.reply_box.state.text()
                == "Please write what still goes wrong, then press Still not fixed again."
            ),
            timeout=5000,
        )
        assert not panel.isVisible()
    assert win.list_panel.selected_key() == f"ticket:{ticket.id}"
    key = resolution(polling.cache.status_history(ticket.id))
    assert not ClosureLedger(root).should_ask(ticket.id, key)  # asked once: answered
    assert not submission.outbox.items(include_sent=True)  # nothing sent from the notice
