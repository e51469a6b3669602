"""Is this summary about a problem the requester already has open?

Run while the user types in the wizard, against the open tickets in the
local cache (no network), so the check must be cheap and bounded: each
ticket costs a set intersection and, only when the words overlap, one
difflib ratio; the loop stops at ``budget_seconds`` whatever it has found.
Matching is deliberately modest (shared meaningful words, similar wording):
a wrong suggestion costs the user one click on "No", a missed one costs
support a duplicate ticket.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.core.model import Ticket

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORD_TEXT = """
a an and are as at be but by can cannot cant does doesnt dont for from has have i in is isnt
it its my no not of on or so the this to was when while will with won wont work works working
after again all any get gets got me now only still very
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
THRESHOLD = 0.45


@dataclass(frozen=True)
class Match:
    ticket: Ticket
    score: float


def words(text: str) -> frozenset[str]:
    """Meaningful lower-case words, with a plural "s" dropped so "printers" meets "printer"."""
    out = set()
    for word in _WORD.findall(text.casefold()):
        if word in STOPWORDS or len(word) < 2:
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return frozenset(out)


def score(summary: str, other: str, summary_words: frozenset[str] | None = None) -> float:
    """0 (unrelated) to 1 (same wording): word overlap blended with character similarity."""
    mine = summary_words if summary_words is not None else words(summary)
    theirs = words(other)
    if not mine or not theirs:
        return 0.0
    shared = len(mine & theirs)
    if not shared:
        return 0.0
    overlap = shared / min(len(mine), len(theirs))
    jaccard = shared / len(mine | theirs)
    ratio = SequenceMatcher(None, summary.casefold(), other.casefold()).ratio()
    return round(0.45 * overlap + 0.25 * jaccard + 0.30 * ratio, 3)


def similar_open(
    summary: str,
    tickets: Iterable[Ticket],
    limit: int = 3,
    threshold: float = THRESHOLD,
    budget_seconds: float = 0.15,
) -> list[Match]:
    """Open tickets whose summary resembles ``summary``, best first, within the time budget."""
    mine = words(summary)
    if len(mine) < 2:  # one word ("printer") says too little to suggest anything
        return []
    deadline = time.monotonic() + budget_seconds
    found: list[Match] = []
    for index, ticket in enumerate(tickets):
        if index % 64 == 0 and time.monotonic() > deadline:
            break
        if not ticket.is_open:
            continue
        value = score(summary, ticket.subject, mine)
        if value >= threshold:
            found.append(Match(ticket, value))
    found.sort(key=lambda m: (-m.score, m.ticket.id))
    return found[:limit]
