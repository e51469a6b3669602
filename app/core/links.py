"""Whether a link in a reply opens at once, after a question, or not at all.

A reply's link is written by whoever can mail the helpdesk. Its visible text may name one
address while it leads to another (``<a href="https://evil.example">https://bank.example
</a>``), its host may be punycode that looks like a familiar name (``xn--pypal-4ve``),
its ``mailto:`` may ask the mail program to attach a local file (``?attach=/etc/passwd``)
and it may carry bidi controls that reorder what the person reads. :func:`classify` is the
one decision, Qt-free and tested in tests/core/test_links.py; the conversation view opens a
link only through it, shows the real target first, and asks when the verdict says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from app.core.hidden_text import strip_hidden

OPEN = "open"
CONFIRM = "confirm"
REFUSE = "refuse"
#: Schemes a reply's link may open with (the same as :data:`app.core.sanitize.URL_SCHEMES`).
SCHEMES = ("http", "https", "mailto")
#: What a mail program may take from a reply's ``mailto:``; ``attach``, ``bcc``, ``to``… are not.
MAILTO_KEYS = ("subject", "body", "cc")

#: Reason codes (a face says them in words): the visible text names another address; the
#: host is punycode or not ASCII; the address hides a user name before the host
#: (``https://bank.example@evil.example``); ``mailto:`` keys were dropped; hidden characters
#: were removed; the scheme is not one a reply may open.
TEXT_DIFFERS = "text_differs"
PUNYCODE = "punycode"
USERINFO = "userinfo"
MAILTO_KEYS_DROPPED = "mailto_keys_dropped"
HIDDEN_CHARACTERS = "hidden_characters"
BAD_SCHEME = "bad_scheme"

_URLISH = re.compile(
    r"^\s*(?:(?:[a-z][a-z0-9+.-]*://)|www\.|mailto:)?"
    r"(?:[^\s/@:]+@)?([a-z0-9\u00a1-\uffff-]+(?:\.[a-z0-9\u00a1-\uffff-]+)+)(?::\d+)?(?:[/?#]\S*)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """What to do with a clicked link: ``action`` (:data:`OPEN`, :data:`CONFIRM`,
    :data:`REFUSE`), the cleaned ``target`` to hand to the desktop (and to show), its
    ``host`` as a person should read it, and the ``reasons`` (codes above)."""

    action: str
    target: str
    host: str = ""
    reasons: tuple[str, ...] = ()


def _host_of(text: str) -> str:
    """The host a link text names, lowercased, or "" when it does not look like an address."""
    match = _URLISH.match(text)
    return match.group(1).lower().rstrip(".") if match else ""


def _readable(host: str) -> str:
    """The host in ASCII (punycode as it is), so look-alike letters show as what they are."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")


def _bare(host: str) -> str:
    """``www.example.org`` and ``example.org`` name the same site to a reader."""
    return host.removeprefix("www.")


def _mailto(href: str) -> tuple[str, bool]:
    """``mailto:`` with only :data:`MAILTO_KEYS` in its query; True when keys were dropped."""
    address, _, query = href[len("mailto:") :].partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k.lower(), v) for k, v in pairs if k.lower() in MAILTO_KEYS]
    target = "mailto:" + address + ("?" + urlencode(kept, quote_via=quote) if kept else "")
    return target, len(kept) != len(pairs)


def classify(href: str, text: str = "") -> Verdict:
    """The verdict for a link to ``href`` shown as ``text`` (its visible words)."""
    cleaned = strip_hidden(href).strip()
    reasons: list[str] = [HIDDEN_CHARACTERS] if cleaned != href.strip() else []
    cleaned = "".join(cleaned.split())  # no blanks or line breaks inside an address
    scheme = cleaned.partition(":")[0].lower() if ":" in cleaned else ""
    if scheme not in SCHEMES:
        return Verdict(REFUSE, cleaned, reasons=(*reasons, BAD_SCHEME))
    shown = strip_hidden(text).strip()
    if scheme == "mailto":
        target, dropped = _mailto(cleaned)
        if dropped:
            reasons.append(MAILTO_KEYS_DROPPED)
        address = target[len("mailto:") :].partition("?")[0].lower()
        named = shown.lower().removeprefix("mailto:")
        if "@" in named and _host_of(named) and named != address:
            reasons.append(TEXT_DIFFERS)
        host = address.rpartition("@")[2]
        return _verdict(target, _readable(host), reasons)
    parts = urlsplit(cleaned)
    host = (parts.hostname or "").rstrip(".")
    readable = _readable(host)
    if any(label.startswith("xn--") for label in readable.split(".")):
        reasons.append(PUNYCODE)
    if "@" in parts.netloc:
        reasons.append(USERINFO)
    named = _host_of(shown)
    if named and _bare(_readable(named)) != _bare(readable):
        reasons.append(TEXT_DIFFERS)
    target = urlunsplit(
        (parts.scheme.lower(), parts.netloc, parts.path, parts.query, parts.fragment)
    )
    return _verdict(target, readable, reasons)


def _verdict(target: str, host: str, reasons: list[str]) -> Verdict:
    worrying = {TEXT_DIFFERS, PUNYCODE, USERINFO}
    action = CONFIRM if worrying.intersection(reasons) else OPEN
    return Verdict(action, target, host, tuple(reasons))
