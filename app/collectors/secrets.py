"""Find secrets in text that is about to leave the machine, and mask them.

Logs, system information and even the description people type can carry a password, a
token or a private key. libreport only *highlights* its forbidden words and leaves the
decision to the reporter; Apport's ``anonymize()`` silently replaces the user name and home
directory. Helpline does both: every finding is masked by default, shown on the review
page, and the user may unmask one deliberately (``keep``).

A :class:`Finding` covers exactly the characters that :func:`mask` replaces, and its
``preview`` is the replacement, so a finding can be highlighted and explained without
showing the secret. Masks keep the shape readable (``password=••••••••``,
``https://alice:••••••••@host``, ``ghp_••••••••``), never reveal the secret's length, and
are never found again, so masking is idempotent.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.collectors import secret_forms

MASK = "•" * 8
HOME_MASK = "~"
USER_MASK = "<user>"

#: Every kind of finding. The scanner names findings by these codes only; the words
#: people read are the faces' (app/ui/finding_labels.py; a test keeps the two equal).
KINDS: frozenset[str] = frozenset(
    {
        "private-key",
        "jwt",
        "aws-access-key",
        "aws-secret-key",
        "github-token",
        "gitlab-token",
        "slack-token",
        "stripe-key",
        "google-api-key",
        "url-password",
        "password",
        "secret",
        "authorization",
        "bearer",
        "cookie",
        "custom",
        "home",
        "user",
        *secret_forms.KINDS,
    }
)

# Values that say something *about* a secret rather than being one.
_PLACEHOLDERS = frozenset(
    {
        "none",
        "null",
        "nil",
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "required",
        "optional",
        "enabled",
        "disabled",
        "ok",
        "success",
        "failed",
        "unknown",
        "empty",
        "redacted",
        "hidden",
        "masked",
        "n/a",
        "-",
        "undefined",
        "unset",
        "default",
        "expired",
        "invalid",
        "missing",
        "undef",
    }
)
# /etc/nsswitch.conf says "passwd: files systemd".
_NSS_SOURCES = frozenset({"files", "compat", "systemd", "sss", "ldap", "nis", "winbind", "db"})
# Method names that follow "auth:" in configuration (sshd, pg_hba, proxies, LDAP).
_AUTH_METHODS = frozenset(
    {
        "basic",
        "bearer",
        "digest",
        "ntlm",
        "kerberos",
        "negotiate",
        "oauth",
        "oauth2",
        "saml",
        "ldap",
        "pam",
        "plain",
        "login",
        "password",
        "token",
        "sso",
        "gssapi",
        "md5",
        "trust",
        "peer",
        "ident",
        "cert",
        "external",
        "anonymous",
        "scram-sha-256",
        "publickey",
    }
)
_PLACEHOLDER_RE = re.compile(
    r"[*•xX.#]+|\$[A-Z_][A-Z0-9_]*|%[a-z]|%\(\w+\)[sdr]|\{\{?[\w. ]*\}?\}|<[^>]*>"
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
)  # the last one: a macro (MAIN_TLS_PRIVATEKEY)
# Values that are code or configuration referring to a secret kept elsewhere: a shell or
# Perl expansion ($(cmd), ${x}, $conf{x}, $dir/key), a call (self.get_token()), a chain
# (RT->Config), or the path of a key file.
_REFERENCE_RE = re.compile(
    r"\$[({].*|\$[A-Za-z_]\w*(?:[{/]|->|::).*|[A-Za-z_]\w*(?:\.\w+)+\(.*|\w+\(\)"
    r"|\w+(?:->|::)\w.*"
    r"|\S*[/\\]\S*\.(?:pem|key|crt|cer|der|p12|pfx|jks|asc|gpg|txt|json|kdbx)"
)

# Speed: scanning a megabyte of log must stay far below a second, so every regex starts
# with a literal (which the re module finds with a fast search) and word boundaries are
# checked in Python; case-insensitive rules run on a lowercased copy of the text.
_SECRET_WORD = (
    r"password|passwd|passphrase|pwd|pass|secret[ _-]?key|secret|token"
    r"|authorization|auth|credentials?|api[ _-]?key|apikey|access[ _-]?key"
    r"|private[ _-]?key|session[_-]?id"
    r"|passwort|kennwort|mot[ _-]?de[ _-]?passe|motdepasse|contraseña|contrasena|senha|wachtwoord"
)
# "Password" in German, French, Spanish, Portuguese and Dutch (mot_de_passe ends in "passe").
_PASSWORD_WORDS = frozenset({"kennwort", "contraseña", "contrasena", "senha", "wachtwoord"})
# Short words that end other words ("bypass", "oauth") only count at a word-part boundary.
_NEEDS_BOUNDARY = frozenset({"pass", "auth", "pwd"})
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
# A bare value ends at a space or quote, and at , ; & only when another key follows
# ("Password=x;User Id=y", "?pass=x&next=/"), so "pa;ss" stays whole.
_NEXT_KEY = r"[,;&](?![ \t]*[a-z_][\w .-]{0,30}[=:])"
_VALUE = (
    r"(?:(?P<scheme>bearer|basic|token)[ \t]+)?"
    r"(?:\"(?P<dq>[^\"\\\n]*(?:\\.[^\"\\\n]*)*)\"|'(?P<sq>[^'\n]*)'"
    rf"|(?P<bare>[^\s\"',;&<>](?:[^\s\"',;&<>]|{_NEXT_KEY})*))"
)
# All three run on the lowercased text; the key's start is found by walking back.
_KEY_VALUE = re.compile(rf"(?P<word>{_SECRET_WORD})[\"']?[ \t]*(?::=|=>|[:=])[ \t]*{_VALUE}")
_CLI_FLAG = re.compile(
    r"-(?P<word>-?[\w-]*?(?:password|passwd|passphrase|token|secret|api-?key))"
    r"[ \t]+(?:\"(?P<dq>[^\"\n]*)\"|'(?P<sq>[^'\n]*)'|(?P<bare>[^\s\"'-][^\s\"']*))"
)
_XML = re.compile(
    r"<(?P<tag>[\w:.-]*?(?P<word>password|passwd|secret|token|api_?key))>"
    r"(?P<bare>[^<\n]+)</(?P=tag)>"
)

_PRIVATE_KEY = re.compile(
    r"-----BEGIN (?P<label>(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----"
    r"(?P<body>[\s\S]{0,12000}?)-----END (?P=label)-----"
)
# A key whose end was cut off (a log tail, a truncated paste) is still a key.
_PRIVATE_KEY_CUT = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r"(?P<body>(?:\r?\n(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment):[^\r\n]*))+)"
)
_KEY_MATERIAL = re.compile(r"[A-Za-z0-9+/=]{16}")
_URL_PASSWORD = re.compile(r"://[^\s:/@]*:(?P<pw>[^\s/]+)@")
_JWT = re.compile(r"ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?![\w-])")
_BEARER = re.compile(r"bearer[ \t]+(?P<tok>[a-z0-9._~+/-]{12,}=*)(?![\w-])")
_COOKIE = re.compile(r"^[ \t]*(?:set-)?cookie[ \t]*:[ \t]*(?P<val>[^\r\n]+)", re.MULTILINE)
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_AWS_WINDOW = 200
# (literals that must occur for the rule to apply, regex, kind); the mask keeps the prefix.
_TOKENS: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    (
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        re.compile(r"gh[pousr]_[A-Za-z0-9]{36}(?!\w)"),
        "github-token",
    ),
    (("github_pat_",), re.compile(r"github_pat_[A-Za-z0-9_]{40,}"), "github-token"),
    (("glpat-",), re.compile(r"glpat-[A-Za-z0-9_-]{20,}"), "gitlab-token"),
    (("xox",), re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"), "slack-token"),
    (
        ("k_live_", "k_test_"),
        re.compile(r"[sr]k_(?:live|test)_[A-Za-z0-9]{16,}(?!\w)"),
        "stripe-key",
    ),
    (("AIza",), re.compile(r"AIza[A-Za-z0-9_-]{35}(?![\w-])"), "google-api-key"),
    (("AKIA", "ASIA"), re.compile(r"A(?:KIA|SIA)[A-Z0-9]{16}(?![A-Za-z0-9])"), "aws-access-key"),
)
_PREFIX = re.compile(r"[a-z]+_(?:pat_|live_|test_)?|[a-z]+-|AIza|AKIA|ASIA")

# Lower wins when two candidates start at the same place with the same length.
_PRIORITY = {
    "private-key": 0,
    "jwt": 1,
    "aws-access-key": 1,
    "aws-secret-key": 1,
    "github-token": 1,
    "gitlab-token": 1,
    "slack-token": 1,
    "stripe-key": 1,
    "google-api-key": 1,
    **dict.fromkeys(secret_forms.KINDS, 1),
    "url-password": 2,
    "authorization": 3,
    "cookie": 3,
    "password": 4,
    "secret": 4,
    "bearer": 5,
    "custom": 6,
    "home": 8,
    "user": 9,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """``text[start:end]`` is secret; :func:`mask` puts ``preview`` in its place."""

    start: int
    end: int
    kind: str
    preview: str


def _is_placeholder(value: str, key_word: str = "") -> bool:
    """Documentation values (``<password>``, ``${TOKEN}``, ``****``) are not secrets."""
    v = value.strip()
    low = v.lower()
    if not v or MASK in v or low in _PLACEHOLDERS or not any(c.isalnum() for c in v):
        return True
    if _PLACEHOLDER_RE.fullmatch(v) or _REFERENCE_RE.fullmatch(v):
        return True
    return key_word in ("auth", "authorization") and low in _AUTH_METHODS


def _at_boundary(key: str, word_start: int) -> bool:
    """True when the secret word starts a word part: ``db_pass``, ``dbPass`` but not ``bypass``."""
    if word_start == 0:
        return True
    before, first = key[word_start - 1], key[word_start]
    return before in "_.- " or (before.islower() and first.isupper())


def _unbalanced_tail(value: str) -> int:
    """How many characters end ``value`` without belonging to it.

    Those are closing brackets that open elsewhere (``f(password=x)``) and a final
    separator (``Password=x;``, ``def f(pwd=None):``).
    """
    n = 0
    while len(value) > n + 1:
        last = value[-1 - n]
        if last in ",;&:":
            n += 1
            continue
        if last not in ")]}":
            break
        opener = "([{"[")]}".index(last)]
        if value.count(opener) >= value[: len(value) - n].count(last):
            break
        n += 1
    return n


def _starts_word(text: str, pos: int, joiners: str = "_") -> bool:
    """True when ``text[pos]`` does not continue a word (letters, digits, ``joiners``)."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in joiners)


