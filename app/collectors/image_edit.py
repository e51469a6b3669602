"""The edits a user makes to a screenshot before it is sent, as plain geometry (no Qt).

An :class:`Edit` is one tool applied between two points in *image* pixels: the editor
records them as the user drags, and ``app.collectors.screenshot.apply_edits`` paints them on
a copy of the image, in order. Keeping the list separate from the pixels is what makes
Undo and Reset cheap and exact, and lets tests check the geometry without a screen.

The sizes here scale with the image, so a mark on a 4K screenshot is as visible, and a blur
as strong, as on a small one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

#: A drag shorter than this, in image pixels, is a click, not an edit.
MIN_DRAG = 3
#: Pixelation block at 1080p; the blur block grows with the image (see blur_block).
BLUR_BLOCK = 12
#: Marks in a red that reads on light and dark themes alike (GNOME's red 3).
MARK_RGB = (224, 27, 36)

Point = tuple[int, int]


class Tool(StrEnum):
    BLACK_OUT = "black_out"
    BLUR = "blur"
    ARROW = "arrow"
    BOX = "box"

    @property
    def hides(self) -> bool:
        """True for the tools that remove information (and so must cover whole pixels)."""
        return self in (Tool.BLACK_OUT, Tool.BLUR)


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Edit:
    """One tool dragged from ``start`` to ``end`` (image pixels, either order)."""

    tool: Tool
    start: Point
    end: Point

    @property
    def rect(self) -> Rect:
        """The pixels between the two points, both corners included."""
        (x0, y0), (x1, y1) = self.start, self.end
        return Rect(min(x0, x1), min(y0, y1), abs(x1 - x0) + 1, abs(y1 - y0) + 1)

    def clamped(self, width: int, height: int) -> Edit:
        """The same edit with both points moved inside a ``width`` x ``height`` image."""

        def inside(point: Point) -> Point:
            return (min(max(point[0], 0), width - 1), min(max(point[1], 0), height - 1))

        return Edit(self.tool, inside(self.start), inside(self.end))

    def is_click(self) -> bool:
        """True when the drag was too short to mean anything; the editor drops it."""
        (x0, y0), (x1, y1) = self.start, self.end
        if self.tool is Tool.ARROW:
            return math.hypot(x1 - x0, y1 - y0) < MIN_DRAG
        return abs(x1 - x0) < MIN_DRAG or abs(y1 - y0) < MIN_DRAG


def stroke_width(width: int, height: int) -> int:
    """Pen width for arrows and boxes: 3 px on a small image, thicker on a large one."""
    return max(3, round(min(width, height) / 270))


def blur_block(width: int, height: int) -> int:
    """Pixelation block size: 12 px at 1080p, more on larger (HiDPI) screenshots.

    Text is a few blocks tall at most, so it cannot be read; the block is then smoothed.
    Pixelation alone of small text can sometimes be reversed (the Depix attack), which is
    why the editor tells users to black out passwords rather than blur them.
    """
    return max(BLUR_BLOCK, round(min(width, height) / 90))


def arrow_head(start: Point, end: Point, size: float) -> tuple[tuple[float, float], ...]:
    """The head's three corners: the tip at ``end``, the barbs ``size`` back at 28 degrees."""
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    spread = math.radians(28)
    barbs = tuple(
        (
            end[0] - size * math.cos(angle + side * spread),
            end[1] - size * math.sin(angle + side * spread),
        )
        for side in (-1, 1)
    )
    return ((float(end[0]), float(end[1])), *barbs)


def arrow_shaft_end(start: Point, end: Point, size: float) -> tuple[float, float]:
    """Where the shaft stops, inside the head, so its square cap never pokes past the tip."""
    length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
    back = min(size * 0.8, length)
    return (
        end[0] - (end[0] - start[0]) * back / length,
        end[1] - (end[1] - start[1]) * back / length,
    )


def head_size(width: int, height: int) -> float:
    return 4.5 * stroke_width(width, height)
