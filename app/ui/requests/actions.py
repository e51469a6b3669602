"""What *My requests*' buttons do: reply, reopen, "This solved my problem", and the
outbox line's Try again and Discard, and saving an attachment.

Each runs its work on the window's task runner and says the outcome in the window, in
one sentence true for the configuration (:mod:`app.ui.requests.outcomes`). A refused
sign-in opens the sign-in dialog, and the action is tried again once it is accepted. The
functions take the window; it keeps the widgets and the services, this module the steps.
The sentences keep the window's translation context, so they read as before in every
language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.core.attachments import AttachmentProblem
from app.core.helpdesk import AuthenticationError, BackendError
from app.core.model import Attachment, Ticket
from app.core.outbox import Item
from app.services.followup import FollowUpRefused, OutgoingReply
from app.ui import messages
from app.ui.i18n import program_name
from app.ui.plain import plain_box
from app.ui.requests import jobs
from app.ui.requests.outcomes import reply_outcome, resolve_busy, resolve_outcome
from app.ui.requests.reply_box import problem_text

if TYPE_CHECKING:
    from app.ui.requests.window import RequestsWindow

# The window's context keeps its German; scripts/build_translations.py spells the alias out.
tr = QCoreApplication.translate


def reason(error: BaseException) -> str:
    """The sentence for a failed action, in the user's language when it is a helpdesk's
    or the follow-up service's."""
    if isinstance(error, FollowUpRefused):
        return problem_text(error.problems[0])
    if isinstance(error, AttachmentProblem):
        return messages.attachment_problem(error)
    return messages.error(error) if isinstance(error, BackendError) else str(error)


# -- the reply box --------------------------------------------------------------------------


def preview_reply(win: RequestsWindow, text: str) -> None:
    """What the reply would send (its secrets masked), shown before it is sent."""
    row = win.list_panel.selected_row()
    if row is not None and row.ticket is not None:
        win.runner.run(
            jobs.preview,
            win.followups,
            row.ticket.id,
            text,
            win.caps,
            on_done=partial(win.reply_box.show_preview, text),
        )


def queue_reply(win: RequestsWindow, reopen: bool, text: str, files: list[str]) -> None:
    """A reply (or, with ``reopen``, "Still not fixed") into the outbox, then sent."""
    row = win.list_panel.selected_row()
    if row is None or row.ticket is None:
        return
    win.reply_box.set_busy(True, tr("RequestsWindow", "Sending…"))
    retry = partial(queue_reply, win, reopen, text, files)
    win.runner.run(
        jobs.send_reply,
        win.followups,
        row.ticket.id,
        text,
        files,
        reopen,
        on_done=lambda sent: _reply_done(win, reopen, *sent),
        on_error=partial(_action_failed, win, retry),
    )


def _reply_done(win: RequestsWindow, reopen: bool, outgoing: OutgoingReply, item: Item) -> None:
    if not item.auto_retry and item.needs_sign_in:
        win.reply_box.sent(messages.outbox_state(item), outgoing)
        win.sign_in(lambda: _deliver_again(win, outgoing, item))
        return
    win.reply_box.sent(reply_outcome(item, reopen, win.config.keeps_locally), outgoing)
    win.refresh()
    win.show_selected()


def _deliver_again(win: RequestsWindow, outgoing: OutgoingReply, item: Item) -> None:
    win.runner.run(
        win.followups.deliver,
        item,
        on_done=partial(_reply_done, win, outgoing.reopen, outgoing),
        on_error=partial(_action_failed, win, None),
    )


def resolve(win: RequestsWindow) -> None:
    """ "This solved my problem": the request marked resolved (at the helpdesk, if any)."""
    row = win.list_panel.selected_row()
    if row is None or row.ticket is None:
        return
    win.reply_box.set_busy(True, resolve_busy(win.config.keeps_locally))
    win.runner.run(
        jobs.resolve,
        win.followups,
        win.cache,
        row.ticket.id,
        win.ledger,
        on_done=partial(_resolved, win),
        on_error=partial(_action_failed, win, partial(resolve, win)),
    )


def _resolved(win: RequestsWindow, _ticket: Ticket) -> None:
    win.reply_box.set_busy(False, resolve_outcome(win.config.keeps_locally))
    win.refresh()


def _action_failed(
    win: RequestsWindow, retry: Callable[[], None] | None, error: BaseException
) -> None:
    win.reply_box.set_busy(False, reason(error))
    if isinstance(error, AuthenticationError) and retry is not None:
        win.sign_in(retry)


# -- the outbox line ------------------------------------------------------------------------


def retry_item(win: RequestsWindow, item: Item) -> None:
    """Try to send a failed outbox item now (the user pressed Try again)."""
    win.item_actions.set_busy(True)
    win.runner.run(
        win.followups.deliver,
        item,
        on_done=lambda _item: win.refresh_outbox(),
        on_error=lambda e: _item_failed(win, item, e),
    )


def discard_item(win: RequestsWindow, item: Item) -> None:
    """Forget a failed outbox item, after the user confirmed it."""
    if not win.confirm_discard(item):
        return
    win.item_actions.set_busy(True)
    win.runner.run(
        jobs.discard,
        win.submission,
        item.client_ref,
        on_done=partial(_discarded, win),
        on_error=lambda e: _item_failed(win, item, e),
    )


def _discarded(win: RequestsWindow, result: tuple[Item | None, list[Item]]) -> None:
    gone, items = result
    win.show_items(items)
    win.status_line.setText(
        tr("RequestsWindow", "Discarded: {summary}").format(summary=gone.summary)
        if gone is not None
        else tr("RequestsWindow", "It is being sent right now, so it was not discarded.")
    )


def _item_failed(win: RequestsWindow, item: Item, error: BaseException) -> None:
    win.item_actions.set_busy(False)
    win.status_line.setText(reason(error))
    if isinstance(error, AuthenticationError):
        win.sign_in(partial(retry_item, win, item))


def ask_discard(win: RequestsWindow, item: Item) -> bool:
    """Whether the person confirms discarding ``item`` (Cancel is the default)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("RequestsWindow", "Discard"),
        tr(
            "RequestsWindow",
            "Discard “{summary}”? It was not sent, and {program} will not keep it any more.",
        ).format(summary=item.summary, program=program_name()),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        win,
    )
    box.setObjectName("confirmDiscardBox")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    plain_box(box)  # the summary may have come from a link
    box.exec()
    return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Discard


# -- the conversation -----------------------------------------------------------------------


def save_attachment(win: RequestsWindow, attachment: Attachment) -> None:
    """Save one of the conversation's attachments into a folder the person picks."""
    folder = win.choose_folder()
    if not folder:
        return
    win.status_line.setText(tr("RequestsWindow", "Saving {name}…").format(name=attachment.filename))
    win.runner.run(
        jobs.save_attachment,
        win.submission,
        attachment,
        Path(folder),
        on_done=lambda p: win.status_line.setText(
            tr("RequestsWindow", "Saved {name} in {folder}.").format(name=p.name, folder=p.parent)
        ),
        on_error=lambda e: win.status_line.setText(
            tr("RequestsWindow", "The file could not be saved: {reason}").format(reason=reason(e))
        ),
    )
