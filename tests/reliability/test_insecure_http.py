"""Plain ``http://`` is refused for every adapter unless the helpdesk is on this computer.

A token or password sent over plain HTTP can be read by anyone on the way,
so each adapter refuses such an address when it is built, before any
connection (the guard below fails the test if one were tried, and keeps
name lookups for the made-up hosts on this machine), unless IT has set
``backend.allow_insecure_http = true``. The email adapter's equivalent,
an unencrypted SMTP connection, is refused the same way off loopback.
"""

from __future__ import annotations

import socket
from typing import Any, ClassVar

import pytest

from app import cli_text
from app.backends import REGISTRY, create_backend
from app.core.config import load
from app.core.helpdesk import BackendError
from tests.reliability.test_fuzz_parsers import EXTRA

ADAPTERS = [name for name in REGISTRY if name not in ("local", "email")]
REMOTE = [
    "http://helpdesk.corp.example",
    "http://10.0.0.7:8080/rt",
    "http://127.0.0.1.nip.io",
    "http://localhost.corp.example",
    "http://0.0.0.0",
]
LOCAL = ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000", "http://127.0.0.2"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any lookup of a host that is not loopback fails the test instead of leaving the machine."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
            raise AssertionError(f"a connection to {host} was attempted")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def build(adapter: str, url: str, insecure: bool = False) -> Any:
    flags = {
        "backend.type": adapter,
        "backend.url": url,
        **EXTRA[adapter],
        "backend.allow_insecure_http": insecure,
    }
    return create_backend(load(flags=flags, env={}))


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_remote_plain_http_is_refused_before_any_connection(adapter: str) -> None:
    for url in REMOTE:
        with pytest.raises(BackendError) as err:
            build(adapter, url)
        assert err.value.code == "address_insecure", (url, err.value)
        message = cli_text.error(err.value)
        assert "http://" in message and "allow_insecure_http" in message, (url, message)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_loopback_https_and_the_explicit_setting_are_allowed(adapter: str) -> None:
    for url in LOCAL:
        build(adapter, url).close()
    build(adapter, "https://helpdesk.corp.example").close()
    build(adapter, "http://helpdesk.corp.example", insecure=True).close()


class _FakeSmtp:
    """Stands in for smtplib.SMTP: records what would have gone over the wire."""

    sent: ClassVar[list[str]] = []

    def __init__(self, host: str, port: int, timeout: float = 0) -> None:
        self.esmtp_features: dict[str, str] = {}
        _FakeSmtp.sent.append(f"connect {host}")

    def __enter__(self) -> _FakeSmtp:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def ehlo(self) -> None:
        pass

    ehlo_or_helo_if_needed = ehlo

    def close(self) -> None:
        pass

    def login(self, user: str, password: str) -> None:
        _FakeSmtp.sent.append(f"login {password}")

    def send_message(self, *args: Any, **kwargs: Any) -> None:
        _FakeSmtp.sent.append("message")


def test_email_password_without_encryption_is_refused_off_this_computer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The SMTP adapter says hello first, but the password never goes out in clear text."""
    from app.core.model import NewTicket, Requester

    monkeypatch.setattr("smtplib.SMTP", _FakeSmtp)
    _FakeSmtp.sent = []
    flags = {
        "backend.type": "email",
        "backend.smtp_host": "mail.corp.example",
        "backend.smtp_security": "none",
        "backend.to_address": "help@corp.example",
        "backend.username": "casey",
        "backend.password": "pw-mail-1234",
    }
    backend = create_backend(load(flags=flags, env={}))
    ticket = NewTicket(
        subject="x", body="y", requester=Requester("A", "a@corp.example"), client_ref="r"
    )
    with pytest.raises(BackendError) as err:
        backend.create(ticket)
    assert err.value.code == "insecure_mail_password"
    assert "without encryption" in cli_text.error(err.value)
    assert _FakeSmtp.sent == ["connect mail.corp.example"]  # no login, no message
