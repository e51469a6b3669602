"""How a wizard is opened, the same way from every entry point (issue 14).

The capture of the screen before any Helpline window exists, the context, the offer to
continue a draft, the evidence workers and the pages built after the first paint. Only
:class:`app.ui.session.Session` calls these: it is the one opener of windows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.core.config import Config
from app.ui import i18n
from app.ui.context import WizardContext
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtGui import QImage

    from app.collectors.xcb_image import RootCapture
    from app.core.drafts import DraftStore
    from app.core.form import RequestForm


def ask_continue_draft(draft_time: datetime | None, parent: QWidget | None = None) -> bool:
    """Offer the unfinished request once; True means continue it."""
    # Imported here: naming QMessageBox makes PySide6 build its type and five enums (1-2 ms),
    # and this box opens after the first paint.
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QMessageBox

    when = (
        i18n.date_time(QDateTime.fromSecsSinceEpoch(int(draft_time.timestamp())))
        if draft_time
        else ""
    )
    box = QMessageBox(parent)
    box.setObjectName("continueDraftBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QApplication.translate("app", "Unfinished request"))
    text = QApplication.translate("app", "You have an unfinished request from %1. Continue it?")
    box.setText(
        text.replace("%1", when)
        if when
        else QApplication.translate("app", "You have an unfinished request. Continue it?")
    )
    keep = box.addButton(
        QApplication.translate("app", "&Continue"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QApplication.translate("app", "&Start a new one"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is keep


def say_draft_set_aside(kept: Path) -> None:
    """The saved draft could not be read and was set aside (app.core.drafts): say so once,
    and where the file went, instead of failing at every start."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, i18n.program_name(), "")
    box.setObjectName("draftSetAsideBox")
    # Deleted by Qt on the GUI thread once closed, not whenever Python's garbage collector
    # runs (possibly on a worker: "Timers cannot be stopped from another thread").
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        QApplication.translate(
            "app",
            "The request you were writing last time could not be read back, so a new one "
            "starts. The damaged file was kept as {path}.",
        ).format(path=str(kept))
    )
    box.exec()


def restored_form(
    drafts: DraftStore, config: Config, prefill: RequestForm | None = None
) -> RequestForm:
    """The draft if the user wants it, else a fresh form (or ``prefill``, from a link or
    ``helpline new``) with the remembered identity."""
    from datetime import datetime

    from app.core import identity
    from app.core.form import RequestForm

    draft = drafts.load()
    if drafts.set_aside is not None:
        say_draft_set_aside(drafts.set_aside)
    if draft is not None:
        stamp = (
            datetime.fromtimestamp(drafts.path.stat().st_mtime) if drafts.path.exists() else None
        )
        if ask_continue_draft(stamp):
            return draft
        drafts.clear()
    form = prefill if prefill is not None else RequestForm()
    form.requester = identity.prefill(config["requester.remember"])
    return form


def _prune_receipts(keep_days: int, root: Path) -> int:
    from app.collectors import receipts

    return receipts.prune(keep_days, root)


def start_evidence(ctx: WizardContext) -> None:
    """Gather system information and encode the screenshot, each on a worker.

    Old receipts are pruned on a worker too. The category's logs are read later, by the
    Evidence page, once the user has chosen the category.
    """
    from app.collectors.screenshot import describe_screens

    sections = list(ctx.sections)

    def got_info(result: tuple[dict, list[Any]]) -> None:
        info, parts = result
        ctx.set_system_info(info, parts if ctx.sections == sections else None)

    if ctx.config["attachments.system_info"]:
        from app.services import evidence

        ctx.runner.run(
            evidence.system_info,
            ctx.config,
            sections,
            ctx.scanner,
            describe_screens(),
            on_done=got_info,
        )
    if ctx.config["attachments.screenshot"] and ctx.pending_root is not None:
        from app.collectors.screenshot import image_from_root

        root, ctx.pending_root = ctx.pending_root, None
        ctx.runner.run(image_from_root, root, on_done=ctx.set_screenshot)
    elif ctx.config["attachments.screenshot"] and ctx.screenshot is not None:
        ctx.set_screenshot(ctx.screenshot)
    ctx.runner.run(_prune_receipts, int(ctx.config["receipts.keep_days"]), ctx.submission.root)


#: The wizard's other pages are built once the workers started at the first paint are done
#: (evidence, the welcome page's list), at the latest this long after it. Building them
#: while those workers run made each step (up to 30 ms; on X11 the first text field loads
#: the input method) wait for the GIL: GUI stalls of 60-100 ms (docs/performance.md).
PAGES_AT_THE_LATEST_MS = 1500


def build_pages_soon(wizard: Any, runner: TaskRunner) -> None:
    """After the first paint: let the wizard build its other pages, a step at a time."""
    started = False

    def start() -> None:
        nonlocal started
        if not started and shiboken6.isValid(wizard):  # the user may have closed it already
            started = True
            wizard.build_pages_later()

    runner.busyChanged.connect(lambda busy: None if busy else start())
    QTimer.singleShot(PAGES_AT_THE_LATEST_MS, wizard, start)
    if not runner.busy:
        QTimer.singleShot(0, wizard, start)


def first_capture(config: Config) -> tuple[QImage | None, RootCapture | None]:
    """The screen as it was before this wizard: the X11 root read while Qt loaded (started
    by the command line for the first window; its pixels become an image on a worker after
    the first paint), else Qt's grab now (every later wizard). Waiting for the early capture
    here also means the X server has read the screen before the wizard can be mapped."""
    if not config["attachments.screenshot"]:
        return None, None
    from app.collectors import x11_capture
    from app.collectors.screenshot import grab_desktop, root_fits

    root = x11_capture.take()
    if root is not None and root_fits(root):
        return None, root
    return grab_desktop(), None


def preload() -> None:
    """Worker: import the second stage's Qt-free modules (the submission with its outbox,
    SQLite, backends and form; the secret scanner): 25-40 ms that would otherwise hold the
    GUI thread right after the first paint."""
    import importlib

    for name in ("app.services.filing", "app.services.evidence"):
        importlib.import_module(name)
