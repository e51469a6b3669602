"""A minimal X11 system tray host, so tests and the benchmark see a desktop with a tray.

It does what the freedesktop System Tray Protocol asks of a tray
(https://specifications.freedesktop.org/systemtray-spec/latest/): own the
``_NET_SYSTEM_TRAY_S<screen>`` selection with a window of its own, announce it with a
``MANAGER`` client message on the root window, and on ``SYSTEM_TRAY_REQUEST_DOCK``
reparent the icon's window into its own and map it (XEmbed's first step). Debian's tray
hosts (stalonetray, trayer) have no installable candidate here; this is the part of them
that Qt's tray icon needs in order to show itself (``QSystemTrayIcon`` then draws its
icon, shows its menu and its balloon messages).

    python tests/tray_host.py   # prints its PID once the selection is owned, then
                                # "docked <window>" for each icon it takes in
"""

from __future__ import annotations

import os
import sys

from Xlib import X, Xatom, display
from Xlib.protocol import event

SYSTEM_TRAY_REQUEST_DOCK = 0


def main() -> int:
    screen_no = 0
    dpy = display.Display()
    screen = dpy.screen(screen_no)
    root = screen.root
    tray = root.create_window(
        0,
        0,
        240,
        32,
        0,
        screen.root_depth,
        X.InputOutput,
        X.CopyFromParent,
        background_pixel=screen.white_pixel,
        event_mask=X.SubstructureNotifyMask | X.StructureNotifyMask,
    )
    tray.set_wm_name("helpline-test-tray")
    tray.map()
    selection = dpy.intern_atom(f"_NET_SYSTEM_TRAY_S{screen_no}")
    opcode = dpy.intern_atom("_NET_SYSTEM_TRAY_OPCODE")
    manager = dpy.intern_atom("MANAGER")
    orientation = dpy.intern_atom("_NET_SYSTEM_TRAY_ORIENTATION")
    tray.change_property(orientation, Xatom.CARDINAL, 32, [0])
    tray.set_selection_owner(selection, X.CurrentTime)
    dpy.flush()
    if dpy.get_selection_owner(selection) != tray:
        print("another tray owns the selection", file=sys.stderr)
        return 1
    root.send_event(
        event.ClientMessage(
            window=root,
            client_type=manager,
            data=(32, [X.CurrentTime, selection, tray.id, 0, 0]),
        ),
        event_mask=X.StructureNotifyMask,
    )
    dpy.flush()
    print(os.getpid(), flush=True)
    x = 0
    while True:
        ev = dpy.next_event()
        if ev.type == X.ClientMessage and ev.client_type == opcode:
            _format, data = ev.data
            if data[1] == SYSTEM_TRAY_REQUEST_DOCK:
                icon = dpy.create_resource_object("window", data[2])
                icon.reparent(tray, x, 0)
                icon.configure(width=24, height=24)
                icon.map()
                x += 24
                dpy.flush()
                print(f"docked {data[2]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
