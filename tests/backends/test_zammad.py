"""The Zammad adapter against a real HTTP server on 127.0.0.1 speaking ``/api/v1``.

The server (tests/backends/fake_zammad.py) answers in the shapes of the Zammad API docs
(https://docs.zammad.org/en/latest/api/intro.html and the ticket pages); each test cites
the page it follows.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.zammad import ZammadBackend, _Base64Json
from app.core import config as config_mod
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    PermanentError,
    PermissionDenied,
    RateLimited,
)
from app.core.model import Attachment, NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.contract import BackendContract
from tests.backends.fake_zammad import FakeZammad
from tests.backends.fixtures import attach_file

USER, PASSWORD = "casey@example.org", "correct horse"
TOKEN = "zammad-pat-9f8e7d"


@pytest.fixture
def server() -> Iterator[FakeZammad]:
    srv = FakeZammad(
        {USER: PASSWORD, "other@example.org": "pw"},
        tokens={TOKEN: USER},
        ref_attribute="helpline_ref",
    )
    with srv:  # serves on 127.0.0.1 until the test ends
        yield srv


def _backend(server: FakeZammad, **kwargs: object) -> ZammadBackend:
    options: dict[str, object] = {
        "username": USER,
        "password": PASSWORD,
        "group": "Support",
        "config": {"backend.timeout_seconds": 5},
    }
    options.update(kwargs)
    return ZammadBackend(server.url, **options)  # type: ignore[arg-type]


@pytest.fixture
def backend(server: FakeZammad) -> Iterator[ZammadBackend]:
    b = _backend(server)
    yield b
    b.close()


def _ticket(*files: Attachment) -> NewTicket:
    return NewTicket(
        subject="Printer jams on tray 2",
        body="Jams on every duplex job.",
        requester=Requester(name="Casey", email=USER),
        client_ref=str(uuid.uuid4()),
        attachments=files,
    )


def test_create_sends_base64_attachments_byte_exact_with_a_length(backend, server, tmp_path):
    """Create with article attachments: https://docs.zammad.org/en/latest/api/ticket/index.html#create
    and https://docs.zammad.org/en/latest/api/ticket/articles.html#create
    """
    sizes = [0, 1, 2, 3, 49_151, 49_152, 49_153, 150_001]  # around the 48 KiB block and padding
    files = [attach_file(tmp_path, f"f{n}-Ä.bin", os.urandom(n)) for n in sizes]
    created = backend.create(_ticket(*files))
    call = server.writes("/api/v1/tickets")[0]
    assert call.headers["content-length"] == str(len(call.body))
    sent = json.loads(call.body)
    assert sent["title"] == "Printer jams on tray 2" and sent["group"] == "Support"
    article = sent["article"]
    assert (article["type"], article["internal"], article["content_type"]) == (
        "web",
        False,
        "text/plain",
    )
    for att, original in zip(article["attachments"], files, strict=True):
        assert att["filename"] == original.filename
        assert att["mime-type"] == original.content_type
        assert base64.b64decode(att["data"], validate=True) == Path(str(original.path)).read_bytes()
    first = backend.messages(created.id)[0]
    assert [a.filename for a in first.attachments] == [f.filename for f in files]
    saved = backend.download(first.attachments[-1], tmp_path / "out")
    assert (
        hashlib.sha256(saved.read_bytes()).digest()
        == hashlib.sha256(Path(str(files[-1].path)).read_bytes()).digest()
    )


def test_a_large_file_is_encoded_as_it_is_sent(tmp_path):
    """Base64 in JSON (https://docs.zammad.org/en/latest/api/ticket/articles.html#create) without
    holding the file: peak memory stays far below its size.
    """
    big = tmp_path / "big.bin"
    with open(big, "wb") as out:
        for _ in range(24):
            out.write(os.urandom(1024 * 1024))
    body = _Base64Json({"data": _Base64Json.slot(0)}, [str(big)])
    digest = hashlib.sha256()
    tracemalloc.start()
    try:
        while block := body.read(64 * 1024):
            digest.update(block)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    expected = b'{"data": "' + base64.b64encode(big.read_bytes()) + b'"}'
    assert len(body) == len(expected)
    assert digest.digest() == hashlib.sha256(expected).digest()
    assert peak < 4 * 1024 * 1024


def test_status_mapping_defaults_and_overrides(backend, server):
    """States: https://docs.zammad.org/en/latest/api/ticket/states.html"""
    created = backend.create(_ticket())
    expected = {
        "new": Status.NEW,
        "open": Status.OPEN,
        "pending reminder": Status.WAITING,
        "pending close": Status.WAITING,
        "closed": Status.CLOSED,
        "merged": Status.CLOSED,
    }
    for raw, common in expected.items():
        server.set_state(created.id, raw)
        got = backend.get(created.id)
        assert (got.status, got.raw_status) == (common, raw)
    tuned = _backend(server, status_map={"pending reminder": "open", "closed": "resolved"})
    server.set_state(created.id, "pending reminder")
    assert tuned.get(created.id).status is Status.OPEN
    server.set_state(created.id, "closed")
    assert tuned.get(created.id).status is Status.RESOLVED


def test_customer_closes_then_reopens_with_an_article(backend, server):
    """Customers may set open or closed: https://docs.zammad.org/en/latest/api/ticket/index.html#update"""
    created = backend.create(_ticket())
    closed = backend.set_resolved(created.id)
    assert (closed.status, closed.raw_status) == (Status.CLOSED, "closed")
    reopened = backend.reopen(created.id, "It jammed again.")
    assert reopened.raw_status == "open" and reopened.is_open
    update = server.writes(f"/api/v1/tickets/{created.id}")[-1]
    assert json.loads(update.body)["article"]["body"] == "It jammed again."
    assert backend.messages(created.id)[-1].body == "It jammed again."


def test_internal_articles_never_show_and_senders_are_told_apart(backend, server):
    """``internal`` and ``created_by_id``: https://docs.zammad.org/en/latest/api/ticket/articles.html"""
    created = backend.create(_ticket())
    server.agent_article(created.id, "Internal: replace the roller", internal=True)
    server.agent_article(created.id, "Which model is it?", state="pending reminder")
    server.leak_internal = True  # even if the server hands them out, they are dropped
    thread = backend.messages(created.id)
    assert [(m.from_requester, m.body) for m in thread][1:] == [(False, "Which model is it?")]
    assert backend.get(created.id).status is Status.WAITING


def test_html_articles_show_as_text_with_entities_decoded(backend, server):
    """Agents write HTML articles (``content_type: text/html``,
    https://docs.zammad.org/en/latest/api/ticket/articles.html); before issue 16 the
    entities were shown as written."""
    created = backend.create(_ticket())
    server.agent_article(
        created.id,
        "<div>Tom &amp; Jerry&nbsp;say:</div><div>1 &lt; 2 &#8211; &quot;ok&quot;</div>",
        content_type="text/html",
    )
    assert backend.messages(created.id)[-1].body == 'Tom & Jerry say:\n1 < 2 – "ok"'


def test_token_and_password_sign_in(server):
    """``Authorization: Token token=…`` and Basic: https://docs.zammad.org/en/latest/api/intro.html#authentication"""
    by_token = _backend(server, username="", password="", token=TOKEN)
    assert by_token.whoami().email == USER
    assert server.log[-1].headers["authorization"] == f"Token token={TOKEN}"
    assert TOKEN not in repr(by_token)
    with pytest.raises(AuthenticationError):
        _backend(server, password="wrong").whoami()


def test_agent_account_needs_shared_credentials_allowed(server):
    """Roles from ``/users/me``: https://docs.zammad.org/en/latest/api/user.html"""
    server.passwords["agent@support.example"] = "agentpw"
    agent = _backend(server, username="agent@support.example", password="agentpw")
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        agent.list_mine()
    allowed = _backend(
        server, username="agent@support.example", password="agentpw", allow_shared_credentials=True
    )
    assert allowed.list_mine() == []


def test_rate_limit_from_a_proxy_gives_the_wait(backend, server):
    """Zammad itself sends no rate limits (reference §3.6); a proxy in front may:
    https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
    """
    server.fail_next(
        "GET", "^/api/v1/users/me$", 429, b"", {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}
    )
    with pytest.raises(RateLimited) as info:
        backend.whoami()
    assert info.value.wait_seconds == 3600  # a date decades away: the cap, http.MAX_RETRY_WAIT


@pytest.mark.parametrize(
    "ctype,body,error",
    [
        ("text/html", b"<html><body><h1>502 Bad Gateway</h1>", PermanentError),
        ("application/json", b'[{"id": 1, "title": "Pri', PermanentError),
    ],
    ids=["html", "truncated"],
)
def test_malformed_answers_are_typed_errors(backend, server, ctype, body, error):
    """JSON answers: https://docs.zammad.org/en/latest/api/intro.html"""
    backend.whoami()
    server.fail_next("GET", "^/api/v1/tickets$", 200, body, {"Content-Type": ctype})
    with pytest.raises(error):
        backend.list_mine()


@pytest.mark.parametrize("use_field", [False, True], ids=["footer", "custom-attribute"])
def test_outbox_retry_after_a_lost_answer_does_not_duplicate(server, tmp_path, use_field):
    """No idempotency (reference §2.3); search then the newest articles:
    https://docs.zammad.org/en/latest/api/ticket/index.html#search
    """
    backend = _backend(server, client_ref_field="helpline_ref" if use_field else "")
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.01)
    wanted = _ticket(attach_file(tmp_path, "a.txt", b"a"))
    outbox.add_ticket(wanted)
    server.lose_next_answer("POST", "^/api/v1/tickets$")
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and first.auto_retry
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert [str(t) for t in server.tickets] == [second.ticket_id]
    assert len(server.writes("/api/v1/tickets")) == 1
    if use_field:
        assert server.tickets[int(second.ticket_id)]["helpline_ref"] == wanted.client_ref


