"""The process entry point (app.launch): the garbage collector waits for the first paint."""

from __future__ import annotations

import gc
import subprocess
import textwrap
from collections.abc import Iterator

import pytest

from app import cli, gc_pause
from app.core.config import ConfigError

#: Runs the real entry point; reports the collector's state while the wizard is built
#: (before its first paint) and again once it has painted.
DRIVER = textwrap.dedent("""
    import gc, sys
    from app.ui import app as gui
    from app.ui.session import Session
    opened = Session.open_wizard
    def open_wizard(*args, **kwargs):
        print(f"before-paint: {gc.isenabled()}", flush=True)
        return opened(*args, **kwargs)
    Session.open_wizard = open_wizard
    gui._report_modules = lambda: print(f"after-paint: {gc.isenabled()} "
                                        f"frozen: {gc.get_freeze_count() > 0}", flush=True)
    sys.argv = ["helpline", *sys.argv[1:]]
    from app.launch import main
    code = main()
    print(f"at-exit: {gc.isenabled()}", flush=True)
    sys.exit(code)
""")


@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the test process's collector as it was found."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], True),
        (["--config", "site.toml"], True),
        (["--set", "ui.language=de", "gui"], True),
        (["--startup-probe"], True),
        (["requests"], True),
        (["new", "--summary", "Printer jams"], True),
        (["helpline://new?summary=x"], True),
        (["open-url", "helpline://new"], True),
        (["list"], False),
        (["submit", "--summary", "x", "--description", "y"], False),
        (["tray"], False),  # no first paint to wait for
        (["settings"], False),
        (["--config", "gui", "list"], False),  # "gui" is the config file's name here
    ],
)
def test_only_commands_that_paint_a_window_pause_the_collector(
    argv: list[str], expected: bool, collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As app.launch starts every command; the command line decides once it has parsed.
    paused: list[bool] = []

    def load(**_kwargs: object) -> None:
        paused.append(not gc.isenabled())
        raise ConfigError("test", "", "not read: the test needs no command to run")

    monkeypatch.setattr(cli, "load", load)
    gc_pause.pause_collector()
    assert cli.main(argv) == cli.USAGE
    assert paused == [expected]


def test_resuming_freezes_what_start_up_made(collector: None) -> None:
    gc_pause.pause_collector()
    assert not gc.isenabled()
    gc_pause.resume_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resuming_an_enabled_collector_changes_nothing(collector: None) -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    gc_pause.resume_collector()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


@pytest.mark.slow
def test_the_wizard_runs_the_collector_again_after_its_first_paint(
    python: str, helpline_env: dict[str, str]
) -> None:
    env = dict(helpline_env, HELPLINE_QUIT_AFTER_PAINT="1")
    result = subprocess.run(
        [python, "-c", DRIVER], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "before-paint: False" in lines
    assert "after-paint: True frozen: True" in lines
    assert "at-exit: True" in lines


@pytest.mark.slow
def test_a_command_without_a_window_keeps_the_collector_running(
    python: str, helpline_env: dict[str, str]
) -> None:
    script = (
        "import gc, sys; sys.argv = ['helpline', 'config', 'show']\n"
        "import app.cli\n"
        "real = app.cli._config\n"
        "app.cli._config = lambda *a: (print(f'during: {gc.isenabled()}'), real(*a))[1]\n"
        "from app.launch import main; sys.exit(main())"
    )
    result = subprocess.run(
        [python, "-c", script], env=helpline_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "during: True" in result.stdout


@pytest.mark.parametrize(
    "argv", [[], ["--startup-probe"], ["--set", "ui.language=de"], ["--config", "site.toml"]]
)
def test_the_wizards_quick_parse_agrees_with_the_full_parser(argv: list[str]) -> None:
    from app.cli_parser import build_parser, wizard_only

    quick = wizard_only(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))
