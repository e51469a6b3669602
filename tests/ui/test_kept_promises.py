"""Issue 15, the wizard's widgets: nothing on screen is false, and no input lands by accident.

The mouse wheel scrolls the page, a disabled button's mnemonic reaches no field, required
answers say so, a redirect shows at once, logos keep their shape, first focus goes on,
and leaving may discard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QWizard,
)

from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.model import Level, Requester
from app.services.filing import Submission
from app.ui import style
from app.ui.context import WizardContext
from app.ui.pages.ids import PageId
from app.ui.tasks import InlineRunner
from app.ui.wizard import HelpWizard

CONFIG = """
[branding]
name = "Acme IT"
support_phone = "+49 30 1234"
support_email = "help@acme.example"
{logo}

[requester]
required = ["name"]

[[categories]]
id = "computer"
label = "Computer or software"

[[categories]]
id = "network"
label = "Network, internet or VPN"

[[categories]]
id = "printer"
label = "Printer or scanner"

[[categories]]
id = "phone"
label = "Phone or headset"

[[categories]]
id = "building"
label = "Building or heating"
not_handled = "Facility management looks after the building."
not_handled_link = "https://facilities.example.org/report"
"""

ALT = Qt.KeyboardModifier.AltModifier


def make_config(tmp_path: Path, logo: Path | None = None) -> Config:
    path = tmp_path / "helpline.toml"
    line = f'logo = "{logo.as_posix()}"' if logo else ""
    path.write_text(CONFIG.replace("{logo}", line), "utf-8")
    return load(path, env={})


def make_wizard(qtbot: Any, config: Config) -> HelpWizard:
    form = RequestForm(requester=Requester(name="Dana Example"))
    ctx = WizardContext(config, Submission(config), InlineRunner(), form=form)
    wizard = HelpWizard(ctx)
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    with qtbot.waitActive(wizard):  # mnemonics reach only the active window
        wizard.activateWindow()
    return wizard


def to_problem(wizard: HelpWizard) -> None:
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PageId.PROBLEM


@pytest.fixture
def wizard(qtbot: Any, tmp_path: Path) -> HelpWizard:
    return make_wizard(qtbot, make_config(tmp_path))


@pytest.fixture
def styled(tmp_path: Path) -> Iterator[None]:
    """The application's stylesheet, as people see the wizard (and as it sizes things)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    style.apply(app, make_config(tmp_path))
    try:
        yield
    finally:
        app.setStyleSheet(before)
        if style._WATCHER is not None:
            style._WATCHER.stop()
            style._WATCHER = None


def wheel(widget: Any, notches: int) -> None:
    """Turn the mouse wheel over ``widget`` (down for positive notches)."""
    centre = QPointF(widget.rect().center())
    for _ in range(notches):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


# -- 1. the wheel scrolls the page -------------------------------------------------------


def test_the_wheel_over_a_drop_down_scrolls_the_page_and_changes_no_answer(
    qtbot: Any, wizard: HelpWizard
) -> None:
    wizard.resize(560, 480)  # small enough that the Problem page scrolls
    to_problem(wizard)
    page = wizard.problem
    page.category.setCurrentIndex(page.category.findData("computer"))
    page.summary.setFocus()
    area = page.findChild(QScrollArea, "problemScroll")
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    for combo in (page.category, page.since):
        bar.setValue(0)
        before = combo.currentIndex()
        wheel(combo, 3)
        assert combo.currentIndex() == before
        assert bar.value() > 0, combo.objectName()
    assert wizard.ctx.form.category == "computer"


def test_every_drop_down_on_a_scrolling_page_leaves_the_wheel_to_the_page(
    qtbot: Any, wizard: HelpWizard
) -> None:
    """One kind of drop-down for every scrolling page, so no page can forget the fix."""
    from app.ui.widgets.choice import ChoiceBox

    wizard.build_pages()
    for page_id in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE):
        for combo in wizard.page(page_id).findChildren(QComboBox):
            assert isinstance(combo, ChoiceBox), combo.objectName()
            assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus


# -- 2. a disabled button's mnemonic reaches no field --------------------------------------