def test_lost_create_is_found_when_search_misses_or_fails(backend, server, monkeypatch):
    """Search can be off or lagging; the newest own tickets are read instead:
    https://docs.zammad.org/en/latest/api/ticket/index.html#list
    """
    wanted = _ticket()
    created = backend.create(wanted)
    monkeypatch.setattr(server, "_search", lambda u, c: (200, {"tickets": [], "tickets_count": 0}))
    found = backend.find_by_client_ref(wanted.client_ref)
    assert found is not None and found.id == created.id
    server.fail_next("GET", "/tickets/search$", 500, {"error": "Elasticsearch unreachable"})
    found = backend.find_by_client_ref(wanted.client_ref)
    assert found is not None and found.id == created.id
    assert backend.find_by_client_ref(str(uuid.uuid4())) is None


def test_selected_from_config_with_the_password_from_the_environment(server, monkeypatch):
    """Basic auth: https://docs.zammad.org/en/latest/api/intro.html#authentication"""
    monkeypatch.setenv("HELPLINE_TEST_ZAMMAD_PASSWORD", PASSWORD)
    cfg = config_mod.load(
        flags={
            "backend.type": "zammad",
            "backend.url": server.url,
            "backend.username": USER,
            "backend.password_env": "HELPLINE_TEST_ZAMMAD_PASSWORD",
            "backend.group": "Support",
        },
        env=dict(os.environ),
    )
    backend = create_backend(cfg)
    assert isinstance(backend, ZammadBackend)
    assert backend.create(_ticket()).category == "Support"
    assert PASSWORD not in repr(backend)


