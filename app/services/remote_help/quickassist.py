"""Windows Quick Assist (and Intune's Remote Help): Windows' own screen sharing.

Template: ``quickassist.exe`` (Windows 10/11; the Microsoft Store build registers the
``ms-quick-assist:`` protocol, which is what is opened when the program is not found).
The helper gives the person a six-character security code on the phone; Quick Assist asks
for it, then asks the person to allow "view" or "take full control" in its own dialog.
The dialog here shows, large, where the code goes.

Limits: Windows only (elsewhere the offer says so); Quick Assist has its own Stop and its
own consent; Helpline records the start and the person's Stop only.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping

from app.core.remote_help import Offer
from app.services.remote_help.plan import Plan

PROGRAM = "quickassist.exe"
PROTOCOL = "ms-quick-assist:"


def plan(offer: Offer, control: bool, env: Mapping[str, str], platform: str = "") -> Plan:
    if (platform or sys.platform) != "win32":
        return Plan("quickassist", problem="not_windows")
    found = shutil.which(PROGRAM, path=env.get("PATH"))
    handover = (found,) if found else (PROTOCOL,)
    return Plan("quickassist", handover=handover, code_hint="quick_assist_code", control=control)
