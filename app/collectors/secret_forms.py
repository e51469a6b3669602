"""Secrets that the ``key=value`` rules of :mod:`app.collectors.secrets` cannot see.

People paste command lines and configuration into a request's description: a password
given to ``curl -u``, ``mysql -p``, ``sshpass -p``; a ``.netrc`` line; an LDAP client's
``bindpw``; a Wi-Fi ``psk``; an Azure connection string; a Slack webhook; an OpenAI or
Google token; a bare ``Basic`` credential; a PuTTY private key. Each form here is
recognised by its command or its own shape, and only the secret part is masked, so the
rest of the line still tells support what was run (issue 17 item 10).

Each rule yields ``(start, end, kind, preview)``; :mod:`~app.collectors.secrets` turns them
into findings. Like the rules there, each regex starts with a literal, so a megabyte of
log is scanned quickly, and case-insensitive ones run on the lowercased copy ``low``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator

MASK = "•" * 8

Form = tuple[int, int, str, str]

#: The kinds found only here; the Review viewer names them (app/ui/finding_labels.py).
KINDS = ("slack-webhook", "openai-key", "google-oauth-token", "azure-key")

# A quoted or bare value after a command's option; a shell command ends at | ; & or a line.
_ARG = r"(?:\"(?P<dq>[^\"\n]*)\"|'(?P<sq>[^'\n]*)'|(?P<bare>[^\s\"'|;&][^\s|;&]*))"
_CMD = r"[^\n|;&]*?[ \t]"
# curl's -u/--user takes "user:password"; without the colon curl asks for it (no secret).
_CURL = re.compile(
    r"curl\b" + _CMD + r"(?:-u[ \t]*|--user[ \t]+|--user=)"
    r"(?:\"[^\"\n:]*:(?P<dq>[^\"\n]+)\"|'[^'\n:]*:(?P<sq>[^'\n]+)'|[^\s:\"']*:(?P<bare>[^\s\"']+))"
)
# MySQL's -p takes its password attached ("-pS3cret"); "-p name" asks for it and names a
# database, and "-P 3306" (capital) is the port: case-sensitive, on the original text.
_MYSQL = re.compile(
    r"(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mariadb|mariadb-dump)\b"
    + _CMD
    + r"-p(?:\"(?P<dq>[^\"\n]+)\"|'(?P<sq>[^'\n]+)'|(?P<bare>[^\s\"'|;&][^\s|;&]*))"
)
# sshpass -p takes the password attached or as the next word ("-P" is the prompt).
_SSHPASS = re.compile(r"sshpass\b" + _CMD + r"-p[ \t]*" + _ARG)
# ~/.netrc: "machine HOST login USER password PASS", on one line or several. A login is
# required, so prose ("Default password is on the label") is not taken for it.
_NETRC = re.compile(
    r"(?:machine[ \t\r\n]+\S+|(?:^|\n)[ \t]*default)"
    r"(?:\s+(?:account|port)\s+\S+)*\s+login\s+\S+"
    r"(?:\s+(?:account|port)\s+\S+)*\s+password\s+(?P<bare>\S+)"
)
# LDAP clients (nslcd, pam_ldap, slapd, sssd): "bindpw secret", "bindpw = secret".
_LDAP = re.compile(r"(?P<key>bindpw|rootpw|ldap_default_authtok)(?:[ \t]*[=:][ \t]*|[ \t]+)" + _ARG)
# Wi-Fi and VPN pre-shared keys: psk=…, wpa_psk=…, and strongSwan's ": PSK "…"".
_PSK = re.compile(r"psk[ \t]*[=:][ \t]*" + _ARG)
_PSK_SECRETS = re.compile(r":[ \t]*psk[ \t]+" + _ARG)
# Azure storage and Service Bus connection strings.
_AZURE = re.compile(r"(?:accountkey|sharedaccesskey)[ \t]*=[ \t]*(?P<bare>[^\s;\"']+)")
_SLACK_HOOK = re.compile(
    r"https://hooks\.slack\.com/(?:services|workflows|triggers)/(?P<secret>[A-Za-z0-9_/-]{16,})"
)
_OPENAI = re.compile(
    r"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
)
_GOOGLE_OAUTH = re.compile(r"ya29\.[A-Za-z0-9_-]{20,}")
# "Basic <base64 of user:password>" without a header name before it.
_BASIC = re.compile(r"basic[ \t]+(?P<tok>[a-z0-9+/]{8,}={0,2})(?![\w+/=])")
# A PuTTY key: the private lines go, the header, public lines and MAC stay.
_PUTTY = re.compile(
    r"Private-Lines:[ \t]*\d+[ \t]*\r?\n"
    r"(?P<body>[A-Za-z0-9+/=]+(?=\r?\n|$)(?:\r?\n[A-Za-z0-9+/=]+(?=\r?\n|$))*)"
)


_TEXT, _LOW = "text", "low"
#: (literals one of which must occur, regex, whether it runs on the text or on ``low``)
_COMMANDS = (
    (("curl",), _CURL, _LOW),
    (("mysql", "mariadb"), _MYSQL, _TEXT),
    (("sshpass",), _SSHPASS, _TEXT),
)


def find(text: str, low: str, is_placeholder: Callable[[str], bool]) -> Iterator[Form]:
    """Every secret of the forms above in ``text`` (``low`` is its lowercased copy, of the
    same length); ``is_placeholder`` tells documentation values from real ones."""
    for hints, regex, source in _COMMANDS:
        if not any(hint in (text if source is _TEXT else low) for hint in hints):
            continue
        for m in regex.finditer(text if source is _TEXT else low):
            if _word_start(text, m.start()):
                yield from _value(text, m, "password", is_placeholder)
    if "password" in low:
        for m in _NETRC.finditer(low):
            yield from _value(text, m, "password", is_placeholder)
    for m in _LDAP.finditer(low):
        line_start = low.rfind("\n", 0, m.start()) + 1
        if not low[line_start : m.start()].strip():  # the key begins its line
            yield from _value(text, m, "password", is_placeholder)
    if "psk" in low:
        for m in _PSK.finditer(low):
            if m.start() == 0 or not (low[m.start() - 1].isalnum() or low[m.start() - 1] in "-."):
                yield from _value(text, m, "password", is_placeholder)
        for m in _PSK_SECRETS.finditer(low):
            yield from _value(text, m, "password", is_placeholder)
    if "key" in low:
        for m in _AZURE.finditer(low):
            if _word_start(low, m.start()):
                yield from _value(text, m, "azure-key", is_placeholder)
    yield from _shaped(text, low)
    if "PuTTY-User-Key-File-" in text:
        for m in _PUTTY.finditer(text):
            yield m.start("body"), m.end("body"), "private-key", MASK


def _shaped(text: str, low: str) -> Iterator[Form]:
    """Tokens known by their own shape; the mask keeps what names them."""
    if "hooks.slack.com" in text:
        for m in _SLACK_HOOK.finditer(text):
            yield m.start("secret"), m.end("secret"), "slack-webhook", MASK
    if "sk-" in text:
        for m in _OPENAI.finditer(text):
            if _word_start(text, m.start()):
                yield m.start(), m.end(), "openai-key", _openai_prefix(m.group()) + MASK
    if "ya29." in text:
        for m in _GOOGLE_OAUTH.finditer(text):
            if _word_start(text, m.start(), "_-."):
                yield m.start(), m.end(), "google-oauth-token", "ya29." + MASK
    if "basic" in low:
        for m in _BASIC.finditer(low):
            start, end = m.span("tok")
            if _word_start(low, m.start()) and _is_basic_credential(text[start:end]):
                yield start, end, "authorization", MASK


def _openai_prefix(token: str) -> str:
    """``sk-proj-`` (or ``sk-svcacct-``, ``sk-admin-``), or ``sk-`` for an older key."""
    for kind in ("proj", "svcacct", "admin"):
        if token.startswith(f"sk-{kind}-"):
            return f"sk-{kind}-"
    return "sk-"


def _is_basic_credential(token: str) -> bool:
    """Whether ``token`` is base64 of ``user:password`` (so "Basic setup" is prose)."""
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return False
    _user, colon, password = decoded.partition(":")
    return bool(colon and password) and decoded.isprintable()


def _word_start(text: str, pos: int, joiners: str = "_-") -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in joiners)


def _value(
    text: str, m: re.Match[str], kind: str, is_placeholder: Callable[[str], bool]
) -> Iterator[Form]:
    """The quoted or bare value of a match, unless it is a placeholder (``$PASS``)."""
    group = next((g for g in ("dq", "sq", "bare") if m.groupdict().get(g) is not None), None)
    if group is None:
        return
    start, end = m.span(group)
    if end > start and not is_placeholder(text[start:end]):
        yield start, end, kind, MASK
