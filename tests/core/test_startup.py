"""app.core.startup: the process start as the kernel records it, parsed robustly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core import startup


def test_starttime_is_field_22_even_when_the_name_holds_spaces_and_parentheses() -> None:
    # pid (comm) state ppid ... : starttime is the 20th field after the closing ")"
    after = " ".join(str(n) for n in range(3, 30))
    text = f"4242 (my (odd) name) {after}\n"
    assert startup._linux_start_ticks(text) == 22


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux-only")
def test_a_fresh_process_knows_it_started_moments_ago() -> None:
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", "from app.core import startup; print(startup.elapsed_ms())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(startup.__file__).parents[2],
    )
    wall_ms = (time.monotonic() - started) * 1000
    elapsed = float(out.stdout)
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    # Never more than the parent saw from spawn to exit (plus one tick of rounding).
    assert 0 < elapsed <= wall_ms + tick_ms


def test_this_process_is_older_than_a_moment_ago() -> None:
    first = startup.elapsed_ms()
    assert first is not None and first > 0
    assert (startup.elapsed_ms() or 0) >= first
