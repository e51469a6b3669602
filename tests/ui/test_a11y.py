"""Accessibility: every page and *My requests* by keyboard alone, named for screen readers.

The walk goes through every wizard page the way a person does (Welcome to
Done, with the helpdesk unreachable so Sending shows its outcome, and the
not-handled branch). On each page it checks what a screen-reader user and a
keyboard user meet: every focusable control has an accessible name, every
editable field is the buddy of its label, Tab visits every control in reading
order and comes back round, and the stylesheet draws the focus. The helpers
here are shared with test_i18n.py and test_font_scale.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout

from app.backends.local import LocalBackend
from app.core.config import Config, load
from app.core.helpdesk import TemporaryError
from app.core.model import NewTicket, Priority, Requester, Ticket
from app.services.filing import Submission
from app.ui import i18n, style
from app.ui.pages.ids import PageId
from app.ui.requests.window import RequestsWindow
from app.ui.wizard import HelpWizard, Leaving
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here too
    _finish_background_work,
    make_context,
    session_runner,
)

#: The pages of a request that goes all the way, in the order the user meets them.
ROUTE = (
    PageId.WELCOME,
    PageId.ABOUT_YOU,
    PageId.PROBLEM,
    PageId.EVIDENCE,
    PageId.REVIEW,
    PageId.SENDING,
    PageId.DONE,
)
ALT = Qt.KeyboardModifier.AltModifier
ELSEWHERE = {
    "id": "facilities",
    "label": "Heating, light or a broken chair",
    "not_handled": "The facilities team looks after the building.",
    "not_handled_link": "https://facilities.example.org/report",
}


class Offline(LocalBackend):
    """The local backend with the helpdesk out of reach for new requests."""

    def create(self, ticket: NewTicket) -> Ticket:
        raise TemporaryError("connection timed out")


def make_config(**values: Any) -> Config:
    config = load(env={})
    config.values.update(
        {
            "branding.name": "Example IT",
            "branding.support_hours": "Mon–Fri 8:00–18:00",
            "branding.support_phone": "+49 30 1234567",
            "branding.support_email": "help@example.org",
            "branding.support_url": "https://help.example.org/",
        }
    )
    config.values["categories"] = [*config.values["categories"], ELSEWHERE]
    config.values.update(values)
    return config


@contextmanager
def language(name: str, config: Config | None = None) -> Iterator[Config]:
    """Run the block with ``ui.language = name`` installed, then put English back."""
    config = config or make_config()
    config.values["ui.language"] = name
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    i18n.install(app, config)
    try:
        yield config
    finally:
        i18n.uninstall(app)
        QLocale.setDefault(before)


def make_wizard(qtbot: Any, root: Path, config: Config | None = None) -> HelpWizard:
    """A shown, active wizard over a filled-in form, one open ticket and an offline helpdesk."""
    config = config or make_config()
    backend = Offline(root)
    LocalBackend.create(
        backend,
        NewTicket(  # Offline refuses; seed through the base
            subject="VPN drops every hour",
            body="It drops.",
            client_ref="seed-vpn",
            requester=Requester(name="Ada Lovelace", email="ada@example.org"),
            category="network",
            priority=Priority.NORMAL,
        ),
    )
    ctx = make_context(root, config=config, backend=backend)
    wiz = HelpWizard(ctx)
    qtbot.addWidget(wiz)
    with qtbot.waitExposed(wiz):
        wiz.show()
    with qtbot.waitActive(wiz):  # mnemonics reach only the active window
        wiz.activateWindow()
    wiz.welcome.load()
    qtbot.waitUntil(lambda: not wiz.welcome._loading, timeout=10000)
    return wiz


def walk(qtbot: Any, wiz: HelpWizard) -> Iterator[PageId]:
    """Go through every page of :data:`ROUTE` with Next, yielding once each page is settled."""
    yield PageId(wiz.currentId())
    for expected in ROUTE[1:]:
        wiz.next()
        qtbot.waitUntil(lambda e=expected: wiz.currentId() == e, timeout=10000)
        if expected == PageId.SENDING:
            qtbot.waitUntil(lambda: wiz.currentPage().isComplete(), timeout=10000)
        QCoreApplication.processEvents()
        yield expected


def walk_not_handled(qtbot: Any, wiz: HelpWizard) -> None:
    """From Welcome to the not-handled page, through a category handled elsewhere."""
    wiz.ctx.form.category = ELSEWHERE["id"]
    for expected in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.NOT_HANDLED):
        wiz.next()
        qtbot.waitUntil(lambda e=expected: wiz.currentId() == e, timeout=10000)


@pytest.fixture
def root(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "helpline"
    path.mkdir()
    return path


@pytest.fixture
def wizard(qtbot: Any, root: Path) -> Iterator[HelpWizard]:
    wiz = make_wizard(qtbot, root)
    yield wiz
    wiz.ctx.runner.wait()


@pytest.fixture
def requests_window(qtbot: Any, root: Path) -> Iterator[RequestsWindow]:
    backend = LocalBackend(root)
    ada = Requester(name="Ada Lovelace", email="ada@example.org")
    first = backend.create(
        NewTicket(
            subject="VPN drops every hour",
            body="It drops.",
            requester=ada,
            client_ref="r1",
            category="network",
            priority=Priority.NORMAL,
        )
    )
    backend.add_agent_reply(first.id, "Sam from IT", "Which VPN client version do you use?")
    backend.create(
        NewTicket(
            subject="Printer prints blank pages",
            body="Blank.",
            requester=ada,
            client_ref="r2",
            category="printer",
            priority=Priority.LOW,
        )
    )
    config = make_config()
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    runner = session_runner()
    win = RequestsWindow(config, runner, submission)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)
    yield win
    runner.wait()


# -- what the checks look at ----------------------------------------------------------


def shown(root: QWidget, kind: type = QWidget) -> list[Any]:
    """Visible descendants of ``root`` of type ``kind``."""
    return [w for w in root.findChildren(kind) if w.isVisible()]


def focusable(root: QWidget) -> list[QWidget]:
    """What Tab can reach: visible, enabled, accepting Tab focus, not a combo's own edit."""
    found = []
    for widget in shown(root):
        if not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if (
            isinstance(widget.parent(), QComboBox | QAbstractScrollArea)
            and widget.focusProxy() is not None
        ):
            continue
        if isinstance(widget.parent(), QComboBox):
            continue  # an editable combo's line edit: Tab reaches the combo
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (explicit, else what Qt derives, e.g. a button's
    text or a buddy label's)."""
    explicit = widget.accessibleName().strip()
    if explicit:
        return explicit
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).replace("&", "").strip() if interface else ""


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in focusable(root) if not accessible_name(w)]


