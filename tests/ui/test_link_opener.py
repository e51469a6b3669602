"""The question before a deceptive link opens: where it leads, why it is asked, plain text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.core.links import classify
from app.ui.requests.link_opener import LinkOpener


def test_the_question_names_the_real_target_and_opens_nothing_by_default(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    opener = LinkOpener(parent)
    opened: list[str] = []
    opener.open_url = lambda url: opened.append(url.toString())
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return 0  # closed without a choice: the default (Cancel) stands

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    verdict = opener.open("https://evil.example/<b>x</b>", "https://bank.example/")
    [box] = shown
    assert "https://evil.example/<b>x</b>" in box.text()
    assert "different address" in box.informativeText()
    for label in box.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or not label.text()
    assert opened == [] and verdict.action == "refuse"


def test_an_honest_link_opens_without_a_question(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    opener = LinkOpener(parent)
    opened: list[str] = []
    opener.open_url = lambda url: opened.append(url.toString())
    opener.confirm = lambda _verdict: pytest.fail("asked about an honest link")
    assert opener.open("https://kb.example/vpn", "this article") == classify(
        "https://kb.example/vpn", "this article"
    )
    assert opened == ["https://kb.example/vpn"]
