"""``helpline record --output FILE``: the steps recorder for scripts and phone support.

The same recorder and bar as the wizard (``app.ui.steps``), without the review: it stops
on the bar's Stop, at IT's limits, or on SIGINT/SIGTERM, and writes the report either way,
so a script that ends the recording still gets the steps so far. ``helpline collect
--record-steps`` records first and puts the report into the bundle.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app import cli_text
from app.cli_output import OK, UsageError, display_available, out, say
from app.core.config import Config

if TYPE_CHECKING:
    from app.collectors.steps import Stop
    from app.ui.steps.recorder import StepsRecorder


@contextmanager
def _stop_on_signals(recorder: StepsRecorder) -> Iterator[None]:
    """SIGINT and SIGTERM stop the recording. Qt's event loop runs no Python, so the
    signal's byte on a socket wakes a notifier, and Python's own handler then runs."""
    from PySide6.QtCore import QSocketNotifier

    from app.collectors.steps import Stop

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.setObjectName("stepsSignalNotifier")

    def woken() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        recorder.stop(Stop.SIGNAL)

    notifier.activated.connect(woken)
    old = {s: signal.signal(s, lambda *_: None) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def run(config: Config, countdown_s: int) -> tuple[bytes, Stop, int]:
    """Record until stopped; the report (English), why it stopped, and the step count."""
    if not config["steps.enabled"]:
        raise UsageError("Your IT department has switched the steps recorder off.")
    if not display_available():
        raise UsageError("There is no display to record; please run this on the desktop.")
    from PySide6.QtWidgets import QApplication

    from app.collectors import outgoing, steps_report
    from app.collectors.steps import Stop
    from app.ui.steps.bar import StepsBar
    from app.ui.steps.recorder import StepsRecorder
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([sys.argv[0]])
    runner = TaskRunner(app)
    scanner = outgoing.scanner_for(config)
    recorder = StepsRecorder(config, runner, countdown_s=countdown_s, scrub=scanner.scrub)
    bar = StepsBar(recorder)
    bar.place()
    recorder.finished.connect(app.quit)
    with _stop_on_signals(recorder):
        bar.show()
        recorder.start()
        if recorder.problem:
            also = f" or {recorder.shortcut}" if recorder.shortcut else ""
            say(
                f"helpline: {cli_text.STEPS_MANUAL[recorder.problem]}, so only the bar's "
                f"“Capture this step”{also} adds steps."
            )
        if recorder.recording.stopped is None:
            app.exec()
    recorder.wait(60_000)  # the last pictures
    reason = recorder.recording.stopped or Stop.USER
    return steps_report.build(recorder.steps, scanner.scrub), reason, len(recorder.steps)


def record(args: argparse.Namespace, config: Config) -> int:
    output = Path(args.output).expanduser().absolute()
    if not output.parent.is_dir():
        raise UsageError(
            f"There is no folder {output.parent}; please give --output a file "
            "in a folder that exists."
        )
    html, reason, count = run(config, args.countdown)
    output.write_bytes(html)
    why = cli_text.STEPS_STOPPED[str(reason)].format(
        max_steps=config["steps.max_steps"], max_minutes=config["steps.max_minutes"]
    )
    steps = "1 step" if count == 1 else f"{count} steps"
    out(f"Wrote {output}: {steps}, {len(html) // 1000} kB; the recording {why}.")
    return OK
