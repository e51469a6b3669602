"""The http adapter against the protocol's reference server on 127.0.0.1.

The protocol is docs/openapi/helpline-backend.yaml. Every response the
server gives in any test here is checked against that document when the
test ends (status declared, JSON body valid, required headers present), and
so is every JSON request part the adapter sends: the spec, the server and
the adapter cannot drift apart without a failing test.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from app.backends import create_backend
from app.backends.helpline_http import HelplineHttpBackend
from app.core import config as config_mod
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    RateLimited,
    TemporaryError,
)
from app.core.model import Attachment, NewTicket, Priority, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.contract import BackendContract
from tests.backends.helpline_http_server import Exchange, HelplineServer

SPEC_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi" / "helpline-backend.yaml"
ALICE = {"name": "Alice Example", "email": "alice@corp.example"}
BOB = {"name": "Bob Other", "email": "bob@corp.example"}
TOKENS = {"tok-alice": ALICE, "tok-bob": BOB}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a ``$ref`` to components/responses (schemas are left to jsonschema)."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _check(spec: dict[str, Any], instance: Any, ref: str) -> None:
    registry: Registry = Registry().with_resource(
        "urn:helpline-spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    validator = jsonschema.Draft202012Validator(
        {"$ref": "urn:helpline-spec" + ref},
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(instance)


def check_exchange(spec: dict[str, Any], ex: Exchange) -> None:
    """One response (and its JSON request parts) against the OpenAPI document."""
    assert ex.template, f"{ex.method} answered {ex.status} on a path the spec does not have"
    operation = spec["paths"][ex.template][ex.method.lower()]
    key = str(ex.status) if str(ex.status) in operation["responses"] else "default"
    assert key in operation["responses"], f"{ex.method} {ex.template} -> {ex.status} undeclared"
    response = _resolve(spec, operation["responses"][key])
    for name, header in (response.get("headers") or {}).items():
        if header.get("required"):
            assert name in ex.headers, f"{ex.method} {ex.template} {ex.status} lacks {name}"
    content = response.get("content") or {}
    ctype = ex.headers.get("Content-Type", "").split(";")[0]
    if not ex.body:
        assert not content, f"{ex.method} {ex.template} {ex.status} should have a body"
        return
    assert ctype in content, f"{ex.method} {ex.template} {ex.status}: {ctype} undeclared"
    if ctype == "application/json":
        import json

        ref = _pointer("paths", ex.template, ex.method.lower(), "responses", key)
        if "$ref" in operation["responses"][key]:
            ref = operation["responses"][key]["$ref"]
        _check(spec, json.loads(ex.body), ref + "/content/application~1json/schema")
    body = operation.get("requestBody", {}).get("content", {})
    for name, value in ex.request_json.items():
        base = _pointer("paths", ex.template, ex.method.lower(), "requestBody", "content")
        if "multipart/form-data" in body:
            _check(spec, value, base + "/multipart~1form-data/schema/properties/" + name)
        else:
            _check(spec, value, base + "/application~1json/schema")


@pytest.fixture
def server(spec: dict[str, Any]) -> Iterator[HelplineServer]:
    srv = HelplineServer(TOKENS).start()
    yield srv
    srv.stop()
    assert srv.exchanges, "the test never reached the server"
    for exchange in srv.exchanges:
        check_exchange(spec, exchange)


@pytest.fixture
def backend(server: HelplineServer) -> Iterator[HelplineHttpBackend]:
    adapter = HelplineHttpBackend(server.url, "tok-alice")
    yield adapter
    adapter.close()


def _ticket(folder: Path, ref: str | None = None) -> NewTicket:
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "screen.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200_000) + b"\r\n--not-a-boundary\r\n")
    info = folder / "system info.json"
    info.write_text('{"os": "Debian 12"}\n')
    return NewTicket(
        subject="VPN drops every ten minutes",
        body="Since the update on Monday.",
        requester=Requester(**ALICE),
        client_ref=ref or str(uuid.uuid4()),
        category="network",
        priority=Priority.HIGH,
        fields={"impact": "medium"},
        attachments=(Attachment.from_path(shot, kind="screenshot"), Attachment.from_path(info)),
    )


def test_the_document_is_valid_openapi(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)


def test_create_streams_the_files_with_a_length_and_the_idempotency_key(backend, server, tmp_path):
    wanted = _ticket(tmp_path)
    created = backend.create(wanted)

    assert created.display_ref.startswith("HL-") and created.status is Status.NEW
    assert created.client_ref == wanted.client_ref and created.priority is Priority.HIGH
    post = next(e for e in server.exchanges if e.method == "POST")
    assert post.status == 201
    assert post.request_headers["Idempotency-Key"] == wanted.client_ref
    assert int(post.request_headers["Content-Length"]) > 200_000
    assert "Transfer-Encoding" not in post.request_headers
    assert post.request_json["ticket"]["fields"] == {"impact": "medium"}
    stored = {name: data for name, _ctype, data, _t in server.files.values()}
    for att in wanted.attachments:
        assert stored[att.filename] == Path(att.path or "").read_bytes()


def test_a_repeated_create_returns_the_first_ticket(backend, server, tmp_path):
    wanted = _ticket(tmp_path)
    first = backend.create(wanted)
    second = backend.create(wanted)
    assert second.id == first.id
    assert [e.status for e in server.exchanges if e.method == "POST"] == [201, 200]
    assert len(server.tickets) == 1


def test_outbox_retry_after_a_lost_answer_finds_the_ticket(backend, server, tmp_path):
    wanted = _ticket(tmp_path)
    outbox = Outbox(tmp_path / "outbox", retry_seconds=0.01)
    outbox.add_ticket(wanted)
    server.drop_answers = 1  # the ticket is made, the answer never arrives
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and first.auto_retry
    assert len(server.tickets) == 1
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert second.ticket_ref.startswith("HL-")
    assert len(server.tickets) == 1
    lookups = [e for e in server.exchanges if e.method == "GET" and e.template == "/v1/tickets"]
    assert len(lookups) == 1 and [e.method for e in server.exchanges] == ["POST", "GET"]


def test_list_uses_etags_and_sees_changes(backend, server, tmp_path):
    created = backend.create(_ticket(tmp_path))
    assert [t.id for t in backend.list_mine()] == [created.id]
    assert [t.id for t in backend.list_mine()] == [created.id]
    lists = [e.status for e in server.exchanges if e.method == "GET"]
    assert lists == [200, 304]
    server.agent_reply(created.id, "Which VPN client do you use?")
    assert backend.list_mine()[0].status is Status.WAITING
    assert backend.list_mine(since=created.updated_at)[0].id == created.id


def test_conversation_reply_resolve_reopen_and_download(backend, server, tmp_path):
    created = backend.create(_ticket(tmp_path / "in"))
    server.agent_reply(created.id, "Please send the client log.")
    log = tmp_path / "in" / "vpn.log"
    log.write_bytes(b"connect\r\ntimeout\x00\xff")
    sent = backend.reply(created.id, "Here it is.", [Attachment.from_path(log)])
    assert sent.from_requester and [a.filename for a in sent.attachments] == ["vpn.log"]
    thread = backend.messages(created.id)
    assert [m.from_requester for m in thread] == [True, False, True]
    assert backend.get(created.id).status is Status.OPEN  # a reply to "waiting" reopens
    assert backend.set_resolved(created.id).status is Status.RESOLVED
    reopened = backend.reopen(created.id, "It happened again.")
    assert reopened.status is Status.OPEN
    assert backend.messages(created.id)[-1].body == "It happened again."
    saved = backend.download(thread[-1].attachments[0], tmp_path / "out")
    assert saved == tmp_path / "out" / "vpn.log"
    assert saved.read_bytes() == log.read_bytes()
    assert not list((tmp_path / "out").glob("*.part"))


def test_wrong_token_is_an_authentication_error_with_the_servers_words(server):
    adapter = HelplineHttpBackend(server.url, "not-a-token")
    with pytest.raises(AuthenticationError, match="token was not accepted"):
        adapter.whoami()
    assert HelplineHttpBackend(server.url, "tok-alice").whoami() == Requester(**ALICE)


def test_rate_limit_carries_the_wait_from_retry_after(backend, server):
    server.forced.append((429, {"Retry-After": "7"}))
    with pytest.raises(RateLimited) as info:
        backend.get("1")
    assert info.value.wait_seconds == 7


def test_someone_elses_ticket_is_not_found(backend, server, tmp_path):
    created = backend.create(_ticket(tmp_path))
    bob = HelplineHttpBackend(server.url, "tok-bob")
    with pytest.raises(NotFound):
        bob.get(created.id)
    assert bob.list_mine() == []
    assert bob.find_by_client_ref(created.client_ref) is None


def test_capabilities_come_from_the_server(backend, server):
    server.capabilities.update(resolve=False, limits_note="Support closes requests itself.")
    caps = backend.capabilities()
    assert not caps.resolve and caps.reply
    assert caps.limits_note == "Support closes requests itself."
    assert caps.max_attachment_bytes == 20 * 1024 * 1024


def test_unreachable_endpoint_is_temporary(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = HelplineHttpBackend(f"http://127.0.0.1:{port}", "tok-alice", retries=0)
    with pytest.raises(TemporaryError):
        adapter.create(_ticket(tmp_path))
    assert adapter.capabilities().create  # defaults while the server cannot be asked


def test_plain_http_is_refused_off_this_computer():
    with pytest.raises(PermanentError, match=r"^address_insecure \(secret=token\)$"):
        HelplineHttpBackend("http://helpdesk.corp.example", "t")
    HelplineHttpBackend("http://helpdesk.corp.example", "t", allow_insecure_http=True)
    HelplineHttpBackend("https://helpdesk.corp.example", "t")


def test_status_map_override_applies_to_raw_status(server, tmp_path):
    adapter = HelplineHttpBackend(server.url, "tok-alice", status_map={"new": "open"})
    created = adapter.create(_ticket(tmp_path))
    assert created.status is Status.OPEN and created.raw_status == "new"


def test_selected_from_config_with_the_token_from_the_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv("HELPLINE_TEST_TOKEN", "tok-alice")
    cfg = config_mod.load(
        flags={
            "backend.type": "http",
            "backend.url": server.url,
            "backend.token_env": "HELPLINE_TEST_TOKEN",
        },
        env=dict(os.environ),
    )
    adapter = create_backend(cfg)
    assert isinstance(adapter, HelplineHttpBackend)
    assert adapter.whoami().email == ALICE["email"]
    assert "tok-alice" not in repr(adapter)


class TestHelplineHttpContract(BackendContract):
    """The shared contract, against the reference server."""

    @pytest.fixture
    def backend(self, server: HelplineServer) -> Iterator[Backend]:
        self.server = server
        adapter = HelplineHttpBackend(server.url, "tok-alice")
        yield adapter
        adapter.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_reply(ticket_id, text)
        return True
