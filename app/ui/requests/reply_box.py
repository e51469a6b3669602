"""Answering support: a reply with files or a fresh screenshot, and closing the loop.

The box only collects what the user wants and says so through signals; the
window queues replies in the outbox and calls the helpdesk. What the backend
cannot do is never a dead button: the button is hidden and the backend's own
``limits_note`` says why. "Still not fixed" needs a word on what still goes
wrong, so it uses the text typed in the box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.helpdesk import Capabilities
from app.core.model import Status, Ticket
from app.services.followup import FollowUpProblem, OutgoingReply, Problem
from app.ui import messages
from app.ui.i18n import program_name
from app.ui.messages import file_size, limits_note
from app.ui.plain import plain

# The pause in typing after which the box asks what will be sent (secrets masked).
PREVIEW_MS = 400


class ReplyBox(QWidget):
    sendRequested = Signal(str, list)  # text, file paths
    previewRequested = Signal(str)  # the text, after a pause in typing
    resolveRequested = Signal()
    reopenRequested = Signal(str, list)  # the comment, file paths
    screenshotRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyBox")
        self.files: list[str] = []
        self.busy = False
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("replyEdit")
        self.edit.setAccessibleName(self.tr("Your reply"))
        self.edit.setPlaceholderText(self.tr("Write to support…"))
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 16)
        self.edit.textChanged.connect(self._update)
        self._preview_timer = QTimer(self)
        self._preview_timer.setObjectName("replyPreviewTimer")
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self._request_preview)
        self.edit.textChanged.connect(self._preview_timer.start)
        self.files_label = plain(QLabel(self))  # file names
        self.files_label.setObjectName("replyFiles")
        self.files_label.setWordWrap(True)
        self.files_label.setProperty("role", "muted")
        self.attach_button = self._button(
            "replyAttach", self.tr("Attach &files…"), self.tr("Attach files"), self.choose_files
        )
        self.clear_files_button = self._button(
            "replyClearFiles",
            self.tr("Remove files"),
            self.tr("Remove the attached files"),
            self.clear_files,
        )
        self.screenshot_button = self._button(
            "replyScreenshot",
            self.tr("&Add a screenshot…"),
            self.tr("Add a screenshot"),
            self.screenshotRequested.emit,
        )
        self.send_button = self._button(
            "replySend", self.tr("&Send reply"), self.tr("Send reply"), self._send
        )
        self.send_button.setProperty("primary", True)
        self.solved_button = self._button(
            "replySolved",
            self.tr("This s&olved my problem"),
            self.tr("This solved my problem"),
            self.resolveRequested.emit,
        )
        self.reopen_button = self._button(
            "replyReopen", self.tr("Still &not fixed"), self.tr("Still not fixed"), self._reopen
        )
        self.note = plain(QLabel(self))  # the helpdesk's own words
        self.note.setObjectName("replyNote")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "note")
        self.note.hide()
        self.state = plain(QLabel(self))  # reasons from the helpdesk
        self.state.setObjectName("replyState")
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Reply status"))
        # With secrets in the reply: how many go masked, and the text as it goes (or went).
        self.masked_note = QLabel(self)
        self.masked_note.setObjectName("replyMasked")
        self.masked_note.setWordWrap(True)
        self.masked_note.setProperty("role", "note")
        self.masked_note.setTextFormat(Qt.TextFormat.PlainText)
        self.masked_note.setAccessibleName(self.tr("What is sent"))
        self.masked_note.hide()
        self._previewing = False  # the note shows what will be sent, not what was
        tools = QHBoxLayout()
        for button in (self.attach_button, self.screenshot_button, self.clear_files_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.solved_button)
        tools.addWidget(self.reopen_button)
        tools.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.files_label)
        layout.addLayout(tools)
        layout.addWidget(self.note)
        layout.addWidget(self.state)
        layout.addWidget(self.masked_note)
        self.ticket: Ticket | None = None
        self.caps = Capabilities()
        self._update()

    def _button(self, name: str, text: str, accessible: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    # -- state ------------------------------------------------------------------

    def set_ticket(self, ticket: Ticket | None, caps: Capabilities) -> None:
        """Show what this ticket allows; keep what the user typed if it is the same ticket."""
        if ticket is None or self.ticket is None or ticket.id != self.ticket.id:
            self.edit.clear()
            self.clear_files()
            self.state.clear()
            self.show_masked("", 0)
        self.ticket, self.caps = ticket, caps
        self._update()

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.state.setText(text)
        self._update()

    def sent(self, text: str, outgoing: OutgoingReply | None = None) -> None:
        """The reply is safe (sent or queued): empty the box and say what happened, and
        what was sent when secrets were masked in it."""
        self.edit.clear()
        self.clear_files()
        self.set_busy(False, text)
        if outgoing is not None:
            self._preview_timer.stop()  # emptying the box is no new text to preview
            self.show_masked(outgoing.text, outgoing.masked)

    def show_masked(self, text: str, count: int, preview: bool = False) -> None:
        """Say that ``count`` secrets go (``preview``) or went masked, and show ``text``
        as it is sent."""
        self._previewing = preview and bool(count)
        if count and preview:
            note = (
                self.tr(
                    "{program} will hide one password, key or token as ••••••••. This is what "
                    "will be sent:"
                )
                if count == 1
                else self.tr(
                    "{program} will hide {count} passwords, keys or tokens as ••••••••. This is "
                    "what will be sent:"
                )
            )
            self.masked_note.setText(note.format(program=program_name(), count=count) + "\n" + text)
        elif count:
            note = (
                self.tr(
                    "{program} hid one password, key or token as ••••••••. This is what was sent:"
                )
                if count == 1
                else self.tr(
                    "{program} hid {count} passwords, keys or tokens as ••••••••. This is what "
                    "was sent:"
                )
            )
            self.masked_note.setText(note.format(program=program_name(), count=count) + "\n" + text)
        else:
            self.masked_note.clear()
        self.masked_note.setVisible(bool(count))

    def show_preview(self, typed: str, outgoing: OutgoingReply) -> None:
        """The window's answer to :attr:`previewRequested`, if the text is still the same."""
        if typed == self.edit.toPlainText().strip():
            self.show_masked(outgoing.text, outgoing.masked, preview=True)

    def _request_preview(self) -> None:
        text = self.edit.toPlainText().strip()
        if text and self.ticket is not None:
            self.previewRequested.emit(text)
        elif self._previewing:  # the text with secrets was deleted; a "was sent" note stays
            self.show_masked("", 0)

    def _update(self) -> None:
        ticket, caps = self.ticket, self.caps
        closed = ticket is not None and ticket.status in (Status.RESOLVED, Status.CLOSED)
        can_reply = ticket is not None and caps.reply
        can_resolve = ticket is not None and caps.resolve and ticket.is_open
        can_reopen = closed and caps.reopen
        typed = bool(self.edit.toPlainText().strip())
        for widget in (self.edit, self.attach_button, self.screenshot_button, self.send_button):
            widget.setVisible(can_reply)
        self.screenshot_button.setVisible(can_reply and caps.attachments)
        self.attach_button.setVisible(can_reply and caps.attachments)
        self.clear_files_button.setVisible(bool(self.files))
        self.solved_button.setVisible(can_resolve)
        self.reopen_button.setVisible(can_reopen)
        self.send_button.setEnabled(not self.busy and typed)
        self.solved_button.setEnabled(not self.busy)
        self.reopen_button.setEnabled(not self.busy)
        self.reopen_button.setToolTip(
            self.tr("Write what still goes wrong above, then press this to reopen the request.")
        )
        missing = ticket is not None and (
            not caps.reply or (not caps.resolve and ticket.is_open) or (closed and not caps.reopen)
        )
        note = limits_note(caps) if missing else ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if closed and caps.reopen and caps.replies_reopen:
            self.edit.setPlaceholderText(
                self.tr("Still a problem? Say what still goes wrong and press Still not fixed.")
            )
        else:
            self.edit.setPlaceholderText(self.tr("Write to support…"))
        self.files_label.setText(
            self.tr("Attached: {files}").format(
                files=", ".join(
                    f"{Path(f).name} ({file_size(Path(f).stat().st_size)})"
                    for f in self.files
                    if Path(f).exists()
                )
            )
            if self.files
            else ""
        )
        self.files_label.setVisible(bool(self.files))
        self.setVisible(ticket is not None)

    # -- actions ----------------------------------------------------------------

    def add_files(self, paths: list[str]) -> None:
        self.files += [p for p in paths if p and p not in self.files]
        self._update()

    def clear_files(self) -> None:
        self.files = []
        self._update()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files(paths)

    def _send(self) -> None:
        text = self.edit.toPlainText().strip()
        if text and not self.busy:
            self.sendRequested.emit(text, list(self.files))

    def _reopen(self) -> None:
        text = self.edit.toPlainText().strip()
        if not text:
            self.state.setText(
                self.tr("Please write what still goes wrong, then press Still not fixed again.")
            )
            self.edit.setFocus()
            return
        if not self.busy:
            self.reopenRequested.emit(text, list(self.files))


def problem_text(problem: Problem) -> str:
    """A reply that cannot go, said from the follow-up service's code and facts."""
    if not isinstance(problem, FollowUpProblem):
        return messages.attachment_problem(problem)
    code = str(problem.facts.get("limits", ""))
    note = messages.limits_text(code) if code else str(problem.facts.get("note", ""))
    if problem.code == "empty_text":
        return QCoreApplication.translate("ReplyBox", "Please write your message first.")
    if problem.code == "no_such_request":
        return QCoreApplication.translate(
            "ReplyBox",
            "The helpdesk has no request {ticket} any more, so your message was not sent; it "
            "is still in the box. Press Refresh to see your requests as they are now.",
        ).format(ticket=problem.facts.get("ticket", ""))
    if problem.code == "cannot_attach":
        note = note or QCoreApplication.translate("ReplyBox", "This helpdesk takes no files.")
        return (
            note
            + " "
            + QCoreApplication.translate(
                "ReplyBox", "Please remove the files and send your message without them."
            )
        )
    return note or QCoreApplication.translate("ReplyBox", "Your helpdesk does not allow this here.")
