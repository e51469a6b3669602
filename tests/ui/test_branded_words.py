"""A branded build says the brand's name, not "Helpline", in every sentence it shows.

Two views: every text the wizard's pages and *My requests* show while a person walks through
them, and every ``tr()`` source in the modules those windows are built from (some sentences
appear only in an error state). The program may still name itself where it names the
program, not the service: the reference line in the request's own text.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QWidget,
    QWizard,
)

from app.ui.requests.window import RequestsWindow
from tests.conftest import ROOT
from tests.ui.test_a11y import (  # noqa: F401 - fixtures
    make_config,
    make_wizard,
    requests_window,
    root,
    walk,
)

BRAND = "Acme IT Service Desk"
#: Where Helpline names itself, not the service: the request text's reference line.
NAMES_THE_PROGRAM = ("Helpline reference",)


@pytest.fixture(autouse=True)
def branded(qapp: QApplication) -> Iterator[None]:
    """What create_application does with ``branding.name``."""
    before = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName(BRAND)
    yield
    qapp.setApplicationDisplayName(before)


def texts(top: QWidget) -> list[str]:
    """Every text a person or a screen reader gets from ``top`` and its children."""
    found = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        found += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            found += [widget.toPlainText(), widget.placeholderText()]
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            found += [header.text(c) for c in range(header.columnCount())]
    return found


def saying_helpline(found: list[str]) -> list[str]:
    lines = [line for text in found for line in text.splitlines()]
    return [
        line
        for line in lines
        if "Helpline" in line and not any(name in line for name in NAMES_THE_PROGRAM)
    ]


def test_the_wizard_says_the_brands_name_on_every_page(qtbot: Any, root: Path) -> None:
    config = make_config(**{"branding.name": BRAND})
    wiz = make_wizard(qtbot, root, config)
    found: list[str] = []
    for _page in walk(qtbot, wiz):
        page = wiz.currentPage()
        found += [page.title(), page.subTitle(), *texts(wiz)]
        found += [wiz.buttonText(b) for b in (QWizard.WizardButton.FinishButton,)]
    wiz.ctx.runner.wait()
    assert BRAND in " ".join(found)
    assert saying_helpline(found) == []


def test_my_requests_says_the_brands_name(qtbot: Any, requests_window: RequestsWindow) -> None:
    win = requests_window
    found = texts(win)
    for row in range(win.model.rowCount()):
        win.table.selectRow(row)
        QApplication.processEvents()
        found += texts(win)
    win.runner.wait()
    assert BRAND in " ".join(found)
    assert saying_helpline(found) == []


#: The modules the wizard's pages and My requests are built from (the tray and the crash
#: dialog are other windows).
MODULES = [
    *sorted((ROOT / "app" / "ui" / "pages").glob("*.py")),
    *sorted((ROOT / "app" / "ui" / "requests").glob("*.py")),
    *sorted((ROOT / "app" / "ui" / "widgets").glob("*.py")),
    ROOT / "app" / "ui" / "wizard.py",
    ROOT / "app" / "ui" / "messages.py",
    ROOT / "app" / "ui" / "signin.py",
]


def test_no_sentence_of_those_windows_names_helpline() -> None:
    """Sentences shown only in some state (an error, a dialog) are checked at their source."""
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in ("tr", "translate", "_translate"):
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and "Helpline" in str(arg.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {arg.value}")
    assert found == []
