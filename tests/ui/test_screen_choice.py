"""Choosing a screen crops the capture taken before the wizard opened; one screen, no choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from app.ui.context import WizardContext
from app.ui.tasks import InlineRunner
from app.ui.widgets.screen_choice import ScreenChoice, crop_to_screen, screen_rect
from app.ui.widgets.screenshot_panel import ScreenshotPanel
from tests.ui.test_pages_last import (
    _finish_background_work,  # noqa: F401  (autouse fixture)
    data_root,  # noqa: F401  (fixture)
    make_context,
)

LEFT, RIGHT = QColor("#d03030"), QColor("#3050d0")
#: A 1920×1080 screen on the left and a 1280×1024 one to its right, a little lower down.
SCREENS = [
    {"name": "DP-1", "x": 0, "y": 0, "width": 1920, "height": 1080, "scale": 1.0, "primary": True},
    {
        "name": "HDMI-1",
        "x": 1920,
        "y": 56,
        "width": 1280,
        "height": 1024,
        "scale": 1.0,
        "primary": False,
    },
]


def two_screen_capture(scale: float = 0.1) -> QImage:
    """What grab_desktop composes for SCREENS, drawn small (the ratio is what matters)."""
    image = QImage(round(3200 * scale), round(1080 * scale), QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))  # the gap below the shorter screen stays black
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, round(1920 * scale), round(1080 * scale)), LEFT)
    painter.fillRect(
        QRect(round(1920 * scale), round(56 * scale), round(1280 * scale), round(1024 * scale)),
        RIGHT,
    )
    painter.end()
    return image


def _panel(qtbot: Any, ctx: WizardContext) -> ScreenshotPanel:
    """The Evidence page's screenshot box on its own, as the page builds it."""
    panel = ScreenshotPanel(ctx)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.show()
    return panel


def only(image: QImage, colour: QColor) -> bool:
    return all(
        image.pixelColor(x, y) == colour
        for x in range(image.width())
        for y in range(image.height())
    )


def test_each_screen_is_cut_from_its_place_in_the_capture() -> None:
    capture = two_screen_capture()
    assert screen_rect(capture, SCREENS, 0) == QRect(0, 0, 192, 108)
    assert screen_rect(capture, SCREENS, 1) == QRect(192, 6, 128, 102)
    assert only(crop_to_screen(capture, SCREENS, 0), LEFT)
    assert only(crop_to_screen(capture, SCREENS, 1), RIGHT)
    assert crop_to_screen(capture, SCREENS, None) is capture


def test_a_scaled_screen_is_placed_by_its_logical_size() -> None:
    # The right screen is 2560×2048 device pixels at scale 2: 1280×1024 on the desktop.
    screens = [SCREENS[0], {**SCREENS[1], "width": 2560, "height": 2048, "scale": 2.0}]
    capture = two_screen_capture(scale=0.2)  # grab_desktop draws at the highest scale
    assert screen_rect(capture, screens, 1) == QRect(384, 11, 256, 205)
    assert only(crop_to_screen(capture, screens, 1).copy(QRect(1, 1, 250, 200)), RIGHT)


def test_the_evidence_page_offers_the_screens_and_sends_the_chosen_one(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root, runner=InlineRunner())  # encodes at once, no worker
    capture = two_screen_capture()
    ctx.screenshot = capture
    panel = _panel(qtbot, ctx)
    choice = panel.screen_choice
    assert choice.isHidden()  # the offscreen platform has one screen
    panel._capture = capture  # the capture this (fake) desktop was taken with
    panel.set_screens(SCREENS)
    assert choice.isVisible()
    assert [choice.combo.itemText(i) for i in range(choice.combo.count())] == [
        "Whole desktop",
        "DP-1 (1920 × 1080), main screen",
        "HDMI-1 (1280 × 1024)",
    ]
    choice.choose(1)
    assert (
        ctx.screenshot is not None
        and ctx.screenshot.size() == capture.copy(QRect(192, 6, 128, 102)).size()
    )
    assert only(ctx.screenshot, RIGHT)
    assert ctx.screenshot_png is not None
    sent = QImage.fromData(
        next(f.data for f in ctx.evidence_files() if f.filename == "screenshot.png")
    )
    assert (sent.width(), sent.height()) == (128, 102) and only(sent, RIGHT)
    choice.choose(None)
    assert ctx.screenshot is capture  # the whole desktop again, from the same capture
    choice.choose(0)
    assert only(ctx.screenshot, LEFT)


def test_after_an_edit_the_capture_is_dropped_and_the_choice_disabled(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root, runner=InlineRunner())  # encodes at once, no worker
    ctx.screenshot = two_screen_capture()
    panel = _panel(qtbot, ctx)
    panel._capture = ctx.screenshot
    panel.set_screens(SCREENS)
    panel.screen_choice.choose(0)
    edited = ctx.screenshot.copy()
    edited.fill(QColor(0, 0, 0))  # what the editor hands back after a black-out
    # What "Use this screenshot" calls (the dialog itself is covered in test_evidence_privacy).
    panel._use_edit(edited)
    assert panel._capture is None  # the unedited picture is not kept
    assert not panel.screen_choice.isEnabled()
    assert ctx.screenshot is edited
    panel.choose_screen(1)  # nothing left to cut from: the edit stays
    assert ctx.screenshot is edited


def test_one_screen_hides_the_choice(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    choice = ScreenChoice(parent)
    parent.show()
    choice.set_screens(SCREENS)
    assert choice.isVisible()
    choice.set_screens(SCREENS[:1])
    assert not choice.isVisible()
    choice.set_screens([{k: v for k, v in s.items() if k not in ("x", "y")} for s in SCREENS])
    assert not choice.isVisible()  # without positions nothing can be cut
