"""The process's entry point (the ``helpline`` script, ``python -m app``, the frozen build).

It exists for one reason: until the first window has painted, Python's cyclic garbage
collector only slows the start down. Loading PySide6 and building the first page make
hundreds of thousands of objects, almost none of them garbage, and the collector walks
them again and again: 7-8 ms of a start that has about 45 ms to spend on everything that
is Helpline's own (issue 8). So a command that opens a window starts with the collector
paused; ``resume_collector()`` switches it back on after the first paint (and at once for
the tray, which paints nothing), and freezes what start-up made, so later collections,
which run on the GUI thread, do not walk those objects again.

This module must stay cheap to import: it runs before everything else on every start.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

#: Commands whose window reports its first paint (app.ui.app). ``helpline`` alone opens
#: the wizard; options come first.
WINDOW_COMMANDS = frozenset({"gui", "requests", "new", "open-url"})
#: Global options followed by a value (``--config FILE``, ``--set KEY=VALUE``).
_OPTIONS_WITH_VALUE = frozenset({"--config", "--set"})


def opens_window(argv: Sequence[str]) -> bool:
    """Whether this command line opens a window, so the collector may wait for its paint."""
    words = iter(argv)
    for word in words:
        if word in _OPTIONS_WITH_VALUE:
            next(words, None)
        elif word in ("-h", "--help", "--version"):
            return False
        elif not word.startswith("-"):
            return word in WINDOW_COMMANDS or "://" in word  # a link opens the wizard
    return True


def pause_collector() -> None:
    gc.disable()


def resume_collector() -> None:
    """Switch the collector back on; objects made so far are frozen (left out of later
    collections). Harmless when it was never paused."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> int:
    """Run the command line; the exit code is returned for ``sys.exit``."""
    if opens_window(sys.argv[1:]):
        pause_collector()
    try:
        from app.cli import main as run

        return run()
    finally:
        resume_collector()
