"""One overall deadline for a piece of work that makes several network calls.

The outbox gives each delivery attempt a deadline below its stale-claim limit
(:data:`app.core.claims.SEND_DEADLINE_SECONDS`), so no attempt outlives the time after
which another process could think its owner gone. The HTTP layer reads
:func:`remaining` before every call and never waits past it. A context variable, not a
global: the deadline belongs to the thread (or task) doing the delivery, and a poll
running beside it on another thread is not cut short by it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_until: ContextVar[float | None] = ContextVar("helpline_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Work inside the block ends within ``seconds`` (or an enclosing, earlier deadline)."""
    end = time.monotonic() + seconds
    outer = _until.get()
    token = _until.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _until.reset(token)


def remaining() -> float | None:
    """Seconds left before the current deadline (may be <= 0); None when there is none."""
    end = _until.get()
    return None if end is None else end - time.monotonic()
