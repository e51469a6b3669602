"""Scene: one entry point of Helpline, run for real on Xvfb, driven to the Evidence page.

    python tests/ui/entry_scene.py OUT_DIR ENTRY

ENTRY is ``plain`` (``helpline``), ``new`` (``helpline new …``), ``link`` (``helpline
open-url …``), ``tray`` (``helpline tray``, then its menu's New request), ``crash`` (a plain
start, then an exception in a slot and the crash dialog's "Report this problem") or
``add`` (a plain start, then Welcome's "Add to this request instead" on an open request).
The real command line runs in this process; a timer drives the windows the way a person
would (fills what is missing, presses Next) until the wizard of that entry stands on the
Evidence page with the system information and the screenshot in it, then prints one JSON
line and quits. Issue 14: every entry point opens the same wizard with the same evidence.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from app.backends import create_backend  # noqa: E402
from app.core import identity, paths  # noqa: E402
from app.core.config import load  # noqa: E402
from app.core.model import NewTicket, Requester  # noqa: E402
from app.ui.pages.ids import PageId  # noqa: E402
from app.ui.session import Session  # noqa: E402
from app.ui.wizard import HelpWizard  # noqa: E402

ANN = Requester(name="Ann Example", email="ann@example.org")
TIMEOUT_S = 45
ARGS = {
    "plain": [],
    "new": ["new", "--category", "printer", "--summary", "Printer on floor 3 jams"],
    "link": ["open-url", "helpline://new?category=printer&summary=Printer%20jams"],
    "tray": ["tray"],
    "crash": [],
    "add": [],
}


class Driver:
    """Plays the person: one step every 50 ms until the Evidence page is complete."""

    def __init__(self, entry: str) -> None:
        self.entry = entry
        self.started = time.monotonic()
        self.triggered = False
        self.report: dict[str, Any] = {"entry": entry, "ok": False}
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.step)

    def session(self) -> Session | None:
        app = QApplication.instance()
        return app.findChild(Session) if app is not None else None

    def wizards(self) -> list[HelpWizard]:
        return [
            w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWizard) and w.isVisible()
        ]

    def target(self) -> HelpWizard | None:
        wanted = "crashReportWizard" if self.entry == "crash" else "helpWizard"
        return next((w for w in self.wizards() if w.objectName() == wanted), None)

    def finish(self, **facts: Any) -> None:
        self.timer.stop()
        self.report.update(facts)
        print(json.dumps(self.report), flush=True)
        session = self.session()
        if session is not None:
            session.quit()
        else:
            QApplication.instance().quit()

    def step(self) -> None:
        if time.monotonic() - self.started > TIMEOUT_S:
            wizard = self.target()
            self.finish(
                error="timed out",
                page=wizard.currentId() if wizard else None,
                wizards=[w.objectName() for w in self.wizards()],
            )
            return
        if not self.triggered and not self.trigger():
            return
        wizard = self.target()
        if wizard is None or not wizard.pages_built:
            return
        if wizard.currentId() == PageId.EVIDENCE:
            self.check(wizard)
        elif wizard.currentPage() is not None:
            self.fill(wizard)
            if wizard.currentPage().isComplete():
                wizard.next()

    def trigger(self) -> bool:
        """The entry's own action, once its first window is up; True once done."""
        session = self.session()
        if self.entry == "tray":
            if session is None or session.tray is None:
                return False
            session.tray.new_action.trigger()
        elif self.entry == "crash":
            first = next(iter(self.wizards()), None)
            if first is None or not first.pages_built or first.ctx.system_info is None:
                return False
            QTimer.singleShot(0, self.press_report)
            QTimer.singleShot(0, boom)
        elif self.entry == "add":
            first = next(iter(self.wizards()), None)
            view = first.welcome._open_list if first is not None else None
            if view is None or view.count() == 0 or not first.pages_built:
                return False
            view.setCurrentRow(0)
            first.welcome.add_button.click()
            self.report["reply_to"] = first.ctx.form.reply_to
        self.triggered = True
        return True

    def press_report(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QMessageBox)
                and widget.objectName() == "crashDialog"
                and widget.isVisible()
            ):
                button = widget.findChild(QAbstractButton, "crashReportButton")
                if button is not None:
                    button.click()
                    return
        QTimer.singleShot(20, self.press_report)

    def fill(self, wizard: HelpWizard) -> None:
        """What a person types where the page still needs it."""
        page = wizard.currentPage()
        combo = page.findChild(QComboBox, "categoryCombo")
        if combo is not None and combo.isVisible() and combo.currentIndex() < 0:
            combo.setCurrentIndex(max(0, combo.findData("printer")))
        summary = page.findChild(QLineEdit, "summaryEdit")
        if summary is not None and summary.isVisible() and not summary.text():
            QTest.keyClicks(summary, "Printer on floor 3 jams")  # typed, as a person does
        for editor in page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit):
            if (
                editor.objectName() == "happenedEdit"
                and editor.isVisible()
                and not editor.toPlainText()
            ):
                QTest.keyClicks(editor, "Every second page comes out crumpled.")

    def check(self, wizard: HelpWizard) -> None:
        ctx = wizard.ctx
        page = wizard.currentPage()
        preview = getattr(page, "preview", None)
        pixmap = preview.pixmap() if preview is not None else None
        if ctx.system_info is None or not ctx.screenshot_png or pixmap is None or pixmap.isNull():
            return
        summary = getattr(page, "system_summary", None)
        self.finish(
            ok=True,
            page="evidence",
            wizard=wizard.objectName(),
            system_info=bool(ctx.system_info.get("sections")),
            system_summary=summary.text() if summary is not None else "",
            screenshot_bytes=len(ctx.screenshot_png),
            screenshot_size=[pixmap.width(), pixmap.height()],
            category=ctx.form.category,
            summary=ctx.form.summary,
            reply_to=ctx.form.reply_to,
            one_session=len(QApplication.instance().findChildren(Session)) == 1,
        )


def boom() -> None:
    raise RuntimeError("a slot failed while the wizard was open")


def main() -> int:
    out, entry = Path(sys.argv[1]), sys.argv[2]
    config = load()
    identity.remember(ANN, paths.data_dir())  # About you is filled from last time
    if entry == "add":
        create_backend(config).create(
            NewTicket(
                subject="VPN drops every hour", body="x", requester=ANN, client_ref="scene-open"
            )
        )
    driver = Driver(entry)
    original_exec = QApplication.exec

    def exec_with_driver(*_app: object) -> int:  # exec() is static in PySide6
        driver.timer.start()
        return original_exec()

    QApplication.exec = exec_with_driver  # type: ignore[method-assign]
    from app.cli import main as helpline

    code = helpline(ARGS[entry])
    (out / "exit-code").write_text(str(code))
    return 0 if driver.report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
