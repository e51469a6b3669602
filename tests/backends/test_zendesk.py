"""The Zendesk adapter against a real HTTP server on 127.0.0.1 speaking the Requests API.

Doc pages the fake and these tests follow are cited per test; the fake is
tests/backends/fake_zendesk.py.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.zendesk import ZendeskBackend
from app.core import config as config_mod
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    PermanentError,
    PermissionDenied,
    RateLimited,
    Unsupported,
)
from app.core.model import Attachment, NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.contract import BackendContract
from tests.backends.fake_zendesk import FakeZendesk
from tests.backends.fixtures import attach_file

USER, PASSWORD = "casey@example.org", "correct horse"
API_TOKEN = "account-wide-token-6f1d"


@pytest.fixture
def server() -> Iterator[FakeZendesk]:
    srv = FakeZendesk(
        {USER: PASSWORD, "other@example.org": "pw"}, api_token=API_TOKEN, ticket_field=360001
    )
    with srv:  # serves on 127.0.0.1 until the test ends
        yield srv


def _backend(server: FakeZendesk, **kwargs: object) -> ZendeskBackend:
    options: dict[str, object] = {
        "username": USER,
        "password": PASSWORD,
        "config": {"backend.timeout_seconds": 5},
    }
    options.update(kwargs)
    return ZendeskBackend(server.url, **options)  # type: ignore[arg-type]


@pytest.fixture
def backend(server: FakeZendesk) -> Iterator[ZendeskBackend]:
    b = _backend(server)
    yield b
    b.close()


def _ticket(folder: Path, *files: Attachment) -> NewTicket:
    return NewTicket(
        subject="VPN drops every hour",
        body="It drops at :00 each hour.",
        requester=Requester(name="Casey", email=USER),
        client_ref=str(uuid.uuid4()),
        attachments=files,
    )


def test_uploads_stream_raw_bytes_then_ride_on_the_create_by_one_token(backend, server, tmp_path):
    """https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#upload-files
    and https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#create-request
    """
    blob = os.urandom(300_000)
    log = attach_file(tmp_path, "vpn client.log", b"line 1\r\nline 2\n")
    shot = attach_file(tmp_path, "screen.png", blob)
    created = backend.create(_ticket(tmp_path, log, shot))
    uploads = [c for c in server.log if c.path == "/api/v2/uploads.json"]
    assert [c.params["filename"] for c in uploads] == ["vpn client.log", "screen.png"]
    assert hashlib.sha256(uploads[1].body).hexdigest() == hashlib.sha256(blob).hexdigest()
    assert uploads[0].body == b"line 1\r\nline 2\n"
    assert uploads[1].headers["content-type"] == "image/png"
    assert uploads[1].headers["content-length"] == str(len(blob))
    assert "token" not in uploads[0].query and uploads[1].params["token"]
    create = server.writes("/api/v2/requests.json")[0]
    sent = server.json_body(create)["request"]
    assert sent["comment"]["uploads"] == [uploads[1].params["token"]]
    assert sent["subject"] == "VPN drops every hour"
    first = backend.messages(created.id)[0]
    assert [a.filename for a in first.attachments] == ["vpn client.log", "screen.png"]
    saved = backend.download(first.attachments[1], tmp_path / "out")
    assert saved.read_bytes() == blob


def test_files_on_another_host_are_fetched_without_credentials(server, tmp_path):
    """``content_url`` "may be hosted externally so take care not to inadvertently send Zendesk
    authentication credentials": https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/
    """
    backend = ZendeskBackend(
        server.url.replace("127.0.0.1", "localhost"), username=USER, password=PASSWORD
    )
    created = backend.create(_ticket(tmp_path, attach_file(tmp_path, "a.txt", b"abc")))
    attachment = backend.messages(created.id)[0].attachments[0]
    assert attachment.backend_id and "127.0.0.1" in attachment.backend_id
    assert backend.download(attachment, tmp_path / "out").read_bytes() == b"abc"
    fetch = server.requests_to("GET", "^/attachments/token/")[-1]
    assert "authorization" not in fetch.headers
    assert "authorization" in server.requests_to("GET", "^/api/v2/requests/")[-1].headers


def test_status_mapping_defaults_and_overrides(server, tmp_path):
    """Statuses per https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#json-format"""
    backend = _backend(server)
    created = backend.create(_ticket(tmp_path))
    expected = {
        "new": Status.NEW,
        "open": Status.OPEN,
        "pending": Status.WAITING,
        "hold": Status.OPEN,
        "solved": Status.RESOLVED,
        "closed": Status.CLOSED,
    }
    for raw, common in expected.items():
        server.set_status(created.id, raw)
        got = backend.get(created.id)
        assert (got.status, got.raw_status) == (common, raw)
    server.set_status(created.id, "hold")
    assert _backend(server, status_map={"hold": "waiting"}).get(created.id).status is Status.WAITING


