"""*My requests*: the list, the selected conversation, and the reply box, side by side.

The window paints the first screenful of the cache (and the outbox) first,
reads the rest after that paint and adds it below without moving the
selection or the scroll position, then refreshes through the shared
:class:`~app.ui.notify.PollService`, so what appears here has also been
checked for notifications: on opening, what changed since the newest cached
update; on Refresh, everything (which also notices tickets that are gone).
Rows are plain tuples from the cache; the full ticket is decoded for the
selected row only. Everything that touches the helpdesk, the outbox or the
disk runs on the task runner; a result for a ticket the user has since left
is dropped. When the helpdesk refuses the sign-in, the sign-in dialog opens
and the action is tried again afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.answer_times import Promise
from app.core.cache import StatusChange, TicketCache
from app.core.closure import ClosureLedger
from app.core.config import Config
from app.core.helpdesk import AuthenticationError, Capabilities
from app.core.model import Message, Ticket, now_utc
from app.core.outbox import Item
from app.core.polling import Change, PollResult, visible
from app.services.filing import Submission
from app.services.followup import FollowUps
from app.ui import answer_text, messages
from app.ui.delivery import DeliveryService
from app.ui.models import Prepared, RequestsModel, Row, format_when
from app.ui.notify import PollService
from app.ui.plain import plain
from app.ui.requests import actions, jobs
from app.ui.requests.actions import reason
from app.ui.requests.closure_flow import ClosureFlow
from app.ui.requests.closure_panel import ClosurePanel
from app.ui.requests.conversation import ConversationView
from app.ui.requests.item_actions import ItemActions, ShareAction
from app.ui.requests.list_panel import ListPanel
from app.ui.requests.loading import ListLoader
from app.ui.requests.reply_box import ReplyBox
from app.ui.tasks import TaskRunner

#: Rows read before the first paint: a few screenfuls, one indexed query.
FIRST_ROWS = 200


def _version(row: Row) -> tuple[object, ...]:
    """What tells one copy of a row from a later one: a ticket's status and last update,
    an outbox item's state and attempts."""
    if row.ticket is not None:
        return (row.ticket.status, row.ticket.raw_status, row.ticket.updated_at)
    if row.item is not None:
        return (row.item.state, row.item.attempts, row.item.error_code)
    return ()


