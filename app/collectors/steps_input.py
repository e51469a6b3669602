"""Clicks and keystrokes anywhere on an X11 desktop, and the window a click landed in.

Global input is hard to do by hand and easy to get subtly wrong, so this uses pynput
(https://pynput.readthedocs.io), which on X11 listens through the RECORD extension. What
this module passes on is deliberately poor: a click is its root coordinates; a keystroke
is the fact that a key was pressed. The key itself is dropped inside pynput's callback,
before anything here could keep, log or send it.

Where global capture cannot work, :func:`global_problem` says why, as a code the faces
word: a Wayland session (by design no program may watch other programs' input), no X
display, an X server without RECORD, or pynput missing. The recorder then offers manual
steps. Qt-free; the callbacks run on pynput's own threads.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

# Problem codes (see app/ui/steps/words.py and app/cli_text.py).
WAYLAND = "wayland"
NO_DISPLAY = "no_display"
NO_RECORD = "no_record"
NO_LIBRARY = "no_library"
OTHER_SYSTEM = "other_system"


def global_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why clicks anywhere cannot be seen here (a code), or None when they can."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return OTHER_SYSTEM
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return WAYLAND
    if not env.get("DISPLAY"):
        return NO_DISPLAY
    try:
        import pynput  # noqa: F401  (only whether it is there)
        from Xlib import display as xdisplay
        from Xlib.error import DisplayError
    except ImportError:
        return NO_LIBRARY
    try:
        conn = xdisplay.Display(env.get("DISPLAY"))
    except (DisplayError, OSError, ValueError):
        return NO_DISPLAY
    try:
        return None if conn.has_extension("RECORD") else NO_RECORD
    finally:
        conn.close()


class InputWatch:
    """pynput's mouse and keyboard listeners, reduced to "clicked at (x, y)" and "a key".

    ``on_click(x, y)`` is called for each button press; ``on_key()`` for each key press
    with no argument at all. Both run on pynput's threads and must return quickly.
    """

    def __init__(self, on_click: Callable[[int, int], None], on_key: Callable[[], None]) -> None:
        self._on_click = on_click
        self._on_key = on_key
        self._listeners: list[Any] = []

    def start(self) -> None:
        from pynput import keyboard, mouse

        def clicked(x: int, y: int, _button: object, pressed: bool) -> None:
            if pressed:
                self._on_click(int(x), int(y))

        def pressed(_key: object) -> None:  # the key is never looked at
            self._on_key()

        self._listeners = [mouse.Listener(on_click=clicked), keyboard.Listener(on_press=pressed)]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()  # both are connected before the first click can be missed

    def stop(self) -> None:
        """Stop both listeners and wait for their threads (milliseconds).

        pynput's own ``stop()`` on X11 leaves its thread waiting for one more input event
        (https://github.com/moses-palmer/pynput/pull/583): the RECORD context is disabled
        on the connection that is blocked reading it. Disabling it again over a connection
        of our own ends the wait at once.
        """
        listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener.stop()
        contexts = [getattr(listener, "_context", None) for listener in listeners]
        if any(c is not None for c in contexts):
            try:
                from Xlib import display as xdisplay

                conn = xdisplay.Display()
                try:
                    for context in contexts:
                        if context is not None:
                            conn.record_disable_context(context)
                    conn.sync()
                finally:
                    conn.close()
            except Exception:
                pass  # the threads then end with the next input event
        for listener in listeners:
            listener.join(2.0)


class WindowInfo:
    """The title and program of the top-level window at a point, read over a connection
    of its own (python-xlib connections are not shared between threads: one per user)."""

    def __init__(self, display: str | None = None) -> None:
        from Xlib import display as xdisplay

        self._display = xdisplay.Display(display)
        self._atoms = {
            name: self._display.intern_atom(name)
            for name in ("_NET_WM_NAME", "UTF8_STRING", "WM_STATE", "_NET_WM_PID")
        }

    def close(self) -> None:
        self._display.close()

    def at(self, x: int, y: int) -> tuple[str, str, int]:
        """(title, program, pid) of the topmost viewable window containing (x, y);
        empty strings and 0 where the window does not say."""
        from Xlib import X
        from Xlib.error import XError

        root = self._display.screen().root
        try:
            for child in reversed(root.query_tree().children):  # topmost first
                if child.get_attributes().map_state != X.IsViewable:
                    continue
                geo = child.get_geometry()
                if not (geo.x <= x < geo.x + geo.width and geo.y <= y < geo.y + geo.height):
                    continue
                client = self._client(child) or child
                return self._title(client), self._program(client), self._pid(client)
        except XError:
            pass  # the window went away while we looked
        return "", "", 0

    def _client(self, window: Any, depth: int = 3) -> Any | None:
        """The window a window manager's frame holds (the one with WM_STATE)."""
        if window.get_full_property(self._atoms["WM_STATE"], 0) is not None:
            return window
        if depth:
            for child in window.query_tree().children:
                found = self._client(child, depth - 1)
                if found is not None:
                    return found
        return None

    def _title(self, window: Any) -> str:
        prop = window.get_full_property(self._atoms["_NET_WM_NAME"], self._atoms["UTF8_STRING"])
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = window.get_wm_name()
        if isinstance(name, bytes):
            return name.decode("latin-1")
        return str(name or "")

    def _pid(self, window: Any) -> int:
        from Xlib import Xatom

        prop = window.get_full_property(self._atoms["_NET_WM_PID"], Xatom.CARDINAL)
        return int(prop.value[0]) if prop is not None and len(prop.value) else 0

    def _program(self, window: Any) -> str:
        pid = self._pid(window)
        if pid:
            try:
                import psutil

                return str(psutil.Process(pid).name())
            except Exception:
                pass
        wm_class = window.get_wm_class()
        return str(wm_class[1]) if wm_class else ""


def window_manager_running(display: str | None = None) -> bool:
    """Whether an EWMH window manager runs (``_NET_SUPPORTING_WM_CHECK`` on the root).

    Without one, "minimise" leaves a window on the screen, so the recorder hides the
    wizard instead of minimising it."""
    try:
        from Xlib import display as xdisplay

        conn = xdisplay.Display(display)
    except Exception:
        return True  # not X11: the platform's own minimise applies
    try:
        atom = conn.intern_atom("_NET_SUPPORTING_WM_CHECK", only_if_exists=True)
        return bool(atom) and conn.screen().root.get_full_property(atom, 0) is not None
    except Exception:
        return True
    finally:
        conn.close()


class GrabbedKey:
    """One global shortcut (Ctrl+Alt+``keysym``) through X11's own key grab (``XGrabKey``),
    which needs no RECORD: the fallback's "Capture this step" from the keyboard, and the
    remote-help bar's Stop (the bar never takes focus, so the keyboard reaches it only so).
    ``on_press()`` runs on this object's thread. :meth:`start` returns False when another
    program holds the key.
    """

    #: Ctrl+Alt+S ("step"); NumLock and CapsLock must not stop it from working.
    KEYSYM = "s"

    def __init__(
        self, on_press: Callable[[], None], display: str | None = None, keysym: str = ""
    ) -> None:
        self._on_press = on_press
        self._keysym = keysym or self.KEYSYM
        self._display_name = display
        self._conn: Any = None
        self._thread: Any = None
        self._stop_r, self._stop_w = os.pipe()

    def start(self) -> bool:
        import threading

        from Xlib import XK, X
        from Xlib import display as xdisplay
        from Xlib.error import CatchError

        self._conn = xdisplay.Display(self._display_name)
        root = self._conn.screen().root
        code = self._conn.keysym_to_keycode(XK.string_to_keysym(self._keysym))
        base = X.ControlMask | X.Mod1Mask
        failed = CatchError()
        for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            root.grab_key(
                code, base | extra, False, X.GrabModeAsync, X.GrabModeAsync, onerror=failed
            )
        self._conn.sync()
        if failed.get_error() is not None:
            self._conn.close()
            self._conn = None
            return False
        self._thread = threading.Thread(target=self._run, name="helpline-steps-key", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        import select

        from Xlib import X

        conn = self._conn
        while True:
            ready, _, _ = select.select([conn.fileno(), self._stop_r], [], [])
            if self._stop_r in ready:
                return
            while conn.pending_events():
                if conn.next_event().type == X.KeyPress:
                    self._on_press()

    def stop(self) -> None:
        if self._thread is not None:
            os.write(self._stop_w, b"x")
            self._thread.join(2.0)
            self._thread = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for fd in (self._stop_r, self._stop_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._stop_r = self._stop_w = -1
