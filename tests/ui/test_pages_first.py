"""The wizard's first pages driven by keyboard and mouse: welcome, about you, problem, not handled.

Each test builds the real wizard over a local backend in a temporary data
dir, with an inline task runner so background work finishes before the
next line; the draft test uses the real thread pool and waits for the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWizard

from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.model import Level, NewTicket, Requester
from app.core.outbox import new_client_ref
from app.services.filing import Submission
from app.ui.context import WizardContext
from app.ui.pages.ids import PageId
from app.ui.tasks import InlineRunner, TaskRunner
from app.ui.wizard import HelpWizard, Leaving

CONFIG = """
[branding]
name = "Acme IT"
support_phone = "+49 30 1234"
support_email = "help@acme.example"

[requester]
required = ["name", "email", "customer_id"]

[drafts]
save_delay_ms = 30

[[categories]]
id = "computer"
label = "Computer or software"
description = "Your computer or a program."

[[categories]]
id = "printer"
label = "Printer or scanner"
questions = [{id = "printer_name", label = "Which printer?", required = true}]

[[categories]]
id = "building"
label = "Building or heating"
not_handled = "Facility management looks after the building."
not_handled_link = "https://facilities.example.org/report"
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    path = tmp_path / "helpline.toml"
    path.write_text(CONFIG, "utf-8")
    return load(path, env={})


def make_wizard(
    qtbot: Any,
    config: Config,
    form: RequestForm | None = None,
    runner: TaskRunner | None = None,
    submission: Submission | None = None,
) -> HelpWizard:
    submission = submission or Submission(config)
    form = form or RequestForm(requester=Requester(name="Dana Example"))
    ctx = WizardContext(config, submission, runner or InlineRunner(), form=form)
    wizard = HelpWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.welcome.load()
    return wizard


def next_button(wizard: HelpWizard) -> QPushButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def to_problem(qtbot: Any, wizard: HelpWizard) -> None:
    wizard.next()
    page = wizard.about_you
    type_into(qtbot, page.edits["email"], "dana@example.org")
    type_into(qtbot, page.edits["customer_id"], "C-1")
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.PROBLEM


def choose_category(qtbot: Any, wizard: HelpWizard, category_id: str) -> None:
    combo = wizard.problem.category
    combo.setFocus()
    index = combo.findData(category_id)
    assert index >= 0
    for _ in range(combo.count() + 1):
        if combo.currentIndex() == index:
            return
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    pytest.fail(f"could not choose {category_id} with the arrow keys")


