"""Sending: keep the request safe first, then try to deliver it, off the GUI thread.

Two steps on the task runner, in order: write the evidence and enqueue (from
then on nothing the user typed can be lost, so ``ctx.item`` is set), then
deliver with a progress callback. The callback runs on the worker, so it only
emits a signal; Qt queues it to this page on the GUI thread. A failed
delivery is not a failure for the user: the request waits in the outbox and
the page says so. Only a failed enqueue (disk full, unreadable file) keeps the
user here, with the draft intact and a way back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.attachments import AttachmentProblem
from app.core.outbox import Item, State
from app.services.filing import Outgoing, Submission
from app.ui import messages
from app.ui.context import WizardContext
from app.ui.i18n import program_name
from app.ui.plain import plain

#: When background delivery is already sending this request, look again this often…
RECHECK_MS = 500
#: …for at most this many times (a minute) before saying it is safe and waiting.
MAX_RECHECKS = 120


class _Progress(QObject):
    """Carries progress lines from the worker to the GUI thread (queued connection)."""

    line = Signal(str)


def _keep_safe(submission: Submission, request: Outgoing) -> Item:
    """Worker: evidence on disk, the outbox row and the receipt. Returns the queued item."""
    return submission.enqueue(request)


class SendingPage(QWizardPage):
    #: Emitted once delivery ended, with the item's final state for this attempt.
    finished = Signal(object)

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sendingPage")
        #: Nothing configured: the local store keeps the request, nothing is sent (issue 15).
        self._local = ctx.config.keeps_locally
        self.setTitle(
            self.tr("Saving your request") if self._local else self.tr("Sending your request")
        )
        self.setSubTitle(self.tr("You can keep working in the meantime."))
        # Once the request is in the outbox there is no way back to edit it.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Continue"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("sendingProgress")
        self.progress_bar.setAccessibleName(self.tr("Sending progress"))
        self.progress_bar.setTextVisible(False)
        self.status = plain(QLabel(self))  # progress lines carry the helpdesk's words
        self.status.setObjectName("sendingStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Sending status"))
        self.explain = QLabel(
            self.tr(
                "{program} keeps your request on this computer. No helpdesk is connected, "
                "so it is not sent anywhere."
            ).format(program=program_name())
            if self._local
            else self.tr(
                "{program} first keeps your request safe on this computer, then sends it. If the "
                "helpdesk cannot be reached, nothing is lost: it is sent automatically later."
            ).format(program=program_name()),
            self,
        )
        plain(self.explain)  # the program's name is the branding's
        self.explain.setObjectName("sendingExplain")
        self.explain.setProperty("role", "muted")
        self.explain.setWordWrap(True)
        self.result = plain(QLabel(self))
        self.result.setObjectName("sendingResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("Result"))
        self.result.setProperty("role", "note")
        self.result.hide()
        self.retry_button = QPushButton(self.tr("Try &again"), self)
        self.retry_button.setObjectName("retrySend")
        self.retry_button.setAccessibleName(self.tr("Try again to keep the request safe"))
        self.retry_button.clicked.connect(self.start)
        self.back_button = QPushButton(self.tr("Back to the &review"), self)
        self.back_button.setObjectName("backToReview")
        self.back_button.setAccessibleName(self.tr("Go back and change the request"))
        self.back_button.clicked.connect(self._go_back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.explain)
        layout.addSpacing(12)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._progress = _Progress(self)
        self._progress.line.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._done = False
        self._busy = False
        self._rechecks = 0
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setObjectName("sendingRecheckTimer")
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_MS)
        self._recheck_timer.timeout.connect(self._recheck)
        self._show_buttons(False)

    # -- QWizardPage ----------------------------------------------------------

    def initializePage(self) -> None:
        self.start()

    def isComplete(self) -> bool:
        return self._done

    # -- the two steps --------------------------------------------------------

    @Slot()
    def start(self) -> None:
        if self._busy:
            return
        self._done = False
        self.completeChanged.emit()
        self._show_buttons(False)
        self.result.setText("")
        self.result.hide()
        self.explain.show()
        self.progress_bar.show()
        self.progress_bar.setRange(0, 0)  # busy until delivery ends
        if self.ctx.item is not None:  # already safe (the page was shown again)
            self._deliver(self.ctx.item)
            return
        self._busy = True
        # A draft save due after this moment would bring back a draft of a sent request.
        timer = self.ctx.findChild(QTimer, "draftSaveTimer")
        if timer is not None:
            timer.stop()
        self.status.setText(self.tr("Keeping your request safe on this computer…"))
        try:  # what Review showed; prepared afresh only if Review never did (tests, links)
            request = self.ctx.outgoing or self.ctx.prepare()
        except (AttachmentProblem, OSError) as problem:
            self._on_enqueue_failed(problem)
            return
        self.ctx.runner.run(
            _keep_safe,
            self.ctx.submission,
            request,
            on_done=self._on_safe,
            on_error=self._on_enqueue_failed,
        )

    def _on_safe(self, item: Item) -> None:
        self.ctx.item = item
        self._deliver(item)

    def _deliver(self, item: Item) -> None:
        self._busy = True
        self._rechecks = 0
        self.status.setText(
            self.tr("Adding it to the requests on this computer…")
            if self._local
            else self.tr("Contacting the helpdesk…")
        )
        self.ctx.runner.run(
            self.ctx.submission.deliver,
            item.client_ref,
            self._progress.line.emit,
            on_done=self._on_delivered,
            on_error=self._on_deliver_error,
        )

    @Slot()
    def _recheck(self) -> None:
        if self.ctx.item is not None:
            self.ctx.runner.run(
                self.ctx.submission.outbox.get,
                self.ctx.item.client_ref,
                on_done=self._on_delivered,
                on_error=self._on_deliver_error,
            )

    @Slot(str)
    def _on_progress(self, line: str) -> None:
        if not self._local:  # the local store has no helpdesk to speak of
            self.status.setText(messages.progress(line))

    def _on_delivered(self, item: Item | None) -> None:
        if item is None:  # vanished from the outbox: only a broken data folder does that
            self._on_deliver_error(KeyError("outbox item"))
            return
        self.ctx.item = item
        if item.state is State.SENDING and self._rechecks < MAX_RECHECKS:
            # Background delivery got to it first; follow that attempt instead.
            self._rechecks += 1
            self._recheck_timer.start()
            return
        self._busy = False
        self.progress_bar.setRange(0, 1)
        if item.state is State.SENT:
            self.progress_bar.setValue(1)
            ref = item.ticket_ref or (
                "#" + item.target.lstrip("#") if item.kind == "reply" else item.ticket_id
            )
            if not self._local:
                said = self.tr("Sent as {ref}.")
            elif item.kind == "reply":
                said = self.tr("Added to {ref} on this computer.")
            else:
                said = self.tr("Kept on this computer as {ref}.")
            self.status.setText(said.format(ref=ref))
            self._finish(item)
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()
            return
        self._say_safe(item)
        self._finish(item)

    def _on_deliver_error(self, error: BaseException) -> None:
        # Something unexpected after the request was queued: it is still safe.
        self._busy = False
        item = self.ctx.submission.outbox.get(self.ctx.item.client_ref) if self.ctx.item else None
        if item is not None:
            self.ctx.item = item
        self._say_safe(item)
        self._finish(item)

    def _on_enqueue_failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, AttachmentProblem):
            reason = messages.attachment_problem(error)
        elif isinstance(error, OSError):
            reason = self.tr(
                "{program} could not write to this computer's disk ({reason}). It may be full."
            ).format(program=program_name(), reason=error.strerror or error)
        else:
            reason = self.tr("Something unexpected went wrong ({reason}).").format(reason=error)
        self._show_outcome(
            self.tr("Your request could not be saved."),
            reason
            + " "
            + self.tr(
                "Nothing has been sent and your answers are kept as a draft. You can try again, "
                "or go back and change the request."
            ),
            "error",
        )
        self._show_buttons(True)

    # -- helpers --------------------------------------------------------------

    def _say_safe(self, item: Item | None) -> None:
        """Not sent yet: it is safe, why it did not go, and what happens next (said once)."""
        if item is not None and item.state is State.FAILED and not item.auto_retry:
            safe = self.tr("Your request is kept safe on this computer until you try again.")
        else:
            safe = self.tr(
                "Your request is safe on this computer and will be sent "
                "automatically as soon as the helpdesk can be reached."
            )
        detail = messages.outbox_detail(item) if item is not None else ""
        self._show_outcome(
            self.tr("Not sent yet."), safe + (" " + detail if detail else ""), "note"
        )

    def _show_outcome(self, status: str, message: str, role: str) -> None:
        """Replace the busy state with what happened, in words."""
        self.progress_bar.hide()
        self.explain.hide()
        self.status.setText(status)
        self.result.setText(message)
        self._set_role(self.result, role)
        self.result.show()

    def _finish(self, item: Item | None) -> None:
        self._done = True
        self.completeChanged.emit()
        self.finished.emit(item)

    def _show_buttons(self, shown: bool) -> None:
        self.retry_button.setVisible(shown)
        self.back_button.setVisible(shown and self.wizard() is not None)

    @staticmethod
    def _set_role(widget: QWidget, role: str) -> None:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.updateGeometry()  # the role's padding changes the size the label needs

    @Slot()
    def _go_back(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.back()
