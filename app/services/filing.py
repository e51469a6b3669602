"""The filing service: check, compose, keep safe in the outbox, deliver.

The wizard, the CLI and the tests all go through :class:`Submission`, so a
request filed from any of them takes exactly the same path and is in the
outbox before the first byte goes to a helpdesk.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.backends import create_backend
from app.collectors import outgoing, receipts
from app.collectors.outgoing import TextPart
from app.collectors.secrets import Scanner
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
from app.core.form import ENGLISH, BodyLabels, RequestForm, compose
from app.core.helpdesk import Backend, Capabilities
from app.core.model import Attachment, NewTicket
from app.core.outbox import Item, Outbox
from app.services.followup import FollowUps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Choices:
    """What the person decided on Review that the form does not hold."""

    #: Values the scanner found in the description that they chose to send clear.
    clear: frozenset[str] = frozenset()
    #: The request text's words in their language (None: English, as the CLI writes it).
    labels: BodyLabels | None = None
    #: The category's name and its guided questions as they read them (None: as IT wrote).
    category_label: str | None = None
    question_labels: Mapping[str, str] | None = None
    #: Per file of theirs (by path): the values found in it they chose to send clear.
    file_clear: Mapping[str, frozenset[str]] | None = None


@dataclass(frozen=True)
class Outgoing:
    """A request exactly as it leaves the machine: what Review shows, what enqueue keeps."""

    form: RequestForm
    #: The ticket as sent: text masked, attachments with distinct names (evidence ones
    #: without a path until :meth:`Submission.enqueue` writes them).
    ticket: NewTicket
    #: The description as scanned: its findings, and which of them go clear.
    description: TextPart
    #: The bytes of every attachment without a path, in the ticket's order: the user's
    #: text files with secrets (masked), then the evidence.
    evidence: tuple[EvidenceFile, ...] = ()
    #: Files that stay on this computer because the helpdesk takes none.
    kept_back: tuple[Attachment, ...] = ()
    #: The user's own text files as scanned (``note``: the path), in the form's order.
    files: tuple[TextPart, ...] = ()


class Submission:
    def __init__(
        self,
        config: Config,
        root: Path | None = None,
        backend_factory: Callable[[Config], Backend] = create_backend,
    ) -> None:
        self.config = config
        self.root = root or paths.data_dir()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # drafts write into it first
        self.outbox = Outbox(
            self.root,
            config["outbox.retry_seconds"],
            config["outbox.retry_max_seconds"],
            config["outbox.keep_sent_days"],
        )
        self.drafts = DraftStore(self.root)
        self._backend_factory = backend_factory
        self._backend: Backend | None = None
        self._capabilities: Capabilities | None = None
        self._scanner: Scanner | None = None
        self._file_scans: dict[tuple[str, int, int], TextPart | None] = {}

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

    def scanner(self) -> Scanner:
        """The secret scanner IT's ``privacy.*`` settings ask for (compiled on first use)."""
        if self._scanner is None:
            self._scanner = outgoing.scanner_for(self.config)
        return self._scanner

    def prepare(
        self,
        form: RequestForm,
        evidence: Sequence[EvidenceFile] = (),
        choices: Choices | None = None,
    ) -> Outgoing:
        """The request exactly as it will be sent, composed once: what Review shows and
        :meth:`enqueue` keeps.

        ``evidence`` is the collected evidence the user kept (already scrubbed as they left
        it); ``choices`` the secrets in the description they chose to send clear. Everything
        else the scanner finds is masked. Raises :class:`AttachmentProblem` when a file
        cannot go. Whether files can go at all is read from the capabilities a worker
        fetched before (:meth:`capabilities`); unknown ones send the files.
        """
        choices = choices or Choices()
        category = self.category(form)
        label = choices.category_label or (
            category.label if category else (form.category or "Not chosen")
        )
        worded = choices.question_labels or {}
        questions = (
            {q.id: worded.get(q.id, q.label) for q in category.questions} if category else {}
        )
        labels = choices.labels or ENGLISH
        for path in form.files:
            check_file(path)
        files = tuple(
            Attachment(
                filename=f.filename, size=len(f.data), content_type=f.content_type, kind=f.kind
            )
            for f in evidence
        )
        composed = compose(form, label, questions, files, labels)
        part = outgoing.description_part(composed, self.scanner(), labels.requested_by + " ")
        part.keep.update(
            i for i, f in enumerate(part.findings) if part.text[f.start : f.end] in choices.clear
        )
        ticket = outgoing.masked_ticket(composed, part, self.scanner())
        texts, masked = self._scan_files(form, choices)
        if masked:  # these go as their masked bytes, written at enqueue like the evidence
            mine = list(ticket.attachments)  # the form's files first, in its order
            for number, file in masked.items():
                mine[number] = replace(
                    mine[number], path=None, size=len(file.data), content_type="text/plain"
                )
            ticket = replace(ticket, attachments=tuple(mine))
            evidence = (*masked.values(), *evidence)
        attachments = distinct_names(ticket.attachments)
        caps = self._capabilities
        kept: tuple[Attachment, ...] = ()
        if attachments and caps is not None and not caps.attachments:
            line = kept_files_line([a.filename for a in attachments])
            ticket = replace(ticket, body=with_line(ticket.body, line), attachments=())
            kept = attachments
        else:
            check_total(attachments, self.config.max_attachment_bytes)
            ticket = replace(ticket, attachments=attachments)
        return Outgoing(
            form=form,
            ticket=ticket,
            description=part,
            evidence=tuple(evidence),
            kept_back=kept,
            files=texts,
        )

    def _scan_files(
        self, form: RequestForm, choices: Choices
    ) -> tuple[tuple[TextPart, ...], dict[int, EvidenceFile]]:
        """The user's text files scanned like the description (what they unmasked on
        Review kept clear), and the masked bytes of those with something found, by their
        place in ``form.files``."""
        texts, masked = [], {}
        for number, path in enumerate(form.files):
            found = self._file_scan(path)
            if found is None:
                continue
            clear = (choices.file_clear or {}).get(path, frozenset())
            found.keep.update(
                i for i, f in enumerate(found.findings) if found.text[f.start : f.end] in clear
            )
            texts.append(found)
            if found.findings:
                masked[number] = EvidenceFile(found.name, found.data(), "text/plain", "file")
        return tuple(texts), masked

    def unscanned(self, paths: Sequence[str]) -> list[str]:
        """The files whose current version has not been scanned yet (a ``stat`` each): what
        :meth:`scan_ahead` should read on a worker before the GUI prepares the request."""
        waiting = []
        for path in paths:
            try:
                stat = Path(path).stat()
            except OSError:
                continue  # prepare says the file is gone
            if (path, stat.st_size, stat.st_mtime_ns) not in self._file_scans:
                waiting.append(path)
        return waiting

    def scan_ahead(self, paths: Sequence[str]) -> None:
        """Runs on a worker: read and scan the user's files, so that preparing the request
        on the GUI thread finds them scanned (a large log costs ~24 ms per MB)."""
        for path in paths:
            self._file_scan(path)

    def _file_scan(self, path: str) -> TextPart | None:
        """A fresh part for the user's file, scanned once per version of the file: Review
        prepares the request again on every change, and a large log costs ~24 ms per MB to
        scan (the cache is keyed by path, size and modification time)."""
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in self._file_scans:
            self._file_scans[key] = outgoing.file_part(
                path, self.scanner(), self.config.max_attachment_bytes
            )
        scanned = self._file_scans[key]
        return replace(scanned, keep=set()) if scanned is not None else None

    def _write_evidence(self, client_ref: str, files: Sequence[EvidenceFile]) -> list[str]:
        """Put collected evidence on disk (privately) so the outbox can spool it."""
        folder = self.root / "evidence" / client_ref
        shutil.rmtree(folder, ignore_errors=True)
        for level in (folder.parent, folder):  # parents=True would give "evidence" 0755
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
        written = []
        for number, item in enumerate(files):
            target = paths.private_file(folder / f"{number}-{item.filename}")
            target.write_bytes(item.data)
            written.append(str(target))
        return written

    @staticmethod
    def _with_paths(
        attachments: tuple[Attachment, ...], written: list[str]
    ) -> tuple[Attachment, ...]:
        """The evidence attachments (the ones without a path, in order) pointed at their
        files on disk; the user's own files keep theirs."""
        paths_left = iter(written)
        return tuple(a if a.path else replace(a, path=next(paths_left)) for a in attachments)

    def enqueue(self, outgoing_request: Outgoing) -> Item:
        """Keep the prepared request safe. After this returns, nothing the user typed can be
        lost. Nothing here talks to the helpdesk.

        Writes the evidence, the outbox row and the receipt (which also holds the files
        kept back because the helpdesk takes none); the text is the prepared one, so it is
        scrubbed as Review showed it.
        """
        request = outgoing_request
        form, ticket = request.form, request.ticket
        for path in form.files:  # a file may have gone since Review: say which, keep the draft
            check_file(path)
        written = self._write_evidence(form.client_ref, request.evidence)
        try:
            ticket = replace(ticket, attachments=self._with_paths(ticket.attachments, written))
            kept = self._with_paths(request.kept_back, written)
            if form.reply_to:  # the follow-up service's rules, as for every reply
                followups = FollowUps(
                    self.config, self.outbox, lambda: self.backend, lambda: self._capabilities
                )  # never asks the helpdesk
                item = followups.enqueue_form_reply(
                    form.reply_to, ticket, request.description.clear_values(), form.client_ref
                )
            else:
                item = self.outbox.add_ticket(ticket)
            self._keep_receipt(item, kept)
        finally:
            shutil.rmtree(self.root / "evidence" / form.client_ref, ignore_errors=True)
        if self.config["requester.remember"]:
            identity.remember(ticket.requester, self.root)
        self.drafts.clear()
        return item

    def _keep_receipt(self, item: Item, kept: tuple[Attachment, ...]) -> None:
        """The receipt: what was kept safe, plus the files kept back on this computer.
        A receipt is a courtesy: one that cannot be written never fails the request."""
        shown = (
            item
            if not kept
            else replace(
                item,
                payload={
                    **item.payload,
                    "attachments": [a.to_dict() for a in kept],
                    "kept_on_this_computer": [a.filename for a in kept],
                },
            )
        )
        try:
            receipts.keep_receipt(shown, self.root)
        except Exception:
            log.exception("the receipt of %s could not be written", item.client_ref)

    def deliver(
        self, client_ref: str, progress: Callable[[str], None] | None = None, force: bool = True
    ) -> Item:
        item = self.outbox.deliver(client_ref, self.backend, force=force, progress=progress)
        if item is None:
            raise KeyError(client_ref)
        return item