def _key_start(text: str, word_at: int) -> int:
    """Walk back from the secret word over the rest of its key (``spring.datasource.``)."""
    pos = word_at
    while pos > 0 and text[pos - 1] in _KEY_CHARS:
        pos -= 1
    return pos


def _after_equals(text: str, key_at: int) -> bool:
    """True when the key follows ``=`` on its line (blanks and a quote in between)."""
    pos = key_at - 1
    while pos >= 0 and text[pos] in " \t\"'":
        pos -= 1
    return pos >= 0 and text[pos] == "="


def _labelled(text: str, low: str) -> Iterator[Finding]:
    """Values labelled as secret: ``key=value``, ``"key": "value"``, ``--key value``, XML."""
    for regex in (_KEY_VALUE, _CLI_FLAG, _XML):
        for m in regex.finditer(low):
            word_at = m.start("word")
            if regex is _KEY_VALUE:
                key_at = _key_start(text, word_at)
            elif regex is _CLI_FLAG:
                key_at = m.start()
                if not (key_at == 0 or text[key_at - 1].isspace()):
                    continue
            else:
                key_at = m.start("tag")
            key = text[key_at : m.end("word")]
            word = low[word_at : m.end("word")].lstrip("-")
            word = next(
                (
                    w
                    for w in ("password", "passwd", "passphrase", "token", "secret")
                    if word.endswith(w)
                ),
                word,
            )
            if word in _NEEDS_BOUNDARY and not _at_boundary(key, word_at - key_at):
                continue
            if regex is _KEY_VALUE and _after_equals(text, key_at):
                continue  # "spf = pass:softfail": the word is part of another key's value
            group = next(g for g in ("dq", "sq", "bare") if m.groupdict().get(g) is not None)
            start, end = m.span(group)
            if group == "bare":
                if text.startswith("-----", start):
                    continue  # a PEM block: the private-key rule masks its body, armour kept
                end -= _unbalanced_tail(text[start:end])
            value = text[start:end]
            if _is_placeholder(value, word):
                continue
            if word == "pwd" and (value[:1] in ("/", "~") or re.match(r"[A-Za-z]:\\", value)):
                continue  # $PWD is the working directory, not a password
            if word == "pass" and value.isdigit():
                continue  # "pass=12" counts passing tests
            if key.lower() == "passwd" and value in _NSS_SOURCES:
                continue  # /etc/nsswitch.conf
            if "authorization" in word or (word == "auth" and m.groupdict().get("scheme")):
                kind = "authorization"
            elif word.startswith(("pass", "mot")) or word == "pwd" or word in _PASSWORD_WORDS:
                kind = "password"
            else:
                kind = "secret"
            yield Finding(start, end, kind, MASK)


