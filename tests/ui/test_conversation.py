"""The conversation panel: sides, sanitized bodies, links on click, attachments saved safely."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.backends.local import LocalBackend
from app.core.cache import StatusChange
from app.core.config import load
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket
from app.services.filing import Submission
from app.ui.requests.conversation import ConversationView, bubble_colours
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TICKET = Ticket(
    "7", "VPN drops every hour", Status.WAITING, T0, T0, raw_status="stalled", display_ref="#7"
)
HOSTILE = (
    '<p>Please try <a href="https://kb.example/vpn">this article</a>.</p>'
    '<script>document.title="pwned"</script>'
    '<img src="https://tracker.example/pixel.gif" onerror="alert(1)">'
    '<p style="background:url(https://evil.example/bg.png)">Thanks</p>'
    '<a href="javascript:alert(2)">run me</a>'
)


def thread() -> list[Message]:
    return [
        Message("1", "7", "Ada Lovelace", True, "The VPN drops.", T0),
        Message(
            "2",
            "7",
            "Sam from IT",
            False,
            HOSTILE,
            T0 + timedelta(minutes=5),
            (Attachment("vpn-guide.pdf", 2048, backend_id="x"),),
        ),
    ]


@pytest.fixture
def view(qtbot: Any) -> ConversationView:
    widget = ConversationView()
    qtbot.addWidget(widget)
    widget.show_thread(
        TICKET,
        thread(),
        [StatusChange(Status.NEW, "new", T0), StatusChange(Status.WAITING, "stalled", T0)],
    )
    return widget


def test_messages_in_order_on_opposite_sides(view: ConversationView) -> None:
    text = view.browser.toPlainText()
    assert text.index("The VPN drops.") < text.index("Please try this article")
    assert "Ada Lovelace" in text and "Sam from IT" in text
    markup = view.browser.toHtml().lower()
    mine_bg, theirs_bg = bubble_colours(view.browser.palette())
    assert mine_bg in markup and theirs_bg in markup
    assert "save vpn-guide.pdf (2.0 kb)…" in text.lower()
    assert view.heading.text() == "#7 · VPN drops every hour — Waiting on you"
    assert view.timeline.texts() == ["New", "Waiting on you"]
    assert "stalled" in view.timeline.steps[-1].toolTip()


def test_hostile_html_never_reaches_the_browser(view: ConversationView) -> None:
    markup = view.browser.toHtml().lower()
    for bad in ("script", "pwned", "tracker.example", "evil.example", "javascript", "onerror"):
        assert bad not in markup, bad
    assert "https://kb.example/vpn" in markup


def test_the_browser_loads_nothing_itself(view: ConversationView) -> None:
    assert view.browser.loadResource(2, QUrl("https://tracker.example/pixel.gif")) is None
    assert not view.browser.openLinks() and not view.browser.openExternalLinks()


def test_links_open_in_the_browser_only_when_clicked(
    view: ConversationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    assert opened == []  # showing the thread opened nothing
    view.browser.anchorClicked.emit(QUrl("https://kb.example/vpn"))
    view.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://kb.example/vpn"]


def test_an_attachment_link_asks_to_save_that_file(view: ConversationView, qtbot: Any) -> None:
    with qtbot.waitSignal(view.saveRequested) as saved:
        view.browser.anchorClicked.emit(QUrl("helpline-attachment:0"))
    assert saved.args[0].filename == "vpn-guide.pdf"
    with qtbot.assertNotEmitted(view.saveRequested):
        view.browser.anchorClicked.emit(QUrl("helpline-attachment:99"))


class EvilNames(LocalBackend):
    """Attachments whose names try to climb out of the folder the user picked."""

    def messages(self, ticket_id: str) -> list[Message]:
        out = super().messages(ticket_id)
        first = out[0]
        evil = tuple(
            Attachment("../../escape.txt", a.size, path=a.path, backend_id=a.backend_id)
            for a in first.attachments
        )
        return [
            Message(
                first.id, first.ticket_id, first.author, True, first.body, first.created_at, evil
            ),
            *out[1:],
        ]


def test_saving_an_attachment_stays_in_the_chosen_folder(
    qtbot: Any, tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    config = load(env={})
    source = tmp_path / "notes.txt"
    source.write_text("secret plan")
    backend = EvilNames(root)
    backend.create(
        NewTicket(
            "VPN", "Body", Requester("Ada"), "ref-1", attachments=(Attachment.from_path(source),)
        )
    )
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket="1")
    qtbot.addWidget(win)
    chosen = tmp_path / "downloads" / "inner"
    chosen.mkdir(parents=True)
    win.choose_folder = lambda: str(chosen)
    win.conversation.browser.anchorClicked.emit(QUrl("helpline-attachment:0"))
    assert (chosen / "escape.txt").read_text() == "secret plan"
    assert not (tmp_path / "escape.txt").exists()
    assert not (tmp_path / "downloads" / "escape.txt").exists()
    assert "Saved escape.txt" in win.status_line.text()
    win.conversation.browser.anchorClicked.emit(QUrl("helpline-attachment:0"))
    assert (chosen / "escape (2).txt").exists()  # never overwrites
    assert not list(root.glob("download-*"))  # the scratch folder is gone