def test_footer_reference_and_custom_field(server, tmp_path):
    """Custom fields on create: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#create-request"""
    plain = _backend(server)
    wanted = _ticket(tmp_path)
    created = plain.create(wanted)
    body = server.comments[int(created.id)][0]["body"]
    assert body.endswith(f"Helpline reference: {wanted.client_ref}\n")
    found = plain.find_by_client_ref(wanted.client_ref)
    assert found is not None and found.id == created.id

    with_field = _backend(server, client_ref_field="360001")
    other = _ticket(tmp_path)
    made = with_field.create(other)
    assert server.requests[int(made.id)]["custom_fields"] == [
        {"id": 360001, "value": other.client_ref}
    ]
    assert "Helpline reference" not in server.comments[int(made.id)][0]["body"]
    assert with_field.get(made.id).client_ref == other.client_ref
    found = with_field.find_by_client_ref(other.client_ref)
    assert found is not None and found.id == made.id


def test_list_follows_the_cursor_across_pages(backend, server, tmp_path):
    """Cursor pagination: https://developer.zendesk.com/api-reference/introduction/pagination/"""
    made = [backend.create(_ticket(tmp_path)).id for _ in range(3)]
    server.max_page = 2  # Zendesk may hand out fewer than page[size]
    assert sorted(t.id for t in backend.list_mine()) == sorted(made)
    lists = server.requests_to("GET", r"^/api/v2/requests\.json$")
    assert [r.params.get("page[after]") for r in lists[-2:]] == [None, made[1]]


def test_solved_only_where_can_be_solved_by_me(backend, server, tmp_path):
    """``solved`` and ``can_be_solved_by_me``: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#update-request"""
    server.assign_on_create = False
    created = backend.create(_ticket(tmp_path))
    with pytest.raises(Unsupported, match=r"^resolve_not_offered \(helpdesk=Zendesk\)$"):
        backend.set_resolved(created.id)
    assert not server.requests_to("PUT", ".")
    server.requests[int(created.id)]["can_be_solved_by_me"] = True
    assert backend.set_resolved(created.id).status is Status.RESOLVED


def test_solving_carries_a_comment(backend, server, tmp_path):
    """Update Request: ``solved`` rides on a comment
    (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#update-request);
    without one a real account answered 406 CommentRequired (issue 16)."""
    created = backend.create(_ticket(tmp_path))
    backend.set_resolved(created.id)
    sent = server.requests_to("PUT", rf"/requests/{created.id}")[-1].json()["request"]
    assert sent["solved"] is True and sent["comment"]["body"].startswith("This solved my problem")
    assert backend.messages(created.id)[-1].body == sent["comment"]["body"]


def test_uploads_answered_as_text_plain_are_read(backend, server, tmp_path):
    """Real ``POST /api/v2/uploads.json`` answers 201 with ``text/plain; charset=utf-8`` and a
    JSON body (zenpy's recorded cassettes); before issue 16 every upload failed here."""
    created = backend.create(_ticket(tmp_path, attach_file(tmp_path, "log.txt", b"line\n")))
    assert len(server.requests_to("POST", "/uploads")) == 1
    assert [a.filename for a in backend.messages(created.id)[0].attachments] == ["log.txt"]
    backend.reply(created.id, "one more", [attach_file(tmp_path, "b.txt", b"b")])
    assert len(server.requests_to("POST", "/uploads")) == 2
    server.set_status(created.id, "closed")
    with pytest.raises(Unsupported, match=r"^reopen_not_offered \(helpdesk=Zendesk\)$"):
        backend.reopen(created.id, "again")


def test_support_comment_is_not_from_the_requester(backend, server, tmp_path):
    """``author_id`` vs ``requester_id``: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#list-comments"""
    created = backend.create(_ticket(tmp_path))
    server.agent_comment(created.id, "Which VPN client do you use?")
    thread = backend.messages(created.id)
    assert [m.from_requester for m in thread] == [True, False]
    assert backend.get(created.id).status is Status.WAITING


