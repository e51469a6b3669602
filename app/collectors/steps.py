"""A recording of the steps that led to a problem, as plain data (no Qt).

One screenshot shows where a problem ended, not how the user got there. A recording keeps
what a help desk analyst would otherwise ask about: each click as a picture of the screen
with the click point marked, the window's title and program, the time; typing only as a
count of keystrokes (the keys themselves are never seen by this module, nor stored); and
the user's own notes. The faces add the pictures (``app.collectors.steps_capture``) and the
captions in the user's language; ``app.collectors.steps_report`` turns the steps into the
one attachment that is sent.

The limits IT sets (``steps.max_steps``, ``steps.max_minutes``) are kept here, so the
wizard and ``helpline record`` stop at the same point for the same reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    CLICK = "click"  # a mouse click anywhere on the desktop, with a picture
    TYPED = "typed"  # keystrokes in a row, counted only
    NOTE = "note"  # the user's own words, added from the bar
    MANUAL = "manual"  # "Capture this step" where clicks cannot be seen


class Stop(StrEnum):
    """Why a recording ended; each face words it (the wizard through tr(), the CLI's table)."""

    USER = "user"
    MAX_STEPS = "max_steps"
    MAX_MINUTES = "max_minutes"
    SIGNAL = "signal"


@dataclass
class Step:
    """One step. ``x``/``y`` are the click point in the picture's own pixels (-1: none);
    ``picture`` the encoded image once a worker has made it (None while pending or for
    steps without one)."""

    kind: Kind
    at: datetime
    title: str = ""
    program: str = ""
    x: int = -1
    y: int = -1
    keystrokes: int = 0
    note: str = ""
    caption: str = ""
    picture: bytes | None = None
    mime: str = ""
    width: int = 0
    height: int = 0
    #: A small picture for the review list (a face's own image type; never sent).
    thumbnail: object | None = None

    @property
    def has_picture(self) -> bool:
        return self.kind in (Kind.CLICK, Kind.MANUAL)


@dataclass
class Recording:
    """The steps and the limits; time is measured while recording, pauses excluded."""

    max_steps: int = 50
    max_minutes: float = 5.0
    clock: Callable[[], float] = time.monotonic
    steps: list[Step] = field(default_factory=list)
    stopped: Stop | None = None
    _started: float | None = None
    _paused_at: float | None = None
    _paused_total: float = 0.0

    def start(self) -> None:
        self._started = self.clock()

    @property
    def running(self) -> bool:
        return self._started is not None and self.stopped is None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> None:
        if self.running and self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float:
        """Seconds recorded so far, pauses left out."""
        if self._started is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._started - self._paused_total)

    @property
    def listening(self) -> bool:
        """Whether a click or a keystroke now becomes a step."""
        return self.running and not self.paused

    def out_of_time(self) -> bool:
        return self.elapsed() >= self.max_minutes * 60

    def full(self) -> bool:
        return len(self.steps) >= self.max_steps

    def stop(self, reason: Stop) -> None:
        if self.stopped is None:
            self.resume()
            self.stopped = reason

    def add(self, step: Step) -> bool:
        """Keep ``step`` if the recording listens and has room; stop at the limit.

        Returns whether it was kept. The step that reaches the limit is kept, and the
        recording stops with :attr:`Stop.MAX_STEPS` after it.
        """
        if not self.listening:
            return False
        if self.out_of_time():
            self.stop(Stop.MAX_MINUTES)
            return False
        self.steps.append(step)
        if self.full():
            self.stop(Stop.MAX_STEPS)
        return True

    def typed(self, at: datetime, keys: int = 1) -> Step | None:
        """Count keystrokes: onto the last step when it is typing, else as a new step."""
        if not self.listening:
            return None
        if self.steps and self.steps[-1].kind is Kind.TYPED:
            self.steps[-1].keystrokes += keys
            return self.steps[-1]
        step = Step(Kind.TYPED, at, keystrokes=keys)
        return step if self.add(step) else None

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            del self.steps[index]

    def captions(self) -> list[str]:
        """The captions as the request text lists them."""
        return [s.caption for s in self.steps if s.caption]


def inside(point: tuple[int, int], rect: tuple[int, int, int, int]) -> bool:
    """Whether ``point`` lies in ``rect`` (x, y, width, height)."""
    x, y = point
    rx, ry, rw, rh = rect
    return rx <= x < rx + rw and ry <= y < ry + rh
