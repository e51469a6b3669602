"""The steps recorder's screens for scripts/screenshots.py: the bar (clicks seen, and the
manual fallback), the review, and the report as a browser shows it (headless Chromium).

The steps are made from the script's fake desktop through the same code as a recording
(``app.collectors.steps_capture``), so the pictures show the marked click and the grey
where Helpline's bar was.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--hide-scrollbars",
]


def sample_steps(desktop: Any) -> list[Any]:
    """Four steps on ``desktop``: two clicks, typing, a note."""
    from app.collectors import steps_capture
    from app.collectors.steps import Kind, Step
    from app.ui.steps import words

    bar = (desktop.width() - 520, 16, 500, 44)
    steps = []
    for minute, (kind, point, title) in enumerate(
        (
            (Kind.CLICK, (180, 120), "Printers & scanners — Settings"),
            (Kind.TYPED, None, ""),
            (Kind.CLICK, (640, 420), "Print — Monthly report.xlsx — Excel"),
            (Kind.NOTE, None, ""),
        )
    ):
        step = Step(kind, datetime(2026, 11, 23, 10, 41 + minute, 13))
        if kind is Kind.CLICK and point is not None:
            pic = steps_capture.picture(desktop.copy(), point, hide=[bar])
            step.title, step.program = title, "EXCEL.EXE" if "Excel" in title else "Settings"
            step.picture, step.mime, step.width, step.height = (
                pic.data,
                pic.mime,
                pic.width,
                pic.height,
            )
            step.x, step.y, step.thumbnail = pic.x, pic.y, pic.thumbnail
        elif kind is Kind.TYPED:
            step.keystrokes = 14
        else:
            step.note = "The print dialog closes and nothing comes out."
        step.caption = words.caption(step)
        steps.append(step)
    return steps


def render_steps(config: Any, runner: Any, camera: Any, desktop: Any, first: bool) -> None:
    from app.ui.steps.bar import StepsBar
    from app.ui.steps.recorder import StepsRecorder
    from app.ui.steps.review import StepsReview

    steps = sample_steps(desktop)
    for name, global_input in (("steps-bar", True), ("steps-bar-manual", False)):
        recorder = StepsRecorder(config, runner, countdown_s=0, global_input=global_input)
        recorder.recording.start()
        recorder.recording.steps.extend(steps[:3])
        bar = StepsBar(recorder)
        bar.show()
        bar._update()
        camera.shoot(bar, name)
        bar.hide()
    review = StepsReview(steps, runner)
    review.resize(860, 560)
    review.show()
    review.list.setCurrentItem(review.list.topLevelItem(2))
    camera.shoot(review, "steps-review")
    review.hide()
    if first:
        report_in_browser(steps, camera.out / "steps-report.png")


def report_in_browser(steps: list[Any], target: Path) -> None:
    """The report exactly as sent, opened by headless Chromium; skipped without it."""
    from app.collectors import steps_report
    from app.ui.steps.words import report_words

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed: steps-report.png not rendered")
        return
    with tempfile.TemporaryDirectory(prefix="steps-report-") as folder:
        page = Path(folder) / "steps.html"
        page.write_bytes(steps_report.build(steps, words=report_words()))
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={folder}/profile",
                f"--screenshot={target}",
                "--window-size=1100,1500",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {target}")
