"""Background polling of the requester's tickets, and what changed since last time.

Qt-free, so the same logic runs under the tray's timer and in tests. One
:meth:`Poller.poll` asks the helpdesk only for tickets updated since the
newest one already cached (``list_mine(since=...)``, which adapters turn into
``updated_since``-style queries where the helpdesk has them), compares them
with the cache and turns the difference into :class:`Change` events: a new
answer from support, or a new status. The first poll only learns the
baseline, so starting Helpline never floods the user with old news. Each
ticket yields at most one event per poll, so one answer that also moves the
status is one notification.

:meth:`Poller.next_delay` spaces polls by the configured interval with
jitter (many desks must not poll in step), waits as long as a rate limit
asks plus jitter (desks limited in the same second must not return in the
same second), and backs off exponentially while the helpdesk is unreachable;
:meth:`Poller.first_delay` spreads desks that start together.

A poll reads the cache once: :meth:`TicketCache.compare` gives both the rows
to write and the stored state the changes are judged against.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from app.core.cache import TicketCache, seconds
from app.core.closure import FINISHED, ClosureLedger
from app.core.helpdesk import Backend, BackendError, RateLimited
from app.core.model import Message, Status, Ticket, format_time

#: Notification kinds a user can mute (``notifications.muted``).
KINDS = ("reply", "status")
MAX_BACKOFF_SECONDS = 3600.0
#: The longest delay ever returned: Qt's timer takes milliseconds in a 32-bit int (24.8
#: days), and a server's Retry-After of 3,000,000 s overflowed it (issue 17, item 8).
MAX_DELAY_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class Change:
    """Something the requester should hear about one ticket, as facts each face words.

    ``kinds`` holds ``reply`` (then ``author`` and ``snippet`` say who answered and how
    the answer starts; ``author`` may be "") and ``status`` (the status went from
    ``old_status`` to ``status``). The tray says it through ``tr()``
    (:func:`app.ui.messages.change_text`), the CLI in English (:mod:`app.cli_text`).
    """

    ticket_id: str
    ref: str
    subject: str
    kinds: frozenset[str]
    status: Status = Status.UNKNOWN
    old_status: Status = Status.UNKNOWN
    author: str = ""
    snippet: str = ""
    #: Support has just resolved it, and this is the one time the person is asked "Is it
    #: solved?" about this resolution (:class:`app.core.closure.ClosureLedger`).
    ask_solved: bool = False

    @property
    def kind(self) -> str:
        return "reply" if "reply" in self.kinds else "status"


@dataclass
class PollResult:
    """What one poll found.

    ``tickets`` is what the helpdesk answered (every ticket after a full poll, else those
    updated since the last one); ``stored`` counts the cache rows written or removed, so a
    list on screen knows whether it must be read again.
    """

    changes: list[Change] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    error: BackendError | None = None
    stored: int = 0


class Poller:
    def __init__(
        self,
        backend: Callable[[], Backend],
        cache: TicketCache,
        interval_seconds: float = 300.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
        closure: ClosureLedger | None = None,
    ) -> None:
        self._backend = backend
        self.cache = cache
        self.closure = closure
        self.interval = max(1.0, float(interval_seconds))
        self.jitter = min(max(0.0, float(jitter)), 0.9)
        self._rng = rng or random.Random()
        self.failures = 0
        self.wait_hint = 0.0  # what the last RateLimited asked for

    # -- timing -----------------------------------------------------------------

    def first_delay(self) -> float:
        """Seconds before the first poll: up to the jitter, so desks started together spread."""
        return min(self.interval * self._rng.uniform(0, self.jitter), MAX_DELAY_SECONDS)

    def next_delay(self) -> float:
        """Seconds until the next poll, given how the last one went.

        A rate limit's wait gets up to the jitter added, never taken off: desks told to
        come back in the same second do not all return in that second. Never more than
        :data:`MAX_DELAY_SECONDS`, whatever the server asked for.
        """
        return min(
            spaced(self.interval, self.jitter, self.failures, self.wait_hint, self._rng),
            MAX_DELAY_SECONDS,
        )

    # -- one poll ---------------------------------------------------------------

    def poll(self, full: bool = False) -> PollResult:
        """Ask the helpdesk what changed; update the cache; return the events.

        ``full`` asks for every ticket (the window's Refresh), which also notices tickets
        that disappeared; otherwise only those updated since the newest cached one.

        Backend errors do not escape: they are in ``PollResult.error`` and set the backoff,
        except :class:`~app.core.helpdesk.AuthenticationError`, which the caller handles
        (it needs the person to sign in).
        """
        from app.core.helpdesk import AuthenticationError

        try:
            result = self._poll(full)
        except AuthenticationError:
            raise
        except RateLimited as err:
            self.failures += 1
            self.wait_hint = min(max(err.wait_seconds, 0.0), MAX_DELAY_SECONDS)
            return PollResult(error=err)
        except BackendError as err:
            self.failures += 1
            self.wait_hint = 0.0
            return PollResult(error=err)
        self.failures = 0
        self.wait_hint = 0.0
        return result

    def _poll(self, full: bool) -> PollResult:
        backend = self._backend()
        since = None if full else self.cache.latest_update()
        looked = self.cache.refreshed_at() or 0.0
        fresh = backend.list_mine(since=since)
        # The one read of the whole cache; written only after every thread was compared, so
        # a helpdesk that fails half-way leaves the cache as it was and the next poll retries.
        pending = self.cache.compare(fresh, complete=since is None)
        changes: list[Change] = []
        for ticket in fresh:
            old = pending.before.get(ticket.id)
            if old is None:
                continue  # new to us: the baseline, or filed from this computer
            old_status, old_updated = old
            updated = seconds(ticket.updated_at)
            same = old_updated == updated and old_status == ticket.status.value
            # Update times have whole seconds: a change in the second of the last look has
            # the same stamp, so only those few tickets get their thread compared again.
            if same and updated < looked - 1:
                continue
            change = self._compare(
                backend,
                Status.parse(old_status),
                datetime.fromtimestamp(old_updated, UTC),
                ticket,
                same,
            )
            if change is not None:
                changes.append(self._ask_once(change, updated))
        stored = self.cache.apply(pending)
        return PollResult(changes=changes, tickets=list(fresh), stored=stored)

    def _ask_once(self, change: Change, updated: int) -> Change:
        """Mark a fresh resolution as the one to ask "Is it solved?" about, once: its name
        is the status history's stamp for it (:func:`app.core.closure.resolution`)."""
        if self.closure is None or change.status not in FINISHED or change.old_status in FINISHED:
            return change
        stamp = format_time(datetime.fromtimestamp(updated, UTC))
        if not self.closure.mark_asked(change.ticket_id, stamp):
            return change
        return replace(change, ask_solved=True)

    def _compare(
        self,
        backend: Backend,
        old_status: Status,
        old_updated: datetime,
        new: Ticket,
        same: bool = False,
    ) -> Change | None:
        cached = self.cache.messages(new.id)
        messages = backend.messages(new.id)
        self.cache.save_messages(new.id, messages)
        if same and cached is None:
            return None  # nothing to compare with: this thread is now the baseline
        new_support, new_mine = _new_messages(cached, messages, old_updated)
        kinds: set[str] = set()
        author = snippet = ""
        if new_support:
            kinds.add("reply")
            author, snippet = new_support[-1].author, _snippet(new_support[-1].body)
        if new.status is not old_status:
            own_reopen = new_mine and not new_support and new.status in (Status.NEW, Status.OPEN)
            if not own_reopen:  # the requester's own reply reopened it: nothing to tell
                kinds.add("status")
        if not kinds:
            return None
        return Change(
            new.id, new.ref, new.subject, frozenset(kinds), new.status, old_status, author, snippet
        )


def spaced(
    interval: float, jitter: float, failures: int, wait_hint: float, rng: random.Random
) -> float:
    """Seconds until the next look at a server: the interval with jitter, doubled per
    failure up to :data:`MAX_BACKOFF_SECONDS`, and never sooner than a rate limit asked
    (plus jitter). Shared by every poller (tickets here, known problems in
    :mod:`app.services.known_problems`), so all of them space their calls the same way."""
    base = interval
    if failures:
        base = min(MAX_BACKOFF_SECONDS, interval * 2 ** min(failures, 10))
    delay = base * (1 + rng.uniform(-jitter, jitter))
    if wait_hint > 0:
        return max(delay, wait_hint + interval * rng.uniform(0, jitter))
    return delay


def _new_messages(
    cached: list[Message] | None, messages: list[Message], since: datetime
) -> tuple[list[Message], list[Message]]:
    """Messages not seen before: by id when the thread was cached, else by time."""
    if cached is not None:
        seen = {m.id for m in cached}
        fresh = [m for m in messages if m.id not in seen]
    else:
        fresh = [m for m in messages if m.created_at >= since]
    return ([m for m in fresh if not m.from_requester], [m for m in fresh if m.from_requester])


def _snippet(text: str, width: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def visible(changes: list[Change], muted: list[str] | tuple[str, ...]) -> list[Change]:
    """The changes the user still wants to hear about (a change is muted if all its kinds are)."""
    mute = set(muted)
    return [c for c in changes if not c.kinds <= mute]
