"""Bundled files (stylesheet template, logo, icons), found the same way everywhere.

Everything goes through :mod:`importlib.resources`, so a source checkout, a
wheel and a frozen build all find the files without special cases. This
module stays Qt-free; the UI turns the bytes into icons and pixmaps.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def _file(name: str) -> Traversable:
    return resources.files(__name__).joinpath(name)


def exists(name: str) -> bool:
    return _file(name).is_file()


def read_bytes(name: str) -> bytes:
    """The bytes of a bundled file; raises FileNotFoundError naming the file."""
    target = _file(name)
    if not target.is_file():
        raise FileNotFoundError(f"Helpline resource '{name}' is missing from this installation.")
    return target.read_bytes()


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")
