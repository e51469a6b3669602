"""Welcome: who helps, how to reach them, what will happen, and the user's open requests.

The open requests are loaded on a worker (the backend may be a slow helpdesk);
choosing one turns the whole wizard into "add to this request" instead of
filing a duplicate, which is what support would ask for anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.i18n import program_name
from app.ui.style import icon_ink, logo_pixmap, svg_pixmap
from app.ui.widgets.labels import LinkLabel, TextLabel
from app.ui.widgets.scroll import scrolling_body

if TYPE_CHECKING:  # built before the first paint (tests/ui/test_first_paint_imports.py)
    from PySide6.QtWidgets import QListWidget

    from app.core.model import Status, Ticket
    from app.services.known_problems import Snapshot
    from app.ui.context import WizardContext
    from app.ui.widgets.incidents import IncidentBanner

MAX_OPEN = 5


def _status_label(status: Status) -> str:
    """The same words as My requests, imported once tickets arrive, after the first paint
    (the page is built with an empty list)."""
    from app.ui.statuses import status_label

    return status_label(status)


def _waiting(submission: object) -> tuple[int, int]:
    """Worker: how many new requests, and how many messages to support (replies,
    reopenings, feedback), wait in the outbox to be sent by themselves."""
    from app.services.sender import by_kind, waits_to_be_sent

    return by_kind(i for i in submission.outbox.items() if waits_to_be_sent(i))  # type: ignore[attr-defined]


def _load(submission: object) -> tuple[str, str, list[Ticket]]:
    """Worker: create the backend (first use) and fetch the requester's open tickets."""
    backend = submission.backend  # type: ignore[attr-defined]
    tickets = [t for t in backend.list_mine() if t.is_open][:MAX_OPEN]
    return backend.name, backend.description, tickets


