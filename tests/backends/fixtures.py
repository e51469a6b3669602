"""Small pieces of setup the adapter tests share: files to send, and requests to file."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from app.core.model import Attachment, NewTicket, Requester

#: The customer the adapter tests file requests for.
ME = Requester(name="Casey Customer", email="customer@example.org")


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """``data`` written to ``folder/name`` (the folder made if needed), for a test to attach."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def attach_file(folder: Path, name: str, data: bytes) -> Attachment:
    """The same file as an :class:`Attachment`, the way the wizard hands it to an adapter."""
    return Attachment.from_path(write_file(folder, name, data))


def footed_ticket(subject: str, body: str, *files: Path, **extra: Any) -> NewTicket:
    """A request as the wizard sends it: a fresh reference, with its footer ending the body.

    The reference's first eight characters end the subject, so that the tickets of
    different tests tell apart on a server they share.
    """
    ref = str(uuid.uuid4())
    return NewTicket(
        subject=f"{subject} ({ref[:8]})",
        body=f"{body}\n\nHelpline reference: {ref}",
        requester=ME,
        client_ref=ref,
        attachments=tuple(Attachment.from_path(f) for f in files),
        **extra,
    )
