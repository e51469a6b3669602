"""The one contract every helpdesk adapter keeps.

Adapters take and return the plain data of :mod:`app.core.model`, raise only
the typed errors below, and never touch Qt: the outbox, the CLI and the UI
all drive them the same way, from worker threads.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.incidents import Incident
from app.core.model import Attachment, Message, NewTicket, Requester, Ticket

#: Every error code an adapter or the outbox may give, with its facts. The faces say each
#: one in their own words: the windows through ``tr()`` (:func:`app.ui.messages.error`),
#: the CLI through one English table (:mod:`app.cli_text`); a test keeps both complete.
#: ``detail`` is always the server's (or the system's) own words, untranslated, or "".
#: Facts are plain values: names, settings, statuses, numbers; never sentences.
CODES: dict[str, str] = {
    # one per error class, the default when nothing more specific is known
    "failed": "the helpdesk could not complete the request (BackendError)",
    "signin_refused": "the helpdesk refused the sign-in (AuthenticationError)",
    "not_allowed": "the account may not do this (PermissionDenied)",
    "not_found": "no such request (NotFound); facts: ticket (optional)",
    "rate_limited": "asked to wait (RateLimited); facts: wait_seconds",
    "unreachable": "cannot be reached now (TemporaryError); facts: server (optional: mail)",
    "refused": "refused on the merits (PermanentError); the reason is the detail",
    "unsupported": "the helpdesk cannot do this (Unsupported)",
    # the set-up
    "setting_missing": "a setting IT must give is empty; facts: setting (comma-separated)",
    "setting_invalid": "a setting has a value that cannot work; facts: setting",
    "address_not_https": "backend.url does not start with https://",
    "address_insecure": "backend.url is plain http:// and a secret would go; facts: secret",
    "address_invalid": "backend.url is not a web address",
    "certificate": "the server's certificate could not be verified; facts: server",
    "credentials_missing": "no password or token to sign in with (AuthenticationError)",
    "personal_token_only": "GLPI takes only personal API tokens (AuthenticationError)",
    "account_mismatch": "a staff account that sees everyone's tickets; facts: helpdesk, setting",
    "shared_token": "a token shared by the whole account; facts: helpdesk, setting",
    # the connection and the answers
    "timeout": "no answer in time (TemporaryError); facts: server (optional)",
    "server_error": "the server failed (TemporaryError); facts: status (HTTP code)",
    "answer_garbled": "the answer was garbled: not readable as the data it claims (not "
    "retried: it will not fix itself)",
    "bad_answer": "the answer was not what the API promises; facts: helpdesk (optional)",
    "web_page": "a web page came instead of data (a proxy, a network sign-in; retried); "
    "facts: content_type",
    "not_data": "something other than data came where data is promised (not retried); "
    "facts: content_type",
    "unexpected": "an error Helpline did not expect; facts: error (the exception's type)",
    # files
    "file_unreadable": "a file to send could not be read; facts: name (may be empty)",
    "kept_file_unreadable": "a file kept in the outbox could not be read (outbox)",
    "file_refused": "the helpdesk did not accept a file; facts: helpdesk, name (optional)",
    "file_not_stored": "a file to download is not at the helpdesk (NotFound); facts: name",
    "file_damaged": "a downloaded file arrived damaged; facts: name",
    "files_not_taken": "this helpdesk takes no files (Unsupported); facts: names",
    "too_big": "the message is larger than the server takes; facts: limit (bytes)",
    # steps a helpdesk refuses
    "status_kept": "the helpdesk kept the old status; facts: helpdesk, status",
    "resolve_not_offered": "the requester may not mark this resolved; facts: helpdesk",
    "reopen_not_offered": "the request cannot be reopened; facts: helpdesk",
    "status_not_offered": "the workflow offers no such status change; facts: helpdesk",
    "reply_reopens": "replying reopens it, so say what is wrong; facts: helpdesk",
    "reply_unreadable": "the reply was sent but cannot be read back",
    # mail and the computer's own store
    "email_only": "a mail helpdesk cannot do this (Unsupported)",
    "sender_missing": "no sender address for mail",
    "insecure_mail_password": "the password would go to a mail server unencrypted",
    "recipient_refused": "the mail server refused the support address",
    "mail_busy": "the mail server asked to try later (TemporaryError)",
    "store_unavailable": "the requests kept on this computer cannot be opened now",
    "outbox_row_damaged": "a request kept on this computer cannot be read back and was set "
    "aside, so the others still go (outbox); facts: detail",
}


#: The codes an :class:`AuthenticationError` gives: signing in again is what helps.
SIGN_IN_CODES = frozenset({"signin_refused", "credentials_missing", "personal_token_only"})


class BackendError(Exception):
    """Base of every error an adapter raises, as a stable ``code`` plus ``facts``.

    ``retry`` says whether waiting may help. ``detail`` is what the server (or the
    operating system) said in its own words, untranslated, or "": faces show it after
    their own sentence for ``code`` (:data:`CODES`), never instead of it.
    """

    retry = False
    code = "failed"

    def __init__(self, detail: str = "", *, code: str = "", **facts: str | int) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.facts: dict[str, str | int] = facts

    def __str__(self) -> str:
        """For logs and tracebacks: the code, the facts and the server's words, no sentence."""
        facts = ", ".join(f"{key}={value}" for key, value in self.facts.items())
        text = f"{self.code} ({facts})" if facts else self.code
        return f"{text}: {self.detail}" if self.detail else text


