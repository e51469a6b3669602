"""The small always-on-top bar while steps are recorded: Stop, Pause, "Add a note".

It stays out of the way at the top right of the screen and out of every picture (its
rectangle is covered in each step; ``app.collectors.steps_capture``). Where clicks cannot
be seen it also offers "Capture this step" and says honestly why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.steps import words
from app.ui.steps.recorder import StepsRecorder


class StepsBar(QWidget):
    def __init__(self, recorder: StepsRecorder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self.setObjectName("stepsBar")
        self.setWindowTitle(self.tr("Recording the steps"))
        self.setAccessibleName(self.tr("Recording the steps"))
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.status = QLabel(self)
        self.status.setObjectName("stepsStatus")
        self.status.setAccessibleName(self.tr("Recording status"))
        # Wide enough for the longest status, so the bar does not jump as steps add up.
        self.status.setMinimumWidth(
            self.status.fontMetrics().horizontalAdvance(
                self.tr("Recording: {n} of at most {max} steps").format(n=888, max=888)
            )
        )
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.setObjectName("stepsPause")
        self.pause_button.setAccessibleName(self.tr("Pause or resume the recording"))
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._on_pause)
        self.note_button = QPushButton(self.tr("Add a &note"), self)
        self.note_button.setObjectName("stepsNoteButton")
        self.note_button.setAccessibleName(self.tr("Add a note as a step"))
        self.note_button.clicked.connect(self._show_note)
        self.capture_button = QPushButton(self.tr("&Capture this step"), self)
        self.capture_button.setObjectName("stepsCapture")
        self.capture_button.setAccessibleName(self.tr("Capture the screen as this step"))
        self.capture_button.clicked.connect(recorder.capture_now)
        self.stop_button = QPushButton(self.tr("&Stop"), self)
        self.stop_button.setObjectName("stepsStop")
        self.stop_button.setAccessibleName(self.tr("Stop recording the steps"))
        self.stop_button.clicked.connect(lambda: recorder.stop())
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("stepsNote")
        self.note_edit.setAccessibleName(self.tr("Your note for this step"))
        self.note_edit.setPlaceholderText(self.tr("What happens here? Press Enter to add it."))
        self.note_edit.returnPressed.connect(self._add_note)
        self.note_edit.hide()
        self.reason = QLabel(self)
        self.reason.setObjectName("stepsManualReason")
        self.reason.setWordWrap(True)
        self.reason.setProperty("role", "muted")
        row = self._row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for button in (self.capture_button, self.pause_button, self.note_button, self.stop_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.reason)
        recorder.countdown.connect(self._counting)
        recorder.watchReady.connect(self._show_mode)
        recorder.started.connect(self._show_mode)
        recorder.started.connect(self._update)
        recorder.stepAdded.connect(self._update)
        recorder.pausedChanged.connect(self._update)
        recorder.finished.connect(self.close)
        self._show_mode()
        self._set_running(False)

    def place(self) -> None:
        """Top right of the primary screen, clear of panels; it stays there as it grows."""
        self._placed = True
        self.adjustSize()
        self._keep_corner()

    def _keep_corner(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None or not getattr(self, "_placed", False):
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - 16, area.top() + 16)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_corner()

    @Slot()
    def _show_mode(self) -> None:
        """Manual steps, and why, where clicks cannot be seen."""
        manual = self.recorder.manual
        self.capture_button.setVisible(manual)
        self.reason.setVisible(manual)
        if self.recorder.problem:
            self.reason.setText(words.manual_reason(self.recorder.problem, self.recorder.shortcut))
            # A wrapped label in a top-level window does not grow it by itself: give it
            # the height its text needs at the width of the buttons' row.
            width = self._row.sizeHint().width()
            self.reason.setMinimumHeight(self.reason.heightForWidth(width))
            self.adjustSize()

    def _set_running(self, running: bool) -> None:
        for button in (self.pause_button, self.note_button, self.capture_button):
            button.setEnabled(running)

    @Slot(int)
    def _counting(self, seconds: int) -> None:
        self.status.setText(self.tr("Recording starts in {n}…").format(n=seconds))

    @Slot()
    def _update(self) -> None:
        rec = self.recorder.recording
        self._set_running(rec.running)
        if rec.paused:
            self.status.setText(self.tr("Paused: {n} steps").format(n=len(rec.steps)))
        else:
            self.status.setText(
                self.tr("Recording: {n} of at most {max} steps").format(
                    n=len(rec.steps), max=rec.max_steps
                )
            )
        self.pause_button.setText(self.tr("&Resume") if rec.paused else self.tr("&Pause"))

    @Slot(bool)
    def _on_pause(self, paused: bool) -> None:
        self.recorder.pause(paused)

    @Slot()
    def _show_note(self) -> None:
        self.recorder.count_keys = False  # typing a note here is not a step
        self.note_edit.show()
        self.activateWindow()
        self.note_edit.setFocus()

    @Slot()
    def _add_note(self) -> None:
        self.recorder.add_note(self.note_edit.text())
        self.note_edit.clear()
        self.note_edit.hide()
        self.recorder.count_keys = True
        self.adjustSize()
