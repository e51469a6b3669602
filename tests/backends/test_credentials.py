"""Where secrets come from, in order, and how the keyring keeps them (app/backends/credentials.py).

An in-memory keyring backend stands in for the OS store (keyring.set_keyring),
so no test ever reads or writes the real password store of the machine.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from app.backends import credentials
from app.core import logsafe
from app.core.config import Config, load
from tests.conftest import ROOT

URL = "https://helpdesk.example.org"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS password store, kept in a dict for one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    credentials.clear_session()
    yield ring
    credentials.clear_session()
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def config_for(**values: Any) -> Config:
    flags = {"backend.type": "http", "backend.url": URL}
    flags.update({f"backend.{k}": v for k, v in values.items()})
    return load(flags=flags, env={})


def test_config_wins_over_env_and_keyring(memory_keyring, monkeypatch):
    monkeypatch.setenv("HL_TOKEN", "from-the-env")
    cfg = config_for(token="from-the-config", token_env="HL_TOKEN")
    credentials.store(cfg, "from-the-keyring", "token")
    secret = credentials.resolve(cfg)
    assert (secret.kind, secret.value, secret.source) == ("token", "from-the-config", "config")


def test_env_comes_next_and_names_its_variable(memory_keyring, monkeypatch):
    monkeypatch.setenv("HL_TOKEN", "from-the-env")
    cfg = config_for(token_env="HL_TOKEN")
    credentials.store(cfg, "from-the-keyring", "token")
    secret = credentials.resolve(cfg)
    assert (secret.value, secret.source) == ("from-the-env", "env:HL_TOKEN")
    monkeypatch.setenv("HL_TOKEN", "")  # set but empty counts as not given
    assert credentials.resolve(cfg).source == "keyring"


def test_keyring_entry_is_per_helpdesk_and_user(memory_keyring):
    cfg = config_for(type="rt", username="alice")
    credentials.store(cfg, "alice-password", "password")
    assert memory_keyring.entries == {(f"helpline:rt:{URL}", "alice"): "alice-password"}
    secret = credentials.resolve(cfg)
    assert (secret.kind, secret.value, secret.source) == ("password", "alice-password", "keyring")
    assert credentials.resolve(config_for(type="rt", username="bob")).source == "none"
    assert (
        credentials.resolve(
            config_for(type="rt", username="alice", url="https://other.example.org")
        ).source
        == "none"
    )


def test_without_a_username_the_account_is_default_and_the_kind_a_token(memory_keyring):
    cfg = config_for(type="rt")
    credentials.store(cfg, "1-14-abcdef", "token")
    assert (f"helpline:rt:{URL}", "default") in memory_keyring.entries
    assert credentials.resolve(cfg).as_kwargs() == {"token": "1-14-abcdef"}


def test_password_in_config_for_an_adapter_that_wants_a_token_only(memory_keyring):
    cfg = config_for(password="not-a-token")
    assert credentials.resolve(cfg, "token").source == "none"
    assert credentials.resolve(cfg).as_kwargs() == {"password": "not-a-token"}


def test_nothing_anywhere_is_source_none(memory_keyring):
    secret = credentials.resolve(config_for())
    assert (secret.value, secret.source, bool(secret), secret.as_kwargs()) == (
        "",
        "none",
        False,
        {},
    )


def test_local_needs_no_sign_in_and_refuses_to_store(memory_keyring):
    cfg = config_for(type="local")
    assert credentials.kind_for(cfg) is None
    assert credentials.resolve(cfg).source == "none"
    with pytest.raises(credentials.CredentialError, match="no sign-in to remember"):
        credentials.store(cfg, "whatever", "token")
    assert memory_keyring.entries == {}


def test_a_kind_resolve_would_not_read_back_is_refused(memory_keyring):
    with pytest.raises(ValueError, match="password"):
        credentials.store(config_for(type="email"), "abcd1234", "token")


def test_forget_removes_the_entry_and_says_whether_there_was_one(memory_keyring):
    cfg = config_for()
    credentials.store(cfg, "tok-secret", "token")
    assert credentials.forget(cfg) is True
    assert memory_keyring.entries == {}
    assert credentials.resolve(cfg).source == "none"
    assert credentials.forget(cfg) is False


def test_session_only_sign_in_is_used_and_forgotten(memory_keyring):
    cfg = config_for()
    credentials.remember_for_session(cfg, "session-token", "token")
    assert memory_keyring.entries == {}
    assert credentials.resolve(cfg).source == "session"
    credentials.forget(cfg)
    assert credentials.resolve(cfg).source == "none"


def test_the_value_never_shows_when_printed():
    secret = credentials.Secret("token", "tok-very-secret", "keyring")
    for text in (repr(secret), str(secret), f"{secret}", repr([secret]), repr({"s": secret})):
        assert "tok-very-secret" not in text and "keyring" in text


def test_resolved_values_are_registered_with_the_log_mask(memory_keyring, monkeypatch):
    monkeypatch.setenv("HL_TOKEN", "registered-by-resolve")
    credentials.resolve(config_for(token_env="HL_TOKEN"))
    assert logsafe.mask("x registered-by-resolve y") == f"x {logsafe.MASK} y"


def test_no_keyring_store_explains_what_to_do(no_keyring):
    cfg = config_for()
    with pytest.raises(credentials.KeyringUnavailable) as caught:
        credentials.store(cfg, "tok-x", "token")
    message = str(caught.value)
    assert "No password store (keyring)" in message
    assert "backend.token_env" in message and "config file" in message
    with pytest.raises(credentials.KeyringUnavailable):
        credentials.forget(cfg)


def test_no_keyring_resolve_is_simply_not_signed_in(no_keyring, monkeypatch):
    assert credentials.resolve(config_for()).source == "none"
    monkeypatch.setenv("HL_TOKEN", "still-works")
    assert credentials.resolve(config_for(token_env="HL_TOKEN")).value == "still-works"


def test_a_keyring_that_fails_to_read_is_not_signed_in(memory_keyring, monkeypatch, caplog):
    def locked(service: str, username: str) -> str:
        raise keyring.errors.KeyringLocked("the collection is locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    assert credentials.resolve(config_for()).source == "none"
    assert "KeyringLocked" in caplog.text


def test_keyring_is_not_imported_until_it_is_needed():
    code = (
        "import sys; from app.core.config import load; from app.backends import credentials;"
        "import app.backends.helpline_http as h;"
        "cfg = load(flags={'backend.type': 'http', 'backend.url': 'https://x.example',"
        " 'backend.token': 'tok-config'}, env={});"
        "h.HelplineHttpBackend.from_config(cfg);"
        "print('keyring' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
