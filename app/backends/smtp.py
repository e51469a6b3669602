"""The universal fallback: requests sent to support's mailbox over SMTP submission.

Any helpdesk accepts mail, so ``backend.type = "email"`` works where no API
is reachable. Mail only goes one way: the answers arrive in the requester's
mailbox, never back in Helpline. So this adapter keeps a copy of every
request it sent in a store of its own (a :class:`LocalBackend` in
``<data dir>/sent-by-email``), and *My requests* shows what was sent, with
status "new" for good, rather than a dead list.

Duplicates: the Message-ID is derived from the client reference, so a
resend after a crash carries the same Message-ID, which RT, Zammad and
osTicket use to drop a mail they already have; the local copy is written the
moment the server accepts, which is what :meth:`find_by_client_ref` reads.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from app.backends import credentials
from app.backends.local import LocalBackend
from app.core import paths
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    BackendError,
    Capabilities,
    PermanentError,
    TemporaryError,
    Unsupported,
)
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc

log = logging.getLogger(__name__)

REFERENCE_HEADER = "X-Helpline-Reference"
SECURITY = ("starttls", "ssl", "none")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def message_id(client_ref: str, sender: str) -> str:
    """The same Message-ID for every attempt at one request, so helpdesks can drop repeats."""
    domain = sender.rpartition("@")[2] or "helpline.invalid"
    return f"<helpline.{client_ref}@{domain}>"


def display_ref(client_ref: str) -> str:
    return f"mail-{client_ref[:8]}"


class SmtpBackend(Backend):
    name = "email"
    description = "Requests are sent to support by email."

    def __init__(
        self,
        host: str,
        to_address: str,
        *,
        port: int = 587,
        security: str = "starttls",
        from_address: str = "",
        username: str = "",
        password: str = "",
        ca_bundle: str = "",
        timeout: float = 30.0,
        record_root: Path | None = None,
    ) -> None:
        if security not in SECURITY:
            raise ValueError(f"security must be one of {SECURITY}")
        self.host, self.port, self.security = host, port, security
        self.to_address, self.from_address = to_address, from_address
        self.username, self.password = username, password
        self.ca_bundle, self.timeout = ca_bundle, timeout
        self.record = LocalBackend(record_root or paths.data_dir() / "sent-by-email")

    @classmethod
    def from_config(cls, config: Any) -> SmtpBackend:
        password = credentials.resolve(config, "password").value
        return cls(
            config["backend.smtp_host"],
            config["backend.to_address"],
            port=int(config["backend.smtp_port"]),
            security=config["backend.smtp_security"],
            from_address=config["backend.from_address"],
            username=config["backend.username"],
            password=password,
            ca_bundle=config["backend.ca_bundle"],
            timeout=float(config["backend.timeout_seconds"]),
        )

    # -- contract -----------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            create=True,
            attachments=True,
            list_mine=False,
            read_thread=False,
            reply=False,
            resolve=False,
            reopen=False,
            replies_reopen=False,
            limits_code="email",
        )

    def whoami(self) -> Requester:
        """The mail server knows no requesters: the last one who sent from here."""
        return self.record.whoami()

    def create(self, ticket: NewTicket) -> Ticket:
        if not self.host or not self.to_address:
            raise PermanentError(
                code="setting_missing", setting="backend.smtp_host, backend.to_address"
            )
        found = self.find_by_client_ref(ticket.client_ref)
        if found is not None:  # already accepted once: never mail support twice
            return found
        mail = self.compose(ticket)
        self._send(mail)
        return self._remember(ticket)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        found = self.record.find_by_client_ref(client_ref)
        return self._as_sent(found) if found else None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        """What was sent from this computer; support's answers are in the mailbox."""
        return [self._as_sent(t) for t in self.record.list_mine(since)]

    def get(self, ticket_id: str) -> Ticket:
        return self._as_sent(self.record.get(ticket_id))

    def messages(self, ticket_id: str) -> list[Message]:
        return self.record.messages(ticket_id)

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        raise Unsupported(code="email_only")

    def set_resolved(self, ticket_id: str) -> Ticket:
        raise Unsupported(code="email_only")

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        raise Unsupported(code="email_only")

    def download(self, attachment: Attachment, dest: Path) -> Path:
        """Only the copies kept of what was sent can be opened again."""
        return self.record.download(attachment, dest)

    # -- mail ---------------------------------------------------------------------------

    def compose(self, ticket: NewTicket) -> EmailMessage:
        """The mail for a request: text body, one MIME part per attachment, our headers."""
        person = Requester(**{k: _one_line(v) for k, v in ticket.requester.to_dict().items()})
        sender = self.from_address or person.email
        if not sender:
            raise PermanentError(code="sender_missing")
        mail = EmailMessage()
        mail["From"] = formataddr((person.name, sender)) if person.name else sender
        mail["To"] = self.to_address
        if person.email:
            mail["Reply-To"] = (
                formataddr((person.name, person.email)) if person.name else person.email
            )
        mail["Subject"] = _one_line(ticket.subject) or "Support request"
        mail["Date"] = format_datetime(now_utc())
        mail["Message-ID"] = message_id(ticket.client_ref, sender)
        mail[REFERENCE_HEADER] = ticket.client_ref
        # Helpdesks drop unknown headers; the footer keeps the reference visible to agents.
        mail.set_content(
            f"{ticket.body.rstrip()}\n\n-- \nHelpline reference: {ticket.client_ref}\n"
        )
        for att in ticket.attachments:
            if not att.path:
                raise PermanentError(code="file_unreadable", name=att.filename)
            maintype, _, subtype = (att.content_type or "application/octet-stream").partition("/")
            try:  # once, whole: the total is capped by attachments.max_size_mb
                data = Path(att.path).read_bytes()
            except OSError as err:
                raise PermanentError(
                    str(err.strerror or err), code="file_unreadable", name=att.filename
                ) from err
            mail.add_attachment(
                data,
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=_one_line(att.filename) or "attachment",
            )
        return mail

    def _send(self, mail: EmailMessage) -> None:
        sender = mail["From"].addresses[0].addr_spec
        try:
            with self._connect() as smtp:
                smtp.ehlo_or_helo_if_needed()
                limit = int(smtp.esmtp_features.get("size", "0") or 0)
                size = len(mail.as_bytes())
                if limit and size > limit:
                    raise PermanentError(code="too_big", limit=limit, size=size)
                if self.username:
                    self._check_auth_allowed()
                    smtp.login(self.username, self.password)
                smtp.send_message(mail, from_addr=sender, to_addrs=[self.to_address])
        except BackendError:
            raise
        except (smtplib.SMTPException, OSError) as exc:
            raise map_smtp_error(exc) from exc

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self._tls_context()
            )
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=self._tls_context())
                smtp.ehlo()
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _tls_context(self) -> ssl.SSLContext:
        """Certificates and host names checked, against backend.ca_bundle when IT sets one."""
        return ssl.create_default_context(cafile=self.ca_bundle or None)

    def _check_auth_allowed(self) -> None:
        if self.security == "none" and self.host not in _LOOPBACK:
            raise PermanentError(code="insecure_mail_password")

    # -- the local record ---------------------------------------------------------------

    def _remember(self, ticket: NewTicket) -> Ticket:
        """Keep what was sent; the mail is out, so a failure here must not look like one."""
        try:
            return self._as_sent(self.record.create(ticket))
        except Exception as err:  # the mail is out whatever failed here
            log.warning("The request was mailed but its local copy failed: %s", err)
            stamp = now_utc()
            return Ticket(
                id=display_ref(ticket.client_ref),
                subject=ticket.subject,
                status=Status.NEW,
                raw_status="sent",
                created_at=stamp,
                updated_at=stamp,
                display_ref=display_ref(ticket.client_ref),
                client_ref=ticket.client_ref,
                category=ticket.category,
                priority=ticket.priority,
            )

    def _as_sent(self, ticket: Ticket) -> Ticket:
        return replace(
            ticket,
            display_ref=display_ref(ticket.client_ref or ticket.id),
            raw_status="sent",
            status=Status.NEW,
        )


def _one_line(text: str) -> str:
    """Header text: a line break in a subject or a name must not start a new header."""
    return " ".join(text.split())


def map_smtp_error(exc: BaseException) -> BackendError:
    """SMTP failures in the same typed errors the HTTP adapters raise."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return AuthenticationError(server="mail")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return PermanentError(str(exc), code="setting_invalid", setting="backend.smtp_security")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        if codes and all(400 <= c < 500 for c in codes):
            return TemporaryError(code="mail_busy")
        return PermanentError(code="recipient_refused")
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        if 400 <= exc.smtp_code < 500:
            return TemporaryError(f"{exc.smtp_code} {text}", code="mail_busy")
        return PermanentError(f"{exc.smtp_code} {text}", server="mail")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentError(code="certificate", server="mail")
    if isinstance(exc, TimeoutError):
        return TemporaryError(code="timeout", server="mail")
    if isinstance(exc, smtplib.SMTPException | ConnectionError | ssl.SSLError):
        return TemporaryError(code="unreachable", server="mail")
    if isinstance(exc, OSError):
        return TemporaryError(str(exc.strerror or exc), code="unreachable", server="mail")
    return PermanentError(code="unexpected", error=type(exc).__name__)