def test_about_you_typed_fields_land_in_the_form(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    wizard.next()
    page = wizard.about_you
    assert page.edits["name"].text() == "Dana Example"  # prefilled from the form
    page.edits["name"].setFocus()
    qtbot.keyClicks(page.edits["name"], " Jr")
    qtbot.keyClick(page.edits["name"], Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.edits["email"]  # Tab follows reading order
    qtbot.keyClicks(page.edits["email"], "dana@example.org")
    qtbot.keyClick(page.edits["email"], Qt.Key.Key_Tab)
    qtbot.keyClicks(page.edits["customer_id"], "C-4711")
    qtbot.keyClick(page.edits["customer_id"], Qt.Key.Key_Tab)
    qtbot.keyClicks(page.edits["organization"], "acme.example")
    requester = wizard.ctx.form.requester
    assert (requester.name, requester.email, requester.customer_id, requester.organization) == (
        "Dana Example Jr",
        "dana@example.org",
        "C-4711",
        "acme.example",
    )
    label = wizard.findChild(QLabel, "emailLabel")
    assert label.buddy() is page.edits["email"] and "(required)" in label.text()
    qtbot.keyClick(page.edits["organization"], Qt.Key.Key_Return)  # Enter means Next
    assert wizard.currentId() == PageId.PROBLEM


def test_required_fields_and_email_block_next_with_the_reason(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    wizard.next()
    page = wizard.about_you
    assert not next_button(wizard).isEnabled()  # email and customer id are missing
    assert (
        page.boxes["customer_id"].reason.text()
        == "Required so support can find your contract or membership."
    )
    page.edits["name"].setFocus()
    page.edits["name"].selectAll()
    qtbot.keyClick(page.edits["name"], Qt.Key.Key_Backspace)
    assert "so support knows whom to talk to" in page.boxes["name"].error_text
    type_into(qtbot, page.edits["name"], "Dana")
    assert page.boxes["name"].error_text == ""
    type_into(qtbot, page.edits["customer_id"], "C-1")
    type_into(qtbot, page.edits["email"], "dana@")
    assert "does not look like an email address" in page.boxes["email"].error_text
    assert page.edits["email"].accessibleDescription() == page.boxes["email"].error_text
    assert not next_button(wizard).isEnabled()
    qtbot.keyClick(page.edits["email"], Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.ABOUT_YOU  # Enter does not get past a problem
    qtbot.keyClicks(page.edits["email"], "example.org")
    assert page.boxes["email"].error_text == ""
    assert next_button(wizard).isEnabled()


def test_priority_badge_follows_impact_and_urgency(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    page = wizard.problem
    assert page.badge.text() == "Priority: low"  # just me, slows my work down
    qtbot.mouseClick(
        wizard.findChild(QPushButton, "impact_high") or page.impact[1].button(2),
        Qt.MouseButton.LeftButton,
    )
    assert page.badge.text() == "Priority: high"
    page.urgency[1].button(2).click()
    assert page.badge.text() == "Priority: critical"
    assert page.badge.property("level") == "critical"
    page.impact[1].button(0).click()
    page.urgency[1].button(0).click()
    assert page.badge.text() == "Priority: low"
    assert (wizard.ctx.form.impact, wizard.ctx.form.urgency) == (Level.LOW, Level.LOW)


def test_problem_answers_land_in_the_form(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    page = wizard.problem
    assert not next_button(wizard).isEnabled()  # no category yet
    choose_category(qtbot, wizard, "computer")
    assert page.category_box.reason.text() == "Your computer or a program."
    qtbot.keyClick(page.category, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.summary
    qtbot.keyClicks(page.summary, "Excel crashes on save")
    qtbot.keyClick(page.summary, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.doing, "saving the budget")
    qtbot.keyClick(page.doing, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.happened, "The window closes")
    qtbot.keyClick(page.happened, Qt.Key.Key_Tab)  # Tab leaves the text box, never inserts
    assert wizard.focusWidget() is page.error_text
    qtbot.keyClicks(page.error_text, "0xC0000005")
    type_into(qtbot, page.where, "Excel")
    type_into(qtbot, page.since.lineEdit(), "Today")
    form = wizard.ctx.form
    assert (
        form.category,
        form.summary,
        form.doing,
        form.happened,
        form.error_text,
        form.where,
        form.since,
    ) == (
        "computer",
        "Excel crashes on save",
        "saving the budget",
        "The window closes",
        "0xC0000005",
        "Excel",
        "Today",
    )
    assert next_button(wizard).isEnabled()
    assert page.nextId() == PageId.EVIDENCE


def test_summary_is_required_for_a_new_request(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    choose_category(qtbot, wizard, "computer")
    page = wizard.problem
    type_into(qtbot, page.summary, "x")
    qtbot.keyClick(page.summary, Qt.Key.Key_Backspace)
    assert "one-line summary" in page.summary_box.error_text
    assert not next_button(wizard).isEnabled()


def test_category_questions_appear_and_disappear(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    page = wizard.problem
    type_into(qtbot, page.summary, "Printing fails")
    choose_category(qtbot, wizard, "printer")
    edit = wizard.findChild(QLineEdit, "question_printer_name")
    assert edit is not None and edit.isVisible()
    assert not next_button(wizard).isEnabled()  # this question is required
    type_into(qtbot, edit, "Floor 2")
    assert wizard.ctx.form.answers == {"printer_name": "Floor 2"}
    assert next_button(wizard).isEnabled()
    choose_category(qtbot, wizard, "computer")
    qtbot.waitUntil(lambda: wizard.findChild(QLineEdit, "question_printer_name") is None)
    assert wizard.ctx.form.answers == {}
    choose_category(qtbot, wizard, "printer")  # coming back keeps what was typed
    assert wizard.findChild(QLineEdit, "question_printer_name").text() == "Floor 2"
    assert wizard.ctx.form.answers == {"printer_name": "Floor 2"}


def test_quality_hint_names_what_is_missing_and_never_blocks(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    page = wizard.problem
    choose_category(qtbot, wizard, "computer")
    type_into(qtbot, page.summary, "Outlook")
    type_into(qtbot, page.happened, "doesn't work")
    qtbot.waitUntil(lambda: page.hint.isVisible())
    assert "what exactly happens on the screen" in page.hint.text()
    assert next_button(wizard).isEnabled()
    page.happened.selectAll()
    qtbot.keyClicks(
        page.happened,
        "After I type my password Outlook shows a grey window "
        "and closes itself about ten seconds later",
    )
    type_into(qtbot, page.doing, "Starting Outlook in the morning")
    type_into(qtbot, page.where, "Outlook")
    type_into(qtbot, page.since.lineEdit(), "Today")
    qtbot.waitUntil(lambda: not page.hint.isVisible())


def test_not_handled_category_ends_politely_and_files_nothing(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    page = wizard.problem
    type_into(qtbot, page.happened, "The heating is off in room 4")
    choose_category(qtbot, wizard, "building")
    assert page.nextId() == PageId.NOT_HANDLED
    assert next_button(wizard).isEnabled()  # no summary needed to be sent elsewhere
    qtbot.keyClick(page.category, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.NOT_HANDLED
    end = wizard.not_handled
    assert end.title() == "This is handled elsewhere"
    assert end.message.text() == "Facility management looks after the building."
    assert end.link_button.isVisible() and "facilities.example.org" in end.link_button.text()
    qtbot.mouseClick(end.back_button, Qt.MouseButton.LeftButton)  # a wrong category
    assert wizard.currentId() == PageId.PROBLEM
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.NOT_HANDLED
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.text() == "&Close"
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    submission = wizard.ctx.submission
    wizard.ctx.save_draft()  # even a draft saved a moment ago must go
    assert submission.drafts.path.exists()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert submission.outbox.items(include_sent=True) == []
    assert not submission.drafts.path.exists()


def test_welcome_lists_open_requests_and_can_add_to_one(qtbot: Any, config: Config) -> None:
    submission = Submission(config)
    backend = submission.backend
    made = [
        backend.create(
            NewTicket(
                subject=s, body="b", requester=Requester(name="Dana"), client_ref=new_client_ref()
            )
        )
        for s in ("VPN drops", "Old and done", "Second screen black")
    ]
    backend.set_resolved(made[1].id)
    wizard = make_wizard(qtbot, config, submission=submission)
    page = wizard.welcome
    texts = [page.open_list.item(i).text() for i in range(page.open_list.count())]
    assert len(texts) == 2
    assert any("VPN drops" in t and made[0].ref in t for t in texts)
    assert not any("Old and done" in t for t in texts)
    assert "kept on this computer" in page.backend_note.text()
    assert not page.add_button.isEnabled()
    row = next(i for i, t in enumerate(texts) if "VPN drops" in t)
    page.open_list.setFocus()
    page.open_list.setCurrentRow(row)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert wizard.ctx.form.reply_to == made[0].id
    assert made[0].ref in page.choice.text()
    assert wizard.windowTitle().startswith(f"Add to {made[0].ref}")
    to_problem(qtbot, wizard)
    assert wizard.problem.title() == f"Add to {made[0].ref}"
    choose_category(qtbot, wizard, "computer")
    assert wizard.ctx.form.summary == ""
    assert next_button(wizard).isEnabled()  # the summary is optional for a reply
    wizard.back()
    wizard.back()
    page.new_button.click()
    assert wizard.ctx.form.reply_to == "" and wizard.windowTitle() == "Acme IT"


def test_welcome_shows_contacts_and_a_plain_sentence_on_errors(qtbot: Any, config: Config) -> None:
    def broken(_config: Config) -> Any:
        raise OSError("disk on fire")

    wizard = make_wizard(qtbot, config, submission=Submission(config, backend_factory=broken))
    page = wizard.welcome
    assert page.open_status.text() == (
        "Your open requests could not be loaded just now. You can still file a new one."
    )
    assert "disk on fire" not in page.open_status.text()
    assert wizard.findChild(QLabel, "supportEmail").url == "mailto:help@acme.example"
    assert wizard.findChild(QLabel, "supportPhone") is not None
    assert wizard.findChild(QLabel, "supportHours") is None  # empty in config: no row
    assert wizard.findChild(QLabel, "supportUrl") is None


def test_draft_is_saved_after_typing(qtbot: Any, config: Config) -> None:
    runner = TaskRunner()
    wizard = make_wizard(qtbot, config, runner=runner)
    to_problem(qtbot, wizard)
    choose_category(qtbot, wizard, "computer")
    type_into(qtbot, wizard.problem.summary, "Scanner sends empty PDFs")
    path = wizard.ctx.submission.drafts.path
    qtbot.waitUntil(
        lambda: path.exists() and b"Scanner sends empty PDFs" in path.read_bytes(), timeout=5000
    )
    runner.wait()
    saved = wizard.ctx.submission.drafts.load()
    assert saved is not None and saved.requester.email == "dana@example.org"


def test_restored_draft_prefills_the_pages(qtbot: Any, config: Config) -> None:
    draft = RequestForm(
        requester=Requester(name="Kim", email="kim@example.org", customer_id="K-9"),
        category="printer",
        summary="Paper jam",
        happened="It beeps",
        error_text="E-42",
        since="Every time",
        impact=Level.HIGH,
        urgency=Level.HIGH,
        answers={"printer_name": "Floor 3"},
    )
    wizard = make_wizard(qtbot, config, form=draft)
    wizard.next()
    assert wizard.about_you.edits["customer_id"].text() == "K-9"
    assert next_button(wizard).isEnabled()
    wizard.next()
    page = wizard.problem
    assert page.category.currentData() == "printer"
    assert (
        page.summary.text(),
        page.happened.toPlainText(),
        page.error_text.toPlainText(),
        page.since.currentText(),
    ) == ("Paper jam", "It beeps", "E-42", "Every time")
    assert wizard.findChild(QLineEdit, "question_printer_name").text() == "Floor 3"
    assert page.badge.text() == "Priority: critical"


def test_escape_asks_before_putting_a_request_aside(
    qtbot: Any, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    type_into(qtbot, wizard.problem.summary, "Mouse is slow")
    asked: list[bool] = []
    monkeypatch.setattr(wizard, "confirm_close", lambda: asked.append(True) or Leaving.STAY)
    qtbot.keyClick(wizard.problem.summary, Qt.Key.Key_Escape)
    assert asked and wizard.isVisible()  # the user chose to keep writing
    monkeypatch.setattr(wizard, "confirm_close", lambda: asked.append(True) or Leaving.KEEP)
    qtbot.keyClick(wizard.problem.summary, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    draft = wizard.ctx.submission.drafts.load()
    assert draft is not None and draft.summary == "Mouse is slow"


def test_closing_the_window_keeps_the_draft_without_asking(
    qtbot: Any, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    type_into(qtbot, wizard.problem.summary, "Keyboard types twice")
    monkeypatch.setattr(wizard, "confirm_close", lambda: pytest.fail("must not ask"))
    wizard.close()
    assert not wizard.isVisible()
    draft = wizard.ctx.submission.drafts.load()
    assert draft is not None and draft.summary == "Keyboard types twice"


def test_button_texts_and_names(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    texts = {
        which: wizard.buttonText(which)
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CommitButton,
        )
    }
    # Nothing configured: the local store keeps the request, so nothing says "send" (#15).
    assert list(texts.values()) == ["&Next", "&Back", "&Close", "&Save request"]
    assert wizard.page(PageId.REVIEW).subTitle().startswith("No helpdesk is connected")
    assert wizard.objectName() == "helpWizard" and wizard.windowTitle() == "Acme IT"
    config.values["backend.type"] = "http"  # a helpdesk
    sending = make_wizard(qtbot, config)
    assert sending.buttonText(QWizard.WizardButton.CommitButton) == "&Send request"
    assert sending.page(PageId.REVIEW).subTitle().startswith("This is exactly what will be sent")
    for page_id in (PageId.WELCOME, PageId.ABOUT_YOU, PageId.PROBLEM, PageId.NOT_HANDLED):
        page = wizard.page(page_id)
        for widget in page.findChildren(QLineEdit) + page.findChildren(QPushButton):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert widget.objectName(), f"{page.objectName()}: a {widget} has no name"
                assert widget.accessibleName(), (
                    f"{page.objectName()}: {widget.objectName()} has no accessible name"
                )


class _Held(InlineRunner):
    """A runner that holds every task, to look at a page while its work is under way."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Any] = []

    def run(self, fn: Any, *args: Any, on_done: Any = None, on_error: Any = None) -> int:
        self.held.append((fn, args, on_done, on_error))
        return len(self.held)


def test_welcome_says_it_is_looking_while_loading(qtbot: Any, config: Config) -> None:
    runner = _Held()
    wizard = make_wizard(qtbot, config, runner=runner)
    page = wizard.welcome
    assert page.open_status.text() == "Looking for your open requests…"
    assert page.open_status.isVisible()
    fn, args, on_done, _ = next(h for h in runner.held if h[0].__name__ == "_load")
    on_done(fn(*args))
    assert page.open_status.text() == "You have no open requests."


class _Browser(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_not_handled_link_opens_in_the_browser(qtbot: Any, config: Config) -> None:
    wizard = make_wizard(qtbot, config)
    to_problem(qtbot, wizard)
    choose_category(qtbot, wizard, "building")
    wizard.next()
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        qtbot.mouseClick(wizard.not_handled.link_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == ["https://facilities.example.org/report"]
