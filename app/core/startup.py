"""How long ago the kernel started this process, for ``helpline --startup-probe``.

Start-up is measured from the moment the operating system created the process,
not from the first line of Python, because the interpreter and its imports are
most of what a user waits for. On Linux the kernel records the start in
``/proc/self/stat`` (field 22, ``starttime``, in clock ticks since boot) on the
same clock as ``CLOCK_BOOTTIME``, so the difference is exact to one tick
(``SC_CLK_TCK``, 10 ms on every common kernel; the result can be up to one tick
high, never low). psutil's ``create_time`` is not used there: it adds a boot
time that is only accurate to the second.

Elsewhere (macOS, Windows, the BSDs) psutil's ``create_time`` comes straight from
the kernel with sub-millisecond precision, so it is the fallback; psutil is
imported only when the figure is asked for, which the probe does after the first
paint. Without psutil the figure is ``None``: better no number than a wrong one.
This module is Qt-free and imports nothing slow.
"""

from __future__ import annotations

import os
import sys
import time

#: Field 22 of /proc/PID/stat, counted after the ")" that ends the command name.
_STARTTIME_AFTER_NAME = 19


def _linux_start_ticks(stat_text: str) -> int:
    """``starttime`` from the text of /proc/PID/stat.

    The command name (field 2) is in parentheses and may itself hold spaces or
    parentheses, so fields are counted from the last ")".
    """
    rest = stat_text[stat_text.rindex(")") + 2 :].split()
    return int(rest[_STARTTIME_AFTER_NAME])


def _linux_elapsed_s() -> float:
    with open("/proc/self/stat", encoding="ascii") as stat:
        ticks = _linux_start_ticks(stat.read())
    now = time.clock_gettime(time.CLOCK_BOOTTIME)
    return now - ticks / os.sysconf("SC_CLK_TCK")


def _psutil_elapsed_s(now: float) -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return now - psutil.Process().create_time()


def elapsed_ms() -> float | None:
    """Milliseconds since the kernel started this process; None if it cannot be known."""
    if sys.platform.startswith("linux"):
        try:
            return _linux_elapsed_s() * 1000.0
        except (OSError, ValueError, IndexError, AttributeError):
            pass  # /proc not mounted (some containers): fall back
    now = time.time()  # read before the import below, which takes a while
    seconds = _psutil_elapsed_s(now)
    return None if seconds is None else seconds * 1000.0
