"""A private X server for tests that need real screen pixels (the screenshot collector).

Xvfb picks a free display number itself and reports it on ``-displayfd`` once it accepts
connections, so there is no guessing of numbers, no race with another test run on the same
machine, and no sleep. It is stopped by its own PID: terminate, then kill.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

SCREEN = "1280x800x24"
START_TIMEOUT = 10.0


class XvfbError(RuntimeError):
    """Xvfb is missing or did not come up; the message includes its own output."""


def xvfb_binary() -> str | None:
    return shutil.which("Xvfb")


def _read_display(fd: int, proc: subprocess.Popen[bytes], timeout: float) -> str:
    """Read the display number Xvfb writes to ``fd`` when it is ready for clients."""
    deadline = time.monotonic() + timeout
    received = b""
    while not received.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or proc.poll() is not None:
            break
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.5))
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:  # Xvfb closed the pipe without answering: it is exiting
                break
            received += chunk
    number = received.strip().decode("ascii", "replace")
    if not number.isdigit():
        raise XvfbError("no display number")
    return f":{number}"


@contextmanager
def running_xvfb(
    screen: str = SCREEN, timeout: float = START_TIMEOUT, record: bool | None = None
) -> Iterator[str]:
    """Start Xvfb with one screen of ``screen`` (WxHxDepth) and yield its DISPLAY string.

    ``record``: True asks for the RECORD extension (global input, the steps recorder),
    False leaves it out (the recorder's manual fallback); None takes Xvfb's default.
    """
    extension = [] if record is None else ["+extension" if record else "-extension", "RECORD"]
    binary = xvfb_binary()
    if binary is None:
        raise XvfbError("Xvfb is not installed (Debian: apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    with tempfile.TemporaryFile() as output:
        try:
            proc = subprocess.Popen(
                [
                    binary,
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    screen,
                    "-nolisten",
                    "tcp",
                    "-noreset",
                    *extension,
                ],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
            )
        finally:
            os.close(write_fd)
        try:
            try:
                display = _read_display(read_fd, proc, timeout)
            except XvfbError as exc:
                output.seek(0)
                log = output.read().decode("utf-8", "replace").strip()
                raise XvfbError(
                    f"Xvfb did not start within {timeout:.0f} s ({exc}); "
                    f"exit code {proc.poll()}; output:\n{log}"
                ) from None
            yield display
        finally:
            os.close(read_fd)
            _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
