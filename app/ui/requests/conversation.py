"""One request's conversation: the status timeline, then the messages in order.

The requester's messages sit on the right and support's on the left, each
with author and time. Bodies are sanitized (:mod:`app.core.sanitize`) before
the text browser sees them, the browser itself refuses to load any resource
(no remote images or style sheets even if something slipped through), and
links are never followed inside it: a web link shows where it leads and opens
in the browser when clicked, through :class:`~app.ui.requests.link_opener.LinkOpener`
(which asks first when it looks wrong), an attachment link asks where to save the file.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.core import remote_help
from app.core.body_bounds import MAX_THREAD, shown_body
from app.core.cache import StatusChange
from app.core.links import REFUSE, classify
from app.core.model import Attachment, Message, Ticket
from app.core.outbox import Item
from app.ui.messages import file_size, outbox_state
from app.ui.models import format_when
from app.ui.plain import plain, tip
from app.ui.remote.words import audit_text
from app.ui.requests.link_opener import LinkOpener, anchor
from app.ui.requests.receipt_strip import ReceiptStrip
from app.ui.requests.timeline import StatusTimeline
from app.ui.statuses import status_label

ATTACHMENT_SCHEME = "helpline-attachment"
WEB_SCHEMES = ("http", "https", "mailto")


def bubble_colours(palette: QPalette) -> tuple[str, str]:
    """Backgrounds for the user's and support's messages, from the palette in use.

    Fixed light colours left light text on light boxes in a dark palette; a tint of the
    highlight over the base, and the alternate base, read in light, dark and high contrast.
    """
    base = palette.color(QPalette.ColorRole.Base)
    tint = palette.color(QPalette.ColorRole.Highlight)
    mine = QColor(
        round(base.red() * 0.82 + tint.red() * 0.18),
        round(base.green() * 0.82 + tint.green() * 0.18),
        round(base.blue() * 0.82 + tint.blue() * 0.18),
    )
    return mine.name(), palette.color(QPalette.ColorRole.AlternateBase).name()


class SafeBrowser(QTextBrowser):
    """A text browser that loads nothing by itself: no images, no style sheets, no files."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None

    def setSource(self, *_: Any) -> None:  # never navigate away from the thread
        return


