"""About you: who is asking, prefilled, with required fields explained.

Which fields are required comes from config (``requester.required``); each
required field says why it is asked, and problems are shown under the field
as the user types, never in a popup. Next stays disabled until it all fits.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizardPage

from app.core.form import FIELD_REASONS, requester_problems
from app.core.schema import REQUESTER_FIELDS
from app.ui.context import WizardContext
from app.ui.i18n import program_name
from app.ui.widgets.field import FieldBox
from app.ui.widgets.labels import TextLabel
from app.ui.widgets.scroll import scrolling_body


class AboutYouPage(QWizardPage):
    def __init__(self, ctx: WizardContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("aboutYouPage")
        self.setTitle(self.tr("About you"))
        self.setSubTitle(self.tr("So support knows who is asking and how to reach you."))
        self.required: list[str] = list(ctx.config["requester.required"])
        #: Fields the user has edited or left: only these show their problems.
        self._touched: set[str] = set()
        self.edits: dict[str, QLineEdit] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._build()
        self._load_form()

    def _labels(self) -> dict[str, str]:
        return {
            "name": self.tr("&Full name"),
            "email": self.tr("&Email"),
            "customer_id": self.tr("C&ustomer or membership ID"),
            "organization": self.tr("&Organisation or domain"),
            "phone": self.tr("&Phone"),
        }

    def _placeholders(self) -> dict[str, str]:
        return {
            "name": self.tr("First and last name"),
            "email": self.tr("name@example.org"),
            "customer_id": self.tr("For example: C-10442"),
            "organization": self.tr("Company, department or domain"),
            "phone": self.tr("Where support can call you"),
        }

    def _build(self) -> None:
        outer = scrolling_body(self, "aboutYou")[1]
        outer.setSpacing(12)
        form = QFormLayout()
        form.setObjectName("aboutYouForm")
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        outer.addLayout(form)
        labels, placeholders = self._labels(), self._placeholders()
        previous: QLineEdit | None = None
        for name in REQUESTER_FIELDS:
            required = name in self.required
            edit = QLineEdit()
            edit.setObjectName(f"{name}Edit")
            edit.setPlaceholderText(placeholders[name])
            plain = labels[name].replace("&", "")
            edit.setAccessibleName(plain + (self.tr(" (required)") if required else ""))
            reason = (
                self.tr("Required %1.").replace("%1", self.tr(FIELD_REASONS[name]))
                if required
                else ""
            )
            box = FieldBox(edit, name, reason)
            text = labels[name] + (self.tr(" (required)") if required else "")
            label = QLabel(text)
            label.setObjectName(f"{name}Label")
            label.setBuddy(edit)
            form.addRow(label, box)
            edit.textEdited.connect(lambda _t, n=name: self._edited(n))
            edit.editingFinished.connect(lambda n=name: self._left(n))
            if previous is not None:
                QWizardPage.setTabOrder(previous, edit)
            previous = edit
            self.edits[name], self.boxes[name] = edit, box
        self.privacy = TextLabel(
            self.tr(
                "{program} remembers these details on this computer for your next request."
            ).format(program=program_name()),
            "muted",
            "aboutYouPrivacy",
        )
        self.privacy.setVisible(bool(self.ctx.config["requester.remember"]))
        outer.addWidget(self.privacy)
        outer.addStretch(1)

    def _load_form(self) -> None:
        requester = self.ctx.form.requester
        for name, edit in self.edits.items():
            edit.setText(getattr(requester, name))

    def initializePage(self) -> None:
        """Fill from the form (a restored draft may have changed it) and show known problems."""
        self._load_form()
        self._refresh()

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        values = {n: e.text() for n, e in self.edits.items()}
        self.ctx.form.requester = replace(self.ctx.form.requester, **values)
        self.ctx.touch()
        self._refresh()

    def _left(self, name: str) -> None:
        if self.edits[name].isModified():
            self._touched.add(name)
        self._refresh()

    def problems(self) -> dict[str, str]:
        return requester_problems(self.ctx.form.requester, self.required)

    def _refresh(self) -> None:
        problems = self.problems()
        for name, box in self.boxes.items():
            shown = name in self._touched or (
                name == "email" and bool(self.ctx.form.requester.email.strip())
            )
            box.set_error(self.tr(problems[name]) if name in problems and shown else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()
