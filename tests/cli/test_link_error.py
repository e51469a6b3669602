"""A link that cannot start a request says why in a window, for whoever clicked it."""

from __future__ import annotations

from tests.cli.helpers import run

SENTENCE = "There is no category 'nope'; please use one of"
HEADING = "A request could not be started from this link or shortcut."


def test_a_bad_link_shows_its_sentence_in_a_window(helpline_env: dict[str, str]) -> None:
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1"}  # paint, print, close
    proc = run(env, "open-url", "helpline://new?category=nope", timeout=60)
    assert proc.returncode == 2
    (shown,) = [line for line in proc.stdout.splitlines() if line.startswith("error-dialog:")]
    assert HEADING in shown and SENTENCE in shown
    assert f"helpline: {SENTENCE}" in proc.stderr  # a terminal, if any, still has it


def test_new_with_a_bad_value_shows_it_too(helpline_env: dict[str, str]) -> None:
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1"}
    proc = run(env, "new", "--summary", "x" * 201, timeout=60)
    assert proc.returncode == 2
    assert f"error-dialog: {HEADING} The summary is 201 characters" in proc.stdout


def test_without_a_display_only_stderr_has_it(helpline_env: dict[str, str]) -> None:
    """Offscreen, as on a server: no window would be seen, so none is opened (no hang)."""
    proc = run(helpline_env, "open-url", "helpline://new?category=nope", timeout=30)
    assert proc.returncode == 2
    assert "error-dialog" not in proc.stdout and SENTENCE in proc.stderr


def test_a_german_desktop_reads_why_the_link_failed_in_german(
    helpline_env: dict[str, str],
) -> None:
    """Issue 14: the link's reason crossed the layers as an English sentence; it is a code
    now, said in the person's language in the window (the terminal keeps English)."""
    env = {**helpline_env, "HELPLINE_QUIT_AFTER_PAINT": "1"}
    proc = run(
        env, "--set", 'ui.language="de"', "open-url", "helpline://new?category=nope", timeout=60
    )
    assert proc.returncode == 2
    (shown,) = [line for line in proc.stdout.splitlines() if line.startswith("error-dialog:")]
    assert "Es gibt keine Kategorie „nope“" in shown
    assert SENTENCE in proc.stderr
