"""The recording model and its limits, and the HTML report (app.collectors.steps*)."""

from __future__ import annotations

import re
import sys
from datetime import datetime

import pytest

from app.collectors import steps_input, steps_report
from app.collectors.steps import Kind, Recording, Step, Stop, inside

AT = datetime(2026, 12, 7, 10, 42, 13)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def click(title: str = "Inbox — Thunderbird") -> Step:
    return Step(Kind.CLICK, AT, title=title, program="thunderbird", x=5, y=6)


def test_the_step_that_reaches_the_limit_is_kept_and_the_recording_stops_itself() -> None:
    rec = Recording(max_steps=3)
    rec.start()
    assert all(rec.add(click()) for _ in range(3))
    assert rec.stopped is Stop.MAX_STEPS
    assert not rec.add(click())
    assert len(rec.steps) == 3


def test_time_runs_only_while_recording_and_the_limit_stops_it() -> None:
    clock = Clock()
    rec = Recording(max_minutes=1, clock=clock)
    rec.start()
    clock.now += 30
    rec.pause()
    clock.now += 600  # paused: does not count
    assert not rec.add(click())  # nor are clicks taken while paused
    rec.resume()
    assert rec.elapsed() == 30
    assert rec.add(click())
    clock.now += 31
    assert not rec.add(click())
    assert rec.stopped is Stop.MAX_MINUTES
    assert len(rec.steps) == 1


def test_keystrokes_in_a_row_are_one_typing_step_with_a_count() -> None:
    rec = Recording()
    rec.start()
    for _ in range(7):
        rec.typed(AT)
    rec.add(click())
    rec.typed(AT)
    assert [(s.kind, s.keystrokes) for s in rec.steps] == [
        (Kind.TYPED, 7),
        (Kind.CLICK, 0),
        (Kind.TYPED, 1),
    ]


def test_a_stop_keeps_the_first_reason() -> None:
    rec = Recording(max_steps=1)
    rec.start()
    rec.add(click())
    rec.stop(Stop.USER)
    assert rec.stopped is Stop.MAX_STEPS


def test_inside() -> None:
    assert inside((10, 10), (10, 10, 1, 1))
    assert not inside((11, 10), (10, 10, 1, 1))


def _steps() -> list[Step]:
    first = click('<script>alert("x")</script> password=hunter2')
    first.caption = "Clicked in “Inbox” at 10:42:13"
    first.picture, first.mime, first.width, first.height = b"\xff\xd8jpeg", "image/jpeg", 8, 6
    typed = Step(Kind.TYPED, AT, keystrokes=12, caption="Typed text (12 keystrokes)")
    note = Step(Kind.NOTE, AT, note="then it froze", caption="Note: then it froze")
    return [first, typed, note]


def test_the_report_is_self_contained_with_no_scripts_and_no_remote_loads() -> None:
    html = steps_report.build(_steps()).decode("utf-8")
    assert "<script" not in html.lower()
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "default-src &#x27;none&#x27;; img-src data:" in html
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources and all(s.startswith("data:image/jpeg;base64,") for s in sources)
    assert "http://" not in html and "https://" not in html
    assert "Step 1: Clicked in “Inbox” at 10:42:13" in html
    assert "then it froze" in html
    assert html.count("<section") == 3


def test_window_titles_go_through_the_scanner_and_are_escaped() -> None:
    html = steps_report.build(_steps(), scrub=lambda t: t.replace("hunter2", "••••")).decode()
    assert "hunter2" not in html
    assert "&lt;script&gt;" in html


def test_without_a_display_global_input_is_impossible_and_says_why() -> None:
    assert steps_input.global_problem({}) in (steps_input.NO_DISPLAY, steps_input.OTHER_SYSTEM)
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert steps_input.global_problem(wayland) in (steps_input.WAYLAND, steps_input.OTHER_SYSTEM)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11's RECORD is Linux's")
def test_without_pynput_the_recorder_takes_manual_steps_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pynput is the ``steps`` extra (its evdev compiles), so a plain ``pip install .``
    has none: the recorder must fall back, not fail (README, docs/privacy.md)."""
    monkeypatch.setitem(sys.modules, "pynput", None)  # what "not installed" looks like
    assert steps_input.global_problem({"DISPLAY": ":0"}) == steps_input.NO_LIBRARY
