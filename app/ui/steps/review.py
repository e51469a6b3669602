"""Review of the recorded steps before anything leaves: remove, reword, redact.

Each step is a row with its thumbnail and caption; the caption is edited in place. "Black
out or mark…" opens the screenshot editor (``app.ui.widgets.redact``) on the step's
picture; the edited picture is encoded on a worker and replaces the step's own, so the
unedited one is kept nowhere (nothing of a recording is written to disk before it is
sent, and then only as the report of the pictures as edited).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.collectors import steps_capture
from app.collectors.steps import Step
from app.ui.steps import words
from app.ui.tasks import TaskRunner
from app.ui.widgets.redact import RedactDialog


class _NoEdit(QStyledItemDelegate):
    def createEditor(self, *args: object) -> None:  # type: ignore[override]
        return None


class StepsReview(QDialog):
    #: The steps changed (removed, reworded, redacted).
    changed = Signal()

    def __init__(
        self, steps: list[Step], runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.steps = steps
        self.runner = runner
        self.setObjectName("stepsReview")
        self.setWindowTitle(self.tr("Review the recorded steps"))
        intro = QLabel(
            self.tr(
                "These steps are sent as one report with pictures. Remove any step, reword "
                "its caption (double-click it), or black out what support should not see."
            ),
            self,
        )
        intro.setObjectName("stepsReviewIntro")
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("stepsList")
        self.list.setAccessibleName(self.tr("Recorded steps"))
        self.list.setHeaderLabels([self.tr("Step"), self.tr("Caption")])
        self.list.setRootIsDecorated(False)
        self.list.setIconSize(QSize(steps_capture.THUMB_WIDTH, 90))
        self.list.setItemDelegateForColumn(0, _NoEdit(self.list))
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setColumnWidth(0, steps_capture.THUMB_WIDTH + 90)
        self.list.itemChanged.connect(self._reworded)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button = QPushButton(self.tr("&Remove step"), self)
        self.remove_button.setObjectName("stepsRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.redact_button = QPushButton(self.tr("&Black out or mark…"), self)
        self.redact_button.setObjectName("stepsRedact")
        self.redact_button.setAccessibleName(
            self.tr("Edit the picture of this step: black out, blur or mark parts of it")
        )
        self.redact_button.clicked.connect(self.redact_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("stepsReviewButtons")
        buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.redact_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.resize(760, 520)
        self.fill()

    def fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, step in enumerate(self.steps, 1):
            item = QTreeWidgetItem([self.tr("Step {n}").format(n=number), step.caption])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(1, words.numbered(number, step))
            if isinstance(step.thumbnail, QImage) and not step.thumbnail.isNull():
                item.setIcon(0, QIcon(QPixmap.fromImage(step.thumbnail)))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def _row(self) -> int:
        items = self.list.selectedItems()
        return self.list.indexOfTopLevelItem(items[0]) if items else -1

    def _update_buttons(self) -> None:
        row = self._row()
        self.remove_button.setEnabled(row >= 0)
        self.redact_button.setEnabled(row >= 0 and bool(self.steps[row].picture))

    @Slot(QTreeWidgetItem, int)
    def _reworded(self, item: QTreeWidgetItem, column: int) -> None:
        row = self.list.indexOfTopLevelItem(item)
        if column == 1 and 0 <= row < len(self.steps):
            self.steps[row].caption = item.text(1).strip() or words.caption(self.steps[row])
            self.changed.emit()

    @Slot()
    def remove_selected(self) -> None:
        row = self._row()
        if row >= 0:
            del self.steps[row]
            self.fill()
            self.changed.emit()

    @Slot()
    def redact_selected(self) -> RedactDialog | None:
        row = self._row()
        if row < 0 or not self.steps[row].picture:
            return None
        step = self.steps[row]
        image = QImage.fromData(step.picture or b"")
        dialog = RedactDialog(image, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._use_edit(step, dialog.result_image()))
        dialog.open()
        return dialog

    def _use_edit(self, step: Step, image: QImage) -> None:
        if image.isNull():
            return
        point = (step.x, step.y) if step.x >= 0 else None
        step.picture = None  # the unedited picture is dropped now, not when the new arrives

        def done(picture: steps_capture.Picture) -> None:
            step.picture, step.mime = picture.data, picture.mime
            step.width, step.height, step.thumbnail = (
                picture.width,
                picture.height,
                picture.thumbnail,
            )
            self.fill()
            self.changed.emit()

        self.runner.run(steps_capture.encoded, image, point, on_done=done)
