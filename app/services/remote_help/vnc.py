"""VNC reverse connection with x11vnc: the classic single-click support.

The technician starts a listening viewer (``vncviewer -listen 5500``, TigerVNC); this
computer connects out to it. Nothing listens here: ``-connect_or_exit`` with
``-rfbport 0`` (x11vnc(1): "if you do not want x11vnc to listen on ANY interface use
-rfbport 0"), and ``-once`` ends x11vnc when the technician disconnects. x11vnc 0.9.16
(Debian 12) still opened TCP6 port 5900 with ``-rfbport 0`` alone (seen in
tests/ui/test_remote_xvfb.py); ``-localhost`` closes that too. The template:

    x11vnc -display :0 -connect_or_exit HOST:PORT -rfbport 0 -localhost -once -viewonly -nopw
           -noxdamage -norc -nocmds -noremote -nosel -noclipboard -nosetclipboard
           -quiet -noipv6 -nolookup

``-viewonly`` is left out only when policy allows control and the person ticked it.
Without ``-nosel``/``-noclipboard``/``-nosetclipboard`` whatever is in the clipboard (a
password just copied) would travel; ``-nocmds``/``-noremote``/``-norc`` keep a viewer or
a stray ``~/.x11vncrc`` from running anything or changing these options.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping

from app.core.remote_help import Offer
from app.services.remote_help.plan import Plan, wayland

PROGRAM = "x11vnc"
QUIET = (
    "-nopw",
    "-noxdamage",
    "-norc",
    "-nocmds",
    "-noremote",
    "-nosel",
    "-noclipboard",
    "-nosetclipboard",
    "-quiet",
    "-noipv6",
    "-nolookup",
)


def command(
    technician: str, display: str, control: bool, program: str = PROGRAM
) -> tuple[str, ...]:
    """The x11vnc command line for a reverse connection to ``technician`` (host:port)."""
    argv = [program, "-display", display, "-connect_or_exit", technician, "-rfbport", "0"]
    argv += ["-localhost", "-once"]
    if not control:
        argv.append("-viewonly")
    return (*argv, *QUIET)


def plan(offer: Offer, control: bool, env: Mapping[str, str]) -> Plan:
    if wayland(env):
        return Plan("vnc", problem="wayland")
    found = shutil.which(PROGRAM, path=env.get("PATH"))
    if found is None:
        return Plan("vnc", problem="missing", program=PROGRAM)
    display = env.get("DISPLAY", ":0")
    argv = command(offer.technician, display, control, found)
    return Plan("vnc", argv=argv, owned=True, control=control)
