"""The crash log (app/core/crashlog.py) and the GUI's exception hook (app/ui/crash.py).

A crash log is attached to the request the user may send about Helpline,
so it must hold no secret: known token values and credential-looking text
are masked, and it is private (0600 in a 0700 folder). The hook must keep
the user's draft, say what happened kindly, and open a prefilled wizard
whose own draft never overwrites the user's.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from app.core import crashlog, identity, logsafe, paths
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission
from app.ui import crash
from app.ui.context import WizardContext
from app.ui.session import Session
from app.ui.tasks import TaskRunner

SECRET = "tok-live-7d3e9a41c2b8"


def _raise(message: str) -> tuple[type[BaseException], BaseException, Any]:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        return sys.exc_info()  # type: ignore[return-value]


def test_crash_log_is_private_and_holds_no_secret(tmp_path: Path) -> None:
    logsafe.register(SECRET)
    info = _raise(f"backend said no; Authorization: Bearer abc.def.ghi; token={SECRET}")
    path = crashlog.write(*info, root=tmp_path)
    text = path.read_text("utf-8")
    assert "RuntimeError: backend said no" in text and "Helpline crash report" in text
    assert SECRET not in text and "abc.def.ghi" not in text and logsafe.MASK in text
    assert "test_crash.py" in text  # the traceback itself is kept
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert crashlog.last_line(info[1]).startswith("RuntimeError: backend said no")
    assert SECRET not in crashlog.last_line(info[1])


def test_old_crash_logs_are_pruned(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    paths_written = [
        crashlog.write(*_raise(f"crash {i}"), root=tmp_path, now=start + timedelta(seconds=i))
        for i in range(crashlog.KEEP + 3)
    ]
    for i, path in enumerate(paths_written):  # distinct mtimes, in order
        if path.exists():
            os.utime(path, (1_000_000 + i, 1_000_000 + i))
    crashlog.write(*_raise("newest"), root=tmp_path, now=start + timedelta(hours=1))
    left = sorted(p.name for p in (tmp_path / crashlog.FOLDER).iterdir())
    assert len(left) == crashlog.KEEP


# -- the hook in the GUI ----------------------------------------------------------------


@pytest.fixture
def gui(qapp: Any, isolated_dirs: dict[str, Path]) -> Iterator[dict[str, Any]]:
    logsafe.register(SECRET)  # as app.backends.credentials does for every secret it reads
    config = load(env={})
    submission = Submission(config, root=paths.data_dir())
    runner = TaskRunner(QCoreApplication.instance())
    form = RequestForm(
        requester=Requester(name="Ann Example", email="ann@example.org"),
        category="printer",
        summary="Printer on floor 4 jams",
        happened="Every second page.",
    )
    ctx = WizardContext(config, submission, runner, form=form, parent=qapp)
    session = Session(config, runner, qapp, submission=submission, catch_crashes=True)
    session.start_services()  # installs the hook, which files a report through the session
    hook = session.crash_hook
    assert hook is not None
    yield {
        "config": config,
        "submission": submission,
        "runner": runner,
        "ctx": ctx,
        "hook": hook,
        "session": session,
    }
    crash.uninstall(hook)
    for wizard in session.wizards:
        wizard.close()
        wizard.deleteLater()
    session.deleteLater()
    QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()
    ctx.setParent(None)
    ctx.deleteLater()


def _press(button_name: str, seen: dict[str, Any]) -> None:
    """Press a button of the crash dialog as soon as it is on screen."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QMessageBox)
                and widget.objectName() == "crashDialog"
                and widget.isVisible()
            ):
                seen["title"] = widget.windowTitle()
                seen["text"] = widget.text()
                seen["detail"] = widget.informativeText()
                button = widget.findChild(QAbstractButton, button_name)
                assert button is not None
                button.click()
                return
        QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


