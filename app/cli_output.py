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


# Characters a terminal obeys rather than shows. A helpdesk's subject or reply may carry
# them: ESC starts sequences that clear the screen, move the cursor over earlier lines
# (a fake prompt) or write the clipboard (OSC 52); C1 controls are 8-bit forms of the same;
# bidi overrides and isolates reorder what is shown so the text reads differently from
# what it is. Newline and tab are layout and stay.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SHOWN = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if chr(code) not in "\n\t"
}
_SHOWN.update({code: f"<U+{code:04X}>" for code in _BIDI})
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)}


def visible(text: str) -> str:
    """``text`` with every control and bidi character written out (``\\x1b``, ``<U+202E>``),
    so what reaches the terminal is shown, never obeyed. A CRLF line end is a line end."""
    return text.replace("\r\n", "\n").translate(_SHOWN)


def out(text: str = "") -> None:
    """One piece of a command's result, on stdout, shown rather than obeyed: every line a
    command prints goes through here or :func:`say`, whoever wrote the text."""
    print(visible(text))


def say(text: str) -> None:
    """One line for the person, on stderr, with secrets masked (it may quote a URL) and
    controls shown rather than obeyed (it may quote a helpdesk's answer)."""
    print(visible(logsafe.mask(text)), file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON escapes C0 controls itself; C1 and bidi characters are written as ``\\u``
    escapes too, e.g. ``\\u202e`` (the same value to a parser, nothing a terminal obeys
    when a person reads it)."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    print(text.translate(_JSON_ESCAPES))


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
