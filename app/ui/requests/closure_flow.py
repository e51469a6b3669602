"""The 'Is it solved?' conversation for the request shown in *My requests*.

Asked once per resolution and never again once answered (:class:`ClosureLedger`, read and
written on the task runner); the feedback goes through the outbox like any reply
(:meth:`FollowUps.send_feedback`), so it is never lost and never sent twice. The window only
tells this object which request it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.cache import StatusChange
from app.core.closure import FINISHED, ClosureLedger, Feedback, resolution
from app.core.config import Config
from app.core.helpdesk import BackendError, Capabilities
from app.core.model import Ticket
from app.core.outbox import Item, State
from app.services.followup import FollowUps
from app.services.sender import waits_to_be_sent
from app.ui import messages
from app.ui.requests.closure_panel import ClosurePanel, feedback_comment
from app.ui.tasks import TaskRunner

tr = QCoreApplication.translate


def feedback_outcome(item: Item, local: bool) -> str:
    """What became of the feedback, as true as the outbox knows it."""
    if item.state is State.SENT and local:
        return tr(
            "ClosurePanel",
            "Thank you. Your feedback is kept on this computer; no helpdesk is connected.",
        )
    if item.state is State.SENT:
        return tr("ClosurePanel", "Thank you — support has your feedback.")
    if item.state is State.FAILED and not item.auto_retry:
        return tr("ClosurePanel", "Your feedback was not sent: {reason}").format(
            reason=messages.outbox_detail(item)
        )
    if item.state is State.QUEUED or waits_to_be_sent(item):
        return tr(
            "ClosurePanel",
            "Thank you. Your feedback is safe on this computer and is sent automatically "
            "when the helpdesk can be reached.",
        )
    return tr("ClosurePanel", "Thank you. {state}").format(state=messages.outbox_state(item))


class ClosureFlow(QObject):
    #: The person said "Still not fixed": the window opens the reopening.
    reopenWanted = Signal()
    #: The question is (True) or is no longer (False) on screen.
    askingChanged = Signal(bool)

    def __init__(
        self,
        panel: ClosurePanel,
        config: Config,
        runner: TaskRunner,
        followups: FollowUps,
        ledger: ClosureLedger,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closureFlow")
        self.panel, self.config, self.runner = panel, config, runner
        self.followups, self.ledger = followups, ledger
        self._shown: tuple[str, str] = ("", "")  # ticket id, resolution
        self._asking = False
        #: An answer given in a notification, waiting for its request's question.
        self._pending: tuple[str, str] | None = None
        panel.confirmed.connect(self._confirmed)
        panel.feedbackGiven.connect(self._feedback)
        panel.notFixed.connect(self._not_fixed)

    def show_for(
        self, ticket: Ticket | None, history: Sequence[StatusChange], caps: Capabilities
    ) -> None:
        """Ask about ``ticket`` if support resolved it and this resolution is unanswered."""
        finished = ticket is not None and ticket.status in FINISHED
        key = resolution(history) if finished else ""
        shown = (ticket.id if ticket is not None else "", key)
        if shown == self._shown and not self.panel.isHidden():
            return  # the same question (or its answer) stays as it is
        self._shown = shown
        if ticket is None or not key:
            self._set_asking(False)
            self.panel.hide()
            return
        self.runner.run(
            self.ledger.should_ask,
            ticket.id,
            key,
            on_done=partial(self._asked, shown, caps.reopen),
        )

    def answer_when_asked(self, ticket_id: str, answer: str) -> None:
        """The person answered "Is it solved?" in the notification (``solved`` or
        ``not_fixed``): give that answer here once this request's question is on screen
        (at once if it is), so Yes leads to the optional rating and Still not fixed to the
        reopening, as the buttons do. Nothing is sent before the person sends it; a
        question already answered is not asked again."""
        self._pending = (ticket_id, answer)
        if self._asking and self._shown[0] == ticket_id:
            self._take_pending()

    def _take_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if pending[1] == "solved":
            self.panel.yes_button.click()
        elif pending[1] == "not_fixed" and self.panel.not_fixed_button.isVisibleTo(self.panel):
            self.panel.not_fixed_button.click()

    def hide(self) -> None:
        self._shown = ("", "")
        self._set_asking(False)
        self.panel.hide()

    def _set_asking(self, asking: bool) -> None:
        self._asking = asking
        self.askingChanged.emit(asking)

    def _asked(self, shown: tuple[str, str], can_reopen: bool, ask: bool) -> None:
        if shown != self._shown:
            return
        if ask:
            self.panel.ask(can_reopen)
        self.panel.setVisible(ask)
        self._set_asking(ask)
        if self._pending is not None and self._pending[0] == shown[0]:
            if ask:
                self._take_pending()
            else:
                self._pending = None  # answered before; the notification was an old one

    def _answer(self, answer: str) -> None:
        ticket_id, key = self._shown
        if ticket_id:
            self.runner.run(self.ledger.answer, ticket_id, key, answer)

    def _confirmed(self) -> None:
        self._answer("solved")
        self._set_asking(False)
        if self.config["closure.rating"]:
            self.panel.offer_rating()
        else:
            self.panel.say(tr("ClosurePanel", "Thank you. The request stays solved."))

    def _feedback(self, feedback: Feedback) -> None:
        ticket_id = self._shown[0]
        if feedback.empty or not ticket_id:
            self.panel.say(tr("ClosurePanel", "Thank you. The request stays solved."))
            return
        self.panel.set_busy(True)
        self.runner.run(
            self.followups.send_feedback,
            ticket_id,
            feedback,
            feedback_comment(feedback),
            on_done=self._sent,
            on_error=self._failed,
        )

    def _sent(self, item: Item) -> None:
        self.panel.set_busy(False)
        self.panel.say(feedback_outcome(item, self.config.keeps_locally))

    def _failed(self, error: BaseException) -> None:
        self.panel.set_busy(False)
        self.panel.say(
            tr("ClosurePanel", "Your feedback was not sent: {reason}").format(
                reason=messages.error(error) if isinstance(error, BackendError) else str(error)
            )
        )

    def _not_fixed(self) -> None:
        self._answer("not_fixed")
        self.panel.hide()
        self._set_asking(False)
        self.reopenWanted.emit()
