"""Closure the person confirms: which resolutions were asked about, and how they were answered.

When support resolves a request, Helpline asks once "Is it solved?" (issue 18, part 3): in
the notification and in the conversation. A *resolution* is one passage of a ticket from an
unfinished status into resolved or closed, named by when it was first seen there (the cache's
status history), so a request reopened and resolved again is asked about again, and the same
resolution never twice. A ticket already resolved when Helpline first saw it is not asked
about: nobody wants questions about last year's printer.

The answers live in one small JSON file in the data folder, written whole through a temporary
file (a crash leaves the old one), so the tray and *My requests* agree across restarts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.cache import StatusChange
from app.core.model import Status, format_time

FINISHED = (Status.RESOLVED, Status.CLOSED)
#: How the person answered: confirmed solved, said it is not, or closed the question.
ANSWERS = ("solved", "not_fixed", "dismissed")
#: 👍 / 👎, or no rating.
RATINGS = ("good", "bad", "")
_KEEP = 500  # the newest resolutions remembered; older ones are long past asking


def resolution(history: Sequence[StatusChange]) -> str:
    """The current resolution's name: when the ticket last went from an unfinished status
    into resolved or closed ("" while unfinished, or when it was finished from the start)."""
    key = ""
    previous: Status | None = None
    for change in history:
        finished = change.status in FINISHED
        if finished and previous is not None and previous not in FINISHED:
            key = format_time(change.at)
        elif not finished:
            key = ""
        previous = change.status
    return key


@dataclass(frozen=True)
class Feedback:
    """What the person said with "Yes, it is solved": an optional 👍/👎 and comment."""

    rating: str = ""
    comment: str = ""

    def __post_init__(self) -> None:
        if self.rating not in RATINGS:
            raise ValueError(self.rating)

    @property
    def empty(self) -> bool:
        return not self.rating and not self.comment.strip()

    def to_dict(self) -> dict[str, str]:
        return {"rating": self.rating, "comment": self.comment}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Feedback:
        return cls(str(data.get("rating") or ""), str(data.get("comment") or ""))


class ClosureLedger:
    """Per ticket and resolution: asked (the notification offered the question) and answered."""

    def __init__(self, root: Path) -> None:
        self.path = root / "closure.json"

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        if len(data) > _KEEP:
            data = dict(list(data.items())[-_KEEP:])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".closure-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, self.path)

    @staticmethod
    def _key(ticket_id: str, resolved: str) -> str:
        return f"{ticket_id}@{resolved}"

    def state(self, ticket_id: str, resolved: str) -> dict[str, str]:
        return dict(self._read().get(self._key(ticket_id, resolved)) or {})

    def should_ask(self, ticket_id: str, resolved: str) -> bool:
        """Whether "Is it solved?" is still open for this resolution ("" never is)."""
        return bool(resolved) and not self.state(ticket_id, resolved).get("answer")

    def mark_asked(self, ticket_id: str, resolved: str) -> bool:
        """Note that the notification asked; False when it had asked before (ask once)."""
        if not resolved:
            return False
        data = self._read()
        entry = data.setdefault(self._key(ticket_id, resolved), {})
        if entry.get("asked"):
            return False
        entry["asked"] = "1"
        self._write(data)
        return True

    def answer(self, ticket_id: str, resolved: str, answer: str) -> None:
        if answer not in ANSWERS:
            raise ValueError(answer)
        data = self._read()
        entry = data.setdefault(self._key(ticket_id, resolved), {})
        entry["answer"] = answer
        self._write(data)
