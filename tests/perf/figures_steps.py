"""The steps recorder's figures (issue 19), each beside a floor from the same run.

One probe process (``probes/steps.py``) measures both sides: 20 clicks through XTest on a
busy 1920x1080 desktop drawn by another process, first with nothing recording (the floor),
then while recording. Budgets: the GUI-thread work a click causes <= 30 ms; Helpline's
CPU while recording and idle <= 2 % of one core; the 20-step HTML report <= 3 MB.
"""

from __future__ import annotations

from tests.perf import measure
from tests.perf.figures import HERE, Figure, interleaved, series
from tests.perf.measure import PYTHON


def steps(runs: int, env: dict[str, str], label: str, warmup: bool = True) -> list[Figure]:
    got = interleaved(
        runs,
        {"helpline": lambda: measure.run([PYTHON, str(HERE / "probes" / "steps.py")], env=env)},
        warmup,
    )["helpline"]
    click = Figure(
        f"steps: GUI-thread work per click, {label}",
        "ms",
        "<= 30 ms",
        series(got, lambda r: r.data.get("click_gui_ms")),
    )
    click.judge_at_most(30)
    first = series(got, lambda r: r.data.get("first_click_gui_ms"))
    click.note = f"the recorder's slots per click, worst of 20; first click {first.median:.1f} ms"
    stall = Figure(
        f"steps: longest GUI stall while clicking, {label}",
        "ms",
        "<= floor + 30 ms",
        series(got, lambda r: r.data.get("stall_ms")),
        series(got, lambda r: r.data.get("floor_stall_ms")),
    )
    if stall.floor and stall.floor.median is not None and stall.helpline.median is not None:
        stall.passed = stall.helpline.median <= stall.floor.median + 30
    stall.note = "5 ms heartbeat; floor: the same clicks with nothing recording"
    cpu = Figure(
        f"steps: Helpline CPU while recording and idle, {label}",
        "% of a core",
        "<= 2 %",
        series(got, lambda r: r.data.get("idle_cpu_pct")),
        series(got, lambda r: r.data.get("floor_idle_cpu_pct")),
    )
    cpu.judge_at_most(2)
    cpu.note = "3 s quiet spell; floor: the same process before recording"
    size = Figure(
        "steps: 20-step report of a 1920x1080 desktop",
        "MB",
        "<= 3 MB",
        series(got, lambda r: r.data.get("report_mb")),
    )
    size.judge_at_most(3)
    kb = series(got, lambda r: r.data.get("step_kb"))
    width = series(got, lambda r: r.data.get("width"))
    size.note = (
        f"{kb.median:.0f} kB a step, widest picture {width.median:.0f} px (WebP lossless, "
        "else JPEG)"
    )
    return [click, stall, cpu, size]
