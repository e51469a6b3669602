"""Bundled files (stylesheet template, logo, icons, translations), found the same way
everywhere.

They sit next to this module in a source checkout, an installed wheel and the frozen
build alike (PyInstaller puts data files beside the module's place in its archive), so
they are read as plain files. ``importlib.resources`` would also reach files inside a zip,
which Helpline is never installed as, and costs the first paint more (docs/performance.md).
This module stays Qt-free; the UI turns the bytes into icons and pixmaps.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def path(*parts: str) -> Path:
    """Where a bundled file is (it may be missing from a broken installation)."""
    return FOLDER.joinpath(*parts)


def exists(name: str) -> bool:
    return path(name).is_file()


def read_bytes(name: str) -> bytes:
    """The bytes of a bundled file; raises FileNotFoundError naming the file."""
    try:
        return path(name).read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"Helpline resource '{name}' is missing from this installation."
        ) from None


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")