def test_alt_n_with_next_disabled_chooses_no_category(qtbot: Any, wizard: HelpWizard) -> None:
    to_problem(wizard)
    page = wizard.problem
    page.category.setFocus()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    for _ in range(2):
        qtbot.keyClick(page.category, Qt.Key.Key_N, ALT)
    assert page.category.currentIndex() == -1
    assert wizard.ctx.form.category == ""
    assert wizard.currentId() == PageId.PROBLEM
    page.summary.setFocus()
    qtbot.keyClick(page.summary, Qt.Key.Key_N, ALT)
    assert page.summary.text() == ""


# -- 3. required is marked, a blocked Next says why, the redirect shows at once -------------


def test_required_category_is_marked_and_a_disabled_next_says_what_is_missing(
    qtbot: Any, wizard: HelpWizard
) -> None:
    to_problem(wizard)
    page = wizard.problem
    label = page.findChild(QLabel, "categoryComboLabel")
    assert "(required)" in label.text()
    assert "(required)" in page.category.accessibleName()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert page.missing.isVisible()
    assert "category" in page.missing.text() and "summary" in page.missing.text()
    assert next_button.accessibleDescription() == page.missing.text()
    page.happened.setFocus()
    qtbot.keyClicks(page.happened, "It beeps")
    page.update_hint()
    assert "send as it is" not in page.hint.text() or not page.hint.isVisible()
    page.category.setCurrentIndex(page.category.findData("printer"))
    assert "category" not in page.missing.text() and "summary" in page.missing.text()
    page.summary.setFocus()
    qtbot.keyClicks(page.summary, "Printer jams")
    assert next_button.isEnabled() and not page.missing.isVisible()


def test_a_category_handled_elsewhere_shows_the_redirect_at_once(
    qtbot: Any, wizard: HelpWizard
) -> None:
    to_problem(wizard)
    page = wizard.problem
    page.category.setCurrentIndex(page.category.findData("building"))
    assert page.redirect.isVisible()
    assert "Facility management looks after the building." in page.redirect_message.text()
    assert page.redirect_link.isVisible()
    assert not page.summary.isVisible() and not page.happened.isVisible()
    page.category.setCurrentIndex(page.category.findData("printer"))
    assert not page.redirect.isVisible() and page.summary.isVisible()


# -- 4. logos keep their shape ---------------------------------------------------------------


def wide_png(path: Path) -> Path:
    image = QImage(240, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("#2a6ebb"))
    image.save(str(path))
    return path


def wide_svg(path: Path) -> Path:
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">'
        '<rect width="240" height="64" fill="#2a6ebb"/></svg>',
        "utf-8",
    )
    return path


