"""The receipt of a request, reachable where the request is read: *My requests*.

After a request is safe in the outbox, Helpline keeps a zip of exactly what was handed to
the helpdesk (:mod:`app.collectors.receipts`). This strip tells the user it exists, opens
its folder in the file manager, and checks on a worker that the zip still matches its
manifest (:func:`~app.collectors.bundle.verify_bundle`), so the user can show support, or
themselves, precisely what left the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.collectors.bundle import Manifest, verify_bundle
from app.collectors.receipts import receipt_path
from app.core.outbox import Outbox
from app.ui.messages import file_size
from app.ui.plain import plain, set_tip
from app.ui.tasks import TaskRunner


def sent_as(outbox: Outbox, ticket_id: str) -> str:
    """Worker: the Helpline reference of the request that became this ticket, or "".

    Most helpdesks do not hand the reference back, but the outbox remembers which ticket
    each request became (for ``outbox.keep_sent_days``), and the receipt is filed under it.
    """
    return next(
        (
            item.client_ref
            for item in outbox.items(include_sent=True)
            if item.kind == "ticket" and item.ticket_id == ticket_id
        ),
        "",
    )


class ReceiptStrip(QWidget):
    """One line under the heading: "What was sent: receipt (N kB)", Open folder, Verify.

    Hidden when the request has no receipt (sent before receipts existed, pruned after
    ``receipts.keep_days``, or created on the helpdesk's side).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptStrip")
        self.setAccessibleName(self.tr("Copy of this request"))
        #: Set by the window; otherwise found on the window, else a runner of our own.
        self.runner: TaskRunner | None = None
        #: The data folder that holds ``receipts/`` (the submission's root); None: default.
        self.root: Path | None = None
        #: Opens a folder in the file manager; tests replace it.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.path: Path | None = None
        self._ticket_id = ""  # the ticket whose reference is being looked up
        self._refs: dict[str, str] = {}  # ticket id -> reference, as the outbox said
        self.label = plain(QLabel(self))
        self.label.setObjectName("receiptLabel")
        self.label.setAccessibleName(self.tr("Copy of this request"))
        self.open_button = QPushButton(self.tr("Op&en folder"), self)
        self.open_button.setObjectName("receiptOpenFolder")
        self.open_button.setAccessibleName(
            self.tr("Open the folder that holds the copy of this request")
        )
        self.open_button.clicked.connect(self.open_folder)
        self.verify_button = QPushButton(self.tr("&Check the copy"), self)
        self.verify_button.setObjectName("receiptVerify")
        self.verify_button.setAccessibleName(self.tr("Check that the copy is unchanged"))
        self.verify_button.setToolTip(
            self.tr("Compares every file in the copy with what was recorded when it was sent.")
        )
        self.verify_button.clicked.connect(self.verify)
        self.result = plain(QLabel(self))  # file names from the copy
        self.result.setObjectName("receiptResult")
        self.result.setProperty("role", "muted")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Result of the check"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        layout.addWidget(self.verify_button)
        layout.addWidget(self.result, 1)
        self.hide()

    def show_for_ticket(self, ticket_id: str, client_ref: str) -> None:
        """A ticket's receipt: by the reference it carries, else by the outbox's memory."""
        client_ref = client_ref or self._refs.get(ticket_id, "")
        if client_ref:
            self.show_for(client_ref)
            return
        self.clear()
        outbox = getattr(getattr(self.window(), "submission", None), "outbox", None)
        if not ticket_id or not isinstance(outbox, Outbox):
            return
        self._ticket_id = ticket_id
        self._runner().run(
            sent_as,
            outbox,
            ticket_id,
            on_done=lambda ref: self._found(ticket_id, ref),
            on_error=lambda _error: None,
        )  # no receipt shown; nothing lost

    def _found(self, ticket_id: str, client_ref: str) -> None:
        if client_ref:
            self._refs[ticket_id] = client_ref
        if ticket_id == self._ticket_id and client_ref:
            self.show_for(client_ref)

    def show_for(self, client_ref: str) -> None:
        """Show the receipt of the request with this Helpline reference, if one is kept."""
        self._ticket_id = ""
        path = receipt_path(client_ref, self._root()) if client_ref else None
        if path is None or path != self.path:  # the same receipt again keeps its check
            self.result.clear()
            self.verify_button.setEnabled(True)
        self.path = path
        if self.path is None:
            self.hide()
            return
        try:
            size = file_size(self.path.stat().st_size)
        except OSError:  # pruned between the two looks
            self.path = None
            self.hide()
            return
        self.label.setText(
            self.tr("An exact copy of this request is kept on this computer ({size}).").format(
                size=size
            )
        )
        set_tip(self.label, str(self.path))
        self.show()

    def clear(self) -> None:
        self.path = None
        self._ticket_id = ""
        self.result.clear()
        self.hide()

    def open_folder(self) -> None:
        if self.path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.path.parent)))

    def verify(self) -> None:
        """Check the zip on a worker; a result for a receipt no longer shown is dropped."""
        path = self.path
        if path is None:
            return
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))
        self._runner().run(
            verify_bundle,
            path,
            on_done=lambda manifest: self._verified(path, manifest),
            on_error=lambda error: self._failed(path, error),
        )

    def _verified(self, path: Path, manifest: Manifest) -> None:
        if path != self.path:
            return
        self.verify_button.setEnabled(True)
        count = len(manifest.files)
        self.result.setText(
            self.tr("The one file is unchanged.")
            if count == 1
            else self.tr("All {count} files are unchanged.").format(count=count)
        )

    def _failed(self, path: Path, error: BaseException) -> None:
        if path != self.path:
            return
        self.verify_button.setEnabled(True)
        self.result.setText(
            str(error)
            if isinstance(error, ValueError)
            else self.tr("The copy could not be checked: {reason}").format(reason=error)
        )

    def _runner(self) -> TaskRunner:
        if self.runner is None:
            found = getattr(self.window(), "runner", None)
            self.runner = found if isinstance(found, TaskRunner) else TaskRunner(self)
        return self.runner

    def _root(self) -> Path | None:
        if self.root is not None:
            return self.root
        submission = getattr(self.window(), "submission", None)
        root = getattr(submission, "root", None)
        return root if isinstance(root, Path) else None
