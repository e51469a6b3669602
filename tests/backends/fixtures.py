"""Small pieces of setup the adapter tests share: files to send with a request."""

from __future__ import annotations

from pathlib import Path

from app.core.model import Attachment


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """``data`` written to ``folder/name`` (the folder made if needed), for a test to attach."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def attach_file(folder: Path, name: str, data: bytes) -> Attachment:
    """The same file as an :class:`Attachment`, the way the wizard hands it to an adapter."""
    return Attachment.from_path(write_file(folder, name, data))
