"""Review: exactly what will be sent, field by field and part by part.

The page shows the :class:`~app.services.filing.Outgoing` the filing service prepares
(the secrets found masked unless the user unmasked one), and the Sending page enqueues
that same object, so what the user reads here is what the helpdesk gets, byte for byte.
Every part can be opened: text in a viewer that marks
each hidden secret (and, where policy allows, lets the user send one clear), images as a
preview. Every attachment can be left out with its tick. Evidence is sized from memory
(nothing is written on the GUI thread). This is the commit page: the wizard labels its
button "Send request"; a problem with the attachments, or a review tick that policy
requires and the user has not given, disables it.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.collectors import outgoing
from app.collectors.outgoing import TextPart
from app.core.answer_times import Promise, expected_by
from app.core.attachments import AttachmentProblem, check_file
from app.core.helpdesk import Capabilities
from app.core.model import Attachment, NewTicket, Priority
from app.services.filing import Submission
from app.ui import answer_text, messages
from app.ui.context import WizardContext
from app.ui.i18n import program_name
from app.ui.plain import plain
from app.ui.widgets.part_list import PartList, Row
from app.ui.widgets.part_viewer import PartViewer
from app.ui.widgets.previews import show_image, show_text

TEXT_PREVIEW_LIMIT = 512 * 1024
#: Attachment rows shown at once; a longer list scrolls inside itself.
MAX_VISIBLE_ROWS = 4


def evidence_attachments(ctx: WizardContext) -> tuple[Attachment, ...]:
    """The included evidence as attachments sized from memory (nothing written to disk)."""
    return tuple(
        Attachment(filename=f.filename, size=len(f.data), content_type=f.content_type, kind=f.kind)
        for f in ctx.evidence_files()
    )


class _BodyView(QPlainTextEdit):
    """The request's text; asks for only a few lines so the page scrolls only when it must.

    The scroll area sizes the page by its preferred height; the text view's own preference
    (about twelve lines) would push the attachments out of view on a small window, where
    the view is better off smaller and scrolling itself.
    """

    def sizeHint(self) -> QSize:
        lines = 4 * self.fontMetrics().lineSpacing()
        return QSize(super().sizeHint().width(), lines + 2 * self.frameWidth() + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class ReviewPage(QWizardPage):
    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket: NewTicket | None = None
        #: The user's files left out here, so a tick can put them back.
        self.set_aside: list[str] = []
        self._following = False
        self.setObjectName("reviewPage")
        self.setTitle(self.tr("Check your request"))
        self.setSubTitle(
            self.tr(
                "No helpdesk is connected, so this is kept on this computer, exactly as shown. "
                "Open any part to see it; untick an attachment to leave it out."
            )
            if ctx.config.keeps_locally
            else self.tr(
                "This is exactly what will be sent. Open any part to see it; "
                "untick an attachment to leave it out."
            )
        )
        self.setCommitPage(True)
        self.fields = QFormLayout()
        self.fields.setObjectName("reviewFields")
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("who", self.tr("From")),
            ("category", self.tr("Category")),
            ("priority", self.tr("Priority")),
            ("summary", self.tr("Summary")),
            ("asset", self.tr("This computer")),
        ):
            # Plain: "exactly what will be sent" means `<b>x</b><!-- y -->` shows all of it.
            value = plain(QLabel(self))
            value.setObjectName(f"review_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            caption = QLabel(label + ":", self)
            caption.setBuddy(value)
            self.fields.addRow(caption, value)
            self.values[key] = value
        # When support usually answers (issue 18): IT's target in working time, or nothing.
        self.answer_time = QLabel(self)
        self.answer_time.setObjectName("reviewAnswerTime")
        self.answer_time.setProperty("role", "note")
        self.answer_time.setWordWrap(True)
        self.answer_time.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_time.hide()
        self.body = _BodyView(self)
        self.body.setObjectName("reviewBody")
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("The text of your request as it will be sent"))
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        body_label = QLabel(self.tr("&Text of the request:"), self)
        body_label.setBuddy(self.body)
        self.body_button = QPushButton(self.tr("Open the te&xt…"), self)
        self.body_button.setObjectName("reviewBodyViewer")
        self.body_button.setAccessibleName(
            self.tr("Open the text of the request with what {program} hid marked").format(
                program=program_name()
            )
        )
        self.body_button.clicked.connect(self.open_description)
        self.secrets = plain(QLabel(self))
        self.secrets.setObjectName("reviewSecrets")
        self.secrets.setProperty("role", "note")
        self.secrets.setWordWrap(True)
        self.secrets.hide()
        #: The helpdesk takes no files: its own note, and that the files stay here.
        self.kept_note = plain(QLabel(self))  # the helpdesk's own note
        self.kept_note.setObjectName("reviewFilesKept")
        self.kept_note.setProperty("role", "note")
        self.kept_note.setWordWrap(True)
        self.kept_note.hide()
        self._asking = False
        self._gave_up = False
        self._scanning = False
        self._scan_failed = False  # then prepare reads the files itself and says what failed
        self.attachments = PartList(self)
        self.attachments.itemActivated.connect(lambda *_: self.preview_selected())
        self.attachments.itemSelectionChanged.connect(self._update_preview_button)
        self.attachments.includedChanged.connect(
            self._on_included, Qt.ConnectionType.QueuedConnection
        )
        attachments_label = QLabel(self.tr("&Attachments:"), self)
        attachments_label.setBuddy(self.attachments)
        self.preview_button = QPushButton(self.tr("&Open"), self)
        self.preview_button.setObjectName("reviewPreview")
        self.preview_button.setAccessibleName(
            self.tr("Open the selected attachment as it will be sent")
        )
        self.preview_button.clicked.connect(self.preview_selected)
        self.total = plain(QLabel(self))
        self.total.setObjectName("reviewTotal")
        self.total.setProperty("role", "muted")
        self.problem = plain(QLabel(self))  # file names
        self.problem.setObjectName("reviewProblem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.pending = plain(QLabel(self))
        self.pending.setObjectName("reviewPending")
        self.pending.setProperty("role", "muted")
        self.pending.setWordWrap(True)
        self.pending.hide()
        self.reviewed = QCheckBox(self.tr("I have &reviewed what will be sent"), self)
        self.reviewed.setObjectName("reviewedTick")
        self.reviewed.setAccessibleName(self.tr("I have reviewed what will be sent"))
        self.reviewed.setVisible(bool(ctx.config["privacy.require_review_tick"]))
        self.reviewed.toggled.connect(lambda _on: self.completeChanged.emit())
        body_row = QHBoxLayout()
        body_row.addWidget(body_label, 1)
        body_row.addWidget(self.body_button)
        below = QHBoxLayout()
        below.addWidget(self.total, 1)
        below.addWidget(self.preview_button)
        # The parts scroll rather than squeeze on a small screen or with a large font; the
        # problems and the review tick stay in view beside the Send button.
        content = QWidget(self)
        content.setObjectName("reviewContent")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.fields)
        inner.addWidget(self.answer_time)
        inner.addLayout(body_row)
        inner.addWidget(self.body, 1)
        inner.addWidget(self.secrets)
        inner.addWidget(attachments_label)
        inner.addWidget(self.attachments)
        inner.addLayout(below)
        inner.addWidget(self.kept_note)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("reviewScroll")
        # The controls inside take focus; the scroll area itself is not a stop.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("Your request as it will be sent"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        QWidget.setTabOrder(self.body_button, self.body)  # the button sits above the text
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.pending)
        layout.addWidget(self.reviewed)
        ctx.evidenceChanged.connect(self._refresh_if_shown)

    def initializePage(self) -> None:
        wizard = self.wizard()
        if wizard is not None and not self._following:
            # QWizard does not initialise a page again when the user comes back to it
            # (from a failed Sending); files may have changed meanwhile, so look again.
            wizard.currentIdChanged.connect(self._on_current_changed)
            self._following = True
        self.refresh()

    @Slot(int)
    def _on_current_changed(self, _page_id: int) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.refresh()

    def isComplete(self) -> bool:
        if self.ctx.config["privacy.require_review_tick"] and not self.reviewed.isChecked():
            return False
        return self.ticket is not None

    @Slot()
    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _ask_capabilities(self) -> None:
        """Ask on a worker whether the helpdesk takes files (creating it may be slow)."""
        if self._asking or self._gave_up or self.ctx.submission.known_capabilities is not None:
            return
        self._asking = True
        self.ctx.runner.run(
            _capabilities, self.ctx.submission, on_done=self._answered, on_error=self._answered
        )

    @Slot(object)
    def _answered(self, _result: object) -> None:
        """Known now, or not to be known (then the files go as before); show it."""
        self._asking = False
        self._gave_up = self.ctx.submission.known_capabilities is None  # ask once, not a loop
        self.refresh()

    def files_kept(self) -> bool:
        """Whether this request goes without its files, which stay on this computer.

        Judged with the request as prepared: the worker asking the helpdesk may learn its
        limits between preparing and showing, and until Review prepares again (when that
        answer arrives) the page must say what the prepared request does."""
        caps = self.ctx.submission.known_capabilities
        prepared_with_files = self.ticket is not None and bool(self.ticket.attachments)
        return caps is not None and not caps.attachments and not prepared_with_files

    def refresh(self) -> None:
        self._ask_capabilities()
        self.ticket = None
        self.set_aside = [p for p in self.set_aside if p not in self.ctx.form.files]
        if self._scan_ahead():
            return
        try:
            self.ticket = self.ctx.prepare().ticket
        except (AttachmentProblem, OSError) as problem:
            text = (
                messages.attachment_problem(problem)
                if isinstance(problem, AttachmentProblem)
                else self.tr(
                    "A file could not be read ({reason}). Please go back and add it again or "
                    "leave it out."
                ).format(reason=problem.strerror or problem)
            )
            self.problem.setText(
                text + " " + self.tr("Sending is not possible until this is fixed.")
            )
        self.problem.setVisible(self.ticket is None)
        pending = self._pending_evidence()
        self.pending.setText(pending)
        self.pending.setVisible(bool(pending))
        self._show(self.ticket)
        self.completeChanged.emit()

    @property
    def checking_files(self) -> bool:
        """The user's files are being read and scanned on a worker; Review follows."""
        return self._scanning

    def _scan_ahead(self) -> bool:
        """Read and scan the user's new files on a worker first (the GUI thread never waits
        on the disk); True while that runs, and Review prepares the request when it ends."""
        submission = self.ctx.submission
        waiting = submission.unscanned(self.ctx.form.files)
        if not waiting or self._scan_failed:
            self._scan_failed = False
            return False
        self.problem.setVisible(False)
        self.pending.setText(self.tr("Checking your files for passwords and keys…"))
        self.pending.setVisible(True)
        self.completeChanged.emit()
        if not self._scanning:
            self._scanning = True
            self.ctx.runner.run(
                submission.scan_ahead, waiting, on_done=self._scanned, on_error=self._scanned
            )
        return True

    @Slot(object)
    def _scanned(self, result: object) -> None:
        self._scanning = False
        self._scan_failed = isinstance(result, BaseException)
        self.refresh()

    def _pending_evidence(self) -> str:
        """Evidence the user kept in that is not ready yet; sending now leaves it out."""
        ctx, config = self.ctx, self.ctx.config
        waiting = []
        if (
            config["attachments.system_info"]
            and ctx.form.include_system_info
            and ctx.system_info is None
        ):
            waiting.append(self.tr("The information about this computer is still being collected."))
        if (
            config["attachments.screenshot"]
            and ctx.form.include_screenshot
            and ctx.screenshot is not None
            and not ctx.screenshot_png
        ):
            waiting.append(self.tr("The screenshot is still being prepared."))
        if outgoing.category_logs(config, ctx.form.category) and (
            ctx.logs_for != ctx.form.category or ctx.logs_loading
        ):
            ctx.load_logs()
            waiting.append(self.tr("The log files are still being read."))
        if not waiting:
            return ""
        return (
            " ".join(waiting)
            + " "
            + self.tr("It appears here in a moment; if you send before that, it is left out.")
        )

    # -- what is shown ----------------------------------------------------------------

    def _show(self, ticket: NewTicket | None) -> None:
        form = self.ctx.form
        category = self.ctx.category()
        r = ticket.requester if ticket else form.requester
        who = [r.name or self.tr("(no name given)")]
        if r.email:
            who.append(f"<{r.email}>")
        extra = [v for v in (r.customer_id, r.organization, r.phone) if v]
        self.values["who"].setText(" ".join(who) + (" · " + " · ".join(extra) if extra else ""))
        self.values["category"].setText(
            messages.category_label(category)
            if category
            else (form.category or self.tr("Not chosen"))
        )
        priorities = {
            Priority.LOW: self.tr("Low"),
            Priority.NORMAL: self.tr("Normal"),
            Priority.HIGH: self.tr("High"),
            Priority.CRITICAL: self.tr("Critical"),
        }
        self.values["priority"].setText(priorities[form.priority])
        self._show_answer_time()
        self.values["summary"].setText(ticket.subject if ticket else form.summary)
        # The structured asset fields go to the helpdesk as fields, not only inside the
        # system information file, so they are shown here too.
        asset = [
            value
            for key, value in (ticket.fields.items() if ticket else ())
            if key.startswith("asset.") and value
        ]
        self.values["asset"].setText(" · ".join(asset))
        self.fields.setRowVisible(self.values["asset"], bool(asset))
        self.body.setPlainText(ticket.body if ticket else "")
        self.body_button.setEnabled(ticket is not None and self.ctx.description is not None)
        rows = self._rows(ticket)
        self.attachments.fill(rows)
        sent = [row for row in rows if row.included]
        total = sum(row.size for row in sent)
        if ticket is None:
            self.total.setText("")
        elif sent:
            text = (
                self.tr("1 attachment, {total}.")
                if len(sent) == 1
                else self.tr("{count} attachments, {total} in all.")
            )
            self.total.setText(text.format(count=len(sent), total=messages.file_size(total)))
        else:
            self.total.setText(self.tr("No attachments."))
        kept = ticket is not None and bool(sent) and self.files_kept()
        if kept:
            text = (
                self.tr("Nothing is attached: 1 file stays on this computer.")
                if len(sent) == 1
                else self.tr("Nothing is attached: {count} files stay on this computer.")
            )
            self.total.setText(text.format(count=len(sent)))
            caps = self.ctx.submission.known_capabilities
            note = messages.limits_note(caps)
            self.kept_note.setText(
                note
                or self.tr(
                    "Your helpdesk does not take files, so they stay on this computer, with the "
                    "copy of what was sent; the request says which they are."
                )
            )
        self.kept_note.setVisible(kept)
        self._show_secrets(sent)
        self._fit_attachments()
        self._update_preview_button()

    def _show_answer_time(self) -> None:
        """ "Support usually answers … — by about Tuesday 11:00", counted from now (a request
        sent now reaches support now; Done says it again, or how it stands if it waits).
        Counted on a worker: the first count reads the holiday calendars."""
        now = self.ctx.clock()
        form = self.ctx.form
        self.ctx.runner.run(
            expected_by,
            self.ctx.config,
            now,
            form.priority,
            form.category,
            on_done=partial(self._answer_time_known, now),
        )

    def _answer_time_known(self, now: datetime, promise: Promise | None) -> None:
        self.answer_time.setText(answer_text.expected(promise, now) if promise else "")
        self.answer_time.setVisible(promise is not None)

    def _rows(self, ticket: NewTicket | None) -> list[Row]:
        """Every part, sent or left out, in the order they are sent."""
        kinds = {
            "file": self.tr("Your file"),
            "screenshot": self.tr("Screenshot"),
            "system-info": self.tr("About this computer"),
            "log": self.tr("Log file"),
            "steps": self.tr("Recorded steps"),
        }
        if ticket is not None and self.files_kept():
            kept = self.tr("{what}, kept on this computer")
            kinds = {k: kept.format(what=v) for k, v in kinds.items()}
        attached = iter(ticket.attachments if ticket else ())
        rows: list[Row] = []
        for path in self.ctx.form.files:
            att = next(attached, None)
            size = att.size if att else _size(path)
            text = self.ctx.file_part(path) if ticket is not None else None
            rows.append(
                Row(
                    att.filename if att else Path(path).name,
                    kinds["file"],
                    size,
                    text.masked_count() if text is not None else 0,
                    True,
                    ("file", path),
                    "text/plain" if text is not None else (att.content_type if att else ""),
                    "file",
                    path,
                )
            )
        for path in self.set_aside:
            guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
            rows.append(
                Row(
                    Path(path).name,
                    kinds["file"],
                    _size(path),
                    0,
                    False,
                    ("file", path),
                    guessed,
                    "file",
                    path,
                )
            )
        for evidence in self.ctx.evidence_files(with_excluded=True):
            included = evidence.filename not in self.ctx.excluded
            att = next(attached, None) if included else None
            part = self.ctx.part(evidence.filename)
            hidden = part.masked_count() if part is not None else 0
            rows.append(
                Row(
                    att.filename if att else evidence.filename,
                    kinds.get(evidence.kind, evidence.kind),
                    len(evidence.data),
                    hidden,
                    included,
                    ("evidence", evidence.filename),
                    evidence.content_type,
                    evidence.kind,
                )
            )
        return rows

    def _show_secrets(self, sent: list[Row]) -> None:
        hidden = sum(row.hidden for row in sent)
        if self.ctx.description is not None and self.ticket is not None:
            hidden += self.ctx.description.masked_count()
        self.secrets.setVisible(bool(hidden))
        if hidden:
            self.secrets.setText(
                (
                    self.tr(
                        "{program} hid one password, key or token as ••••••••. Open a part to "
                        "see where."
                    )
                    if hidden == 1
                    else self.tr(
                        "{program} hid {count} passwords, keys or tokens as ••••••••. Open a "
                        "part to see where."
                    )
                ).format(program=program_name(), count=hidden)
            )

    def _fit_attachments(self) -> None:
        """As tall as its rows (one at least, a few at most; more scroll), so the body keeps
        the room."""
        rows = min(max(1, self.attachments.topLevelItemCount()), MAX_VISIBLE_ROWS)
        row_height = self.attachments.sizeHintForRow(0) if rows else 0
        row_height = row_height if row_height > 0 else self.fontMetrics().height() + 4
        header = self.attachments.header().sizeHint().height()
        self.attachments.setFixedHeight(
            header + rows * row_height + 2 * self.attachments.frameWidth() + 4
        )

    def _update_preview_button(self) -> None:
        row = self.attachments.current_row()
        self.preview_button.setEnabled(row is not None and _previewable(row))

    # -- the user's choices -----------------------------------------------------------

    @Slot(object, bool)
    def _on_included(self, key: tuple[str, str], included: bool) -> None:
        where, name = key
        if where == "file":
            if included and name in self.set_aside:
                self.set_aside.remove(name)
                self.ctx.form.files.append(name)
            elif not included and name in self.ctx.form.files:
                self.ctx.form.files.remove(name)
                self.set_aside.append(name)
            self.ctx.touch()
        elif included:
            self.ctx.excluded.discard(name)
        else:
            self.ctx.excluded.add(name)
        self.refresh()

    def _viewer(self, part: TextPart, title: str) -> PartViewer:
        viewer = PartViewer(part, title, bool(self.ctx.config["privacy.allow_unmask"]), self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.changed.connect(lambda: self._changed_in(viewer))
        viewer.open()
        return viewer

    def _changed_in(self, viewer: PartViewer) -> None:
        """A finding was unmasked or masked again: prepare again, and point the viewer at
        the part as prepared now (the description and the user's files are made anew),
        so its next choice builds on this one."""
        self.refresh()
        part = viewer.part
        fresh = self.ctx.file_part(part.note) if part.kind == "file" else self.ctx.part(part.name)
        if fresh is not None:
            viewer.part = fresh

    @Slot()
    def open_description(self) -> PartViewer | None:
        if self.ctx.description is None:
            return None
        return self._viewer(self.ctx.description, self.tr("Text of the request"))

    @Slot()
    def preview_selected(self) -> QDialog | None:
        row = self.attachments.current_row()
        if row is None or not _previewable(row):
            return None
        where, name = row.key
        part = self.ctx.part(name) if where == "evidence" else self.ctx.file_part(name)
        if part is not None:
            return self._viewer(part, row.name)
        if row.kind == "screenshot":
            image = QImage.fromData(self.ctx.screenshot_png or b"")
            return show_image(self, row.name, image) if not image.isNull() else None
        data = _read(
            row.path, None if row.content_type.startswith("image/") else TEXT_PREVIEW_LIMIT + 1
        )
        if data is None:
            return None
        if row.content_type.startswith("image/"):
            image = QImage.fromData(data)
            return show_image(self, row.name, image) if not image.isNull() else None
        text = data[:TEXT_PREVIEW_LIMIT].decode("utf-8", errors="replace")
        if len(data) > TEXT_PREVIEW_LIMIT:
            text += "\n" + self.tr("[… the rest is sent but not shown here]")
        return show_text(self, row.name, text)


def _capabilities(submission: Submission) -> Capabilities:
    """Worker: what the helpdesk can do, kept on the submission for prepare to read."""
    return submission.capabilities()


def _size(path: str) -> int:
    try:
        return check_file(path)
    except AttachmentProblem:
        return 0


def _read(path: str | None, limit: int | None) -> bytes | None:
    if not path:
        return None
    try:
        with Path(path).open("rb") as handle:
            return handle.read(-1 if limit is None else limit)
    except OSError:
        return None


def _previewable(row: Row) -> bool:
    return row.content_type.startswith(("text/", "image/")) or row.content_type == (
        "application/json"
    )
