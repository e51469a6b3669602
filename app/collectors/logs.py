"""The log files a category asks for, tail-limited, ready to review and scrub.

IT lists files or globs per category (``categories[].logs``), with ``~`` and environment
variables expanded, because the same log lives under each user's home. Only the last
``max_bytes`` of each file are read, starting at a line boundary, and without loading the
rest: a 2 GB log must not stall the wizard. A file that cannot be attached is still
reported, with a reason, so the user and the helpdesk know what is missing and why.

Nothing here follows into directories: a glob that matches a folder reports the folder
and attaches nothing from it. Symbolic links are read through, and the target is reported.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

_UNSET_VAR = re.compile(r"\$(\w+)|\$\{(\w+)\}")


@dataclass(frozen=True)
class LogFile:
    """One log as collected; ``error`` is a plain reason when nothing could be read."""

    path: str
    name: str
    size_on_disk: int = 0
    text: str = ""
    truncated: bool = False
    error: str = ""
    link_target: str = ""  # where a symbolic link led, so the review shows what was read

    @property
    def ok(self) -> bool:
        return not self.error


def expand(pattern: str) -> str:
    """``~`` and ``$VAR`` / ``${VAR}`` expanded; unknown variables are left as written."""
    return os.path.expandvars(os.path.expanduser(pattern))


def _read_tail(path: str, max_bytes: int) -> tuple[bytes, int, bool]:
    """The last ``max_bytes`` of a regular file, from the start of a line.

    Reads one byte before the cut so a cut that already falls on a line start keeps
    that line. A single line longer than ``max_bytes`` comes back as its own tail.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= max_bytes:
            return handle.read(), size, False
        handle.seek(size - max_bytes - 1)
        chunk = handle.read(max_bytes + 1)
    newline = chunk.find(b"\n")
    if newline == -1:
        return chunk[1:], size, True
    return chunk[newline + 1 :], size, True


def _unique(name: str, taken: set[str]) -> str:
    """``app.log``, then ``app-2.log``: two folders may hold logs of the same name."""
    candidate, n = name, 1
    stem, dot, ext = name.partition(".")
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


def _problem(pattern: str, expanded: str) -> str:
    unset = [a or b for a, b in _UNSET_VAR.findall(expanded) if (a or b) not in os.environ]
    if unset:
        return (
            f"The setting {pattern} uses the environment variable {unset[0]}, "
            "which is not set on this computer."
        )
    if glob.has_magic(expanded):
        return "No file on this computer matches this pattern."
    return "The file is not on this computer."


def _collect_one(path: str, max_bytes: int, name: str) -> LogFile:
    link_target = os.path.realpath(path) if os.path.islink(path) else ""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = (
            "It is a link to a file that is not there."
            if link_target
            else "The file is not on this computer."
        )
        return LogFile(path, name, error=reason, link_target=link_target)
    except OSError as exc:
        return LogFile(
            path,
            name,
            error=f"Helpline could not look at it ({exc.strerror}).",
            link_target=link_target,
        )
    if stat.S_ISDIR(info.st_mode):
        return LogFile(
            path, name, error="It is a folder; only files are attached.", link_target=link_target
        )
    if not stat.S_ISREG(info.st_mode):
        return LogFile(
            path,
            name,
            error="It is not a regular file (a device or a pipe).",
            link_target=link_target,
        )
    try:
        data, size, truncated = _read_tail(path, max_bytes)
    except PermissionError:
        return LogFile(
            path,
            name,
            info.st_size,
            error="Helpline is not allowed to read it.",
            link_target=link_target,
        )
    except OSError as exc:
        return LogFile(
            path,
            name,
            info.st_size,
            error=f"Helpline could not read it ({exc.strerror}).",
            link_target=link_target,
        )
    return LogFile(
        path, name, size, data.decode("utf-8", errors="replace"), truncated, link_target=link_target
    )


def collect_logs(patterns: list[str], max_bytes: int) -> list[LogFile]:
    """One :class:`LogFile` per matched file, and one per pattern that matched nothing.

    Files are in pattern order, then by path; a file matched twice is collected once.
    Names are unique so they can become ``logs/<name>`` in a bundle.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    out: list[LogFile] = []
    seen: set[str] = set()
    names: set[str] = set()
    for pattern in patterns:
        expanded = expand(pattern)
        paths = (
            sorted(glob.glob(expanded))
            if glob.has_magic(expanded)
            else ([expanded] if os.path.lexists(expanded) else [])
        )
        if not paths:
            name = _unique(Path(expanded).name or expanded, names)
            out.append(LogFile(expanded, name, error=_problem(pattern, expanded)))
            continue
        for path in paths:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            out.append(_collect_one(path, max_bytes, _unique(Path(path).name, names)))
    return out