def fields_without_label(root: QWidget) -> list[str]:
    """Editable fields that no label names as its buddy."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in shown(root):
        editable = (
            isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.isReadOnly()
        ) or isinstance(widget, QComboBox)
        if not editable or isinstance(widget.parent(), QComboBox):
            continue
        if id(widget) not in buddies:
            missing.append(describe(widget))
    return missing


def mnemonic_labels_without_buddy(root: QWidget) -> list[str]:
    return [
        describe(lbl)
        for lbl in shown(root, QLabel)
        if "&" in lbl.text().replace("&&", "")
        and lbl.textFormat() != Qt.TextFormat.RichText
        and lbl.buddy() is None
    ]


def tab_chain(
    qtbot: Any, window: QWidget, start: QWidget, backwards: bool = False, limit: int = 80
) -> list[QWidget]:
    """Widgets focused by pressing Tab (or Shift+Tab) from ``start`` until focus comes back."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    chain = [start]
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    stuck = 0
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None, "Tab lost the keyboard focus"
        qtbot.keyClick(current, key, modifier)
        now = QApplication.focusWidget()
        assert now is not None and now.window() is window, "Tab left the window"
        if now is current:  # Tab moving between the links inside one label
            stuck += 1
            assert stuck < 4, f"Tab is trapped in {describe(now)}"
            continue
        stuck = 0
        if now is start:
            return chain
        chain.append(now)
    raise AssertionError(
        f"Tab never came back to {describe(start)}: {[describe(w) for w in chain[-10:]]}"
    )


#: Findings in files other engineers own, reported to them with issue 9 ("PAGE: finding"
#: prefixes). Only these exact findings are let through; every other check still runs.
#: Remove an entry once its file is fixed.
REPORTED: dict[str, str] = {}


def unreported(problems: dict[str, list[str]]) -> dict[str, list[str]]:
    """``problems`` without the findings listed in :data:`REPORTED`."""
    left = {
        page: [p for p in found if not any(f"{page}: {p}".startswith(known) for known in REPORTED)]
        for page, found in problems.items()
    }
    return {page: found for page, found in left.items() if found}


