"""The cyclic garbage collector paused until the first window has painted.

Until the first window has painted, Python's cyclic garbage
collector only slows the start down. Loading PySide6 and building the first page make
hundreds of thousands of objects, almost none of them garbage, and the collector walks
them again and again: 7-8 ms of a start that has about 45 ms to spend on everything that
is Helpline's own (issue 8). So every command starts with the collector paused. ``app.cli``
switches it back on as soon as it knows the command paints no window (the tray, the
command-line commands); otherwise ``resume_collector()`` runs after the first paint and
freezes what start-up made, so later collections, which run on the GUI thread, do not walk
those objects again.

This module must stay cheap to import: :mod:`app.launch` imports it before everything
else on every start.
"""

from __future__ import annotations

import gc

#: Commands whose window reports its first paint (app.ui.app): the collector stays paused
#: for them until that paint. ``app.cli`` resumes it for every other command as soon as
#: it has parsed the command line.
WINDOW_COMMANDS = frozenset({"gui", "requests", "new", "open-url"})


def pause_collector() -> None:
    gc.disable()


def resume_collector() -> None:
    """Switch the collector back on; objects made so far are frozen (left out of later
    collections). Harmless when it was never paused."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
