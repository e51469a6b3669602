"""Every window, fed hostile values, shows them as written (issue 17, item 1).

Each test opens a window or dialog with ``<img src=…>`` in whatever comes from outside
(ticket subjects and references, statuses, replies, the helpdesk's notes, config and
branding texts, a link's values) and walks every label, button, tooltip and item tooltip
(:func:`tests.ui.rich_text_walk.offenders`): none may be rich text that obeys the tag.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.backends.local import LocalBackend
from app.core import paths
from app.core.cache import StatusChange, TicketCache
from app.core.config import load
from app.core.deeplink import DeepLinkError
from app.core.helpdesk import Capabilities, TemporaryError
from app.core.model import NewTicket, Requester, Status, Ticket
from app.core.polling import Change
from app.services.filing import Submission
from app.ui.app import error_box
from app.ui.crash import crash_dialog
from app.ui.notify import Notifier
from app.ui.pages.ids import PageId
from app.ui.pages.problem_extras import DuplicateHint
from app.ui.plain import notification_text, tip
from app.ui.requests.conversation import ConversationView
from app.ui.requests.window import RequestsWindow
from app.ui.settings_window import SettingsWindow
from app.ui.tasks import InlineRunner
from tests.ui.rich_text_walk import HOSTILE, MARKER, RAW_TAG, offenders, shown_literally
from tests.ui.test_pages_last import _finish_background_work  # noqa: F401 - autouse
from tests.ui.test_wizard_flow import make_wizard

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DEV_ZERO = '<img src="/dev/zero">'


class HostileLocal(LocalBackend):
    """The local store, with the helpdesk's words replaced by hostile ones."""

    def capabilities(self) -> Capabilities:
        return Capabilities(attachments=False, reply=False, limits_note=HOSTILE)

    def create(self, ticket: NewTicket) -> Ticket:
        return dataclasses.replace(super().create(ticket), display_ref=HOSTILE)


class HostileDown(HostileLocal):
    def create(self, ticket: NewTicket) -> Ticket:
        raise TemporaryError(HOSTILE)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        raise TemporaryError(HOSTILE)


@pytest.mark.parametrize("backend", [HostileLocal, HostileDown])
def test_every_wizard_page_shows_hostile_values_as_written(qtbot: Any, backend: type) -> None:
    wiz = make_wizard(qtbot, backend_factory=lambda _c: backend(paths.data_dir()))
    ctx = wiz.ctx
    for key in ("branding.support_hours", "branding.support_phone"):
        ctx.config.values[key] = HOSTILE
    ctx.form.requester = Requester(name=HOSTILE, email="grace@example.org")
    ctx.form.category = "network"
    ctx.form.summary = HOSTILE
    ctx.form.happened = HOSTILE
    seen = [(PageId.WELCOME, offenders([wiz]))]
    for page in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE, PageId.REVIEW):
        wiz.next()
        qtbot.waitUntil(lambda page=page: wiz.currentId() == page, timeout=5000)
        seen.append((page, offenders([wiz])))
    review = wiz.currentPage()
    assert shown_literally(review.findChild(QLabel, "review_summary"))
    wiz.next()  # Send
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.SENDING, timeout=5000)
    qtbot.waitUntil(wiz.currentPage().isComplete, timeout=10000)
    seen.append((PageId.SENDING, offenders([wiz])))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.DONE, timeout=5000)
    seen.append((PageId.DONE, offenders([wiz])))
    assert [(page, found) for page, found in seen if found] == []
    ctx.runner.wait()


def test_my_requests_shows_hostile_values_as_written(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    config = load(env={})
    backend = HostileLocal(root)
    ticket = backend.create(NewTicket(HOSTILE, HOSTILE, Requester("Ada"), "ref-1"))
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket.id)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: MARKER in win.conversation.heading.text(), timeout=10_000)
    win._changed([Change(ticket.id, HOSTILE, HOSTILE, frozenset({"reply"}), author=HOSTILE)])
    assert win.news.isVisible() and shown_literally(win.news)
    win.conversation.timeline.set_history([StatusChange(Status.OPEN, HOSTILE, T0)])
    win.status_line.setText(HOSTILE)
    assert offenders([win]) == []
    assert shown_literally(win.conversation.heading)


def test_a_subject_naming_dev_zero_is_never_read(qtbot: Any) -> None:
    """The issue's own value, on a view that is never painted (an unfixed build would read
    ``/dev/zero`` until it is killed): the label holds the tag as characters."""
    view = ConversationView()
    qtbot.addWidget(view)
    subject = f"{DEV_ZERO}Printer"
    view.show_thread(Ticket("1", subject, Status.OPEN, T0, T0, display_ref="#1"), [], [])
    assert view.heading.textFormat() == Qt.TextFormat.PlainText
    assert DEV_ZERO in view.heading.text()


def test_the_duplicate_hint_shows_a_subject_as_written(qtbot: Any, tmp_path: Path) -> None:
    hint = DuplicateHint(InlineRunner(), TicketCache(tmp_path))
    qtbot.addWidget(hint)
    hint.text.setText(HOSTILE)
    assert offenders([hint]) == [] and shown_literally(hint.text)


def test_the_link_error_dialog_shows_the_links_values_as_written(qtbot: Any) -> None:
    box = error_box(DeepLinkError("unknown_category", given=HOSTILE, choices="printer"), load())
    qtbot.addWidget(box)
    assert MARKER in box.informativeText()
    assert offenders([box]) == []
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative is not None and shown_literally(informative)


def test_the_crash_dialog_shows_the_log_path_as_written(qtbot: Any) -> None:
    box, _report = crash_dialog(Path(f"/tmp/{HOSTILE}/crash.log"))
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox) and MARKER in box.informativeText()
    assert offenders([box]) == []


def test_settings_show_config_values_as_written(qtbot: Any) -> None:
    config = load(env={})
    config.values["branding.support_hours"] = HOSTILE
    window = SettingsWindow(config)
    qtbot.addWidget(window)
    assert offenders([window]) == []


def test_a_tooltip_shows_any_text_as_written() -> None:
    assert tip("Plain words") == "Plain words"
    assert tip(HOSTILE).startswith("<qt>") and RAW_TAG not in tip(HOSTILE)
    assert tip("a <b>c</b>\nd").endswith("a &lt;b&gt;c&lt;/b&gt;<br/>d</qt>")


class RecordingTray:
    """Stands in for the tray icon: visible, and keeps what it was asked to show."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def isVisible(self) -> bool:
        return True

    def showMessage(self, title: str, text: str, *_: Any) -> None:
        self.shown.append((title, text))


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="plain balloons there")
def test_notifications_escape_the_body_for_the_desktops_markup(qapp: Any) -> None:
    notifier = Notifier(load(env={}))
    tray = RecordingTray()
    notifier.tray = tray  # type: ignore[assignment]
    notifier.show("#1: subject", HOSTILE, "1")
    [(title, body)] = tray.shown
    assert title == "#1: subject" and RAW_TAG not in body and body == notification_text(HOSTILE)
    assert "&lt;img" in body
