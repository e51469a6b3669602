"""The one contract every helpdesk adapter keeps.

Adapters take and return the plain data of :mod:`app.core.model`, raise only
the typed errors below, and never touch Qt: the outbox, the CLI and the UI
all drive them the same way, from worker threads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.model import Attachment, Message, NewTicket, Requester, Ticket


class BackendError(Exception):
    """Base of every error an adapter raises. ``retry`` says whether waiting may help."""

    retry = False

    def user_message(self) -> str:
        return "The helpdesk could not complete the request."


class AuthenticationError(BackendError):
    def user_message(self) -> str:
        return "The helpdesk did not accept your sign-in. Please sign in again."


class PermissionDenied(BackendError):
    def user_message(self) -> str:
        return "Your account is not allowed to do this at the helpdesk. Please contact IT."


class NotFound(BackendError):
    def user_message(self) -> str:
        return "The helpdesk could not find this request."


class RateLimited(BackendError):
    retry = True

    def __init__(self, message: str = "", wait_seconds: float = 60.0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds

    def user_message(self) -> str:
        # Only what happened: Item.describe (and the UI) add when Helpline tries again.
        return "The helpdesk asked Helpline to wait before sending more."


class TemporaryError(BackendError):
    retry = True

    def user_message(self) -> str:
        return "The helpdesk cannot be reached right now."


class PermanentError(BackendError):
    def user_message(self) -> str:
        detail = str(self) or "it gave no reason"
        return f"The helpdesk refused the request: {detail}"


class Unsupported(BackendError):
    """The backend cannot do this at all; :class:`Capabilities` should have said so."""

    def user_message(self) -> str:
        return str(self) or "Your helpdesk does not offer this."


@dataclass(frozen=True)
class Capabilities:
    """What this backend can do for this user, so the UI never shows a dead button."""

    create: bool = True
    attachments: bool = True
    list_mine: bool = True
    read_thread: bool = True
    reply: bool = True
    resolve: bool = True
    reopen: bool = True
    replies_reopen: bool = True
    max_attachment_bytes: int | None = None
    #: One plain sentence shown where an action is not available.
    limits_note: str = ""


class Backend(ABC):
    """A helpdesk seen from one requester's desk."""

    #: The ``backend.type`` value that selects this adapter.
    name: str = ""
    #: Shown to the user where it matters ("kept on this computer", "sent to RT").
    description: str = ""

    @abstractmethod
    def capabilities(self) -> Capabilities: ...

    @abstractmethod
    def whoami(self) -> Requester: ...

    @abstractmethod
    def create(self, ticket: NewTicket) -> Ticket:
        """Open a ticket. ``ticket.client_ref`` must be findable by :meth:`find_by_client_ref`."""

    @abstractmethod
    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        """The ticket created earlier with this client reference, if any.

        The outbox calls this before creating again after a timeout or a crash,
        which is how a retry never files the same request twice.
        """

    @abstractmethod
    def list_mine(self, since: datetime | None = None) -> list[Ticket]: ...

    @abstractmethod
    def get(self, ticket_id: str) -> Ticket: ...

    @abstractmethod
    def messages(self, ticket_id: str) -> list[Message]: ...

    @abstractmethod
    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        ...

    @abstractmethod
    def set_resolved(self, ticket_id: str) -> Ticket: ...

    @abstractmethod
    def reopen(self, ticket_id: str, text: str = "") -> Ticket: ...

    @abstractmethod
    def download(self, attachment: Attachment, dest: Path) -> Path: ...

    def close(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release connections; called when the app shuts down."""