def test_agent_account_needs_shared_credentials_allowed(server):
    """Agents are treated as end users by Requests but can read every ticket elsewhere:
    https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/
    """
    server.passwords["agent@support.example"] = "agentpw"
    agent = _backend(server, username="agent@support.example", password="agentpw")
    with pytest.raises(PermissionDenied, match=r"^account_mismatch \(helpdesk=Zendesk, "):
        agent.list_mine()
    assert [r.path for r in server.log] == ["/api/v2/users/me.json"]
    allowed = _backend(
        server, username="agent@support.example", password="agentpw", allow_shared_credentials=True
    )
    assert allowed.list_mine() == []


def test_wrong_password_is_an_authentication_error(server):
    """401 on bad credentials: https://developer.zendesk.com/api-reference/introduction/security-and-auth/"""
    with pytest.raises(AuthenticationError):
        _backend(server, password="wrong").whoami()


def test_api_token_needs_shared_credentials_allowed(server):
    """The API token is account-wide: https://developer.zendesk.com/api-reference/introduction/security-and-auth/#api-token"""
    token_backend = _backend(server, password="", token=API_TOKEN)
    with pytest.raises(PermissionDenied, match=r"^shared_token .*allow_shared_credentials"):
        token_backend.whoami()
    assert not server.log
    allowed = _backend(server, password="", token=API_TOKEN, allow_shared_credentials=True)
    assert allowed.whoami().email == USER
    assert API_TOKEN not in repr(allowed) and PASSWORD not in repr(_backend(server))


def test_rate_limit_gives_the_wait_from_retry_after(backend, server):
    """429 with Retry-After: https://developer.zendesk.com/api-reference/introduction/rate-limits/"""
    server.fail_next(
        "GET", "^/api/v2/requests", 429, {"error": "TooManyRequests"}, {"Retry-After": "37"}
    )
    with pytest.raises(RateLimited) as info:
        backend.list_mine()
    assert info.value.wait_seconds == 37


@pytest.mark.parametrize(
    "ctype,body,error",
    [
        ("text/html", b"<html><body>Help Center maintenance</body></html>", PermanentError),
        ("application/json", b'{"requests": [{"id": 1, "sub', PermanentError),
    ],
    ids=["html", "truncated"],
)
def test_malformed_answers_are_typed_errors(backend, server, ctype, body, error):
    """JSON is the documented format: https://developer.zendesk.com/api-reference/introduction/requests/"""
    server.fail_next("GET", "^/api/v2/requests", 200, body, {"Content-Type": ctype})
    with pytest.raises(error):
        backend.list_mine()


def test_outbox_retry_after_a_lost_answer_does_not_duplicate(backend, server, tmp_path):
    """No idempotency key on Requests (§2.3); the footer is found in the description:
    https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/#list-requests
    """
    backend.whoami()
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.01)
    wanted = _ticket(tmp_path, attach_file(tmp_path / "in", "a.txt", b"a"))
    outbox.add_ticket(wanted)
    server.lose_next_answer("POST", r"^/api/v2/requests\.json$")  # made, answer lost
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and first.auto_retry
    assert len(server.requests) == 1
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert len(server.requests) == 1
    assert second.ticket_id == str(next(iter(server.requests)))
    assert len(server.writes("/api/v2/requests.json")) == 1


def test_outbox_sends_files_once_with_the_real_upload_answer(backend, server, tmp_path):
    """The recorded upload answer (text/plain JSON) makes one request with its file, at once."""
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.01)
    wanted = _ticket(tmp_path, attach_file(tmp_path / "in", "a.txt", b"a"))
    outbox.add_ticket(wanted)
    sent = outbox.deliver(wanted.client_ref, backend)
    assert sent is not None and sent.state is State.SENT
    assert len(server.requests) == 1 and len(server.requests_to("POST", "/uploads")) == 1


