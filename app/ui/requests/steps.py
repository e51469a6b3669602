""" "Show support the steps" in a reply: record, review, attach the report.

The same recorder, bar and review as the wizard's Evidence page (``app.ui.steps``). When
the review closes, the report is written privately into the data folder, from where the
outbox spools its own copy (as a reply's screenshot is), and the numbered steps are added
to the reply's text, where the person sees and can change them before sending.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.collectors import steps_report
from app.collectors.steps import Step
from app.core import paths
from app.ui.steps.words import report_words
from app.ui.widgets.steps_panel import StepsPanel


def record_for_reply(window: Any, countdown_s: int = 3, global_input: bool | None = None) -> Any:
    """Start a recording for the reply box of ``window`` (My requests); returns the
    recorder. The window steps aside while it records."""
    steps: list[Step] = []
    scanner = window.submission.scanner()
    panel = StepsPanel(window.config, window.runner, steps, scanner.scrub, window)
    panel.hide()  # only its recording and review are used here
    recorder = panel.record(countdown_s=countdown_s, global_input=global_input)

    def write(words: steps_report.ReportWords) -> str:
        """Worker: the report into a private file of its own."""
        folder = window.submission.root / "reply-files" / uuid.uuid4().hex
        folder.mkdir(mode=0o700, parents=True)
        target = paths.private_file(folder / "steps.html")
        target.write_bytes(steps_report.build(steps, scanner.scrub, words))
        return str(target)

    def attach(path: str) -> None:
        box = window.reply_box
        box.add_files([path])
        listed = "\n".join(f"{n}. {s.caption}" for n, s in enumerate(steps, 1))
        text = box.edit.toPlainText().rstrip()
        box.edit.setPlainText((text + "\n\n" if text else "") + listed)

    def reviewed() -> None:
        if steps:
            window.runner.run(write, report_words(), on_done=attach)

    def finished() -> None:
        dialog = panel.review_dialog
        if dialog is None:
            reviewed()
            return
        dialog.finished.connect(lambda _result: reviewed())

    recorder.finished.connect(finished)
    return recorder
