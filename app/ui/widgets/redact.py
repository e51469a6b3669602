"""The screenshot editor: black out, blur or mark parts of the picture before it is sent.

The editor keeps the caller's image and a list of :class:`~app.collectors.image_edit.Edit`
while it is open, and shows ``apply_edits(image, edits)``: exactly what would be sent. Undo
drops the last edit, Reset drops them all. When the dialog closes it forgets the original,
so only the edited picture leaves it (issue 3: "the edit is what is sent, and the original
is never stored"). All painting happens on QImage copies on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.collectors.image_edit import Edit, Tool
from app.collectors.screenshot import apply_edits, paint_mark

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.05, 8.0, 1.25
_STEPS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class RedactCanvas(QWidget):
    """The picture at the current zoom; dragging on it adds an edit with the current tool."""

    editsChanged = Signal()
    zoomChanged = Signal(float)
    #: The keyboard cross moved to this canvas position; the view keeps it in sight.
    cursorMoved = Signal(QPoint)

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactCanvas")
        self.setAccessibleName(self.tr("Screenshot"))
        self.setAccessibleDescription(
            self.tr(
                "Drag over the screenshot to black out, blur or mark a part of it. Without a "
                "mouse, move the cross with the arrow keys and press Space at two corners."
            )
        )
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._source = image.copy()
        self._edits: list[Edit] = []
        self._rendered = apply_edits(self._source, [])
        self._view: QPixmap | None = None  # the rendered image at this zoom, GUI thread only
        self._zoom = 1.0
        self._tool = Tool.BLACK_OUT
        self._drag: Edit | None = None
        self._cursor: tuple[int, int] | None = None  # keyboard cross, image pixels
        self._resize_to_zoom()

    # -- state --------------------------------------------------------------------------
    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        self._tool = tool

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(self._edits)

    def image(self) -> QImage:
        """The picture with every edit applied: what would be sent."""
        return self._rendered.copy()

    def add_edit(self, edit: Edit) -> None:
        edit = edit.clamped(self._source.width(), self._source.height())
        self._edits.append(edit)
        self._rendered = apply_edits(self._rendered, [edit])  # only the new one is painted
        self._changed()

    def undo(self) -> None:
        if self._edits:
            self._edits.pop()
            self._rendered = apply_edits(self._source, self._edits)
            self._changed()

    def reset(self) -> None:
        if self._edits:
            self._edits.clear()
            self._rendered = apply_edits(self._source, [])
            self._changed()

    def forget_original(self) -> None:
        """Drop the unedited picture; afterwards only the edited one exists here."""
        self._source = self._rendered.copy()
        self._edits.clear()
        self._changed()

    def _changed(self) -> None:
        self._view = None
        self.update()
        self.editsChanged.emit()

    # -- zoom ---------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        if abs(zoom - self._zoom) > 1e-6:
            self._zoom = zoom
            self._view = None
            self._resize_to_zoom()
            self.zoomChanged.emit(zoom)

    def image_size(self) -> QSize:
        return self._source.size()

    def _resize_to_zoom(self) -> None:
        size = self._source.size()
        self.setFixedSize(
            max(1, round(size.width() * self._zoom)), max(1, round(size.height() * self._zoom))
        )
        self.update()

    def to_image(self, pos: QPoint | QPointF) -> tuple[int, int]:
        """Widget position -> image pixel (not clamped; edits clamp themselves)."""
        return (int(pos.x() / self._zoom), int(pos.y() / self._zoom))

    # -- events -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            point = self.to_image(event.position())
            self._drag = Edit(self._tool, point, point)
            self._cursor = None  # the mouse took over from the keyboard
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = Edit(self._drag.tool, self._drag.start, self.to_image(event.position()))
            self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drag is not None:
            edit = Edit(self._drag.tool, self._drag.start, self.to_image(event.position()))
            self._drag = None
            if not edit.is_click():
                self.add_edit(edit)
            self.update()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape cancels a drag; arrows move a cross and Space (or Enter) sets each corner.

        The keyboard path draws exactly what a drag draws, for people who cannot drag.
        """
        key, mods = Qt.Key(event.key()), event.modifiers()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None  # cancel the drag, not the dialog
        elif key in _STEPS and not mods & ~Qt.KeyboardModifier.ShiftModifier:
            dx, dy = _STEPS[key]
            step = 1 if mods & Qt.KeyboardModifier.ShiftModifier else max(1, round(10 / self._zoom))
            x, y = self._cursor or self._centre()
            edge = self._source.width() - 1, self._source.height() - 1
            self._cursor = (
                min(max(x + dx * step, 0), edge[0]),
                min(max(y + dy * step, 0), edge[1]),
            )
            if self._drag is not None:
                self._drag = Edit(self._drag.tool, self._drag.start, self._cursor)
            self.cursorMoved.emit(
                QPoint(round(self._cursor[0] * self._zoom), round(self._cursor[1] * self._zoom))
            )
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            point = self._cursor = self._cursor or self._centre()
            if self._drag is None:
                self._drag = Edit(self._tool, point, point)
            else:
                edit, self._drag = Edit(self._drag.tool, self._drag.start, point), None
                if not edit.is_click():
                    self.add_edit(edit)
        else:
            super().keyPressEvent(event)
            return
        self.update()
        event.accept()

    def _centre(self) -> tuple[int, int]:
        return (self._source.width() // 2, self._source.height() // 2)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()  # hide the keyboard cross
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._view is None:
            # Scaled once per zoom or edit, at the screen's device pixels so HiDPI stays sharp.
            dpr = self.devicePixelRatioF()
            mode = (
                Qt.TransformationMode.FastTransformation
                if self._zoom * dpr >= 1
                else Qt.TransformationMode.SmoothTransformation
            )
            self._view = QPixmap.fromImage(
                self._rendered.scaled(
                    round(self.width() * dpr),
                    round(self.height() * dpr),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    mode,
                )
            )
            self._view.setDevicePixelRatio(dpr)
        with QPainter(self) as painter:
            painter.drawPixmap(0, 0, self._view)
            if self._drag is not None and not self._drag.is_click():
                self._paint_preview(painter, self._drag)
            if self._cursor is not None and self.hasFocus():
                self._paint_cross(painter, self._cursor)

    def _paint_cross(self, painter: QPainter, point: tuple[int, int]) -> None:
        """The keyboard cursor: a cross in black and white, visible on any content."""
        x, y = (point[0] + 0.5) * self._zoom, (point[1] + 0.5) * self._zoom
        for colour, width in ((QColor(255, 255, 255), 3), (QColor(0, 0, 0), 1)):
            painter.setPen(QPen(colour, width))
            painter.drawLine(QPointF(x - 9, y), QPointF(x + 9, y))
            painter.drawLine(QPointF(x, y - 9), QPointF(x, y + 9))

    def _paint_preview(self, painter: QPainter, edit: Edit) -> None:
        """The drag in progress, drawn over the picture (the picture itself is untouched)."""
        edit = edit.clamped(self._source.width(), self._source.height())
        painter.save()
        painter.scale(self._zoom, self._zoom)
        r = edit.rect
        area = QRectF(r.x, r.y, r.width, r.height)
        if edit.tool is Tool.BLACK_OUT:
            painter.fillRect(area, QColor(0, 0, 0))
        elif edit.tool is Tool.BLUR:
            # A shaded selection with a dark-and-light dashed edge: visible on any content.
            painter.fillRect(area, QColor(40, 40, 40, 110))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(255, 255, 255), 0))  # width 0: one screen pixel
            painter.drawRect(area)
            painter.setPen(QPen(QColor(0, 0, 0), 0, Qt.PenStyle.DashLine))
            painter.drawRect(area)
        else:
            paint_mark(painter, edit, self._source.width(), self._source.height())
        painter.restore()


