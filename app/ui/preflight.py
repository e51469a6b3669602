"""What a window needs before Qt is loaded: a display, and the system libraries Qt's X11
platform plugin links against.

Without them ``QApplication()`` aborts the process (SIGABRT, exit 134) with a message that
names ``xcb-cursor0`` even when it is the display that is missing. Checked first, the
command line can say in one sentence what is missing and how to get it. Qt-free on purpose:
it runs before PySide6 is imported, and costs little, since Qt loads the same libraries a
moment later anyway.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

#: The system libraries PySide6's Qt (QtGui and the ``xcb`` platform plugin) links against,
#: with the Debian/Ubuntu package that has each. README's first command installs them all;
#: tests/ui/test_preflight.py checks this list against the installed plugin.
LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

#: Platforms that draw nowhere or somewhere of their own: nothing to check.
_NO_SCREEN_NEEDED = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


class Missing(NamedTuple):
    """What is missing: ``display`` (facts: ``display``, "" when DISPLAY is not set) or
    ``libraries`` (facts: ``libraries`` and ``packages``, comma-separated)."""

    code: str
    facts: dict[str, str]


def _loads(name: str) -> bool:
    """Whether the library loads as Qt would find it: from the system, else from beside
    Qt's own libraries (a PySide6 or a frozen build that bundles it)."""
    import ctypes
    import importlib.util

    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        pass
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return False
    try:
        ctypes.CDLL(str(Path(spec.origin).parent / "Qt" / "lib" / name))
    except OSError:
        return False
    return True


def _x_reachable(display: str) -> bool:
    """Whether the X server ``display`` names is there (and only that server is asked).

    A local display's socket file is enough, the usual case and a cheap one: Qt connects to
    it a moment later. Without the file, Linux's abstract socket of the same name is tried;
    a display on another host is asked over TCP.
    """
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    if host in ("", "unix") or host.startswith("/"):
        path = host if host.startswith("/") else f"/tmp/.X11-unix/X{number}"
        return os.path.exists(path) or _connects("\0" + path)
    return _connects((host, 6000 + int(number)))


def _connects(address: str | tuple[str, int]) -> bool:
    """Whether a Unix socket (a path) or a TCP address (host, port) accepts a connection."""
    import socket

    try:
        if isinstance(address, tuple):
            with socket.create_connection(address, timeout=2):
                return True
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(address)
            return True
    except OSError:
        return False


def _wayland_socket(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "/")) / name
    return path.exists()


def check(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    loads: Callable[[str], bool] = _loads,
) -> Missing | None:
    """What keeps a window from opening here, or None (also on other systems than X11's)."""
    env = os.environ if env is None else env
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen in _NO_SCREEN_NEEDED:
        return None
    if chosen in ("", "wayland") and _wayland_socket(env):
        return None  # Qt draws through Wayland; the X11 libraries are not needed
    display = env.get("DISPLAY", "")
    if not display or not _x_reachable(display):
        return Missing("display", {"display": display})
    lacking = [name for name in LIBRARIES if not loads(name)]
    if lacking:
        packages = dict.fromkeys(LIBRARIES[name] for name in lacking)
        return Missing(
            "libraries", {"libraries": ", ".join(lacking), "packages": " ".join(packages)}
        )
    return None
