"""Shared fixtures: every test runs offscreen with its own config, data and cache dirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Before anything imports Qt: no test may need a screen unless it starts Xvfb itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")
# Never read or write the developer's real password store: keyring's "fail"
# backend, in this process and every subprocess. Tests that need a keyring
# install an in-memory one with keyring.set_keyring().
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point platformdirs (through the XDG variables) at a fresh folder per test.

    The system policy file is not moved by any variable (issue 17, item 3): the test's
    one is ``dirs["site"]/helpline/policy.toml`` through :data:`app.core.paths.POLICY_FILE`
    here, and through tests/sitehook/sitecustomize.py in ``helpline_env`` subprocesses.
    """
    dirs = {
        "config": tmp_path / "xdg-config",
        "data": tmp_path / "xdg-data",
        "cache": tmp_path / "xdg-cache",
        "site": tmp_path / "xdg-site",
    }
    for path in dirs.values():
        path.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(dirs["site"]))
    import app.core.paths

    policy = dirs["site"] / "helpline" / "policy.toml"
    monkeypatch.setattr(app.core.paths, "POLICY_FILE", policy)
    monkeypatch.setenv("HELPLINE_TEST_POLICY_FILE", str(policy))
    monkeypatch.delenv("HELPLINE_CONFIG", raising=False)
    # No background sender outlives a test's command (tests/reliability/
    # test_background_sender.py lets it run, and ends it).
    monkeypatch.setenv("HELPLINE_NO_SENDER", "1")
    return dirs


@pytest.fixture
def helpline_env(isolated_dirs: dict[str, Path]) -> dict[str, str]:
    """Environment for running ``python -m app`` in a subprocess with the same isolation."""
    env = dict(os.environ)
    hook = ROOT / "tests" / "sitehook"  # the policy file for subprocesses: sitecustomize.py
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(hook), env.get("PYTHONPATH", "")])
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture
def python() -> str:
    return sys.executable


from collections.abc import Iterator  # noqa: E402  (appended with the fixture below)


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """DISPLAY of a private Xvfb for this test session (screen 1280x800x24).

    Skips when Xvfb is not installed, unless HELPLINE_REQUIRE_XVFB=1 (CI), where a missing
    X server must fail loudly instead of quietly skipping the screenshot tests.
    """
    from tests.xvfb import running_xvfb, xvfb_binary

    if xvfb_binary() is None:
        reason = "Xvfb is not installed (Debian: apt-get install xvfb), so no real X server"
        if os.environ.get("HELPLINE_REQUIRE_XVFB") == "1":
            pytest.fail(f"{reason}, and HELPLINE_REQUIRE_XVFB=1 requires one")
        pytest.skip(f"{reason}; set HELPLINE_REQUIRE_XVFB=1 to make this a failure")
    with running_xvfb() as display:
        yield display
