"""Strange input through ``helpline submit`` in a real subprocess, to the http reference server.

Each refusal is one sentence on stderr with exit code 2 and no traceback;
each accepted request is checked on the server, where it really arrived.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.backends.helpline_http_server import HelplineServer
from tests.cli.helpers import one_sentence, run, run_json
from tests.reliability.conftest import TOKEN, uploads

pytestmark = pytest.mark.slow


@pytest.fixture
def env(
    helpline: HelplineServer, helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> dict[str, str]:
    config = isolated_dirs["config"] / "helpline" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[backend]\ntype = "http"\nurl = "{helpline.url}"\ntoken_env = "HELPLINE_INPUTS_TOKEN"\n',
        "utf-8",
    )
    return {**helpline_env, "HELPLINE_INPUTS_TOKEN": TOKEN}


def submit(
    env: dict[str, str],
    *args: str,
    summary: str = "Outlook closes",
    description: str = "When I open the calendar.",
    email: str = "ann@example.org",
):
    return run(
        env,
        "submit",
        "--summary",
        summary,
        "--description",
        description,
        "--name",
        "Ann Example",
        "--email",
        email,
        "--no-screenshot",
        "--no-system-info",
        *args,
    )


def refused(proc) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    return one_sentence(proc.stderr)


def test_blank_summary_and_invalid_email_are_refused(env, helpline):
    assert refused(submit(env, summary=" \t ")) == (
        "helpline: Please give a one-line summary of the problem with --summary."
    )
    assert "does not look like an email address" in refused(submit(env, email="ann@example"))
    assert not uploads(helpline)


def test_long_emoji_rtl_and_control_characters(env, helpline):
    description = "x" * 100_000  # one argv string may hold 128 KiB on Linux
    result = run_json(
        env,
        "submit",
        "--summary",
        "VPN 🔒 لا يعمل\x1b[0m",
        "--description",
        description,
        "--error-text",
        "Код 0x80070005 ✖",
        "--name",
        "Ann",
        "--email",
        "ann@example.org",
        "--no-screenshot",
        "--no-system-info",
    )
    ticket = helpline.tickets[result["id"]]
    assert ticket["subject"] == "VPN 🔒 لا يعمل[0m"
    body = helpline.messages[result["id"]][0]["body"]
    assert description in body and "    Код 0x80070005 ✖" in body


def test_attachments_that_cannot_go(env, helpline, tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    assert refused(submit(env, "--attach", str(folder))) == (
        "helpline: logs is a folder. Please attach the files in it, or a zip of it."
    )
    assert refused(submit(env, "--attach", str(tmp_path / "gone.txt"))) == (
        f"helpline: There is no file {tmp_path / 'gone.txt'}; please check the name given to "
        "--attach."
    )
    huge = tmp_path / "memory.dmp"
    with huge.open("wb") as handle:
        handle.truncate(2 * 10**9)
    assert refused(submit(env, "--attach", str(huge))) == (
        "helpline: The attachments add up to 2.0 GB, more than the 25.0 MB the helpdesk "
        "accepts. Please leave out memory.dmp (2.0 GB) or attach a smaller file."
    )
    assert not uploads(helpline)  # not one byte of a file went out
    assert run_json(env, "outbox") == []


def test_symlink_and_duplicate_names(env, helpline, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "log.txt").write_text("first\n")
    (tmp_path / "b" / "real.txt").write_text("second\n")
    (tmp_path / "b" / "log.txt").symlink_to(tmp_path / "b" / "real.txt")
    proc = submit(
        env,
        "--attach",
        str(tmp_path / "a" / "log.txt"),
        "--attach",
        str(tmp_path / "b" / "log.txt"),
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    (message,) = helpline.messages["1"]
    assert [(a["filename"], a["size"]) for a in message["attachments"]] == [
        ("log.txt", 6),
        ("log (2).txt", 7),
    ]
