"""What My requests says once a reply or a reopening has been handed to the outbox.

One sentence per case, each true as said (issue 15): kept by the local store (nothing left
the computer), reached support, refused for good (where to try again or discard it), or
waiting (sent by itself, even after the window closes). A refused sign-in is not a
sentence here: the window asks the person to sign in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.outbox import Item, State
from app.services.sender import waits_to_be_sent
from app.ui import messages

# The window's context keeps its German; scripts/build_translations.py spells the alias out.
tr = QCoreApplication.translate


def reply_outcome(item: Item, reopen: bool, local: bool) -> str:
    """The reply box's line after ``item`` (a reply or a reopening) was handled."""
    if item.state is State.SENT and local:
        done = (
            tr(
                "RequestsWindow",
                "Your comment was added and the request reopened, on this computer.",
            )
            if reopen
            else tr("RequestsWindow", "Your reply was added to the request on this computer.")
        )
        return (
            done
            + " "
            + tr("RequestsWindow", "No helpdesk is connected, so nobody at support sees it yet.")
        )
    if item.state is State.SENT:
        return (
            tr("RequestsWindow", "Support has your comment, and the request is open again.")
            if reopen
            else tr("RequestsWindow", "Your reply reached support.")
        )
    if item.state is State.FAILED and not item.auto_retry:  # waiting will not help
        return tr(
            "RequestsWindow",
            "Your message was not sent: {reason} It is kept at the top of the list, "
            "where you can try again or discard it.",
        ).format(reason=messages.outbox_detail(item))
    if item.state is State.QUEUED:  # its state would only repeat "waits to be sent"
        return tr(
            "RequestsWindow",
            "Your message is safe on this computer and waits to be sent. It is sent "
            "automatically, even after you close this window.",
        )
    state = messages.outbox_state(item)
    if waits_to_be_sent(item):
        return tr(
            "RequestsWindow",
            "Your message is safe on this computer and waits to be sent. {state} It is "
            "sent automatically, even after you close this window.",
        ).format(state=state)
    return tr("RequestsWindow", "Your message is safe on this computer. {state}").format(
        state=state
    )


def resolve_busy(local: bool) -> str:
    """The reply box's line while "This solved my problem" is being recorded."""
    if local:
        return tr("RequestsWindow", "Marking the request solved…")
    return tr("RequestsWindow", "Telling support it is solved…")


def resolve_outcome(local: bool) -> str:
    """The reply box's line once the request is marked solved: support was told only
    when a helpdesk is connected (the local store keeps it on this computer)."""
    if local:
        return tr(
            "RequestsWindow",
            "Marked as resolved on this computer. No helpdesk is connected, so support "
            "was not told.",
        )
    return tr("RequestsWindow", "Marked as resolved. Thank you for letting support know.")
