"""The filing service: check, compose, keep safe in the outbox, deliver.

The wizard, the CLI and the tests all go through :class:`Submission`, so a
request filed from any of them takes exactly the same path and is in the
outbox before the first byte goes to a helpdesk.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from app.backends import create_backend
from app.core import identity, paths
from app.core.attachments import (
    EvidenceFile,
    check_file,
    check_total,
    distinct_names,
    kept_files_line,
    with_line,
)
from app.core.config import Category, Config
from app.core.drafts import DraftStore
from app.core.form import RequestForm, compose
from app.core.helpdesk import Backend, Capabilities
from app.core.model import Attachment, NewTicket
from app.core.outbox import Item, Outbox

log = logging.getLogger(__name__)


class Submission:
    def __init__(self, config: Config, root: Path | None = None,
                 backend_factory: Callable[[Config], Backend] = create_backend) -> None:
        self.config = config
        self.root = root or paths.data_dir()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # drafts write into it first
        self.outbox = Outbox(self.root, config["outbox.retry_seconds"],
                             config["outbox.retry_max_seconds"], config["outbox.keep_sent_days"])
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
            return replace(ticket, body=with_line(ticket.body, line), attachments=()), \
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
