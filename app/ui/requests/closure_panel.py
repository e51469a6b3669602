"""'Is it solved?' under a resolved request's conversation (issue 18, part 3).

**Yes** confirms it, then (unless IT switched rating off) offers an optional 👍/👎 and a
comment; **Still not fixed** hands over to the reply box's reopening, which needs a word on
what still goes wrong. The panel only collects and says: the window records the answer
(:class:`app.core.closure.ClosureLedger`) and sends the feedback through the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.closure import Feedback
from app.ui.i18n import program_name

tr = QCoreApplication.translate


def feedback_comment(feedback: Feedback) -> str:
    """The feedback as a clearly marked public comment, for helpdesks without a satisfaction
    feature (or with it switched off): support reads it in the person's language."""
    lines = [
        tr(
            "ClosurePanel", "Feedback sent with {program}: the requester confirms this is solved."
        ).format(program=program_name())
    ]
    if feedback.rating == "good":
        lines.append(tr("ClosurePanel", "Rating: 👍 satisfied"))
    elif feedback.rating == "bad":
        lines.append(tr("ClosurePanel", "Rating: 👎 not satisfied"))
    if feedback.comment.strip():
        lines.append(
            tr("ClosurePanel", "Comment: {comment}").format(comment=feedback.comment.strip())
        )
    return "\n".join(lines)


class ClosurePanel(QFrame):
    #: "Yes, it is solved."
    confirmed = Signal()
    #: The optional rating ("good", "bad" or "") and comment, after Yes.
    feedbackGiven = Signal(object)
    #: "Still not fixed": the window moves on to reopening.
    notFixed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closurePanel")
        self.setProperty("role", "note")
        self.setAccessibleName(self.tr("Is it solved?"))
        self.question = QLabel(
            self.tr("Support marked this request as solved. Is it solved?"), self
        )
        self.question.setObjectName("closureQuestion")
        self.question.setWordWrap(True)
        self.yes_button = self._button("closureYes", self.tr("&Yes, it is solved"))
        self.yes_button.clicked.connect(self.confirmed)
        self.yes_button.setProperty("primary", True)
        self.not_fixed_button = self._button("closureNotFixed", self.tr("Still not fixed"))
        self.not_fixed_button.clicked.connect(self.notFixed)
        self.rating_label = QLabel(
            self.tr("How did it go? Both are optional; support sees what you send."), self
        )
        self.rating_label.setObjectName("closureRatingLabel")
        self.rating_label.setWordWrap(True)
        self.good_button = self._toggle("closureGood", "👍", self.tr("Satisfied"))
        self.bad_button = self._toggle("closureBad", "👎", self.tr("Not satisfied"))
        self.comment = QLineEdit(self)
        self.comment.setObjectName("closureComment")
        self.comment.setAccessibleName(self.tr("Comment for support"))
        self.comment.setPlaceholderText(self.tr("A word for support (optional)"))
        self.comment.setMaxLength(2000)
        self.send_button = self._button("closureSend", self.tr("Send feed&back"))
        self.send_button.clicked.connect(self._send)
        self.skip_button = self._button("closureSkip", self.tr("No, thanks"))
        self.skip_button.clicked.connect(lambda: self.feedbackGiven.emit(Feedback()))
        self.state = QLabel(self)
        self.state.setObjectName("closureState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAccessibleName(self.tr("Feedback status"))

        answer_row = QHBoxLayout()
        answer_row.addWidget(self.yes_button)
        answer_row.addWidget(self.not_fixed_button)
        answer_row.addStretch(1)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.good_button)
        rating_row.addWidget(self.bad_button)
        rating_row.addWidget(self.comment, 1)
        rating_row.addWidget(self.send_button)
        rating_row.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.question)
        layout.addLayout(answer_row)
        layout.addWidget(self.rating_label)
        layout.addLayout(rating_row)
        layout.addWidget(self.state)
        self._rating_widgets: tuple[QWidget, ...] = (
            self.rating_label,
            self.good_button,
            self.bad_button,
            self.comment,
            self.send_button,
            self.skip_button,
        )
        self.ask(can_reopen=True)
        self.hide()

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        return button

    def _toggle(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(f"{text} {accessible}", self)  # the glyph alone is faint in some fonts
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setCheckable(True)
        button.toggled.connect(lambda on: self._only(button) if on else None)
        return button

    def _only(self, chosen: QPushButton) -> None:
        for button in (self.good_button, self.bad_button):
            if button is not chosen:
                button.setChecked(False)

    # -- what the window shows ------------------------------------------------------------

    def ask(self, can_reopen: bool) -> None:
        """The question, fresh: Yes and (where the helpdesk allows it) Still not fixed."""
        self.question.show()
        self.yes_button.show()
        self.not_fixed_button.setVisible(can_reopen)
        for widget in self._rating_widgets:
            widget.hide()
        self.good_button.setChecked(False)
        self.bad_button.setChecked(False)
        self.comment.clear()
        self.state.clear()
        self.state.hide()

    def offer_rating(self) -> None:
        """After Yes: the optional 👍/👎 and comment."""
        self._hide_question()
        for widget in self._rating_widgets:
            widget.show()
        self.good_button.setFocus()

    def say(self, text: str) -> None:
        """The end of the conversation: what happened to the answer, in one sentence."""
        self._hide_question()
        for widget in self._rating_widgets:
            widget.hide()
        self.state.setText(text)
        self.state.show()

    def _hide_question(self) -> None:
        self.question.hide()
        self.yes_button.hide()
        self.not_fixed_button.hide()

    def set_busy(self, busy: bool) -> None:
        for button in (self.send_button, self.skip_button, self.yes_button):
            button.setEnabled(not busy)

    def _send(self) -> None:
        rating = "good" if self.good_button.isChecked() else ""
        rating = "bad" if self.bad_button.isChecked() else rating
        self.feedbackGiven.emit(Feedback(rating, self.comment.text().strip()))
