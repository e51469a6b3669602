"""Pieces the helpdesk adapters share that are not about HTTP itself.

Each of these was written out again in several adapters; keeping one copy means
a fix to the scheme check or to the shape of the reference footer reaches every
helpdesk at once. What is HTTP-specific lives in :mod:`app.backends.http`.
"""

from __future__ import annotations

import html
import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from urllib3.util import parse_url

from app.backends import credentials
from app.backends.local import safe_filename
from app.core.helpdesk import NotFound, PermanentError, PermissionDenied
from app.core.model import Attachment, Message, Ticket

#: The line added to a request's text where the helpdesk has no field for Helpline's own
#: reference, so that a retry after a lost answer can find the ticket it already made.
FOOTER = "Helpline reference: {ref}"
_FOOTER_UUID = re.compile(r"Helpline reference: ([0-9a-fA-F-]{36})")
Item = TypeVar("Item")


def footer(client_ref: str) -> str:
    """The footer line for this reference, as it stands in the ticket's text."""
    return FOOTER.format(ref=client_ref)


def with_footer(body: str, client_ref: str, end: str = "\n") -> str:
    """``body`` with the footer after a blank line, unless it already carries it.

    ``end`` follows the footer: a newline for plain-text helpdesks; the Markdown and
    HTML ones (GitLab, GitHub, GLPI) have always sent none.
    """
    line = footer(client_ref)
    return body if line in body else f"{body.rstrip()}\n\n{line}{end}"


def parse_footer(text: object) -> str:
    """The reference (a UUID) in the first footer of ``text``; "" where there is none."""
    found = _FOOTER_UUID.search(str(text or ""))
    return found.group(1) if found else ""


def word_after_footer(text: str) -> str:
    """The first word after the footer marker, whatever it looks like; "" where none.

    Zendesk and Jira read the reference this looser way (any word, not only a UUID);
    it is kept apart from :func:`parse_footer` so neither adapter's matching changes.
    """
    marker = FOOTER.format(ref="")
    tail = text.split(marker, 1)[1].split() if marker in text else []
    return tail[0] if tail else ""


def first_with_footer(
    items: Iterable[Item],
    client_ref: str,
    text: Callable[[Item], object],
    to_ticket: Callable[[Item], Ticket],
) -> Ticket | None:
    """The first item whose text carries this reference's footer, as a ticket that knows it.

    This is how a lost create is found again among my newest tickets. ``items`` is read
    one at a time, so a generator that fetches a ticket per step stops at the match.
    """
    line = footer(client_ref)
    for item in items:
        if line in str(text(item) or ""):
            return replace(to_ticket(item), client_ref=client_ref)
    return None


def shared_account_refused(helpdesk: str) -> PermissionDenied:
    """The refusal of a sign-in that can read other people's tickets (a staff account).

    Helpline acts as one requester; such an account would show them everyone's tickets,
    so adapters refuse it unless IT set ``backend.allow_shared_credentials``.
    ``helpdesk`` names the helpdesk ("RT") for the faces' sentence.
    """
    return PermissionDenied(
        code="account_mismatch", helpdesk=helpdesk, setting="backend.allow_shared_credentials"
    )


def sign_in_options(config: Any) -> dict[str, Any]:
    """The user name, and the token or password as :mod:`.credentials` finds it."""
    return {"username": config["backend.username"], **credentials.resolve(config).as_kwargs()}


def config_options(config: Any) -> dict[str, Any]:
    """The constructor arguments every adapter with a staff-account check reads alike."""
    return {
        "status_map": config["backend.status_map"],
        "allow_shared_credentials": config["backend.allow_shared_credentials"],
        "allow_insecure_http": config["backend.allow_insecure_http"],
        "config": config,
    }


#: Characters no helpdesk address holds; parsers disagree on them (issue 17, item 17).
_UNSAFE = re.compile(r"[\\\s\x00-\x1f\x7f-\x9f]")


def check_scheme(url: str, allow_insecure_http: bool, secret: str = "password") -> None:
    """Refuse to send a password in clear text anywhere but this computer, unless IT says so.

    The host is the one urllib3 connects to: ``urlsplit`` read
    ``http://evil.example\\@127.0.0.1/`` as this computer while urllib3 went to
    ``evil.example``. Backslashes, spaces and control characters are refused outright.
    """
    if _UNSAFE.search(url):
        raise PermanentError(code="address_invalid")
    try:
        parts = parse_url(url)
    except ValueError:
        raise PermanentError(code="address_invalid") from None
    scheme = (parts.scheme or "").lower()
    if scheme == "https" or (scheme == "http" and allow_insecure_http):
        return
    if scheme != "http":
        raise PermanentError(code="address_not_https")
    host = (parts.host or "").strip("[]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise PermanentError(code="address_insecure", secret=secret)


def helpdesk_base(url: str, allow_insecure_http: bool) -> str:
    """The helpdesk's address without a trailing slash, once it is set and safe for a password."""
    if not url:
        raise PermanentError(code="setting_missing", setting="backend.url")
    check_scheme(url, allow_insecure_http)
    return url.rstrip("/")


def require_file(attachment: Attachment) -> Path:
    """The file's path; a clear refusal, before anything is sent, where the file is gone."""
    if not attachment.path or not Path(attachment.path).is_file():
        raise PermanentError(code="file_unreadable", name=attachment.filename)
    return Path(attachment.path)


def download_target(dest: Path, filename: str) -> Path:
    """Where a downloaded file goes: ``dest`` (made if needed) and a name safe on this system."""
    dest.mkdir(parents=True, exist_ok=True)
    return dest / safe_filename(filename)


def ticket_number(ticket_id: str, what: str) -> str:
    """The digits of a ticket number as the user may type it ("#42", " 42 ").

    ``what`` names the helpdesk for the refusal ("RT").
    """
    text = str(ticket_id).lstrip("#").strip()
    if not text.isdigit():
        raise NotFound(code="not_found", ticket=str(ticket_id), helpdesk=what)
    return text


def read_back_reply(thread: Iterable[Message], skip: int = 0) -> Message:
    """The requester's newest message in the thread read after a reply: the reply as stored.

    ``skip`` passes over the requester's first messages, which cannot be the reply
    (Redmine shows the description as the first message).
    """
    mine = [m for m in thread if m.from_requester][skip:]
    if not mine:
        raise PermanentError(code="reply_unreadable")
    return mine[-1]


_BREAKS = re.compile(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>|</h[1-6]>")
_HIDDEN = re.compile(r"(?is)<(script|style|head)\b.*?</\1\s*>")


def html_to_text(text: str) -> str:
    """An HTML message body as the plain lines the thread view shows.

    Tags go and line-ending tags become line breaks; entities are decoded after the
    tags are gone, so ``&lt;b&gt;`` reads as the text ``<b>`` and ``Tom &amp; Jerry&nbsp;say``
    as ``Tom & Jerry say`` (a no-break space becomes a plain one).
    """
    text = _BREAKS.sub("\n", _HIDDEN.sub("", text))
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
