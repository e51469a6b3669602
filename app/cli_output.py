"""What every ``helpline`` command shares: exit codes, the usage error, and how it speaks.

Kept apart from :mod:`app.cli` so the commands in their own modules (``cli_evidence``,
``cli_followup``) import this, not the dispatcher that imports them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from app.core import logsafe

OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot work; exit code 2."""


def say(text: str) -> None:
    """One line for the person, on stderr, with secrets masked (it may quote a URL)."""
    print(logsafe.mask(text), file=sys.stderr)


def print_json(data: Any) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False))


def display_available(env: dict[str, str] | None = None) -> bool:
    """Whether a screenshot could show anything: a real screen, not Qt's offscreen platform."""
    from app.collectors.x11_capture import requested_platform

    env = dict(os.environ) if env is None else env
    if requested_platform(env) in ("offscreen", "minimal", "vnc"):
        return False
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True
