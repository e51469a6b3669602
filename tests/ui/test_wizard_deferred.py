"""The wizard can show Welcome first and build its other pages after the first paint.

``app.ui.app.main`` uses ``defer_pages=True`` so the first frame needs only the
Welcome page (docs/performance.md); the pages then appear one per event-loop
turn. Next must work even if it is pressed before the last page is built.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWizard

from app.core import paths
from app.core.config import load
from app.services.filing import Submission
from app.ui.context import WizardContext
from app.ui.pages.ids import PageId
from app.ui.tasks import InlineRunner
from app.ui.wizard import HelpWizard


def make(qtbot: Any, defer: bool) -> HelpWizard:
    config = load(env={})
    ctx = WizardContext(config, Submission(config, root=paths.data_dir()), InlineRunner())
    wizard = HelpWizard(ctx, defer_pages=defer)
    qtbot.addWidget(wizard)
    return wizard


def test_deferred_wizard_starts_with_welcome_only_and_offers_next(qtbot: Any) -> None:
    wizard = make(qtbot, defer=True)
    assert wizard.pageIds() == [PageId.WELCOME]
    with qtbot.waitExposed(wizard):
        wizard.show()
    assert wizard.currentId() == PageId.WELCOME
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_pages_are_built_later_step_by_step_to_the_same_set(qtbot: Any) -> None:
    eager = make(qtbot, defer=False)
    wizard = make(qtbot, defer=True)
    wizard.build_pages_later()
    assert len(wizard.pageIds()) < len(eager.pageIds())  # a step now, the rest later
    qtbot.waitUntil(lambda: wizard.pages_built)
    assert wizard.pageIds() == eager.pageIds()
    assert wizard.problem is wizard.page(PageId.PROBLEM)


def test_next_before_the_pages_exist_builds_them_and_moves_on(qtbot: Any) -> None:
    wizard = make(qtbot, defer=True)
    with qtbot.waitExposed(wizard):
        wizard.show()
    wizard.next()
    assert wizard.pages_built
    assert wizard.currentId() == PageId.ABOUT_YOU
