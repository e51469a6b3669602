"""Evidence: what this computer and this screen looked like, and the user's own files.

Support acts faster with the facts, but the user decides what leaves the
machine: system information and the screenshot can each be left out with one
click, files are added by button or by dropping them on the page, and the
size limit from config is checked over everything included, with a sentence
that says which file to leave out. Any section of the system report can be
switched off, the screenshot can be edited (the edit replaces it; the original
is dropped) or taken again after a delay, and the category's logs are listed
with their sizes, each with a tick to leave it out. The page writes only into
``ctx.form`` and the context's choices; the evidence itself stays in the
context until the Sending page writes it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGroupBox,
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

from app.collectors import outgoing
from app.core.attachments import AttachmentProblem, check_file, check_total
from app.core.model import Attachment
from app.ui import messages
from app.ui.context import WizardContext
from app.ui.pages.review import evidence_attachments
from app.ui.plain import plain, tip
from app.ui.widgets.log_list import LogList
from app.ui.widgets.screenshot_panel import ScreenshotPanel
from app.ui.widgets.section_chooser import SectionChooser


def size_problem(ctx: WizardContext) -> str:
    """A sentence naming the total, the limit and what to leave out; empty when it fits."""
    parts: list[Attachment] = []
    for path in ctx.form.files:
        try:
            parts.append(Attachment(filename=Path(path).name, size=check_file(path)))
        except AttachmentProblem as problem:
            return messages.attachment_problem(problem)
    parts.extend(evidence_attachments(ctx))
    try:
        check_total(tuple(parts), ctx.config.max_attachment_bytes)
    except AttachmentProblem as problem:
        return messages.attachment_problem(problem)
    return ""


def chosen_asset(ctx: WizardContext) -> dict[str, str]:
    """The asset fields (host, serial, user, OS build, IP) of the sections the user kept.

    Scrubbed like the report itself, so a user name IT asked to hide is hidden here too.
    """
    if ctx.system_info is None:
        return {}
    from app.services import evidence

    return evidence.asset_fields(ctx.system_info, ctx.sections, ctx.scanner)


class EvidencePage(QWizardPage):
    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("evidencePage")
        self.setTitle(self.tr("What to send with your request"))
        self.setSubTitle(
            self.tr(
                "Support can help faster with these details. You decide what "
                "is included; nothing is sent until you confirm on the next "
                "pages."
            )
        )
        self.setAcceptDrops(True)
        # The details about this computer open in place; the page scrolls rather than
        # pushing the wizard's buttons off a small screen.
        body = QWidget(self)
        body.setObjectName("evidenceForm")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self._build_system_info())
        self.screenshot_panel = ScreenshotPanel(ctx, body)
        self.screenshot_panel.setVisible(bool(ctx.config["attachments.screenshot"]))
        self.screenshot_panel.includeToggled.connect(self._on_include_screenshot)
        self.screenshot_panel.replaced.connect(self._changed)
        # The panel's controls, under the names the rest of the page and its tests use.
        self.include_screenshot = self.screenshot_panel.include_screenshot
        self.preview = self.screenshot_panel.preview
        self.screenshot_note = self.screenshot_panel.screenshot_note
        inner.addWidget(self.screenshot_panel)
        inner.addWidget(self._build_logs())
        inner.addWidget(self._build_files(), 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("evidenceScroll")
        # The controls inside take focus; the scroll area itself is not a stop.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("What to send with your request"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        self.total_label = plain(QLabel(self))
        self.total_label.setObjectName("evidenceTotal")
        self.total_label.setProperty("role", "muted")
        self.problem_label = plain(QLabel(self))  # file names
        self.problem_label.setObjectName("evidenceProblem")
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("Problem with the attachments"))
        self.problem_label.hide()
        layout.addWidget(self.total_label)
        layout.addWidget(self.problem_label)
        self._file_problem = ""
        ctx.evidenceChanged.connect(self._refresh_evidence)

    # -- building -----------------------------------------------------------

    def _build_system_info(self) -> QGroupBox:
        box = QGroupBox(self.tr("This computer"), self)
        box.setObjectName("systemInfoBox")
        box.setVisible(bool(self.ctx.config["attachments.system_info"]))
        self.include_system_info = QCheckBox(
            self.tr("Include information about this &computer"), box
        )
        self.include_system_info.setObjectName("includeSystemInfo")
        self.include_system_info.setAccessibleName(
            self.tr("Include information about this computer")
        )
        self.include_system_info.toggled.connect(self._on_include_system_info)
        self.system_summary = plain(QLabel(box))  # the computer's own names
        self.system_summary.setObjectName("systemInfoSummary")
        self.system_summary.setWordWrap(True)
        self.system_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(self.tr("Show &details"), box)
        self.details_button.setObjectName("systemInfoDetailsButton")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(
            self.tr("Show the details about this computer and choose which parts to send")
        )
        self.system_text = QPlainTextEdit(box)
        self.system_text.setObjectName("systemInfoText")
        self.system_text.setReadOnly(True)
        self.system_text.setAccessibleName(self.tr("Information about this computer"))
        self.system_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.system_text.setMinimumHeight(220)
        self.system_text.hide()
        self.details_button.toggled.connect(self._on_details_toggled)
        row = QHBoxLayout()
        row.addWidget(self.include_system_info)
        row.addStretch(1)
        row.addWidget(self.details_button)
        self.section_chooser = SectionChooser(self.ctx.config["sysinfo.sections"], box)
        self.section_chooser.toggledSection.connect(self._on_section_toggled)
        self.section_chooser.hide()  # with the details: the parts of what is shown there
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(self.system_summary)
        inner.addWidget(self.section_chooser)
        inner.addWidget(self.system_text)
        return box

    def _build_logs(self) -> QGroupBox:
        self.logs_box = QGroupBox(self.tr("Log files"), self)
        self.logs_box.setObjectName("logsBox")
        self.logs_list = LogList(self.logs_box)
        self.logs_list.setMinimumHeight(72)
        self.logs_list.setMaximumHeight(120)
        self.logs_list.includedChanged.connect(
            self._on_log_included, Qt.ConnectionType.QueuedConnection
        )
        self.logs_note = plain(QLabel(self.logs_box))
        self.logs_note.setObjectName("logsNote")
        self.logs_note.setProperty("role", "muted")
        self.logs_note.setWordWrap(True)
        inner = QVBoxLayout(self.logs_box)
        inner.addWidget(self.logs_note)
        inner.addWidget(self.logs_list)
        self.logs_box.hide()
        return self.logs_box

    def _build_files(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your files"), self)
        box.setObjectName("filesBox")
        self.files_list = QTreeWidget(box)
        self.files_list.setObjectName("filesList")
        self.files_list.setAccessibleName(self.tr("Attached files"))
        self.files_list.setAccessibleDescription(
            self.tr(
                "Files you add here are sent with "
                "your request. Press Delete to "
                "remove the selected file."
            )
        )
        self.files_list.setHeaderLabels([self.tr("File"), self.tr("Size")])
        self.files_list.setRootIsDecorated(False)
        self.files_list.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.files_list.setMinimumHeight(72)
        self.files_list.setMaximumHeight(92)
        header = self.files_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.files_list.itemSelectionChanged.connect(self._update_buttons)
        self.files_list.installEventFilter(self)  # the Delete key removes the selection
        self.add_button = QPushButton(self.tr("&Add files…"), box)
        self.add_button.setObjectName("addFiles")
        self.add_button.setAccessibleName(self.tr("Add files"))
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton(self.tr("&Remove"), box)
        self.remove_button.setObjectName("removeFile")
        self.remove_button.setAccessibleName(self.tr("Remove the selected file"))
        self.remove_button.clicked.connect(self.remove_selected)
        hint = QLabel(self.tr("You can also drop files onto this page."), box)
        hint.setObjectName("dropHint")
        hint.setProperty("role", "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(hint)
        #: Shown when the helpdesk takes no files: they stay here, in the receipt.
        self.kept_note = plain(QLabel(box))  # the helpdesk's own note
        self.kept_note.setObjectName("filesKeptNote")
        self.kept_note.setProperty("role", "note")
        self.kept_note.setWordWrap(True)
        self.kept_note.hide()
        inner = QVBoxLayout(box)
        inner.addWidget(self.files_list, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.kept_note)
        return box

    # -- QWizardPage ----------------------------------------------------------

    def initializePage(self) -> None:
        form = self.ctx.form
        for box, value in (
            (self.include_system_info, form.include_system_info),
            (self.include_screenshot, form.include_screenshot),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.section_chooser.set_chosen(self.ctx.sections)
        self._file_problem = ""
        self._fill_files()
        self.ctx.load_logs()
        self._refresh_evidence()
        self._show_kept_note()
        if self.ctx.submission.known_capabilities is None:  # asked on a worker, once
            self.ctx.runner.run(
                self.ctx.submission.capabilities,
                on_done=lambda _caps: self._show_kept_note(),
                on_error=lambda _err: None,
            )

    def _show_kept_note(self) -> None:
        """The helpdesk's own note when it takes no files (GitHub, for one)."""
        caps = self.ctx.submission.known_capabilities
        kept = caps is not None and not caps.attachments
        if kept and caps is not None:
            self.kept_note.setText(
                messages.limits_note(caps)
                or self.tr(
                    "Your helpdesk does not take files, so they stay on this computer, with the "
                    "copy of what was sent; the request says which they are."
                )
            )
        self.kept_note.setVisible(kept)

    def isComplete(self) -> bool:
        return not size_problem(self.ctx)

    # -- files ----------------------------------------------------------------

    def add_files(self, paths: list[str]) -> list[str]:
        """Add what can be sent; return one plain sentence per file that cannot."""
        problems: list[str] = []
        for raw in paths:
            path = str(Path(raw).expanduser().absolute())
            try:
                check_file(path)
            except AttachmentProblem as problem:
                problems.append(messages.attachment_problem(problem))
                continue
            if path not in self.ctx.form.files:
                self.ctx.form.files.append(path)
        self._file_problem = " ".join(problems)
        self._fill_files()
        self._changed()
        return problems

    @Slot()
    def remove_selected(self) -> None:
        rows = sorted(
            (self.files_list.indexOfTopLevelItem(i) for i in self.files_list.selectedItems()),
            reverse=True,
        )
        for row in rows:
            if 0 <= row < len(self.ctx.form.files):
                del self.ctx.form.files[row]
        if rows:
            self._file_problem = ""
            self._fill_files()
            self._changed()

    @Slot()
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files to your request"), str(Path.home())
        )
        if paths:
            self.add_files(paths)

    def _fill_files(self) -> None:
        self.files_list.clear()
        for path in self.ctx.form.files:
            try:
                size = messages.file_size(check_file(path))
            except AttachmentProblem:
                size = self.tr("missing")
            item = QTreeWidgetItem([Path(path).name, size])
            item.setToolTip(0, tip(path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.files_list.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.files_list.selectedItems()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.files_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # -- drag and drop --------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- evidence -------------------------------------------------------------

    @Slot(bool)
    def _on_include_system_info(self, checked: bool) -> None:
        self.ctx.form.include_system_info = checked
        self.ctx.evidenceChanged.emit()
        self._changed()

    @Slot(bool)
    def _on_include_screenshot(self, checked: bool) -> None:
        self.ctx.form.include_screenshot = checked
        self.ctx.evidenceChanged.emit()
        self._changed()

    @Slot(str, bool)
    def _on_section_toggled(self, name: str, included: bool) -> None:
        self.ctx.set_section(name, included)
        self._changed()

    @Slot(str, bool)
    def _on_log_included(self, name: str, included: bool) -> None:
        if included:
            self.ctx.excluded.discard(name)
        else:
            self.ctx.excluded.add(name)
        self.ctx.evidenceChanged.emit()
        self._changed()

    @Slot(bool)
    def _on_details_toggled(self, shown: bool) -> None:
        self.system_text.setVisible(shown)
        self.section_chooser.setVisible(shown)
        self.details_button.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))

    @Slot()
    def _refresh_evidence(self) -> None:
        ctx = self.ctx
        ctx.form.asset = chosen_asset(ctx)  # compose sends them with the report
        if ctx.system_info is None:
            self.system_summary.setText(self.tr("Collecting information about this computer…"))
            self.system_text.setPlainText("")
        else:
            parts = ctx.system_info_parts()
            size = sum(len(p.data()) for p in parts)
            self.system_summary.setText(
                self.tr("{summary} ({size} as text and as data)").format(
                    summary=messages.summary_line(ctx.system_info), size=messages.file_size(size)
                )
            )
            shown = parts[0].sent() if parts else ""
            if self.system_text.toPlainText() != shown:
                self.system_text.setPlainText(shown)
        self.details_button.setEnabled(ctx.system_info is not None)
        self.section_chooser.setEnabled(ctx.form.include_system_info)
        self.screenshot_panel.refresh()
        self._refresh_logs()
        self._show_totals()

    def _refresh_logs(self) -> None:
        ctx = self.ctx
        wanted = bool(outgoing.category_logs(ctx.config, ctx.form.category))
        self.logs_box.setVisible(wanted)
        if not wanted:
            return
        if ctx.logs_for != ctx.form.category or (not ctx.logs and not ctx.log_parts):
            self.logs_note.setText(self.tr("Reading the log files support asks for…"))
        else:
            self.logs_note.setText(
                self.tr(
                    "Support asks for these logs with this kind of problem. Only the end of a "
                    "long log is sent; passwords and keys found in them are hidden. Untick any "
                    "you would rather not send."
                )
            )
        self.logs_list.fill(ctx.logs, ctx.log_parts, ctx.excluded)

    def _changed(self) -> None:
        self._show_totals()
        self.ctx.touch()
        self.completeChanged.emit()

    def _show_totals(self) -> None:
        total = sum(a.size for a in evidence_attachments(self.ctx))
        for path in self.ctx.form.files:
            with contextlib.suppress(AttachmentProblem):
                total += check_file(path)
        limit = self.ctx.config.max_attachment_bytes
        self.total_label.setText(
            self.tr("Everything included: {total} of the {limit} allowed.").format(
                total=messages.file_size(total), limit=messages.file_size(limit)
            )
        )
        problem = " ".join(p for p in (self._file_problem, size_problem(self.ctx)) if p)
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.completeChanged.emit()