class WelcomePage(QWizardPage):
    #: Nothing to answer here: the wizard starts the focus on the way on, not on a link.
    starts_on_button = True

    #: The user chose an open request to add to ("" when they went back to a new one).
    replyChosen = Signal(str)
    #: The user wants to see what waits in the outbox (My requests, "Waiting to be sent").
    outboxWanted = Signal()

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("welcomePage")
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(
            self.tr("Tell support what is wrong, and follow your request until it is solved.")
        )
        self.tickets: list[Ticket] = []
        self.reply_ref = ""
        self._loading = False
        self._build()
        blank = QPixmap(1, 1)
        blank.fill(QColor(0, 0, 0, 0))  # not Qt.GlobalColor: see app/ui/qt_values.py
        # The body shows the organisation's logo large; the header need not repeat it.
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, blank)

    # -- layout ---------------------------------------------------------------

    def _build(self) -> None:
        config = self.ctx.config
        self.scroll_area, layout = scrolling_body(self, "welcome")
        layout.setSpacing(12)

        top = QHBoxLayout()
        top.setSpacing(16)
        logo = QLabel()
        logo.setObjectName("welcomeLogo")
        logo.setPixmap(logo_pixmap(config, 56))
        logo.setAccessibleName(self.tr("Logo of %1").replace("%1", config["branding.name"]))
        # The logo stays at the top when a long name wraps, the name beside it centred (a
        # label centres its text vertically): no alignment flags, so the ``Qt`` namespace
        # is not built before the first paint (app/ui/qt_values.py).
        logo_column = QVBoxLayout()
        logo_column.addWidget(logo)
        logo_column.addStretch(1)
        top.addLayout(logo_column)
        self.org_name = TextLabel(config["branding.name"], "heading", "organisationName")
        top.addWidget(self.org_name, 1)
        layout.addLayout(top)

        self.intro = TextLabel(
            self.tr(
                "{program} asks a few questions, gathers information about this computer, shows "
                "you everything before it is sent, and gives you a request number."
            ).format(program=program_name()),
            "",
            "welcomeIntro",
        )
        layout.addWidget(self.intro)
        layout.addLayout(self._contact_grid())

        self.backend_note = TextLabel("", "note", "backendNote")
        self.backend_note.hide()
        layout.addWidget(self.backend_note)

        # Known problems go here, above the open requests, once a check has said any
        # (app/ui/widgets/incidents.py, made after the first paint).
        self.known_banner: IncidentBanner | None = None
        self._known_index = layout.count()
        self.open_heading = TextLabel(
            self.tr("Your open requests"), "subheading", "openRequestsHeading"
        )
        layout.addWidget(self.open_heading)
        self.open_status = TextLabel("", "muted", "openRequestsStatus")
        layout.addWidget(self.open_status)
        self.open_help = TextLabel(
            self.tr(
                "To add something to one of them, choose it and press Add to this request "
                "instead. To file a new request, press Next."
            ),
            "muted",
            "openRequestsHelp",
        )
        layout.addWidget(self.open_help)
        # The list itself is made when the first open requests arrive (after the paint).
        self._open_list: QListWidget | None = None
        self._list_layout, self._list_index = layout, layout.count()

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add to this request instead"))
        self.add_button.setObjectName("addToRequestButton")
        self.add_button.setAccessibleName(self.tr("Add to this request instead"))
        self.add_button.clicked.connect(self.choose_selected)
        self.new_button = QPushButton(self.tr("File a ne&w request instead"))
        self.new_button.setObjectName("newRequestButton")
        self.new_button.setAccessibleName(self.tr("File a new request instead"))
        self.new_button.clicked.connect(self.clear_choice)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.choice = TextLabel("", "note", "replyChoice")
        layout.addWidget(self.choice)
        # Requests still waiting to be sent: the way to them where no tray shows it.
        waiting_row = QHBoxLayout()
        self.waiting_note = TextLabel("", "note", "waitingNote")
        self.waiting_button = QPushButton(self.tr("Show what is wa&iting"))
        self.waiting_button.setObjectName("showWaitingButton")
        self.waiting_button.setAccessibleName(self.tr("Show the requests waiting to be sent"))
        self.waiting_button.clicked.connect(self.outboxWanted)
        waiting_row.addWidget(self.waiting_note, 1)
        waiting_row.addWidget(self.waiting_button)
        layout.addLayout(waiting_row)
        self.set_waiting(0)
        layout.addStretch(1)
        self._show_tickets()

    def _contact_grid(self) -> QGridLayout:
        """Hours, phone, email and web address; rows without a value are left out."""
        config = self.ctx.config
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(2, 1)
        hours = config["branding.support_hours"]
        phone = config["branding.support_phone"]
        email = config["branding.support_email"]
        url = config["branding.support_url"]
        rows = [
            (
                "icon-clock.svg",
                self.tr("Support hours"),
                hours and TextLabel(hours, "", "supportHours"),
            ),
            (
                "icon-phone.svg",
                self.tr("Phone"),
                phone
                and LinkLabel(
                    phone,
                    "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
                    "supportPhone",
                ),
            ),
            (
                "icon-mail.svg",
                self.tr("Email"),
                email and LinkLabel(email, "mailto:" + email, "supportEmail"),
            ),
            (
                "icon-web.svg",
                self.tr("Web"),
                url and LinkLabel(url.split("://", 1)[-1].rstrip("/"), url, "supportUrl"),
            ),
        ]
        row = 0
        icon_size = max(16, self.fontMetrics().height() - 4)  # follows the system font size
        for icon_name, caption, widget in rows:
            if not widget:
                continue
            icon = QLabel()
            icon.setPixmap(svg_pixmap(icon_name, icon_size, ink=icon_ink()))
            icon.setAccessibleName(caption)
            label = TextLabel(caption, "muted")
            label.setWordWrap(False)
            grid.addWidget(icon, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(widget, row, 2)
            widget.setAccessibleDescription(caption)
            row += 1
        return grid

    # -- open requests ----------------------------------------------------------

    @property
    def open_list(self) -> QListWidget:
        """The open requests to choose from, made when there are some: before the first
        paint there is nothing to list yet."""
        if self._open_list is None:
            from PySide6.QtWidgets import QListWidget

            view = QListWidget()
            view.setObjectName("openRequestsList")
            view.setAccessibleName(self.tr("Your open requests"))
            view.setAccessibleDescription(
                self.tr(
                    "Choose one and press Add to this request instead, or go on to file a new one."
                )
            )
            view.currentRowChanged.connect(self._update_buttons)
            self._list_layout.insertWidget(self._list_index, view)
            self.open_heading.setBuddy(view)
            # Made last, it joined the Tab order last; its buttons follow it, as they read.
            QWidget.setTabOrder(view, self.add_button)
            QWidget.setTabOrder(self.add_button, self.new_button)
            self._open_list = view
        return self._open_list

    def show_known_problems(self, snapshot: Snapshot) -> None:
        """The banner above the open requests: what support already knows, or that the
        check failed."""
        if self.known_banner is None:
            from app.ui.widgets.incidents import IncidentBanner

            self.known_banner = IncidentBanner()
            self._list_layout.insertWidget(self._known_index, self.known_banner)
            self._list_index += 1
        self.known_banner.show_snapshot(snapshot)

    def set_waiting(self, counts: tuple[int, int] | int) -> None:
        """Say what waits to be sent (it goes out by itself): new requests, and messages
        to support such as replies, which are not requests of their own."""
        requests, messages = counts if isinstance(counts, tuple) else (counts, 0)
        if not messages:
            text = (
                self.tr("1 request is waiting to be sent; it goes out by itself.")
                if requests == 1
                else self.tr(
                    "{count} requests are waiting to be sent; they go out by themselves."
                ).format(count=requests)
            )
        else:
            what = [
                self.tr("1 request")
                if requests == 1
                else self.tr("{count} requests").format(count=requests),
                self.tr("1 message to support")
                if messages == 1
                else self.tr("{count} messages to support").format(count=messages),
            ]
            if not requests:
                what = what[1:]
            text = self.tr("Waiting to be sent (they go out by themselves): {what}.").format(
                what=", ".join(what)
            )
        count = requests + messages
        self.waiting_note.setText(text if count > 0 else "")
        self.waiting_note.setVisible(count > 0)
        self.waiting_button.setVisible(count > 0)

    def load(self) -> None:
        """Ask the backend (on a worker) for its description and the open requests, and
        the outbox for what still waits; follow the known problems."""
        known = self.ctx.known_problems
        if known is not None and self.known_banner is None and known.configured:
            known.changed.connect(self.show_known_problems)
            if known.loaded:
                self.show_known_problems(known.snapshot)
        if self._loading:
            return
        self.ctx.runner.run(_waiting, self.ctx.submission, on_done=self.set_waiting)
        self._loading = True
        self.open_status.setText(self.tr("Looking for your open requests…"))
        self.open_status.show()
        self.ctx.runner.run(_load, self.ctx.submission, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[str, str, list[Ticket]]) -> None:
        self._loading = False
        name, description, tickets = result
        if name == "local" and description:
            self.backend_note.setText(self.tr(description))
            self.backend_note.show()
        self.tickets = tickets
        self.open_status.setText("" if tickets else self.tr("You have no open requests."))
        self.open_status.setVisible(not tickets)
        self._show_tickets()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.open_status.setText(
            self.tr(
                "Your open requests could not be loaded just now. You can still file a new one."
            )
        )
        self.open_status.show()

    def _show_tickets(self) -> None:
        self.open_heading.setVisible(bool(self.tickets) or self._loading)
        if not self.tickets and self._open_list is None:  # nothing listed yet, or ever
            self._update_buttons()
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem

        self.open_list.clear()
        for ticket in self.tickets:
            text = (
                self.tr("%1  %2  ·  %3")
                .replace("%1", ticket.ref)
                .replace("%2", ticket.subject)
                .replace("%3", _status_label(ticket.status))
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, ticket.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.open_list.addItem(item)
        self.open_list.setVisible(bool(self.tickets))
        rows = max(1, len(self.tickets))
        frame = 2 * self.open_list.frameWidth()
        self.open_list.setFixedHeight(rows * max(self.open_list.sizeHintForRow(0), 1) + frame + 2)
        self._update_buttons()

    def form_replaced(self) -> None:
        """A draft was restored after the first paint: show whether it adds to a request."""
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.ctx.reply_to
        has_tickets = bool(self.tickets)
        self.add_button.setVisible(has_tickets)
        self.add_button.setEnabled(
            self._open_list is not None and self._open_list.currentRow() >= 0
        )
        self.new_button.setVisible(bool(chosen))
        self.choice.setVisible(bool(chosen))
        self.open_help.setVisible(has_tickets and not chosen)
        if chosen:
            self.choice.setText(
                self.tr(
                    "Your answers will be added to request %1 instead of filing a new one."
                ).replace("%1", self.reply_ref or "#" + chosen)
            )

    def choose_selected(self) -> None:
        row = self.open_list.currentRow()
        if row < 0:
            return
        ticket = self.tickets[row]
        self.ctx.form.reply_to = ticket.id
        self.reply_ref = ticket.ref
        self.ctx.touch()
        self._update_buttons()
        QTimer.singleShot(0, self.scroll_area, self._show_choice)
        self.replyChosen.emit(ticket.ref)

    def _show_choice(self) -> None:
        self.scroll_area.ensureWidgetVisible(self.choice)

    def clear_choice(self) -> None:
        self.ctx.form.reply_to = ""
        self.reply_ref = ""
        self.ctx.touch()
        self._update_buttons()
        self.replyChosen.emit("")
