"""``helpline submit`` takes the wizard's path: scrubbed text and a receipt that verifies."""

from __future__ import annotations

import json
import platform
import zipfile
from pathlib import Path

import pytest

from app.collectors.bundle import verify_bundle
from tests.cli.helpers import run, run_json

MASK = "•" * 8
PASSWORD = "hunter2-correct-horse"
AWS_ID = "AKIAIOSFODNN7EXAMPLE"  # AWS's documented example key, not a real one


def test_submit_masks_secrets_and_keeps_a_receipt(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    # IT's own pattern, matched by the OS name: proves the system report is scanned too.
    os_name = platform.system()
    result = run_json(
        helpline_env,
        "--set",
        f'privacy.patterns=["{os_name}"]',
        "submit",
        "--summary",
        "Cannot reach the database",
        "--description",
        f"I connected with password={PASSWORD} and it failed.",
        "--error-text",
        f"AccessDenied for key {AWS_ID}",
        "--name",
        "Ada",
        "--email",
        "ada@example.org",
        "--no-screenshot",
    )
    assert result["queued"] is False and result["id"]

    shown = run_json(helpline_env, "show", result["id"])
    (message,) = shown["messages"]
    body = message["body"]
    assert PASSWORD not in body and AWS_ID not in body
    assert f"password={MASK}" in body and f"AccessDenied for key AKIA{MASK}" in body
    assert "Ada <ada@example.org>" in body  # the requester's own details are never masked
    info = {a["filename"] for a in message["attachments"] if a["kind"] == "system-info"}
    assert info == {"system-info.txt", "system-info.json"}

    receipt = isolated_dirs["data"] / "helpline" / "receipts" / f"{result['client_ref']}.zip"
    manifest = verify_bundle(receipt)  # raises if any part differs from its hash
    names = {f.name for f in manifest.files}
    assert {
        "description.txt",
        "attachments/system-info.txt",
        "attachments/system-info.json",
    } <= names
    with zipfile.ZipFile(receipt) as archive:
        kept = archive.read("description.txt").decode("utf-8")
        report = archive.read("attachments/system-info.txt").decode("utf-8")
        json.loads(archive.read("attachments/system-info.json"))  # masking kept it JSON
    assert kept == body  # the receipt holds the bytes the helpdesk got
    assert PASSWORD not in kept and AWS_ID not in kept
    assert os_name not in report and MASK in report


def test_submit_without_system_info_still_masks(helpline_env: dict[str, str]) -> None:
    proc = run(
        helpline_env,
        "submit",
        "--summary",
        "Token leaked?",
        "--description",
        f"Bearer {AWS_ID}",
        "--name",
        "Ada",
        "--email",
        "ada@example.org",
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 0, proc.stderr
    (listed,) = run_json(helpline_env, "list")
    (message,) = run_json(helpline_env, "show", listed["id"])["messages"]
    assert AWS_ID not in message["body"] and MASK in message["body"]
    assert message["attachments"] == []


def test_submit_to_a_helpdesk_without_files_says_where_they_are(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from app import cli
    from app.backends.local import LocalBackend
    from app.core.attachments import kept_files_line
    from app.core.helpdesk import Capabilities

    monkeypatch.setattr(
        LocalBackend,
        "capabilities",
        lambda self: Capabilities(attachments=False, limits_note="No files."),
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("steps\n", "utf-8")
    assert (
        cli.main(
            [
                "submit",
                "--summary",
                "Slow",
                "--description",
                "Very slow.",
                "--name",
                "Ada",
                "--email",
                "ada@example.org",
                "--attach",
                str(notes),
                "--no-screenshot",
                "--no-system-info",
            ]
        )
        == cli.OK
    )
    out = capsys.readouterr().out
    assert "Your request was filed as" in out
    assert kept_files_line(["notes.txt"]) in out.splitlines()
    assert cli.main(["show", "1", "--json"]) == cli.OK
    (message,) = json.loads(capsys.readouterr().out)["messages"]
    assert message["attachments"] == [] and kept_files_line(["notes.txt"]) in message["body"]