@pytest.mark.parametrize("body", [b"OK", b'{"upload": {"tok'], ids=["text", "garbled"])
def test_a_malformed_upload_answer_is_one_clear_error_not_a_loop(backend, server, tmp_path, body):
    """A 201 whose body is not the promised data will not mend itself: the outbox stops after
    one upload and says so, instead of uploading the files again on every retry (issue 16)."""
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.0, retry_max_seconds=0.0)
    wanted = _ticket(tmp_path, attach_file(tmp_path / "in", "a.txt", b"a"))
    outbox.add_ticket(wanted)
    server.fail_next("POST", "/uploads", 201, body, {"Content-Type": "text/plain; charset=utf-8"})
    failed = outbox.deliver(wanted.client_ref, backend)
    assert failed is not None and failed.state is State.FAILED and not failed.auto_retry
    assert failed.error_code == {b"OK": "not_data"}.get(body, "answer_garbled")
    for _ in range(3):
        outbox.deliver_due(backend)  # nothing is due: no automatic retry
    assert len(server.requests_to("POST", "/uploads")) == 1
    assert server.requests == {}


def test_a_garbled_answer_to_a_create_that_happened_leaves_one_request(backend, server, tmp_path):
    """Zendesk made the request but its answer is not data: one clear error, no automatic
    retry; the person's own retry finds the request by its reference (no second one, no
    second upload)."""
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.0, retry_max_seconds=0.0)
    wanted = _ticket(tmp_path, attach_file(tmp_path / "in", "a.txt", b"a"))
    outbox.add_ticket(wanted)
    server.garble_next_answer(
        "POST", r"^/api/v2/requests\.json$", b"OK", {"Content-Type": "text/plain; charset=utf-8"}
    )
    failed = outbox.deliver(wanted.client_ref, backend)
    assert failed is not None and failed.state is State.FAILED and not failed.auto_retry
    outbox.deliver_due(backend)
    assert len(server.requests) == 1
    retried = outbox.deliver(wanted.client_ref, backend, force=True)
    assert retried is not None and retried.state is State.SENT
    assert retried.ticket_id == str(next(iter(server.requests)))
    assert len(server.requests) == 1 and len(server.requests_to("POST", "/uploads")) == 1


def test_selected_from_config_with_the_password_from_the_environment(server, monkeypatch):
    """End-user password auth: https://developer.zendesk.com/api-reference/introduction/security-and-auth/#basic-authentication"""
    monkeypatch.setenv("HELPLINE_TEST_ZD_PASSWORD", PASSWORD)
    cfg = config_mod.load(
        flags={
            "backend.type": "zendesk",
            "backend.url": server.url,
            "backend.username": USER,
            "backend.password_env": "HELPLINE_TEST_ZD_PASSWORD",
        },
        env=dict(os.environ),
    )
    backend = create_backend(cfg)
    assert isinstance(backend, ZendeskBackend)
    assert backend.whoami().email == USER
    assert PASSWORD not in repr(backend)


class TestZendeskContract(BackendContract):
    """The shared contract against the fake Zendesk, as the end user.

    Docs: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-requests/
    """

    @pytest.fixture
    def backend(self, server: FakeZendesk) -> Iterator[Backend]:
        self.server = server
        b = _backend(server)
        yield b
        b.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_comment(ticket_id, text)
        return True


@pytest.mark.parametrize(
    "body",
    [b"null", b'{"user": null}', b'{"user": ["x"]}', b"[]"],
    ids=["null", "user-null", "user-list", "list"],
)
def test_a_user_record_that_is_not_an_object_is_a_plain_refusal(server, body):
    """A null users/me used to raise AttributeError from whoami; now a sentence for the user."""
    backend = _backend(server)
    server.fail_next(
        "GET", r"^/api/v2/users/me\.json$", 200, body, {"Content-Type": "application/json"}
    )
    with pytest.raises((PermanentError, AuthenticationError)) as info:
        backend.whoami()
    assert info.value.code in ("bad_answer", "signin_refused")
    assert "Traceback" not in str(info.value)


def test_a_single_byte_sent_as_octet_stream_is_not_read_as_a_number(backend, server):
    """requests decoded b"\\xf0" (octet-stream) as the JSON number 0; Zendesk only sends JSON."""
    backend.whoami()
    server.fail_next(
        "GET", "^/api/v2/requests", 200, b"\xf0", {"Content-Type": "application/octet-stream"}
    )
    with pytest.raises(
        PermanentError, match=r"^not_data \(content_type=application/octet-stream\)$"
    ):
        backend.list_mine()


def test_a_list_where_a_request_belongs_is_a_plain_refusal(backend, server):
    backend.whoami()
    server.fail_next(
        "GET",
        r"^/api/v2/requests/\d+\.json$",
        200,
        b'{"request": [1]}',
        {"Content-Type": "application/json"},
    )
    with pytest.raises(PermanentError, match=r"^bad_answer: "):
        backend.get("7")
