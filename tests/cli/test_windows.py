"""``helpline``, ``helpline gui`` and ``helpline requests`` hand over to the UI, lazily."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from app import cli
from app.core.config import Config
from tests.cli.helpers import script


@pytest.fixture
def fake_ui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Config, str]]:
    """Stand in for app.ui.app so no window opens; records what the CLI asked for."""
    calls: list[tuple[Config, str]] = []
    module = types.ModuleType("app.ui.app")

    def main(config: Config, window: str = "wizard", **options: object) -> int:
        calls.append((config, window))
        return 7

    module.main = main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.ui.app", module)
    return calls


@pytest.mark.parametrize(
    ("argv", "window"), [([], "wizard"), (["gui"], "wizard"), (["requests"], "requests")]
)
def test_window_commands(fake_ui: list[tuple[Config, str]], argv: list[str], window: str) -> None:
    assert cli.main([*argv]) == 7  # the window's exit code is the process's
    ((config, asked),) = fake_ui
    assert asked == window
    assert config["backend.type"] == "local"


def test_the_window_gets_the_layered_config(
    fake_ui: list[tuple[Config, str]], tmp_path: Path
) -> None:
    conf = tmp_path / "brand.toml"
    conf.write_text('[branding]\nname = "Example IT"\n', "utf-8")
    cli.main(["--config", str(conf), "--set", "attachments.screenshot=false", "gui"])
    ((config, _),) = fake_ui
    assert config["branding.name"] == "Example IT"
    assert config["attachments.screenshot"] is False


def test_a_bad_config_never_opens_a_window(
    fake_ui: list[tuple[Config, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = tmp_path / "bad.toml"
    conf.write_text("[branding]\nname = 1\n", "utf-8")
    assert cli.main(["--config", str(conf)]) == 2
    assert fake_ui == []
    assert "branding.name" in capsys.readouterr().err


def test_importing_the_cli_does_not_import_the_ui(helpline_env: dict[str, str]) -> None:
    proc = script(
        helpline_env,
        "import sys, app.cli\n"
        "print(sorted(n for n in sys.modules if n.startswith(('app.ui', 'PySide6'))))",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
