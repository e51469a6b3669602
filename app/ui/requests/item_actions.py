"""Retry and Discard for something in the outbox that could not be sent.

An item that failed (the helpdesk refused it, or has no such request) would
otherwise wait forever; the user can send it again now, or give it up. The
buttons only say what the user wants; the window runs the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

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