class ConversationView(QWidget):
    #: The user asked to save this attachment.
    saveRequested = Signal(object)
    #: A web link was clicked (after it was handed to the desktop).
    linkOpened = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self.heading = plain(QLabel(self))  # the ticket's subject, as the helpdesk wrote it
        self.heading.setObjectName("conversationHeading")
        self.heading.setProperty("role", "subheading")
        self.heading.setWordWrap(True)
        # "Answer expected by …" / "Later than expected …": a calm line, never an alarm.
        self.answer_time = plain(QLabel(self))
        self.answer_time.setObjectName("answerExpected")
        self.answer_time.setProperty("role", "muted")
        self.answer_time.setWordWrap(True)
        self.answer_time.setAccessibleName(self.tr("When support is expected to answer"))
        self.answer_time.hide()
        self.timeline = StatusTimeline(self)
        self.receipt = ReceiptStrip(self)  # what was sent, for requests filed from here
        self.browser = SafeBrowser(self)
        self.browser.setObjectName("threadView")
        self.browser.setAccessibleName(self.tr("Conversation of the selected request"))
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setPlaceholderText(self.tr("Choose a request to read its conversation."))
        self.browser.anchorClicked.connect(self._anchor)
        self.browser.highlighted.connect(self._hovered)  # the real target, before a click
        self.links = LinkOpener(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.answer_time)
        layout.addWidget(self.timeline)
        layout.addWidget(self.receipt)
        layout.addWidget(self.browser, 1)
        self._attachments: list[Attachment] = []
        self.clear()

    def clear(self) -> None:
        self.heading.clear()
        self.heading.hide()
        self.show_answer_time("")
        self.timeline.set_history([])
        self.receipt.clear()
        self._attachments = []
        self.browser.clear()

    def show_answer_time(self, text: str) -> None:
        """The expected answer time of the request shown ("" hides the line)."""
        self.answer_time.setText(text)
        self.answer_time.setVisible(bool(text))

    def show_text(self, text: str) -> None:
        """A one-line state ("Loading…", an error) in place of the thread."""
        self.browser.setHtml("<p>" + html.escape(text) + "</p>")

    def show_item(self, item: Item) -> None:
        """An outbox item: what it is waiting for and what it says (nothing is on the server)."""
        self.heading.setText(item.summary)
        self.heading.show()
        self.show_answer_time("")
        self.timeline.set_history([])
        self.receipt.show_for(item.client_ref)
        body = str(item.payload.get("body") or item.payload.get("text") or "")
        ref = self.tr("Reference on this computer: {ref}").format(ref=item.client_ref)
        self.browser.setHtml(
            f"<p><b>{html.escape(outbox_state(item))}</b></p>"
            f"<p>{html.escape(ref)}</p>{self._body_html(body)}"
        )

    def show_thread(
        self, ticket: Ticket, messages: list[Message], history: list[StatusChange], note: str = ""
    ) -> None:
        self.heading.setText(f"{ticket.ref} · {ticket.subject} — {status_label(ticket.status)}")
        self.heading.show()
        self.timeline.set_history(history)
        self.receipt.show_for_ticket(ticket.id, ticket.client_ref)
        self._attachments = []
        parts = [f"<p><i>{html.escape(note)}</i></p>"] if note else []
        newest_first: list[str] = []
        total = 0
        for message in reversed(messages):  # the newest, up to what lays out quickly
            bubble = self._bubble(message)
            total += len(bubble)
            if newest_first and total > MAX_THREAD:
                older = self.tr("Older messages are not shown here: this conversation is too long.")
                parts.append(f"<p><i>{html.escape(older)}</i></p>")
                break
            newest_first.append(bubble)
        parts += reversed(newest_first)
        if not messages:
            parts.append("<p>" + html.escape(self.tr("No messages yet.")) + "</p>")
        self.browser.setHtml("".join(parts))
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # the newest message is the one to read

    def _bubble(self, message: Message) -> str:
        line = remote_help.parse(message.body)
        if line is not None:  # remote help's audit line: Helpline wrote it, not the person
            return self._system_line(audit_text(line))
        mine = message.from_requester
        who = message.author or (self.tr("You") if mine else self.tr("Support"))
        mine_bg, theirs_bg = bubble_colours(self.browser.palette())
        side, bg = ("right", mine_bg) if mine else ("left", theirs_bg)
        files = []
        for attachment in message.attachments:
            number = len(self._attachments)
            self._attachments.append(attachment)
            label = self.tr("Save {name} ({size})…").format(
                name=attachment.filename, size=file_size(attachment.size)
            )
            files.append(f'<a href="{ATTACHMENT_SCHEME}:{number}">{html.escape(label)}</a>')
        attachments = ("<p>" + "<br/>".join(files) + "</p>") if files else ""
        return (
            f'<table width="82%" align="{side}" cellpadding="8" cellspacing="0" '
            f'style="margin-bottom: 10px"><tr><td bgcolor="{bg}">'
            f"<p><b>{html.escape(who)}</b> · "
            f"<span>{html.escape(format_when(message.created_at))}</span></p>"
            f"{self._body_html(message.body)}{attachments}</td></tr></table>"
            '<table width="100%"><tr><td></td></tr></table>'
        )

    def _body_html(self, body: str) -> str:
        """The body within the bounds that keep the window responsive (core.body_bounds),
        with a line saying when it is shown as plain text or not in full."""
        shown = shown_body(body)
        notes = []
        if shown.as_text:
            notes.append(
                self.tr(
                    "This message's formatting is too large or too deeply nested to show; "
                    "here is its text."
                )
            )
        if shown.cut:
            notes.append(self.tr("This message is too long to show here in full."))
        note = "".join(f"<p><i>{html.escape(n)}</i></p>" for n in notes)
        return note + shown.html

    def _system_line(self, text: str) -> str:
        """A centred, muted line with no author: something that happened, not a message."""
        colour = self.browser.palette().color(QPalette.ColorRole.PlaceholderText).name()
        return (
            '<table width="100%" cellpadding="4"><tr><td align="center">'
            f'<p style="color:{colour}"><i>{html.escape(text)}</i></p></td></tr></table>'
        )

    def attachment(self, number: int) -> Attachment | None:
        return self._attachments[number] if 0 <= number < len(self._attachments) else None

    def _anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == ATTACHMENT_SCHEME:
            found = self.attachment(int(url.path()) if url.path().isdigit() else -1)
            if found is not None:
                self.saveRequested.emit(found)
        elif scheme in WEB_SCHEMES:  # anything else (javascript:, file:) is ignored
            href, text = anchor(self.browser.document(), url)
            verdict = self.links.open(href, text)
            if verdict.action != REFUSE:
                self.linkOpened.emit(QUrl(verdict.target))

    def _hovered(self, url: QUrl) -> None:
        """Show where a link really leads as its tooltip (issue 17, item 11)."""
        if url.isEmpty() or url.scheme().lower() not in WEB_SCHEMES:
            self.browser.setToolTip("")
            return
        href, text = anchor(self.browser.document(), url)
        self.browser.setToolTip(tip(classify(href, text).target))
