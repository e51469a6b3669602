"""The submission pipeline: check, compose, keep safe in the outbox, deliver.

The wizard, the CLI and the tests all go through :class:`Submission`, so a
request filed from any of them takes exactly the same path and is in the
outbox before the first byte goes to a helpdesk.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.backends import create_backend
from app.backends.base import Backend, Capabilities
from app.core import identity, paths
from app.core.config import Category, Config
from app.core.drafts import DraftStore
from app.core.form import RequestForm, compose
from app.core.model import Attachment, NewTicket
from app.core.outbox import Item, Outbox

log = logging.getLogger(__name__)
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
    """A size in English for the CLI and the request body; windows use the locale's
    (:func:`app.ui.i18n.file_size`)."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def check_file(path: str) -> int:
    """The size of a file the user wants to attach, or a clear reason it cannot go."""
    p = Path(path)
    name = p.name or path
    if not p.exists():
        raise AttachmentProblem(f"The file {name} is no longer there. Please add it again "
                                "or leave it out.", "missing", name=name)
    if p.is_dir():
        raise AttachmentProblem(f"{name} is a folder. Please attach the files in it, "
                                "or a zip of it.", "folder", name=name)
    if not os.access(p, os.R_OK):
        raise AttachmentProblem(f"Helpline is not allowed to read {name}. Please check its "
                                "permissions or leave it out.", "unreadable", name=name)
    return p.stat().st_size


def check_total(attachments: tuple[Attachment, ...], limit: int) -> None:
    total = sum(a.size for a in attachments)
    if total > limit:
        biggest = max(attachments, key=lambda a: a.size)
        raise AttachmentProblem(
            f"The attachments add up to {human_size(total)}, more than the "
            f"{human_size(limit)} the helpdesk accepts. Please leave out {biggest.filename} "
            f"({human_size(biggest.size)}) or attach a smaller file.", "too_big", total=total,
            limit=limit, name=biggest.filename, size=biggest.size)


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
    return ("Not attached, because this helpdesk does not take files; kept on the "
            f"requester's computer (in the Helpline receipt): {', '.join(names)}.")


def _with_line(body: str, line: str) -> str:
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


