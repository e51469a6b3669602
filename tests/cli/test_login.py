"""``helpline login`` / ``logout`` against the http protocol's reference server on 127.0.0.1.

The commands run in this process (``app.cli.main``) so the in-memory keyring
from tests/backends/test_credentials.py stands in for the OS password store,
and the reference server (tests/backends/helpline_http_server.py) answers
``GET /v1/me`` with the requester a bearer token belongs to.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli
from app.backends import credentials
from app.core.config import load
from tests.backends.helpline_http_server import HelplineServer
from tests.backends.test_credentials import MemoryKeyring
from tests.backends.test_credentials import memory_keyring as memory_keyring  # fixture
from tests.backends.test_credentials import no_keyring as no_keyring  # fixture

ALICE = {"name": "Alice Example", "email": "alice@corp.example"}
#: A value that must never turn up in a file, a log line or the terminal.
KNOWN = "tok-KNOWN-3f9c2e71d4b8a6"


@pytest.fixture
def server() -> Iterator[HelplineServer]:
    srv = HelplineServer({"tok-alice": ALICE, KNOWN: ALICE}).start()
    yield srv
    srv.stop()


def http_args(server: HelplineServer) -> list[str]:
    return ["--set", "backend.type=http", "--set", f"backend.url={server.url}"]


def login(monkeypatch: pytest.MonkeyPatch, args: list[str], typed: str | None) -> int:
    """Run ``helpline … login``; ``typed`` is piped in (None: stdin is a closed pipe)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("" if typed is None else typed + "\n"))
    return cli.main([*args, "login", *(["--stdin"] if typed is not None else [])])


def test_login_checks_the_token_stores_it_and_says_who(server, memory_keyring, monkeypatch, capsys):
    code = login(monkeypatch, http_args(server), "tok-alice")
    out, err = capsys.readouterr()
    assert code == cli.OK, err
    assert f"Signed in to {server.url} as Alice Example" in out
    assert memory_keyring.entries == {(f"helpline:http:{server.url}", "default"): "tok-alice"}
    assert [e.template for e in server.exchanges] == ["/v1/me"]
    assert "tok-alice" not in out + err


def test_a_wrong_token_is_not_stored(server, memory_keyring, monkeypatch, capsys):
    code = login(monkeypatch, http_args(server), "tok-wrong-guess")
    out, err = capsys.readouterr()
    assert code == cli.USAGE
    assert "The helpdesk did not accept your sign-in" in err and "Nothing was stored" in err
    assert memory_keyring.entries == {}
    assert "tok-wrong-guess" not in out + err


def test_a_stored_sign_in_is_used_by_the_next_command(server, memory_keyring, monkeypatch, capsys):
    assert login(monkeypatch, http_args(server), "tok-alice") == cli.OK
    assert cli.main([*http_args(server), "list", "--json"]) == cli.OK
    assert json.loads(capsys.readouterr().out.splitlines()[-1] or "[]") == []


def test_login_refuses_a_pipe_without_stdin_flag(server, memory_keyring, monkeypatch, capsys):
    code = login(monkeypatch, http_args(server), None)
    assert code == cli.USAGE
    assert "--stdin" in capsys.readouterr().err
    assert memory_keyring.entries == {} and server.exchanges == []


def test_login_at_a_terminal_asks_without_echo(server, memory_keyring, monkeypatch, capsys):
    prompts: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def no_echo(prompt: str = "") -> str:
        prompts.append(prompt)
        return "tok-alice"

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", no_echo)
    assert cli.main([*http_args(server), "login"]) == cli.OK
    assert prompts == [f"Token for {server.url}: "]
    assert "tok-alice" not in capsys.readouterr().out


def test_logout_forgets_and_says_so(server, memory_keyring, monkeypatch, capsys):
    login(monkeypatch, http_args(server), "tok-alice")
    capsys.readouterr()
    assert cli.main([*http_args(server), "logout"]) == cli.OK
    assert "no longer keeps a sign-in" in capsys.readouterr().out
    assert memory_keyring.entries == {}
    assert cli.main([*http_args(server), "logout"]) == cli.OK
    assert "There was no sign-in" in capsys.readouterr().out


def test_local_needs_no_sign_in(memory_keyring, monkeypatch, capsys):
    assert login(monkeypatch, [], "anything") == cli.OK
    assert "nothing to sign in to" in capsys.readouterr().out
    assert memory_keyring.entries == {}


def test_email_stores_the_mail_server_password(memory_keyring, monkeypatch, capsys):
    args = [
        "--set",
        "backend.type=email",
        "--set",
        "backend.smtp_host=mail.example.org",
        "--set",
        "backend.username=alice",
    ]
    assert login(monkeypatch, args, "mail-password") == cli.OK
    assert "mail server's password" in capsys.readouterr().out
    assert memory_keyring.entries == {("helpline:email:mail.example.org", "alice"): "mail-password"}


