"""The sharing process, owned from start to stop: its own process group, killed whole.

"Stopped" must mean gone: :meth:`Sharing.stop` ends the whole process group (TERM, then
KILL), waits for it, and :func:`leftovers` checks that no process of the group is alive
and :func:`listening_ports` that none of them holds a listening TCP socket (read from
``/proc``: the kernel's own tables, no extra dependency). On Linux the child also asks the
kernel to end it if Helpline dies without stopping it (``PR_SET_PDEATHSIG``), so a crash
does not leave the screen shared. Qt-free; the caller polls :meth:`Sharing.exited`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

STOP_WAIT = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class Sharing:
    """One running sharing tool. Start it from the GUI thread: the kernel ties the
    parent-death signal to the thread that started it."""

    def __init__(self, argv: Sequence[str], log: Path | None = None) -> None:
        out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
        linux = sys.platform.startswith("linux")
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,  # its own group: stop() ends children too
            preexec_fn=_die_with_parent if linux else None,
        )
        if log is not None:
            out.close()  # type: ignore[union-attr]
        self.pid = self.proc.pid
        self.started = time.monotonic()

    def exited(self) -> bool:
        """True once the tool ended by itself (x11vnc does when the technician leaves)."""
        return self.proc.poll() is not None

    def stop(self, wait: float = STOP_WAIT) -> None:
        """End the whole group: TERM, then KILL after ``wait`` seconds; reaps the child."""
        for sig, pause in ((signal.SIGTERM, wait), (signal.SIGKILL, wait)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, sig)
            deadline = time.monotonic() + pause
            while time.monotonic() < deadline:
                if self.proc.poll() is not None and not leftovers(self.pid):
                    return
                time.sleep(0.02)
        self.proc.poll()


def leftovers(group: int) -> list[int]:
    """Living processes (not zombies) of process group ``group``."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(entry.name))
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
    return inodes


def listening_ports(pids: Sequence[int]) -> list[int]:
    """TCP ports in LISTEN state held by any of ``pids`` (IPv4 and IPv6)."""
    inodes: set[str] = set()
    for pid in pids:
        inodes |= _socket_inodes(pid)
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if len(cols) > 9 and cols[3] == "0A" and cols[9] in inodes:
                    ports.append(int(cols[1].rsplit(":", 1)[1], 16))
    return ports
