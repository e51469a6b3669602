"""Known problems on screen: the banner above the open requests, and the match on the
Problem page with its two answers.

Incident text is IT's or a status page's words: shown as plain text only, never as markup
(every label here is a :class:`TextLabel`, which sets ``Qt.PlainText``), and already made
plain and short by :mod:`app.core.incidents`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.incidents import Incident
from app.services.known_problems import Snapshot
from app.ui.known_problems import could_not_check, incident_sentence
from app.ui.widgets.labels import TextLabel

#: The most incidents the banner lists; more are counted in one line.
SHOWN = 3


class IncidentBanner(QFrame):
    """ "Support already knows of these problems" above the open requests on Welcome, or
    "could not check": a source that fails is said, never hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knownProblemsBanner")
        self.setProperty("role", "knownProblem")
        self.setAccessibleName(self.tr("Known problems"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.heading = TextLabel(
            self.tr("Support already knows of these problems:"),
            "subheading",
            "knownProblemsHeading",
        )
        layout.addWidget(self.heading)
        self.lines: list[TextLabel] = []
        for index in range(SHOWN):
            label = TextLabel("", "", f"knownProblem{index}")
            layout.addWidget(label)
            self.lines.append(label)
        self.more = TextLabel("", "muted", "knownProblemsMore")
        layout.addWidget(self.more)
        self.failed = TextLabel(could_not_check(), "muted", "knownProblemsFailed")
        layout.addWidget(self.failed)
        self.hide()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        incidents = snapshot.incidents
        for label, incident in zip(self.lines, incidents, strict=False):
            label.setText("• " + incident_sentence(incident))
        for index, label in enumerate(self.lines):
            label.setVisible(index < len(incidents))
        extra = len(incidents) - SHOWN
        self.more.setText(self.tr("…and %1 more.").replace("%1", str(extra)) if extra > 0 else "")
        self.more.setVisible(extra > 0)
        self.heading.setVisible(bool(incidents))
        self.failed.setVisible(bool(snapshot.failed))
        self.setVisible(bool(incidents) or bool(snapshot.failed))


class IncidentMatch(QFrame):
    """The Problem page's "support already knows": the incident the chosen category names,
    with **Me too — tell me when it's fixed** and **My problem is different**."""

    meToo = Signal(object)
    different = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knownProblemMatch")
        self.setProperty("role", "knownProblem")
        self.setAccessibleName(self.tr("Support already knows of this problem"))
        self.incident: Incident | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.text = TextLabel("", "", "knownProblemText")
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.me_too_button = QPushButton(self.tr("Me &too — tell me when it's fixed"))
        self.me_too_button.setObjectName("meTooButton")
        self.me_too_button.setAccessibleName(self.tr("Me too — tell me when it's fixed"))
        self.me_too_button.setAccessibleDescription(
            self.tr("Files nothing new. You get a notification when the problem is over.")
        )
        self.me_too_button.clicked.connect(self._me_too)
        self.different_button = QPushButton(self.tr("My problem is di&fferent"))
        self.different_button.setObjectName("differentButton")
        self.different_button.setAccessibleName(self.tr("My problem is different"))
        self.different_button.setAccessibleDescription(
            self.tr("Go on describing your problem; the request says you saw this one.")
        )
        self.different_button.clicked.connect(self._different)
        buttons.addWidget(self.me_too_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.done = TextLabel("", "muted", "meTooDone")
        layout.addWidget(self.done)
        self.hide()

    def show_incident(self, incident: Incident | None, subscribed: bool = False) -> None:
        self.incident = incident
        if incident is None:
            self.hide()
            return
        self.text.setText(incident_sentence(incident))
        self.me_too_button.setVisible(not subscribed)
        self.different_button.setVisible(True)
        self.done.setText(self._done_text() if subscribed else "")
        self.done.setVisible(subscribed)
        self.show()

    def _done_text(self) -> str:
        return self.tr(
            "Thank you. You will get a notification when it is fixed. Nothing new was filed; "
            "you can close this window."
        )

    def _me_too(self) -> None:
        if self.incident is None:
            return
        self.meToo.emit(self.incident)
        self.me_too_button.hide()
        self.done.setText(self._done_text())
        self.done.show()
        self.different_button.setFocus()

    def _different(self) -> None:
        if self.incident is not None:
            self.different.emit(self.incident)
        self.hide()
