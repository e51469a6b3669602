"""Remote help's launchers: one small module per tool IT can choose (``remote_help.tool``).

Each turns an accepted offer into a :class:`~app.services.remote_help.plan.Plan`: the
command line to run (or the link to open) and what the person must read out, composed
from a documented template (docs/remote-help.md). Only the VNC reverse connection is a
process Helpline owns from start to stop; the others hand over to a tool with its own
consent and its own Stop, which the docs say plainly. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.remote_help import Offer
from app.services.remote_help import meshcentral, quickassist, rustdesk, vnc
from app.services.remote_help.plan import Plan, wayland

__all__ = ["LAUNCHERS", "Plan", "plan", "wayland"]

LAUNCHERS = {
    "vnc": vnc.plan,
    "rustdesk": rustdesk.plan,
    "meshcentral": meshcentral.plan,
    "quickassist": quickassist.plan,
}


def plan(offer: Offer, control: bool, env: Mapping[str, str]) -> Plan:
    """How to start ``offer``'s tool here; ``control`` only where the offer allowed it."""
    return LAUNCHERS[offer.tool](offer, control and offer.control_allowed, env)
