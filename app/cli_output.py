"""What every ``helpline`` command shares: exit codes, the usage error, and how it speaks.

Kept apart from :mod:`app.cli` so the commands in their own modules (``cli_evidence``,
``cli_followup``) import this, not the dispatcher that imports them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
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


def config_arguments(argv: Sequence[str]) -> list[str]:
    """The ``--config FILE`` and ``--set KEY=VALUE`` options of a command line, so a sender
    started from it reads the same configuration (paths made absolute: a sender started at
    login runs in another folder)."""
    out: list[str] = []
    words = list(argv)
    for index, word in enumerate(words):
        name, eq, value = word.partition("=")
        if name not in ("--config", "--set"):
            continue
        if not eq:
            if index + 1 >= len(words):
                break
            value = words[index + 1]
        if name == "--config":
            value = str(Path(value).expanduser().absolute())
        out += [name, value]
    return out


def send_in_background(item: Any, config_args: Sequence[str]) -> str:
    """Start the background sender for a request a command left waiting; the sentence that
    says what happens next (empty when nothing waits: sent, or waiting for the person)."""
    from app.services import sender

    if not sender.waits_to_be_sent(item):
        return ""
    if os.environ.get(sender.NO_SENDER_ENV) == "1":
        return "To send it now, run: helpline outbox retry"
    try:
        sender.spawn(config_args)
    except OSError as err:  # a sender that cannot start: say how to send by hand
        return (
            f"It could not be handed to the background sender ({err.strerror or err}); "
            "run 'helpline outbox retry' to send it."
        )
    return (
        "It will be sent automatically, even after this command ends and after a restart; "
        "'helpline outbox' shows what is waiting."
    )