def top_left(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), QPoint(0, 0))


def out_of_reading_order(chain: list[QWidget]) -> list[str]:
    """Pairs where Tab jumps back up the page without moving to a column on the right."""
    wrong = []
    for first, second in itertools.pairwise(chain):
        a, b = top_left(first), top_left(second)
        if b.y() + 4 < a.y() and b.x() < a.x() + first.width() - 4:
            wrong.append(f"{describe(first)} -> {describe(second)}")
    return wrong


def page_body(wiz: HelpWizard) -> list[QWidget]:
    """The current page's focusable controls (the wizard's own buttons come after them)."""
    return focusable(wiz.currentPage())


# -- the tests --------------------------------------------------------------------------


def test_every_focusable_control_on_every_page_has_an_accessible_name(
    qtbot: Any, wizard: HelpWizard
) -> None:
    problems = {}
    for page in walk(qtbot, wizard):
        found = unnamed(wizard)
        if found:
            problems[page.name] = found
    assert unreported(problems) == {}


def test_the_wizard_buttons_are_named_as_they_read_on_every_page(
    qtbot: Any, wizard: HelpWizard
) -> None:
    """Sending relabels the commit button "Continue": a screen reader must say so too."""
    wrong = {}
    for page in walk(qtbot, wizard):
        for button in shown(wizard, QPushButton):
            if (
                button.objectName().endswith("Button")
                and not wizard.currentPage().isAncestorOf(button)
                and button.accessibleName() != button.text().replace("&", "")
            ):
                wrong.setdefault(page.name, []).append(
                    f"{describe(button)} reads {button.text()!r}, is named "
                    f"{button.accessibleName()!r}"
                )
        for button in shown(wizard, QPushButton):
            if not wizard.currentPage().isAncestorOf(button):
                assert button.accessibleDescription(), describe(button)
    assert wrong == {}


def test_not_handled_page_controls_are_named(qtbot: Any, root: Path) -> None:
    wiz = make_wizard(qtbot, root)
    walk_not_handled(qtbot, wiz)
    assert unnamed(wiz) == []
    assert fields_without_label(wiz) == []
    wiz.ctx.runner.wait()


def test_every_field_is_the_buddy_of_its_label(qtbot: Any, wizard: HelpWizard) -> None:
    problems = {}
    for page in walk(qtbot, wizard):
        found = fields_without_label(wizard) + mnemonic_labels_without_buddy(wizard)
        if found:
            problems[page.name] = found
    assert unreported(problems) == {}


def test_tab_visits_every_control_in_reading_order_and_comes_round(
    qtbot: Any, wizard: HelpWizard
) -> None:
    wrong_order, unreachable = {}, {}
    for page in walk(qtbot, wizard):
        body = page_body(wizard)
        if not body:
            continue
        forward = tab_chain(qtbot, wizard, body[0])
        reached = {id(w) for w in forward}
        missed = [describe(w) for w in focusable(wizard) if id(w) not in reached]
        if missed:
            unreachable[page.name] = missed
        inside = [wizard.currentPage().isAncestorOf(w) for w in forward]
        changes = sum(a != b for a, b in zip(inside, inside[1:] + inside[:1], strict=True))
        if changes > 2:  # one run of page controls, one of the wizard's buttons, round
            wrong_order[page.name] = ["the wizard's buttons come between the page's controls"]
            continue
        first = (
            next(i for i in range(len(forward)) if inside[i] and not inside[i - 1])
            if not all(inside)
            else 0
        )
        in_page = [
            w for w in forward[first:] + forward[:first] if wizard.currentPage().isAncestorOf(w)
        ]
        order = out_of_reading_order(in_page)
        if order:
            wrong_order[page.name] = order
        backward = tab_chain(qtbot, wizard, body[0], backwards=True)
        assert [describe(w) for w in backward[1:]] == [describe(w) for w in forward[:0:-1]], (
            f"Shift+Tab is not Tab reversed on {page.name}"
        )
    assert unreported(unreachable) == {}
    assert unreported(wrong_order) == {}


