"""The email adapter against a real SMTP server (aiosmtpd) on 127.0.0.1.

Follows backends.md §3.13 (SMTP submission) and real-servers.md Part C: the
server runs in this process on a free port, keeps every message it accepts,
and the tests read those bytes back with the stdlib's own mail parser.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.backends import create_backend
from app.backends.smtp import REFERENCE_HEADER, SmtpBackend, message_id
from app.core import config as config_mod
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    PermanentError,
    TemporaryError,
    Unsupported,
)
from app.core.model import Attachment, NewTicket, Priority, Requester, Status
from app.core.outbox import Outbox, State
from tests.backends.contract import BackendContract

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")

USER, PASSWORD = "alice", "s3cret"
SUPPORT = "support@helpdesk.example"


@dataclass
class Sink:
    """An SMTP handler that keeps what it accepts and can refuse recipients."""

    envelopes: list[Any] = field(default_factory=list)
    refuse_rcpt: str = ""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    # handled=False: aiosmtpd itself answers 535 to a refused login
    return aiosmtpd_smtp.AuthResult(success=ok, handled=False)


class _Controller(aiosmtpd_controller.Controller):  # type: ignore[name-defined]
    """aiosmtpd on port 0: learn the port the OS picked before the ready check uses it."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def _start(sink: Sink, **kwargs: Any) -> Any:
    controller = _Controller(
        sink, hostname="127.0.0.1", port=0, authenticator=_authenticator, **kwargs
    )
    controller.start()
    return controller


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    controller = _start(handler, auth_require_tls=False)
    yield handler, controller.port
    controller.stop()


def _backend(port: int, tmp_path: Path, **kwargs: Any) -> SmtpBackend:
    options: dict[str, Any] = {
        "port": port,
        "security": "none",
        "username": USER,
        "password": PASSWORD,
        "from_address": "helpline@corp.example",
        "timeout": 5.0,
        "record_root": tmp_path / "record",
    }
    options.update(kwargs)
    return SmtpBackend("127.0.0.1", SUPPORT, **options)


def _ticket(tmp_path: Path, ref: str = "7f3c2a10-0000-4000-8000-000000000001") -> NewTicket:
    png = tmp_path / "screen.png"
    png.write_bytes(bytes(range(256)) * 40 + b"\r\n\x00end")
    log = tmp_path / "app log.txt"
    log.write_bytes(b"line one\r\nline two\nno newline at end")
    return NewTicket(
        subject="Printer on floor 3 jams",
        body="It jams on every page.\nSince Monday.",
        requester=Requester(name="Alice Example", email="alice@corp.example"),
        client_ref=ref,
        category="printer",
        priority=Priority.HIGH,
        attachments=(Attachment.from_path(png, kind="screenshot"), Attachment.from_path(log)),
    )


def _parsed(envelope: Any) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def test_create_sends_one_mime_mail_with_reference_and_exact_attachments(sink, tmp_path):
    handler, port = sink
    ticket = _ticket(tmp_path)
    _backend(port, tmp_path).create(ticket)

    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.mail_from == "helpline@corp.example"
    assert envelope.rcpt_tos == [SUPPORT]
    mail = _parsed(envelope)
    assert mail["To"] == SUPPORT
    assert mail["From"] == "Alice Example <helpline@corp.example>"
    assert mail["Reply-To"] == "Alice Example <alice@corp.example>"
    assert mail["Subject"] == "Printer on floor 3 jams"
    assert mail[REFERENCE_HEADER] == ticket.client_ref
    assert mail["Message-ID"] == message_id(ticket.client_ref, "helpline@corp.example")
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")  # the wire has CRLF line ends
    assert "It jams on every page.\nSince Monday." in text
    assert f"Helpline reference: {ticket.client_ref}" in text
    parts = {p.get_filename(): p for p in mail.iter_attachments()}
    assert set(parts) == {"screen.png", "app log.txt"}
    for att in ticket.attachments:
        assert parts[att.filename].get_content_type() == att.content_type
        assert parts[att.filename].get_payload(decode=True) == Path(att.path or "").read_bytes()


