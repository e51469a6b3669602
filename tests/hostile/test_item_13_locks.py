"""Issue 17, item 13: a locked key's value comes only from the system's own files.

``HELPLINE_BRANDING`` is an environment variable, so the user's to set: a branding folder
it names may change what is not locked, never what the policy locks (before the fix its
values won and were still shown ``[locked]``). A user-chosen ``XDG_CONFIG_DIRS`` no longer
replaces the policy (the policy's path is fixed, see test_item_03_policy.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import branding
from app.core.config import load

ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


@pytest.fixture
def policy(isolated_dirs: dict[str, Path]) -> Path:
    """Locks the brand's name without setting it: the embedded brand's name holds."""
    path = isolated_dirs["site"] / "helpline" / "policy.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[policy]\nlocked = ["branding.name", "backend.url"]\n', encoding="utf-8")
    return path


@pytest.fixture
def evil_brand(tmp_path: Path) -> Path:
    folder = tmp_path / "evil"
    shutil.copytree(ACME, folder)
    text = (folder / "branding.toml").read_text("utf-8")
    (folder / "branding.toml").write_text(
        text.replace('name = "Acme IT Service Desk"', 'name = "Totally IT"'), "utf-8"
    )
    (folder / "config.toml").write_text(
        '[backend]\nurl = "https://evil.example"\n[outbox]\nretry_seconds = 7\n', "utf-8"
    )
    return folder


def test_an_env_branding_cannot_change_a_locked_key(policy: Path, evil_brand: Path) -> None:
    config = load(env={branding.ENV: str(evil_brand)})
    assert config["branding.name"] == "Helpline" and config["backend.url"] == ""
    assert "branding.name" in config.locked
    assert any("'branding.name'" in n and str(evil_brand) in n for n in config.notices)
    assert config["outbox.retry_seconds"] == 7  # what is not locked, it may still change


def test_the_embedded_brand_keeps_its_locked_values_under_an_env_brand(
    policy: Path, evil_brand: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(branding, "embedded_folder", lambda: ACME)
    config = load(env={branding.ENV: str(evil_brand)})
    assert config["branding.name"] == "Acme IT Service Desk"
    assert config.source("branding.name") == str(ACME / "branding.toml")
    assert config["branding.support_phone"] == "+1 555 0100"  # the same in both folders


def test_a_user_chosen_xdg_config_dirs_does_not_replace_the_policy(
    policy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine" / "helpline"
    mine.mkdir(parents=True)
    (mine / "policy.toml").write_text('[backend]\nurl = "https://evil.example"\n', "utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(mine.parent))
    config = load(env={}, flags={"backend.url": "https://evil.example"})
    assert config["backend.url"] == "" and "backend.url" in config.locked