def test_username_flag_names_the_account_and_the_config_key(
    server, memory_keyring, monkeypatch, capsys
):
    monkeypatch.setattr("sys.stdin", io.StringIO("tok-alice\n"))
    assert cli.main([*http_args(server), "login", "--stdin", "--username", "alice"]) == cli.OK
    assert (f"helpline:http:{server.url}", "alice") in memory_keyring.entries
    assert 'backend.username = "alice"' in capsys.readouterr().out

    monkeypatch.setattr("sys.stdin", io.StringIO("tok-alice\n"))
    configured = [*http_args(server), "--set", "backend.username=alice"]
    assert cli.main([*configured, "login", "--stdin", "--username", "alice"]) == cli.OK
    assert "backend.username" not in capsys.readouterr().out  # the config already says so


def test_without_a_keyring_login_says_how_to_proceed(server, no_keyring, monkeypatch, capsys):
    code = login(monkeypatch, http_args(server), "tok-alice")
    err = capsys.readouterr().err
    assert code == cli.FAILED
    assert "No password store (keyring)" in err and "backend.token_env" in err
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("source", ["keyring", "env"])
def test_a_full_run_leaves_the_token_nowhere(
    source,
    server,
    memory_keyring: MemoryKeyring,
    monkeypatch,
    capsys,
    caplog,
    isolated_dirs,
    tmp_path: Path,
):
    """Sign in, file a request (one failed attempt, then sent), list, sign out: then look."""
    caplog.set_level(logging.DEBUG)
    args = http_args(server)
    if source == "keyring":
        assert login(monkeypatch, args, KNOWN) == cli.OK
    else:
        monkeypatch.setenv("HELPLINE_TEST_TOKEN", KNOWN)
        args += ["--set", "backend.token_env=HELPLINE_TEST_TOKEN"]
    terminal = [capsys.readouterr()]
    attached = tmp_path / "notes.txt"
    attached.write_text("steps to reproduce\n", "utf-8")
    # submit first asks whether files may go (a GET, tried 4 times: it falls back to "yes"),
    # then the first attempt fails and is recorded.
    server.forced = [(503, {"Retry-After": "1"})] * 5
    submit = [
        *args,
        "submit",
        "--summary",
        "VPN drops",
        "--description",
        "Every ten minutes.",
        "--name",
        ALICE["name"],
        "--email",
        ALICE["email"],
        "--attach",
        str(attached),
        "--no-screenshot",
        "--json",
    ]
    assert cli.main(submit) == cli.OK
    terminal.append(capsys.readouterr())
    assert not server.tickets and json.loads(terminal[-1].out)["queued"] is True
    assert cli.main([*args, "outbox", "retry"]) == cli.OK
    assert cli.main([*args, "list"]) == cli.OK
    assert cli.main([*args, "show", next(iter(server.tickets))]) == cli.OK
    assert cli.main([*args, "config", "show"]) == cli.OK
    logging.getLogger("app.test").error("about to sign out with %s", KNOWN)  # masked, too
    if source == "keyring":
        assert cli.main([*args, "logout"]) == cli.OK
    terminal.append(capsys.readouterr())
    out, err = "".join(t.out for t in terminal), "".join(t.err for t in terminal)

    assert server.tickets, "the request never reached the helpdesk"
    written = [
        p for d in ("config", "data", "cache") for p in isolated_dirs[d].rglob("*") if p.is_file()
    ]
    assert written, "the run wrote nothing to scan"
    for path in written:
        assert KNOWN.encode() not in path.read_bytes(), f"the token is in {path}"
    assert KNOWN not in out and KNOWN not in err
    assert caplog.records and KNOWN not in caplog.text
    sent = b"".join(data for _n, _t, data, _i in server.files.values())
    assert KNOWN.encode() not in sent, "the token was sent inside an attachment"
    assert KNOWN not in json.dumps([server.tickets, server.messages], default=str)
    left = credentials.resolve(load(flags=dict(a.split("=", 1) for a in args[1::2]), env={}))
    assert left.source == ("none" if source == "keyring" else "env:HELPLINE_TEST_TOKEN")


def test_without_an_address_login_asks_for_the_configuration(memory_keyring, monkeypatch, capsys):
    code = login(monkeypatch, ["--set", "backend.type=gitlab"], "tok-anything")
    assert code == cli.USAGE
    assert "No helpdesk address is set (backend.url)" in capsys.readouterr().err
    assert memory_keyring.entries == {}
