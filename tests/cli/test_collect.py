"""``helpline collect``: the diagnostic bundle, written by a real process."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from app.collectors.bundle import verify_bundle
from tests.cli.helpers import one_sentence, run

SECRET = "hunter2-Very-Secret"
TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def _config(tmp_path: Path, log: Path) -> Path:
    config = tmp_path / "helpline.toml"
    config.write_text(
        f"""
[[categories]]
id = "vpn"
label = "VPN"
logs = ["{log.parent}/*.log", "{tmp_path}/missing.log"]

[[categories]]
id = "other"
label = "Something else"
""",
        "utf-8",
    )
    return config


@pytest.fixture
def log(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    path = folder / "vpn.log"
    path.write_text(
        f"connecting to vpn.example.org\nauth password={SECRET}\ngithub token {TOKEN}\nconnected\n",
        "utf-8",
    )
    return path


def test_collect_writes_a_bundle_whose_manifest_matches_and_masks_secrets(
    helpline_env: dict[str, str], tmp_path: Path, log: Path
) -> None:
    output = tmp_path / "bundle.zip"
    proc = run(
        helpline_env,
        "--config",
        str(_config(tmp_path, log)),
        "collect",
        "--output",
        str(output),
        "--category",
        "vpn",
        "--no-screenshot",
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Wrote {output}" in proc.stdout
    assert "logs/vpn.log" in proc.stdout and "system-info.json" in proc.stdout
    assert "2 passwords, keys or tokens found in the text were masked." in proc.stdout
    assert "missing.log" in proc.stderr  # the log that is not there is named, not hidden

    manifest = verify_bundle(output)  # every part's size and hash as listed
    with zipfile.ZipFile(output) as archive:
        names = sorted(archive.namelist())
        listed = json.loads(archive.read("manifest.json"))
        for entry in listed["files"]:
            data = archive.read(entry["name"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data) == entry["size"]
        sent_log = archive.read("logs/vpn.log").decode()
        info = json.loads(archive.read("system-info.json"))
        text = archive.read("system-info.txt").decode()
    assert names == ["logs/vpn.log", "manifest.json", "system-info.json", "system-info.txt"]
    assert [e.name for e in manifest.files] == [
        "system-info.txt",
        "system-info.json",
        "logs/vpn.log",
    ]
    assert SECRET not in sent_log and TOKEN not in sent_log
    assert "auth password=••••••••" in sent_log
    assert "ghp_••••••••" in sent_log
    assert "connecting to vpn.example.org" in sent_log  # the rest is untouched
    assert set(info["sections"]) == {
        "os",
        "machine",
        "user",
        "cpu",
        "memory",
        "disks",
        "network",
        "display",
        "locale",
        "uptime",
        "battery",
        "processes",
        "programs",
    }
    assert text.startswith("System information, collected ")
    assert oct(output.stat().st_mode & 0o777) == "0o600"


def test_collect_follows_the_configured_sections_and_scrubs_the_home_folder(
    helpline_env: dict[str, str], tmp_path: Path, log: Path
) -> None:
    config = _config(tmp_path, log)
    config.write_text(
        config.read_text() + '\n[sysinfo]\nsections = ["os", "user"]\n'
        "[privacy]\nscrub_home = true\n",
        "utf-8",
    )
    log.write_text(f"could not open {tmp_path}/Documents/report.odt\n", "utf-8")
    output = tmp_path / "small.zip"
    env = {**helpline_env, "HOME": str(tmp_path)}
    proc = run(
        env,
        "--config",
        str(config),
        "collect",
        "--output",
        str(output),
        "--no-screenshot",
        "--category",
        "vpn",
    )
    assert proc.returncode == 0, proc.stderr
    verify_bundle(output)
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == [
            "logs/vpn.log",
            "manifest.json",
            "system-info.json",
            "system-info.txt",
        ]
        info = json.loads(archive.read("system-info.json"))
        sent_log = archive.read("logs/vpn.log").decode()
    assert list(info["sections"]) == ["os", "user"]
    assert sent_log == "could not open ~/Documents/report.odt\n"


def test_collect_refuses_an_unknown_category_in_one_sentence(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    proc = run(
        helpline_env,
        "collect",
        "--output",
        str(tmp_path / "x.zip"),
        "--category",
        "nope",
        "--no-screenshot",
    )
    assert proc.returncode == 2
    assert "There is no category 'nope'" in one_sentence(proc.stderr)
    assert not (tmp_path / "x.zip").exists()


def _display_section(output: Path) -> object:
    with zipfile.ZipFile(output) as archive:
        names = [n for n in archive.namelist() if n.endswith("system-info.json")]
        return json.loads(archive.read(names[0]))["sections"]["display"]


def test_collect_records_the_screens_on_a_real_display(
    helpline_env: dict[str, str], tmp_path: Path, xvfb_display: str
) -> None:
    output = tmp_path / "bundle.zip"
    env = {**helpline_env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    proc = run(env, "collect", "--output", str(output), "--no-screenshot")
    assert proc.returncode == 0, proc.stderr
    display = _display_section(output)
    assert isinstance(display, dict) and display["count"] == 1, display
    assert (display["screens"][0]["width"], display["screens"][0]["height"]) == (1280, 800)


def test_collect_without_a_display_records_no_screens_not_an_error(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    output = tmp_path / "bundle.zip"
    proc = run(helpline_env, "collect", "--output", str(output), "--no-screenshot")
    assert proc.returncode == 0, proc.stderr
    assert _display_section(output) == {"count": 0, "screens": []}
