"""The questions a category adds in config, rebuilt when the category changes.

Answers typed for one category are kept while the page is open, so trying
another category and coming back loses nothing; only the current category's
answers are in the form (and so in the ticket).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.config import Category, Question
from app.ui.context import WizardContext
from app.ui.plain import plain


class ExtraQuestions(QWidget):
    answered = Signal()

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("extraQuestions")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.questions: tuple[Question, ...] = ()
        self.edits: dict[str, QLineEdit] = {}
        self._kept: dict[str, str] = dict(ctx.form.answers)
        self.hide()

    def show_category(self, category: Category | None) -> None:
        """Replace the questions with ``category``'s; the form keeps only their answers."""
        self._kept.update(self.ctx.form.answers)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.edits = {}
        self.questions = category.questions if category else ()
        self.ctx.form.answers = {
            q.id: self._kept[q.id] for q in self.questions if self._kept.get(q.id)
        }
        previous: QWidget | None = None
        for question in self.questions:
            # Built-in questions are translated; IT's own pass through (or texts.toml).
            text = self.tr(question.label) + (self.tr(" (required)") if question.required else "")
            label = plain(QLabel(text, self))  # IT's own words, shown as written
            label.setObjectName(f"question_{question.id}Label")
            label.setWordWrap(True)
            edit = QLineEdit(self.ctx.form.answers.get(question.id, ""), self)
            edit.setObjectName(f"question_{question.id}")
            edit.setAccessibleName(text)
            edit.setPlaceholderText(self.tr(question.placeholder) if question.placeholder else "")
            edit.textEdited.connect(lambda t, qid=question.id: self._edited(qid, t))
            label.setBuddy(edit)
            self._layout.addSpacing(8)
            self._layout.addWidget(label)
            self._layout.addWidget(edit)
            if previous is not None:
                QWidget.setTabOrder(previous, edit)
            previous = edit
            self.edits[question.id] = edit
        self.setVisible(bool(self.questions))

    def _edited(self, question_id: str, text: str) -> None:
        self._kept[question_id] = text
        if text.strip():
            self.ctx.form.answers[question_id] = text
        else:
            self.ctx.form.answers.pop(question_id, None)
        self.answered.emit()

    def complete(self) -> bool:
        return all(
            self.ctx.form.answers.get(q.id, "").strip() for q in self.questions if q.required
        )
