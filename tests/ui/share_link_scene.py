"""Scene: ``helpline open-url <scheme>://share?…`` run for real, its consent answered.

    python tests/ui/share_link_scene.py yes|no LINK

The real command line runs in this process; a timer finds the consent dialog, notes that
nothing runs yet, answers it, notes what runs then (the ``x11vnc`` found first on PATH:
the test puts a stand-in there), presses the bar's Stop after a Yes, and prints one JSON
line when Helpline has ended, with the audit lines it left in the outbox.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import cli
from app.ui.session import Session

report: dict[str, Any] = {}


def state(session: Session) -> dict[str, Any]:
    remote = session.remote
    return {"active": remote.active, "tools": int(remote.sharing is not None)}


def step(answer: str) -> None:
    app = QApplication.instance()
    session = app.findChild(Session) if app is not None else None
    if session is None or session.consent is None or "dialog" in report:
        return
    dialog = session.consent
    report["dialog"] = dialog.heading.text()
    report["before_answer"] = state(session)
    report["minutes_offered"] = dialog.offer.minutes
    report["control_offered"] = dialog.control_offered
    session.remote.ended.connect(lambda by: report.__setitem__("ended", by))
    (dialog.yes if answer == "yes" else dialog.no).click()
    report["after_answer"] = state(session)
    if session.remote.bars is not None:
        session.remote.bars.bars[0].stop_button.click()


def main() -> int:
    answer, link = sys.argv[1], sys.argv[2]
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: step(answer))
    QTimer.singleShot(0, timer.start)
    QTimer.singleShot(30000, lambda: QApplication.instance().quit())  # type: ignore[union-attr]
    code = cli.main(["open-url", link])
    from app.core.config import load
    from app.core.remote_help import MARKER
    from app.services.filing import Submission

    kept = Submission(load()).outbox.items()  # what this process left for the sender
    report["audit_lines"] = [
        i.target for i in kept if str(i.payload.get("text", "")).startswith(MARKER)
    ]
    print(json.dumps(report), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
