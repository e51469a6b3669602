"""The GUI entry point: one QApplication, the branded look, the wizard or My requests.

Order matters here. The screenshot is taken before any Helpline window
exists, so the wizard is never in it. The start has two stages (issue 8,
docs/performance.md): before the first paint only the config, the translations,
the stylesheet, the capture and the Welcome page; after it the submission (outbox,
SQLite, backends), the crash hook, the offer to continue a draft, the delivery of
the outbox, and on workers system information, PNG encoding and the backend.
requests, psutil and the ``Qt`` namespace's enums are loaded only then.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, launch
from app.core.config import Config
from app.ui import i18n, style
from app.ui.context import WizardContext
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtGui import QImage

    from app.collectors.xcb_image import RootCapture
    from app.core.form import RequestForm
    from app.services.filing import Submission
    from app.ui.delivery import DeliveryService
    from app.ui.wizard import HelpWizard

#: Set to 1 to quit right after the first paint (start-up smoke tests, timing).
QUIT_AFTER_PAINT = "HELPLINE_QUIT_AFTER_PAINT"
WATCHED_MODULES = ("psutil", "requests", "keyring")


class FirstPaint(QObject):
    """Calls ``callback`` once, when ``widget`` is painted for the first time."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.setObjectName("firstPaintWatcher")
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def create_application(config: Config, window_icon: bool = True) -> QApplication:
    """The application with the brand's name, language and look.

    ``window_icon=False`` leaves the icon to the caller: :func:`main` sets it after the
    first paint (seven SVG renders and QIcon's set-up, 5-10 ms); the desktop shows the
    icon of the installed .desktop entry or executable until then.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(config["branding.name"])
    app.setOrganizationName(APP_NAME)
    if window_icon:
        app.setWindowIcon(style.app_icon(config))
    i18n.install(app, config)  # before any window: every text goes through it
    style.apply(app, config)
    return app


def ask_continue_draft(draft_time: datetime | None, parent: QWidget | None = None) -> bool:
    """Offer the unfinished request once; True means continue it."""
    # Imported here: naming QMessageBox makes PySide6 build its type and five enums (1-2 ms),
    # and this box opens after the first paint.
    from PySide6.QtCore import QDateTime, QLocale
    from PySide6.QtWidgets import QMessageBox

    when = QLocale().toString(
        QDateTime.fromSecsSinceEpoch(int(draft_time.timestamp())), QLocale.FormatType.ShortFormat) \
        if draft_time else ""
    box = QMessageBox(parent)
    box.setObjectName("continueDraftBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QApplication.translate("app", "Unfinished request"))
    text = QApplication.translate("app", "You have an unfinished request from %1. Continue it?")
    box.setText(text.replace("%1", when) if when else QApplication.translate(
        "app", "You have an unfinished request. Continue it?"))
    keep = box.addButton(QApplication.translate("app", "&Continue"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QApplication.translate("app", "&Start a new one"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is keep


def show_error(message: str, title: str = APP_NAME) -> None:
    """Say why a link could not open the wizard, to someone who has no terminal to read.

    A deep link is clicked in a browser or a document, so the command's stderr goes
    nowhere; this small box is the only place the person sees the sentence. With
    ``HELPLINE_QUIT_AFTER_PAINT=1`` it prints the text once painted and closes (tests).
    """
    from PySide6.QtWidgets import QMessageBox

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    box = QMessageBox()
    box.setObjectName("linkErrorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    heading = QApplication.translate("app", "A request could not be started from this link "
                                     "or shortcut.")
    box.setText(heading)
    box.setInformativeText(message)
    box.setAccessibleName(heading)
    box.setAccessibleDescription(message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    if os.environ.get(QUIT_AFTER_PAINT) == "1":

        def report() -> None:
            print(f"error-dialog: {box.text()} {box.informativeText()}", flush=True)
            box.done(0)

        FirstPaint(box, report)
    box.exec()
    del app  # kept alive until the box is closed


def restored_form(submission: Submission, config: Config,
                  prefill: RequestForm | None = None) -> RequestForm:
    """The draft if the user wants it, else a fresh form (or ``prefill``, from a link or
    ``helpline new``) with the remembered identity."""
    from datetime import datetime

    from app.core import identity
    from app.core.form import RequestForm

    draft = submission.drafts.load()
    if draft is not None:
        stamp = datetime.fromtimestamp(submission.drafts.path.stat().st_mtime) \
            if submission.drafts.path.exists() else None
        if ask_continue_draft(stamp):
            return draft
        submission.drafts.clear()
    form = prefill if prefill is not None else RequestForm()
    form.requester = identity.prefill(config["requester.remember"])
    return form


def _collect_system_info(display: list[dict], config: Config, sections: list[str],
                         scanner: Any) -> tuple[dict, list[Any]]:
    """Worker: psutil is imported here, never on the way to the first paint.

    The text and JSON parts are built and scanned for secrets here too, so the GUI thread
    never scans a report.
    """
    from app.collectors import outgoing, sysinfo

    info = sysinfo.collect(sections=config["sysinfo.sections"], display=display,
                           programs=config["sysinfo.programs"],
                           program_timeout_s=config["sysinfo.program_timeout_ms"] / 1000,
                           top_processes=config["sysinfo.top_processes"])
    return info, outgoing.system_info_parts(info, sections, scanner)


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
        ctx.runner.run(_collect_system_info, describe_screens(), ctx.config, sections,
                       ctx.scanner, on_done=got_info)
    if ctx.config["attachments.screenshot"] and ctx.pending_root is not None:
        from app.collectors.screenshot import image_from_root

        root, ctx.pending_root = ctx.pending_root, None
        ctx.runner.run(image_from_root, root, on_done=ctx.set_screenshot)
    elif ctx.config["attachments.screenshot"] and ctx.screenshot is not None:
        ctx.set_screenshot(ctx.screenshot)
    ctx.runner.run(_prune_receipts, int(ctx.config["receipts.keep_days"]),
                   ctx.submission.root)


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


def _report_modules() -> None:
    """At the first paint (tests): the watched modules loaded by then, and every ``app``
    module (tests/ui/test_first_paint_imports.py holds those to a budget)."""
    loaded = [name for name in WATCHED_MODULES if name in sys.modules]
    print("first-paint-modules: " + (",".join(loaded) or "-"), flush=True)
    own = sorted(name for name in sys.modules if name == "app" or name.startswith("app."))
    print("first-paint-app-modules: " + ",".join(own), flush=True)


def _print_startup_probe() -> None:
    """``--startup-probe``: milliseconds from the kernel's process start to the first paint."""
    from app.core import startup

    elapsed = startup.elapsed_ms()  # before json is imported, which is not start-up work
    import json

    print(json.dumps({"first_paint_ms": None if elapsed is None else round(elapsed, 1)}),
          flush=True)


