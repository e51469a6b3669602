"""MeshCentral: IT's invitation link opens in the browser and offers MeshCentral Assistant.

``remote_help.technician`` holds the invitation link made in MeshCentral ("Invite" on a
device group: ``https://mesh.example.org/agentinvite?c=…``). The Assistant shows its own
consent prompt and privacy bar for each connection (MeshCentral's user guide).

Limits: the Assistant is MeshCentral's program, not Helpline's; Helpline records the start
and the person's Stop (which closes only Helpline's side) and says so. Only https links are
opened.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.remote_help import Offer
from app.services.remote_help.plan import Plan


def plan(offer: Offer, control: bool, env: Mapping[str, str]) -> Plan:
    link = offer.technician
    if not link.startswith("https://"):
        return Plan("meshcentral", problem="bad_link")
    return Plan("meshcentral", handover=(link,), control=control)
