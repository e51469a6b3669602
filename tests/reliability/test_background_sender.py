"""A queued request leaves the computer after Helpline is closed (issue 15).

Black-box, with nothing killed hard: the helpdesk (the protocol's reference server) is
down, ``helpline submit`` files a request and ends; a background sender must remain, and
an entry that resumes sending at the next login must exist. When the helpdesk comes up,
exactly one ticket arrives without any window being opened, then the sender ends and the
entry is gone. The second test ends the sender (SIGTERM, as a shutdown does) and plays the
next login by running the entry's own command.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import sender
from tests.backends.helpline_http_server import HelplineServer
from tests.conftest import ROOT

ANN = {"name": "Ann Example", "email": "ann@example.org"}
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: Callable[[], Any], timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := what():
            return found
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s: {what}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child of this test that ended but was not reaped yet is a zombie, not a sender
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


@pytest.fixture
def desk(isolated_dirs: dict[str, Path], tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A desk whose helpdesk is at a port where nothing listens yet; no display."""
    port = free_port()
    config = tmp_path / "helpline.toml"
    config.write_text(
        "[backend]\n"
        'type = "http"\n'
        f'url = "http://127.0.0.1:{port}"\n'
        'token = "tok-ann"\n'
        "[outbox]\n"
        "retry_seconds = 1\n"
        "retry_max_seconds = 1\n",
        "utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("HELPLINE_NO_SENDER", None)  # this test is about the sender
    env["QT_QPA_PLATFORM"] = "offscreen"  # no screen: the sender is the plain loop
    data = isolated_dirs["data"] / "helpline"
    state: dict[str, Any] = {"port": port, "config": config, "env": env, "data": data}
    yield state
    pid = sender.holder(data) if data.exists() else None
    if pid and pid > 0 and alive(pid):
        os.kill(pid, signal.SIGTERM)
    if state.get("server") is not None:
        state["server"].stop()


def helpline(desk: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--config", str(desk["config"]), *args],
        env=desk["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def submit_while_down(desk: dict[str, Any]) -> int:
    """File a request with the helpdesk down; the PID of the sender that remains."""
    done = helpline(
        desk,
        "submit",
        "--summary",
        "Printer on floor 3 jams",
        "--description",
        "Every second page is crumpled.",
        "--name",
        ANN["name"],
        "--email",
        ANN["email"],
        "--no-screenshot",
        "--no-system-info",
    )
    assert done.returncode == 0, done.stderr
    assert "safe in the outbox" in done.stdout and "sent automatically" in done.stdout
    pid = wait_for(lambda: sender.holder(desk["data"]))
    assert pid > 0 and alive(pid)
    return int(pid)


def helpdesk_up(desk: dict[str, Any]) -> HelplineServer:
    desk["server"] = HelplineServer({"tok-ann": ANN}, port=desk["port"]).start()
    return desk["server"]


def login_entry(desk: dict[str, Any]) -> Path:
    return Path(desk["env"]["XDG_CONFIG_HOME"]) / "autostart" / "helpline-sender.desktop"


def test_a_request_filed_while_the_helpdesk_is_down_arrives_once_with_no_window(
    desk: dict[str, Any],
) -> None:
    pid = submit_while_down(desk)
    entry = wait_for(lambda: login_entry(desk).exists() and login_entry(desk))
    assert "Exec=" in entry.read_text("utf-8")
    time.sleep(1.5)  # a few failed passes: still one sender, still waiting
    assert alive(pid) and sender.holder(desk["data"]) == pid
    # It stays lean all day: each pass runs in a child, so the HTTP stack, TLS and the
    # widgets never load into the sender itself (docs/performance.md).
    loaded = Path(f"/proc/{pid}/maps").read_text()
    for heavy in ("_ssl.", "libssl", "QtWidgets", "libQt6Widgets"):
        assert heavy not in loaded, f"the idle sender loaded {heavy}"

    server = helpdesk_up(desk)
    wait_for(lambda: len(server.tickets) == 1)
    wait_for(lambda: not alive(pid), timeout=15)
    assert len(server.tickets) == 1  # exactly one, though the sender tried many times
    (ticket,) = server.tickets.values()
    assert ticket["subject"] == "Printer on floor 3 jams"
    assert not login_entry(desk).exists()
    assert sender.holder(desk["data"]) is None
    outbox = helpline(desk, "outbox")
    assert "nothing waits to be sent" in outbox.stdout


def test_the_login_entry_resumes_sending_after_a_restart(desk: dict[str, Any]) -> None:
    pid = submit_while_down(desk)
    entry = wait_for(lambda: login_entry(desk).exists() and login_entry(desk))
    os.kill(pid, signal.SIGTERM)  # the computer is shut down with the request waiting
    wait_for(lambda: not alive(pid), timeout=15)
    assert login_entry(desk).exists()

    server = helpdesk_up(desk)
    exec_line = next(
        line for line in entry.read_text("utf-8").splitlines() if line.startswith("Exec=")
    )
    login = subprocess.run(  # the desktop runs the entry at the next login
        shlex.split(exec_line.removeprefix("Exec=")),
        env=desk["env"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert login.returncode == 0, login.stderr
    assert len(server.tickets) == 1
    assert not login_entry(desk).exists()
