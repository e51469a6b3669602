"""The GUI entry point: one QApplication, the branded look, the wizard or My requests.

Order matters here. The screenshot is taken before any Helpline window
exists, so the wizard is never in it. The start has two stages (issue 8,
docs/performance.md): before the first paint only the config, the translations,
the stylesheet, the capture and the Welcome page; after it the services (outbox,
SQLite, backends), the crash hook, the offer to continue a draft, the delivery of
the outbox, and on workers system information, PNG encoding and the backend.
requests, psutil and the ``Qt`` namespace's enums are loaded only then. The windows
themselves are opened by :class:`app.ui.session.Session`, built here once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, gc_pause
from app.core.config import Config
from app.ui import i18n, style
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.core.deeplink import DeepLinkError, ShareLink
    from app.core.form import RequestForm

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


def error_box(message: str | DeepLinkError, config: Config, what: str = "link") -> Any:
    """The box :func:`show_error` shows, once a ``QApplication`` exists (a ``QMessageBox``,
    typed ``Any``: naming the type up here would cost the first paint). ``what``: ``link``
    (a link or shortcut that fails its checks) or ``config`` (a config or policy file that
    was refused; ``config`` is then the defaults under the branding, for the name and
    language).
    """
    from PySide6.QtWidgets import QMessageBox

    from app.ui.plain import plain_box

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app, config)
    if not isinstance(message, str):  # a link's error: its code, said in the person's words
        from app.core import logsafe
        from app.ui import messages

        message = logsafe.mask(messages.deeplink_error(message))
    box = QMessageBox()
    box.setObjectName("linkErrorBox" if what == "link" else "configErrorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(config["branding.name"])
    if what == "link":
        heading = QApplication.translate(
            "app", "A request could not be started from this link or shortcut."
        )
    else:
        heading = QApplication.translate(
            "app",
            "{name} cannot start because a setting in its configuration is not valid. "
            "Please pass this message on to IT:",
        ).format(name=config["branding.name"])
    box.setText(heading)
    box.setInformativeText(message)
    box.setAccessibleName(heading)
    box.setAccessibleDescription(message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    # The link's values (a ``category`` like ``<img src="/dev/zero">``) are in the message:
    # shown as written (issue 17, item 1).
    plain_box(box)
    return box


def show_error(message: str | DeepLinkError, config: Config, what: str = "link") -> None:
    """Say why the wizard could not open, to someone who has no terminal to read.

    A deep link is clicked in a browser or a document, and Helpline is started from the
    menu, so the command's stderr goes nowhere; this small box (:func:`error_box`) is the
    only place the person sees the sentence. With ``HELPLINE_QUIT_AFTER_PAINT=1`` it
    prints the text once painted and closes (tests).
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    box = error_box(message, config, what)
    if os.environ.get(QUIT_AFTER_PAINT) == "1":

        def report() -> None:
            print(f"error-dialog: {box.text()} {box.informativeText()}", flush=True)
            box.done(0)

        FirstPaint(box, report)
    box.exec()
    del app  # kept alive until the box is closed


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

    print(
        json.dumps({"first_paint_ms": None if elapsed is None else round(elapsed, 1)}), flush=True
    )


def main(
    config: Config,
    window: str = "wizard",
    startup_probe: bool = False,
    prefill: RequestForm | None = None,
    config_args: Sequence[str] = (),
    share: ShareLink | None = None,
) -> int:
    """Run the GUI until the last window closes; returns the exit code.

    ``window``: ``wizard``, ``requests``, ``settings``, ``tray`` or ``share`` (a ``share``
    link's consent dialog, ``share``). ``config_args``: the
    ``--config``/``--set`` options, for a background sender started later. With ``startup_probe``
    it prints the first-paint time and quits before any background work starts (the
    benchmark in tests/perf/bench.py reads it).
    """
    from app.ui.session import Session

    app = create_application(config, window_icon=False)
    quit_after_paint = os.environ.get(QUIT_AFTER_PAINT) == "1"
    runner = TaskRunner(app)
    session = Session(config, runner, app, catch_crashes=True, config_args=config_args)
    # Closing the last window ends the process; what still waits to be sent goes to the
    # background sender, a lean process of its own (issue 15, app/ui/sender_loop.py).
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(session.last_window_closed)

    if window == "tray":  # no window of its own: the icon, polling and notifications
        session.start_tray()
        code = app.exec()
        runner.wait(10000)
        return int(code)
    if window == "share" and share is not None:  # a link: the consent dialog, nothing else
        app.setWindowIcon(style.app_icon(config))
        session.start_services()
        session.open_share(share.request_id, share.minutes, share.control)
        code = app.exec()
        runner.wait(10000)
        return int(code)
    if window == "settings":
        app.setWindowIcon(style.app_icon(config))
        session.open_settings()
        code = app.exec()
        return int(code)
    if window == "requests":
        shown: QWidget = session.open_requests()

        def after_paint() -> None:
            gc_pause.resume_collector()
            if startup_probe:
                _print_startup_probe()
                app.quit()
                return
            if quit_after_paint:
                _report_modules()
                app.quit()
                return
            session.delivery.start()
    else:
        wizard = session.open_wizard(first=True)
        shown = wizard

        def after_paint() -> None:
            gc_pause.resume_collector()
            if startup_probe:
                _print_startup_probe()
                app.quit()
                return
            if quit_after_paint:
                _report_modules()
            session.finish_first_wizard(
                wizard,
                prefill,
                then=lambda: app.quit() if quit_after_paint else session.delivery.start(),
            )

    FirstPaint(shown, after_paint)
    shown.show()
    code = app.exec()
    runner.wait(10000)
    return int(code)
