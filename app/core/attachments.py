"""Files a request carries: why one cannot go, the total limit, distinct names, sizes.

Plain data and checks shared by the filing and follow-up services and the faces; Qt-free.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.model import Attachment

#: Where render_body puts the reference; the kept-files line goes just before it.
_REFERENCE = "\n\nHelpline reference: "


class AttachmentProblem(Exception):
    """An attachment cannot be sent; the message says which and what to do (in English,
    for the CLI and logs). ``kind`` and ``facts`` carry the same facts for the windows,
    which say it in the user's language (:func:`app.ui.messages.attachment_problem`).

    Kinds: ``missing``, ``folder``, ``unreadable`` (facts: ``name``) and ``too_big``
    (facts: ``total``, ``limit``, ``name``, ``size``; sizes in bytes).
    """

    def __init__(self, message: str, kind: str = "", **facts: str | int) -> None:
        super().__init__(message)
        self.kind = kind
        self.facts = facts


def human_size(size: float) -> str:
    """A size in English for the CLI and the request body, in decimal units (1 kB = 1000
    bytes), as file managers show them and as the windows say it (:func:`app.ui.i18n.file_size`
    gives the same text in English)."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def check_file(path: str) -> int:
    """The size of a file the user wants to attach, or a clear reason it cannot go."""
    p = Path(path)
    name = p.name or path
    if not p.exists():
        raise AttachmentProblem(
            f"The file {name} is no longer there. Please add it again or leave it out.",
            "missing",
            name=name,
        )
    if p.is_dir():
        raise AttachmentProblem(
            f"{name} is a folder. Please attach the files in it, or a zip of it.",
            "folder",
            name=name,
        )
    if not os.access(p, os.R_OK):
        raise AttachmentProblem(
            f"Helpline is not allowed to read {name}. Please check its "
            "permissions or leave it out.",
            "unreadable",
            name=name,
        )
    return p.stat().st_size


def check_total(attachments: tuple[Attachment, ...], limit: int) -> None:
    total = sum(a.size for a in attachments)
    if total > limit:
        biggest = max(attachments, key=lambda a: a.size)
        raise AttachmentProblem(
            f"The attachments add up to {human_size(total)}, more than the "
            f"{human_size(limit)} the helpdesk accepts. Please leave out {biggest.filename} "
            f"({human_size(biggest.size)}) or attach a smaller file.",
            "too_big",
            total=total,
            limit=limit,
            name=biggest.filename,
            size=biggest.size,
        )


def distinct_names(attachments: tuple[Attachment, ...]) -> tuple[Attachment, ...]:
    """Two files called log.txt from different folders arrive as log.txt and log (2).txt.

    Helpdesks list attachments by name (and some store them by name), so the
    second one would otherwise hide or replace the first.
    """
    seen: set[str] = set()
    out = []
    for att in attachments:
        name, number = att.filename, 1
        stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
        while name.casefold() in seen:
            number += 1
            name = f"{stem} ({number}){dot}{ext}"
        seen.add(name.casefold())
        out.append(att if name == att.filename else replace(att, filename=name))
    return tuple(out)


def kept_files_line(names: Sequence[str]) -> str:
    """The one line a request gets when its helpdesk takes no files: which stayed behind.

    Support reads it in the ticket, the requester sees it on the Review page and in
    ``helpline submit``'s output, so both know the files exist and where they are.
    """
    return (
        "Not attached, because this helpdesk does not take files; kept on the "
        f"requester's computer (with the copy of the request Helpline keeps): {', '.join(names)}."
    )


def with_line(body: str, line: str) -> str:
    head, sep, tail = body.rpartition(_REFERENCE)
    if not sep:
        return f"{body.rstrip()}\n\n{line}\n"
    return f"{head.rstrip()}\n\n{line}{sep}{tail}"


@dataclass(frozen=True)
class EvidenceFile:
    """Collected evidence (system info, screenshot) before it becomes an attachment."""

    filename: str
    data: bytes
    content_type: str
    kind: str
