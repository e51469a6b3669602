"""The work behind *My requests*, run on the task runner: plain functions, no widgets.

Each takes the :class:`~app.services.filing.Submission` (backend and outbox) or
the :class:`~app.services.followup.FollowUps` (replies, reopening, resolving) and
the :class:`~app.core.cache.TicketCache`, so what the helpdesk answers is kept
for the next offline start.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app.core.answer_times import Promise, for_ticket
from app.core.cache import StatusChange, TicketCache
from app.core.closure import ClosureLedger, resolution
from app.core.helpdesk import BackendError, Capabilities
from app.core.model import Attachment, Message, Status, Ticket
from app.core.outbox import Item
from app.core.sanitize import save_target
from app.services.filing import Submission
from app.services.followup import FollowUps, OutgoingReply
from app.ui.models import Prepared, prepare

#: The list's rows made on a worker, and when the helpdesk last answered a refresh.
Loaded = tuple[Prepared, float | None]


def listed(submission: Submission, cache: TicketCache, limit: int | None = None) -> Loaded:
    """What can be shown before the helpdesk answers: the cache and the outbox, as rows.

    With a ``limit``, only the first rows in the default order (and the count of all):
    enough to paint the window before the rest is read. Plain tuples from the cache; a
    full Ticket is made later, for the selected row only.
    """
    listing = cache.listed(limit)
    prepared = prepare(listing.rows, submission.outbox.items(), ordered=True, total=listing.total)
    return prepared, listing.refreshed_at


def outbox_items(submission: Submission) -> list[Item]:
    return submission.outbox.items()


def discard(submission: Submission, client_ref: str) -> tuple[Item | None, list[Item]]:
    """Forget one outbox item; what it was (None: it is being sent now) and what waits."""
    return submission.outbox.discard(client_ref), submission.outbox.items()


def thread(
    submission: Submission, cache: TicketCache, ticket_id: str
) -> tuple[list[Message], list[StatusChange]]:
    """One conversation from the helpdesk (kept in the cache) and the status timeline."""
    messages = submission.backend.messages(ticket_id)
    cache.save_messages(ticket_id, messages)
    return messages, cache.status_history(ticket_id)


def answer_promise(submission: Submission, ticket: Ticket, thread: list[Message]) -> Promise | None:
    """ "Answer expected by …" for the request shown: the helpdesk's own due date where it
    has them (read fresh: the list's cache keeps none; offline, IT's target stands), else
    IT's target (:func:`app.core.answer_times.for_ticket`)."""
    due = None
    if ticket.status in (Status.NEW, Status.OPEN):
        try:
            if submission.capabilities().due_dates:
                due = submission.backend.get(ticket.id).due_at
        except BackendError:
            due = None
    return for_ticket(submission.config, submission.outbox, ticket, thread, due)


def cached_thread(
    cache: TicketCache, ticket_id: str
) -> tuple[list[Message] | None, list[StatusChange]]:
    return cache.messages(ticket_id), cache.status_history(ticket_id)


def resolve(
    followups: FollowUps, cache: TicketCache, ticket_id: str, ledger: ClosureLedger | None = None
) -> Ticket:
    """ "This solved my problem": straight to the helpdesk, so the answer is immediate. The
    person has said it is solved, so this resolution is not asked about again."""
    ticket = followups.resolve(ticket_id)
    cache.save_tickets([ticket])
    key = resolution(cache.status_history(ticket.id))
    if ledger is not None and key:
        ledger.answer(ticket.id, key, "solved")
    return ticket


def preview(followups: FollowUps, ticket_id: str, text: str, caps: Capabilities) -> OutgoingReply:
    """The text as it will be sent (no files read, no helpdesk asked): for the box."""
    return followups.prepare_reply(ticket_id, text, caps=caps, check_request=False)


def send_reply(
    followups: FollowUps, ticket_id: str, text: str, files: list[str], reopen: bool = False
) -> tuple[OutgoingReply, Item]:
    """Prepare the reply (scrubbed, checked), keep it in the outbox, then try to send it
    now; what was sent comes back with the item so the box can show it."""
    outgoing = followups.prepare_reply(ticket_id, text, files, reopen=reopen)
    return outgoing, followups.send(outgoing)


def save_attachment(submission: Submission, attachment: Attachment, folder: Path) -> Path:
    """Download into a private scratch folder, then move under a clean name into ``folder``."""
    target = save_target(folder, attachment.filename)  # refuses before anything is fetched
    scratch = Path(tempfile.mkdtemp(prefix="download-", dir=submission.root))
    try:
        fetched = submission.backend.download(attachment, scratch)
        target = save_target(folder, attachment.filename)  # the folder may have changed
        shutil.move(str(fetched), target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
