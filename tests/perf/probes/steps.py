"""Helpline side of the steps figures (issue 19), with its floor in the same process.

On an X server with RECORD (the bench's Xvfb, 1920x1080) and a busy desktop drawn by
another process (``steps_desk.py``), 20 clicks are sent through XTest twice: first with
Helpline's event loop running and nothing recording (the floor), then while the steps
recorder records with its bar shown. A 5 ms heartbeat on the GUI thread measures the
longest stall in each phase. Then the process's CPU time is read over a quiet spell,
again without and with the recording (the heartbeat stopped, so it does not count
itself). Last, the 20 steps become the HTML report. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from heartbeat import Heartbeat
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.collectors import steps_report
from app.core.config import load
from app.ui.steps.bar import StepsBar
from app.ui.steps.recorder import StepsRecorder
from app.ui.tasks import TaskRunner

#: GUI-thread time per slot of the recorder, in ms: a click's three slots summed is the
#: stall that click itself causes (the heartbeat also sees the machine's noise).
SLOTS: dict[str, list[float]] = {"_on_click": [], "_composed": [], "_pictured": []}


def timed(name: str) -> None:
    inner = getattr(StepsRecorder, name)

    def wrapper(self: StepsRecorder, *args: object) -> None:
        started = time.perf_counter()
        inner(self, *args)
        SLOTS[name].append((time.perf_counter() - started) * 1000)

    setattr(StepsRecorder, name, wrapper)


for _name in SLOTS:
    timed(_name)

CLICKS = 20
GAP_S = 0.3
IDLE_S = 3.0
HERE = Path(__file__).resolve().parent


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def click_thread() -> threading.Thread:
    """20 clicks at spread-out points of the desk, from a thread and a connection of its
    own (XTest, as xdotool does), so the GUI thread does nothing for them."""
    from Xlib import X, display
    from Xlib.ext import xtest

    def run() -> None:
        conn = display.Display()
        for n in range(CLICKS):
            x, y = 200 + (n * 83) % 1500, 120 + (n * 47) % 800
            xtest.fake_input(conn, X.MotionNotify, x=x, y=y)
            xtest.fake_input(conn, X.ButtonPress, 1)
            xtest.fake_input(conn, X.ButtonRelease, 1)
            conn.sync()
            time.sleep(GAP_S)
        conn.close()

    return threading.Thread(target=run, name="bench-clicks")


def clicks_with_heartbeat(beat: Heartbeat) -> float:
    beat.start()
    thread = click_thread()
    thread.start()
    while thread.is_alive():
        wait(50)
    wait(300)
    beat.stop()
    return beat.max_stall_ms


def idle_cpu_percent() -> float:
    start_cpu, start = time.process_time(), time.perf_counter()
    wait(round(IDLE_S * 1000))
    return 100 * (time.process_time() - start_cpu) / (time.perf_counter() - start)


def main() -> int:
    desk = subprocess.Popen(
        [sys.executable, str(HERE / "steps_desk.py")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert desk.stdout is not None
        desk.stdout.readline()  # "ready"
        app = QApplication(sys.argv[:1])
        runner = TaskRunner(app)
        beat = Heartbeat(app)
        config = load()
        wait(200)
        floor_stall = clicks_with_heartbeat(beat)
        floor_cpu = idle_cpu_percent()
        recorder = StepsRecorder(config, runner, countdown_s=0)
        bar = StepsBar(recorder)
        bar.place()
        bar.show()
        ready = QEventLoop()
        recorder.watchReady.connect(ready.quit)
        recorder.start()
        if recorder.manual:
            raise SystemExit(json.dumps({"error": f"no global input: {recorder.problem}"}))
        ready.exec()
        wait(200)
        stall = clicks_with_heartbeat(beat)
        recorder.wait(120_000)  # every picture encoded: idle means idle
        wait(100)
        cpu = idle_cpu_percent()
        recorder.stop()
        runner.wait()
        app.processEvents()
        steps = recorder.steps
        html = steps_report.build(steps)
        print(
            json.dumps(
                {
                    "steps": len(steps),
                    "pictures": sum(1 for s in steps if s.picture),
                    "floor_stall_ms": round(floor_stall, 1),
                    "stall_ms": round(stall, 1),
                    "click_gui_ms": round(
                        max(map(sum, zip(*SLOTS.values(), strict=False)), default=0), 2
                    ),
                    "first_click_gui_ms": round(sum(v[0] for v in SLOTS.values() if v), 2),
                    "floor_idle_cpu_pct": round(floor_cpu, 2),
                    "idle_cpu_pct": round(cpu, 2),
                    "report_mb": round(len(html) / 1e6, 3),
                    "step_kb": round(
                        sum(len(s.picture or b"") for s in steps) / max(1, len(steps)) / 1e3, 1
                    ),
                    "width": max((s.width for s in steps), default=0),
                    "pid": os.getpid(),
                }
            ),
            flush=True,
        )
        return 0
    finally:
        desk.terminate()
        desk.wait(5)


if __name__ == "__main__":
    sys.exit(main())
