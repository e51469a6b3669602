"""The benchmark still runs: once, with tiny sizes, offscreen; no timing is judged here.

Absolute times belong to the benchmark's own run on a quiet machine
(docs/performance.md), never to the test suite, so this test checks only
that every figure was produced and the table and JSON came out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_benchmark_prints_the_table_and_writes_json(
    tmp_path: Path, helpline_env: dict[str, str]
) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "perf" / "bench.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
        env=helpline_env,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr  # 1 means a budget missed, not a crash
    assert "figure" in done.stdout and "budget" in done.stdout, done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    by_name = {f["figure"]: f for f in result["figures"]}
    errors = [
        f"{name}: {f['note']}" for name, f in by_name.items() if f["note"].startswith("error")
    ]
    assert not errors, errors
    assert by_name["wizard first paint, offscreen"]["helpline"]["median"] > 0
    assert by_name["wizard first paint, offscreen"]["floor"]["median"] > 0
    assert any(name.startswith("My requests, 1,000") for name in by_name)
    assert any("upload to loopback" in name for name in by_name)
    assert result["machine"]["nproc"] >= 1


def test_startup_probe_prints_one_json_line(helpline_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=60,
        env=helpline_env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, done.stdout
    assert json.loads(lines[0])["first_paint_ms"] > 0


def test_startup_probe_refuses_a_command_without_a_window(helpline_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--startup-probe", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env=helpline_env,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "--startup-probe" in done.stderr
