"""``helpline submit``, ``list`` and ``show``: a request filed from a script, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import one_sentence, run, run_json, script

IDENTITY = (
    "--name",
    "Zoë Ünal",
    "--email",
    "zoe@example.org",
    "--customer-id",
    "C-42",
    "--organization",
    "Example Corp",
)


def test_submit_then_list_and_show_see_everything(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "crash.log"
    log.write_bytes(b"Traceback: boom\n" * 10)
    notes = tmp_path / "steps.txt"
    notes.write_text("1. open\n2. print\n", "utf-8")
    result = run_json(
        helpline_env,
        "submit",
        "--summary",
        "Printer jams on every page 🖨️",
        "--description",
        "The printer pulls two sheets and stops with a jam light.",
        "--category",
        "printer",
        "--doing",
        "Printing invoices",
        "--error-text",
        "E-204 jam",
        "--expected",
        "Invoices printed",
        "--where",
        "HP 4th floor",
        "--since",
        "Tuesday",
        "--impact",
        "medium",
        "--urgency",
        "high",
        "--answer",
        "printer_name=PRN-4F",
        *IDENTITY,
        "--attach",
        str(log),
        "--attach",
        str(notes),
        "--no-screenshot",
    )
    assert set(result) == {"id", "status", "queued", "client_ref"}
    assert result["queued"] is False and result["status"] == "new" and result["id"]

    (listed,) = run_json(helpline_env, "list")
    assert listed["id"] == result["id"] and listed["client_ref"] == result["client_ref"]
    assert listed["subject"] == "Printer jams on every page 🖨️"
    assert (listed["status"], listed["category"], listed["priority"]) == ("new", "printer", "high")

    shown = run_json(helpline_env, "show", result["id"])
    assert shown["ticket"]["id"] == result["id"]
    (message,) = shown["messages"]
    for text in (
        "The printer pulls two sheets",
        "Printing invoices",
        "    E-204 jam",
        "Invoices printed",
        "HP 4th floor",
        "Tuesday",
        "Which printer (name or location)?\nPRN-4F",
        "Category: Printer or scanner",
        "Impact: My team",
        "Urgency: I cannot work at all",
        "Priority: high",
        "Zoë Ünal <zoe@example.org>",
        "Customer or membership ID: C-42",
        "Organisation or domain: Example Corp",
        result["client_ref"],
    ):
        assert text in message["body"], text
    files = {a["filename"]: a for a in message["attachments"]}
    assert files["crash.log"]["size"] == 160 and files["steps.txt"]["size"] == 17
    assert not any(a["kind"] == "screenshot" for a in files.values())
    assert [a["kind"] for a in files.values()].count("system-info") == 2

    human = run(helpline_env, "show", result["id"])
    assert human.returncode == 0
    assert f"#{result['id']}  Printer jams on every page" in human.stdout
    assert "crash.log" in human.stdout and "160 bytes" in human.stdout
    table = run(helpline_env, "list")
    header, row = table.stdout.splitlines()[:2]
    assert header.split() == ["ID", "SUMMARY", "STATUS", "UPDATED"]
    assert row.startswith(f"#{result['id']}") and " new " in row
    assert header.index("STATUS") == row.index("new")  # columns line up


def test_human_output_and_identity_is_remembered(helpline_env: dict[str, str]) -> None:
    first = run(
        helpline_env,
        "submit",
        "--summary",
        "VPN drops",
        "--description",
        "Every hour",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Your request was filed as #1")
    assert "kept on this computer" in first.stdout
    # No identity flags: last time's identity is used, as the wizard would prefill it.
    second = run_json(
        helpline_env,
        "submit",
        "--summary",
        "Again",
        "--description",
        "Still",
        "--no-screenshot",
        "--no-system-info",
    )
    shown = run_json(helpline_env, "show", second["id"])
    assert "Zoë Ünal <zoe@example.org>" in shown["messages"][0]["body"]


def test_no_tickets_yet(helpline_env: dict[str, str]) -> None:
    proc = run(helpline_env, "list")
    assert (proc.returncode, proc.stdout.strip()) == (0, "You have no requests yet.")
    assert run_json(helpline_env, "list") == []


def test_show_unknown_request(helpline_env: dict[str, str]) -> None:
    proc = run(helpline_env, "show", "99")
    assert proc.returncode == 1
    assert one_sentence(proc.stderr) == "helpline: The helpdesk has no request 99."


def test_missing_required_field(helpline_env: dict[str, str]) -> None:
    proc = run(
        helpline_env,
        "--set",
        'requester.required=["name", "email", "customer_id"]',
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        "--name",
        "Ann",
        "--email",
        "ann@example.org",
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2 and proc.stdout == ""
    line = one_sentence(proc.stderr)
    assert "customer or membership id" in line and "--customer-id" in line
    assert run_json(helpline_env, "list") == []  # nothing was filed
    assert run_json(helpline_env, "outbox") == []


def test_required_category_question(helpline_env: dict[str, str], tmp_path: Path) -> None:
    conf = tmp_path / "c.toml"
    conf.write_text(
        '[[categories]]\nid = "printer"\nlabel = "Printer"\n'
        'questions = [{ id = "room", label = "Which room?", required = true }]\n',
        "utf-8",
    )
    base = (
        "--config",
        str(conf),
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    proc = run(helpline_env, *base)
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert '"Which room?"' in line and "--answer room=TEXT" in line
    proc = run(helpline_env, *base, "--answer", "colour=red")
    assert proc.returncode == 2 and "its questions: room" in one_sentence(proc.stderr)
    result = run_json(helpline_env, *base, "--answer", "room=B 2.14")
    body = run_json(helpline_env, "show", result["id"])["messages"][0]["body"]
    assert "Which room?\nB 2.14" in body


def test_invalid_email(helpline_env: dict[str, str]) -> None:
    proc = run(
        helpline_env,
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        "--name",
        "Ann",
        "--email",
        "ann-at-example",
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert "does not look like an email address" in line and "--email" in line


def test_unknown_and_not_handled_categories(helpline_env: dict[str, str], tmp_path: Path) -> None:
    proc = run(
        helpline_env,
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        "--category",
        "coffee",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2 and "computer, account" in one_sentence(proc.stderr)
    conf = tmp_path / "c.toml"
    conf.write_text(
        '[[categories]]\nid = "building"\nlabel = "Building"\n'
        'not_handled = "Facilities looks after the building"\n'
        'not_handled_link = "https://facilities.example.org"\n',
        "utf-8",
    )
    proc = run(
        helpline_env,
        "--config",
        str(conf),
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert "Facilities looks after the building" in line and "facilities.example.org" in line


def test_attach_a_missing_file(helpline_env: dict[str, str], tmp_path: Path) -> None:
    proc = run(
        helpline_env,
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        *IDENTITY,
        "--attach",
        str(tmp_path / "nope.log"),
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert "There is no file" in line and "nope.log" in line and "--attach" in line
    assert run_json(helpline_env, "outbox") == []


def test_attach_a_directory(helpline_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    proc = run(
        helpline_env,
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        *IDENTITY,
        "--attach",
        str(folder),
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2
    assert "logs is a folder" in one_sentence(proc.stderr)


def test_attachments_over_the_limit(helpline_env: dict[str, str], tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 200_000)
    proc = run(
        helpline_env,
        "--set",
        "attachments.max_size_mb=0.1",
        "submit",
        "--summary",
        "x",
        "--description",
        "y",
        *IDENTITY,
        "--attach",
        str(big),
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert "more than the" in line and "big.bin" in line


def test_a_failed_delivery_stays_queued(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    store = isolated_dirs["data"] / "helpline" / "local-tickets.sqlite3"
    store.mkdir(parents=True)  # the local store cannot be opened
    result = run_json(
        helpline_env,
        "submit",
        "--summary",
        "Kept safe",
        "--description",
        "y",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    assert result["queued"] is True and result["id"] is None and result["status"] == "failed"
    human = run(
        helpline_env,
        "submit",
        "--summary",
        "Also kept",
        "--description",
        "y",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    assert human.returncode == 0
    assert "safe in the outbox but was not sent yet" in human.stdout
    assert "helpline outbox retry" in human.stdout
    waiting = run_json(helpline_env, "outbox")
    assert [i["summary"] for i in waiting] == ["Kept safe", "Also kept"]
    assert all(i["state"] == "failed" for i in waiting)

    store.rmdir()  # the disk is fine again
    retry = run(helpline_env, "outbox", "retry")
    assert retry.returncode == 0, retry.stderr
    assert [t["subject"] for t in run_json(helpline_env, "list")] == ["Also kept", "Kept safe"]


def test_system_info_unless_left_out(helpline_env: dict[str, str]) -> None:
    with_info = run_json(
        helpline_env, "submit", "--summary", "a", "--description", "b", *IDENTITY, "--no-screenshot"
    )
    without = run_json(
        helpline_env,
        "submit",
        "--summary",
        "a",
        "--description",
        "b",
        *IDENTITY,
        "--no-screenshot",
        "--no-system-info",
    )
    kinds = [
        [a["kind"] for a in run_json(helpline_env, "show", r["id"])["messages"][0]["attachments"]]
        for r in (with_info, without)
    ]
    assert kinds == [["system-info", "system-info"], []]
    text = next(
        a
        for a in run_json(helpline_env, "show", with_info["id"])["messages"][0]["attachments"]
        if a["filename"] == "system-info.json"
    )
    assert json.loads(Path(text["path"]).read_text("utf-8"))["sections"]


def test_no_display_means_no_screenshot(helpline_env: dict[str, str]) -> None:
    env = {**helpline_env, "QT_QPA_PLATFORM": "offscreen"}
    proc = run(
        env,
        "submit",
        "--summary",
        "a",
        "--description",
        "b",
        *IDENTITY,
        "--no-system-info",
        "--json",
    )
    assert proc.returncode == 0
    assert "no display is available, so no screenshot was attached" in proc.stderr
    assert json.loads(proc.stdout)["queued"] is False


@pytest.mark.parametrize(
    "args",
    [
        ["submit", "--summary", "a", "--description", "b", *IDENTITY, "--no-screenshot"],
        ["list"],
        ["outbox"],
        ["config", "show"],
    ],
)
def test_these_commands_never_import_qt(helpline_env: dict[str, str], args: list[str]) -> None:
    proc = script(
        helpline_env,
        f"""
import sys
from app.cli import main
code = main({args!r})
assert code == 0, code
print(sorted(m for m in sys.modules if m.split(".")[0] == "PySide6" or m.startswith("app.ui")))
""",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_a_status_nobody_has_says_so_not_no_requests_yet(helpline_env: dict[str, str]) -> None:
    filed = run(
        helpline_env,
        "submit",
        "--summary",
        "Printer jams",
        "--description",
        "Tray 2 jams on every page.",
        "--name",
        "Ann",
        "--email",
        "ann@example.org",
        "--no-screenshot",
        "--no-system-info",
    )
    assert filed.returncode == 0, filed.stderr
    proc = run(helpline_env, "list", "--status", "open")
    assert (proc.returncode, proc.stdout.strip()) == (0, "You have no open requests.")
