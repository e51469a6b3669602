"""Reading an answer's body with limits: size after decoding, announced length, and time.

``requests`` reads a whole body into memory, inflating gzip as it goes, and its read
timeout applies to each read of the socket only. A 4 MB gzip inflated to 4.3 GB, an
endless body filled memory, and one byte every 2 s kept a call with a 5 s timeout alive
for ever (issue 17, item 6). Here every body is read in blocks of decoded bytes
(urllib3's ``read1``, which inflates at most one block at a time), counted against a
limit chosen per kind of call, and timed against the call's clock:

- the limit: :data:`JSON_LIMIT` for data, :data:`ERROR_LIMIT` for refusals and
  redirects, the announced size for a download (an attachment said to be 10 bytes may
  not write more), :data:`DOWNLOAD_LIMIT` where nothing was announced;
- a ``Content-Length`` above the limit is refused before a byte is read; a body shorter
  than its ``Content-Length`` is an error (urllib3 checks it);
- time: a body must keep coming at :data:`MIN_RATE` on average after the first
  :data:`GRACE` timeouts, so a drip ends soon after that whatever the size, while a
  large answer on a slow but working line still arrives. Twice the timeout, not once:
  a busy server may pause between the headers and the body as long as a read may.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import requests
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from app.core.helpdesk import PermanentError, TemporaryError

#: The largest decoded JSON answer read (a page of a list is well below 1 MB).
JSON_LIMIT = 32 * 1024 * 1024
#: The largest refusal, redirect or other non-data body read: only its first words are shown.
ERROR_LIMIT = 1024 * 1024
#: The largest download whose size the helpdesk did not announce.
DOWNLOAD_LIMIT = 1024 * 1024 * 1024
#: Bytes per second a body must average once ``timeout`` has passed (a 256 kbit/s line).
MIN_RATE = 32 * 1024
BLOCK = 64 * 1024
#: Timeouts a body may take before MIN_RATE counts.
GRACE = 2


class TooBig(PermanentError):
    """The body was larger than the call allows (or than announced); never retried."""

    code = "bad_answer"


def clock(response: requests.Response, timeout: float) -> None:
    """Start the body's clock: called by the session when the headers have arrived."""
    response._helpline_clock = (time.monotonic(), timeout)  # type: ignore[attr-defined]


def announced(response: requests.Response) -> int | None:
    """The body's Content-Length when it is a plain number (of bytes on the wire)."""
    value = (response.headers.get("Content-Length") or "").strip()
    return int(value) if value.isdigit() else None


def blocks(response: requests.Response, limit: int) -> Iterator[bytes]:
    """The decoded body block by block, stopping with an error past ``limit`` or too slow.

    Raises :class:`TooBig` (``bad_answer``), a ``timeout`` :class:`TemporaryError`, or
    the ``requests`` exception urllib3's error stands for (cut short, undecodable).
    """
    length = announced(response)
    if length is not None and length > limit:  # gzip's length is smaller than what it holds
        raise TooBig(f"announced {length} bytes, larger than {limit}")
    started, timeout = getattr(response, "_helpline_clock", (time.monotonic(), 30.0))
    raw: Any = response.raw
    total = 0
    while True:
        try:
            block = raw.read1(BLOCK, decode_content=True)
        except ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(exc) from exc
        except DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        if not block:
            return
        total += len(block)
        if total > limit:
            raise TooBig(f"answer larger than {limit} bytes")
        if time.monotonic() - started > GRACE * timeout + total / MIN_RATE:
            raise TemporaryError("the answer came too slowly", code="timeout", server="helpdesk")
        yield block


def read(response: requests.Response, limit: int) -> bytes:
    """The whole decoded body within ``limit``; the connection is released or closed."""
    try:
        body = b"".join(blocks(response, limit))
    except BaseException:
        response.close()
        raise
    response.raw.release_conn()
    return body


def keep(response: requests.Response, limit: int) -> None:
    """Read the body now, so ``response.content``/``.json()`` later use it and never the wire."""
    response._content = read(response, limit)
    response._content_consumed = True
