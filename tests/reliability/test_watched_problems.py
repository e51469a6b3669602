""" "Me too — tell me when it's fixed" holds after every window is closed (issues 15, 18).

The Problem page promises "You will get a notification when it is fixed … you can close
this window". Only a window's session watched the known problems, so with no tray (the
default; GNOME shows none) closing the window ended the watch and the notification never
came. Black-box, like the background sender's own test: a known-problems file IT publishes,
a "Me too" kept, no window; the background sender must stay (and resume at the next
login), notice when the incident is over, say so once through the desktop's notification
service, and end with its login entry gone.

notify-send cannot show anything here (no notification daemon), so a stand-in with its
documented interface records what it was asked to show
(https://gitlab.gnome.org/GNOME/libnotify/-/blob/master/docs/notify-send.xml).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.config import load
from app.services import sender
from app.services.known_problems import KnownProblems
from tests import notify_send_stub
from tests.conftest import ROOT
from tests.reliability.test_background_sender import alive, wait_for

pytestmark = pytest.mark.slow

OPEN = """[[incidents]]
id = "mail-1207"
title = "Email is down for everyone"
categories = ["email"]
status = "{status}"
summary = "Support is working on it."
"""


def test_a_me_too_is_watched_with_no_window_and_told_once_when_it_ends(
    isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    feed = tmp_path / "known-problems.toml"
    feed.write_text(OPEN.format(status="open"), "utf-8")
    config_file = tmp_path / "helpline.toml"
    config_file.write_text(
        f'[known_problems]\nfile = "{feed.as_posix()}"\ninterval_seconds = 1\n', "utf-8"
    )
    calls = tmp_path / "notify-calls.txt"
    folder = notify_send_stub.install(tmp_path / "bin", calls)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "HELPLINE_NO_SENDER"):
        env.pop(name, None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PATH"] = f"{folder}{os.pathsep}{env['PATH']}"
    data = isolated_dirs["data"] / "helpline"
    entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "helpline-sender.desktop"

    # What the Problem page's "Me too" does (on its worker), with the cache a check kept.
    config = load(config_file=config_file, env={})
    problems = KnownProblems(config, data)
    [incident] = problems.check().incidents
    assert problems.me_too(incident) is None  # a file counts no +1: nothing is queued
    assert sender.watching(data) == 1

    started = subprocess.Popen(  # what closing the last window starts (Session._hand_over)
        [sys.executable, "-m", "app", "--config", str(config_file), "sender"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pid = wait_for(lambda: sender.holder(data))
        assert pid == started.pid
        wait_for(lambda: entry.exists())  # it resumes at the next login while watching
        time.sleep(2.5)  # a few checks while it is still open: nothing said, still there
        assert alive(pid) and not calls.exists()

        feed.write_text(OPEN.format(status="resolved"), "utf-8")  # IT says it is over
        _out, err = started.communicate(timeout=30)
    finally:
        if started.poll() is None:
            started.kill()
            started.communicate()
    assert started.returncode == 0, err
    said = calls.read_text("utf-8").splitlines()
    assert said.count("Fixed: Email is down for everyone") == 1, said
    assert not entry.exists()
    assert sender.watching(data) == 0 and sender.holder(data) is None


def test_a_source_it_removed_ends_the_watch_instead_of_keeping_the_sender(
    isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    """Nothing could ever tell the end: the watch is dropped, the sender does not stay."""
    data = isolated_dirs["data"] / "helpline"
    data.mkdir(parents=True, exist_ok=True)
    (data / sender.SUBSCRIBED_FILE).write_text(
        '{"incidents": {"file:mail-1207": "Email is down for everyone"}}', "utf-8"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "app", "sender"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert sender.watching(data) == 0


def test_closing_the_last_window_hands_a_watched_problem_to_the_sender(
    qapp: Any, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.filing import Submission
    from app.ui.session import Session
    from app.ui.tasks import InlineRunner

    config = load(env={})
    data = isolated_dirs["data"] / "helpline"
    submission = Submission(config, root=data)
    data.mkdir(parents=True, exist_ok=True)
    (data / sender.SUBSCRIBED_FILE).write_text(
        '{"incidents": {"file:mail-1207": "Email is down for everyone"}}', "utf-8"
    )
    session = Session(config, InlineRunner(), qapp, submission=submission)
    session.start_services()
    spawned: list[object] = []
    monkeypatch.setattr(sender, "spawn", lambda args=(): spawned.append(args))
    ended: list[str] = []
    session.quit = lambda: ended.append("quit")  # type: ignore[method-assign]
    try:
        session.last_window_closed()
        assert spawned and ended == ["quit"]
    finally:  # no timer of this session keeps firing into later tests
        session.delivery.stop()
        session.polling.stop()
        session.deleteLater()
