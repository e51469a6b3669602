"""What a launcher asks for: a process to own, or a link or program to hand over to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


def wayland(env: Mapping[str, str]) -> bool:
    """A Wayland session: the screen is the compositor's, shared only through the
    desktop's portal (xdg-desktop-portal's ScreenCast), never by an X11 tool."""
    return env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


class Plan(NamedTuple):
    """``argv``: a process Helpline starts, watches and stops (its whole process group);
    ``handover``: a program or link started once and then left to the tool's own window and
    Stop (``owned`` False). ``code_hint`` names what the person reads out to support, shown
    large (``""``: nothing). ``problem`` is a code when the tool cannot run here
    (``missing`` with ``program``, ``wayland``, ``not_windows``), with nothing to start."""

    tool: str
    argv: tuple[str, ...] = ()
    handover: tuple[str, ...] = ()
    owned: bool = False
    code_hint: str = ""
    code_command: tuple[str, ...] = ()
    problem: str = ""
    program: str = ""
    control: bool = False
