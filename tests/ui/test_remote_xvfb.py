"""Remote help end to end on a real X server (issue 20's "Done when").

Helpline (tests/remote_sharer.py, its own process on Xvfb) connects out with x11vnc to a
technician listening on 127.0.0.1: TigerVNC's ``vncviewer -listen`` on a second Xvfb (the
bar must fill rows of what it draws), and tests/rfb_technician.py, an RFB 3.8 viewer whose
frame and pointer events the test controls. The
technician's frame must show the sharing bar; a click from the technician must change
nothing (view only); Stop, the time limit and Helpline's exit must each end it within 2 s
with no process and no listening socket left; and nothing listens on this side meanwhile.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.remote_help.process import leftovers, listening_ports
from app.ui.remote.bar import COLOUR, HEIGHT
from tests.rfb_technician import Technician

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("x11vnc") is None, reason="x11vnc not installed")
BAR = tuple(int(COLOUR[i : i + 2], 16) for i in (1, 3, 5))


def _policy(site: Path, technician: str, control: bool = False) -> None:
    path = site / "helpline" / "policy.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '[backend]\ntype = "local"\n'
        f'[remote_help]\nenabled = true\ntool = "vnc"\ntechnician = "{technician}"\n'
        f"allow_control = {'true' if control else 'false'}\n",
        encoding="utf-8",
    )


class Sharer:
    """The Helpline process and the JSON events it prints."""

    def __init__(self, display: str, env: dict[str, str], *args: str) -> None:
        env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "remote_sharer.py"), "42", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        self.events: list[dict[str, Any]] = []

    def wait_for(self, key: str, timeout: float = 15.0) -> dict[str, Any]:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((e for e in self.events if key in e), None)
            if found is not None:
                return found
            line = self.proc.stdout.readline()
            if not line:
                break
            if line.startswith("{"):
                self.events.append(json.loads(line))
        raise AssertionError(f"no {key!r} event; got {self.events}")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def end(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(5)


@pytest.fixture
def technician() -> Iterator[Technician]:
    viewer = Technician()
    yield viewer
    viewer.close()


def _start(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
    *args: str,
    control: bool = False,
) -> tuple[Sharer, int]:
    _policy(isolated_dirs["site"], technician.address, control)
    sharer = Sharer(xvfb_display, helpline_env, *args)
    technician.accept(timeout=20)
    started = sharer.wait_for("started")
    return sharer, int(started["started"])


def _gone_within(pid: int, seconds: float) -> float:
    began = time.monotonic()
    while leftovers(pid) and time.monotonic() - began < seconds + 1:
        time.sleep(0.02)
    return time.monotonic() - began


@pytest.fixture
def xmessage(xvfb_display: str) -> Iterator[subprocess.Popen[bytes]]:
    """A window with one button; pressing it ends the program."""
    if shutil.which("xmessage") is None:
        pytest.skip("xmessage (x11-utils) not installed")
    proc = subprocess.Popen(
        ["xmessage", "-geometry", "+400+300", "-buttons", "PRESS", "view only test"],
        env={**os.environ, "DISPLAY": xvfb_display},
    )
    time.sleep(0.8)
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(5)


def _button(technician: Technician) -> tuple[int, int]:
    """The xmessage button's centre in the technician's frame: the dark border box found
    below the window's top-left corner (xmessage draws its buttons framed in black)."""
    for y in range(300 + 25, 300 + 80):
        for x in range(400 + 2, 400 + 40):
            if technician.pixel(x, y) == (0, 0, 0) and technician.pixel(x + 1, y) == (0, 0, 0):
                return x + 15, y + 8
    return 420, 345


