"""Issue 17, "And:": bidi, C1 and zero-width characters never reach the helpdesk.

A summary and a description arrive through a deep link (and could as well be pasted)
carrying a right-to-left override, zero-width spaces that split a secret's keyword, and
a C1 control sequence. Before the fix they went to the helpdesk as typed: the override
reordered what support read and ``pass\\u200bword=`` slipped past the secret scanner.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.backends.helpline_http import HelplineHttpBackend
from app.core.config import load
from app.core.deeplink import from_url
from app.core.model import Requester
from app.services.filing import Submission
from tests.hostile.server import HostileServer, reply

HIDDEN = ("\u202e", "\u200b", "\u2066", "\x9b", "\ufeff")
LINK = (
    "helpline://new?summary=Invoice%E2%80%AEfdp.exe%20will%20not%20open"
    "&description=My%20pass%E2%80%8Bword%3Dhunter2%20%C2%9B2J%E2%81%A6isolated%EF%BB%BF"
)
CREATED = {
    "id": "1",
    "subject": "x",
    "status": "new",
    "created_at": "2026-11-20T09:00:00Z",
}


def test_hidden_characters_from_a_link_never_reach_the_helpdesk(
    isolated_dirs: dict[str, Path],
) -> None:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    config = load(env={})
    form = from_url(LINK, config, ["helpline"]).form
    form.requester = Requester("Ada", "ada@example.org")
    with HostileServer() as server:
        server.on("POST", "/v1/tickets", lambda h: reply(h, 201, json.dumps(CREATED).encode()))
        server.on("GET", "/v1/tickets", lambda h: reply(h, 200, b'{"tickets": []}'))
        backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
        submission = Submission(config, root=root, backend_factory=lambda _c: backend)
        item = submission.enqueue(submission.prepare(form))
        submission.deliver(item.client_ref)
        [sent] = [seen for seen in server.seen if seen.method == "POST"]
    text = sent.body.decode("utf-8")
    assert not [c for c in HIDDEN if c in text or json.dumps(c)[1:-1] in text]
    assert "Invoicefdp.exe will not open" in text
    assert "hunter2" not in text  # the keyword is whole again, so the scanner masked it