class RedactView(QScrollArea):
    """Scrolls the canvas; Ctrl+wheel zooms; "fit" follows the window's size."""

    def __init__(self, canvas: RedactCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactView")
        self.setAccessibleName(self.tr("Screenshot preview"))
        self.setWidget(canvas)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidgetResizable(False)
        # A darker surround so the picture's own edges stay visible (the palette, not a
        # stylesheet: branding owns the stylesheet).
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.canvas = canvas
        self.fitting = True
        canvas.cursorMoved.connect(lambda p: self.ensureVisible(p.x(), p.y(), 24, 24))

    def fit_zoom(self) -> float:
        size, room = self.canvas.image_size(), self.viewport().size()
        if size.isEmpty():
            return 1.0
        return min(1.0, room.width() / size.width(), room.height() / size.height())

    def fit(self) -> None:
        self.fitting = True
        self.canvas.set_zoom(self.fit_zoom())

    def zoom_to(self, zoom: float) -> None:
        self.fitting = False
        self.canvas.set_zoom(zoom)

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom keeping the picture's point under ``anchor`` (viewport pixels) in place."""
        if anchor is None:
            anchor = self.viewport().rect().center()
        before = self.canvas.mapFrom(self.viewport(), anchor)
        old = self.canvas.zoom
        self.zoom_to(old * factor)
        ratio = self.canvas.zoom / old
        self.horizontalScrollBar().setValue(round(before.x() * ratio - anchor.x()))
        self.verticalScrollBar().setValue(round(before.y() * ratio - anchor.y()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps, event.position().toPoint())
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.canvas.set_zoom(self.fit_zoom())


#: (tool, objectName stem, label with mnemonic, shortcut, tooltip); the texts are marked
#: for lupdate here and translated where the actions are made.
_TOOLS = (
    (
        Tool.BLACK_OUT,
        "blackOut",
        QT_TRANSLATE_NOOP("RedactDialog", "&Black out"),
        "B",
        QT_TRANSLATE_NOOP("RedactDialog", "Cover an area with black (B)"),
    ),
    (
        Tool.BLUR,
        "blur",
        QT_TRANSLATE_NOOP("RedactDialog", "Bl&ur"),
        "U",
        QT_TRANSLATE_NOOP(
            "RedactDialog", "Blur an area so text cannot be read (U); for passwords, use Black out"
        ),
    ),
    (
        Tool.ARROW,
        "arrow",
        QT_TRANSLATE_NOOP("RedactDialog", "&Arrow"),
        "A",
        QT_TRANSLATE_NOOP("RedactDialog", "Draw a red arrow (A)"),
    ),
    (
        Tool.BOX,
        "box",
        QT_TRANSLATE_NOOP("RedactDialog", "&Red box"),
        "R",
        QT_TRANSLATE_NOOP("RedactDialog", "Draw a red box around an area (R)"),
    ),
)


class RedactDialog(QDialog):
    """Modal editor: ``RedactDialog(image, parent).exec()``, then :meth:`result_image`."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactDialog")
        self.setWindowTitle(self.tr("Hide or mark parts of the screenshot"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self._result: QImage | None = None
        self.canvas = RedactCanvas(image, self)
        self.view = RedactView(self.canvas, self)
        self.toolbar = QToolBar(self.tr("Screenshot tools"), self)
        self.toolbar.setObjectName("redactToolbar")
        self.toolbar.setAccessibleName(self.tr("Screenshot tools"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tool_actions: dict[Tool, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for tool, stem, label, key, tip in _TOOLS:
            action = self._action(
                stem, self.tr(str(label)), [key], self.tr(str(tip)), checkable=True
            )
            action.triggered.connect(lambda _=False, t=tool: self.select_tool(t))
            group.addAction(action)
            self.tool_actions[tool] = action
        self.toolbar.addSeparator()
        self.undo_action = self._action(
            "undo",
            self.tr("U&ndo"),
            [QKeySequence.StandardKey.Undo],
            self.tr("Take back the last change (Ctrl+Z)"),
        )
        self.undo_action.triggered.connect(self.canvas.undo)
        self.reset_action = self._action(
            "reset", self.tr("Rese&t"), [], self.tr("Take back every change")
        )
        self.reset_action.triggered.connect(self.canvas.reset)
        self.toolbar.addSeparator()
        self.fit_action = self._action(
            "zoomFit", self.tr("&Fit"), ["Ctrl+0"], self.tr("Show the whole screenshot (Ctrl+0)")
        )
        self.fit_action.triggered.connect(self.view.fit)
        self.actual_action = self._action(
            "zoomActual",
            self.tr("&100 %"),
            ["Ctrl+1"],
            self.tr("Show the screenshot at its real size (Ctrl+1)"),
        )
        self.actual_action.triggered.connect(lambda: self.view.zoom_to(1.0))
        self.zoom_in_action = self._action(
            "zoomIn",
            self.tr("Zoom &in"),
            ["Ctrl+=", "Ctrl++"],
            self.tr("Zoom in (Ctrl+= or Ctrl+wheel)"),
        )
        self.zoom_in_action.triggered.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out_action = self._action(
            "zoomOut", self.tr("Zoom &out"), ["Ctrl+-"], self.tr("Zoom out (Ctrl+- or Ctrl+wheel)")
        )
        self.zoom_out_action.triggered.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAccessibleName(self.tr("Zoom"))
        self.zoom_label.setContentsMargins(8, 0, 8, 0)
        widest = self.tr("Zoom: {0} %").format(800)  # no jitter as the number changes
        self.zoom_label.setMinimumWidth(
            self.zoom_label.fontMetrics().horizontalAdvance(widest) + 16
        )
        self.toolbar.addWidget(self.zoom_label)

        hint = QLabel(
            self.tr(
                "Drag over the screenshot to hide or mark a part of it (or use the arrow keys "
                "and press Space at two corners). The picture as shown here is exactly what "
                "will be sent; the unedited one is not kept."
            ),
            self,
        )
        hint.setObjectName("redactHint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.setObjectName("redactButtons")
        use = buttons.addButton(
            self.tr("U&se this screenshot"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        use.setObjectName("useScreenshotButton")
        use.setAccessibleName(self.tr("Use this screenshot"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.canvas.editsChanged.connect(self._update_actions)
        self.canvas.zoomChanged.connect(self._update_zoom)
        self.select_tool(Tool.BLACK_OUT)
        self._update_actions()
        self._update_zoom(self.canvas.zoom)
        self.resize(self._initial_size())

    def _action(
        self,
        stem: str,
        text: str,
        keys: list[QKeySequence.StandardKey | str],
        tip: str,
        checkable: bool = False,
    ) -> QAction:
        """A toolbar action whose button keeps the mnemonic, with names for tests and AT.

        ``text`` and ``tip`` come translated: lupdate only sees literal ``tr()`` calls.
        """
        action = QAction(text.replace("&", ""), self)
        action.setObjectName(f"{stem}Action")
        action.setIconText(text)  # the toolbar button shows this, mnemonic included
        action.setToolTip(tip)
        action.setCheckable(checkable)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)  # shortcuts work wherever the focus is in the dialog
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        button.setObjectName(f"{stem}Button")
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        return action

    def _initial_size(self) -> QSize:
        screen = self.screen().availableGeometry().size() if self.screen() else QSize(1280, 800)
        image = self.canvas.image_size()
        least = max(640, self.toolbar.sizeHint().width() + 24)  # every button visible
        return QSize(
            min(max(image.width() + 40, least), int(screen.width() * 0.9)),
            min(max(image.height() + 160, 480), int(screen.height() * 0.9)),
        )

    def select_tool(self, tool: Tool) -> None:
        self.canvas.set_tool(tool)
        self.tool_actions[tool].setChecked(True)

    def _update_actions(self) -> None:
        has_edits = bool(self.canvas.edits)
        self.undo_action.setEnabled(has_edits)
        self.reset_action.setEnabled(has_edits)

    def _update_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom: {0} %").format(round(zoom * 100)))

    def result_image(self) -> QImage:
        """The edited picture; after Cancel, a null QImage (nothing is to be used)."""
        if self._result is not None:
            return QImage(self._result)
        return self.canvas.image()

    def done(self, result: int) -> None:
        accepted = result == QDialog.DialogCode.Accepted.value
        self._result = self.canvas.image() if accepted else QImage()
        self.canvas.forget_original()
        super().done(result)
