"""The work behind *My requests*, run on the task runner: plain functions, no widgets.

Each takes the :class:`~app.services.filing.Submission` (backend and outbox)
and the :class:`~app.core.cache.TicketCache`, so what the helpdesk answers is
kept for the next offline start.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app.core.attachments import check_file, check_total, distinct_names
from app.core.cache import StatusChange, TicketCache
from app.core.model import Attachment, Message, Ticket
from app.core.outbox import Item, State
from app.core.sanitize import save_target
from app.services.filing import Submission
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
    prepared = prepare(listing.rows, submission.outbox.items(), ordered=True,
                       total=listing.total)
    return prepared, listing.refreshed_at


def outbox_items(submission: Submission) -> list[Item]:
    return submission.outbox.items()


def thread(submission: Submission, cache: TicketCache,
           ticket_id: str) -> tuple[list[Message], list[StatusChange]]:
    """One conversation from the helpdesk (kept in the cache) and the status timeline."""
    messages = submission.backend.messages(ticket_id)
    cache.save_messages(ticket_id, messages)
    return messages, cache.status_history(ticket_id)


def cached_thread(cache: TicketCache,
                  ticket_id: str) -> tuple[list[Message] | None, list[StatusChange]]:
    return cache.messages(ticket_id), cache.status_history(ticket_id)


def resolve(submission: Submission, cache: TicketCache, ticket_id: str) -> Ticket:
    """"This solved my problem": straight to the helpdesk, so the answer is immediate."""
    ticket = submission.backend.set_resolved(ticket_id)
    cache.save_tickets([ticket])
    return ticket


def queue_reply(submission: Submission, ticket_id: str, text: str, files: list[str],
                reopen: bool = False) -> Item:
    """Keep the reply safe in the outbox (like a new request), then try to send it now."""
    for path in files:
        check_file(path)  # a vanished or unreadable file is named before anything is kept
    attachments = distinct_names(tuple(Attachment.from_path(path) for path in files))
    check_total(attachments, submission.config.max_attachment_bytes)
    if reopen and attachments:  # a reopening carries text only: the files follow as a reply
        first = _send(submission, submission.outbox.add_reply(ticket_id, text, reopen=True))
        files_item = _send(submission, submission.outbox.add_reply(
            ticket_id, FILES_TEXT, attachments))
        return first if first.state is not State.SENT else files_item
    return _send(submission, submission.outbox.add_reply(ticket_id, text, attachments,
                                                         reopen=reopen))


#: The message that carries files added to "Still not fixed".
FILES_TEXT = "Files for my message above."


def _send(submission: Submission, item: Item) -> Item:
    delivered = submission.outbox.deliver(item.client_ref, submission.backend, force=True)
    return delivered or item


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
