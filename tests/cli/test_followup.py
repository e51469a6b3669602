"""``helpline reply``, ``resolve``, ``reopen`` and ``list --status``, as a script would use them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import one_sentence, run, run_json, script

IDENTITY = ("--name", "Ada Lovelace", "--email", "ada@example.org")


def _file(env: dict[str, str], summary: str) -> str:
    result = run_json(
        env,
        "submit",
        "--summary",
        summary,
        "--description",
        "It fails.",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    return str(result["id"])


def test_reply_resolve_reopen_and_list_by_status(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    first = _file(helpline_env, "VPN drops every hour")
    second = _file(helpline_env, "Printer jams")
    log = tmp_path / "vpn.log"
    log.write_text("12:00 tunnel down\n")

    replied = run_json(
        helpline_env, "reply", f"#{first}", "--message", "Client 4.2.1", "--attach", str(log)
    )
    assert replied["sent"] is True and replied["id"] == first
    shown = run_json(helpline_env, "show", first)
    last = shown["messages"][-1]
    assert last["body"] == "Client 4.2.1"
    assert [a["filename"] for a in last["attachments"]] == ["vpn.log"]

    resolved = run_json(helpline_env, "resolve", first)
    assert resolved["status"] == "resolved"
    assert [t["id"] for t in run_json(helpline_env, "list", "--status", "resolved")] == [first]
    assert [t["id"] for t in run_json(helpline_env, "list", "--status", "new")] == [second]

    proc = run(helpline_env, "reopen", first, "--message", "It dropped again at 14:00.")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Request #{first} was reopened with your message."
    assert [t["id"] for t in run_json(helpline_env, "list", "--status", "open")] == [first]
    assert (
        run_json(helpline_env, "show", first)["messages"][-1]["body"]
        == "It dropped again at 14:00."
    )

    plain = run(helpline_env, "list", "--status", "open")
    assert "VPN drops every hour" in plain.stdout and "Printer jams" not in plain.stdout


def test_resolving_on_the_local_store_does_not_claim_support_heard(
    helpline_env: dict[str, str],
) -> None:
    """Issue 15: with no helpdesk connected, nobody at support is told."""
    ticket = _file(helpline_env, "Scanner offline")
    proc = run(helpline_env, "resolve", ticket)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        f"Request #{ticket} is now marked as solved (resolved) on this computer. "
        "No helpdesk is connected, so support was not told."
    )
    # "Is it solved?" on the command line: show says how to go on if it is not.
    shown = run(helpline_env, "show", ticket).stdout
    assert shown.rstrip().endswith(
        f"This request is marked solved. Not fixed? Run: helpline reopen #{ticket} "
        "--message 'what still goes wrong'"
    )


def test_a_reply_goes_through_the_outbox(helpline_env: dict[str, str]) -> None:
    ticket = _file(helpline_env, "Outlook crashes")
    run_json(helpline_env, "reply", ticket, "-m", "Also in safe mode")
    check = script(
        helpline_env,
        "from app.core.outbox import Outbox\n"
        "print([(i.kind, i.target, i.state.value) "
        "for i in Outbox().items(include_sent=True)])",
    )
    assert f"('reply', '{ticket}', 'sent')" in check.stdout, check.stderr


def test_mistakes_get_one_clear_sentence(helpline_env: dict[str, str]) -> None:
    ticket = _file(helpline_env, "Keyboard")
    missing = run(helpline_env, "reply", ticket, "-m", "see file", "--attach", "nope.txt")
    assert missing.returncode == 2
    assert one_sentence(missing.stderr) == (
        "helpline: There is no file nope.txt; please check the name given to --attach."
    )
    empty = run(helpline_env, "reply", ticket, "-m", "  ")
    assert empty.returncode == 2 and "--message" in one_sentence(empty.stderr)
    unknown = run(helpline_env, "resolve", "999")
    assert unknown.returncode == 1
    assert one_sentence(unknown.stderr) == "helpline: The helpdesk has no request 999."
    usage = run(helpline_env, "reopen", ticket)
    assert usage.returncode == 2 and "--message" in usage.stderr
