"""``helpline record`` refuses plainly where it cannot record (the recording itself is
tested on a real X server in tests/ui/test_steps_x11.py)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import one_sentence, run


def test_without_a_display_it_says_so_in_one_sentence(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    proc = run(helpline_env, "record", "--output", str(tmp_path / "steps.html"))
    assert proc.returncode == 2
    assert one_sentence(proc.stderr) == (
        "helpline: There is no display to record; please run this on the desktop."
    )
    assert not (tmp_path / "steps.html").exists()


def test_it_respects_it_switching_the_recorder_off(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    proc = run(
        helpline_env,
        "--set",
        "steps.enabled=false",
        "record",
        "--output",
        str(tmp_path / "steps.html"),
    )
    assert proc.returncode == 2
    assert "switched the steps recorder off" in one_sentence(proc.stderr)


def test_a_missing_folder_is_named(helpline_env: dict[str, str], tmp_path: Path) -> None:
    proc = run(helpline_env, "record", "--output", str(tmp_path / "nowhere" / "steps.html"))
    assert proc.returncode == 2
    assert f"There is no folder {tmp_path / 'nowhere'}" in one_sentence(proc.stderr)
