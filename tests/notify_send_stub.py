"""A stand-in for libnotify's ``notify-send``, for tests on machines without a
notification daemon.

It follows the documented interface
(https://gitlab.gnome.org/GNOME/libnotify/-/blob/master/docs/notify-send.xml): with
``--wait`` and ``--action=NAME=Label`` the real tool prints the chosen action's NAME on
stdout. The stand-in writes each argument it was given on a line of its own into
``calls``, then prints ``answer`` (the action "clicked"; empty: none).
"""

from __future__ import annotations

from pathlib import Path


def install(folder: Path, calls: Path, answer: str = "", wait_seconds: int = 0) -> Path:
    """Write the stand-in into ``folder`` (created) and return ``folder``, for the front
    of PATH. ``wait_seconds``: how long it waits before answering, as one left unclicked."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "notify-send"
    wait = f"sleep {wait_seconds}\n" if wait_seconds else ""
    reply = f'printf "%s\\n" "{answer}"\n' if answer else ""
    script.write_text(
        f'#!/bin/sh\nfor word in "$@"; do printf "%s\\n" "$word" >> "{calls}"; done\n'
        + wait
        + reply,
        "utf-8",
    )
    script.chmod(0o755)
    return folder