class AuthenticationError(BackendError):
    code = "signin_refused"


class PermissionDenied(BackendError):
    code = "not_allowed"


class NotFound(BackendError):
    code = "not_found"


#: The longest wait a helpdesk may ask for: 3,000,000 s overflowed Qt's timer (issue 17).
MAX_WAIT_SECONDS = 3600.0


class RateLimited(BackendError):
    """Asked to wait; ``wait_seconds`` is clamped to 0..:data:`MAX_WAIT_SECONDS`."""

    retry = True
    code = "rate_limited"

    def __init__(self, detail: str = "", wait_seconds: float = 60.0) -> None:
        try:
            wait_seconds = min(max(float(wait_seconds), 0.0), MAX_WAIT_SECONDS)
        except (TypeError, ValueError):
            wait_seconds = 60.0
        if wait_seconds != wait_seconds:  # NaN
            wait_seconds = 60.0
        super().__init__(detail, wait_seconds=round(wait_seconds))
        self.wait_seconds = wait_seconds


class TemporaryError(BackendError):
    retry = True
    code = "unreachable"


class PermanentError(BackendError):
    code = "refused"


class Unsupported(BackendError):
    """The backend cannot do this at all; :class:`Capabilities` should have said so."""

    code = "unsupported"


#: The codes of :attr:`Capabilities.limits_code`: what a helpdesk cannot do, one per kind.
LIMITS = (
    "local",
    "github",
    "gitlab",
    "glpi",
    "jira",
    "redmine",
    "rt",
    "email",
    "zammad",
    "zendesk",
)

#: The limits a requester lives with on every request, said once above *My requests*;
#: the others are said only where an action they stop is missing for the selected
#: request. What IT must grant or configure (rights, workflows, server settings) is no
#: limit the user can act on: it is in the docs and ``helpline config check``.
STANDING_LIMITS = frozenset({"local", "email"})


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
    #: Which of :data:`LIMITS` the faces explain where an action is not available ("": none).
    limits_code: str = ""
    #: What the helpdesk itself says of its limits, in its own words (untranslated), for
    #: helpdesks that state them (the Helpline endpoint); shown when there is no code.
    limits_note: str = ""
    #: The helpdesk can list known problems IT published for everyone
    #: (:meth:`Backend.announcements`; docs/known-problems.md says where, per helpdesk).
    announcements: bool = False
    #: "Me too" can add a +1 the desk counts (:meth:`Backend.plus_one`).
    plus_one: bool = False

    #: The requester can rate a resolved ticket in the helpdesk's own satisfaction feature
    #: (:meth:`Backend.send_feedback` writes there); otherwise feedback is a marked comment.
    satisfaction: bool = False
    #: Tickets carry a due date the requester may see (``Ticket.due_at``), read fresh for
    #: the request shown, since the list's cache keeps no due dates.
    due_dates: bool = False


#: What a helpdesk answers when its satisfaction feature is not there for this ticket (switched
#: off, not offered yet, not the requester's to rate): the feedback goes as a comment instead.
NO_RATING = (PermissionDenied, NotFound, PermanentError, Unsupported)


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
    def reply(
        self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()
    ) -> Message: ...

    @abstractmethod
    def set_resolved(self, ticket_id: str) -> Ticket: ...

    @abstractmethod
    def reopen(self, ticket_id: str, text: str = "") -> Ticket: ...

    @abstractmethod
    def download(self, attachment: Attachment, dest: Path) -> Path: ...

    def announcements(self, where: str) -> list[Incident]:
        """The known problems IT published in ``where`` (an RT queue, a label, a Help
        Center section: the ``known_problems.helpdesk_*`` setting for this helpdesk), open
        ones only. Only where :attr:`Capabilities.announcements` says so."""
        raise Unsupported()

    def plus_one(self, target: str, note: str) -> None:
        """Say "this affects me too" on the published problem ``target``
        (:attr:`Incident.target`): a reaction, a vote or a short message, whatever the
        helpdesk lets a requester do and the desk can count. ``note`` is for helpdesks
        that take words. Only where :attr:`Capabilities.plus_one` says so."""
        raise Unsupported()

    def send_feedback(self, ticket_id: str, rating: str, comment: str, text: str) -> None:
        """The person's "yes, it is solved" with a 👍/👎 (``rating``: "good", "bad" or "")
        and ``comment``. Adapters whose requester API has a satisfaction feature override
        this; here it is ``text``, the same feedback as a clearly marked public comment. A
        helpdesk whose replies reopen a resolved ticket gets it resolved again, since the
        person has just said it is solved."""
        self.reply(ticket_id, text)
        caps = self.capabilities()
        if not (caps.replies_reopen and caps.resolve):
            return
        try:  # the comment is there: a failure here must not make the outbox post it again
            if self.get(ticket_id).is_open:
                self.set_resolved(ticket_id)
        except BackendError as err:
            logging.getLogger(__name__).warning("feedback left %s open: %s", ticket_id, err)

    def close(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release connections; called when the app shuts down."""
