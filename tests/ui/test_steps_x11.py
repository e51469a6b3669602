"""The steps recorder on a real X server, driving a real X program (issue 19's "Done when").

An Xvfb with the RECORD extension runs xmessage; xdotool clicks it and types a test
password while ``helpline record`` (a real process, Qt on xcb) records. The report must
have one step per click with xmessage's title, the click marked where it was, the typing
only as a count, and Helpline's own bar covered in every picture. The same recording in
this process goes into a request, whose text and attachments must not hold the password
either. Without RECORD, the recorder falls back to manual steps and says why.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from app.collectors import steps_capture, steps_input
from app.collectors.image_edit import MARK_RGB
from app.collectors.steps import Kind, Stop
from app.ui.steps.bar import StepsBar
from app.ui.steps.recorder import StepsRecorder
from tests.conftest import ROOT
from tests.ui.test_pages_last import (  # noqa: F401  (fixtures)
    _finish_background_work,
    data_root,
    make_context,
    session_runner,
)
from tests.xvfb import running_xvfb, xvfb_binary

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

PASSWORD = "Tr0ub4dor-zebra-9"
TITLE = "Printer says no"
MESSAGE_AT = (100, 100, 420, 220)  # x, y, width, height of the xmessage window


def _need(*programs: str) -> None:
    missing = [p for p in (*programs,) if shutil.which(p) is None]
    if xvfb_binary() is None:
        missing.append("Xvfb")
    if missing:
        reason = f"needs {', '.join(missing)} (Debian: apt-get install xvfb xdotool x11-utils)"
        if os.environ.get("HELPLINE_REQUIRE_XVFB") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def record_display() -> Iterator[str]:
    _need("xdotool", "xmessage")
    with running_xvfb(record=True) as display:
        yield display


@pytest.fixture(scope="module")
def plain_display() -> Iterator[str]:
    _need("xmessage")
    with running_xvfb(record=False) as display:
        yield display


def xdotool(display: str, *args: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=20, check=True
    )
    return done.stdout


@pytest.fixture
def xmessage(record_display: str) -> Iterator[None]:
    x, y, w, h = MESSAGE_AT
    proc = subprocess.Popen(
        ["xmessage", "-geometry", f"{w}x{h}+{x}+{y}", "-title", TITLE, "The printer is offline"],
        env={**os.environ, "DISPLAY": record_display},
        stderr=subprocess.DEVNULL,
    )
    try:
        xdotool(record_display, "search", "--sync", "--name", TITLE)
        yield
    finally:
        proc.terminate()
        proc.wait(5)


def pictures(html: str) -> list[QImage]:
    return [
        QImage.fromData(base64.b64decode(data))
        for data in re.findall(r'src="data:image/(?:jpeg|webp);base64,([^"]+)"', html)
    ]


def near(colour: QColor, rgb: tuple[int, int, int], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], rgb, strict=True))


def bar_geometry(display: str) -> tuple[int, int, int, int]:
    window = xdotool(display, "search", "--sync", "--name", "Recording the steps").split()[0]
    # Wait until it is mapped where it was put (it is placed before it is shown).
    out = xdotool(display, "getwindowgeometry", "--shell", window)
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def test_a_recording_of_a_real_program_has_one_step_per_click_and_no_keys(
    record_display: str, xmessage: None, helpline_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**helpline_env, "DISPLAY": record_display, "QT_QPA_PLATFORM": "xcb"}
    report = tmp_path / "steps.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "record", "--output", str(report), "--countdown", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        bar = bar_geometry(record_display)
        time.sleep(1.0)  # the listeners connect right after the bar is shown
        clicks = [(180, 150), (300, 250)]
        xdotool(record_display, "mousemove", *map(str, clicks[0]), "click", "1")
        time.sleep(0.3)
        xdotool(record_display, "type", "--delay", "20", PASSWORD)
        time.sleep(0.3)
        xdotool(record_display, "mousemove", *map(str, clicks[1]), "click", "1")
        time.sleep(0.3)
        # A click on Helpline's own bar is not a step.
        xdotool(record_display, "mousemove", str(bar[0] + 4), str(bar[1] + 4), "click", "1")
        time.sleep(0.8)
        assert bar_geometry(record_display) == bar  # it stayed where it was
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped by a signal" in out
    html = report.read_text("utf-8")
    for text in (html, out, err):
        assert PASSWORD not in text
        assert PASSWORD[:6] not in text
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 3, items
    assert items[0].startswith(f"Clicked in “{TITLE}”")
    typed = re.match(r"Typed text \((\d+) keystrokes\)", items[1])
    assert typed and int(typed[1]) >= len(PASSWORD)  # Shift counts as a key too
    assert items[2].startswith(f"Clicked in “{TITLE}”")
    shots = pictures(html)
    assert len(shots) == 2
    bx, by, bw, bh = bar
    assert bx + bw <= 1280 and by + bh <= 800
    for shot, (x, y) in zip(shots, clicks, strict=True):
        assert (shot.width(), shot.height()) == (1280, 800)  # unscaled: points map 1:1
        assert near(shot.pixelColor(x, y), MARK_RGB, 70), (x, y, shot.pixelColor(x, y).name())
        for px in range(bx + 2, bx + bw - 2, 3):  # not one pixel of the bar survives
            for py in range(by + 2, by + bh - 2, 3):
                assert near(shot.pixelColor(px, py), steps_capture.HIDDEN_RGB, 10), (px, py)


def test_the_request_lists_the_steps_and_never_the_keys(
    record_display: str,
    xmessage: None,
    monkeypatch: pytest.MonkeyPatch,
    data_root: Path,
    caplog: pytest.LogCaptureFixture,
    qtbot: Any,
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("DISPLAY", record_display)
    ctx = make_context(data_root, runner=session_runner())
    recorder = StepsRecorder(
        ctx.config, ctx.runner, countdown_s=0, global_input=True, windows=lambda: []
    )
    recorder._xcb, recorder._display = True, record_display  # Qt itself runs offscreen here
    with qtbot.waitSignal(recorder.watchReady, timeout=10000):
        recorder.start()
    assert not recorder.manual
    xdotool(record_display, "mousemove", "200", "160", "click", "1")
    qtbot.waitUntil(lambda: len(recorder.steps) == 1, timeout=5000)
    xdotool(record_display, "type", "--delay", "20", PASSWORD)
    qtbot.waitUntil(lambda: recorder.steps[-1].keystrokes >= len(PASSWORD), timeout=5000)
    recorder.stop()
    recorder.wait()
    assert [s.kind for s in recorder.steps] == [Kind.CLICK, Kind.TYPED]
    assert recorder.steps[0].title == TITLE
    ctx.steps[:] = recorder.steps
    ctx.steps_changed()
    outgoing = ctx.prepare()
    body = outgoing.ticket.body
    assert f"1. Clicked in “{TITLE}”" in body
    assert re.search(r"2\. Typed text \(\d+ keystrokes\)", body)
    report = next(f for f in outgoing.evidence if f.filename == "steps.html")
    assert report.content_type == "text/html"
    ctx.submission.enqueue(outgoing)
    for path in data_root.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in body and PASSWORD not in caplog.text


def test_without_record_the_recorder_offers_manual_steps_and_says_why(
    plain_display: str, monkeypatch: pytest.MonkeyPatch, data_root: Path, qtbot: Any
) -> None:
    monkeypatch.setenv("DISPLAY", plain_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    assert steps_input.global_problem() == steps_input.NO_RECORD
    ctx = make_context(data_root, runner=session_runner())
    recorder = StepsRecorder(ctx.config, ctx.runner, countdown_s=0, windows=lambda: [])
    recorder._xcb, recorder._display = True, plain_display
    bar = StepsBar(recorder)
    qtbot.addWidget(bar)
    assert recorder.manual
    assert not bar.capture_button.isHidden()
    assert "RECORD extension" in bar.reason.text()
    assert "Capture this step" in bar.reason.text()
    recorder.start()
    assert recorder.shortcut == "Ctrl+Alt+S"  # X11 grants a key grab without RECORD
    assert "or Ctrl+Alt+S anywhere" in bar.reason.text()
    bar.capture_button.click()
    recorder._shortcut.emit()  # what the key does: XTEST goes with RECORD, so xdotool cannot
    recorder.wait()
    recorder.stop()
    assert [s.kind for s in recorder.steps] == [Kind.MANUAL, Kind.MANUAL]
    step = recorder.steps[0]
    assert step.picture and step.x == -1
    assert step.caption.startswith("Captured the screen at")
    assert recorder.recording.stopped is Stop.USER


def test_without_record_helpline_record_says_why(
    plain_display: str, helpline_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**helpline_env, "DISPLAY": plain_display, "QT_QPA_PLATFORM": "xcb"}
    report = tmp_path / "steps.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "record", "--output", str(report), "--countdown", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Wrote" in out and "0 steps" in out
    assert "does not offer the RECORD extension" in err
    assert "Capture this step” or Ctrl+Alt+S adds steps" in err
    assert report.is_file() and "Steps recorded" in report.read_text("utf-8")


def test_the_shortcut_key_is_grabbed_on_x11_and_calls_back(record_display: str) -> None:
    """Ctrl+Alt+S through XGrabKey, which X11 grants without RECORD. (Xvfb switches XTEST
    off with RECORD, so the key is pressed here on the server that has both.)"""
    pressed = threading.Event()
    key = steps_input.GrabbedKey(pressed.set, record_display)
    assert key.start()
    try:
        xdotool(record_display, "key", "ctrl+alt+s")
        assert pressed.wait(5)
    finally:
        key.stop()
    other = steps_input.GrabbedKey(pressed.set, record_display)
    held = steps_input.GrabbedKey(pressed.set, record_display)
    assert other.start()
    try:
        assert not held.start()  # another program holds it: no shortcut, and it says so
    finally:
        other.stop()
        held.stop()


def test_without_a_window_manager_the_wizard_is_hidden_not_minimised(record_display: str) -> None:
    assert not steps_input.window_manager_running(record_display)


def test_collect_records_the_steps_into_the_bundle(
    record_display: str, xmessage: None, helpline_env: dict[str, str], tmp_path: Path
) -> None:
    import zipfile

    env = {**helpline_env, "DISPLAY": record_display, "QT_QPA_PLATFORM": "xcb"}
    bundle = tmp_path / "bundle.zip"
    proc = subprocess.Popen(
        [
            sys.executable,
            *("-m", "app", "collect", "--output", str(bundle)),
            *("--record-steps", "--countdown", "0", "--no-screenshot"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        bar_geometry(record_display)
        time.sleep(1.0)
        xdotool(record_display, "mousemove", "200", "150", "click", "1")
        time.sleep(0.8)
    finally:
        proc.send_signal(signal.SIGTERM)  # ends the recording; the bundle is still written
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "1 step recorded" in err and "steps.html" in out
    with zipfile.ZipFile(bundle) as zipped:
        html = zipped.read("steps.html").decode("utf-8")
    assert f"Clicked in “{TITLE}”" in html and len(pictures(html)) == 1
