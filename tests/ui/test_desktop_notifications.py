"""Notifications without a tray go through the desktop's service, with an Open action.

notify-send cannot show anything here (no notification daemon), so a stand-in with its
documented interface takes its place on PATH: libnotify's notify-send prints the chosen
action's name on stdout when ``--wait`` and ``--action=NAME=Label`` are given
(https://gitlab.gnome.org/GNOME/libnotify/-/blob/master/docs/notify-send.xml).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.ui.desktop_notifications import DesktopNotifications
from tests import notify_send_stub


@pytest.fixture
def fake_notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    calls = tmp_path / "calls.txt"
    folder = notify_send_stub.install(tmp_path / "bin", calls, answer="open")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return calls


def test_a_notification_with_an_open_action_opens_its_request(
    qtbot: Any, fake_notify_send: Path
) -> None:
    notices = DesktopNotifications("Acme IT Help")
    assert notices.available
    opened: list[str] = []
    notices.openTicket.connect(opened.append)
    assert notices.show("Your request reached support as #7", "Printer jams", "7")
    qtbot.waitUntil(lambda: opened == ["7"], timeout=10000)
    words = fake_notify_send.read_text("utf-8").splitlines()
    assert words[:4] == [
        "--app-name=Acme IT Help",
        "--icon=helpline",
        "--action=open=Open",
        "--wait",
    ]
    assert words[-2:] == ["Your request reached support as #7", "Printer jams"]


def test_without_the_tool_nothing_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    notices = DesktopNotifications("Helpline")
    assert not notices.available and not notices.show("title", "text")


def test_the_body_reaches_the_notification_service_escaped(
    qtbot: Any, fake_notify_send: Path
) -> None:
    """Issue 17, item 1: the service reads the body as markup, and the windowless
    background sender calls this class directly, without the Notifier in between."""
    notices = DesktopNotifications("Helpline")
    assert notices.show("Your request changed", '<img src="/dev/zero"> Printer', "7")
    qtbot.waitUntil(lambda: fake_notify_send.exists() and "Printer" in fake_notify_send.read_text())
    body = fake_notify_send.read_text("utf-8").splitlines()[-1]
    assert body == '&lt;img src="/dev/zero"&gt; Printer'
    qtbot.waitUntil(lambda: not notices._running)  # its process has ended and was reaped


def test_closing_lets_a_notification_that_waits_for_a_click_go(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """notify-send --wait waits until the person clicks or dismisses: a program that ends
    meanwhile lets it go, and nothing is reported from it afterwards."""
    calls = tmp_path / "calls.txt"
    folder = notify_send_stub.install(tmp_path / "bin", calls, answer="open", wait_seconds=30)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    notices = DesktopNotifications("Helpline")
    opened: list[str] = []
    notices.openTicket.connect(opened.append)
    assert notices.show("Your request reached support as #7", "Printer jams", "7")
    [process] = notices._running
    qtbot.waitUntil(lambda: process.state() == process.ProcessState.Running)
    notices.close()
    assert notices._running == [] and opened == []