def painted_box(pixmap: Any) -> QSize:
    """The size of the logo's painted (not transparent) part, in logical pixels."""
    image = pixmap.toImage()
    xs = [x for x in range(image.width()) if image.pixelColor(x, image.height() // 2).alpha()]
    ys = [y for y in range(image.height()) if image.pixelColor(image.width() // 2, y).alpha()]
    ratio = pixmap.devicePixelRatio()
    return QSize(round((max(xs) - min(xs) + 1) / ratio), round((max(ys) - min(ys) + 1) / ratio))


@pytest.mark.parametrize("maker", [wide_svg, wide_png], ids=["svg", "png"])
def test_a_wide_logo_keeps_its_shape_on_welcome_and_in_the_header(
    qtbot: Any, tmp_path: Path, maker: Any
) -> None:
    logo = maker(tmp_path / ("logo.svg" if maker is wide_svg else "logo.png"))
    wizard = make_wizard(qtbot, make_config(tmp_path, logo))
    shown = wizard.findChild(QLabel, "welcomeLogo").pixmap()
    box = painted_box(shown)
    assert box.height() == 56 and abs(box.width() - 210) <= 1, box
    header = painted_box(wizard.pixmap(QWizard.WizardPixmap.LogoPixmap))
    assert header.height() == 48 and abs(header.width() - 180) <= 1, header
    again = style.logo_pixmap(wizard.ctx.config, 56)  # an SVG's second time: from the cache
    assert painted_box(again) == box


# -- 5. first focus goes on, Tab lands on the checked answer ----------------------------------


def test_branded_welcome_and_done_start_on_the_way_on_not_on_the_phone_link(
    qtbot: Any, wizard: HelpWizard
) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is wizard.button(QWizard.WizardButton.NextButton)
    wizard.build_pages()
    from app.ui.pages.done import DonePage

    done = wizard.page(PageId.DONE)
    assert isinstance(done, DonePage)
    wizard.ctx.form.category = "printer"
    wizard.setStartId(PageId.DONE)
    wizard.restart()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is wizard.button(QWizard.WizardButton.FinishButton)


def test_tab_into_a_radio_group_lands_on_the_checked_answer(qtbot: Any, wizard: HelpWizard) -> None:
    wizard.ctx.form.impact = Level.HIGH
    wizard.ctx.form.urgency = Level.MEDIUM
    to_problem(wizard)
    page = wizard.problem
    checked = page.impact[1].checkedButton()
    assert checked is not page.impact[1].buttons()[0]  # the default is not the first
    page.since.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is checked
    qtbot.keyClick(checked, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.urgency[1].checkedButton()
    assert isinstance(QApplication.focusWidget(), QRadioButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # arrows still choose
    assert wizard.ctx.form.urgency == Level.LOW
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is checked


# -- 6. the drop-down shows every row; the screenshot views and captions ------------------------


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform's popups
def test_the_category_list_shows_every_category_without_scrolling(
    qtbot: Any, styled: None, wizard: HelpWizard
) -> None:
    to_problem(wizard)
    combo = wizard.problem.category
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    assert combo.count() <= combo.maxVisibleItems()
    assert view.verticalScrollBar().maximum() == 0
    last = view.visualRect(combo.model().index(combo.count() - 1, 0))
    assert last.bottom() <= view.viewport().height()
    combo.hidePopup()


def big_screen() -> QImage:
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    painter = QPainter(image)
    painter.fillRect(0, 0, 300, 200, QColor("#ffffff"))
    painter.end()
    return image


def test_view_larger_fits_the_screenshot_in_the_window(qtbot: Any, wizard: HelpWizard) -> None:
    wizard.build_pages()
    evidence = wizard.page(PageId.EVIDENCE)
    wizard.ctx.screenshot = big_screen()
    evidence.initializePage()
    evidence.screenshot_panel.show_screenshot()
    dialog = evidence.findChild(QDialog, "imagePreviewDialog")
    qtbot.waitExposed(dialog)
    shown = dialog.findChild(QLabel, "imagePreview")
    pixmap = shown.pixmap()
    assert pixmap.width() <= shown.width() and pixmap.height() <= shown.height()
    assert abs(pixmap.width() / pixmap.height() - 1.5) < 0.02  # the shape is kept
    for area in dialog.findChildren(QScrollArea):
        assert not area.horizontalScrollBar().isVisible()
    dialog.close()


def test_after_taking_again_the_caption_no_longer_says_before_helpline_opened(
    qtbot: Any, wizard: HelpWizard
) -> None:
    wizard.build_pages()
    evidence = wizard.page(PageId.EVIDENCE)
    panel = evidence.screenshot_panel
    wizard.ctx.screenshot = big_screen()
    evidence.initializePage()
    assert "just before Helpline opened" in panel.screenshot_note.text()
    panel._retaken(big_screen())
    panel.refresh()
    assert "just before Helpline opened" not in panel.screenshot_note.text()
    assert "took it again" in panel.screenshot_note.text()


# -- 7. leaving may discard ----------------------------------------------------------------------


def test_closing_offers_discard_which_clears_the_draft(
    qtbot: Any, wizard: HelpWizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_problem(wizard)
    page = wizard.problem
    page.summary.setFocus()
    qtbot.keyClicks(page.summary, "Mouse is slow")
    from app.ui.wizard import Leaving

    wizard.ctx.save_draft()
    drafts = wizard.ctx.submission.drafts
    assert drafts.path.exists()

    seen: list[list[str]] = []

    def answer() -> None:
        box = wizard.findChild(QMessageBox, "confirmCloseBox")
        seen.append([b.text() for b in box.buttons()])
        assert box.escapeButton() is box.findChild(type(box.buttons()[0]), "keepWritingButton")
        box.findChild(type(box.buttons()[0]), "discardDraftButton").click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    assert wizard.confirm_close() is Leaving.DISCARD
    assert seen and "&Discard" in seen[0]
    monkeypatch.setattr(wizard, "confirm_close", lambda: Leaving.DISCARD)
    qtbot.keyClick(page.summary, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert not drafts.path.exists()
