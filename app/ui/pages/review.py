"""Review: exactly what will be sent, field by field and attachment by attachment.

The page shows the :class:`NewTicket` that :meth:`Submission.compose` builds,
the same call the Sending page's enqueue makes, so what the user reads here
is what the helpdesk gets. Evidence is sized from memory (nothing is written
on the GUI thread). This is the commit page: the wizard labels its button
"Send request", and a problem with the attachments disables it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.model import Attachment, NewTicket, Priority
from app.core.submission import AttachmentProblem, human_size
from app.ui.context import WizardContext

TEXT_PREVIEW_LIMIT = 512 * 1024


def evidence_attachments(ctx: WizardContext) -> tuple[Attachment, ...]:
    """The included evidence as attachments sized from memory (nothing written to disk)."""
    return tuple(Attachment(filename=f.filename, size=len(f.data), content_type=f.content_type,
                            kind=f.kind) for f in ctx.evidence_files())


def _dialog(parent: QWidget, title: str, body: QWidget, name: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


def show_image(parent: QWidget, title: str, image: QImage) -> QDialog:
    """A larger view of an image, at real size when it fits the screen, scrollable if not."""
    label = QLabel()
    label.setObjectName("imagePreview")
    label.setAccessibleName(title)
    label.setPixmap(QPixmap.fromImage(image))
    area = QScrollArea()
    area.setWidget(label)
    area.setAlignment(Qt.AlignmentFlag.AlignCenter)
    dialog = _dialog(parent, title, area, "imagePreviewDialog")
    screen = (parent.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(image.width() + 40, int(screen.width() * 0.9)),
                  min(image.height() + 80, int(screen.height() * 0.9)))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_text(parent: QWidget, title: str, text: str) -> QDialog:
    view = QPlainTextEdit()
    view.setObjectName("textPreview")
    view.setAccessibleName(title)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setPlainText(text)
    dialog = _dialog(parent, title, view, "textPreviewDialog")
    dialog.resize(640, 480)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ReviewPage(QWizardPage):
    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket: NewTicket | None = None
        self._following = False
        self.setObjectName("reviewPage")
        self.setTitle(self.tr("Check your request"))
        self.setSubTitle(self.tr("This is exactly what will be sent. Go back to change "
                                 "anything."))
        self.setCommitPage(True)
        self.fields = QFormLayout()
        self.fields.setObjectName("reviewFields")
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for key, label in (("who", self.tr("From")), ("category", self.tr("Category")),
                           ("priority", self.tr("Priority")), ("summary", self.tr("Summary"))):
            value = QLabel(self)
            value.setObjectName(f"review_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            caption = QLabel(label + ":", self)
            caption.setBuddy(value)
            self.fields.addRow(caption, value)
            self.values[key] = value
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("reviewBody")
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("The text of your request as it will be sent"))
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        body_label = QLabel(self.tr("&Text of the request:"), self)
        body_label.setBuddy(self.body)
        self.attachments = QTreeWidget(self)
        self.attachments.setObjectName("reviewAttachments")
        self.attachments.setAccessibleName(self.tr("Attachments that will be sent"))
        self.attachments.setHeaderLabels([self.tr("Attachment"), self.tr("What"),
                                          self.tr("Size")])
        self.attachments.setRootIsDecorated(False)
        header = self.attachments.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.attachments.itemActivated.connect(lambda *_: self.preview_selected())
        self.attachments.itemSelectionChanged.connect(self._update_preview_button)
        attachments_label = QLabel(self.tr("&Attachments:"), self)
        attachments_label.setBuddy(self.attachments)
        self.preview_button = QPushButton(self.tr("&Open preview"), self)
        self.preview_button.setObjectName("reviewPreview")
        self.preview_button.setAccessibleName(self.tr("Open a preview of the selected "
                                                      "attachment"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.total = QLabel(self)
        self.total.setObjectName("reviewTotal")
        self.total.setProperty("role", "muted")
        self.problem = QLabel(self)
        self.problem.setObjectName("reviewProblem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.pending = QLabel(self)
        self.pending.setObjectName("reviewPending")
        self.pending.setProperty("role", "muted")
        self.pending.setWordWrap(True)
        self.pending.hide()
        below = QHBoxLayout()
        below.addWidget(self.total, 1)
        below.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(attachments_label)
        layout.addWidget(self.attachments)
        layout.addLayout(below)
        layout.addWidget(self.problem)
        layout.addWidget(self.pending)
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
        return self.ticket is not None

    @Slot()
    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.ticket = None
        try:
            self.ticket = self.ctx.submission.compose(self.ctx.form,
                                                      evidence_attachments(self.ctx))
        except (AttachmentProblem, OSError) as problem:
            text = str(problem) if isinstance(problem, AttachmentProblem) else self.tr(
                "A file could not be read ({reason}). Please go back and add it again or "
                "leave it out.").format(reason=problem.strerror or problem)
            self.problem.setText(text + " " + self.tr("Sending is not possible until this "
                                                      "is fixed."))
        self.problem.setVisible(self.ticket is None)
        pending = self._pending_evidence()
        self.pending.setText(pending)
        self.pending.setVisible(bool(pending))
        self._show(self.ticket)
        self.completeChanged.emit()

    def _pending_evidence(self) -> str:
        """Evidence the user kept in that is not ready yet; sending now leaves it out."""
        ctx, config = self.ctx, self.ctx.config
        waiting = []
        if (config["attachments.system_info"] and ctx.form.include_system_info
                and ctx.system_info is None):
            waiting.append(self.tr("The information about this computer is still being "
                                   "collected."))
        if (config["attachments.screenshot"] and ctx.form.include_screenshot
                and ctx.screenshot is not None and not ctx.screenshot_png):
            waiting.append(self.tr("The screenshot is still being prepared."))
        if not waiting:
            return ""
        return " ".join(waiting) + " " + self.tr("It appears here in a moment; if you send "
                                                 "before that, it is left out.")

    def _show(self, ticket: NewTicket | None) -> None:
        form = self.ctx.form
        category = self.ctx.category()
        r = ticket.requester if ticket else form.requester
        who = [r.name or self.tr("(no name given)")]
        if r.email:
            who.append(f"<{r.email}>")
        extra = [v for v in (r.customer_id, r.organization, r.phone) if v]
        self.values["who"].setText(" ".join(who) + (" · " + " · ".join(extra) if extra else ""))
        self.values["category"].setText(category.label if category else
                                        (form.category or self.tr("Not chosen")))
        priorities = {Priority.LOW: self.tr("Low"), Priority.NORMAL: self.tr("Normal"),
                      Priority.HIGH: self.tr("High"), Priority.CRITICAL: self.tr("Critical")}
        self.values["priority"].setText(priorities[form.priority])
        self.values["summary"].setText(ticket.subject if ticket else form.summary)
        self.body.setPlainText(ticket.body if ticket else "")
        self.attachments.clear()
        kinds = {"file": self.tr("Your file"), "screenshot": self.tr("Screenshot"),
                 "system-info": self.tr("About this computer")}
        total = 0
        for att in ticket.attachments if ticket else ():
            total += att.size
            item = QTreeWidgetItem([att.filename, kinds.get(att.kind, att.kind),
                                    human_size(att.size)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, att)
            self.attachments.addTopLevelItem(item)
        if ticket is None:
            self.total.setText("")
        elif ticket.attachments:
            count = len(ticket.attachments)
            text = self.tr("1 attachment, {total}.") if count == 1 else self.tr(
                "{count} attachments, {total} in all.")
            self.total.setText(text.format(count=count, total=human_size(total)))
        else:
            self.total.setText(self.tr("No attachments."))
        self._fit_attachments()
        self._update_preview_button()

    def _fit_attachments(self) -> None:
        """As tall as its rows (one empty row's worth at least), so the body keeps the room."""
        rows = max(1, self.attachments.topLevelItemCount())
        row_height = self.attachments.sizeHintForRow(0) if rows else 0
        row_height = row_height if row_height > 0 else self.fontMetrics().height() + 4
        header = self.attachments.header().sizeHint().height()
        self.attachments.setFixedHeight(header + rows * row_height + 2 * self.attachments
                                        .frameWidth() + 4)

    def _update_preview_button(self) -> None:
        item = self.attachments.currentItem()
        att = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self.preview_button.setEnabled(att is not None and _previewable(att.content_type))

    @Slot()
    def preview_selected(self) -> QDialog | None:
        item = self.attachments.currentItem()
        att = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if att is None or not _previewable(att.content_type):
            return None
        limit = None if att.content_type.startswith("image/") else TEXT_PREVIEW_LIMIT + 1
        data = self._bytes_of(att.filename, att.kind, att.path, limit)
        if data is None:
            return None
        if att.content_type.startswith("image/"):
            image = QImage.fromData(data)
            return show_image(self, att.filename, image) if not image.isNull() else None
        text = data[:TEXT_PREVIEW_LIMIT].decode("utf-8", errors="replace")
        if len(data) > TEXT_PREVIEW_LIMIT:
            text += "\n" + self.tr("[… the rest is sent but not shown here]")
        return show_text(self, att.filename, text)

    def _bytes_of(self, filename: str, kind: str, path: str | None,
                  limit: int | None) -> bytes | None:
        for evidence in self.ctx.evidence_files():
            if evidence.filename == filename and evidence.kind == kind:
                return evidence.data
        if path:
            try:
                with Path(path).open("rb") as handle:
                    return handle.read(-1 if limit is None else limit)
            except OSError:
                return None
        return None


def _previewable(content_type: str) -> bool:
    return content_type.startswith(("text/", "image/")) or content_type == "application/json"