def _jwt_header_ok(head: str) -> bool:
    try:
        data = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except (ValueError, binascii.Error):
        return False
    return isinstance(data, dict) and "alg" in data


def _private_keys(text: str) -> Iterator[Finding]:
    """The body of a PEM private key; the armour lines stay so the reader sees what it was."""
    for m in _PRIVATE_KEY.finditer(text):
        body = m["body"]
        if _KEY_MATERIAL.search(body) and not _is_placeholder(body):
            # Keep the line breaks' style, so a key inside a JSON string stays valid JSON.
            nl = "\n" if "\n" in body else "\\n" if "\\n" in body else " "
            yield Finding(m.start("body"), m.end("body"), "private-key", f"{nl}{MASK}{nl}")
    for m in _PRIVATE_KEY_CUT.finditer(text):
        body = m["body"]
        if _KEY_MATERIAL.search(body) and not _is_placeholder(body):
            end = m.start("body") + len(body.rstrip())  # blank lines after it stay
            yield Finding(m.start("body"), end, "private-key", f"\n{MASK}")


def _tokens(text: str) -> Iterator[Finding]:
    """Tokens recognisable by their prefix; AWS secret keys travel next to their key id."""
    for hints, regex, kind in _TOKENS:
        if not any(h in text for h in hints):
            continue
        for m in regex.finditer(text):
            if not _starts_word(text, m.start(), "_-"):
                continue
            prefix = _PREFIX.match(m.group())
            yield Finding(m.start(), m.end(), kind, (prefix.group() if prefix else "") + MASK)
            if kind != "aws-access-key":
                continue
            lo, hi = max(0, m.start() - _AWS_WINDOW), min(len(text), m.end() + _AWS_WINDOW)
            for s in _AWS_SECRET.finditer(text, lo, hi):
                key = s.group()
                if (
                    any(c.isdigit() or c in "/+" for c in key)
                    and any(c.isupper() for c in key)
                    and any(c.islower() for c in key)
                ):
                    yield Finding(s.start(), s.end(), "aws-secret-key", MASK)


