"""When the helpdesk adapter fails in any way, ``submit`` still says the request is safe."""

from __future__ import annotations

import json

import pytest

from app import cli
from app.backends.local import LocalBackend
from app.core.helpdesk import AuthenticationError
from app.core.model import NewTicket, Ticket

ARGS = [
    "submit",
    "--summary",
    "Kept",
    "--description",
    "Safe",
    "--name",
    "Ann",
    "--email",
    "ann@example.org",
    "--no-screenshot",
    "--no-system-info",
    "--json",
]


def outbox(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert cli.main(["outbox", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_an_adapter_bug_leaves_the_request_in_the_outbox(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: LocalBackend, ticket: NewTicket) -> Ticket:
        raise RuntimeError("adapter bug")

    monkeypatch.setattr(LocalBackend, "create", broken)
    assert cli.main(ARGS) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["queued"] is True and result["id"] is None
    assert "sending failed unexpectedly (RuntimeError: adapter bug)" in captured.err
    (item,) = outbox(capsys)
    assert item["client_ref"] == result["client_ref"] and item["state"] == "failed"


def test_a_refused_sign_in_waits_for_the_user(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused(self: LocalBackend, ticket: NewTicket) -> Ticket:
        raise AuthenticationError("401")

    original = LocalBackend.create
    monkeypatch.setattr(LocalBackend, "create", refused)
    assert cli.main(ARGS[:-1]) == 0
    out = capsys.readouterr().out
    assert "safe in the outbox but was not sent yet" in out
    assert "did not accept your sign-in" in out and "helpline outbox retry" in out
    (item,) = outbox(capsys)
    assert item["auto_retry"] is False
    # Not monkeypatch.undo(): that would also undo the isolated XDG dirs.
    monkeypatch.setattr(LocalBackend, "create", original)
    assert cli.main(["outbox", "retry"]) == 0
    assert "Kept: Sent as #1." in capsys.readouterr().out


def test_a_backend_that_cannot_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cannot_start(config: object) -> LocalBackend:
        raise AuthenticationError("no credentials")

    monkeypatch.setattr(
        LocalBackend, "from_config", classmethod(lambda cls, config: cannot_start(config))
    )
    assert cli.main(ARGS) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["queued"] is True
    assert "did not accept your sign-in" in captured.err
    assert cli.main(["outbox", "retry"]) == 1
    assert "nothing could be sent" in capsys.readouterr().err
    assert cli.main(["list"]) == 1
    assert "did not accept your sign-in" in capsys.readouterr().err
