"""The process's entry point (the ``helpline`` script, ``python -m app``, the frozen build).

Every command starts with the garbage collector paused (:mod:`app.gc_pause`); the command
line switches it back on as soon as it knows no window's first paint is coming.
"""

from __future__ import annotations

from app import gc_pause


def main() -> int:
    """Run the command line; the exit code is returned for ``sys.exit``."""
    gc_pause.pause_collector()
    try:
        from app.cli import main as run

        return run()
    finally:
        gc_pause.resume_collector()
