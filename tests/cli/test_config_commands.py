"""``helpline --version``, ``config check`` and ``config show`` through a real process."""

from __future__ import annotations

import json
from pathlib import Path

from app import __version__
from tests.cli.helpers import one_sentence, run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_version(helpline_env: dict[str, str]) -> None:
    proc = run(helpline_env, "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"helpline {__version__}"


def test_config_check_ok(helpline_env: dict[str, str], isolated_dirs: dict[str, Path]) -> None:
    proc = run(helpline_env, "config", "check")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "valid" in proc.stdout and "built-in defaults only" in proc.stdout
    user = write(
        isolated_dirs["config"] / "helpline" / "config.toml", '[branding]\nname = "Example IT"\n'
    )
    proc = run(helpline_env, "config", "check")
    assert proc.returncode == 0 and str(user) in proc.stdout


def test_config_check_bad_file(helpline_env: dict[str, str], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", '[branding]\naccent_color = "blue"\n')
    proc = run(helpline_env, "config", "check", "--config", str(bad))
    assert proc.returncode == 2 and proc.stdout == ""
    line = one_sentence(proc.stderr)
    assert str(bad) in line and "branding.accent_color" in line and "#rrggbb" in line


def test_every_command_refuses_a_bad_config(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.toml", "[branding\n")
    proc = run(helpline_env, "--config", str(bad), "list")
    assert proc.returncode == 2 and str(bad) in one_sentence(proc.stderr)
    assert "valid TOML" in proc.stderr
    user = write(isolated_dirs["config"] / "helpline" / "config.toml", "[outbox]\nretry = 1\n")
    proc = run(helpline_env, "outbox")
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert str(user) in line and "outbox.retry" in line and "retry_seconds" in line
    user.unlink()
    proc = run({**helpline_env, "HELPLINE_CONFIG": str(tmp_path / "missing.toml")}, "list")
    assert proc.returncode == 2 and "missing.toml" in proc.stderr and "not found" in proc.stderr


def test_usage_errors_exit_2(helpline_env: dict[str, str]) -> None:
    assert run(helpline_env, "frobnicate").returncode == 2
    assert run(helpline_env, "submit", "--summary", "x").returncode == 2
    proc = run(helpline_env, "--set", "nonsense", "config", "check")
    assert proc.returncode == 2 and "KEY=VALUE" in proc.stderr


def test_config_show_marks_sources_and_locks(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    policy = write(
        isolated_dirs["site"] / "helpline" / "policy.toml",
        '[branding]\nname = "Example Corp IT"\n[policy]\nlocked = ["branding.name"]\n',
    )
    user = write(
        isolated_dirs["config"] / "helpline" / "config.toml",
        '[branding]\nname = "Mine"\nsupport_phone = "+1 555 0100"\n',
    )
    extra = write(tmp_path / "extra.toml", "[attachments]\nscreenshot = false\n")
    proc = run(
        helpline_env, "--config", str(extra), "--set", "outbox.retry_seconds=5", "config", "show"
    )
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert "[locked]" in rows["branding.name"] and "Example Corp IT" in rows["branding.name"]
    assert rows["branding.name"].rstrip().endswith(str(policy))
    assert rows["branding.support_phone"].rstrip().endswith(str(user))
    assert rows["attachments.screenshot"].rstrip().endswith(str(extra))
    assert "5" in rows["outbox.retry_seconds"] and "command line" in rows["outbox.retry_seconds"]
    assert rows["branding.support_email"].rstrip().endswith("built-in default")
    assert "[locked]" not in rows["branding.support_phone"]
    # The user's attempt to change a locked key is reported, not silently dropped.
    notice = one_sentence(proc.stderr)
    assert "'branding.name'" in notice and str(user) in notice and "ignored" in notice


def test_config_show_json(helpline_env: dict[str, str], isolated_dirs: dict[str, Path]) -> None:
    write(
        isolated_dirs["site"] / "helpline" / "policy.toml",
        '[backend]\ntype = "local"\n[policy]\nlocked = ["backend.type"]\n',
    )
    proc = run(helpline_env, "config", "show", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {row["key"]: row for row in json.loads(proc.stdout)}
    assert rows["backend.type"]["locked"] is True
    assert rows["backend.type"]["source"].endswith("policy.toml")
    assert rows["categories"]["value"][0]["id"] == "computer"
    assert rows["requester.required"] == {
        "key": "requester.required",
        "value": ["name", "email"],
        "source": "built-in default",
        "locked": False,
    }


def test_config_show_never_prints_secrets(helpline_env: dict[str, str], tmp_path: Path) -> None:
    conf = write(
        tmp_path / "rt.toml",
        '[backend]\ntoken = "1-2-s3cretvalue"\npassword = "hunter2"\ntoken_env = "RT_TOKEN"\n',
    )
    for extra in ((), ("--json",)):
        proc = run(helpline_env, "--config", str(conf), "config", "show", *extra)
        assert proc.returncode == 0, proc.stderr
        assert "s3cretvalue" not in proc.stdout and "hunter2" not in proc.stdout
        assert proc.stdout.count("(set, hidden)") == 2
        assert "RT_TOKEN" in proc.stdout


def test_config_check_gives_it_the_helpdesk_notes_for_it(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    rt = write(tmp_path / "rt.toml", '[backend]\ntype = "rt"\nurl = "https://rt.example.org"\n')
    proc = run(helpline_env, "config", "check", "--config", str(rt))
    assert proc.returncode == 0, proc.stderr
    assert "For IT (rt): 'Mark as resolved' needs the ModifyTicket right" in proc.stdout


def test_config_check_says_what_is_wrong_with_the_file_in_a_sentence(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.toml", "[branding]\nname = Acme\n")
    line = one_sentence(run(helpline_env, "config", "check", "--config", str(broken)).stderr)
    assert line.startswith(f"helpline: {broken} is not valid TOML: invalid value (at line 2")
    missing = tmp_path / "missing.toml"
    line = one_sentence(run(helpline_env, "config", "check", "--config", str(missing)).stderr)
    assert line == f"helpline: {missing} was not found."


def test_a_reader_that_stops_early_is_no_error(helpline_env: dict[str, str]) -> None:
    """``helpline config show | head``: the pipe is closed before anything is written."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "config", "show"],
        env=helpline_env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before Python has even started: every write meets a closed pipe
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, "")
