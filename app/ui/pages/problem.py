"""The problem: category, summary, guided questions, impact and urgency.

Guided questions get support what it needs on the first read; impact and
urgency give an ITIL priority the user can see change. The quality hint is
advice, never a gate; what Next still waits for is said beside it. A category
that is handled elsewhere shows where to go at once, in place of the form, and
Next leads to the not-handled end instead of filing.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.cache import TicketCache
from app.core.config import Category
from app.core.model import Level, Priority, Ticket
from app.core.priority import IMPACT_LABELS, URGENCY_LABELS
from app.ui import messages
from app.ui.context import WizardContext
from app.ui.i18n import program_name
from app.ui.pages.ids import PageId
from app.ui.pages.problem_extras import DuplicateHint, SelfHelp
from app.ui.plain import plain, set_tip
from app.ui.style import set_role
from app.ui.widgets.choice import ChoiceBox
from app.ui.widgets.extra_questions import ExtraQuestions
from app.ui.widgets.field import FieldBox
from app.ui.widgets.labels import TextLabel
from app.ui.widgets.radio import tab_to_checked
from app.ui.widgets.scroll import scrolling_body

HINT_DELAY_MS = 400
LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)
#: The impact and urgency answers of app/core/priority.py, for lupdate (the page passes
#: them to tr() from the dicts); a test keeps both lists equal.
LEVEL_TEXTS: tuple[str, ...] = tuple(
    map(
        str,
        (
            QT_TRANSLATE_NOOP("ProblemPage", "Just me"),
            QT_TRANSLATE_NOOP("ProblemPage", "My team or several people"),
            QT_TRANSLATE_NOOP("ProblemPage", "Everyone, or the whole organisation"),
            QT_TRANSLATE_NOOP("ProblemPage", "It can wait; I have a way around it"),
            QT_TRANSLATE_NOOP("ProblemPage", "It slows my work down"),
            QT_TRANSLATE_NOOP("ProblemPage", "I cannot work at all"),
        ),
    )
)


class ProblemPage(QWizardPage):
    #: The priority shown changed (for pages or tests that follow it).
    priorityChanged = Signal(str)

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("problemPage")
        self._loading = False
        self._hint_timer = QTimer(self)
        self._hint_timer.setObjectName("qualityHintTimer")
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(HINT_DELAY_MS)
        self._hint_timer.timeout.connect(self.update_hint)
        self._build()
        self.set_reply("")
        self.load_form()

    # -- layout ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        self.scroll_area, self.form_layout = scrolling_body(self, "problem", outer)
        self.form_layout.setContentsMargins(0, 0, 12, 0)
        self.form_layout.setSpacing(4)

        self.category = ChoiceBox()
        self.category.setObjectName("categoryCombo")
        self.category.setPlaceholderText(self.tr("Choose what it is about"))
        for cat in self.ctx.config.categories():
            self.category.addItem(messages.category_label(cat), cat.id)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.category_box = FieldBox(self.category, "category")
        self._into = self.form_layout
        self._add(self.tr("&Category (required)"), self.category_box, self.category)
        self.self_help = SelfHelp()
        self.form_layout.addWidget(self.self_help)
        self._build_redirect()
        # The rest of the form, hidden as a whole while the category is handled elsewhere.
        self.details = QWidget()
        self.details.setObjectName("problemDetails")
        self._into = QVBoxLayout(self.details)
        self._into.setContentsMargins(0, 0, 0, 0)
        self._into.setSpacing(4)
        self.form_layout.addWidget(self.details)
        self.extra = ExtraQuestions(self.ctx)
        self.extra.answered.connect(self._extra_answered)
        self._into.addWidget(self.extra)

        self.summary = QLineEdit()
        self.summary.setObjectName("summaryEdit")
        self.summary.setMaxLength(200)
        self.summary.setPlaceholderText(
            self.tr("For example: Printer on floor 2 prints blank pages")
        )
        self.summary.textEdited.connect(lambda t: self._set("summary", t))
        self.summary_box = FieldBox(self.summary, "summary")
        self.summary_label = self._add(self.tr("&Summary"), self.summary_box, self.summary)
        self.duplicate = DuplicateHint(self.ctx.runner, TicketCache(self.ctx.submission.root))
        self.duplicate.accepted.connect(self.add_to_ticket)
        self.summary.textEdited.connect(self._summary_typed)
        self._into.addWidget(self.duplicate)

        self.doing = self._line(
            "doing",
            self.tr("What were you &doing?"),
            self.tr("For example: opening the monthly report"),
        )
        self.happened = self._text(
            "happened",
            self.tr("What &happened?"),
            self.tr("What you saw on the screen, step by step"),
        )
        self.error_text = self._text(
            "error_text",
            self.tr("Exact error &message"),
            self.tr("Paste the message exactly as it appears"),
        )
        self.error_text.setObjectName("errorTextEdit")
        self.expected = self._line("expected", self.tr("What did you e&xpect to happen?"), "")
        self.where = self._line(
            "where",
            self.tr("Whe&re (program or web address)"),
            self.tr("For example: Outlook, or https://intranet.example.org"),
        )
        self.since = ChoiceBox()
        self.since.setObjectName("sinceCombo")
        self.since.setEditable(True)
        self.since.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.since.addItems(
            [
                self.tr("Just now"),
                self.tr("Today"),
                self.tr("For a few days"),
                self.tr("For weeks"),
                self.tr("It has never worked"),
                self.tr("Every time"),
                self.tr("Now and then"),
            ]
        )
        self.since.setCurrentIndex(-1)
        since_edit = self.since.lineEdit()
        assert since_edit is not None  # editable combo boxes always have one
        since_edit.setPlaceholderText(self.tr("Choose or type"))
        self.since.currentTextChanged.connect(lambda t: self._set("since", t))
        self._add(self.tr("Since when, and how &often?"), self.since, self.since)
        since_edit.setObjectName("sinceEdit")
        since_edit.setAccessibleName(self.since.accessibleName())

        self.impact = self._levels("impact", self.tr("Who is &affected?"), IMPACT_LABELS)
        self.urgency = self._levels("urgency", self.tr("How &urgent is it?"), URGENCY_LABELS)
        self.levels = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.levels.setSpacing(12)
        self.levels.addWidget(self.impact[0], 1)
        self.levels.addWidget(self.urgency[0], 1)
        self._into.addSpacing(8)
        self._into.addLayout(self.levels)
        badge_row = QHBoxLayout()
        self.badge = TextLabel("", "badge", "priorityBadge")
        self.badge.setWordWrap(False)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        self._into.addSpacing(6)
        self._into.addLayout(badge_row)
        self.form_layout.addStretch(1)

        self.hint = TextLabel("", "hint", "qualityHint")
        self.hint.hide()
        outer.addWidget(self.hint)
        # Beside the buttons: what a disabled Next is waiting for.
        self.missing = TextLabel("", "note", "problemMissing")
        self.missing.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.missing.hide()
        outer.addWidget(self.missing)
        self.setTabOrder(self.summary, self.doing)
        self.setTabOrder(self.doing, self.happened)
        self.setTabOrder(self.happened, self.error_text)
        self.setTabOrder(self.error_text, self.expected)
        self.setTabOrder(self.expected, self.where)
        self.setTabOrder(self.where, self.since)

    def _build_redirect(self) -> None:
        """Where a category handled elsewhere is taken care of, shown as soon as it is chosen."""
        self.redirect = QWidget()
        self.redirect.setObjectName("notHandledRedirect")
        layout = QVBoxLayout(self.redirect)
        layout.setContentsMargins(0, 8, 0, 0)
        self.redirect_message = TextLabel("", "note", "redirectMessage")
        layout.addWidget(self.redirect_message)
        row = QHBoxLayout()
        self.redirect_link = QPushButton()
        self.redirect_link.setObjectName("redirectLink")
        self.redirect_link.setAccessibleName(self.tr("Open the right place in your browser"))
        self.redirect_link.clicked.connect(self.open_redirect)
        row.addWidget(self.redirect_link)
        row.addStretch(1)
        layout.addLayout(row)
        self.redirect_note = TextLabel(
            self.tr(
                "{program} does not send requests about this. If your problem is about "
                "something else, choose another category."
            ).format(program=program_name()),
            "muted",
            "redirectNote",
        )
        layout.addWidget(self.redirect_note)
        self.redirect.hide()
        self.form_layout.addWidget(self.redirect)

    def open_redirect(self) -> bool:
        category = self.selected_category()
        url = category.not_handled_link if category else ""
        return bool(url) and QDesktopServices.openUrl(QUrl(url))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Impact and urgency side by side when they fit, else one above the other."""
        super().resizeEvent(event)
        wanted = (
            self.impact[0].sizeHint().width()
            + self.urgency[0].sizeHint().width()
            + self.levels.spacing()
        )
        room = self.scroll_area.viewport().width() - 12
        self.levels.setDirection(
            QBoxLayout.Direction.LeftToRight if wanted <= room else QBoxLayout.Direction.TopToBottom
        )

    def _add(self, text: str, field: QWidget, buddy: QWidget) -> QLabel:
        label = plain(QLabel(text))
        label.setObjectName(f"{buddy.objectName()}Label")
        label.setBuddy(buddy)
        buddy.setAccessibleName(text.replace("&", ""))
        self._into.addSpacing(8)
        self._into.addWidget(label)
        self._into.addWidget(field)
        return label

    def _line(self, key: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{key}Edit")
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda t: self._set(key, t))
        self._add(label, edit, edit)
        return edit

    def _text(self, key: str, label: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(f"{key}Edit")
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 18)
        edit.textChanged.connect(lambda: self._set(key, edit.toPlainText()))
        self._add(label, edit, edit)
        return edit

    def _levels(
        self, key: str, title: str, labels: dict[Level, str]
    ) -> tuple[QGroupBox, QButtonGroup]:
        box = QGroupBox(title)
        box.setObjectName(f"{key}Group")
        box.setAccessibleName(title.replace("&", ""))
        layout = QVBoxLayout(box)
        group = QButtonGroup(box)
        group.setObjectName(f"{key}Buttons")
        for i, level in enumerate(LEVELS):
            radio = QRadioButton(self.tr(labels[level]))
            radio.setObjectName(f"{key}_{level.value}")
            radio.setAccessibleName(self.tr(labels[level]))
            group.addButton(radio, i)
            layout.addWidget(radio)

        def toggled(button_id: int, checked: bool) -> None:
            if checked:
                self._set_level(key, LEVELS[button_id])

        group.idToggled.connect(toggled)
        tab_to_checked(group)
        return box, group

    # -- state ------------------------------------------------------------------

    def set_reply(self, ref: str) -> None:
        """Switch between filing a new request and adding to request ``ref``."""
        if ref:
            self.setTitle(self.tr("Add to %1").replace("%1", ref))
            self.setSubTitle(
                self.tr("Describe what is new; it is added to request %1.").replace("%1", ref)
            )
            self.summary_label.setText(self.tr("&Summary (optional)"))
        else:
            self.setTitle(self.tr("The problem"))
            self.setSubTitle(
                self.tr("The more precisely you describe it, the faster support can help.")
            )
            self.summary_label.setText(self.tr("&Summary (required)"))
        self.summary.setAccessibleName(self.summary_label.text().replace("&", ""))
        self._refresh_missing()
        self.completeChanged.emit()

    def initializePage(self) -> None:
        self.set_reply(self._reply_ref())
        self.load_form()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _reply_ref(self) -> str:
        wizard = self.wizard()
        ref = getattr(wizard, "reply_ref", "") if wizard is not None else ""
        return ref or (("#" + self.ctx.form.reply_to) if self.ctx.form.reply_to else "")

    def load_form(self) -> None:
        """Show what the form holds (a restored draft, or what was typed before)."""
        form = self.ctx.form
        self._loading = True
        try:
            self.category.setCurrentIndex(self.category.findData(form.category))
            self.summary.setText(form.summary)
            self.doing.setText(form.doing)
            if self.happened.toPlainText() != form.happened:
                self.happened.setPlainText(form.happened)
            if self.error_text.toPlainText() != form.error_text:
                self.error_text.setPlainText(form.error_text)
            self.expected.setText(form.expected)
            self.where.setText(form.where)
            self.since.setEditText(form.since)
            self.impact[1].button(LEVELS.index(form.impact)).setChecked(True)
            self.urgency[1].button(LEVELS.index(form.urgency)).setChecked(True)
            self.extra.show_category(self.selected_category())
            self._chain_tab_order()
        finally:
            self._loading = False
        self._refresh_category()
        self._refresh_missing()
        self._update_badge()
        self.update_hint()

    def _chain_tab_order(self) -> None:
        """Keep Tab in reading order when category questions come and go."""
        chain: list[QWidget] = [self.category, *self.extra.edits.values(), self.summary]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def selected_category(self) -> Category | None:
        category_id = self.category.currentData()
        return self.ctx.config.category(category_id) if category_id else None

    def _set(self, key: str, value: str) -> None:
        if self._loading:
            return
        setattr(self.ctx.form, key, value)
        self._edited()

    def _set_level(self, key: str, level: Level) -> None:
        if self._loading:
            return
        setattr(self.ctx.form, key, level)
        self._update_badge()
        self._edited()

    def _extra_answered(self) -> None:
        if not self._loading:
            self._edited()

    def _edited(self) -> None:
        self.ctx.touch()
        self._hint_timer.start()
        self._check_summary()
        self._refresh_missing()
        self.completeChanged.emit()

    def _category_changed(self) -> None:
        if self._loading:
            return
        category = self.selected_category()
        self.ctx.form.category = category.id if category else ""
        self.extra.show_category(category)
        self._chain_tab_order()
        self._refresh_category()
        self._edited()

    def _summary_typed(self, text: str) -> None:
        if not self.ctx.form.reply_to:
            self.duplicate.summary_changed(text)

    def add_to_ticket(self, ticket: Ticket) -> None:
        """Turn this request into a reply on ``ticket`` (the rest of the flow follows reply_to)."""
        self.ctx.form.reply_to = ticket.id
        wizard = self.wizard()
        if wizard is not None and hasattr(wizard, "reply_ref"):
            wizard.reply_ref = ticket.ref
        self.set_reply(ticket.ref)
        self.ctx.touch()

    def _refresh_category(self) -> None:
        category = self.selected_category()
        self.self_help.show_category(category)
        description = messages.category_description(category)
        self.category_box.reason.setText(description)
        self.category_box.reason.setVisible(bool(description))
        self.category.setAccessibleDescription(description)
        elsewhere = category is not None and not category.handled
        self.details.setVisible(not elsewhere)
        self.redirect.setVisible(elsewhere)
        if elsewhere:
            assert category is not None
            # IT's own words from config: shown as written, or as texts.toml words them.
            self.redirect_message.setText(
                self.tr(category.not_handled)
                if category.not_handled
                else self.tr("This is handled elsewhere, not by this helpdesk.")
            )
            url = category.not_handled_link
            host = url.split(":", 1)[-1].lstrip("/").split("/", 1)[0] if url else ""
            self.redirect_link.setText(self.tr("O&pen %1").replace("%1", host))
            self.redirect_link.setAccessibleName(
                self.tr("Open %1 in your browser").replace("%1", url)
            )
            set_tip(self.redirect_link, url)
            self.redirect_link.setVisible(bool(url))

    def _update_badge(self) -> None:
        priority = self.ctx.form.priority
        names = {
            Priority.LOW: self.tr("low"),
            Priority.NORMAL: self.tr("normal"),
            Priority.HIGH: self.tr("high"),
            Priority.CRITICAL: self.tr("critical"),
        }
        self.badge.setText(self.tr("Priority: %1").replace("%1", names[priority]))
        set_role(self.badge, "level", priority.value)
        self.priorityChanged.emit(priority.value)

    def update_hint(self) -> None:
        """Show the quality hint (never blocking); only once the user has started describing."""
        form = self.ctx.form
        started = form.happened.strip() or form.summary.strip()
        # Only once Next is possible: "you can still send as it is" beside a disabled Next
        # would be false; the missing line says what Next waits for instead.
        text = messages.quality_hint(form) if started and self.isComplete() else ""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _check_summary(self) -> None:
        missing = self._needs_summary() and not self.ctx.form.summary.strip()
        touched = self.summary.isModified()
        self.summary_box.set_error(
            self.tr("Please give your request a one-line summary.") if missing and touched else ""
        )

    def _needs_summary(self) -> bool:
        category = self.selected_category()
        return not self.ctx.form.reply_to and (category is None or category.handled)

    def missing_text(self) -> str:
        """What Next waits for, in words ("" when nothing): shown beside it, and its
        description for screen readers (the wizard reads it from here)."""
        category = self.selected_category()
        if category is not None and not category.handled:
            return ""
        needs: list[str] = []
        if category is None:
            needs.append(self.tr("choose a category"))
        if self._needs_summary() and not self.ctx.form.summary.strip():
            needs.append(self.tr("write a one-line summary"))
        if category is not None and not self.extra.complete():
            needs.append(self.tr("answer the questions marked required"))
        if not needs:
            return ""
        return self.tr("To go on: %1.").replace("%1", "; ".join(needs))

    def _refresh_missing(self) -> None:
        text = self.missing_text()
        self.missing.setText(text)
        self.missing.setVisible(bool(text))

    def isComplete(self) -> bool:
        category = self.selected_category()
        if category is None:
            return False
        if not category.handled:
            return True
        if self._needs_summary() and not self.ctx.form.summary.strip():
            return False
        return self.extra.complete()

    def nextId(self) -> int:
        category = self.selected_category()
        if category is not None and not category.handled:
            return int(PageId.NOT_HANDLED)
        return int(PageId.EVIDENCE)
