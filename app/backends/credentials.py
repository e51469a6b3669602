"""Where an adapter's secret comes from: config, an environment variable, or the OS keyring.

One order for every adapter, so IT can predict it: ``backend.token`` /
``backend.password`` (IT wrote it there on purpose), then the variables named
by ``backend.token_env`` / ``backend.password_env``, then a sign-in made on this
computer (the keyring, or this session only when the person chose not to be
remembered). Every value found is registered with :mod:`app.core.logsafe`, so
no log line can show it afterwards.

``keyring`` is imported only when it is needed: it is slow to import (it scans
its plugins) and must never delay the wizard's first paint.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from app.core import logsafe

if TYPE_CHECKING:
    from app.core.config import Config
    from app.core.model import Requester

log = logging.getLogger(__name__)

Kind = Literal["token", "password"]
KINDS: tuple[Kind, ...] = ("token", "password")
#: Adapters that sign the person in with their own password (Zendesk's API token is account-wide).
PASSWORD_BACKENDS = frozenset({"email", "zendesk"})
#: Adapters that take a password with a user name, or else a personal token.
EITHER_BACKENDS = frozenset({"rt", "zammad", "redmine", "glpi"})
NO_SIGN_IN = frozenset({"local"})
DEFAULT_USER = "default"
NO_KEYRING = (
    "No password store (keyring) is available on this computer, so Helpline cannot "
    "remember your sign-in here. IT can give the secret through an environment "
    "variable (backend.token_env or backend.password_env) or in the config file "
    "(backend.token or backend.password), or set up a password store such as "
    "GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager."
)

_session: dict[tuple[str, str], tuple[Kind, str]] = {}
_session_lock = threading.Lock()


class CredentialError(Exception):
    """The secret could not be stored or removed. The message is a sentence for the user."""


class KeyringUnavailable(CredentialError):
    """No usable OS password store: keyring found none, or only its "fail" backend."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_KEYRING)
        self.detail = detail


@dataclass(frozen=True, repr=False)
class Secret:
    """A secret and where it came from. Printing it never shows the value."""

    kind: Kind
    value: str
    #: "config", "env:NAME", "keyring", "session" or "none".
    source: str

    def __bool__(self) -> bool:
        return bool(self.value)

    def __repr__(self) -> str:
        shown = logsafe.MASK if self.value else ""
        return f"Secret(kind={self.kind!r}, source={self.source!r}, value={shown!r})"

    __str__ = __repr__

    def as_kwargs(self) -> dict[str, str]:
        """``{"token": …}`` or ``{"password": …}`` for an adapter's constructor; ``{}`` if none."""
        return {self.kind: self.value} if self.value else {}


def kind_for(config: Config) -> Kind | None:
    """Which kind of secret a sign-in on this computer holds; None where none is needed."""
    backend = config["backend.type"]
    if backend in NO_SIGN_IN:
        return None
    if backend in PASSWORD_BACKENDS:
        return "password"
    if backend in EITHER_BACKENDS and config["backend.username"]:
        return "password"
    return "token"


def address(config: Config) -> str:
    """The helpdesk as the person knows it: its URL, or the mail server for ``email``."""
    if config["backend.type"] == "email":
        return str(config["backend.smtp_host"])
    return str(config["backend.url"]).rstrip("/")


def service_name(config: Config) -> str:
    """The keyring entry's service: one per helpdesk, so two helpdesks never share a secret."""
    return f"helpline:{config['backend.type']}:{address(config)}"


def account(config: Config) -> str:
    return str(config["backend.username"] or DEFAULT_USER)


def resolve(config: Config, kind: Kind | None = None) -> Secret:
    """The secret the adapter should use, first found in the documented order.

    ``kind`` limits the search to one kind, for adapters that take only a token
    (or only a password); without it both are looked at, token first.
    """
    kinds = KINDS if kind is None else (kind,)
    for wanted in kinds:
        value = config[f"backend.{wanted}"]
        if value:
            return _found(wanted, str(value), "config")
    for wanted in kinds:
        env_name = config[f"backend.{wanted}_env"]
        if env_name and os.environ.get(env_name):
            return _found(wanted, os.environ[env_name], f"env:{env_name}")
    stored = kind_for(config)
    if stored is None or stored not in kinds:
        return Secret(kinds[0], "", "none")
    key = (service_name(config), account(config))
    with _session_lock:
        held = _session.get(key)
    if held is not None:
        return _found(held[0], held[1], "session")
    value = _keyring_get(*key)
    return _found(stored, value, "keyring") if value else Secret(stored, "", "none")


def _found(kind: Kind, value: str, source: str) -> Secret:
    logsafe.register(value)
    return Secret(kind, value, source)


