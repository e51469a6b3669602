"""The whole wizard, driven like a person with a keyboard, into the local backend.

Every page is visited; text is typed with key clicks, focus moves with Tab
and mnemonics, Next is pressed with Alt+N or Enter and Send with Alt+S. The
stored ticket must then hold the identity, every answer (including the
category's own question), the priority and all three kinds of attachment.
Evidence is fixed (a painted screenshot, a fixed system-info dict) so the
test is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from app.backends.local import LocalBackend
from app.collectors import sysinfo
from app.core import paths
from app.core.config import load
from app.core.helpdesk import TemporaryError
from app.core.model import NewTicket, Requester, Ticket
from app.core.outbox import State
from app.services.filing import Submission
from app.ui.context import WizardContext
from app.ui.pages.ids import PageId
from app.ui.wizard import HelpWizard
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here too
    SYSTEM_INFO,
    _finish_background_work,
    fake_screenshot,
    png_bytes,
    session_runner,
)

ALT = Qt.KeyboardModifier.AltModifier


def make_wizard(qtbot: Any, backend_factory: Any = None) -> HelpWizard:
    config = load(env={})
    config.values.update(
        {
            "branding.name": "Example IT",
            "branding.support_hours": "Mon–Fri 8:00–18:00",
            "branding.support_phone": "+49 30 1234567",
            "branding.support_email": "help@example.org",
        }
    )
    extra = {"backend_factory": backend_factory} if backend_factory else {}
    submission = Submission(config, root=paths.data_dir(), **extra)
    ctx = WizardContext(config, submission, session_runner(), screenshot=fake_screenshot())
    ctx.screenshot_png = png_bytes(ctx.screenshot)  # type: ignore[arg-type]
    ctx.system_info = SYSTEM_INFO
    ctx.system_info_text = sysinfo.render_text(SYSTEM_INFO)
    ctx.system_info_json = sysinfo.to_json(SYSTEM_INFO)
    wiz = HelpWizard(ctx)
    qtbot.addWidget(wiz)
    with qtbot.waitExposed(wiz):
        wiz.show()
    with qtbot.waitActive(wiz):  # mnemonics reach only the active window
        wiz.activateWindow()
    return wiz


@pytest.fixture
def wizard(qtbot: Any) -> Iterator[HelpWizard]:
    wiz = make_wizard(qtbot)
    yield wiz
    wiz.ctx.runner.wait()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: Any, text: str) -> None:
    """Type into whatever has the keyboard focus, as a person would."""
    qtbot.keyClicks(focused(), text)


def tab(qtbot: Any) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def alt(qtbot: Any, key: Qt.Key) -> None:
    """A mnemonic, pressed wherever the keyboard is (the window, if a hidden button had it)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    qtbot.keyClick(target, key, ALT)


def go_next(qtbot: Any, wiz: HelpWizard, expected: PageId) -> None:
    alt(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: wiz.currentId() == expected, timeout=5000)


def send(qtbot: Any, wiz: HelpWizard) -> None:
    """Alt+S on Review once its button is enabled, as a person waits for it: the page
    reads and scans the attached files on a worker first (a disabled button's mnemonic
    does nothing; pressing it earlier made these tests flaky under load)."""
    commit = wiz.button(wiz.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: commit.isVisible() and commit.isEnabled(), timeout=10000)
    alt(qtbot, Qt.Key.Key_S)


def drop_file(page: QWidget, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)


