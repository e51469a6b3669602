"""The recorded steps on the Evidence page (and in a reply): record, review, say what came.

Recording steps the window aside (minimised), shows the bar, and brings the window back
when the recording stops, with the review open: nothing is sent before the person has
seen each step. The steps live in a list the caller owns (``WizardContext.steps`` for a
request); :attr:`changed` says when it changed, so the caller can rebuild what is sent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.collectors.steps import Step, Stop
from app.core.config import Config
from app.ui.i18n import program_name
from app.ui.steps import words
from app.ui.steps.bar import StepsBar
from app.ui.steps.recorder import StepsRecorder
from app.ui.steps.review import StepsReview
from app.ui.tasks import TaskRunner


class StepsPanel(QGroupBox):
    #: The steps were recorded, removed, reworded or redacted.
    changed = Signal()

    def __init__(
        self,
        config: Config,
        runner: TaskRunner,
        steps: list[Step],
        scrub: Callable[[str], str] = lambda text: text,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.runner = runner
        self.steps = steps
        self._scrub = scrub
        self.recorder: StepsRecorder | None = None
        self.bar: StepsBar | None = None
        self.review_dialog: StepsReview | None = None
        self.setObjectName("stepsBox")
        self.setTitle(self.tr("How you got there"))
        intro = QLabel(
            self.tr(
                "Show support the steps: {program} steps aside and records each click as a "
                "picture of the screen, with the window's name and the time. Typing is only "
                "counted, never recorded. At most {steps} steps or {minutes} minutes; you "
                "review every step before anything is sent."
            ).format(
                program=program_name(),
                steps=config["steps.max_steps"],
                minutes=config["steps.max_minutes"],
            ),
            self,
        )
        intro.setObjectName("stepsIntro")
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.record_button = QPushButton(self.tr("Record the ste&ps…"), self)
        self.record_button.setObjectName("stepsRecordButton")
        self.record_button.setAccessibleName(self.tr("Record the steps that lead to the problem"))
        self.record_button.clicked.connect(lambda: self.record())
        self.review_button = QPushButton(self.tr("Revie&w the steps…"), self)
        self.review_button.setObjectName("stepsReviewButton")
        self.review_button.setAccessibleName(self.tr("Review the recorded steps"))
        self.review_button.clicked.connect(lambda: self.review())
        self.summary = QLabel(self)
        self.summary.setObjectName("stepsSummary")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        self.refresh()

    def refresh(self, said: str = "") -> None:
        self.review_button.setEnabled(bool(self.steps))
        if said:
            self.summary.setText(said)
        elif self.steps:
            self.summary.setText(
                self.tr("One step recorded.")
                if len(self.steps) == 1
                else self.tr("{n} steps recorded.").format(n=len(self.steps))
            )
        else:
            self.summary.setText("")
        self.record_button.setText(
            self.tr("Record a&gain…") if self.steps else self.tr("Record the ste&ps…")
        )

    def record(self, countdown_s: int = 3, global_input: bool | None = None) -> StepsRecorder:
        """Start a recording; the steps replace the earlier ones when it stops."""
        recorder = StepsRecorder(
            self.config,
            self.runner,
            self,
            countdown_s=countdown_s,
            global_input=global_input,
            scrub=self._scrub,
        )
        self.recorder = recorder
        self.bar = StepsBar(recorder)
        self.bar.place()
        recorder.finished.connect(self._finished)
        recorder.stepChanged.connect(self._picture_arrived)
        self._step_aside()
        self.bar.show()
        recorder.start()
        return recorder

    def _step_aside(self) -> None:
        """Minimise the window; with no window manager (minimise would leave it on the
        screen, in every picture) hide it instead."""
        from PySide6.QtGui import QGuiApplication

        from app.collectors import steps_input

        window = self.window()
        if QGuiApplication.platformName() == "xcb" and not steps_input.window_manager_running():
            window.hide()
        else:
            window.showMinimized()

    @Slot(str)
    def _finished(self, reason: str) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        self.steps[:] = recorder.steps
        recorder.recording.steps = self.steps  # pictures still arriving land in our list
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
        self.refresh(
            words.stopped(
                Stop(reason),
                len(self.steps),
                int(self.config["steps.max_steps"]),
                int(self.config["steps.max_minutes"]),
            )
        )
        self.changed.emit()
        if self.steps:
            self.review()

    @Slot(int)
    def _picture_arrived(self, _index: int) -> None:
        if self.recorder is not None and self.recorder.recording.stopped is not None:
            self.changed.emit()
            if self.review_dialog is not None:
                self.review_dialog.fill()

    def review(self) -> StepsReview:
        dialog = StepsReview(self.steps, self.runner, self)
        dialog.changed.connect(self._reviewed)
        dialog.finished.connect(lambda _result: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _reviewed(self) -> None:
        self.refresh()
        self.changed.emit()
