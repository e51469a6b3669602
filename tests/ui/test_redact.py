"""The screenshot editor, driven as a user would: drags, keys, the wheel, OK and Cancel."""

from __future__ import annotations

import math
import statistics
from array import array
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QToolButton
from pytestqt.qtbot import QtBot

from app.collectors.image_edit import MARK_RGB, Tool, stroke_width
from app.ui.widgets.redact import RedactDialog

W, H = 240, 160
WHITE = QColor("white").rgb()
BLACK = QColor("black").rgb()


def _pixels(image: QImage) -> array:
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    words = array("I")
    words.frombytes(bytes(rgb.constBits()))
    assert len(words) == rgb.width() * rgb.height()
    return words


def _plain() -> QImage:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    return image


def _checkerboard(cell: int = 2) -> QImage:
    """Black and white cells: the worst case for a blur (the most contrast per pixel)."""
    image = _plain()
    for y in range(H):
        for x in range(W):
            if (x // cell + y // cell) % 2:
                image.setPixel(x, y, BLACK)
    return image


def _changed(before: QImage, after: QImage) -> set[tuple[int, int]]:
    old, new = _pixels(before), _pixels(after)
    return {(i % W, i // W) for i in range(len(old)) if old[i] != new[i]}


def _inside(x0: int, y0: int, x1: int, y1: int) -> Iterator[tuple[int, int]]:
    return ((x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1))


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Callable[[QImage], RedactDialog]:
    """Show the editor at 100 % so widget and image pixels coincide (zoom has its own test)."""

    def make(image: QImage) -> RedactDialog:
        dialog = RedactDialog(image)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.activateWindow()  # shortcuts reach the active window only
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.view.zoom_to(1.0)
        return dialog

    return make


def drag(qtbot: QtBot, dialog: RedactDialog, start: tuple[int, int], end: tuple[int, int]) -> None:
    canvas = dialog.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*start))
    qtbot.mouseMove(canvas, QPoint((start[0] + end[0]) // 2, (start[1] + end[1]) // 2))
    qtbot.mouseMove(canvas, QPoint(*end))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*end))


def test_black_out_makes_every_pixel_in_the_rectangle_black(qtbot: QtBot, open_dialog) -> None:
    original = _checkerboard()
    dialog = open_dialog(original)
    drag(qtbot, dialog, (20, 30), (80, 70))
    result = dialog.result_image()
    pixels = _pixels(result)
    assert all(pixels[y * W + x] == BLACK for x, y in _inside(20, 30, 80, 70))
    assert _changed(original, result) <= set(_inside(20, 30, 80, 70))  # nothing outside


def test_a_drag_past_the_edge_covers_up_to_the_edge(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    dialog.view.zoom_to(0.5)  # the canvas is small; the drag ends beyond it
    drag(qtbot, dialog, (100, 60), (W, H))
    pixels = _pixels(dialog.result_image())
    assert all(pixels[y * W + x] == BLACK for x, y in _inside(200, 120, W - 1, H - 1))


def test_blur_leaves_text_sized_detail_unreadable(qtbot: QtBot, open_dialog) -> None:
    original = _checkerboard(cell=2)
    dialog = open_dialog(original)
    dialog.select_tool(Tool.BLUR)
    drag(qtbot, dialog, (40, 20), (199, 139))
    result = dialog.result_image()
    before, after = _pixels(original), _pixels(result)
    area = list(_inside(40, 20, 199, 139))
    assert all(after[y * W + x] != before[y * W + x] for x, y in area)
    grey = [QColor(after[y * W + x]).red() for x, y in area]
    was = [QColor(before[y * W + x]).red() for x, y in area]
    assert statistics.pvariance(was) > 16000  # black and white
    assert statistics.pvariance(grey) < 50  # one flat grey: nothing left to read
    assert _changed(original, result) <= set(area)


def _distance_to_segment(p: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length2))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


def test_arrow_changes_pixels_along_its_path_only(qtbot: QtBot, open_dialog) -> None:
    original = _plain()
    dialog = open_dialog(original)
    dialog.select_tool(Tool.ARROW)
    start, end = (30, 130), (200, 30)
    drag(qtbot, dialog, start, end)
    result = dialog.result_image()
    changed = _changed(original, result)
    head = 4.5 * stroke_width(W, H)  # the arrow head's length
    assert changed, "the arrow drew nothing"
    assert all(_distance_to_segment(p, start, end) <= head + 1 for p in changed)
    middle = ((start[0] + end[0]) // 2, (start[1] + end[1]) // 2)
    assert result.pixelColor(*middle).getRgb()[:3] == MARK_RGB
    near_tip = (end[0] - 4, end[1] + 3)  # inside the filled head
    assert result.pixelColor(*near_tip).getRgb()[:3] == MARK_RGB
    # The corners of the arrow's bounding box are far from its path: untouched.
    assert result.pixelColor(35, 35).rgb() == WHITE
    assert result.pixelColor(195, 125).rgb() == WHITE


def test_box_draws_a_red_outline_and_leaves_the_inside(qtbot: QtBot, open_dialog) -> None:
    original = _plain()
    dialog = open_dialog(original)
    dialog.select_tool(Tool.BOX)
    drag(qtbot, dialog, (30, 40), (170, 120))
    result = dialog.result_image()
    pen = stroke_width(W, H)
    edge = set(_inside(30, 40, 170, 120)) - set(_inside(30 + pen, 40 + pen, 170 - pen, 120 - pen))
    assert _changed(original, result) <= edge
    for point in ((100, 41), (31, 80), (169, 80), (100, 119)):  # one point on each side
        assert result.pixelColor(*point).getRgb()[:3] == MARK_RGB, point
    assert result.pixelColor(100, 80).rgb() == WHITE


def test_undo_and_reset_restore_the_picture(qtbot: QtBot, open_dialog) -> None:
    original = _checkerboard()
    dialog = open_dialog(original)
    assert not dialog.undo_action.isEnabled()
    drag(qtbot, dialog, (10, 10), (60, 60))
    after_one = dialog.result_image()
    dialog.select_tool(Tool.BLUR)
    drag(qtbot, dialog, (100, 50), (200, 150))
    assert dialog.undo_action.isEnabled() and len(dialog.canvas.edits) == 2
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result_image() == after_one
    dialog.select_tool(Tool.BOX)
    drag(qtbot, dialog, (100, 50), (200, 150))
    dialog.reset_action.trigger()
    assert dialog.result_image() == original.convertToFormat(QImage.Format.Format_RGB32)
    assert not dialog.undo_action.isEnabled() and not dialog.reset_action.isEnabled()


def test_a_click_is_not_an_edit_and_escape_cancels_a_drag(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    qtbot.mouseClick(dialog.canvas, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert dialog.canvas.edits == ()
    qtbot.mousePress(dialog.canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseMove(dialog.canvas, QPoint(90, 90))
    # The drag shows a preview on screen, but the picture is unchanged until release.
    preview = dialog.canvas.grab().toImage()
    assert preview.pixelColor(50, 50) == QColor("black")
    assert dialog.result_image().pixelColor(50, 50) == QColor("white")
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(dialog.canvas, Qt.MouseButton.LeftButton, pos=QPoint(90, 90))
    assert dialog.canvas.edits == () and dialog.isVisible()


def test_keyboard_shortcuts_and_mnemonics_select_tools(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    assert dialog.canvas.tool is Tool.BLACK_OUT
    for key, tool in (
        (Qt.Key.Key_U, Tool.BLUR),
        (Qt.Key.Key_A, Tool.ARROW),
        (Qt.Key.Key_R, Tool.BOX),
        (Qt.Key.Key_B, Tool.BLACK_OUT),
    ):
        qtbot.keyClick(dialog, key)
        assert dialog.canvas.tool is tool
        assert dialog.tool_actions[tool].isChecked()
    # Alt+U is the Blur button's mnemonic (a checkable button clicks after a short animation).
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.canvas.tool is Tool.BLUR)


def test_toolbar_buttons_have_names_and_mnemonics(open_dialog) -> None:
    dialog = open_dialog(_plain())
    buttons = dialog.toolbar.findChildren(QToolButton)
    named = {b.objectName(): b for b in buttons if b.defaultAction() is not None}
    assert {
        "blackOutButton",
        "blurButton",
        "arrowButton",
        "boxButton",
        "undoButton",
        "resetButton",
        "zoomFitButton",
        "zoomActualButton",
        "zoomInButton",
        "zoomOutButton",
    } <= set(named)
    mnemonics = []
    for button in named.values():
        assert button.accessibleName() and "&" not in button.accessibleName()
        assert button.text().count("&") == 1, button.text()
        mnemonics.append(button.text().lower().split("&")[1][0])
    assert len(mnemonics) == len(set(mnemonics)), "two buttons share a mnemonic"
    assert dialog.canvas.accessibleName() and dialog.view.accessibleName()


def test_zoom_keys_wheel_and_fit(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    canvas = dialog.canvas
    qtbot.keyClick(dialog, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(1.25)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(0.8)
    assert (canvas.width(), canvas.height()) == (round(W * 0.8), round(H * 0.8))
    assert dialog.zoom_label.text() == "Zoom: 80 %"

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        pos = QPointF(10, 10)
        event = QWheelEvent(
            pos,
            QPointF(dialog.view.viewport().mapToGlobal(pos.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(dialog.view.viewport(), event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(1.0)
    wheel(Qt.KeyboardModifier.NoModifier)  # plain wheel scrolls, never zooms
    assert canvas.zoom == pytest.approx(1.0)

    dialog.resize(400, 300)
    dialog.fit_action.trigger()
    room = dialog.view.viewport().size()
    assert canvas.width() <= room.width() and canvas.height() <= room.height()
    assert canvas.width() == room.width() or canvas.height() == room.height() or canvas.zoom == 1.0
    dialog.actual_action.trigger()
    assert canvas.zoom == 1.0


def test_drags_map_to_image_pixels_at_any_zoom(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    dialog.view.zoom_to(0.5)
    drag(qtbot, dialog, (10, 10), (50, 40))
    (edit,) = dialog.canvas.edits
    assert (edit.start, edit.end) == ((20, 20), (100, 80))
    pixels = _pixels(dialog.result_image())
    assert all(pixels[y * W + x] == BLACK for x, y in _inside(20, 20, 100, 80))


def test_accept_returns_the_edit_and_forgets_the_original(qtbot: QtBot, open_dialog) -> None:
    original = _checkerboard()
    kept = QImage(original)
    dialog = open_dialog(original)

    def edit_and_accept() -> None:
        drag(qtbot, dialog, (20, 20), (100, 100))
        dialog.accept()

    QTimer.singleShot(0, edit_and_accept)
    assert dialog.exec() == QDialog.DialogCode.Accepted.value
    result = dialog.result_image()
    assert result.pixelColor(50, 50) == QColor("black")
    assert original == kept  # the caller's image is never painted on
    # The editor holds the edited picture only: undo has nothing to go back to.
    dialog.canvas.undo()
    assert dialog.canvas.image() == result and dialog.canvas.edits == ()


def test_cancel_gives_no_image(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    drag(qtbot, dialog, (20, 20), (100, 100))
    dialog.reject()
    assert dialog.result_image().isNull()


def test_ctrl_wheel_keeps_the_point_under_the_pointer(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_checkerboard())
    dialog.resize(400, 300)
    dialog.view.zoom_to(2.0)  # larger than the view, so it scrolls
    viewport = dialog.view.viewport()
    anchor = QPoint(viewport.width() // 3, viewport.height() // 3)
    under = dialog.canvas.to_image(dialog.canvas.mapFrom(viewport, anchor))
    event = QWheelEvent(
        QPointF(anchor),
        QPointF(viewport.mapToGlobal(anchor)),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    assert dialog.canvas.zoom == pytest.approx(2.5)
    after = dialog.canvas.to_image(dialog.canvas.mapFrom(viewport, anchor))
    assert abs(after[0] - under[0]) <= 1 and abs(after[1] - under[1]) <= 1


def test_the_keyboard_can_black_out_without_a_mouse(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog(_plain())
    canvas = dialog.canvas
    canvas.setFocus()
    # The cross starts in the middle (120, 80); arrows move 10 px, Shift+arrow 1 px.
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Up):
        qtbot.keyClick(canvas, key)
    qtbot.keyClick(canvas, Qt.Key.Key_Space)  # first corner at (100, 70)
    for key in (Qt.Key.Key_Right,) * 5 + (Qt.Key.Key_Down,) * 3:
        qtbot.keyClick(canvas, key)
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.edits == ()  # nothing until the second corner
    qtbot.keyClick(canvas, Qt.Key.Key_Return)  # second corner at (151, 100); not "OK"
    (edit,) = canvas.edits
    assert (edit.tool, edit.start, edit.end) == (Tool.BLACK_OUT, (100, 70), (151, 100))
    assert dialog.isVisible()
    pixels = _pixels(dialog.result_image())
    assert all(pixels[y * W + x] == BLACK for x, y in _inside(100, 70, 151, 100))
    # The cross stays on the picture however far it is pushed.
    for _ in range(40):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)  # cancels the corner, keeps the dialog
    assert dialog.isVisible() and len(canvas.edits) == 1
