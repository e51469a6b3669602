"""Done: the ticket number, what happens next, and how to reach support.

The number is what the user quotes on the phone, so it is the biggest thing
on the page. When the helpdesk could not be reached the request is waiting in
the outbox; the page says so and gives the Helpline reference instead. From
here *My requests* is one button away (the page asks; the session opens the one
window, which polls with everything else), which is where the request is followed
to closure.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.answer_times import Promise, expected_by
from app.core.outbox import Item, State
from app.ui import answer_text, messages
from app.ui.context import WizardContext
from app.ui.plain import plain
from app.ui.widgets.labels import LinkLabel, TextLabel


def notifications_shown() -> bool:
    """Whether a notification can reach the person here: a tray, or the desktop's own
    notification service (app.ui.desktop_notifications)."""
    import shutil

    from PySide6.QtWidgets import QSystemTrayIcon

    from app.ui.desktop_notifications import TOOL

    return QSystemTrayIcon.isSystemTrayAvailable() or shutil.which(TOOL) is not None


def _label(name: str, role: str = "", parent: QWidget | None = None) -> QLabel:
    label = plain(QLabel(parent))  # ticket numbers and reasons come from the helpdesk
    label.setObjectName(name)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class DonePage(QWizardPage):
    #: Nothing to answer here: the wizard starts the focus on the way on, not on a link.
    starts_on_button = True

    #: "See my requests": the ticket this request became ("" while it waits to be sent).
    requestsWanted = Signal(str)
    #: "Let support see my screen": the ticket this request became (issue 20).
    shareWanted = Signal(str)

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("donePage")
        self.setTitle(self.tr("Thank you"))
        self.setFinalPage(True)
        self.caption = _label("ticketCaption", "muted", self)
        # "heading" until the stylesheet has a larger role for the number.
        self.number = _label("ticketNumber", "heading", self)
        self.number.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.next_steps = _label("doneNextSteps", "", self)
        self.answer_time = _label("doneAnswerTime", "", self)
        self.answer_time.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_time.hide()
        self.backend_note = _label("doneBackendNote", "note", self)
        self.backend_note.hide()
        contacts_heading = _label("contactsHeading", "subheading", self)
        contacts_heading.setText(self.tr("If it is urgent"))
        self.contacts = QFormLayout()
        self.contacts.setObjectName("doneContacts")
        self._fill_contacts()
        contacts_heading.setVisible(self.contacts.rowCount() > 0)
        self.requests_button = QPushButton(self.tr("See &my requests"), self)
        self.requests_button.setObjectName("openRequests")
        self.requests_button.setAccessibleName(self.tr("See my requests"))
        self.requests_button.clicked.connect(self.open_requests)
        self.share_button = QPushButton(self.tr("&Let support see my screen…"), self)
        self.share_button.setObjectName("doneShareScreen")
        self.share_button.setAccessibleName(self.tr("Let support see my screen"))
        self.share_button.setToolTip(self.tr("Asks you first; view only unless you allow more."))
        self.share_button.clicked.connect(lambda: self.shareWanted.emit(self._ticket_id()))
        self.share_button.hide()
        button_row = QHBoxLayout()
        button_row.addWidget(self.requests_button)
        button_row.addWidget(self.share_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.caption)
        layout.addWidget(self.number)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.answer_time)
        layout.addWidget(self.backend_note)
        layout.addSpacing(8)
        layout.addWidget(contacts_heading)
        layout.addLayout(self.contacts)
        layout.addSpacing(8)
        layout.addLayout(button_row)
        layout.addStretch(1)

    def _fill_contacts(self) -> None:
        config = self.ctx.config
        hours = config["branding.support_hours"]
        phone = config["branding.support_phone"]
        email = config["branding.support_email"]
        url = config["branding.support_url"]
        rows = [
            ("doneHours", self.tr("Support hours:"), hours, ""),
            (
                "donePhone",
                self.tr("Phone:"),
                phone,
                "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
            ),
            ("doneEmail", self.tr("Email:"), email, "mailto:" + email),
            ("doneWeb", self.tr("Web:"), url.split("://", 1)[-1].rstrip("/"), url),
        ]
        for name, caption, text, link in rows:
            if not text:
                continue
            # LinkLabel: one Tab stop opened with Enter (Qt's own keyboard links trap Tab).
            value: QLabel = (
                LinkLabel(text, link, name, self) if link else TextLabel(text, "", name, self)
            )
            value.setWordWrap(False)  # one short line; wrapping labels in a form row get cut
            value.setAccessibleDescription(caption.rstrip(":"))
            caption_label = plain(QLabel(caption, self))  # config-written
            caption_label.setProperty("role", "muted")
            caption_label.setBuddy(value)
            self.contacts.addRow(caption_label, value)

    def initializePage(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Say exactly what happened to the request: kept on this computer (no helpdesk is
        connected), reached support as #N, waiting to be sent (and sent by itself later,
        even with every window closed), or waiting for the person (issue 15)."""
        item = self.ctx.item
        if self.ctx.item is not None:  # the outbox may have delivered it since
            item = self.ctx.submission.outbox.get(self.ctx.item.client_ref) or self.ctx.item
        local = self.ctx.config.keeps_locally
        if item is not None and item.state is State.SENT and local:
            self._kept_here(item)
        elif item is not None and item.state is State.SENT and item.kind == "reply":
            self.setSubTitle(self.tr("Your message has reached support."))
            self.caption.setText(self.tr("It was added to your request"))
            self.number.setText(item.ticket_ref or "#" + item.target.lstrip("#"))
            self.next_steps.setText(
                self.tr(
                    "Support sees it with the rest of the request and will answer you there. "
                    "You can follow it in My requests."
                )
            )
        elif item is not None and item.state is State.SENT:
            self.setSubTitle(self.tr("Your request has reached support."))
            self.caption.setText(self.tr("Your request number is"))
            self.number.setText(item.ticket_ref or item.ticket_id)
            self.next_steps.setText(
                self.tr(
                    "Support will look at your request and answer you. Please quote this number "
                    "if you call. You can follow it, and answer questions, in My requests."
                )
            )
        elif item is not None and item.state is State.FAILED and not item.auto_retry:
            self.setSubTitle(self.tr("Your request is safe on this computer, but not sent."))
            self.caption.setText(self.tr("Your request"))
            self.number.setText(self.tr("Needs you before it can be sent"))
            self.next_steps.setText(
                messages.outbox_state(item)
                + " "
                + self.tr("Open My requests to try again; nothing you wrote is lost.")
            )
        else:
            ref = item.client_ref if item else self.ctx.form.client_ref
            self.setSubTitle(self.tr("Your request is safe on this computer."))
            self.caption.setText(self.tr("Your request is"))
            self.number.setText(self.tr("Waiting to be sent"))
            told = (
                self.tr("you will get a notification when it has reached support")
                if notifications_shown()
                else self.tr("My requests shows when it has reached support")
            )
            self.next_steps.setText(
                self.tr(
                    "It will be sent automatically as soon as the helpdesk can be reached, even "
                    "after you close this window; {told}, with its request number. Its reference "
                    "on this computer is {ref}."
                ).format(told=told, ref=ref)
            )
        self.number.setAccessibleName(self.caption.text() + " " + self.number.text())
        self.backend_note.hide()
        # Support can only ask about a request it has: one that reached a real helpdesk.
        self.share_button.setVisible(
            bool(self.ctx.config["remote_help.enabled"]) and not local and bool(self._ticket_id())
        )
        self._ask_answer_time(item)

    def _ask_answer_time(self, item: Item | None) -> None:
        """When support usually answers: from now once the request has reached support, in
        working hours only while it waits (the clock starts when support has it); nothing
        for the local store, a reply, or a request that needs the person first."""
        waiting = item is None or item.state is not State.SENT
        if (item is not None and item.kind == "reply") or (
            item is not None and item.state is State.FAILED and not item.auto_retry
        ):
            self.answer_time.hide()
            return
        now = self.ctx.clock()
        form = self.ctx.form
        self.ctx.runner.run(
            expected_by,
            self.ctx.config,
            now,
            form.priority,
            form.category,
            on_done=partial(self._answer_time_known, now, waiting),
        )

    def _answer_time_known(self, now: datetime, waiting: bool, promise: Promise | None) -> None:
        if promise is None:
            self.answer_time.hide()
            return
        self.answer_time.setText(
            answer_text.once_it_arrives(promise) if waiting else answer_text.expected(promise, now)
        )
        self.answer_time.show()

    def _kept_here(self, item: Item) -> None:
        """The local store: the request is on this computer only, and nobody has it yet."""
        if item.kind == "reply":
            self.setSubTitle(self.tr("Your message is kept on this computer."))
            self.caption.setText(self.tr("It was added to your request"))
        else:
            self.setSubTitle(self.tr("Your request is kept on this computer."))
            self.caption.setText(self.tr("Its number on this computer is"))
        self.number.setText(item.ticket_ref or "#" + (item.ticket_id or item.target).lstrip("#"))
        if self.contacts.rowCount():  # the ways to reach support are listed below
            said = self.tr(
                "No helpdesk is connected yet, so nobody at support sees it: please also call "
                "or write to support if it is urgent. You can find it in My requests."
            )
        else:
            said = self.tr(
                "No helpdesk is connected yet, so nobody at support sees it until IT connects "
                "one. You can find it in My requests."
            )
        self.next_steps.setText(said)

    @Slot()
    def open_requests(self) -> None:
        """Ask for *My requests* at this request; the session opens (or raises) it."""
        self.requestsWanted.emit(self._ticket_id())

    def _ticket_id(self) -> str:
        """The ticket this request became (or was added to), once the helpdesk has it."""
        item = self.ctx.item
        if item is not None:
            item = self.ctx.submission.outbox.get(item.client_ref) or item
        if item is None or item.state is not State.SENT:
            return ""
        return item.ticket_id or item.target
