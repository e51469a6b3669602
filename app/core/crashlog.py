"""Crash logs: what went wrong, written privately to the user data folder, without secrets.

The GUI's exception hook (:mod:`app.ui.crash`) calls :func:`write` before it
shows anything, so the log exists even if the dialog itself fails. Every line
goes through :func:`app.core.logsafe.mask` (known secrets and anything that
looks like a credential), and the log is attached to the request the user
may file about Helpline, so it must be safe to send as it is. No local
variables are written: they are where tokens live.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app import __version__
from app.core import paths

#: Older logs beyond this many are removed, so a crash loop cannot fill the disk.
KEEP = 10
FOLDER = "crash-logs"


def _mask(text: str) -> str:
    try:
        from app.core import logsafe
    except ImportError:  # pragma: no cover - logsafe ships with the app
        return text
    return logsafe.mask(text)


def last_line(exc: BaseException) -> str:
    """The exception's last line ("ValueError: bad value"), masked: the error text to report."""
    lines = traceback.format_exception_only(type(exc), exc)
    text = lines[-1].strip() if lines else type(exc).__name__
    return _mask(text)[:500]


def render(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    now: datetime | None = None,
) -> str:
    """The whole log as text: when, which version, on what, and the masked traceback."""
    now = now or datetime.now(UTC)
    trace = "".join(traceback.format_exception(exc_type, exc, tb))
    head = [
        "Helpline crash report",
        f"Time: {now.isoformat(timespec='seconds')}",
        f"Helpline: {__version__}",
        f"Python: {platform.python_version()} ({sys.platform})",
        f"System: {platform.platform(terse=True)}",
        "",
    ]
    return _mask("\n".join(head) + trace)


def folder(root: Path | None = None) -> Path:
    base = root or paths.data_dir()
    target = base / FOLDER
    for level in (base, target):
        level.mkdir(mode=0o700, parents=True, exist_ok=True)
    return target


def write(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    root: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write one crash log (0600) and return its path; old ones beyond :data:`KEEP` go."""
    now = now or datetime.now(UTC)
    target_dir = folder(root)
    name = f"crash-{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    target = target_dir / name
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(render(exc_type, exc, tb, now))
    os.chmod(target, 0o600)  # in case the file existed with other bits
    _prune(target_dir)
    return target


def _prune(target_dir: Path) -> None:
    logs = sorted(target_dir.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[KEEP:]:
        old.unlink(missing_ok=True)