class RequestsWindow(QMainWindow):
    def __init__(
        self,
        config: Config,
        runner: TaskRunner,
        submission: Submission,
        delivery: DeliveryService | None = None,
        polling: PollService | None = None,
        select_ticket: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config, self.runner, self.submission = config, runner, submission
        self.followups = FollowUps.for_submission(submission)
        #: Which resolutions were asked about, and answered ("Is it solved?").
        self.ledger = ClosureLedger(submission.root)
        self.cache = polling.cache if polling is not None else TicketCache(submission.root)
        self.polling = polling or PollService(submission, runner, self.cache, parent=self)
        self.caps = Capabilities()
        self.setObjectName("requestsWindow")
        self.setWindowTitle(self.tr("My requests – {name}").format(name=config["branding.name"]))
        self.setAccessibleName(self.tr("My requests"))
        self.model = RequestsModel(self)
        # The first rows are read while the widgets are made, so the first paint can show
        # them (TicketCache.listed keeps that read short); the rest follows that paint.
        self.loader = ListLoader(runner, submission, self.cache, FIRST_ROWS, self)
        self._loading = False
        self._shown_key = ""
        self._shown_version: tuple[object, ...] = ()  # of the row the detail pane shows
        self._fresh_key = ""  # the row whose thread came from the helpdesk, not the cache
        self._wanted_key = f"ticket:{select_ticket}" if select_ticket else ""
        self._first_chosen = False  # the first row was selected on opening (or one asked for)
        self.sign_in_dialog: QWidget | None = None
        #: "Now", for "answer expected by …" and "later than expected"; tests set their own.
        self.clock: Callable[[], datetime] = now_utc
        self._promise: Promise | None = None
        self._promise_key = ""
        self._promise_timer = QTimer(self)
        self._promise_timer.setObjectName("answerTimeTimer")
        self._promise_timer.setInterval(60_000)
        self._promise_timer.timeout.connect(self.show_answer_time)
        self._promise_timer.start()
        #: Asks where to save an attachment; tests replace it.
        self.choose_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            self, self.tr("Save the file in")
        )
        # Asks whether to discard an item that was not sent; tests replace it.
        self.confirm_discard: Callable[[Item], bool] = partial(actions.ask_discard, self)
        self._build()
        self.resize(1000, 680)
        self.polling.polled.connect(self._polled)
        self.polling.changed.connect(self._changed)
        self.polling.signInNeeded.connect(lambda _e: self.sign_in(self.refresh))
        if delivery is not None:  # a background pass may have sent what was waiting
            delivery.passFinished.connect(self.refresh_outbox)
        # The first screenful is painted first; the rest of the list, the backend (which may
        # import a network stack) and then the refresh come after it, so none competes with
        # that paint for the GIL.
        self._refresh_pending = True
        self._loading = True
        self._reread = False  # read the list again after the next poll, changed or not
        self.refresh_button.setEnabled(False)
        self.status_line.setText(self.tr("Loading your requests…"))
        self.list_panel.search.textChanged.connect(self._say_loading)
        self.loader.rowsRead.connect(self._rows_read)
        self.loader.firstPainted.connect(self._build_detail)
        self.loader.finished.connect(self._list_read)
        self.loader.release(self.table.viewport())

    # -- layout ---------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        central.setObjectName("requestsCentral")
        self.status_line = plain(QLabel(central))  # subjects, file names, server reasons
        self.status_line.setObjectName("requestsStatus")
        self.status_line.setProperty("role", "muted")
        self.status_line.setWordWrap(True)
        self.status_line.setAccessibleName(self.tr("List status"))
        self.refresh_button = QPushButton(self.tr("&Refresh"), central)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAccessibleName(self.tr("Refresh the list"))
        self.refresh_button.setToolTip(self.tr("Refresh the list (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        refresh_action = QAction(self.tr("Refresh"), self)
        refresh_action.setObjectName("refreshAction")
        refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        refresh_action.triggered.connect(self.refresh)
        self.addAction(refresh_action)
        self.note = plain(QLabel(central))  # the helpdesk's own words
        self.note.setObjectName("requestsBackendNote")
        self.note.setProperty("role", "note")
        self.note.setWordWrap(True)
        self.note.hide()
        self.news = plain(QLabel(central))  # what changed, where no tray can say it
        self.news.setObjectName("requestsNews")
        self.news.setProperty("role", "note")
        self.news.setWordWrap(True)
        self.news.setAccessibleName(self.tr("What changed"))
        self.news.hide()
        self.list_panel = ListPanel(self.model, central)
        self.table = self.list_panel.table
        right = QWidget(central)
        right.setObjectName("requestsDetail")
        self._detail_layout = QVBoxLayout(right)
        self._detail_layout.setContentsMargins(0, 0, 0, 0)
        self._detail: tuple[ConversationView, ReplyBox] | None = None
        self._closure: ClosureFlow | None = None
        self.item_actions = ItemActions(right)
        self.item_actions.retryRequested.connect(self.retry_item)
        self.item_actions.discardRequested.connect(self.discard_item)
        self._detail_layout.addWidget(self.item_actions)
        self.share_action = ShareAction(bool(self.config["remote_help.enabled"]), right)
        self._detail_layout.addWidget(self.share_action)
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.setObjectName("requestsSplitter")
        splitter.addWidget(self.list_panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 480])  # the conversation is what people read
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(self.status_line, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.news)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.list_panel.rowSelected.connect(self._on_row)

    def _build_detail(self) -> tuple[ConversationView, ReplyBox]:
        """The conversation and the reply box: made after the list's first paint, or when asked.

        Nothing is selected when the window opens, so the pane is empty in the first frame
        either way; making its widgets (a rich-text browser, the reply form) after that
        frame lets the list appear sooner.
        """
        if self._detail is not None:
            return self._detail
        conversation = ConversationView(self._detail_layout.parentWidget())
        reply_box = ReplyBox(self._detail_layout.parentWidget())
        panel = ClosurePanel(self._detail_layout.parentWidget())
        self._detail = conversation, reply_box
        self._detail_layout.insertWidget(0, conversation, 1)
        self._detail_layout.addWidget(panel)
        self._detail_layout.addWidget(reply_box)
        self._closure = ClosureFlow(
            panel, self.config, self.runner, self.followups, self.ledger, self
        )
        self._closure.askingChanged.connect(reply_box.set_closure_asked)
        self._closure.reopenWanted.connect(reply_box.reopen_button.click)
        conversation.saveRequested.connect(partial(actions.save_attachment, self))
        reply_box.sendRequested.connect(partial(actions.queue_reply, self, False))
        reply_box.previewRequested.connect(partial(actions.preview_reply, self))
        reply_box.reopenRequested.connect(partial(actions.queue_reply, self, True))
        reply_box.resolveRequested.connect(partial(actions.resolve, self))
        reply_box.screenshotRequested.connect(self.take_screenshot)
        reply_box.stepsRequested.connect(self.record_steps)
        return self._detail

    @property
    def closure(self) -> ClosureFlow:
        """ "Is it solved?" for the request shown (made with the detail pane)."""
        self._build_detail()
        assert self._closure is not None
        return self._closure

    @property
    def conversation(self) -> ConversationView:
        return self._build_detail()[0]

    @property
    def reply_box(self) -> ReplyBox:
        return self._build_detail()[1]

    @property
    def thread_view(self) -> QTextBrowser:
        return self.conversation.browser

    # -- loading --------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    @Slot()
    def refresh(self) -> None:
        """A full poll: every ticket from the helpdesk, compared with the cache.

        The list is read again afterwards (an action here may have written the cache
        itself), except for the first refresh after opening when nothing changed.
        """
        self._reread = True
        self._poll(full=True)

    def _poll(self, full: bool) -> None:
        self._refresh_pending = False
        self._loading = True
        self.refresh_button.setEnabled(False)
        self.status_line.setText(self.tr("Refreshing…"))
        self.polling.poll_now(full=full)

    def _rows_read(self, prepared: Prepared) -> None:
        self._show_rows(prepared)
        self._say_loading()

    def _list_read(self) -> None:
        """The whole cached list is in (or could not be read): now the backend and a refresh."""
        self._build_detail()
        self._select_first()
        self.runner.run(
            lambda: self.submission.backend.capabilities(),
            on_done=self._capabilities,
            on_error=lambda _e: None,
        )
        if not self._refresh_pending:
            return
        self.status_line.setText(self.tr("Refreshing…"))
        if self.isVisible():  # the list was painted already: after this turn of the loop
            QTimer.singleShot(0, self, self._start_pending_refresh)
        else:
            self._start_pending_refresh()

    def _select_first(self) -> None:
        """Once, when the window has rows: select the first, so the window opens on a
        conversation rather than an empty pane, unless a request was asked for or the
        user chose one already. Done after the first paint (the detail pane costs time)."""
        if self._first_chosen or not self.model.rowCount():
            return
        self._first_chosen = True
        if not self._wanted_key and not self.list_panel.selected_key():
            self.list_panel.select_first()

    def _say_loading(self) -> None:
        """While only the first rows are in, say so: never a wrong total, nor a silent search."""
        if self.model.complete:
            return
        shown, total = self.model.total - self.model.waiting_total, self.model.ticket_total
        if self.list_panel.search.text().strip():
            text = self.tr(
                "Searching the first {shown} of your {total} requests; the rest are "
                "still loading and will be searched as soon as they are in."
            )
        else:
            text = self.tr(
                "Showing the first {shown} of your {total} requests; the rest are loading…"
            )
        self.status_line.setText(text.format(shown=f"{shown:,}", total=f"{total:,}"))

    def _start_pending_refresh(self) -> None:
        """The refresh on opening: what changed since the newest cached update.

        The cache was just shown, so asking for everything again (and comparing 100,000
        tickets while the user starts typing) buys nothing; Refresh asks for everything.
        """
        if self._refresh_pending:
            self._poll(full=not self.model.ticket_total)

    def _capabilities(self, caps: Capabilities) -> None:
        self.caps = caps
        note = messages.standing_note(caps)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        row = self.list_panel.selected_row()
        if row is not None and row.ticket is not None:
            self.reply_box.set_ticket(row.ticket, caps)

    def _polled(self, result: PollResult) -> None:
        reread, self._reread = self._reread, False
        if reread or result.stored or not self.model.complete:  # read the cache again
            self.runner.run(
                jobs.listed,
                self.submission,
                self.cache,
                on_done=lambda loaded: self._after_poll(result, *loaded),
            )
        elif result.error is not None:  # the list is what the cache holds: say since when
            self.runner.run(
                self.cache.refreshed_at, on_done=lambda when: self._after_poll(result, None, when)
            )
        else:
            self._after_poll(result, None, None)

    def _after_poll(
        self, result: PollResult, prepared: Prepared | None, refreshed: float | None
    ) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if prepared is not None:
            self._show_rows(prepared)
            self._select_first()
        if result.error is not None:
            when = format_when(refreshed) if refreshed else ""
            head = (
                self.tr("Offline — last updated at {when}.").format(when=when)
                if when
                else self.tr("Offline — nothing has been loaded yet.")
            )
            self.status_line.setText(
                head
                + " "
                + self.tr(
                    "The list could not be refreshed: {reason} Press Refresh to try again."
                ).format(reason=reason(result.error))
            )
            return
        count, waiting = self.model.ticket_total, self.model.sent_by_itself_total
        held = self.model.waiting_total - waiting  # refused, or a sign-in: the person's turn
        parts = [
            self.tr("1 request.")
            if count == 1
            else self.tr("{count} requests.").format(count=count)
        ]
        if waiting:
            parts.append(
                self.tr("1 waiting to be sent.")
                if waiting == 1
                else self.tr("{count} waiting to be sent.").format(count=waiting)
            )
        if held:
            parts.append(
                self.tr("1 not sent, waiting for you.")
                if held == 1
                else self.tr("{count} not sent, waiting for you.").format(count=held)
            )
        parts.append(self.tr("Last updated {when}.").format(when=format_when(time.time())))
        self.status_line.setText(" ".join(parts))

    def _changed(self, changes: list[Change]) -> None:
        wanted = visible(changes, self.config["notifications.muted"])
        self.news.setText(
            "\n".join(f"{c.ref} · {c.subject}: {messages.change_text(c)}" for c in wanted)
        )
        self.news.setVisible(bool(wanted))

    def _show_rows(self, prepared: Prepared) -> None:
        """Put rows in the list; the selected row and what is scrolled into view stay."""
        key = self._wanted_key or self.list_panel.selected_key() or self._shown_key
        top = self.list_panel.top_key()
        if self.model.set_prepared(prepared):  # added below: selection and scroll untouched
            found = bool(self._wanted_key) and self.list_panel.select_key(self._wanted_key)
        else:  # reset: find the same places again
            found = self.list_panel.restore(key)
            self.list_panel.scroll_to_top(top)
        if found and key == self._wanted_key:
            self._wanted_key = ""
        row = self.list_panel.selected_row()
        if row is not None:
            self._follow(row)

    def _follow(self, row: Row) -> None:
        """The selected row as the list has it now: when its status or last update changed
        (an action here, a refresh, a delivery pass), the heading, timeline, thread, reply
        box and outbox actions are shown again, so all of them agree with the list."""
        if row.key != self._shown_key:
            return
        if _version(row) != self._shown_version:
            self._on_row(row, force=True)
        elif row.ticket is not None:
            self.reply_box.set_ticket(row.ticket, self.caps)

    @Slot()
    def refresh_outbox(self) -> None:
        """After a delivery pass: show the outbox as it is now (and fetch what was sent)."""
        self.runner.run(jobs.outbox_items, self.submission, on_done=self._outbox_loaded)

    def _outbox_loaded(self, items: list[Item]) -> None:
        before = {
            r.item.client_ref
            for r in map(self.model.row_at, range(self.model.rowCount()))
            if r is not None and r.item is not None
        }
        if before - {i.client_ref for i in items}:
            self.refresh()  # something was delivered: fetch it as a ticket
        else:
            self._show_rows(self.model.prepared.with_items(items))

    def open_ticket(self, ticket_id: str) -> None:
        """Show the window on one ticket (a notification was clicked, a request was filed)."""
        if ticket_id and not self.list_panel.select_key(f"ticket:{ticket_id}"):
            self._wanted_key = f"ticket:{ticket_id}"
        if self.isVisible():  # already open: bring it forward
            self.raise_()
            self.activateWindow()
        else:
            self.show()

    # -- the selected request -------------------------------------------------

    def _on_row(self, row: Row | None, force: bool = False) -> None:
        key = row.key if row is not None else ""
        if key == self._shown_key and key and not force:
            return
        self._shown_key = key
        self._fresh_key = ""
        self._shown_version = _version(row) if row is not None else ()
        self.item_actions.set_item(row.item if row is not None else None)
        shown = row.ticket if row is not None and row.item is None else None
        self.share_action.set_ticket(shown.id if shown is not None else "")
        if row is None and self._detail is None:
            return  # nothing was shown yet: nothing to clear
        if key != self._promise_key:  # another request: its own promise, when known
            self._promise, self._promise_key = None, key
            self.show_answer_time()
            self.closure.hide()
        ticket = row.ticket if row is not None else None
        self.reply_box.set_ticket(ticket, self.caps)
        if row is None:
            self.conversation.clear()
        elif row.item is not None:
            self.conversation.show_item(row.item)
        elif ticket is not None:
            self.conversation.show_text(self.tr("Loading the conversation…"))
            self.runner.run(
                jobs.cached_thread,
                self.cache,
                ticket.id,
                on_done=partial(self._cached_thread, key, ticket),
            )
            self.runner.run(
                jobs.thread,
                self.submission,
                self.cache,
                ticket.id,
                on_done=partial(self._thread, key, ticket),
                on_error=partial(self._thread_failed, key, ticket),
            )

    def _cached_thread(
        self, key: str, ticket: Ticket, result: tuple[list[Message] | None, list[StatusChange]]
    ) -> None:
        messages, history = result
        if key == self._shown_key and messages is not None and self._fresh_key != key:
            self.conversation.show_thread(ticket, messages, history)
            self._thread_shown(key, ticket, messages, history)
            self.share_action.set_messages(messages)

    def _thread(
        self, key: str, ticket: Ticket, result: tuple[list[Message], list[StatusChange]]
    ) -> None:
        if key != self._shown_key:
            return
        self._fresh_key = key
        self.conversation.show_thread(ticket, *result)
        self._thread_shown(key, ticket, *result)
        self.share_action.set_messages(result[0])

    def _thread_shown(
        self, key: str, ticket: Ticket, thread: list[Message], history: list[StatusChange]
    ) -> None:
        """With the thread: "Is it solved?" for a fresh resolution, and "answer expected by
        …" (or "later than expected" once that has passed) while support has not answered;
        the promise is counted on a worker, as the first count reads the holiday calendars
        (issue 18)."""
        self.closure.show_for(ticket, history, self.caps)
        self.runner.run(
            jobs.answer_promise,
            self.submission,
            ticket,
            thread,
            on_done=partial(self._answer_time_known, key),
        )

    def _answer_time_known(self, key: str, promise: Promise | None) -> None:
        if key != self._shown_key:
            return
        self._promise = promise
        self.show_answer_time()

    @Slot()
    def show_answer_time(self) -> None:
        """Say the shown request's promise as it stands now: a minute's timer calls this
        too, so "answer expected by" turns into "later than expected" while the window is
        open."""
        if self._detail is None:
            return
        promise, now = self._promise, self.clock()
        self.conversation.show_answer_time(answer_text.status(promise, now) if promise else "")

    def _thread_failed(self, key: str, ticket: Ticket, error: BaseException) -> None:
        if key != self._shown_key:
            return
        if isinstance(error, AuthenticationError):
            self.sign_in(lambda: self._on_row(self.list_panel.selected_row(), force=True))
        cached, history = self.cache.messages(ticket.id), self.cache.status_history(ticket.id)
        if cached is not None:
            self.conversation.show_thread(
                ticket,
                cached,
                history,
                note=self.tr("Offline — this is the conversation as last read. {reason}").format(
                    reason=reason(error)
                ),
            )
            self._thread_shown(key, ticket, cached, history)
        else:
            self.conversation.show_text(
                self.tr("The conversation could not be loaded: {reason}").format(
                    reason=reason(error)
                )
            )

    # -- actions --------------------------------------------------------------

    def show_selected(self) -> None:
        """Show the selected request afresh (after a reply or a reopening)."""
        self._on_row(self.list_panel.selected_row(), force=True)

    def show_items(self, items: list[Item]) -> None:
        """The list with the outbox as ``items`` (after one was discarded)."""
        self._show_rows(self.model.prepared.with_items(items))

    def retry_item(self, item: Item) -> None:
        """Try to send a failed outbox item now (the user pressed Try again)."""
        actions.retry_item(self, item)

    def discard_item(self, item: Item) -> None:
        """Forget a failed outbox item, after the user confirmed it."""
        actions.discard_item(self, item)

    def take_screenshot(self) -> None:
        from app.collectors.screenshot import grab_after

        grab_after(600, [self], self._screenshot_taken)

    def record_steps(self) -> object:
        from app.ui.requests.steps import record_for_reply

        return record_for_reply(self)

    def _screenshot_taken(self, image: QImage | None) -> None:
        from app.ui.requests.screenshot import attach_screenshot

        attach_screenshot(self, image)

    # -- signing in -----------------------------------------------------------

    def sign_in(self, retry: Callable[[], None]) -> None:
        """Open the sign-in dialog (once); after it is accepted, forget the old backend, retry."""
        if self.sign_in_dialog is not None:
            return
        from app.ui.signin import SignInDialog

        dialog = SignInDialog(self.config, self.runner, self)
        self.sign_in_dialog = dialog

        def accepted() -> None:
            self.submission.reset_backend()
            retry()

        def finished(_code: int) -> None:
            self.sign_in_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()

    def closeEvent(self, event: Any) -> None:
        if self.polling.parent() is self:  # a shared service (the tray's) keeps polling
            self.polling.stop()
        super().closeEvent(event)
