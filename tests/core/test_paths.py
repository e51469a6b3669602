"""Where files live: platformdirs for "helpline", moved by the XDG variables, private."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from app.core import paths

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the XDG variables move these only on Linux"
)


def test_locations_follow_xdg(isolated_dirs: dict[str, Path]) -> None:
    assert paths.user_config_file() == isolated_dirs["config"] / "helpline" / "config.toml"
    assert paths.user_config_file().parent.parent == isolated_dirs["config"]
    assert paths.data_dir() == isolated_dirs["data"] / "helpline"
    assert paths.cache_dir() == isolated_dirs["cache"] / "helpline"


def test_data_and_cache_are_created_private(isolated_dirs: dict[str, Path]) -> None:
    for folder in (paths.data_dir(), paths.cache_dir()):
        assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not paths.config_dir().exists()  # reading config never creates anything


def test_private_file_creates_or_tightens(tmp_path: Path) -> None:
    fresh = paths.private_file(tmp_path / "new")
    assert fresh.read_bytes() == b"" and stat.S_IMODE(fresh.stat().st_mode) == 0o600
    loose = tmp_path / "loose"
    loose.write_text("kept")
    loose.chmod(0o644)
    assert paths.private_file(loose).read_text() == "kept"
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600


def test_the_policy_path_is_fixed_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 17, item 3: Ubuntu's GNOME session and any user can reorder XDG_CONFIG_DIRS."""
    monkeypatch.setattr(paths, "POLICY_FILE", None)
    for dirs in ("/etc/xdg/xdg-ubuntu:/etc/xdg", str(tmp_path)):
        monkeypatch.setenv("XDG_CONFIG_DIRS", dirs)
        assert paths.policy_file() == Path("/etc/xdg/helpline/policy.toml")
