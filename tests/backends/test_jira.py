"""The Jira Service Management adapter against a real HTTP server on 127.0.0.1.

The server (tests/backends/fake_jira.py) answers the customer API in the shapes of
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/; each test
cites the page it follows.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator

import pytest

from app.backends import create_backend
from app.backends.jira import JiraBackend
from app.core import config as config_mod
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    Unsupported,
)
from app.core.model import Attachment, NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.contract import BackendContract
from tests.backends.fake_jira import FakeJira
from tests.backends.fixtures import attach_file
from tests.backends.helpline_http_server import parse_multipart

USER, TOKEN = "casey@example.org", "ATATT3xFfGF0-customer-token"


@pytest.fixture
def server() -> Iterator[FakeJira]:
    srv = FakeJira({USER: TOKEN, "other@example.org": "other-token"})
    with srv:  # serves on 127.0.0.1 until the test ends
        yield srv


def _backend(server: FakeJira, **kwargs: object) -> JiraBackend:
    options: dict[str, object] = {
        "username": USER,
        "token": TOKEN,
        "service_desk_id": "10",
        "request_type_id": "25",
        "config": {"backend.timeout_seconds": 5},
    }
    options.update(kwargs)
    return JiraBackend(server.url, **options)  # type: ignore[arg-type]


@pytest.fixture
def backend(server: FakeJira) -> Iterator[JiraBackend]:
    b = _backend(server)
    yield b
    b.close()


def _ticket(*files: Attachment) -> NewTicket:
    return NewTicket(
        subject="Laptop will not dock",
        body="The dock is not detected.",
        requester=Requester(name="Casey", email=USER),
        client_ref=str(uuid.uuid4()),
        attachments=files,
    )


def test_temporary_attachments_are_streamed_byte_exact_then_attached(backend, server, tmp_path):
    """https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-attachtemporaryfile-post
    and https://developer.atlassian.com/server/jira-servicedesk/rest/v1005/api-group-request-attachment
    """
    blob = os.urandom(200_003)
    log = attach_file(tmp_path, 'dock "usb".log', b"no device\r\n")
    shot = attach_file(tmp_path, "dock.png", blob)
    created = backend.create(_ticket(log, shot))
    upload = next(c for c in server.log if c.path.endswith("/attachTemporaryFile"))
    assert upload.path == "/rest/servicedeskapi/servicedesk/10/attachTemporaryFile"
    assert upload.headers["x-atlassian-token"] == "no-check"
    assert upload.headers["x-experimentalapi"] == "opt-in"
    assert int(upload.headers["content-length"]) == len(upload.body)
    parts = parse_multipart(upload.body, upload.headers["content-type"])
    assert [(p[0], p[1]) for p in parts] == [("file", 'dock "usb".log'), ("file", "dock.png")]
    assert hashlib.sha256(parts[1][3]).digest() == hashlib.sha256(blob).digest()
    assert parts[0][3] == b"no device\r\n"
    attach = server.writes(f"/request/{created.id}/attachment")[0]
    sent = server.json_body(attach)
    assert sent["public"] is True and len(sent["temporaryAttachmentIds"]) == 2
    assert "additionalComment" not in sent
    first = backend.messages(created.id)[0]
    assert [a.filename for a in first.attachments] == ['dock "usb".log', "dock.png"]
    assert backend.download(first.attachments[1], tmp_path / "out").read_bytes() == blob


def test_a_refused_upload_stops_before_the_request_exists(backend, server, tmp_path):
    """Attachments can be switched off per service desk: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-attachtemporaryfile-post"""
    server.fail_next(
        "POST",
        "/attachTemporaryFile$",
        403,
        {"errorMessage": "You do not have permission to attach files."},
    )
    with pytest.raises(PermissionDenied, match="attach files"):
        backend.create(_ticket(attach_file(tmp_path, "a.log", b"a")))
    assert server.requests == {}


def test_create_sends_the_documented_request_shape(backend, server):
    """https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-post"""
    wanted = _ticket()
    created = backend.create(wanted)
    sent = server.json_body(server.writes("/rest/servicedeskapi/request")[0])
    assert sent["serviceDeskId"] == "10" and sent["requestTypeId"] == "25"
    assert sent["requestFieldValues"]["summary"] == wanted.subject
    assert sent["requestFieldValues"]["description"].endswith(
        f"Helpline reference: {wanted.client_ref}\n"
    )
    assert created.id.startswith("SD-") and created.display_ref == created.id
    assert created.status is Status.NEW and created.raw_status == "Waiting for support"
    assert created.web_url.endswith(f"/portal/1/{created.id}")


def test_status_from_name_then_category_with_overrides(backend, server):
    """currentStatus {status, statusCategory}: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get"""
    key = backend.create(_ticket()).id
    expected = {
        "Waiting for support": Status.NEW,
        "In progress": Status.OPEN,
        "Waiting for customer": Status.WAITING,
        "Resolved": Status.RESOLVED,
        "Closed": Status.CLOSED,
    }
    for name, common in expected.items():
        server.set_status(key, name)
        assert (backend.get(key).status, backend.get(key).raw_status) == (common, name)
    server.set_status(key, "Escalated to vendor")  # a site's own name: its category decides
    server.requests[key]["currentStatus"]["statusCategory"] = "INDETERMINATE"
    assert backend.get(key).status is Status.OPEN
    tuned = _backend(server, status_map={"Escalated to vendor": "waiting", "NEW": "open"})
    assert tuned.get(key).status is Status.WAITING
    server.set_status(key, "Waiting for support")
    assert tuned.get(key).status is Status.OPEN


def test_only_public_comments_and_who_wrote_them(backend, server):
    """Customers get public comments only: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-get"""
    key = backend.create(_ticket()).id
    server.agent_comment(key, "Internal: probably firmware", public=False)
    server.agent_comment(key, "Which dock model is it?")
    thread = backend.messages(key)
    assert [(m.from_requester, m.body) for m in thread][1:] == [(False, "Which dock model is it?")]
    query = next(c for c in server.log if c.path.endswith("/comment")).params
    assert (query["public"], query["internal"]) == ("true", "false")
    assert backend.get(key).status is Status.WAITING
    backend.reply(key, "A WD19.")
    assert backend.get(key).status is Status.NEW


def test_without_customer_transitions_resolve_says_so(backend, server):
    """https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-transition-get"""
    server.customer_transitions = False
    key = backend.create(_ticket()).id
    with pytest.raises(Unsupported, match=r"^resolve_not_offered \(helpdesk=Jira\)$"):
        backend.set_resolved(key)
    server.set_status(key, "Resolved")
    with pytest.raises(Unsupported, match=r"^reopen_not_offered \(helpdesk=Jira\)$"):
        backend.reopen(key)
    assert not [c for c in server.log if c.path.endswith("/transition") and c.method == "POST"]
    assert backend.capabilities().limits_code == "jira"


def test_wrong_token_is_an_authentication_error(server):
    """401 for bad Basic credentials: https://developer.atlassian.com/cloud/jira/service-desk/basic-auth-for-rest-apis/"""
    with pytest.raises(AuthenticationError):
        _backend(server, token="wrong").whoami()
    assert TOKEN not in repr(_backend(server))


