"""The launchers compose documented command lines; the process is gone when stopped."""

from __future__ import annotations

import socket
import stat
import sys
import time
from pathlib import Path

from app.core.remote_help import Offer
from app.services import remote_help
from app.services.remote_help import quickassist
from app.services.remote_help.process import Sharing, leftovers, listening_ports


def _offer(tool: str, technician: str = "support.example.org:5500", control: bool = False) -> Offer:
    return Offer("42", tool, technician, 30, control)


def _program(folder: Path, name: str, body: str = "exit 0") -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_vnc_connects_out_view_only_and_listens_nowhere(tmp_path: Path) -> None:
    _program(tmp_path, "x11vnc")
    env = {"PATH": str(tmp_path), "DISPLAY": ":7"}
    plan = remote_help.plan(_offer("vnc"), True, env)  # ticked, but policy said no
    assert plan.owned and not plan.problem and not plan.control
    argv = list(plan.argv)
    assert argv[0] == str(tmp_path / "x11vnc")
    assert argv[argv.index("-display") + 1] == ":7"
    assert argv[argv.index("-connect_or_exit") + 1] == "support.example.org:5500"
    assert argv[argv.index("-rfbport") + 1] == "0"
    for flag in ("-localhost", "-once", "-viewonly", "-nosel", "-noclipboard", "-norc", "-nocmds"):
        assert flag in argv


def test_vnc_control_only_when_policy_and_the_tick_both_say_so(tmp_path: Path) -> None:
    _program(tmp_path, "x11vnc")
    env = {"PATH": str(tmp_path)}
    assert "-viewonly" not in remote_help.plan(_offer("vnc", control=True), True, env).argv
    assert "-viewonly" in remote_help.plan(_offer("vnc", control=True), False, env).argv


def test_wayland_is_said_not_failed_silently(tmp_path: Path) -> None:
    _program(tmp_path, "x11vnc")
    for env in ({"XDG_SESSION_TYPE": "wayland"}, {"WAYLAND_DISPLAY": "wayland-0"}):
        plan = remote_help.plan(_offer("vnc"), False, {"PATH": str(tmp_path), **env})
        assert (plan.problem, plan.argv) == ("wayland", ())


def test_a_missing_tool_is_named(tmp_path: Path) -> None:
    plan = remote_help.plan(_offer("vnc"), False, {"PATH": str(tmp_path)})
    assert (plan.problem, plan.program) == ("missing", "x11vnc")
    assert remote_help.plan(_offer("rustdesk"), False, {"PATH": str(tmp_path)}).problem == "missing"


def test_rustdesk_points_at_it_s_id_server_and_reads_the_id(tmp_path: Path) -> None:
    _program(tmp_path, "rustdesk")
    plan = remote_help.plan(_offer("rustdesk", "id.example.org"), False, {"PATH": str(tmp_path)})
    exe = str(tmp_path / "rustdesk")
    assert plan.argv == (exe, "--option", "custom-rendezvous-server", "id.example.org")
    assert plan.code_command == (exe, "--get-id") and plan.code_hint == "rustdesk_id"


def test_meshcentral_opens_only_an_https_invitation() -> None:
    link = "https://mesh.example.org/agentinvite?c=abc"
    plan = remote_help.plan(_offer("meshcentral", link), False, {})
    assert plan.handover == (link,) and not plan.owned
    assert remote_help.plan(_offer("meshcentral", "file:///etc/x"), False, {}).problem == "bad_link"


def test_quick_assist_on_windows_only() -> None:
    assert remote_help.plan(_offer("quickassist", ""), False, {}).problem == (
        "" if sys.platform == "win32" else "not_windows"
    )
    plan = quickassist.plan(_offer("quickassist", ""), False, {"PATH": ""}, platform="win32")
    assert plan.handover == (quickassist.PROTOCOL,) and plan.code_hint == "quick_assist_code"


def test_stop_ends_the_whole_group_and_its_listening_socket(tmp_path: Path) -> None:
    """A tool that starts a child which listens: both are gone, and so is the port."""
    script = (
        "import socket, subprocess, sys, time\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
        "print(s.getsockname()[1], flush=True); time.sleep(60)\n"
    )
    log = tmp_path / "out"
    sharing = Sharing([sys.executable, "-c", script], log=log)
    deadline = time.monotonic() + 10
    while not log.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.05)
    port = int(log.read_text().split()[0])
    assert len(leftovers(sharing.pid)) == 2
    assert port in listening_ports(leftovers(sharing.pid))
    began = time.monotonic()
    sharing.stop()
    assert time.monotonic() - began < 2
    assert leftovers(sharing.pid) == [] and sharing.exited()
    probe = socket.socket()
    assert probe.connect_ex(("127.0.0.1", port)) != 0
    probe.close()


def test_stop_kills_what_ignores_terminate(tmp_path: Path) -> None:
    script = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    sharing = Sharing([sys.executable, "-c", script])
    time.sleep(0.3)
    sharing.stop(wait=0.3)
    assert leftovers(sharing.pid) == []
