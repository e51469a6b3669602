"""The X11 screen, read from the X server on a thread of its own while Qt is still loading.

Why this exists: under X11, Qt's ``grabWindow()`` held the GUI thread for 20-35 ms before the
first paint (the X server copying 8 MB at 1920x1080, then Qt copying it into a pixmap and
back into an image). The capture has to be taken before the wizard appears, but nothing says
it has to be taken by the GUI thread. The command line starts this before PySide6 is
imported; the thread asks the X server for the root window over a connection of its own
(``app.collectors.xcb_image``), so the copy overlaps the 100+ ms of loading Qt on the other
core and is complete when the wizard is built.

It is Qt-free on purpose. Anything unusual (no DISPLAY, Wayland, another OS, no libxcb, a
screen depth or byte order Qt's RGB32 would misread, an X error) gives None, and
``grab_desktop()`` takes the picture through Qt as before. ``grab_desktop()`` also drops the
result if Qt did not end up on xcb, so the picture always comes from the platform the
window is shown on.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.collectors.xcb_image import RootCapture

#: How long the GUI thread waits for a capture that is still running before it gives up
#: and grabs through Qt (the X server answers in tens of milliseconds; this is for a
#: server that never does).
WAIT_SECONDS = 2.0


def requested_platform(environ: Mapping[str, str]) -> str:
    """The Qt platform plugin ``QT_QPA_PLATFORM`` asks for first ("" when unset):
    ``xcb:nomitshm`` is xcb, ``wayland;xcb`` is wayland."""
    return environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()


def wanted(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether Qt will probably run on X11 here, so a capture started now will be used.

    Only a guess made before Qt is loaded; ``grab_desktop()`` checks Qt's real platform.
    """
    env = os.environ if environ is None else environ
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if not env.get("DISPLAY"):
        return False
    chosen = requested_platform(env)
    if chosen:
        return chosen == "xcb"
    # Qt picks Wayland in a Wayland session; X11 there would read XWayland's black root.
    return not env.get("WAYLAND_DISPLAY")


class _Job:
    """One capture on a daemon thread (a server that never answers must not keep Helpline
    from exiting). Its connection stays open until the capture is taken, by when Qt has
    connected too: see ``read_root``'s ``keep_open``."""

    def __init__(self, display: str | None) -> None:
        self.result: RootCapture | None = None
        self._close: Callable[[], None] | None = None
        self._thread = threading.Thread(
            target=self._run, args=(display,), name="helpline-x11-capture", daemon=True
        )
        self._thread.start()

    def _run(self, display: str | None) -> None:
        try:
            from app.collectors.xcb_image import read_root

            self.result = read_root(display, keep_open=self._keep)
        except Exception:
            self.result = None

    def _keep(self, close: Callable[[], None]) -> None:
        self._close = close

    def wait(self, timeout: float) -> RootCapture | None:
        self._thread.join(timeout)
        if self._thread.is_alive():
            return None
        if self._close is not None:
            self._close()
            self._close = None
        return self.result


_JOB: _Job | None = None


def start(allowed: bool = True, environ: Mapping[str, str] | None = None) -> bool:
    """Begin the capture now, before Qt loads, if Qt will probably run on X11 and
    ``allowed`` (the configuration's ``attachments.screenshot``): it reads the screen at
    once. Returns whether a capture is under way."""
    global _JOB
    if _JOB is None and allowed and wanted(environ):
        _JOB = _Job((os.environ if environ is None else environ).get("DISPLAY"))
    return _JOB is not None


def take(timeout: float = WAIT_SECONDS) -> RootCapture | None:
    """The capture ``start()`` began, waiting for it if needed; None if none was started,
    it failed, or it is late. Each capture is handed out once."""
    global _JOB
    job, _JOB = _JOB, None
    return job.wait(timeout) if job is not None else None
