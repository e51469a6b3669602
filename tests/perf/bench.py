"""Helpline against bare floors, in one run: ``python tests/perf/bench.py [--json OUT]``.

Every figure of issue 8 is measured here beside a floor run in the same run on
the same machine (a bare 3-page QWizard, a bare QTableView, curl), so the
budgets are ratios that survive the drift of a shared machine. Each figure is the
median of ``--runs`` fresh processes with min and max; one warm-up round is not
counted. The table goes to stdout; ``--json`` writes everything, every run too.
Not part of the test suite (tests/perf/test_bench_smoke.py only keeps it working).
See docs/performance.md for the results and how to read them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import figures, figures_steps, measure
from tests.perf.figures import Figure


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs per figure (7)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1 run, tiny sizes, offscreen only, no frozen build (smoke test)",
    )
    parser.add_argument("--upload-mb", type=int, default=100, help="upload size (100)")
    parser.add_argument("--rows", type=int, default=100_000, help="My requests rows (100000)")
    parser.add_argument("--desks", type=int, default=100, help="fleet size (100)")
    parser.add_argument("--no-xvfb", action="store_true", help="skip the Xvfb figures")
    parser.add_argument(
        "--no-frozen", action="store_true", help="skip freezing (about 80 s of PyInstaller)"
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="print the table as Markdown (for docs/performance.md)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="FILE",
        help="print the table of a saved run (--json) without measuring",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        choices=[
            "startup",
            "evidence",
            "upload",
            "requests",
            "fleet",
            "sender",
            "steps",
            "frozen",
        ],
        help="measure only these groups (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.upload_mb, args.rows, args.desks = 1, 4, 1000, 5
        args.no_xvfb = args.no_frozen = True
        measure.QUIET_WAIT_S = 0.0
    return args


def machine() -> dict[str, Any]:
    from PySide6 import __version__ as pyside

    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = f"{int(info.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": os.cpu_count(),
        "ram": memory,
        "python": platform.python_version(),
        "pyside6": pyside,
        "platform": platform.platform(),
        "load_avg": os.getloadavg(),
    }


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def cell(series: measure.Series | None, unit: str) -> str:
    if series is None or not series.values:
        return "-"
    if len(series.values) == 1:
        return f"{fmt(series.median)} {unit}"
    return f"{fmt(series.median)} ({fmt(series.low)}–{fmt(series.high)}) {unit}"


def table(results: list[Figure]) -> str:
    rows = [("figure", "floor", "Helpline", "ratio", "budget", "result")]
    for fig in results:
        verdict = {True: "pass", False: "FAIL", None: "n/a"}[fig.passed]
        rows.append(
            (
                fig.name,
                cell(fig.floor, fig.unit),
                cell(fig.helpline, fig.unit),
                f"{fig.ratio:.2f}x" if fig.ratio is not None else "-",
                fig.budget,
                verdict,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"  {fig.name}: {fig.note}" for fig in results if fig.note]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def markdown(results: list[Figure]) -> str:
    lines = ["| figure | floor | Helpline | ratio | budget | result |", "|---|---|---|---|---|---|"]
    for fig in results:
        verdict = {True: "pass", False: "**FAIL**", None: "n/a"}[fig.passed]
        ratio = f"{fig.ratio:.2f}x" if fig.ratio is not None else "–"
        lines.append(
            f"| {fig.name} | {cell(fig.floor, fig.unit)} | "
            f"{cell(fig.helpline, fig.unit)} | {ratio} | {fig.budget} | {verdict} |"
        )
    return "\n".join(lines)


def load_results(path: Path) -> tuple[dict[str, Any], list[Figure]]:
    """A run saved with --json, back as figures."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    results = []
    for item in saved["figures"]:
        fig = Figure(
            item["figure"],
            item["unit"],
            item["budget"],
            measure.Series(item["helpline"]["runs"]),
            None,
            item["passed"],
            item["ratio"],
            item["note"],
        )
        if item["floor"]:
            fig.floor = measure.Series(item["floor"]["runs"])
        results.append(fig)
    return saved["machine"], results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.from_json:
        about, saved = load_results(args.from_json)
        print(markdown(saved) if args.markdown else table(saved))
        return 0
    wanted = set(
        args.only
        or ["startup", "evidence", "upload", "requests", "fleet", "sender", "steps", "frozen"]
    )
    results: list[Figure] = []
    warm = not args.quick
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helpline-bench-")))
        offscreen = measure.helpline_env(work / "home")
        display = ""
        if not args.no_xvfb and wanted & {"startup", "evidence", "sender", "steps"}:
            display = start_xvfb(stack)
        xcb = measure.helpline_env(work / "home", "xcb", display) if display else None

        def step(group: str, run: Callable[[], list[Figure]]) -> None:
            if group not in wanted:
                return
            print(f"measuring {group}...", file=sys.stderr, flush=True)
            try:
                results.extend(run())
            except (measure.RunError, OSError, RuntimeError) as err:
                results.append(figures.not_measured(group, "-", f"error: {err}"))

        step("startup", lambda: figures.startup(args.runs, offscreen, "offscreen", warmup=warm))
        if xcb is not None:
            step("startup", lambda: figures.startup(args.runs, xcb, "Xvfb", warmup=warm))
        step(
            "evidence",
            lambda: figures.evidence(
                args.runs, xcb or offscreen, "Xvfb" if xcb else "offscreen", warmup=warm
            ),
        )
        step(
            "upload",
            lambda: figures.upload(
                args.runs,
                offscreen,
                figures.make_file(work / "upload.bin", args.upload_mb),
                warmup=warm,
            ),
        )
        step("requests", lambda: figures.my_requests(args.runs, offscreen, args.rows, warm))
        step("fleet", lambda: figures.fleet(offscreen, args.desks))
        step(
            "sender",
            lambda: figures.sender(
                measure.helpline_env(work / "sender", "xcb", display)
                if display
                else measure.helpline_env(work / "sender"),
                work,
                3.0 if args.quick else 60.0,
            ),
        )
        if "steps" in wanted and xcb is None:
            results.append(
                figures.not_measured("steps recorder", "-", "n/a: needs Xvfb with RECORD")
            )
        elif xcb is not None:
            step("steps", lambda: figures_steps.steps(args.runs, xcb, "Xvfb", warmup=warm))
        if "frozen" in wanted:
            if args.no_frozen:
                pass
            elif not (measure.ROOT / "packaging" / "build.py").exists():
                results.append(
                    figures.not_measured(
                        "frozen onedir bundle",
                        "<= 1.3 x floor",
                        "n/a: packaging/build.py is not in this checkout yet",
                    )
                )
            else:
                step("frozen", lambda: figures.frozen(args.runs, offscreen, work / "frozen"))
    about = machine()
    print(
        f"Helpline benchmark, {about['date']}: {about['nproc']} CPUs, {about['ram']}, "
        f"Python {about['python']}, PySide6 {about['pyside6']}; median (min–max) of "
        f"{args.runs} run(s)\n"
    )
    print(markdown(results) if args.markdown else table(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": about, "runs": args.runs, "figures": [f.to_dict() for f in results]},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0 if all(f.passed is not False for f in results) else 1


def start_xvfb(stack: ExitStack) -> str:
    """A private Xvfb on a free display (-nolisten tcp), stopped by PID when the run ends."""
    from tests.xvfb import XvfbError, running_xvfb

    if shutil.which("Xvfb") is None:
        print("Xvfb is not installed: the Xvfb figures are skipped", file=sys.stderr)
        return ""
    try:
        return stack.enter_context(running_xvfb("1920x1080x24", record=True))
    except XvfbError as err:
        print(f"Xvfb did not start ({err}): the Xvfb figures are skipped", file=sys.stderr)
        return ""


if __name__ == "__main__":
    sys.exit(main())