def _fixed(text: str, low: str) -> Iterator[Finding]:
    """Secrets recognisable by their own shape, labelled or not."""
    if "PRIVATE KEY" in text:
        yield from _private_keys(text)
    for m in _URL_PASSWORD.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalnum() and not _is_placeholder(m["pw"]):
            yield Finding(m.start("pw"), m.end("pw"), "url-password", MASK)
    for m in _JWT.finditer(text):
        head = m.group().partition(".")[0]
        if _starts_word(text, m.start(), "_-.") and _jwt_header_ok(head):
            yield Finding(m.start(), m.end(), "jwt", MASK)
    for m in _BEARER.finditer(low):
        tok = m["tok"]
        if (
            _starts_word(low, m.start(), "_-")
            and any(c.isdigit() for c in tok)
            and any(c.isalpha() for c in tok)
        ):
            yield Finding(m.start("tok"), m.end("tok"), "bearer", MASK)
    if "cookie" in low:
        for m in _COOKIE.finditer(low):
            if not _is_placeholder(m["val"]):
                yield Finding(m.start("val"), m.end("val"), "cookie", MASK)
    yield from _tokens(text)
    for start, end, kind, preview in secret_forms.find(text, low, _is_placeholder):
        yield Finding(start, end, kind, preview)


def _compile_custom(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(
                f"The privacy pattern {pattern!r} is not a valid regular expression: {exc}"
            ) from None
    return tuple(compiled)


def _custom(text: str, patterns: tuple[re.Pattern[str], ...]) -> Iterator[Finding]:
    """IT's patterns: the group named ``secret`` (or the first group, or all) is masked."""
    for regex in patterns:
        group: str | int = "secret" if "secret" in regex.groupindex else 1 if regex.groups else 0
        for m in regex.finditer(text):
            start, end = m.span(group)
            if end > start and not _is_placeholder(text[start:end]):
                yield Finding(start, end, "custom", MASK)


def _personal(text: str, home: str | None, user: str | None) -> Iterator[Finding]:
    """Apport-style anonymisation: the home path becomes ``~``, the user name ``<user>``."""
    home = (home or "").rstrip("/\\")
    if len(home) > 1 and home in text:
        for m in re.finditer(rf"{re.escape(home)}(?![\w-]|\.\w)", text):
            if _starts_word(text, m.start(), "_.-"):
                yield Finding(m.start(), m.end(), "home", HOME_MASK)
    if user and user in text:
        for m in re.finditer(rf"{re.escape(user)}(?!\w)", text):
            start, end = m.span()  # the hot loop when a log names the user on every line
            before = text[start - 1] if start else " "
            if before.isalnum() or before == "_":
                continue
            if before == "<" and text[start - 1 : start - 1 + len(USER_MASK)] == USER_MASK:
                continue  # the mask itself, when the user is called "user"
            yield Finding(start, end, "user", USER_MASK)


class Scanner:
    """Compiled settings (IT's patterns, home path, user name), reusable across many texts."""

    def __init__(
        self, extra_patterns: Iterable[str] = (), home: str | None = None, user: str | None = None
    ) -> None:
        self.custom = _compile_custom(extra_patterns)
        self.home = home
        self.user = user

    def find(self, text: str) -> list[Finding]:
        low = text.lower()
        if len(low) != len(text):  # a few letters (İ) lowercase to two characters
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        candidates = [
            *_fixed(text, low),
            *_labelled(text, low),
            *_custom(text, self.custom),
            *_personal(text, self.home, self.user),
        ]
        candidates.sort(key=lambda f: (f.start, f.start - f.end, _PRIORITY.get(f.kind, 7)))
        chosen: list[Finding] = []
        for f in candidates:
            if MASK in text[f.start : f.end]:
                continue  # masked already: keeps mask() idempotent
            if not chosen or f.start >= chosen[-1].end:
                chosen.append(f)
            elif f.end > chosen[-1].end:
                chosen[-1] = _merge(chosen[-1], f)  # never leave the tail of a secret
        return chosen

    def scrub(self, text: str) -> str:
        return mask(text, self.find(text))

    __call__ = scrub


def _merge(first: Finding, second: Finding) -> Finding:
    """One finding over two that overlap, named after the more specific of the two."""
    lead = min(first, second, key=lambda f: _PRIORITY.get(f.kind, 7))
    preview = lead.preview if lead.kind in ("home", "user") else MASK
    return Finding(first.start, second.end, lead.kind, preview)


def mask(text: str, findings: list[Finding], keep: Iterable[int] = frozenset()) -> str:
    """``text`` with every finding replaced by its preview, except the indices in ``keep``."""
    kept = set(keep)
    out: list[str] = []
    pos = 0
    for index, f in sorted(enumerate(findings), key=lambda pair: pair[1].start):
        if index in kept or f.start < pos:
            continue
        out.append(text[pos : f.start])
        out.append(f.preview)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