class TestZammadContract(BackendContract):
    """The shared contract against the fake Zammad, as a customer.

    A customer may set only ``open`` or ``closed``; sites where a closed ticket can be
    reopened by its customer map ``closed`` to resolved, as here, so "resolve" reads right.
    Docs: https://docs.zammad.org/en/latest/api/ticket/index.html
    """

    @pytest.fixture
    def backend(self, server: FakeZammad) -> Iterator[Backend]:
        self.server = server
        b = _backend(server, status_map={"closed": "resolved"})
        yield b
        b.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_article(ticket_id, text)
        return True


@pytest.mark.parametrize(
    "body",
    [b"null", b'[""]', b"[]", b'"casey"'],
    ids=["null", "list-of-text", "empty-list", "text"],
)
def test_a_user_record_that_is_not_an_object_is_a_plain_refusal(server, body):
    """dict(null) raised TypeError and dict([""]) ValueError from whoami."""
    backend = _backend(server)
    server.fail_next("GET", "^/api/v1/users/me$", 200, body, {"Content-Type": "application/json"})
    with pytest.raises(PermanentError, match=r"^bad_answer: your user record: "):
        backend.whoami()
    backend.close()


def test_a_ticket_list_that_is_an_object_is_a_plain_refusal(backend, server):
    """A list of tickets of {"Accept": null} raised AttributeError in _all_mine."""
    backend.whoami()
    server.fail_next(
        "GET", "^/api/v1/tickets$", 200, b'{"Accept": null}', {"Content-Type": "application/json"}
    )
    with pytest.raises(PermanentError, match="the list of tickets"):
        backend.list_mine()
    server.fail_next(
        "GET",
        "^/api/v1/tickets$",
        200,
        b'[{"Accept": null}, 3]',
        {"Content-Type": "application/json"},
    )
    with pytest.raises(PermanentError, match=r"^bad_answer: "):
        backend.list_mine()


def test_a_created_ticket_without_its_id_is_a_plain_refusal(backend, server):
    """create indexed created["id"]: KeyError on {"Accept": null}."""
    backend.whoami()
    server.fail_next(
        "POST", "^/api/v1/tickets$", 201, b'{"Accept": null}', {"Content-Type": "application/json"}
    )
    with pytest.raises(PermanentError, match="the new ticket without its id"):
        backend.create(_ticket())