def store(config: Config, value: str, kind: Kind) -> None:
    """Remember the secret in the OS keyring; :class:`KeyringUnavailable` if there is none."""
    _check_kind(config, kind)
    logsafe.register(value)
    keyring, errors = _keyring()
    try:
        keyring.set_password(service_name(config), account(config), value)
    except errors.NoKeyringError as err:
        raise KeyringUnavailable(type(err).__name__) from None
    except errors.KeyringError as err:
        raise CredentialError(
            "The password store did not accept the sign-in "
            f"({type(err).__name__}); it was not saved."
        ) from None
    forget_session(config)


def remember_for_session(config: Config, value: str, kind: Kind) -> None:
    """Hold the secret in memory until Helpline quits ("Remember on this computer" unticked)."""
    _check_kind(config, kind)
    logsafe.register(value)
    with _session_lock:
        _session[(service_name(config), account(config))] = (kind, value)


def forget_session(config: Config) -> None:
    with _session_lock:
        _session.pop((service_name(config), account(config)), None)


def clear_session() -> None:
    """Drop every session-only sign-in (at quit, and between tests)."""
    with _session_lock:
        _session.clear()


def forget(config: Config) -> bool:
    """Remove the stored sign-in; False if there was none. Also drops a session-only one."""
    forget_session(config)
    keyring, errors = _keyring()
    try:
        keyring.delete_password(service_name(config), account(config))
    except errors.PasswordDeleteError:
        return False
    except errors.NoKeyringError as err:
        raise KeyringUnavailable(type(err).__name__) from None
    except errors.KeyringError as err:
        raise CredentialError(
            f"The password store could not remove the sign-in ({type(err).__name__})."
        ) from None
    return True


def with_sign_in(config: Config, value: str, kind: Kind, username: str | None = None) -> Config:
    """A copy of the config that uses this secret (and user name), for checking it first.

    The copy lives in memory only; nothing writes it to a file.
    """
    values = dict(config.values)
    if username is not None:
        values["backend.username"] = username
    for other in KINDS:
        values[f"backend.{other}"] = value if other == kind else ""
        values[f"backend.{other}_env"] = ""
    return config.replace(values=values, sources=dict(config.sources))


def with_username(config: Config, username: str) -> Config:
    values = dict(config.values, **{"backend.username": username})
    return config.replace(values=values, sources=dict(config.sources))


def verify(config: Config, value: str, kind: Kind, username: str | None = None) -> Requester:
    """Ask the helpdesk who this secret belongs to; raises the adapter's typed errors."""
    from app.backends import create_backend

    logsafe.register(value)
    backend = create_backend(with_sign_in(config, value, kind, username))
    try:
        return backend.whoami()
    finally:
        backend.close()


def sign_in(
    config: Config, value: str, kind: Kind, username: str | None = None, remember: bool = True
) -> tuple[Requester, str]:
    """Check the secret, then keep it: in the keyring, or for this session only.

    Runs on a worker (the helpdesk and the keyring may both be slow). Returns who
    signed in and a note for the person: empty, or why it is kept for this
    session only (no keyring). A wrong secret raises and is never kept.
    """
    requester = verify(config, value, kind, username)
    account_config = config if username is None else with_username(config, username)
    if not remember:
        remember_for_session(account_config, value, kind)
        return requester, ""
    try:
        store(account_config, value, kind)
    except CredentialError as err:
        remember_for_session(account_config, value, kind)
        return requester, f"{err} Until Helpline quits, you stay signed in."
    return requester, ""


def _check_kind(config: Config, kind: Kind) -> None:
    expected = kind_for(config)
    if expected is None:
        raise CredentialError(
            "This helpdesk keeps requests on this computer; there is no sign-in to remember."
        )
    if kind != expected:
        raise ValueError(
            f"{config['backend.type']} with this user name signs in with a {expected}, not a {kind}"
        )


def _keyring() -> tuple[Any, Any]:
    """The keyring module and its errors, imported now; KeyringUnavailable if it has no store."""
    try:
        import keyring
        import keyring.errors
        from keyring.backends import fail
    except ImportError as err:
        raise KeyringUnavailable(str(err)) from None
    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise KeyringUnavailable("fail backend")
    return keyring, keyring.errors


def _keyring_get(service: str, username: str) -> str:
    """The stored secret, or "" when there is none or no store can be asked."""
    try:
        keyring, errors = _keyring()
    except KeyringUnavailable:
        log.debug("no keyring backend; no stored sign-in for %s", service)
        return ""
    try:
        return str(keyring.get_password(service, username) or "")
    except errors.KeyringError as err:  # locked, refused, D-Bus gone: same as not signed in
        log.warning("the password store could not be read (%s)", type(err).__name__)
        return ""
