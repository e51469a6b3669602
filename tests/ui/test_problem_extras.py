"""The problem page offers the open request it resembles, and the category's self-help links."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.cache import TicketCache
from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.model import Requester, Status, Ticket
from app.services.filing import Submission
from app.ui.context import WizardContext
from app.ui.pages.problem import ProblemPage
from app.ui.tasks import InlineRunner

NOW = datetime(2026, 11, 20, tzinfo=UTC)
CONFIG = """
[[categories]]
id = "network"
label = "Network, internet or VPN"
help = [{ label = "VPN troubleshooting", url = "https://kb.example/vpn" },
        { label = "Known issue: Wi-Fi on floor 3", url = "https://status.example/wifi" }]

[[categories]]
id = "printer"
label = "Printer"
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    path = tmp_path / "helpline.toml"
    path.write_text(CONFIG, "utf-8")
    return load(path, env={})


@pytest.fixture
def page(qtbot: Any, config: Config, isolated_dirs: dict[str, Path]) -> ProblemPage:
    root = isolated_dirs["data"] / "helpline"
    TicketCache(root).save_tickets(
        [
            Ticket("41", "VPN drops every hour", Status.WAITING, NOW, NOW, display_ref="#41"),
            Ticket("42", "Laptop battery does not charge", Status.RESOLVED, NOW, NOW),
        ]
    )
    ctx = WizardContext(
        config,
        Submission(config, root=root),
        InlineRunner(),
        form=RequestForm(requester=Requester(name="Dana")),
    )
    widget = ProblemPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_similar_open_request_is_offered_and_accepting_turns_it_into_a_reply(
    qtbot: Any, page: ProblemPage
) -> None:
    page.summary.setFocus()
    qtbot.keyClicks(page.summary, "The VPN keeps dropping every hour")
    qtbot.waitUntil(page.duplicate.isVisible, timeout=3000)
    assert page.duplicate.text.text() == (
        "You already have #41 open about this: “VPN drops every hour”. Add to it?"
    )
    qtbot.mouseClick(page.duplicate.add_button, Qt.MouseButton.LeftButton)
    assert page.ctx.form.reply_to == "41"
    assert page.title() == "Add to #41" and not page.duplicate.isVisible()
    assert page.summary_label.text() == "&Summary (optional)"


def test_declining_hides_it_for_that_request(qtbot: Any, page: ProblemPage) -> None:
    page.summary.setFocus()
    qtbot.keyClicks(page.summary, "VPN drops every hour again")
    qtbot.waitUntil(page.duplicate.isVisible, timeout=3000)
    qtbot.mouseClick(page.duplicate.no_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.summary, " since Monday")
    assert page.duplicate.check() is None  # what the typing pause runs: only #41 matched
    assert not page.duplicate.isVisible() and page.ctx.form.reply_to == ""


def test_unrelated_and_resolved_requests_are_not_offered(qtbot: Any, page: ProblemPage) -> None:
    page.summary.setFocus()
    qtbot.keyClicks(page.summary, "Laptop battery does not charge")  # #42 is resolved
    assert page.duplicate.check() is None and not page.duplicate.isVisible()


def test_self_help_links_follow_the_category(page: ProblemPage) -> None:
    assert not page.self_help.isVisible()
    page.category.setCurrentIndex(page.category.findData("network"))
    assert page.self_help.isVisible()
    text = page.self_help.text()
    assert 'href="https://kb.example/vpn"' in text and "Known issue: Wi-Fi on floor 3" in text
    assert page.self_help.openExternalLinks()
    page.category.setCurrentIndex(page.category.findData("printer"))
    assert not page.self_help.isVisible()
