"""The geometry of screenshot edits, without Qt."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from app.collectors.image_edit import (
    MIN_DRAG,
    Edit,
    Rect,
    Tool,
    arrow_head,
    arrow_shaft_end,
    blur_block,
    head_size,
    stroke_width,
)

ROOT = Path(__file__).resolve().parents[2]


def test_rect_is_the_same_whichever_way_the_user_drags() -> None:
    expected = Rect(10, 20, 31, 41)
    for start, end in (((10, 20), (40, 60)), ((40, 60), (10, 20)), ((10, 60), (40, 20))):
        assert Edit(Tool.BLACK_OUT, start, end).rect == expected
    # Both corners are inside: the last covered pixel is x + width - 1, y + height - 1.
    assert (expected.x + expected.width - 1, expected.y + expected.height - 1) == (40, 60)


def test_clamped_keeps_both_points_inside_the_image() -> None:
    edit = Edit(Tool.BLUR, (-5, 30), (900, 700)).clamped(640, 480)
    assert (edit.start, edit.end) == ((0, 30), (639, 479))
    assert edit.tool is Tool.BLUR


@pytest.mark.parametrize(
    ("tool", "end", "click"),
    [
        (Tool.BLACK_OUT, (100 + MIN_DRAG, 100 + MIN_DRAG), False),
        (Tool.BLACK_OUT, (180, 100 + MIN_DRAG - 1), True),  # a line is not an area
        (Tool.BOX, (101, 101), True),
        (Tool.ARROW, (180, 100), False),  # a horizontal arrow is fine
        (Tool.ARROW, (101, 101), True),
    ],
)
def test_tiny_drags_are_clicks(tool: Tool, end: tuple[int, int], click: bool) -> None:
    assert Edit(tool, (100, 100), end).is_click() is click


def test_only_black_out_and_blur_hide() -> None:
    assert [t for t in Tool if t.hides] == [Tool.BLACK_OUT, Tool.BLUR]


def test_sizes_grow_with_the_image() -> None:
    assert stroke_width(320, 200) == 3 and stroke_width(3840, 2160) == 8
    assert blur_block(1920, 1080) == 12 and blur_block(3840, 2160) == 24
    assert blur_block(100, 100) == 12  # never weaker than the 1080p block


def test_arrow_head_points_back_along_the_shaft() -> None:
    start, end, size = (0, 0), (100, 0), 20.0
    tip, left, right = arrow_head(start, end, size)
    assert tip == (100.0, 0.0)
    for barb in (left, right):
        assert math.hypot(barb[0] - 100, barb[1]) == pytest.approx(size)
        assert barb[0] < 100
    assert left[1] == pytest.approx(-right[1]) and left[1] != 0
    shaft = arrow_shaft_end(start, end, size)
    assert 100 - size < shaft[0] < 100 and shaft[1] == pytest.approx(0)
    assert arrow_shaft_end((0, 0), (5, 0), size) == (0.0, 0.0)  # shorter than the head
    assert head_size(1920, 1080) == 4.5 * stroke_width(1920, 1080)


def test_image_edit_does_not_import_qt() -> None:
    code = (
        "import app.collectors.image_edit, sys; "
        "assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
