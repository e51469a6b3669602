"""The steps recorder's faces offscreen: the bar, the limits, the Evidence panel, review and
redaction (a blacked-out region is black in what is sent; the original is kept nowhere)."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QWidget

from app.collectors import steps_capture
from app.collectors.image_edit import Edit, Tool
from app.collectors.steps import Kind, Step, Stop
from app.ui.steps.bar import StepsBar
from app.ui.steps.recorder import StepsRecorder
from app.ui.steps.review import StepsReview
from app.ui.widgets.steps_panel import StepsPanel
from tests.ui.test_pages_last import (  # noqa: F401  (fixtures)
    _finish_background_work,
    ctx,
    data_root,
    make_config,
    session_runner,
)

AT = datetime(2026, 12, 7, 10, 42, 13)
# The bar stays on top; Qt's offscreen platform says it cannot raise a window.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def settle(runner: Any) -> None:
    runner.wait()
    QCoreApplication.processEvents()


def recorder(qtbot: Any, **config: Any) -> StepsRecorder:
    rec = StepsRecorder(make_config(**config), session_runner(), countdown_s=0, global_input=False)
    return rec


def test_the_bar_counts_down_then_records_and_stop_closes_it(qtbot: Any) -> None:
    rec = StepsRecorder(make_config(), session_runner(), countdown_s=3, global_input=False)
    bar = StepsBar(rec)
    qtbot.addWidget(bar)
    bar.show()
    rec.start()
    assert bar.status.text() == "Recording starts in 3…"
    assert not bar.pause_button.isEnabled()
    with qtbot.waitSignal(rec.started, timeout=5000):
        pass
    assert bar.status.text() == "Recording: 0 of at most 50 steps"
    bar.pause_button.click()
    assert rec.recording.paused and bar.status.text().startswith("Paused")
    bar.pause_button.click()
    with qtbot.waitSignal(rec.finished) as stopped:
        bar.stop_button.click()
    assert stopped.args == ["user"]
    assert not bar.isVisible()


def test_manual_mode_offers_capture_and_says_why(qtbot: Any) -> None:
    rec = recorder(qtbot)
    bar = StepsBar(rec)
    qtbot.addWidget(bar)
    assert not bar.capture_button.isHidden()
    assert "RECORD" in bar.reason.text()
    rec.start()
    bar.capture_button.click()
    bar.note_button.click()
    assert not rec.count_keys  # typing the note is not a step
    bar.note_edit.setText("Now the printer dialog freezes")
    bar.note_edit.returnPressed.emit()
    assert rec.count_keys
    rec.wait()
    assert [s.kind for s in rec.steps] == [Kind.MANUAL, Kind.NOTE]
    assert rec.steps[1].caption == "Note: Now the printer dialog freezes"
    rec.stop()


def test_the_recording_stops_itself_at_the_step_limit_and_says_so(qtbot: Any) -> None:
    rec = recorder(qtbot, **{"steps.max_steps": 2})
    rec.start()
    with qtbot.waitSignal(rec.finished) as stopped:
        rec.capture_now()
        rec.capture_now()
    assert stopped.args == ["max_steps"]
    rec.capture_now()
    assert len(rec.steps) == 2


def test_the_time_limit_stops_it(qtbot: Any) -> None:
    rec = recorder(qtbot, **{"steps.max_minutes": 1})
    rec.start()
    assert rec._limit.isActive() and rec._limit.interval() == 60_000
    with qtbot.waitSignal(rec.finished) as stopped:
        rec._limit.timeout.emit()
    assert stopped.args == ["max_minutes"]


def test_clicks_on_helpline_itself_and_typing_while_paused_are_not_steps(qtbot: Any) -> None:
    own = QWidget()
    qtbot.addWidget(own)
    own.setGeometry(100, 100, 200, 100)
    own.show()
    rec = StepsRecorder(
        make_config(), session_runner(), countdown_s=0, global_input=False, windows=lambda: [own]
    )
    rec.start()
    g = own.frameGeometry()
    rec._on_click(g.x() + 5, g.y() + 5)
    rec.pause()
    rec._on_key()
    rec.pause(False)
    rec._on_key()
    rec._on_key()
    rec.wait()
    assert [(s.kind, s.keystrokes) for s in rec.steps] == [(Kind.TYPED, 2)]
    assert rec.steps[0].caption.startswith("Typed text (2 keystrokes) at ")
    rec.stop()


def picture_step(colour: str = "#4a90d9") -> Step:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    for x in range(100, 300):  # "a password on screen"
        for y in range(100, 130):
            image.setPixelColor(x, y, QColor("#ffffff"))
    pic = steps_capture.picture(image, (50, 50))
    step = Step(Kind.CLICK, AT, title="Sign in — Portal", program="firefox", x=pic.x, y=pic.y)
    step.picture, step.mime, step.width, step.height = pic.data, pic.mime, pic.width, pic.height
    step.thumbnail = pic.thumbnail
    step.caption = "Clicked in “Sign in — Portal” (firefox) at 10:42:13"
    return step


def test_review_removes_and_rewords_steps(qtbot: Any) -> None:
    steps = [picture_step(), Step(Kind.TYPED, AT, keystrokes=4, caption="Typed text")]
    review = StepsReview(steps, session_runner())
    qtbot.addWidget(review)
    assert review.list.topLevelItemCount() == 2
    assert review.list.topLevelItem(0).text(0) == "Step 1"
    assert not review.list.topLevelItem(0).icon(0).isNull()
    with qtbot.waitSignal(review.changed):
        review.list.topLevelItem(1).setText(1, "Typed my user name")
    assert steps[1].caption == "Typed my user name"
    review.list.setCurrentItem(review.list.topLevelItem(0))
    with qtbot.waitSignal(review.changed):
        review.remove_button.click()
    assert [s.caption for s in steps] == ["Typed my user name"]


def test_a_blacked_out_region_is_black_in_what_is_sent_and_the_original_is_kept_nowhere(
    qtbot: Any, ctx: Any, data_root: Path
) -> None:
    step = picture_step()
    original = step.picture
    assert original is not None
    ctx.steps[:] = [step]
    ctx.steps_changed()
    review = StepsReview(ctx.steps, ctx.runner)
    qtbot.addWidget(review)
    review.changed.connect(ctx.steps_changed)
    review.list.setCurrentItem(review.list.topLevelItem(0))
    dialog = review.redact_selected()
    assert dialog is not None
    dialog.canvas.add_edit(Edit(Tool.BLACK_OUT, (90, 90), (310, 140)))
    with qtbot.waitSignal(review.changed, timeout=5000):
        dialog.done(QDialog.DialogCode.Accepted.value)
        settle(ctx.runner)
    assert step.picture and step.picture != original
    outgoing = ctx.prepare()
    report = next(f for f in outgoing.evidence if f.filename == "steps.html")
    [sent] = re.findall(rb'src="data:image/(?:jpeg|webp);base64,([^"]+)"', report.data)
    image = QImage.fromData(base64.b64decode(sent))
    # JPEG blends an 8-pixel block at the edge with what is outside; inside, all is black.
    for x in range(98, 302, 4):
        for y in range(98, 132, 4):
            colour = image.pixelColor(x, y)
            assert max(colour.red(), colour.green(), colour.blue()) <= 12, (x, y)
    assert "1. Clicked in “Sign in — Portal” (firefox) at 10:42:13" in outgoing.ticket.body
    ctx.submission.enqueue(outgoing)
    written = [p for p in data_root.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-steps.html") for p in written)
    original_b64 = base64.b64encode(original)[:400]
    for path in written:
        data = path.read_bytes()
        assert original[:400] not in data and original_b64 not in data, path


def test_the_evidence_panel_records_then_opens_the_review(qtbot: Any, ctx: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    panel = StepsPanel(ctx.config, ctx.runner, ctx.steps, parent=window)
    panel.changed.connect(ctx.steps_changed)
    window.show()
    assert not panel.review_button.isEnabled()
    rec = panel.record(countdown_s=0, global_input=False)
    assert panel.bar is not None and panel.bar.isVisible()
    rec.capture_now()
    rec.add_note("and then it hangs")
    with qtbot.waitSignal(rec.finished):
        rec.stop()
    rec.wait()
    assert panel.review_dialog is not None and panel.review_dialog.isVisible()
    assert len(ctx.steps) == 2 and panel.review_button.isEnabled()
    assert panel.summary.text() == "The recording has stopped: 2 steps."
    assert ctx.form.steps[1] == "Note: and then it hangs"
    assert any(f.kind == "steps" for f in ctx.evidence_files())
    panel.review_dialog.close()
    assert Stop(rec.recording.stopped) is Stop.USER


def test_a_draft_s_captions_without_their_report_are_not_listed(ctx: Any) -> None:
    ctx.form.steps = ["Clicked in “Payroll” at 09:00:00"]  # as a restored draft has them
    outgoing = ctx.prepare()
    assert "Payroll" not in outgoing.ticket.body
    assert not any(f.kind == "steps" for f in outgoing.evidence)