def test_non_ascii_text_and_line_breaks_stay_inside_their_headers(sink, tmp_path):
    handler, port = sink
    photo = tmp_path / "Störung.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)))
    ticket = NewTicket(
        subject="Drucker läuft nicht\nBcc: victim@example.org",
        body="Grüße aus dem 3. Stock — 打印机",
        client_ref=str(uuid.uuid4()),
        requester=Requester(name="Zoë Ünal", email="zoe@corp.example"),
        attachments=(Attachment.from_path(photo),),
    )
    _backend(port, tmp_path).create(ticket)
    mail = _parsed(handler.envelopes[0])
    assert mail["Subject"] == "Drucker läuft nicht Bcc: victim@example.org"
    assert mail["Bcc"] is None and handler.envelopes[0].rcpt_tos == [SUPPORT]
    assert mail["Reply-To"] == "Zoë Ünal <zoe@corp.example>"
    body = mail.get_body(("plain",))
    assert body is not None and "Grüße aus dem 3. Stock — 打印机" in body.get_content()
    [part] = mail.iter_attachments()
    assert part.get_filename() == "Störung.jpg"
    assert part.get_payload(decode=True) == photo.read_bytes()


def test_sent_request_is_kept_locally_and_never_mailed_twice(sink, tmp_path):
    handler, port = sink
    backend = _backend(port, tmp_path)
    ticket = _ticket(tmp_path)
    created = backend.create(ticket)

    assert created.display_ref == f"mail-{ticket.client_ref[:8]}"
    assert created.status is Status.NEW and created.client_ref == ticket.client_ref
    assert [t.id for t in backend.list_mine()] == [created.id]
    assert backend.get(created.id).subject == ticket.subject
    found = backend.find_by_client_ref(ticket.client_ref)
    assert found is not None and found.id == created.id
    [message] = backend.messages(created.id)
    assert message.body == ticket.body and message.from_requester
    copy = backend.download(message.attachments[0], tmp_path / "out")
    assert copy.read_bytes() == Path(ticket.attachments[0].path or "").read_bytes()

    again = backend.create(ticket)  # a retry after the outbox lost track
    assert again.id == created.id
    assert len(handler.envelopes) == 1


def test_outbox_delivers_through_email_and_skips_a_request_already_sent(sink, tmp_path):
    handler, port = sink
    backend = _backend(port, tmp_path)
    outbox = Outbox(tmp_path / "outbox")
    ticket = _ticket(tmp_path)
    backend.create(ticket)  # mailed, then the app died before the outbox recorded it
    outbox.add_ticket(ticket)
    item = outbox.deliver(ticket.client_ref, backend)
    assert item is not None and item.state is State.SENT
    assert item.ticket_ref == f"mail-{ticket.client_ref[:8]}"
    assert len(handler.envelopes) == 1


def test_wrong_password_is_an_authentication_error_and_nothing_is_recorded(sink, tmp_path):
    handler, port = sink
    backend = _backend(port, tmp_path, password="wrong")
    ticket = _ticket(tmp_path)
    with pytest.raises(AuthenticationError):
        backend.create(ticket)
    assert handler.envelopes == []
    assert backend.find_by_client_ref(ticket.client_ref) is None


def test_connection_refused_is_temporary(tmp_path):
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TemporaryError):
        _backend(port, tmp_path).create(_ticket(tmp_path))


def test_refused_recipient_is_permanent(sink, tmp_path):
    handler, port = sink
    handler.refuse_rcpt = "550 5.1.1 No such mailbox"
    with pytest.raises(PermanentError, match=r"^recipient_refused$"):
        _backend(port, tmp_path).create(_ticket(tmp_path))


def test_message_over_the_servers_size_limit_is_refused_before_sending(tmp_path):
    handler = Sink()
    controller = _start(handler, auth_require_tls=False, data_size_limit=4096)
    try:
        with pytest.raises(PermanentError, match=r"^too_big \(limit=\d+, size=\d+\)$"):
            _backend(controller.port, tmp_path).create(_ticket(tmp_path))
    finally:
        controller.stop()
    assert handler.envelopes == []