def test_agent_account_needs_shared_credentials_allowed(server):
    """Licensed users carry applicationRoles: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-myself/#api-rest-api-2-myself-get"""
    server.licensed.add(USER)
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        _backend(server).list_mine()
    assert not [c for c in server.log if "servicedeskapi" in c.path]
    assert _backend(server, allow_shared_credentials=True).list_mine() == []


@pytest.mark.parametrize(
    "headers,wait",
    [
        ({"Retry-After": "12"}, 12.0),
        ({"X-RateLimit-Reset": "2000-01-01T00:00:00Z"}, 0.0),
    ],
    ids=["retry-after", "reset-iso"],
)
def test_rate_limit_gives_the_wait(backend, server, headers, wait):
    """429 with Retry-After or X-RateLimit-Reset: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/"""
    backend.whoami()
    server.fail_next(
        "GET", "/servicedeskapi/request$", 429, {"errorMessage": "Rate limit exceeded."}, headers
    )
    with pytest.raises(RateLimited) as info:
        backend.list_mine()
    assert info.value.wait_seconds == wait


@pytest.mark.parametrize(
    "ctype,body,error",
    [
        ("text/html;charset=UTF-8", b"<!DOCTYPE html><title>Log in - Jira</title>", PermanentError),
        ("application/json", b'{"size": 1, "values": [{"issueKey": "SD-', PermanentError),
    ],
    ids=["html-login-page", "truncated"],
)
def test_malformed_answers_are_typed_errors(backend, server, ctype, body, error):
    """JSON responses per https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/"""
    backend.whoami()
    server.fail_next("GET", "/servicedeskapi/request$", 200, body, {"Content-Type": ctype})
    with pytest.raises(error):
        backend.list_mine()


