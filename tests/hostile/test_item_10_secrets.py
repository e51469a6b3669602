"""Issue 17 item 10: secrets typed in forms the scanner used to miss never reach the helpdesk.

A person pastes what they ran and what their configuration says into the description:
``curl -u``, ``mysql -p``, ``sshpass -p``, a ``.netrc`` line, ``bindpw``, a Wi-Fi ``psk``,
an Azure connection string, a Slack webhook, OpenAI and Google tokens, a bare ``Basic``
credential, the German, French and Spanish words for password, and a PuTTY key. The request
is prepared, kept and delivered to a helpdesk on 127.0.0.1 (Helpline's "http" protocol),
and not one of those secrets is in what the helpdesk received.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.core.outbox import State
from app.services.filing import Submission
from tests.collectors.secret_corpus import (
    AZURE_KEY,
    GOOGLE,
    OPENAI,
    PUTTY,
    PUTTY_PRIVATE,
    SLACK_HOOK,
)
from tests.hostile.server import HostileServer, reply

SECRETS = [
    "S3cr3t!curl",
    "MyS3cretSql",
    "Tr0ub4dorSsh",
    "n3tRcPass",
    "S3cretLdap",
    "Office-WiFi-2026",
    AZURE_KEY,
    SLACK_HOOK,
    OPENAI.removeprefix("sk-proj-"),
    GOOGLE.removeprefix("ya29."),
    "YWxpY2U6cGFzc3dvcmQ=",
    "Geheim123",
    "Secret-fr-1",
    "Clave-es-1",
    PUTTY_PRIVATE,
]
TYPED = f"""The sync script stopped working this morning. What it runs:

    curl -u alice:S3cr3t!curl https://api.example.com/sync
    mysql -h db01 -u root -pMyS3cretSql crm < export.sql
    sshpass -p Tr0ub4dorSsh rsync -a out/ nas:/backup
    curl -H 'Basic YWxpY2U6cGFzc3dvcmQ=' https://legacy.example.com
    curl https://hooks.slack.com/services/{SLACK_HOOK}

~/.netrc has: machine api.example.com login alice password n3tRcPass
/etc/nslcd.conf:
bindpw S3cretLdap
NetworkManager: psk=Office-WiFi-2026
storage: AccountName=acme;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net
OPENAI_API_KEY {OPENAI} and gcloud said {GOOGLE}
Old notes: passwort=Geheim123, mot_de_passe=Secret-fr-1, contraseña=Clave-es-1
My key file:
{PUTTY}"""


def _ticket(handler: BaseHTTPRequestHandler) -> None:
    ticket = {"id": "41", "subject": "Sync", "status": "new", "created_at": "2026-12-07T05:00:00Z"}
    reply(handler, 201, json.dumps(ticket).encode())


@pytest.fixture
def helpdesk() -> Iterator[HostileServer]:
    with HostileServer() as server:
        server.on("GET", "/v1/capabilities", lambda h: reply(h, 200, b"{}"))
        server.on("POST", "/v1/tickets", _ticket)
        yield server


def test_typed_secrets_of_every_new_form_are_masked_before_they_leave(
    helpdesk: HostileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert all(secret in TYPED for secret in SECRETS)
    monkeypatch.setenv("HOSTILE_TOKEN", "tok-hostile")
    config = load(
        flags={
            "backend.type": "http",
            "backend.url": helpdesk.url,
            "backend.token_env": "HOSTILE_TOKEN",
        },
        env={},
    )
    submission = Submission(config, root=tmp_path / "data")
    form = RequestForm(
        requester=Requester(name="Ann", email="ann@example.org"),
        summary="Sync script fails",
        happened=TYPED,
    )
    outgoing = submission.prepare(form)
    assert [s for s in SECRETS if s in outgoing.ticket.body] == []
    assert len(outgoing.description.findings) >= len(SECRETS)
    item = submission.deliver(submission.enqueue(outgoing).client_ref)
    assert item.state is State.SENT
    sent = b"".join(seen.body for seen in helpdesk.seen if seen.method == "POST").decode()
    assert "The sync script stopped working" in sent  # the text itself did arrive
    assert [s for s in SECRETS if s in sent] == []