def test_the_wizard_by_keyboard_alone(qtbot: Any, wizard: HelpWizard) -> None:
    """Alt+N and Enter go forward, Alt+B back, label mnemonics reach their fields,
    Escape asks before putting a typed request aside."""
    wiz = wizard

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or wiz
        qtbot.keyClick(target, key, modifier)

    wiz.button(wiz.WizardButton.NextButton).setFocus()
    press(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.ABOUT_YOU)
    press(Qt.Key.Key_E, ALT)  # &Email
    assert QApplication.focusWidget().objectName() == "emailEdit"
    press(Qt.Key.Key_Return)  # Enter in a field presses Next
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.PROBLEM)
    press(Qt.Key.Key_H, ALT)  # What &happened?
    assert QApplication.focusWidget().objectName() == "happenedEdit"
    qtbot.keyClicks(QApplication.focusWidget(), " Also the display flickers.")
    press(Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.ABOUT_YOU)
    press(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.PROBLEM)
    press(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.EVIDENCE)
    press(Qt.Key.Key_S, ALT)  # Include the &screenshot
    assert QApplication.focusWidget().objectName() == "includeScreenshot"
    press(Qt.Key.Key_Space)
    assert wiz.ctx.form.include_screenshot is False
    press(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.REVIEW)
    asked = []
    wiz.confirm_close = lambda: asked.append(True) or Leaving.STAY  # type: ignore[method-assign]
    press(Qt.Key.Key_Escape)
    assert asked == [True] and wiz.isVisible(), "Escape must ask, and Keep writing stays"
    commit = wiz.button(wiz.WizardButton.CommitButton)
    qtbot.waitUntil(commit.isEnabled)  # prepared on a worker, as a person waits for it
    press(Qt.Key.Key_S, ALT)  # &Save request (the local store) / &Send request
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.SENDING)
    qtbot.waitUntil(lambda: wiz.currentPage().isComplete(), timeout=10000)
    press(Qt.Key.Key_C, ALT)  # &Continue
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.DONE)
    press(Qt.Key.Key_C, ALT)  # &Close
    qtbot.waitUntil(lambda: not wiz.isVisible())


def test_my_requests_by_keyboard_alone(qtbot: Any, requests_window: RequestsWindow) -> None:
    win = requests_window
    assert unnamed(win) == []
    controls = focusable(win)
    chain = tab_chain(qtbot, win, controls[0])
    assert {id(w) for w in controls} <= {id(w) for w in chain}, [
        describe(w) for w in controls if w not in chain
    ]
    assert out_of_reading_order(chain) == []
    table = win.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Up)  # back to the first row, now selected

    def answer_shown() -> bool:
        return "Which VPN client" in win.thread_view.toPlainText()

    for _ in range(win.model.rowCount()):
        try:
            qtbot.waitUntil(answer_shown, timeout=1500)
            break
        except WaitTimeout:
            qtbot.keyClick(table, Qt.Key.Key_Down)
    assert answer_shown(), "the arrow keys reach the request with support's answer"
    assert unnamed(win) == [], "with a request open (reply box and all)"
    chain = tab_chain(qtbot, win, table)
    assert {id(w) for w in focusable(win)} <= {id(w) for w in chain}
    qtbot.keyClick(table, Qt.Key.Key_F5)  # Refresh, wherever the focus is
    assert win.loading or "request" in win.status_line.text()


def test_focus_is_drawn_by_the_stylesheet() -> None:
    """Every kind of control a keyboard user lands on has a :focus rule in the template."""
    template = style.resources.read_text("style.qss")
    for kind in (
        "QPushButton",
        "QLineEdit",
        "QPlainTextEdit",
        "QComboBox",
        "QCheckBox",
        "QRadioButton",
        "QAbstractItemView",
    ):
        assert f"{kind}:focus" in template, kind


def test_the_sign_in_dialog_by_keyboard_alone(qtbot: Any) -> None:
    """Alt+U and Alt+P reach their fields, Enter signs in (asks for the missing password
    in words), Escape closes."""
    from app.ui.signin import SignInDialog

    config = make_config(**{"backend.type": "rt", "backend.url": "https://rt.example.org"})
    dialog = SignInDialog(config, session_runner())
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert unnamed(dialog) == []
    assert fields_without_label(dialog) == []
    chain = tab_chain(qtbot, dialog, focusable(dialog)[0])
    assert {id(w) for w in focusable(dialog)} <= {id(w) for w in chain}
    assert out_of_reading_order(chain) == []
    qtbot.keyClick(dialog, Qt.Key.Key_U, ALT)
    assert QApplication.focusWidget() is dialog.username
    qtbot.keyClicks(dialog.username, "ada")
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)
    assert QApplication.focusWidget() is dialog.secret
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and dialog.error.text() == "Please enter your password."
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
