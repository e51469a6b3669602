"""Resume sending at the next login while something waits in the outbox (issue 15).

A computer switched off with a request still queued must send it after the next login,
without the person opening Helpline. While anything waits, the background sender is
registered to start at login the way each desktop expects, and the registration is
removed once the outbox is empty:

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/helpline-sender.desktop``
  (tested);
- Windows: a value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``;
- macOS: ``~/Library/LaunchAgents/<id>.sender.plist`` with ``RunAtLoad``.

The Windows and macOS forms are written to their documented shapes and not run here
(docs/deployment.md says so).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from html import escape  # xml.sax.saxutils pulls in urllib, http and ssl
from pathlib import Path

ENTRY = "helpline-sender"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
AGENT_ID = "org.helpline.sender"


def entry_path() -> Path:
    """Where this platform's registration lives (the registry has no path: a marker)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"{AGENT_ID}.plist"
    if sys.platform == "win32":
        return Path(f"HKCU\\{RUN_KEY}\\{ENTRY}")
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{ENTRY}.desktop"


def register(command: Sequence[str], name: str = "Helpline") -> None:
    """Start ``command`` at the next login (idempotent: the same entry is rewritten)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, ENTRY, 0, winreg.REG_SZ, _windows_command(command))
        return
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _launch_agent(command) if sys.platform == "darwin" else _desktop_entry(command, name)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def unregister() -> None:
    """Remove the registration; nothing happens when there is none."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, ENTRY)
        except OSError:
            pass
        return
    entry_path().unlink(missing_ok=True)


def registered() -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, ENTRY)
        except OSError:
            return False
        return True
    return entry_path().exists()


def _desktop_entry(command: Sequence[str], name: str) -> str:
    # The Desktop Entry Specification's Exec quoting: shlex's POSIX quoting is a subset.
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={name}",
            f"Comment=Sends the requests still waiting in {name}'s outbox",
            f"Exec={shlex.join(command)}",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def _launch_agent(command: Sequence[str]) -> str:
    arguments = "".join(f"    <string>{escape(word, quote=False)}</string>\n" for word in command)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n<dict>\n'
        f"  <key>Label</key>\n  <string>{AGENT_ID}</string>\n"
        f"  <key>ProgramArguments</key>\n  <array>\n{arguments}  </array>\n"
        "  <key>RunAtLoad</key>\n  <true/>\n"
        "</dict>\n</plist>\n"
    )


def _windows_command(command: Sequence[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(list(command))
