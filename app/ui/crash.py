"""The GUI's last line of defence: an exception nobody caught.

:func:`install` replaces ``sys.excepthook`` (PySide6 routes exceptions raised
in slots and event handlers there too). When something escapes, the hook
writes a crash log without secrets (:mod:`app.core.crashlog`), saves every
open wizard's draft at once, and shows a friendly dialog that offers to file
a request about Helpline itself. Filing it is the session's business: the hook
calls back with the exception and the log, and the session opens the wizard the
way every wizard is opened, prefilled by :func:`report_form` (category "other",
summary "<program> stopped working", the exception's last line as the error text,
the crash log attached) over :func:`report_submission`, whose own draft file
keeps the user's unfinished request from being overwritten.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core import crashlog, identity
from app.core.config import Config
from app.core.drafts import DraftStore
from app.core.form import RequestForm
from app.services.filing import Submission
from app.ui.i18n import program_name
from app.ui.plain import plain_box

log = logging.getLogger(__name__)

#: Folder (under the data dir) of the crash report's own draft.
REPORT_DRAFTS = "crash-report"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def crash_dialog(log_path: Path | None, parent: QWidget | None = None) -> tuple[QMessageBox, Any]:
    """The dialog and its "Report this problem" button (returned so tests can press it)."""
    tr = QApplication.translate
    box = QMessageBox(parent)
    box.setObjectName("crashDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    program = program_name()
    title = tr("crash", "{program} ran into a problem").format(program=program)
    box.setWindowTitle(title)
    box.setText(tr("crash", "{program} ran into a problem…").format(program=program))
    box.setAccessibleName(title)
    detail = tr(
        "crash",
        "Your unfinished request is kept as a draft, and anything already "
        "sent or waiting in the outbox is safe.",
    )
    if log_path is not None:
        detail += " " + tr(
            "crash", "A report of what went wrong was saved to %1; it holds no passwords or tokens."
        ).replace("%1", str(log_path))
    detail += "\n\n" + tr("crash", "Would you like to tell support about this problem?")
    box.setInformativeText(detail)
    plain_box(box)  # the program's name and the log's path come from outside
    report = box.addButton(tr("crash", "&Report this problem"), QMessageBox.ButtonRole.AcceptRole)
    report.setObjectName("crashReportButton")
    close = box.addButton(tr("crash", "&Close"), QMessageBox.ButtonRole.RejectRole)
    close.setObjectName("crashCloseButton")
    box.setDefaultButton(report)
    return box, report


#: What the session does when the user asks to report the crash.
ReportCallback = Callable[[BaseException, "Path | None"], object]


def report_form(config: Config, exc: BaseException, log_path: Path | None) -> RequestForm:
    """The request about the program itself, as the wizard opens it: in the person's
    language, under the program's own (the brand's) name, quoting the dialog they saw."""
    tr = QApplication.translate
    program = program_name()
    category = "other" if config.category("other") is not None else ""
    seen = tr("crash", "{program} ran into a problem").format(program=program)
    return RequestForm(
        requester=identity.prefill(config["requester.remember"]),
        category=category,
        summary=tr("crash", "{program} stopped working").format(program=program),
        error_text=crashlog.last_line(exc),
        happened=tr("crash", "{program} showed the message “{message}”.").format(
            program=program, message=seen
        ),
        files=[str(log_path)] if log_path is not None else [],
    )


def report_submission(submission: Submission) -> Submission:
    """The filing service with a draft file of the crash report's own."""
    report = copy.copy(submission)
    folder = submission.root / REPORT_DRAFTS
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    report.drafts = DraftStore(folder)
    return report


class CrashHook:
    """Callable as ``sys.excepthook``; one instance per running GUI."""

    def __init__(self, root: Path, on_report: ReportCallback | None = None) -> None:
        self.root = root
        self.on_report = on_report
        self.previous: Callable[..., Any] = sys.excepthook
        self.previous_thread_hook: Callable[..., Any] = threading.excepthook
        self.last_log: Path | None = None
        self._handling = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit) or self._handling:
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._handling = True
        try:
            self.last_log = self._write_log(exc_type, exc, tb)
            self._keep_drafts()
            if (
                QApplication.instance() is not None
                and self.ask(self.last_log)
                and self.on_report is not None
            ):
                self.on_report(exc, self.last_log)
        except Exception:  # the hook must never raise: fall back to the plain traceback
            sys.__excepthook__(exc_type, exc, tb)
        finally:
            self._handling = False

    def _write_log(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> Path | None:
        try:
            path = crashlog.write(exc_type, exc, tb, root=self.root)
        except OSError as err:  # a full disk must not stop the dialog
            log.error("The crash log could not be written: %s", err)
            return None
        log.error("Helpline ran into a problem: %s (details in %s)", crashlog.last_line(exc), path)
        return path

    def _keep_drafts(self) -> None:
        """Save every open wizard's form now, synchronously: the next crash may be fatal."""
        from app.ui.context import WizardContext

        app = QApplication.instance()
        contexts = app.findChildren(WizardContext) if app is not None else []
        for ctx in contexts:
            if ctx.item is not None or ctx.submission.drafts.path.parent.name == REPORT_DRAFTS:
                continue
            try:
                ctx.submission.drafts.save(RequestForm.from_dict(ctx.form.to_dict()))
            except (OSError, ValueError, TypeError) as err:
                log.error("The draft could not be saved after a crash: %s", err)

    def ask(self, log_path: Path | None) -> bool:
        box, report = crash_dialog(log_path, QApplication.activeWindow())
        box.exec()
        return box.clickedButton() is report


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    """Worker threads cannot show a dialog; they leave a crash log and the usual output."""
    if args.exc_value is not None:
        with contextlib.suppress(OSError):
            crashlog.write(args.exc_type, args.exc_value, args.exc_traceback)
    threading.__excepthook__(args)


def install(root: Path, on_report: ReportCallback | None = None) -> CrashHook:
    """Route uncaught exceptions to the friendly dialog; returns the hook (for uninstall).
    ``root`` is the data folder the crash log goes to; ``on_report`` files the report."""
    hook = CrashHook(root, on_report)
    sys.excepthook = hook
    threading.excepthook = _thread_hook
    return hook


def uninstall(hook: CrashHook) -> None:
    if sys.excepthook is hook:
        sys.excepthook = hook.previous
    if threading.excepthook is _thread_hook:
        threading.excepthook = hook.previous_thread_hook
