"""What runs and what is installed: the top processes by memory and IT's program versions.

The process list is the costly part of the system report, so it is bounded twice: only the
resident memory of every process is read (cheap: one small file per process on Linux), the
name only for the few that make the list, and the scan stops at a time budget and says so.
Only the name and the resident size leave the machine, never a command line.

Program versions come from commands that IT lists in config (``firefox --version``). They
are started before the other sections are read and collected afterwards, so a slow program
costs its own timeout at most once, not once per program. Never through a shell.

Each command runs in a process group (a session) of its own: a program that leaves a child
behind holding its output (a launcher script, ``cmd & echo 1.0``) would otherwise keep the
pipe open long past the timeout, since killing the program does not end the child
(issue 17, item 16: a 1 s setting took 20 s). On timeout the whole group is killed.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psutil

from app.collectors.sysinfo_sources import Context

#: Longest version line kept; some programs print a banner instead of a version.
MAX_VERSION_CHARS = 200
#: After the group is killed, how long its pipe may take to close (a child that left the
#: group with setsid can hold it; then the pipe is closed from this side).
AFTER_KILL_S = 0.5
NOT_INSTALLED = "not installed"


def top_processes(ctx: Context) -> dict[str, Any]:
    """The ``ctx.top_processes`` largest processes by resident memory: name and RSS only."""
    deadline = time.monotonic() + ctx.process_budget_s
    sizes: list[tuple[int, psutil.Process]] = []
    seen, complete = 0, True
    for proc in psutil.process_iter(attrs=["memory_info"], ad_value=None):
        seen += 1
        mem = proc.info.get("memory_info")
        if mem is not None:
            sizes.append((mem.rss, proc))
        if time.monotonic() > deadline:
            complete = False
            break
    listed: list[dict[str, Any]] = []
    for rss, proc in heapq.nlargest(ctx.top_processes, sizes, key=lambda item: item[0]):
        try:
            name = proc.name()
        except psutil.NoSuchProcess:
            continue  # ended since it was measured
        except psutil.AccessDenied:
            name = f"process {proc.pid}"
        listed.append({"name": name, "rss_bytes": rss})
    return {"processes": listed, "processes_seen": seen, "complete": complete}


@dataclass(frozen=True)
class Program:
    """One program IT wants the version of: a display name and the command that prints it."""

    name: str
    command: tuple[str, ...]

    @classmethod
    def from_config(cls, entry: Mapping[str, Any]) -> Program:
        """Accepts ``{"name": "Firefox", "command": "firefox --version"}`` or a list command.

        Raises ValueError for an entry that cannot work: that is a config mistake to fix.
        """
        name, command = entry.get("name"), entry.get("command")
        if isinstance(command, str):
            args = tuple(shlex.split(command))
        elif isinstance(command, list | tuple) and all(isinstance(a, str) for a in command):
            args = tuple(command)
        else:
            args = ()
        if not isinstance(name, str) or not name.strip() or not args:
            raise ValueError(f"a program to report needs a name and a command, got {entry!r}")
        return cls(name.strip(), args)


@dataclass
class Started:
    """Program commands already running, waiting to be read by :func:`finish`."""

    timeout_s: float
    started_at: float = field(default_factory=time.monotonic)
    runs: list[tuple[Program, subprocess.Popen[bytes] | str]] = field(default_factory=list)

    def stop(self) -> None:
        """Kill whatever is still running; for a collection that ended early."""
        for _program, run in self.runs:
            if not isinstance(run, str):
                _end(run)


def _kill_group(run: subprocess.Popen[bytes]) -> None:
    """Kill the command and everything it started in its group (POSIX), or the command."""
    if sys.platform != "win32":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(run.pid, signal.SIGKILL)  # start_new_session: the group id is its pid
    with contextlib.suppress(OSError):
        run.kill()


def _end(run: subprocess.Popen[bytes]) -> bytes:
    """Kill the group and collect what it wrote, in at most :data:`AFTER_KILL_S`."""
    _kill_group(run)
    try:
        output, _ = run.communicate(timeout=AFTER_KILL_S)
    except subprocess.TimeoutExpired:  # a child outside the group still holds the pipe
        if run.stdout is not None:
            run.stdout.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            run.wait(timeout=AFTER_KILL_S)
        return b""
    return output or b""


def start(programs: Iterable[Mapping[str, Any] | Program], timeout_s: float = 2.0) -> Started:
    """Start every command at once; a program that cannot start gets its answer now."""
    started = Started(timeout_s)
    flags = (
        getattr(subprocess, "CREATE_NO_WINDOW", 0)
        | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        if sys.platform == "win32"
        else 0
    )
    for entry in programs:
        program = entry if isinstance(entry, Program) else Program.from_config(entry)
        try:
            proc = subprocess.Popen(
                program.command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                creationflags=flags,
                start_new_session=sys.platform != "win32",
            )
        except FileNotFoundError:
            started.runs.append((program, NOT_INSTALLED))
        except PermissionError:
            started.runs.append((program, "cannot be run (permission denied)"))
        except OSError as exc:
            started.runs.append((program, f"cannot be run ({exc.strerror or exc})"))
        else:
            started.runs.append((program, proc))
    return started


def _version_line(output: bytes) -> str | None:
    for line in output.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()[:MAX_VERSION_CHARS]
    return None


def finish(started: Started) -> list[dict[str, Any]]:
    """Read every answer; one shared deadline, so slow programs wait in parallel."""
    deadline = started.started_at + started.timeout_s
    results: list[dict[str, Any]] = []
    for program, run in started.runs:
        if isinstance(run, str):
            results.append({"name": program.name, "version": None, "note": run})
            continue
        try:
            output, _ = run.communicate(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            exited = run.poll() is not None  # done, but a child it left holds the pipe
            output = _end(run)
            if not (exited and run.returncode == 0 and _version_line(output)):
                late = f"did not answer within {started.timeout_s:g} s"
                results.append({"name": program.name, "version": None, "note": late})
                continue
        version = _version_line(output)
        note = None if run.returncode == 0 else f"exited with code {run.returncode}"
        results.append(
            {
                "name": program.name,
                "version": version,
                **({"note": note} if note and not version else {}),
            }
        )
    return results


def programs(ctx: Context) -> dict[str, Any]:
    started = ctx.programs if ctx.programs is not None else start(())
    return {"programs": finish(started)}
