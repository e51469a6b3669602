"""Central policy: locked keys hold against every later layer, say so, and show as locked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app import cli
from app.core import branding
from app.core.config import FLAGS, load

ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


@pytest.fixture
def policy(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["site"] / "helpline" / "policy.toml"
    path.parent.mkdir(parents=True)
    shutil.copy(ACME / "policy.toml", path)
    return path


@pytest.fixture
def user(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["config"] / "helpline" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        '[branding]\nname = "Mine"\n[backend]\ntype = "rt"\n'
        "[attachments]\nmax_size_mb = 99\nscreenshot = false\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def brand_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Acme's branding as a branded build embeds it: IT's own file, trusted under locks."""
    monkeypatch.setattr(branding, "embedded_folder", lambda: ACME)
    return {}


def test_locks_hold_against_user_explicit_file_and_flags(
    policy: Path, user: Path, tmp_path: Path, brand_env: dict
) -> None:
    explicit = tmp_path / "explicit.toml"
    explicit.write_text('[backend]\ntype = "github"\n', encoding="utf-8")
    config = load(
        config_file=explicit,
        env=brand_env,
        flags={"branding.name": "Flag", "attachments.max_size_mb": 1},
    )
    assert config["branding.name"] == "Acme IT Service Desk"  # locked at the branding value
    assert config.source("branding.name") == str(ACME / "branding.toml")
    assert config["backend.type"] == "local"
    assert config["attachments.max_size_mb"] == 20.0
    assert config.source("attachments.max_size_mb") == str(policy)
    assert config["attachments.screenshot"] is False  # not locked: the user decides
    for key, source in (
        ("branding.name", str(user)),
        ("branding.name", FLAGS),
        ("backend.type", str(user)),
        ("backend.type", str(explicit)),
        ("attachments.max_size_mb", FLAGS),
    ):
        assert any(
            f"'{key}'" in n and source in n and "cannot be changed" in n for n in config.notices
        ), (key, source, config.notices)


def test_unlocked_policy_values_are_defaults_the_user_may_change(
    policy: Path, isolated_dirs: dict[str, Path]
) -> None:
    policy.write_text("[attachments]\nmax_size_mb = 20\n", encoding="utf-8")
    assert load(env={}).source("attachments.max_size_mb") == str(policy)
    config = load(env={}, flags={"attachments.max_size_mb": 5})
    assert config["attachments.max_size_mb"] == 5.0 and not config.notices


def test_config_show_marks_locked_keys_with_their_source(
    policy: Path, user: Path, brand_env: dict, capsys: pytest.CaptureFixture
) -> None:
    assert cli.main(["config", "show", "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["backend.type"]["locked"] and rows["backend.type"]["source"] == str(
        ACME / "config.toml"
    )
    assert rows["branding.name"]["locked"]
    assert not rows["attachments.screenshot"]["locked"]
    assert cli.main(["--set", "backend.type=rt", "config", "show"]) == 0
    captured = capsys.readouterr()
    line = next(r for r in captured.out.splitlines() if r.startswith("backend.type"))
    assert "[locked]" in line and str(ACME / "config.toml") in line
    assert "'backend.type' is set by your organisation" in captured.err
    assert "command line" in captured.err


def test_policy_cannot_lock_a_secret(policy: Path) -> None:
    policy.write_text('[policy]\nlocked = ["backend.token"]\n', encoding="utf-8")
    with pytest.raises(Exception, match="lockable"):
        load(env={})
