"""Issue 17, item 3: IT's policy is read from its fixed place, whatever XDG_CONFIG_DIRS says.

Ubuntu's GNOME session sets ``XDG_CONFIG_DIRS=/etc/xdg/xdg-ubuntu:/etc/xdg``; the .deb
installs ``/etc/xdg/helpline/policy.toml`` (packaging/deb.py). Before the fix the policy was
looked up in the first entry only, so every lock and the helpdesk address were lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli
from app.core import paths
from app.core.config import load

POLICY = '[backend]\ntype = "local"\n[policy]\nlocked = ["backend.type"]\n'


@pytest.fixture
def policy(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["site"] / "helpline" / "policy.toml"
    path.parent.mkdir(parents=True)
    path.write_text(POLICY, encoding="utf-8")
    return path


def test_ubuntus_session_order_keeps_the_locks(
    policy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ubuntu = tmp_path / "xdg-ubuntu"
    ubuntu.mkdir()
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{ubuntu}:{policy.parent.parent}")
    config = load(env={}, flags={"backend.type": "rt"})
    assert "backend.type" in config.locked and config["backend.type"] == "local"


def test_the_policy_lives_at_the_platforms_fixed_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "POLICY_FILE", None)
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/etc/xdg/xdg-ubuntu:/etc/xdg")
    assert paths.policy_file() == Path("/etc/xdg/helpline/policy.toml")


def test_config_show_names_the_policy_file(
    policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "show"]) == 0
    assert f"Policy file: {policy}" in capsys.readouterr().out.splitlines()


def test_config_show_says_when_there_is_none(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "show"]) == 0
    missing = isolated_dirs["site"] / "helpline" / "policy.toml"
    assert f"No policy file at {missing}" in capsys.readouterr().out


def test_settings_names_the_policy_file(policy: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from app.ui.settings_window import SettingsWindow

    window = SettingsWindow(load(env={}))
    qtbot.addWidget(window)
    label = window.findChild(QLabel, "settingsPolicy")
    assert label is not None and str(policy) in label.text() and not label.isHidden()
