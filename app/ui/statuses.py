"""A request's status in the requester's words: one table for the list, the conversation,
the timeline, Welcome and the notifications."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.model import Status


def status_label(status: Status) -> str:
    """The common status in the requester's words."""
    translate = QCoreApplication.translate  # the "RequestsModel" context keeps the German
    labels = {
        Status.NEW: translate("RequestsModel", "New"),
        Status.OPEN: translate("RequestsModel", "Open"),
        Status.WAITING: translate("RequestsModel", "Waiting on you"),
        Status.RESOLVED: translate("RequestsModel", "Resolved"),
        Status.CLOSED: translate("RequestsModel", "Closed"),
        Status.UNKNOWN: translate("RequestsModel", "Unknown"),
    }
    return labels[status]
