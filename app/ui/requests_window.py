"""*My requests*: every request of this requester, what still waits to be sent, and a thread.

This is the simple window issue 2 asks for; issue 5 adds filters, badges,
replies and a cache on the same model. Everything that touches the backend or
the outbox runs on the task runner, and a result that arrives after the user
moved on (a slow thread for a ticket no longer selected) is dropped.
"""

from __future__ import annotations

import html
import time
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.config import Config
from app.core.model import Message, Ticket
from app.core.outbox import Item
from app.core.submission import Submission, human_size
from app.ui.delivery import DeliveryService
from app.ui.models import Column, RequestsModel, format_when
from app.ui.tasks import TaskRunner


def _load(submission: Submission) -> tuple[list[Ticket], list[Item], str]:
    """Worker: the outbox first (it never needs the network), then the helpdesk."""
    items = submission.outbox.items()
    backend = submission.backend
    return backend.list_mine(), items, backend.capabilities().limits_note


def _thread(submission: Submission, ticket_id: str) -> list[Message]:
    """Worker: one ticket's public conversation (the backend is created here if need be)."""
    return submission.backend.messages(ticket_id)


class RequestsWindow(QMainWindow):
    def __init__(self, config: Config, runner: TaskRunner, submission: Submission,
                 delivery: DeliveryService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.runner = runner
        self.submission = submission
        self.setObjectName("requestsWindow")
        self.setWindowTitle(self.tr("My requests – {name}").format(name=config["branding.name"]))
        self.setAccessibleName(self.tr("My requests"))
        self.model = RequestsModel(self)
        self._loading = False
        self._shown_key = ""  # the row whose thread the viewer shows (or is loading)
        self._build()
        self.resize(900, 620)
        if delivery is not None:  # a background pass may have sent what was waiting
            delivery.passFinished.connect(self.refresh_outbox)
        self.refresh()

    # -- layout ---------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        central.setObjectName("requestsCentral")
        self.status_line = QLabel(central)
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
        self.note = QLabel(central)
        self.note.setObjectName("requestsBackendNote")
        self.note.setProperty("role", "note")
        self.note.setWordWrap(True)
        self.note.hide()

        self.table = QTableView(central)
        self.table.setObjectName("requestsTable")
        self.table.setAccessibleName(self.tr("Your requests"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.UPDATED, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((Column.STATUS, 170), (Column.LAST_FROM, 200)):
            header.resizeSection(column, width)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.thread_view = QTextBrowser(central)
        self.thread_view.setObjectName("threadView")
        self.thread_view.setAccessibleName(self.tr("Conversation of the selected request"))
        self.thread_view.setOpenLinks(False)
        self.thread_view.setPlaceholderText(self.tr("Choose a request to read its "
                                                    "conversation."))
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.setObjectName("requestsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.thread_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.status_line, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    # -- loading --------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    @Slot()
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        self.status_line.setText(self.tr("Refreshing…"))
        self.runner.run(_load, self.submission, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[list[Ticket], list[Item], str]) -> None:
        tickets, items, note = result
        self._loading = False
        self.refresh_button.setEnabled(True)
        selected = self._shown_key
        self.model.set_rows(tickets, items)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        waiting = self.model.rowCount() - len(tickets)
        parts = [self.tr("1 request.") if len(tickets) == 1 else
                 self.tr("{count} requests.").format(count=len(tickets))]
        if waiting:
            parts.append(self.tr("1 waiting to be sent.") if waiting == 1 else
                         self.tr("{count} waiting to be sent.").format(count=waiting))
        parts.append(self.tr("Last updated {when}.").format(when=format_when(time.time())))
        self.status_line.setText(" ".join(parts))
        self._reselect(selected)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        message = getattr(error, "user_message", None)
        reason = message() if callable(message) else str(error)
        self.status_line.setText(self.tr("The list could not be refreshed: {reason} Press "
                                         "Refresh to try again.").format(reason=reason))
        # The outbox is local: show what waits even when the helpdesk is unreachable.
        self.runner.run(self.submission.outbox.items, on_done=self.model.set_items)

    @Slot()
    def refresh_outbox(self) -> None:
        """Re-read only the outbox (no helpdesk call); a sent item then needs a full refresh."""
        if self._loading:
            return
        self.runner.run(self.submission.outbox.items, on_done=self._outbox_loaded)

    def _outbox_loaded(self, items: list[Item]) -> None:
        before = {r.item.client_ref for r in map(self.model.row_at,
                                                 range(self.model.rowCount()))
                  if r is not None and r.item is not None}
        if before - {i.client_ref for i in items}:
            self.refresh()  # something was delivered: fetch it as a ticket
            return
        selected = self._shown_key
        self.model.set_items(items)
        self._reselect(selected)

    def _reselect(self, key: str) -> None:
        for row in range(self.model.rowCount()):
            if _key(self.model.row_at(row)) == key and key:
                self.table.selectRow(row)
                return
        self._shown_key = ""
        self.thread_view.clear()

    # -- the selected request -------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        key = _key(row)
        if key == self._shown_key and key:
            return
        self._shown_key = key
        if row is None:
            self.thread_view.clear()
        elif row.item is not None:
            self.thread_view.setHtml(self._item_html(row.item))
        elif row.ticket is not None:
            ticket = row.ticket
            self.thread_view.setHtml("<p>" + html.escape(self.tr("Loading the conversation…"))
                                     + "</p>")
            self.runner.run(_thread, self.submission, ticket.id,
                            on_done=partial(self._messages, key, ticket),
                            on_error=partial(self._messages_failed, key))

    def _messages(self, key: str, ticket: Ticket, messages: list[Message]) -> None:
        if key != self._shown_key:
            return
        parts = [f"<h3>{html.escape(ticket.ref)} · {html.escape(ticket.subject)}</h3>"]
        for message in messages:
            who = message.author or (self.tr("You") if message.from_requester
                                     else self.tr("Support"))
            parts.append(f"<p><b>{html.escape(who)}</b> · "
                         f"{html.escape(format_when(message.created_at))}</p>")
            parts.append(f"<pre style='white-space: pre-wrap'>{html.escape(message.body)}</pre>")
            if message.attachments:
                files = ", ".join(f"{html.escape(a.filename)} ({human_size(a.size)})"
                                  for a in message.attachments)
                parts.append("<p><i>" + html.escape(self.tr("Attachments:")) + "</i> "
                             + files + "</p>")
            parts.append("<hr/>")
        self.thread_view.setHtml("".join(parts))

    def _messages_failed(self, key: str, error: BaseException) -> None:
        if key != self._shown_key:
            return
        message = getattr(error, "user_message", None)
        reason = message() if callable(message) else str(error)
        self.thread_view.setHtml("<p>" + html.escape(self.tr(
            "The conversation could not be loaded: {reason}").format(reason=reason)) + "</p>")

    def _item_html(self, item: Item) -> str:
        body = str(item.payload.get("body") or item.payload.get("text") or "")
        ref = self.tr("Reference on this computer: {ref}").format(ref=item.client_ref)
        return (f"<h3>{html.escape(item.summary)}</h3>"
                f"<p><b>{html.escape(item.describe())}</b></p>"
                f"<p>{html.escape(ref)}</p>"
                f"<pre style='white-space: pre-wrap'>{html.escape(body)}</pre>")


def _key(row: Any) -> str:
    if row is None:
        return ""
    if row.item is not None:
        return "item:" + row.item.client_ref
    return "ticket:" + row.ticket.id
