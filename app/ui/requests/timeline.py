"""The small status timeline above a conversation: each status the ticket was seen in.

It comes from the cache (:meth:`TicketCache.status_history`), so it only
knows the changes Helpline saw, which is said in its tooltip.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.cache import StatusChange
from app.ui.i18n import program_name
from app.ui.models import format_when
from app.ui.plain import set_tip
from app.ui.requests.badge import STATUS_COLOURS
from app.ui.statuses import status_label


class StatusTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusTimeline")
        self.setAccessibleName(self.tr("Status history"))
        self.setToolTip(
            self.tr("The statuses {program} has seen this request in.").format(
                program=program_name()
            )
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.steps: list[QLabel] = []

    def set_history(self, history: list[StatusChange]) -> None:
        for label in self.steps:
            label.deleteLater()
        self.steps = []
        while self._layout.count():
            self._layout.takeAt(0)
        for index, change in enumerate(history):
            if index:
                arrow = QLabel("→", self)
                arrow.setObjectName("timelineArrow")
                arrow.setProperty("role", "muted")
                self._layout.addWidget(arrow)
                self.steps.append(arrow)
            label = QLabel(self)
            label.setObjectName(f"timelineStep{index}")
            label.setTextFormat(Qt.TextFormat.RichText)
            dot = STATUS_COLOURS.get(change.status.value, STATUS_COLOURS["unknown"])
            words = html.escape(f"{status_label(change.status)} · {format_when(change.at)}")
            label.setText(f'<span style="color:{dot}">●</span> {words}')
            label.setAccessibleName(status_label(change.status))
            set_tip(
                label,
                self.tr("The helpdesk calls this: {raw}").format(
                    raw=change.raw_status or change.status.value
                ),
            )
            self._layout.addWidget(label)
            self.steps.append(label)
        self._layout.addStretch(1)
        self.setVisible(bool(history))

    def texts(self) -> list[str]:
        return [s.accessibleName() for s in self.steps if s.objectName().startswith("timelineStep")]
