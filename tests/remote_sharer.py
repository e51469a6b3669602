"""Helpline's side of an end-to-end remote-help test, run as its own process on an Xvfb.

``python tests/remote_sharer.py REQUEST [--seconds N] [--control]`` opens the consent
dialog through :meth:`Session.open_share` (the real entry), presses its Yes (ticking
control when asked), and then reports on stdout, one JSON object a line: ``consent``,
``started`` (the tool's pid and the bars' geometry), ``ended`` (by whom), ``recorded``
(an audit line reached the outbox) and ``exit``. Lines on stdin drive it: ``stop`` presses
the bar's Stop, ``quit`` closes Helpline the way the tray's Quit does.
"""

from __future__ import annotations

import argparse
import json
import sys

from PySide6.QtCore import QSocketNotifier

from app.core.config import load
from app.ui.app import create_application
from app.ui.session import Session
from app.ui.tasks import TaskRunner


def say(**event: object) -> None:
    print(json.dumps(event), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("request")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--control", action="store_true")
    args = parser.parse_args()
    config = load()
    app = create_application(config)
    runner = TaskRunner(app)
    session = Session(config, runner, app)
    app.setQuitOnLastWindowClosed(False)
    remote = session.remote
    if args.seconds is not None:  # the time-limit test: a limit of seconds, not minutes
        start = remote.start
        remote.start = lambda offer, plan, seconds=None: start(offer, plan, args.seconds)  # type: ignore[method-assign]

    def started() -> None:
        bars = [b.geometry().getRect() for b in remote.bars.bars] if remote.bars else []
        pid = remote.sharing.pid if remote.sharing else 0
        say(started=pid, bars=bars, argv=list(remote.plan.argv) if remote.plan else [])

    remote.started.connect(started)
    remote.ended.connect(lambda by: say(ended=by))
    remote.recorded.connect(lambda: say(recorded=True))
    dialog = session.open_share(args.request)
    say(consent=dialog is not None)
    if dialog is None:
        return 1

    def command() -> None:
        line = sys.stdin.readline().strip()
        if line == "stop" and remote.bars is not None:
            remote.bars.bars[0].stop_button.click()
        elif line in ("quit", ""):
            session.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    dialog.control_box.setChecked(args.control)
    dialog.yes.click()
    code = app.exec()
    runner.wait(10000)
    say(exit=code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
