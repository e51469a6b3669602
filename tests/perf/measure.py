"""How the benchmark runs a command: one fresh process, its JSON line, its peak memory.

Every figure comes from a child process so nothing warms up between runs except the
page cache. Peak RSS comes from the kernel through ``wait4`` (the same number as
``/usr/bin/time -v``), so the measurement adds nothing to the process measured.
Runs of a floor and of Helpline are interleaved, and each run waits (a little)
for the machine to be quiet, because other tenants share these cores: that is
noise both sides see alike, which is why every budget is a ratio to a floor
measured in the same run.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
#: The interpreter's real binary (a pyenv shim adds 100+ ms to every start), except in a
#: virtual environment, whose ``bin/python`` link is what makes it that environment.
PYTHON = sys.executable if sys.prefix != sys.base_prefix else os.path.realpath(sys.executable)
QUIET_BUSY = 0.30
#: How long a run waits for a quiet machine at most; 0 skips waiting (--quick).
QUIET_WAIT_S = 2.0


class RunError(RuntimeError):
    """A child failed or printed no JSON; the message carries its output."""


@dataclass
class Run:
    data: dict[str, Any]
    wall_ms: float
    peak_rss_mb: float
    busy_before: float


@dataclass
class Series:
    """Several runs of one figure: median is typical, min is the floor of the noise."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float | None) -> None:
        if value is not None:
            self.values.append(float(value))

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def low(self) -> float | None:
        return min(self.values) if self.values else None

    @property
    def high(self) -> float | None:
        return max(self.values) if self.values else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "runs": [round(v, 2) for v in self.values],
        }


def cpu_busy(interval: float = 0.1) -> float:
    """Machine-wide CPU busy fraction over ``interval`` (0 where /proc/stat is missing)."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle

    try:
        total1, idle1 = sample()
        time.sleep(interval)
        total2, idle2 = sample()
    except OSError:
        return 0.0
    total = total2 - total1
    return 0.0 if total <= 0 else 1.0 - (idle2 - idle1) / total


def wait_quiet(limit_s: float | None = None) -> float:
    """Wait until the machine is below QUIET_BUSY, at most ``limit_s``; the last level seen."""
    limit_s = QUIET_WAIT_S if limit_s is None else limit_s
    if limit_s <= 0:
        return 0.0
    deadline = time.monotonic() + limit_s
    busy = cpu_busy()
    while busy > QUIET_BUSY and time.monotonic() < deadline:
        busy = cpu_busy(0.2)
    return busy


def run(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    timeout: float = 120.0,
    expect_json: bool = True,
    quiet: bool = True,
) -> Run:
    """Run ``command`` once; its last stdout line that is JSON becomes ``Run.data``."""
    busy = wait_quiet() if quiet else 0.0
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
        )
        status, usage = _wait4(proc, timeout)
        wall_ms = (time.perf_counter() - started) * 1000
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    data: dict[str, Any] = {}
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            try:
                data = json.loads(line)
                break
            except ValueError:
                continue
    if code != 0 or (expect_json and not data):
        tail = "\n".join(text.strip().splitlines()[-12:])
        raise RunError(f"{' '.join(command[:4])}... exited {code}:\n{tail}")
    return Run(data, wall_ms, usage.ru_maxrss / 1024, busy)


def _wait4(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, Any]:
    """``os.wait4`` with a deadline: the child's exit status and its own rusage."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, usage
        if time.monotonic() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise RunError(f"{proc.args!r} did not finish within {timeout:.0f} s")
        time.sleep(0.002)


def helpline_env(base: Path, platform: str = "offscreen", display: str = "") -> dict[str, str]:
    """A clean environment: private XDG folders (no draft, no outbox), the platform asked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    for name in ("config", "data", "cache"):
        (base / name).mkdir(parents=True, exist_ok=True)
    env.update(
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_DATA_HOME=str(base / "data"),
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_CONFIG_DIRS=str(base / "site"),
        QT_QPA_PLATFORM=platform,
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="",
    )
    env.pop("HELPLINE_CONFIG", None)
    env.pop("HELPLINE_QUIT_AFTER_PAINT", None)
    if display:
        env["DISPLAY"] = display
    else:
        env.pop("DISPLAY", None)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class UploadServer:
    """The loopback receiver (floors/upload_server.py) in its own process, stopped by PID."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, str(HERE / "floors" / "upload_server.py")],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.isdigit():
            self.stop()
            raise RunError(f"the upload server did not start: {line!r}")
        self.url = f"http://127.0.0.1:{line}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def __enter__(self) -> UploadServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
