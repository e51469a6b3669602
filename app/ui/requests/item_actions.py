"""Retry and Discard for something in the outbox that could not be sent; and "Let support
see my screen" for a request the helpdesk has.

An item that failed (the helpdesk refused it, or has no such request) would
otherwise wait forever; the user can send it again now, or give it up. The
buttons only say what the user wants; the window runs the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.core.model import Message
from app.core.outbox import Item, State


class ItemActions(QWidget):
    retryRequested = Signal(object)  # the Item
    discardRequested = Signal(object)  # the Item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemActions")
        self.item: Item | None = None
        self.retry_button = QPushButton(self.tr("&Try again now"), self)
        self.retry_button.setObjectName("itemRetry")
        self.retry_button.setAccessibleName(self.tr("Try to send it again now"))
        self.retry_button.clicked.connect(lambda: self._emit(self.retryRequested))
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.discard_button.setObjectName("itemDiscard")
        self.discard_button.setAccessibleName(self.tr("Discard what was not sent"))
        self.discard_button.clicked.connect(lambda: self._emit(self.discardRequested))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.discard_button)
        self.set_item(None)

    def set_item(self, item: Item | None) -> None:
        """Offer the actions for a failed item; hide them for anything else."""
        self.item = item
        self.set_busy(False)
        self.setVisible(item is not None and item.state is State.FAILED)

    def set_busy(self, busy: bool) -> None:
        self.retry_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)

    def _emit(self, signal: SignalInstance) -> None:
        if self.item is not None:
            signal.emit(self.item)


class ShareAction(QWidget):
    """ "Let support see my screen" for the request shown (issue 20).

    Offered only where IT has remote help on, and only for a request the helpdesk has
    (an outbox item has no number support could ask about). It only asks: the session
    shows the consent dialog, and nothing is shared before its Yes.
    """

    #: The ticket id, and who at support asked (their latest message's author; "" unknown).
    shareRequested = Signal(str, str)

    def __init__(self, offered: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareAction")
        self.offered = offered
        self.ticket_id = ""
        self.asked_by = ""
        self.button = QPushButton(self.tr("&Let support see my screen…"), self)
        self.button.setObjectName("shareScreen")
        self.button.setAccessibleName(self.tr("Let support see my screen"))
        self.button.setToolTip(self.tr("Asks you first; view only unless you allow more."))
        self.button.clicked.connect(lambda: self.shareRequested.emit(self.ticket_id, self.asked_by))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.button)
        self.set_ticket("")

    def set_ticket(self, ticket_id: str) -> None:
        self.ticket_id, self.asked_by = ticket_id, ""
        self.setVisible(self.offered and bool(ticket_id))

    def set_messages(self, messages: list[Message]) -> None:
        """Who asked: the author of support's latest message, where the helpdesk names one."""
        theirs = [m for m in messages if not m.from_requester and m.author]
        self.asked_by = theirs[-1].author if theirs else ""
