"""The background sender on a desktop with a tray: its icon shows, and it stays lean.

A private Xvfb with a minimal tray host (tests/tray_host.py); the helpdesk (the
protocol's reference server) is down while ``helpline submit`` files a request, so the
background sender stays. It must dock its icon in the tray, keep the HTTP stack and TLS
out of its own process (each pass runs in a child: docs/performance.md), and deliver
exactly once when the helpdesk comes up, then end (issue 15).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.services import sender
from tests.backends.helpline_http_server import HelplineServer
from tests.conftest import ROOT
from tests.reliability.test_background_sender import ANN, alive, free_port, wait_for

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
HELPLINE = [sys.executable, "-m", "app"]
REQUEST = [
    *("--summary", "Scanner offline", "--description", "It says offline."),
    *("--name", ANN["name"], "--email", ANN["email"], "--no-screenshot", "--no-system-info"),
]


@pytest.fixture
def display() -> Any:
    from tests.xvfb import running_xvfb, xvfb_binary

    if xvfb_binary() is None:
        if os.environ.get("HELPLINE_REQUIRE_XVFB") == "1":
            pytest.fail("Xvfb is not installed, and HELPLINE_REQUIRE_XVFB=1 requires one")
        pytest.skip("Xvfb is not installed")
    with running_xvfb() as name:
        yield name


def test_the_sender_shows_its_tray_icon_and_delivers_once(
    display: str, isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    pytest.importorskip("Xlib", reason="python-xlib runs the test's tray host")
    port = free_port()
    config = tmp_path / "helpline.toml"
    config.write_text(
        f'[backend]\ntype = "http"\nurl = "http://127.0.0.1:{port}"\ntoken = "tok-ann"\n'
        "[outbox]\nretry_seconds = 1\nretry_max_seconds = 1\n",
        "utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), DISPLAY=display)
    for name in ("HELPLINE_NO_SENDER", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    data = isolated_dirs["data"] / "helpline"
    host = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "tray_host.py")],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    server = None
    pid = None
    try:
        assert host.stdout is not None
        assert host.stdout.readline().strip().isdigit()  # the tray runs
        filed = subprocess.run(
            [*HELPLINE, "--config", str(config), "submit", *REQUEST],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert filed.returncode == 0, filed.stderr
        pid = wait_for(lambda: sender.holder(data))
        docked = host.stdout.readline()
        assert docked.startswith("docked "), docked  # the icon is in the tray
        loaded = Path(f"/proc/{pid}/maps").read_text()
        assert "libQt6Widgets" in loaded  # the icon and its menu
        assert "_ssl." not in loaded and "libssl" not in loaded  # no HTTP stack in here

        server = HelplineServer({"tok-ann": ANN}, port=port).start()
        wait_for(lambda: len(server.tickets) == 1)
        wait_for(lambda: not alive(pid), timeout=15)
        assert len(server.tickets) == 1
    finally:
        if pid and alive(pid):
            os.kill(pid, 15)
        if server is not None:
            server.stop()
        host.terminate()
        host.wait(10)
