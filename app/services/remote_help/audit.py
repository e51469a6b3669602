"""The audit lines' one road to the helpdesk: the follow-up service, like any reply.

They are kept in the outbox first (so a line written while offline, or as Helpline
closes, is sent later) and scanned like any reply. Enqueueing never asks the helpdesk
(it may be slow or away as the session ends); delivery says what it answered.
"""

from __future__ import annotations

import getpass
from datetime import datetime

from app.core import remote_help
from app.core.helpdesk import Capabilities
from app.core.outbox import Item
from app.services.followup import FollowUps


def who() -> str:
    """The account signed in to this computer: the one who said Yes."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def enqueue(followups: FollowUps, ticket_id: str, line: str) -> Item:
    """Keep one audit line for ``ticket_id`` in the outbox (call on a worker: disk)."""
    outgoing = followups.prepare_reply(ticket_id, line, caps=Capabilities(), check_request=False)
    return followups.enqueue_reply(outgoing)


def started(
    followups: FollowUps, ticket_id: str, tool: str, control: bool, minutes: int, at: datetime
) -> Item:
    return enqueue(
        followups, ticket_id, remote_help.started_line(tool, control, minutes, who(), at)
    )


def ended(followups: FollowUps, ticket_id: str, by: str, seconds: float, at: datetime) -> Item:
    return enqueue(followups, ticket_id, remote_help.ended_line(by, seconds, at))
