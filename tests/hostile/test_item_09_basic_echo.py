"""Issue 17, item 9: a server echoing the Basic credential does not get it shown or stored.

The error's detail is what the outbox stores and the windows show; the session registers
every credential it sends (the base64 of ``user:password`` too) with app/core/logsafe,
so the echo is masked like the password itself.
"""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler

import pytest

from app.backends.zendesk import ZendeskBackend
from app.core import logsafe
from app.core.helpdesk import BackendError
from tests.hostile.server import HostileServer, reply


def _echo(handler: BaseHTTPRequestHandler) -> None:
    """Refuse, quoting the credential back without its scheme (as some proxies do)."""
    sent = handler.headers.get("Authorization", "").removeprefix("Basic ")
    body = json.dumps({"error": f"Invalid credential {sent} for this request"})
    reply(handler, 400, body.encode())


def test_the_echoed_basic_credential_is_masked() -> None:
    user, password = "echo-user@example.org", "pw-echo-9d41c"
    encoded = base64.b64encode(f"{user}:{password}".encode()).decode()
    with HostileServer() as server:
        server.on("GET", "/api/v2/users/me.json", _echo)
        backend = ZendeskBackend(server.url, username=user, password=password)
        with pytest.raises(BackendError) as info:
            backend.whoami()
    assert server.seen, "the credential was sent"
    shown = f"{info.value.detail} {info.value}"
    assert encoded.rstrip("=") not in shown
    assert logsafe.MASK in shown