def test_the_whole_wizard_by_keyboard_files_a_complete_ticket(
    qtbot: Any, wizard: HelpWizard, tmp_path: Path
) -> None:
    wiz, ctx = wizard, wizard.ctx
    assert wiz.currentId() == PageId.WELCOME
    wiz.button(wiz.WizardButton.NextButton).setFocus()

    # Welcome -> About you
    go_next(qtbot, wiz, PageId.ABOUT_YOU)
    alt(qtbot, Qt.Key.Key_F)  # the "Full name" label's buddy
    assert focused().objectName() == "nameEdit"
    type_text(qtbot, "Ada Lovelace")
    tab(qtbot)
    assert focused().objectName() == "emailEdit"
    type_text(qtbot, "ada@example.org")
    tab(qtbot)
    type_text(qtbot, "C-1815")
    tab(qtbot)
    type_text(qtbot, "Analytical Engines Ltd")
    tab(qtbot)
    assert focused().objectName() == "phoneEdit"
    type_text(qtbot, "+44 20 7946 0000")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter presses Next
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.PROBLEM, timeout=5000)

    # The problem, with the printer category's own question
    alt(qtbot, Qt.Key.Key_C)
    combo = focused()
    assert isinstance(combo, QComboBox)
    for _ in range(combo.count() + 1):
        if combo.currentData() == "printer":
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert ctx.form.category == "printer"
    tab(qtbot)
    assert focused().objectName() == "question_printer_name"
    type_text(qtbot, "HP-2F-EAST by the kitchen")
    tab(qtbot)
    assert focused().objectName() == "summaryEdit"
    type_text(qtbot, "Printer on floor 2 prints blank pages")
    answers = [
        "Printing the monthly report from Excel",
        "The printer feeds paper but every page comes out blank",
        "Error 0x8004: toner not detected",
        "Printed pages with the report",
        "Excel, printer HP-2F-EAST",
        "Since this morning, every time",
    ]
    for answer in answers:
        tab(qtbot)
        type_text(qtbot, answer)
    alt(qtbot, Qt.Key.Key_A)  # Who is affected?
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # just me -> my team
    alt(qtbot, Qt.Key.Key_U)  # How urgent is it?
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # slows me down -> cannot work
    assert (ctx.form.impact.value, ctx.form.urgency.value) == ("medium", "high")
    go_next(qtbot, wiz, PageId.EVIDENCE)

    # Evidence: both kinds of collected evidence stay in, plus one file of the user's
    evidence = wiz.currentPage()
    log = tmp_path / "printer-queue.log"
    log.write_text("job 41 failed: toner not detected\n" * 20)
    drop_file(evidence, log)
    assert evidence.findChild(QWidget, "includeScreenshot").isChecked()
    assert evidence.findChild(QWidget, "includeSystemInfo").isChecked()
    go_next(qtbot, wiz, PageId.REVIEW)

    # Review shows what will go; Alt+S sends it
    review = wiz.currentPage()
    commit = wiz.button(wiz.WizardButton.CommitButton)
    # The request is prepared and the files scanned on a worker: the page fills in, then
    # the button is enabled.
    qtbot.waitUntil(lambda: commit.isVisible() and commit.isEnabled(), timeout=10000)
    body = review.findChild(QWidget, "reviewBody").toPlainText()
    assert "HP-2F-EAST by the kitchen" in body and "Priority: high" in body
    send(qtbot, wiz)

    # Sending goes on to Done by itself
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.DONE, timeout=10000)
    assert ctx.item is not None and ctx.item.state is State.SENT
    done = wiz.currentPage()
    number = done.findChild(QWidget, "ticketNumber").text()
    assert number == ctx.item.ticket_ref

    backend = LocalBackend(paths.data_dir())
    [ticket] = backend.list_mine()
    assert ticket.ref == number
    assert ticket.subject == "Printer on floor 2 prints blank pages"
    assert ticket.client_ref == ctx.form.client_ref
    details = backend.details(ticket.id)
    assert details["requester"] == {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "customer_id": "C-1815",
        "organization": "Analytical Engines Ltd",
        "phone": "+44 20 7946 0000",
    }
    assert details["category"] == "printer"
    assert details["priority"] == "high"
    fields = details["fields"]
    assert [
        fields[k] for k in ("doing", "happened", "error_text", "expected", "where", "since")
    ] == answers
    assert fields["q.printer_name"] == "HP-2F-EAST by the kitchen"
    assert (fields["impact"], fields["urgency"]) == ("medium", "high")
    [message] = backend.messages(ticket.id)
    assert message.from_requester and message.author == "Ada Lovelace"
    for answer in [*answers, "HP-2F-EAST by the kitchen", "Priority: high"]:
        assert answer in message.body
    stored = {a.filename: a for a in message.attachments}
    assert set(stored) == {
        "printer-queue.log",
        "screenshot.png",
        "system-info.txt",
        "system-info.json",
    }
    assert Path(stored["printer-queue.log"].path or "").read_bytes() == log.read_bytes()
    assert Path(stored["screenshot.png"].path or "").read_bytes() == ctx.screenshot_png
    assert "Intel Core i5-8250U" in Path(stored["system-info.txt"].path or "").read_text()
    assert stored["screenshot.png"].kind == "screenshot"
    assert ctx.submission.outbox.items() == []
    assert ctx.submission.drafts.load() is None


