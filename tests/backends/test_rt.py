"""The rt adapter against a real Request Tracker 5 on 127.0.0.1 (scripts/rt5.sh up).

The customer acts through the adapter; the agent acts through RT's REST2 with
its own token, as a supporter would from RT's web UI.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.backends import create_backend
from app.backends.rt import RTBackend
from app.core.config import Config
from app.core.helpdesk import (
    AuthenticationError,
    NotFound,
    PermanentError,
    PermissionDenied,
    TemporaryError,
)
from app.core.model import Attachment, NewTicket, Requester, Status, Ticket
from app.core.outbox import Outbox, State
from app.core.schema import KEYS
from tests.backends.fake_base import FakeServer, Reply, Request
from tests.backends.rt_server import RTServer

ME = Requester(name="Casey Customer", email="customer@example.org")


def _ticket(tmp_path: Path, *files: Path, subject: str = "") -> NewTicket:
    ref = str(uuid.uuid4())
    return NewTicket(
        subject=subject or f"VPN drops every hour ({ref[:8]})",
        body=f"The VPN disconnects every hour.\n\nHelpline reference: {ref}",
        requester=ME,
        client_ref=ref,
        attachments=tuple(Attachment.from_path(f) for f in files),
    )


def _file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_the_whole_conversation(
    rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    log = _file(tmp_path, "vpn.log", b"12:00 tunnel down\n" * 50)
    shot = _file(tmp_path, "screen.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    created = rt_customer.create(_ticket(tmp_path, log, shot))
    assert created.status is Status.NEW and created.raw_status == "new"

    assert created.id in {t.id for t in rt_customer.list_mine()}
    [first] = rt_customer.messages(created.id)
    assert first.from_requester and "disconnects every hour" in first.body
    assert sorted(a.filename for a in first.attachments) == ["screen.png", "vpn.log"]
    saved = rt_customer.download(
        next(a for a in first.attachments if a.filename == "screen.png"), tmp_path / "out"
    )
    assert saved.read_bytes() == shot.read_bytes()

    rt_server.agent_reply(created.id, "Which VPN client version do you use?")
    rt_server.agent_comment(created.id, "INTERNAL: probably the old client")
    thread = rt_customer.messages(created.id)
    assert [m.from_requester for m in thread] == [True, False]
    assert "Which VPN client" in thread[1].body
    assert all("INTERNAL" not in m.body for m in thread)  # comments stay internal
    assert rt_customer.get(created.id).status is Status.OPEN  # RT opens on the agent's reply

    version = _file(tmp_path, "version.txt", b"client 4.2.1\n")
    mine = rt_customer.reply(
        created.id, "Version 4.2.1, see attached.", [Attachment.from_path(version)]
    )
    assert mine.from_requester and [a.filename for a in mine.attachments] == ["version.txt"]

    rt_server.agent_set_status(created.id, "resolved")
    resolved = rt_customer.get(created.id)
    assert resolved.status is Status.RESOLVED and not resolved.is_open

    reopened = rt_customer.reopen(created.id, "It dropped again at 14:00.")
    assert reopened.status is Status.OPEN
    assert rt_server.agent_ticket(created.id)["Status"] == "open"
    bodies = [m.body.strip() for m in rt_customer.messages(created.id)]
    assert bodies[-1] == "It dropped again at 14:00."
    assert len(bodies) == 4


@pytest.mark.parametrize("use_custom_field", [False, True], ids=["footer", "custom-field"])
def test_outbox_retry_after_a_lost_answer_does_not_duplicate(
    rt_server: RTServer, tmp_path: Path, use_custom_field: bool
) -> None:
    field = rt_server.custom_field if use_custom_field else ""
    backend = rt_server.customer(client_ref_field=field)

    class LostAnswer(RTBackend):
        """The ticket reaches RT, then the answer is lost on the way back."""

        def create(self, ticket: NewTicket) -> Ticket:
            super().create(ticket)
            raise TemporaryError(code="timeout", server="helpdesk")

    lossy = rt_server.customer(client_ref_field=field)
    lossy.__class__ = LostAnswer
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket(tmp_path, _file(tmp_path, "a.txt", b"a"))
    outbox.add_ticket(wanted)

    first = outbox.deliver(wanted.client_ref, lossy)
    assert first is not None and first.state is State.FAILED and first.attempts == 1
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT and second.attempts == 2

    same = [t for t in backend.list_mine() if t.subject == wanted.subject]
    assert [t.id for t in same] == [second.ticket_id]
    found = backend.find_by_client_ref(wanted.client_ref)
    assert found is not None and found.id == second.ticket_id
    if use_custom_field:
        assert backend.get(found.id).client_ref == wanted.client_ref


def test_token_sign_in(rt_server: RTServer) -> None:
    backend = RTBackend(rt_server.url, token=rt_server.customer_token, queue=rt_server.queue)
    assert backend.whoami().email == rt_server.customer_user
    assert rt_server.customer_token not in repr(backend)


def test_wrong_password_is_an_authentication_error(rt_server: RTServer) -> None:
    with pytest.raises(AuthenticationError):
        rt_server.customer(password="wrong").whoami()


def test_missing_credentials_fail_before_any_request(rt_server: RTServer) -> None:
    with pytest.raises(AuthenticationError):
        RTBackend(rt_server.url, username=rt_server.customer_user).list_mine()


def test_staff_account_needs_allow_shared_credentials(rt_server: RTServer) -> None:
    agent = RTBackend(rt_server.url, token=rt_server.agent_token, queue=rt_server.queue)
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        agent.list_mine()
    shared = RTBackend(
        rt_server.url,
        token=rt_server.agent_token,
        queue=rt_server.queue,
        allow_shared_credentials=True,
    )
    assert shared.whoami().customer_id == rt_server.agent_user


def test_other_peoples_tickets_stay_hidden(rt_server: RTServer, rt_customer: RTBackend) -> None:
    theirs = rt_server._agent(
        "POST",
        "ticket",
        json={
            "Queue": rt_server.queue,
            "Subject": "Someone else's problem",
            "Requestor": "someone.else@example.org",
            "Content": "private",
            "ContentType": "text/plain",
        },
    )
    with pytest.raises((PermissionDenied, NotFound)):
        rt_customer.get(str(theirs["id"]))
    assert str(theirs["id"]) not in {t.id for t in rt_customer.list_mine()}


def test_status_mapping_defaults_and_overrides(
    rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    created = rt_customer.create(_ticket(tmp_path))
    rt_server.agent_set_status(created.id, "stalled")
    waiting = rt_customer.get(created.id)
    assert (waiting.status, waiting.raw_status) == (Status.WAITING, "stalled")
    custom = rt_server.customer(status_map={"stalled": "open"})
    assert custom.get(created.id).status is Status.OPEN
    rt_server.agent_set_status(created.id, "rejected")
    assert rt_customer.get(created.id).status is Status.CLOSED


def test_refused_status_change_is_reported(
    rt_server: RTServer, rt_customer: RTBackend, tmp_path: Path
) -> None:
    created = rt_customer.create(_ticket(tmp_path))
    odd = rt_server.customer(status_map={"done-by-user": "resolved"})
    with pytest.raises(PermanentError, match="isn't a valid status"):
        odd._set_status(created.id, Status.RESOLVED, "done-by-user")
    assert rt_customer.get(created.id).status is Status.NEW


def test_from_config_reads_the_password_from_the_environment(
    rt_server: RTServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPLINE_TEST_RT_PASSWORD", rt_server.customer_password)
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "rt",
            "backend.url": rt_server.url,
            "backend.username": rt_server.customer_user,
            "backend.password_env": "HELPLINE_TEST_RT_PASSWORD",
            "backend.queue": rt_server.queue,
            "backend.timeout_seconds": 10.0,
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, RTBackend)
    assert backend.whoami().email == rt_server.customer_user
    assert rt_server.customer_password not in repr(backend)


def test_plain_http_is_refused_off_this_computer() -> None:
    with pytest.raises(PermanentError, match=r"^address_insecure \(secret=password\)$"):
        RTBackend("http://rt.example.org", username="u", password="p")
    RTBackend("http://rt.example.org", username="u", password="p", allow_insecure_http=True)
    RTBackend("https://rt.example.org", username="u", password="p")


def test_non_ascii_text_and_file_names_survive(rt_customer: RTBackend, tmp_path: Path) -> None:
    report = _file(tmp_path, "Übersicht Drucker.txt", "Grüße aus Köln – 東京\n".encode())
    wanted = _ticket(tmp_path, report, subject="Drucker in Köln druckt nicht – 東京")
    created = rt_customer.create(wanted)
    assert rt_customer.get(created.id).subject == wanted.subject
    [first] = rt_customer.messages(created.id)
    [inbound] = first.attachments
    assert inbound.filename == "Übersicht Drucker.txt"
    saved = rt_customer.download(inbound, tmp_path / "out")
    assert saved.read_bytes() == report.read_bytes()
    sent = rt_customer.reply(created.id, "Noch ein Gruß: ½ € ✓")
    assert sent.body.strip() == "Noch ein Gruß: ½ € ✓"


def test_list_mine_since_is_filtered_by_the_server(rt_customer: RTBackend, tmp_path: Path) -> None:
    """A poll asks RT only for tickets updated after ``since``: older ones never travel."""
    before = rt_customer.create(_ticket(tmp_path, subject="Updated before the poll"))
    since = before.updated_at + timedelta(seconds=1)  # inclusive: "updated at or after"
    while datetime.now(UTC) < since + timedelta(seconds=1.1):  # RT keeps whole seconds
        time.sleep(0.05)
    after = rt_customer.create(_ticket(tmp_path, subject="Updated after the poll"))
    queries: list[str] = []
    send = rt_customer.session.request

    def spy(method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        queries.append(str((kwargs.get("params") or {}).get("query") or ""))
        return send(method, url, *args, **kwargs)

    rt_customer.session.request = spy  # type: ignore[method-assign]
    found = {t.id for t in rt_customer.list_mine(since=since)}
    assert after.id in found and before.id not in found
    stamp = (since - timedelta(seconds=1)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert any(f"LastUpdated > '{stamp}'" in q for q in queries)
    # And without the client-side filter: what RT itself returned had no older ticket.
    assert all(rt_customer.get(i).updated_at >= since for i in found)


class _Canned(FakeServer):
    """Answers every call with the same JSON text: a broken RT, or a proxy in front of it."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def handle(self, request: Request) -> Reply:
        return Reply(200, self.body, {"Content-Type": "application/json"})


@pytest.mark.parametrize("body", [b"null", b"[]", b'"casey"', b"3"])
def test_a_user_record_that_is_not_an_object_is_a_plain_refusal(body: bytes) -> None:
    """A null user record used to raise AttributeError from whoami and every first call."""
    with _Canned(body) as server:
        backend = RTBackend(server.url, username="casey", password="pw")
        for call in (backend.whoami, backend.list_mine):
            with pytest.raises(PermanentError) as info:
                call()
            assert info.value.code == "bad_answer"
            assert info.value.detail.startswith("your user record: ")
        backend.close()


def test_html_parts_show_as_text_with_entities_decoded() -> None:
    """An HTML-only message (RT's rich-text editor, REST2 ``attachments`` Content): tags out,
    entities decoded; before issue 16 ``&amp;`` and ``&nbsp;`` were shown as written."""
    from app.backends.rt import _pick_body

    parts = [
        {
            "ContentType": "text/html",
            "Content": "<p>Tom &amp; Jerry&nbsp;say: 1 &lt; 2</p><p>bye</p>",
        }
    ]
    assert _pick_body(parts) == "Tom & Jerry say: 1 < 2\nbye"
