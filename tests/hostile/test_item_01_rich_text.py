"""Item 1: a helpdesk's subjects, replies and notes are shown as written, never as HTML.

A hostile Helpline-protocol server answers with ``<img src="/dev/zero">`` in a ticket's
subject, raw status, message author and limits note. Before the fix, the conversation's
heading, the reply box's note and the list's tooltips were ``AutoText`` labels and raw
tooltips: Qt parsed them and opened ``/dev/zero`` (reading until ``std::bad_alloc``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.backends.helpline_http import HelplineHttpBackend
from app.core.config import load
from app.services.filing import Submission
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner
from tests.hostile.server import HostileServer, reply
from tests.ui.rich_text_walk import HOSTILE, MARKER, offenders, shown_literally

TICKET = {
    "id": "1",
    "subject": HOSTILE,
    "status": "open",
    "raw_status": HOSTILE,
    "created_at": "2026-11-20T09:00:00Z",
    "updated_at": "2026-11-20T09:05:00Z",
    "display_ref": "#1",
    "last_author": HOSTILE,
}
MESSAGE = {
    "id": "m1",
    "author": HOSTILE,
    "from_requester": False,
    "body": f"Try this: {HOSTILE}",
    "created_at": "2026-11-20T09:05:00Z",
}
CAPS = {"reply": False, "limits_note": HOSTILE}


def hostile_helpdesk() -> HostileServer:
    server = HostileServer()
    answers = {
        "/v1/capabilities": CAPS,
        "/v1/tickets": {"tickets": [TICKET]},
        "/v1/tickets/1": TICKET,
        "/v1/tickets/1/messages": {"messages": [MESSAGE]},
        "/v1/me": {"name": "Ada", "email": "ada@example.org"},
    }
    for path, data in answers.items():
        body = json.dumps(data).encode()
        server.on("GET", path, lambda handler, body=body: reply(handler, 200, body))
    return server


def test_a_hostile_helpdesk_cannot_make_qt_read_a_file(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    config = load(env={})
    with hostile_helpdesk() as server:
        backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
        submission = Submission(config, root=root, backend_factory=lambda _c: backend)
        win = RequestsWindow(config, InlineRunner(), submission, select_ticket="1")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: MARKER in win.conversation.heading.text(), timeout=10_000)
        qtbot.waitUntil(lambda: win.reply_box.note.isVisible(), timeout=10_000)
        assert offenders([win]) == []
        assert shown_literally(win.conversation.heading)
        assert shown_literally(win.reply_box.note)
        # The body went through nh3 and the author was escaped: no image element anywhere.
        assert MARKER in win.conversation.browser.toPlainText()
        assert "<img" not in win.conversation.browser.toHtml()  # escaped or cleaned away
