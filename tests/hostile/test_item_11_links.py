"""Item 11: a reply's links show where they lead and ask before a deceptive one opens.

A hostile Helpline-protocol server answers with a reply whose links say one address and
lead to another, use punycode, carry a bidi override, and ask the mail program to attach
a local file. Before the fix, one click handed each of them to the desktop as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.backends.helpline_http import HelplineHttpBackend
from app.core.config import load
from app.services.filing import Submission
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.hostile.server import HostileServer, reply

BODY = (
    "<p>Sign in again at "
    '<a href="https://evil.example/login">https://bank.example/login</a>, or at '
    '<a href="https://xn--pypal-4ve.com/">our portal</a>. Guide: '
    '<a href="https://kb.example/\u202egpj.exe">the guide</a>. Mail '
    '<a href="mailto:it@corp.example?subject=VPN&amp;attach=/home/ada/.ssh/id_rsa">IT</a>'
    ' or read <a href="https://kb.example/vpn">this article</a>.</p>'
)
TICKET = {
    "id": "1",
    "subject": "VPN drops",
    "status": "open",
    "created_at": "2026-11-20T09:00:00Z",
    "display_ref": "#1",
}
MESSAGE = {
    "id": "m1",
    "author": "Support",
    "from_requester": False,
    "body": BODY,
    "created_at": "2026-11-20T09:05:00Z",
}


@pytest.fixture
def window(qtbot: Any, isolated_dirs: dict[str, Path]) -> Any:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    server = HostileServer()
    for path, data in {
        "/v1/capabilities": {},
        "/v1/tickets": {"tickets": [TICKET]},
        "/v1/tickets/1": TICKET,
        "/v1/tickets/1/messages": {"messages": [MESSAGE]},
    }.items():
        body = json.dumps(data).encode()
        server.on("GET", path, lambda handler, body=body: reply(handler, 200, body))
    with server:
        backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
        config = load(env={})
        submission = Submission(config, root=root, backend_factory=lambda _c: backend)
        win = RequestsWindow(config, InlineRunner(), submission, select_ticket="1")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: "Sign in again" in win.conversation.browser.toPlainText())
        yield win


def click(win: Any, text: str) -> None:
    """Click the anchor shown as ``text``, as the browser reports it: by its URL."""
    document = win.conversation.browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text() == text and fragment.charFormat().anchorHref():
                url = QUrl(fragment.charFormat().anchorHref())
                win.conversation.browser.highlighted.emit(url)
                win.conversation.browser.anchorClicked.emit(url)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link shown as {text!r}")


def test_a_hostile_replys_links_are_checked_before_they_open(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    asked: list[Any] = []  # the verdicts the person was asked about; each answered "no"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    opener = getattr(window.conversation, "links", None)  # before the fix: none, no question
    if opener is not None:
        opener.confirm = lambda verdict: asked.append(verdict) or False

    click(window, "https://bank.example/login")
    assert opened == [] and asked[-1].target == "https://evil.example/login"
    assert "text_differs" in asked[-1].reasons
    assert window.conversation.browser.toolTip() == "https://evil.example/login"

    click(window, "our portal")
    assert opened == [] and "punycode" in asked[-1].reasons

    click(window, "the guide")
    assert opened == ["https://kb.example/gpj.exe"]  # the override is gone

    click(window, "IT")
    assert opened[-1] == "mailto:it@corp.example?subject=VPN"  # no attach=

    click(window, "this article")
    assert opened[-1] == "https://kb.example/vpn" and len(asked) == 2
