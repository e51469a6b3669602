"""Issue 17, item 16: a program-version probe keeps its timeout even when the program leaves
a child holding its output (a 1 s setting took 20 s before the fix).

The child inherits the pipe, so killing the program alone leaves the pipe open until the
child ends; the probe now runs each command in its own process group and kills the group.
"""

from __future__ import annotations

import os
import sys
import time

import psutil
import pytest

from app.collectors import sysinfo_programs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups: POSIX")


def _probe(script: str, timeout_s: float = 1.0) -> tuple[dict, float, int]:
    started = sysinfo_programs.start([{"name": "Tool", "command": ["sh", "-c", script]}], timeout_s)
    (run,) = [r for _p, r in started.runs]
    began = time.monotonic()
    (result,) = sysinfo_programs.finish(started)
    assert not isinstance(run, str)
    return result, time.monotonic() - began, run.pid


def _group_gone(pid: int) -> bool:
    """No live process left in the group (zombies wait for a reaper, which a container's
    first process may not be)."""
    for _ in range(50):
        alive = []
        for proc in psutil.process_iter(["status"]):
            try:
                if os.getpgid(proc.pid) == pid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                    alive.append(proc.pid)
            except (ProcessLookupError, psutil.Error):
                continue
        if not alive:
            return True
        time.sleep(0.02)
    return False


def test_a_child_left_holding_the_pipe_does_not_outlast_the_timeout() -> None:
    result, took, pid = _probe("echo 'Tool 9.9'; sleep 20 & exit 0")
    assert took < 3, took
    assert result == {"name": "Tool", "version": "Tool 9.9"}  # it did answer, in time
    assert _group_gone(pid)


def test_a_hanging_program_and_its_children_are_killed_at_the_timeout() -> None:
    result, took, pid = _probe("sleep 20 & sleep 20")
    assert took < 3, took
    assert result == {"name": "Tool", "version": None, "note": "did not answer within 1 s"}
    assert _group_gone(pid)


def test_stop_kills_the_group_too() -> None:
    started = sysinfo_programs.start(
        [{"name": "Tool", "command": ["sh", "-c", "sleep 20 & sleep 20"]}]
    )
    (run,) = [r for _p, r in started.runs]
    assert not isinstance(run, str)
    began = time.monotonic()
    started.stop()
    assert time.monotonic() - began < 3 and _group_gone(run.pid)