def start_services(config: Config, runner: TaskRunner,
                   app: QApplication) -> tuple[Submission, DeliveryService]:
    """The window icon, the submission, the crash hook and the outbox's delivery: the second
    stage of the start, after the first paint (these import the outbox, SQLite and the
    backends)."""
    from app.services.filing import Submission
    from app.ui import crash
    from app.ui.delivery import DeliveryService

    if app.windowIcon().isNull():
        app.setWindowIcon(style.app_icon(config))
    submission = Submission(config)
    crash.install(config, submission, runner)
    # Whatever waits in the outbox (from this run or an earlier one) goes out in the
    # background; the caller starts it.
    return submission, DeliveryService(submission, runner, parent=app)


def first_capture(config: Config) -> tuple[QImage | None, RootCapture | None]:
    """The screen as it was before any Helpline window: the X11 root read while Qt loaded
    (started by the command line; its pixels become an image on a worker after the first
    paint), else Qt's grab now. Waiting for the early capture here also means the X server
    has read the screen before the wizard can be mapped."""
    if not config["attachments.screenshot"]:
        return None, None
    from app.collectors import x11_capture
    from app.collectors.screenshot import grab_desktop, root_fits

    root = x11_capture.take()
    if root is not None and root_fits(root):
        return None, root
    return grab_desktop(), None


