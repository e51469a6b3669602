"""RustDesk: the person reads out this computer's RustDesk ID; support connects to it.

Templates (RustDesk's client documentation, "Client Deployment"): ``rustdesk --get-id``
prints the ID, shown large; ``rustdesk`` opens its window, where RustDesk asks the person
to accept the connection and shows its own permissions (keyboard, clipboard, files) and
its own Disconnect. IT points the client at its ID server with ``remote_help.technician``
(passed as ``--option custom-rendezvous-server HOST``, which needs a recent client).

Limits, said in docs/remote-help.md: RustDesk runs as its own program, so Helpline records
the start and the person's Stop but cannot enforce view only or see the technician leave;
Stop ends the window Helpline started (its process group).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping

from app.core.remote_help import Offer
from app.services.remote_help.plan import Plan

PROGRAM = "rustdesk"


def plan(offer: Offer, control: bool, env: Mapping[str, str]) -> Plan:
    found = shutil.which(PROGRAM, path=env.get("PATH"))
    if found is None:
        return Plan("rustdesk", problem="missing", program=PROGRAM)
    argv: tuple[str, ...] = (found,)
    if offer.technician:
        argv += ("--option", "custom-rendezvous-server", offer.technician)
    return Plan(
        "rustdesk",
        argv=argv,
        owned=True,
        code_hint="rustdesk_id",
        code_command=(found, "--get-id"),
        control=control,
    )
