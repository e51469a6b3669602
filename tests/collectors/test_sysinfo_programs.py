"""Top processes by memory and IT's program versions: bounded, no shell, never a crash."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from app.collectors import sysinfo, sysinfo_programs
from app.collectors.sysinfo_programs import NOT_INSTALLED, Program, finish, start
from app.collectors.sysinfo_sources import Context

PY = sys.executable


def test_top_processes_are_the_largest_by_rss_with_name_and_size_only() -> None:
    found = sysinfo.collect(["processes"])["sections"]["processes"]
    listed = found["processes"]
    assert 1 <= len(listed) <= 10
    assert all(set(p) == {"name", "rss_bytes"} for p in listed)
    sizes = [p["rss_bytes"] for p in listed]
    assert sizes == sorted(sizes, reverse=True)
    assert found["complete"] is True and found["processes_seen"] >= len(listed)
    me = psutil.Process()
    if me.memory_info().rss > sizes[-1]:  # this test's own interpreter is big enough to list
        assert me.name() in [p["name"] for p in listed]


def _fake_procs(count: int) -> list[Any]:
    def proc(i: int) -> Any:
        def name() -> str:
            if i == count - 1:
                raise psutil.NoSuchProcess(i)
            return f"proc{i}"

        return SimpleNamespace(
            pid=i, info={"memory_info": SimpleNamespace(rss=i * 1000)}, name=name
        )

    return [proc(i) for i in range(count)]


def test_the_list_is_bounded_and_names_only_the_winners(monkeypatch: pytest.MonkeyPatch) -> None:
    procs = _fake_procs(50)
    monkeypatch.setattr(psutil, "process_iter", lambda **_kw: iter(procs))
    found = sysinfo_programs.top_processes(Context(top_processes=3))
    # proc49 is the largest but ended before its name was read: skipped, not a crash.
    assert found["processes"] == [
        {"name": "proc48", "rss_bytes": 48000},
        {"name": "proc47", "rss_bytes": 47000},
    ]
    assert found["processes_seen"] == 50


def test_the_scan_stops_at_its_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    procs = _fake_procs(1000)
    monkeypatch.setattr(psutil, "process_iter", lambda **_kw: iter(procs))
    found = sysinfo_programs.top_processes(Context(process_budget_s=0.0))
    assert found["complete"] is False and found["processes_seen"] < 1000
    assert "Complete list:  no" in sysinfo.render_text({"sections": {"processes": found}})


def test_program_versions_missing_failing_and_slow() -> None:
    started = time.monotonic()
    results = finish(
        start(
            [
                {"name": "Python", "command": [PY, "--version"]},
                {"name": "Nothing", "command": "helpline-no-such-program-xyz --version"},
                {"name": "Broken", "command": [PY, "-c", "raise SystemExit(3)"]},
                {"name": "Slow", "command": [PY, "-c", "import time; time.sleep(30)"]},
                {"name": "Slower", "command": [PY, "-c", "import time; time.sleep(30)"]},
            ],
            timeout_s=1.0,
        )
    )
    elapsed = time.monotonic() - started
    assert results == [
        {"name": "Python", "version": f"Python {sys.version.split()[0]}"},
        {"name": "Nothing", "version": None, "note": NOT_INSTALLED},
        {"name": "Broken", "version": None, "note": "exited with code 3"},
        {"name": "Slow", "version": None, "note": "did not answer within 1 s"},
        {"name": "Slower", "version": None, "note": "did not answer within 1 s"},
    ]
    assert elapsed < 2.5, "slow programs must wait in parallel, not one after another"
    text = sysinfo.render_text({"sections": {"programs": {"programs": results}}})
    assert "- Nothing: not installed" in text and "- Slow: did not answer within 1 s" in text


def test_commands_never_go_through_a_shell(tmp_path: Path) -> None:
    marker = tmp_path / "shell-ran"
    (result,) = finish(start([{"name": "Echo", "command": f"echo hello; touch {marker}"}]))
    assert result["version"] == f"hello; touch {marker}"  # one argv, printed back
    assert not marker.exists()


def test_only_the_first_line_is_kept_and_cut_to_length() -> None:
    code = "print(); print('v' * 500); print('second line')"
    (result,) = finish(start([Program("Long", (PY, "-c", code))]))
    assert result["version"] == "v" * sysinfo_programs.MAX_VERSION_CHARS


@pytest.mark.parametrize(
    "entry",
    [
        {"command": "x"},
        {"name": "X"},
        {"name": " ", "command": "x"},
        {"name": "X", "command": ""},
        {"name": "X", "command": [1]},
    ],
)
def test_a_program_entry_needs_a_name_and_a_command(entry: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="needs a name and a command"):
        Program.from_config(entry)


def test_stop_kills_what_is_still_running() -> None:
    started = start([{"name": "Slow", "command": [PY, "-c", "import time; time.sleep(30)"]}])
    (_program, proc) = started.runs[0]
    assert not isinstance(proc, str) and proc.poll() is None
    started.stop()
    assert proc.poll() is not None