def open_wizard(config: Config, runner: TaskRunner, app: QApplication) -> HelpWizard:
    """The first stage: the capture (before any Helpline window exists), then the wizard
    with only its Welcome page, over a context with no submission and no form yet."""
    screenshot, root = first_capture(config)
    ctx = WizardContext(config, None, runner, screenshot=screenshot, parent=app)
    ctx.pending_root = root
    from app.ui.wizard import HelpWizard

    return HelpWizard(ctx, defer_pages=True)


def _preload() -> None:
    """Worker: import the second stage's Qt-free modules (the submission with its outbox,
    SQLite, backends and form; the secret scanner): 25-40 ms that would otherwise hold the
    GUI thread right after the first paint."""
    import importlib

    for name in ("app.services.filing", "app.collectors.outgoing"):
        importlib.import_module(name)


def finish_wizard_start(wizard: HelpWizard, runner: TaskRunner, app: QApplication,
                        prefill: RequestForm | None = None,
                        then: Callable[[DeliveryService], None] | None = None) -> None:
    """The second stage, after the first paint: the services, the offer to continue a
    draft (over the open wizard, before its other pages exist), the evidence workers, the
    open requests and the other pages; ``then`` gets the delivery service to start.

    Pressing Next before the modules have loaded finishes this at once, on the GUI
    thread, so the pages are never built over a form that a draft would replace.
    """
    ctx = wizard.ctx
    done = False

    def finish(_loaded: object = None) -> None:
        nonlocal done
        if done or not shiboken6.isValid(wizard):
            return
        done = True
        wizard.before_pages = None
        submission, delivery = start_services(ctx.config, runner, app)
        ctx.submission = submission
        wizard.set_form(restored_form(submission, ctx.config, prefill))
        start_evidence(ctx)
        wizard.welcome.load()
        build_pages_soon(wizard, runner)
        if then is not None:
            then(delivery)

    wizard.before_pages = finish
    runner.run(_preload, on_done=finish, on_error=finish)


def main(config: Config, window: str = "wizard", startup_probe: bool = False,
         prefill: RequestForm | None = None) -> int:
    """Run the GUI until the last window closes; returns the exit code.

    With ``startup_probe`` it prints the first-paint time and quits before any
    background work starts (the benchmark in tests/perf/bench.py reads it).
    """
    app = create_application(config, window_icon=False)
    quit_after_paint = os.environ.get(QUIT_AFTER_PAINT) == "1"
    runner = TaskRunner(app)

    if window == "tray":  # no window of its own: the icon, polling and notifications
        from app.ui.tray import TrayController

        app.setWindowIcon(style.app_icon(config))
        submission, delivery = start_services(config, runner, app)
        app.setQuitOnLastWindowClosed(False)
        controller = TrayController(config, runner, submission, delivery, parent=app)
        controller.start()
        code = app.exec()
        runner.wait(10000)
        return int(code)
    if window == "requests":
        from app.ui.requests_window import RequestsWindow

        submission, delivery = start_services(config, runner, app)
        shown: QWidget = RequestsWindow(config, runner, submission, delivery=delivery)

        def after_paint() -> None:
            launch.resume_collector()
            if startup_probe:
                _print_startup_probe()
                app.quit()
                return
            if quit_after_paint:
                _report_modules()
                app.quit()
                return
            delivery.start()
    else:
        wizard = open_wizard(config, runner, app)
        shown = wizard

        def after_paint() -> None:
            launch.resume_collector()
            if startup_probe:
                _print_startup_probe()
                app.quit()
                return
            if quit_after_paint:
                _report_modules()
            finish_wizard_start(wizard, runner, app, prefill,
                                then=lambda delivery: app.quit() if quit_after_paint
                                else delivery.start())

    FirstPaint(shown, after_paint)
    shown.show()
    code = app.exec()
    runner.wait(10000)
    return int(code)