class DownBackend(LocalBackend):
    """A helpdesk that cannot be reached."""

    def create(self, ticket: NewTicket) -> Ticket:
        raise TemporaryError("connection refused")

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        raise TemporaryError("connection refused")


def test_when_the_helpdesk_is_down_the_user_is_told_and_the_request_waits(qtbot: Any) -> None:
    wiz = make_wizard(qtbot, backend_factory=lambda _c: DownBackend(paths.data_dir()))
    ctx = wiz.ctx
    ctx.form.requester = Requester(name="Grace Hopper", email="grace@example.org")
    ctx.form.category = "network"
    ctx.form.summary = "VPN does not connect"
    ctx.form.happened = "The VPN client says the server cannot be reached."
    wiz.button(wiz.WizardButton.NextButton).setFocus()
    for page in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE, PageId.REVIEW):
        go_next(qtbot, wiz, page)
    send(qtbot, wiz)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.SENDING, timeout=5000)
    sending = wiz.currentPage()
    qtbot.waitUntil(sending.isComplete, timeout=10000)
    result = sending.findChild(QWidget, "sendingResult").text()
    assert result.startswith(
        "Your request is safe on this computer and will be sent "
        "automatically as soon as the helpdesk can be reached."
    )
    assert wiz.currentId() == PageId.SENDING  # no automatic move: the user reads this first
    assert not wiz.button(wiz.WizardButton.BackButton).isEnabled()
    alt(qtbot, Qt.Key.Key_C)  # Continue
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.DONE, timeout=5000)
    assert wiz.currentPage().findChild(QWidget, "ticketNumber").text() == "Waiting to be sent"
    [waiting] = ctx.submission.outbox.items()
    assert waiting.client_ref == ctx.form.client_ref
    assert waiting.state is State.FAILED and waiting.auto_retry
    assert LocalBackend(paths.data_dir()).list_mine() == []
    ctx.runner.wait()


def test_a_file_gone_before_sending_keeps_the_user_in_the_wizard_with_a_way_back(
    qtbot: Any, tmp_path: Path
) -> None:
    wiz = make_wizard(qtbot)
    ctx = wiz.ctx
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 ...")
    ctx.form.requester = Requester(name="Grace Hopper", email="grace@example.org")
    ctx.form.category = "computer"
    ctx.form.summary = "Report does not open"
    ctx.form.files = [str(report)]
    wiz.button(wiz.WizardButton.NextButton).setFocus()
    for page in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE, PageId.REVIEW):
        go_next(qtbot, wiz, page)
    commit = wiz.button(wiz.WizardButton.CommitButton)
    qtbot.waitUntil(commit.isEnabled, timeout=10000)  # Review has read and shown the file
    report.unlink()  # moved away while the user was reading the review
    alt(qtbot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.SENDING, timeout=5000)
    sending = wiz.currentPage()
    back = sending.findChild(QWidget, "backToReview")
    qtbot.waitUntil(back.isVisible, timeout=10000)
    assert (
        "The file report.pdf is no longer there"
        in sending.findChild(QWidget, "sendingResult").text()
    )
    assert ctx.item is None and ctx.submission.outbox.items() == []
    alt(qtbot, Qt.Key.Key_R)  # Back to the review
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.REVIEW, timeout=5000)
    assert not wiz.button(wiz.WizardButton.CommitButton).isEnabled()
    assert "report.pdf" in wiz.currentPage().findChild(QWidget, "reviewProblem").text()
