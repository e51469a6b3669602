"""Helpline side of the evidence figure: system info and screenshot ready after the wizard opens.

It opens the wizard exactly as ``app.ui.app.main`` does, through the session (under X11 the
screen read on a thread while Qt loads, as ``app.cli`` starts it; else grabbed before any
window; then the wizard, then the evidence workers, the welcome page's load and the
remaining pages after the first paint) and prints,
counted from that first paint: when the system report arrived, when the
screenshot's PNG arrived, and the longest GUI event-loop stall seen by a 5 ms
heartbeat meanwhile (until the wizard has built all its pages, too).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from app.collectors import x11_capture
from app.core.config import load

x11_capture.start(load()["attachments.screenshot"])  # as app.cli does, before Qt loads

from heartbeat import Heartbeat  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402

from app.services.filing import Submission  # noqa: E402
from app.ui import app as gui  # noqa: E402
from app.ui.app import FirstPaint, create_application  # noqa: E402
from app.ui.context import WizardContext  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402
from app.ui.wizard import HelpWizard  # noqa: E402

TIMEOUT_MS = 30000


try:
    from app.ui.session import Session
except ImportError:  # a checkout from before the session (for before/after runs)
    Session = None  # type: ignore[assignment,misc]


def _first_stage(config, app, runner):  # type: ignore[no-untyped-def]
    """The session and the wizard as ``app.ui.app.main`` builds them before the first paint;
    on a checkout from before the session or the two-stage start, as that one did (for
    before/after runs)."""
    if Session is not None:
        session = Session(config, runner, app)
        return session, session.open_wizard(first=True)
    if hasattr(gui, "open_wizard"):
        return None, gui.open_wizard(config, runner, app)
    restored_form = gui.restored_form
    submission = Submission(config)
    screenshot = None
    if config["attachments.screenshot"]:
        from app.collectors.screenshot import grab_desktop

        screenshot = grab_desktop()
    ctx = WizardContext(
        config,
        submission,
        runner,
        form=restored_form(submission, config),
        screenshot=screenshot,
        parent=app,
    )
    try:
        return None, HelpWizard(ctx, defer_pages=True)
    except TypeError:  # a checkout from before the deferred pages
        return None, HelpWizard(ctx)


def main() -> int:
    config = load()
    app = create_application(config)
    runner = TaskRunner(app)
    from app.collectors import screenshot as capture

    grab, take = capture.grab_desktop, x11_capture.take
    timed: list[float] = []

    def timing(function):  # type: ignore[no-untyped-def]
        def timed_call(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timed.append((time.perf_counter() - started) * 1000)

        return timed_call

    # The first stage imports both from their modules when it runs: the time the GUI
    # thread spends on the capture before the first paint (waiting for the early capture,
    # or Qt's grab when there is none).
    capture.grab_desktop, x11_capture.take = timing(grab), timing(take)
    session, wizard = _first_stage(config, app, runner)
    capture.grab_desktop, x11_capture.take = grab, take
    grab_ms = round(sum(timed), 2)
    ctx = wizard.ctx
    want_png = bool(config["attachments.screenshot"]) and (
        ctx.screenshot is not None or getattr(ctx, "pending_root", None) is not None
    )
    beat = Heartbeat(app)
    marks: dict[str, float] = {}

    def since_paint() -> float:
        return round((time.perf_counter() - marks["paint"]) * 1000, 2)

    def arrived() -> None:
        if ctx.system_info is not None and "info_ms" not in marks:
            marks["info_ms"] = since_paint()
        if ctx.screenshot_png and "png_ms" not in marks:
            marks["png_ms"] = since_paint()
        if "info_ms" in marks and ("png_ms" in marks or not want_png) and "ready_ms" not in marks:
            marks["ready_ms"] = since_paint()
        settled()

    def settled() -> None:
        """The heartbeat runs until the evidence is in and every page has been built."""
        if "ready_ms" in marks and getattr(wizard, "pages_built", True):
            beat.stop()
            app.quit()
        elif "ready_ms" in marks:
            QTimer.singleShot(20, settled)

    def after_paint() -> None:
        marks["paint"] = time.perf_counter()
        beat.start()
        if session is not None:  # the second stage, exactly as main runs it
            session.finish_first_wizard(wizard)
            return
        if hasattr(gui, "finish_wizard_start"):
            gui.finish_wizard_start(wizard, runner, app)
            return
        gui.start_evidence(ctx)
        wizard.welcome.load()
        if hasattr(gui, "build_pages_soon"):
            gui.build_pages_soon(wizard, runner)  # as main does; the heartbeat covers it too

    ctx.evidenceChanged.connect(arrived)
    FirstPaint(wizard, after_paint)
    QTimer.singleShot(TIMEOUT_MS, app.quit)
    wizard.show()
    app.exec()
    runner.wait(10000)
    marks.pop("paint", None)
    screenshot = ctx.screenshot
    if screenshot is not None:  # the two costs of the screenshot, apart (issue 3)
        from app.collectors.screenshot import encode

        marks["grab_ms"] = grab_ms
        encode_started = time.perf_counter()
        encoded = encode(screenshot, int(config["screenshot.jpeg_above_kb"]))
        marks["encode_ms"] = round((time.perf_counter() - encode_started) * 1000, 2)
        marks["encoded_kb"] = round(len(encoded.data) / 1024, 1)
    print(
        json.dumps({**marks, "screenshot": want_png, "max_stall_ms": round(beat.max_stall_ms, 2)})
    )
    return 0 if "ready_ms" in marks else 1


if __name__ == "__main__":
    sys.exit(main())
