"""Two non-blocking helps on the problem page: self-help links, and "you already asked this".

The suggestion compares the summary, after a pause in typing, with the
requester's open tickets from the local cache (:mod:`app.core.similar`,
time-boxed, no network). Accepting turns the wizard into a reply on that
ticket, with the same evidence pages; declining hides it for that ticket.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.cache import TicketCache
from app.core.config import Category
from app.core.model import Ticket
from app.core.similar import Match, similar_open
from app.ui.plain import plain
from app.ui.tasks import TaskRunner

SUGGEST_DELAY_MS = 350


class SelfHelp(QLabel):
    """Links and known-issue notes for the chosen category, from ``categories[].help``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfHelp")
        self.setProperty("role", "hint")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(True)  # links only: config-written, shown to everyone
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setAccessibleName(self.tr("Help you can try first"))
        self.hide()

    def show_category(self, category: Category | None) -> None:
        links = category.help if category else ()
        if not links:
            self.clear()
            self.hide()
            return
        items = " · ".join(
            f'<a href="{html.escape(link.url, quote=True)}">{html.escape(link.label)}</a>'
            for link in links
        )
        self.setText(html.escape(self.tr("Maybe this helps right away:")) + " " + items)
        self.show()


class DuplicateHint(QFrame):
    """ "You already have #123 open about this — add to it?" with Add and No buttons."""

    #: The user chose to add to this ticket.
    accepted = Signal(object)

    def __init__(
        self, runner: TaskRunner, cache: TicketCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateHint")
        self.setProperty("role", "note")
        self.setAccessibleName(self.tr("A request you already have"))
        self.tickets: list[Ticket] = []
        self.match: Match | None = None
        self.dismissed: set[str] = set()
        self.text = plain(QLabel(self))  # a ticket subject, as the helpdesk has it
        self.text.setObjectName("duplicateText")
        self.text.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add to it"), self)
        self.add_button.setObjectName("duplicateAdd")
        self.add_button.setAccessibleName(self.tr("Add to the request you already have"))
        self.add_button.clicked.connect(self._accept)
        self.no_button = QPushButton(self.tr("No, this is &new"), self)
        self.no_button.setObjectName("duplicateNo")
        self.no_button.setAccessibleName(self.tr("No, this is a new problem"))
        self.no_button.clicked.connect(self._dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.no_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self._summary = ""
        self._timer = QTimer(self)
        self._timer.setObjectName("duplicateTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUGGEST_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.hide()
        runner.run(cache.tickets, on_done=self._loaded, on_error=lambda _e: None)

    def _loaded(self, tickets: list[Ticket]) -> None:
        self.tickets = [t for t in tickets if t.is_open]
        if self._summary:
            self.check()

    def summary_changed(self, summary: str) -> None:
        """Call on every keystroke; the comparison runs after a pause."""
        self._summary = summary
        self._timer.start()

    def check(self) -> Match | None:
        found = [
            m
            for m in similar_open(self._summary, self.tickets)
            if m.ticket.id not in self.dismissed
        ]
        self.match = found[0] if found else None
        if self.match is None:
            self.hide()
            return None
        ticket = self.match.ticket
        self.text.setText(
            self.tr("You already have {ref} open about this: “{summary}”. Add to it?").format(
                ref=ticket.ref, summary=ticket.subject
            )
        )
        self.show()
        return self.match

    def _accept(self) -> None:
        if self.match is not None:
            self.accepted.emit(self.match.ticket)
            self.hide()

    def _dismiss(self) -> None:
        if self.match is not None:
            self.dismissed.add(self.match.ticket.id)
        self.match = None
        self.hide()
