"""Keep credentials out of every log line, wherever the line is written.

Two things are masked with "••••": every secret value Helpline has read
(:func:`register` is called by :mod:`app.backends.credentials` whenever it
resolves or stores one), and anything that looks like a credential
(``Authorization: …``, ``token=…``, ``password=…``), because a library may
log a header or a URL that Helpline never saw as a secret.

Why a record factory as well as a filter: a filter on the root *logger*
only sees records logged to the root logger itself; records from
``logging.getLogger(__name__)`` propagate straight to the handlers and skip
it. Masking when the record is made covers every logger and every handler,
including ones added later (a crash log, pytest's capture).
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from typing import Any

MASK = "••••"
#: Shorter values are not masked by value: masking "1234" everywhere would garble the log
#: while the patterns below still catch the usual ways a secret gets written.
MIN_LENGTH = 4

_PATTERNS = (
    # "Authorization: Bearer abc", "'Authorization': 'token 1-2-abc'", "Authorization=Basic x"
    re.compile(
        r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(?:(?:bearer|basic|token|digest)\s+)?"
        r"[^\s'\",;&}]+"
    ),
    # "token=abc", "api_token: abc", "password = abc", "?private_token=abc&x=1", '"token": "abc"'
    re.compile(
        r"(?i)((?:[a-z_-]*token|password|passwd|secret|api[_-]?key)['\"]?\s*[:=]\s*['\"]?)"
        r"[^\s'\",;&}]+"
    ),
)

_lock = threading.Lock()
_known: set[str] = set()
_installed = False


def register(value: str) -> None:
    """Remember a secret value so no later log line can show it."""
    if value and len(value) >= MIN_LENGTH:
        with _lock:
            _known.add(value)


def mask(text: str) -> str:
    """The text with every known secret and every credential-looking pattern masked."""
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # longest first: no partial leftovers
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class SecretFilter(logging.Filter):
    """Rewrites a record in place: its message, its arguments, its traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """Mask one record. The message is formatted first so secrets in ``args`` are caught too."""
    if getattr(record, "_helpline_scrubbed", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what can be shown, masked
        message = f"{record.msg} {record.args!r}"
    record.msg, record.args = mask(message), None
    if record.exc_info and record.exc_info[1] is not None:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = mask(text)
        # The formatter uses exc_text as it is; the live exception (its message may
        # hold a secret) must not be formatted again by a handler that ignores exc_text.
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = mask(record.exc_text)
    if record.stack_info:
        record.stack_info = mask(record.stack_info)
    record._helpline_scrubbed = True
    return record


def install() -> None:
    """Mask secrets in every log record from now on. Safe to call more than once.

    The CLI calls it first thing in ``main``; the GUI calls it at start-up too.
    """
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    root = logging.getLogger()
    secret_filter = SecretFilter()
    root.addFilter(secret_filter)
    for handler in root.handlers:
        handler.addFilter(secret_filter)
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(make_record(*args, **kwargs))

    logging.setLogRecordFactory(masked_record)