def test_hook_keeps_the_draft_and_opens_a_prefilled_report(gui: dict[str, Any], qtbot: Any) -> None:
    hook: crash.CrashHook = gui["hook"]
    submission: Submission = gui["submission"]
    assert sys.excepthook is hook
    identity.remember(gui["ctx"].form.requester, paths.data_dir())
    assert submission.drafts.load() is None  # typed, but the save timer has not fired
    seen: dict[str, Any] = {}
    _press("crashReportButton", seen)
    hook(*_raise(f"list index out of range ({SECRET})"))

    assert seen["title"] == "Helpline ran into a problem"
    assert seen["text"] == "Helpline ran into a problem…"
    assert "kept as a draft" in seen["detail"] and str(hook.last_log) in seen["detail"]
    draft = submission.drafts.load()
    assert draft is not None and draft.summary == "Printer on floor 4 jams"

    (wizard,) = gui["session"].wizards
    assert wizard.objectName() == "crashReportWizard"
    form = wizard.ctx.form
    assert (form.category, form.summary) == ("other", "Helpline stopped working")
    assert form.error_text.startswith("RuntimeError: list index out of range")
    assert SECRET not in form.error_text
    assert form.files == [str(hook.last_log)]
    assert form.requester.email == "ann@example.org"  # remembered from the last request
    # The report's own draft goes elsewhere: the user's unfinished request stays.
    wizard.ctx.submission.drafts.save(form)
    users, reports = submission.drafts.load(), wizard.ctx.submission.drafts.load()
    assert users is not None and users.summary == "Printer on floor 4 jams"
    assert reports is not None and reports.summary == "Helpline stopped working"
    assert wizard.isVisible()


def test_the_report_is_in_the_persons_language_under_the_brands_name(qapp: Any) -> None:
    """The dialog said "Acme IT Service Desk ist auf ein Problem gestoßen", and the request
    it opened said, in English, that "Helpline" had shown "Helpline ran into a problem":
    untrue in a branded build, and English text sent for a German user."""
    from PySide6.QtGui import QGuiApplication

    from app.core.config import load
    from tests.ui.test_a11y import language

    before = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("Acme IT Service Desk")
    try:
        english = crash.report_form(load(env={}), RuntimeError("boom"), None)
        with language("de") as config:
            german = crash.report_form(config, RuntimeError("boom"), None)
    finally:
        QGuiApplication.setApplicationDisplayName(before)
    assert english.summary == "Acme IT Service Desk stopped working"
    assert english.happened == (
        "Acme IT Service Desk showed the message “Acme IT Service Desk ran into a problem”."
    )
    assert "Helpline" not in german.summary + german.happened
    assert german.summary == "Acme IT Service Desk funktioniert nicht mehr"
    assert german.happened.startswith("Acme IT Service Desk hat die Meldung „")


def test_close_only_writes_the_log(gui: dict[str, Any]) -> None:
    hook: crash.CrashHook = gui["hook"]
    _press("crashCloseButton", {})
    hook(*_raise("boom"))
    assert gui["session"].wizards == [] and hook.last_log is not None
    assert hook.last_log.is_file()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook(gui: dict[str, Any], qtbot: Any) -> None:
    """PySide6 hands exceptions raised in slots to sys.excepthook: the real route."""
    hook: crash.CrashHook = gui["hook"]
    seen: dict[str, Any] = {}
    _press("crashCloseButton", seen)

    def broken_slot() -> None:
        raise ValueError("a slot failed")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: hook.last_log is not None, timeout=5000)
    assert hook.last_log is not None
    assert "ValueError: a slot failed" in hook.last_log.read_text("utf-8")
    qtbot.waitUntil(lambda: "text" in seen, timeout=5000)


def test_a_worker_thread_leaves_a_crash_log(gui: dict[str, Any]) -> None:
    """Threads cannot show a dialog, but what went wrong is still written down."""
    import threading

    def work() -> None:
        raise OSError(f"worker failed with {SECRET}")

    worker = threading.Thread(target=work, name="helpline-test-worker")
    worker.start()
    worker.join(10)
    (log_file,) = (paths.data_dir() / crashlog.FOLDER).glob("crash-*.log")
    text = log_file.read_text("utf-8")
    assert "OSError: worker failed with" in text and SECRET not in text