def test_password_is_not_sent_unencrypted_to_a_remote_server(tmp_path):
    backend = SmtpBackend(
        "smtp.corp.example",
        SUPPORT,
        security="none",
        username=USER,
        password=PASSWORD,
        record_root=tmp_path,
    )
    with pytest.raises(PermanentError, match=r"^insecure_mail_password$"):
        backend._check_auth_allowed()


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def test_starttls_with_the_configured_ca_bundle(certificate, tmp_path):
    import ssl

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Sink()
    controller = _start(handler, tls_context=context, require_starttls=True)
    try:
        trusted = _backend(controller.port, tmp_path, security="starttls", ca_bundle=str(cert))
        trusted.create(_ticket(tmp_path))
        assert len(handler.envelopes) == 1
        untrusted = _backend(controller.port, tmp_path / "other", security="starttls")
        with pytest.raises(PermanentError, match=r"^certificate \(server=mail\)$"):
            untrusted.create(_ticket(tmp_path, ref="7f3c2a10-0000-4000-8000-000000000002"))
    finally:
        controller.stop()
    assert len(handler.envelopes) == 1


def test_implicit_tls_on_the_submissions_port(certificate, tmp_path):
    import ssl

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Sink()
    # aiosmtpd does not count implicit TLS as TLS for its AUTH rule; the wire is encrypted.
    controller = _start(handler, ssl_context=context, auth_require_tls=False)
    try:
        _backend(controller.port, tmp_path, security="ssl", ca_bundle=str(cert)).create(
            _ticket(tmp_path)
        )
    finally:
        controller.stop()
    assert len(handler.envelopes) == 1
    assert _parsed(handler.envelopes[0])["Subject"] == "Printer on floor 3 jams"


def test_capabilities_and_unsupported_actions_say_the_same_sentence(tmp_path):
    backend = _backend(1, tmp_path)
    caps = backend.capabilities()
    assert caps.create and caps.attachments
    assert not (caps.list_mine or caps.read_thread or caps.reply or caps.resolve or caps.reopen)
    assert (caps.limits_code, caps.limits_note) == ("email", "")
    for action in (
        lambda: backend.reply("1", "hi"),
        lambda: backend.set_resolved("1"),
        lambda: backend.reopen("1", "again"),
    ):
        with pytest.raises(Unsupported) as info:
            action()
        assert info.value.code == "email_only"


def test_selected_from_config_with_the_password_from_the_environment(sink, tmp_path, monkeypatch):
    handler, port = sink
    monkeypatch.setenv("HELPLINE_TEST_SMTP_PASSWORD", PASSWORD)
    cfg = config_mod.load(
        flags={
            "backend.type": "email",
            "backend.smtp_host": "127.0.0.1",
            "backend.smtp_port": port,
            "backend.smtp_security": "none",
            "backend.to_address": SUPPORT,
            "backend.username": USER,
            "backend.password_env": "HELPLINE_TEST_SMTP_PASSWORD",
        },
        env=dict(os.environ),
    )
    backend = create_backend(cfg)
    assert isinstance(backend, SmtpBackend)
    created = backend.create(_ticket(tmp_path))
    assert created.ref.startswith("mail-")
    mail = _parsed(handler.envelopes[0])
    assert mail["From"] == "Alice Example <alice@corp.example>"  # no from_address: requester's


class TestEmailContract(BackendContract):
    """The shared contract where it applies: mail goes one way, so the thread is what was sent.

    Replying, resolving and reopening are checked to refuse with the one sentence the
    UI shows; support's side cannot be played, so that test skips.
    """

    @pytest.fixture
    def backend(self, sink: tuple[Sink, int], tmp_path: Path) -> Backend:
        return _backend(sink[1], tmp_path)

    def test_reply_with_attachment(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        with pytest.raises(Unsupported, match=r"^email_only$"):
            backend.reply(created.id, "Any news?")
        assert len(backend.messages(created.id)) == 1

    def test_resolve_then_reopen(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        with pytest.raises(Unsupported):
            backend.set_resolved(created.id)
        with pytest.raises(Unsupported):
            backend.reopen(created.id, "It came back.")
        assert backend.get(created.id).status is Status.NEW
