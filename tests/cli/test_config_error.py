"""A refused config or policy file says why in a window when Helpline has no terminal."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import run
from tests.conftest import ROOT

ACME = ROOT / "packaging" / "examples" / "acme"

HEADING = "cannot start because a setting in its configuration is not valid."


def test_a_broken_config_file_shows_its_sentence_in_a_window(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / "config.toml"
    broken.write_text('[ui]\nfont_scale = "big"\n', "utf-8")
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1", "HELPLINE_CONFIG": str(broken)}
    proc = run(env, timeout=60)
    assert proc.returncode == 2
    (shown,) = [line for line in proc.stdout.splitlines() if line.startswith("error-dialog:")]
    sentence = proc.stderr.splitlines()[0].removeprefix("helpline: ")
    assert f"Helpline {HEADING}" in shown and sentence in shown
    assert str(broken) in shown and "'ui.font_scale'" in shown


def test_a_broken_policy_file_too_in_the_brands_name(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    policy = isolated_dirs["site"] / "helpline" / "policy.toml"
    policy.parent.mkdir()
    policy.write_text("[policy]\nlocked = [\n", "utf-8")
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1", "HELPLINE_BRANDING": str(ACME)}
    proc = run(env, "requests", timeout=60)
    assert proc.returncode == 2, proc.stderr
    (shown,) = [line for line in proc.stdout.splitlines() if line.startswith("error-dialog:")]
    assert f"Acme IT Service Desk {HEADING}" in shown and str(policy) in shown


def test_typed_in_a_terminal_or_without_display_only_stderr_has_it(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / "config.toml"
    broken.write_text("[nope]\n", "utf-8")
    proc = run({**helpline_env, "HELPLINE_CONFIG": str(broken)}, timeout=30)
    assert proc.returncode == 2
    assert "error-dialog" not in proc.stdout and "'nope'" in proc.stderr


def test_the_heading_is_in_the_persons_language(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    """The config that would name the language was refused; the system's is used."""
    broken = tmp_path / "config.toml"
    broken.write_text("[nope]\n", "utf-8")
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1", "HELPLINE_CONFIG": str(broken)}
    proc = run({**env, "LANGUAGE": "de"}, timeout=60)
    assert "error-dialog: Helpline kann nicht starten, weil eine Einstellung" in proc.stdout


def test_with_a_display_nobody_answers_on_it_stays_on_stderr(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    """No window could open there: Qt would abort (exit 134) after the sentence."""
    broken = tmp_path / "config.toml"
    broken.write_text("[nope]\n", "utf-8")
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env = {**helpline_env, "HELPLINE_CONFIG": str(broken), "QT_QPA_PLATFORM": "xcb"}
    proc = run({**env, "DISPLAY": f":{number}"}, timeout=60)
    assert proc.returncode == 2 and "'nope'" in proc.stderr
