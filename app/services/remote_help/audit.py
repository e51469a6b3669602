"""The audit lines' one road to the helpdesk: the follow-up service, like any reply.

They are kept in the outbox first (so a line written while offline, or as Helpline
closes, is sent later) and scanned like any reply. Enqueueing never asks the helpdesk
(it may be slow or away as the session ends); delivery says what it answered.
"""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

from app.core import identity, remote_help
from app.core.helpdesk import Capabilities
from app.core.outbox import Item
from app.services.followup import FollowUps


def who(root: Path | None = None) -> str:
    """The one who said Yes: the person's name as they last filed a request here (About
    you), with the account signed in to this computer, e.g. "Ada Lovelace (alovelace)";
    the account alone when no name is known."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = "unknown"
    requester = identity.last_used(root)
    name = " ".join(requester.name.split()) if requester is not None else ""
    return f"{name} ({login})" if name and name != login else login


def enqueue(followups: FollowUps, ticket_id: str, line: str) -> Item:
    """Keep one audit line for ``ticket_id`` in the outbox (call on a worker: disk)."""
    outgoing = followups.prepare_reply(ticket_id, line, caps=Capabilities(), check_request=False)
    return followups.enqueue_reply(outgoing)


def started(
    followups: FollowUps, ticket_id: str, tool: str, control: bool, minutes: int, at: datetime
) -> Item:
    consented = who(followups.outbox.root)
    return enqueue(
        followups, ticket_id, remote_help.started_line(tool, control, minutes, consented, at)
    )


def ended(followups: FollowUps, ticket_id: str, by: str, seconds: float, at: datetime) -> Item:
    return enqueue(followups, ticket_id, remote_help.ended_line(by, seconds, at))