def test_the_technician_sees_the_bar_and_stop_ends_it(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    try:
        assert "-viewonly" in sharer.wait_for("started")["argv"]
        assert listening_ports(leftovers(pid)) == []  # nothing listens on this computer
        time.sleep(0.5)
        technician.frame()
        assert technician.pixel(5, HEIGHT // 2) == BAR  # the bar, in the technician's frame
        assert technician.pixel(technician.width // 2, 2) == BAR
        assert technician.pixel(5, HEIGHT + 40) != BAR  # and only the bar
        sharer.send("stop")
        assert sharer.wait_for("ended")["ended"] == "user"
        assert _gone_within(pid, 2) < 2
        assert not leftovers(pid) and listening_ports([pid]) == []
        sharer.wait_for("recorded")
    finally:
        sharer.end()


def test_a_click_from_the_technician_changes_nothing(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
    xmessage: subprocess.Popen[bytes],
) -> None:
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    try:
        time.sleep(0.5)
        technician.frame()
        x, y = _button(technician)
        technician.click(x, y)
        technician.key(0xFF0D)  # Return: xmessage's default button
        time.sleep(1.0)
        assert xmessage.poll() is None  # still there: the press never reached the desktop
        sharer.send("stop")
        sharer.wait_for("ended")
    finally:
        sharer.end()
    assert _gone_within(pid, 2) < 2


def test_with_control_allowed_and_ticked_the_same_click_works(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
    xmessage: subprocess.Popen[bytes],
) -> None:
    """The check above is only worth something if the click would land: it does here."""
    sharer, _pid = _start(
        xvfb_display, helpline_env, isolated_dirs, technician, "--control", control=True
    )
    try:
        assert "-viewonly" not in sharer.wait_for("started")["argv"]
        time.sleep(0.5)
        technician.frame()
        x, y = _button(technician)
        technician.click(x, y)
        xmessage.wait(5)
        sharer.send("stop")
        sharer.wait_for("ended")
    finally:
        sharer.end()


def test_the_time_limit_ends_it(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician, "--seconds", "2")
    try:
        began = time.monotonic()
        assert sharer.wait_for("ended", timeout=10)["ended"] == "time_limit"
        assert time.monotonic() - began < 2 + 2
        assert _gone_within(pid, 2) < 2 and listening_ports([pid]) == []
    finally:
        sharer.end()


def test_the_technician_leaving_ends_it(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    try:
        technician.close()
        assert sharer.wait_for("ended", timeout=5)["ended"] == "support"
        assert _gone_within(pid, 2) < 2
    finally:
        sharer.end()


def test_helpline_closing_ends_it(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    try:
        sharer.send("quit")
        assert sharer.wait_for("ended")["ended"] == "exit"
        assert _gone_within(pid, 2) < 2 and listening_ports([pid]) == []
        sharer.wait_for("exit")
    finally:
        sharer.end()


def test_helpline_killed_takes_the_tool_with_it(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    """A crash or kill -9 leaves no shared screen: the kernel ends x11vnc with its parent."""
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    sharer.proc.kill()
    sharer.proc.wait(5)
    assert _gone_within(pid, 2) < 2


def _free_port() -> int:
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


@pytest.mark.skipif(shutil.which("vncviewer") is None, reason="TigerVNC's vncviewer not installed")
def test_a_real_tigervnc_viewer_listening_shows_the_bar(
    xvfb_display: str, helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    """The technician's own viewer (``vncviewer -listen``, TigerVNC, on a second X server):
    the bar's colour fills whole rows of what it draws."""
    from app.collectors.xcb_image import read_root
    from tests.xvfb import running_xvfb

    port = _free_port()
    with running_xvfb() as desk:
        viewer = subprocess.Popen(
            ["vncviewer", "-listen", str(port)],
            env={**os.environ, "DISPLAY": desk},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        sharer = None
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and port not in listening_ports([viewer.pid]):
                time.sleep(0.05)
            _policy(isolated_dirs["site"], f"127.0.0.1:{port}")
            sharer = Sharer(xvfb_display, helpline_env)
            pid = int(sharer.wait_for("started")["started"])
            rows = 0
            deadline = time.monotonic() + 10
            while rows < HEIGHT // 2 and time.monotonic() < deadline:
                time.sleep(0.3)
                shot = read_root(desk)
                assert shot is not None
                colour = bytes((BAR[2], BAR[1], BAR[0]))  # memory order: B, G, R, pad
                data = bytes(shot.data)
                stride = shot.width * 4
                rows = 0
                for y in range(shot.height):
                    row = data[y * stride : (y + 1) * stride]
                    samples = range(0, stride, 16)  # every fourth pixel
                    if sum(row[i : i + 3] == colour for i in samples) > len(samples) // 2:
                        rows += 1
            assert rows >= HEIGHT // 2, "the viewer does not show the bar"
            sharer.send("stop")
            assert sharer.wait_for("ended")["ended"] == "user"
            assert _gone_within(pid, 2) < 2
        finally:
            if sharer is not None:
                sharer.end()
            viewer.kill()
            viewer.wait(5)


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool not installed")
def test_ctrl_alt_end_stops_it_from_the_keyboard(
    xvfb_display: str,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    technician: Technician,
) -> None:
    """The bar never takes focus (it must not steal typing), so its Stop cannot be reached
    by Tab; Ctrl+Alt+End, grabbed on the X server, stops sharing from any window."""
    sharer, pid = _start(xvfb_display, helpline_env, isolated_dirs, technician)
    try:
        time.sleep(0.5)  # the key is grabbed once the bars show
        subprocess.run(
            ["xdotool", "key", "ctrl+alt+End"],
            env={**os.environ, "DISPLAY": xvfb_display},
            check=True,
            timeout=10,
        )
        assert sharer.wait_for("ended")["ended"] == "user"
        assert _gone_within(pid, 2) < 2
        sharer.wait_for("recorded")
    finally:
        sharer.end()