class Submission:
    def __init__(self, config: Config, root: Path | None = None,
                 backend_factory: Callable[[Config], Backend] = create_backend) -> None:
        self.config = config
        self.root = root or paths.data_dir()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # drafts write into it first
        self.outbox = Outbox(self.root, config["outbox.retry_seconds"],
                             config["outbox.retry_max_seconds"])
        self.drafts = DraftStore(self.root)
        self._backend_factory = backend_factory
        self._backend: Backend | None = None
        self._capabilities: Capabilities | None = None
        #: client_ref -> names of the files kept on this computer because the helpdesk
        #: takes none (set by :meth:`enqueue`, read by the CLI and the pages after it).
        self.kept_back: dict[str, tuple[str, ...]] = {}
        #: Set by the layer where the user reviewed the outgoing text (the wizard's
        #: context): turns the composed ticket into the one shown and kept, with secrets
        #: masked as the user left them. Core knows no scanner, so it is handed in.
        self.outgoing_filter: Callable[[NewTicket], NewTicket] | None = None
        #: Called on the same worker with each item right after it is safe in the outbox
        #: (the receipt writer); a hook that fails is logged and never fails the request.
        self.after_enqueue: list[Callable[[Item], object]] = []

    @property
    def backend(self) -> Backend:
        """Created on first use, in whichever worker needs it first."""
        if self._backend is None:
            self._backend = self._backend_factory(self.config)
        return self._backend

    def capabilities(self) -> Capabilities:
        """What the backend can do, asked once and kept; may create the backend, so call it
        on a worker. The GUI thread reads :attr:`known_capabilities` instead."""
        if self._capabilities is None:
            self._capabilities = self.backend.capabilities()
        return self._capabilities

    @property
    def known_capabilities(self) -> Capabilities | None:
        """The capabilities once a worker has asked for them; None before."""
        return self._capabilities

    def reset_backend(self) -> None:
        """Forget the backend, so the next use signs in again (after the sign-in dialog)."""
        backend, self._backend = self._backend, None
        self._capabilities = None  # another account may be allowed more, or less
        if backend is not None:
            backend.close()

    def category(self, form: RequestForm) -> Category | None:
        return self.config.category(form.category)

    def write_evidence(self, client_ref: str, files: list[EvidenceFile]) -> tuple[Attachment, ...]:
        """Put collected evidence on disk (privately) so the outbox can spool it."""
        folder = self.root / "evidence" / client_ref
        shutil.rmtree(folder, ignore_errors=True)
        for level in (folder.parent, folder):  # parents=True would give "evidence" 0755
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
        out = []
        for item in files:
            target = paths.private_file(folder / item.filename)
            target.write_bytes(item.data)
            out.append(Attachment(filename=item.filename, size=len(item.data),
                                  content_type=item.content_type, path=str(target),
                                  kind=item.kind))
        return tuple(out)

    def compose(self, form: RequestForm, evidence: tuple[Attachment, ...] = ()) -> NewTicket:
        """The ticket as it will be sent; a helpdesk known to take no files gets none."""
        return self._compose(form, evidence)[0]

    def _compose(self, form: RequestForm, evidence: tuple[Attachment, ...] = ()) -> tuple[
            NewTicket, tuple[Attachment, ...]]:
        """The ticket to send, and the files kept back on this computer (for the receipt).

        Whether files can go is decided here, upfront, from the capabilities a worker
        fetched: an adapter that cannot take files refuses them, and the outbox would mark
        the whole request failed for good. Unknown capabilities send the files.
        """
        category = self.category(form)
        label = category.label if category else (form.category or "Not chosen")
        questions = {q.id: q.label for q in category.questions} if category else {}
        for path in form.files:
            check_file(path)
        ticket = compose(form, label, questions, evidence)
        if self.outgoing_filter is not None:
            ticket = self.outgoing_filter(ticket)
        attachments = distinct_names(ticket.attachments)
        caps = self._capabilities
        if attachments and caps is not None and not caps.attachments:
            line = kept_files_line([a.filename for a in attachments])
            return replace(ticket, body=_with_line(ticket.body, line), attachments=()), \
                attachments
        check_total(attachments, self.config.max_attachment_bytes)
        return replace(ticket, attachments=attachments), ()

    def enqueue(self, form: RequestForm, evidence: tuple[Attachment, ...] = ()) -> Item:
        """Keep the request safe. After this returns, nothing the user typed can be lost.

        Nothing here talks to the helpdesk: whether files can go is read from the
        capabilities a worker fetched before (:meth:`capabilities`); unknown ones send the
        files as before. The after-enqueue hooks see the item as kept plus the files kept
        back, so the receipt holds them even though the helpdesk does not get them.
        """
        ticket, kept = self._compose(form, evidence)
        if form.reply_to:
            item = self.outbox.add_reply(form.reply_to, ticket.body, ticket.attachments,
                                         client_ref=form.client_ref)
        else:
            item = self.outbox.add_ticket(ticket)
        if kept:
            self.kept_back[item.client_ref] = tuple(a.filename for a in kept)
        shown = item if not kept else replace(item, payload={
            **item.payload, "attachments": [a.to_dict() for a in kept],
            "kept_on_this_computer": list(self.kept_back[item.client_ref])})
        for hook in self.after_enqueue:
            try:
                hook(shown)
            except Exception:  # the request is safe; a receipt is a courtesy
                log.exception("after-enqueue hook %r failed", hook)
        shutil.rmtree(self.root / "evidence" / form.client_ref, ignore_errors=True)
        if self.config["requester.remember"]:
            identity.remember(ticket.requester, self.root)
        self.drafts.clear()
        return item

    def deliver(self, client_ref: str, progress: Callable[[str], None] | None = None,
                force: bool = True) -> Item:
        item = self.outbox.deliver(client_ref, self.backend, force=force, progress=progress)
        if item is None:
            raise KeyError(client_ref)
        return item
