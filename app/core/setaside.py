"""Setting a damaged file of Helpline's own aside, so that it stops failing every start.

A draft or other state file that cannot be read (not JSON, or JSON of the wrong shape, after
a crash, a full disk or someone's editor) is renamed to ``NAME.bad-YYYYmmddTHHMMSS`` beside
itself: kept for a person to look at, out of the way of the next start (issue 17, item 14).
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def set_aside(path: Path, now: float | None = None) -> Path | None:
    """Rename ``path`` to a ``.bad-<time>`` name beside it; the new path, or None if the
    rename failed (then the caller still goes on without the file)."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now))
    target = path.with_name(f"{path.name}.bad-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{number}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target