def test_keys_are_checked_before_any_call(backend, server):
    """Keys like SD-12 or numeric ids: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get"""
    with pytest.raises(NotFound):
        backend.get("../../rest/api/2/myself")
    assert not server.log


@pytest.mark.parametrize("use_field", [False, True], ids=["footer", "custom-field"])
def test_outbox_retry_after_a_lost_answer_does_not_duplicate(server, tmp_path, use_field):
    """No idempotency in JSM (reference §2.3); found in my requests' field values:
    https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-get
    """
    backend = _backend(server, client_ref_field="customfield_10099" if use_field else "")
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.01)
    wanted = _ticket()
    outbox.add_ticket(wanted)
    server.lose_next_answer("POST", "^/rest/servicedeskapi/request$")
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and first.auto_retry
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert list(server.requests) == [second.ticket_id]
    assert len(server.writes("/rest/servicedeskapi/request")) == 1
    if use_field:
        values = server.requests[second.ticket_id]["requestFieldValues"]
        assert {
            "fieldId": "customfield_10099",
            "label": "Customfield_10099",
            "value": wanted.client_ref,
        } in values


def test_selected_from_config_with_the_token_from_the_environment(server, monkeypatch):
    """Email + API token (Basic): https://developer.atlassian.com/cloud/jira/service-desk/basic-auth-for-rest-apis/"""
    monkeypatch.setenv("HELPLINE_TEST_JIRA_TOKEN", TOKEN)
    cfg = config_mod.load(
        flags={
            "backend.type": "jira",
            "backend.url": server.url,
            "backend.username": USER,
            "backend.token_env": "HELPLINE_TEST_JIRA_TOKEN",
            "backend.service_desk_id": "10",
            "backend.request_type_id": "25",
        },
        env=dict(os.environ),
    )
    backend = create_backend(cfg)
    assert isinstance(backend, JiraBackend)
    assert backend.whoami().email == USER
    assert backend.create(_ticket()).id.startswith("SD-")


class TestJiraContract(BackendContract):
    """The shared contract against the fake JSM, as the customer.

    Docs: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/
    """

    @pytest.fixture
    def backend(self, server: FakeJira) -> Iterator[Backend]:
        self.server = server
        b = _backend(server)
        yield b
        b.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_comment(ticket_id, text)
        return True


@pytest.mark.parametrize(
    "body", [b"null", b'[""]', b"[]", b"7"], ids=["null", "list-of-text", "empty-list", "number"]
)
def test_a_user_record_that_is_not_an_object_is_a_plain_refusal(server, body):
    """dict(null) raised TypeError and dict([""]) ValueError from whoami."""
    backend = _backend(server)
    server.fail_next("GET", "^/rest/api/2/myself$", 200, body, {"Content-Type": "application/json"})
    with pytest.raises(PermanentError, match=r"^bad_answer: your user record: "):
        backend.whoami()
    backend.close()


def test_a_request_list_of_the_wrong_shape_is_a_plain_refusal(backend, server):
    backend.whoami()
    server.fail_next(
        "GET",
        "^/rest/servicedeskapi/request$",
        200,
        b'{"values": {"a": 1}}',
        {"Content-Type": "application/json"},
    )
    with pytest.raises(PermanentError, match=r"^bad_answer: a page of results: "):
        backend.list_mine()
    server.fail_next(
        "GET",
        "^/rest/servicedeskapi/request$",
        200,
        b'{"values": [{"summary": "no key"}], "isLastPage": true}',
        {"Content-Type": "application/json"},
    )
    with pytest.raises(PermanentError, match="a request without its issueKey"):
        backend.list_mine()
