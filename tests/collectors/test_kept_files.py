"""A helpdesk that takes no files: the request goes without them, says so, and the receipt
keeps them (app.services.filing with app.collectors.receipts)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from app.backends.local import LocalBackend
from app.collectors import receipts
from app.collectors.bundle import verify_bundle
from app.core.attachments import EvidenceFile, kept_files_line
from app.core.config import load
from app.core.form import RequestForm
from app.core.helpdesk import Capabilities
from app.core.model import Attachment, Message, NewTicket, Requester, Ticket
from app.core.outbox import State
from app.services.filing import Submission


class NoFiles(LocalBackend):
    """The local backend, but saying (like GitHub) that it cannot take files."""

    NOTE = "Files cannot be attached here; they are kept in the receipt on this computer."

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.created: list[NewTicket] = []
        self.asked = 0

    def capabilities(self) -> Capabilities:
        self.asked += 1
        return Capabilities(attachments=False, limits_note=self.NOTE)

    def create(self, ticket: NewTicket) -> Ticket:
        self.created.append(ticket)
        if ticket.attachments:  # what the GitHub adapter does
            raise AssertionError("files reached an adapter that cannot take them")
        return super().create(ticket)

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        assert not attachments
        return super().reply(ticket_id, text, attachments)


def _setup(tmp_path: Path) -> tuple[Submission, NoFiles, RequestForm]:
    root = tmp_path / "data"
    backend = NoFiles(root / "helpdesk")
    submission = Submission(load(env={}), root=root, backend_factory=lambda _c: backend)
    note = tmp_path / "notes.txt"
    note.write_text("steps to reproduce\n", "utf-8")
    form = RequestForm(
        requester=Requester(name="Ada", email="ada@example.org"),
        category="computer",
        summary="Laptop is slow",
        happened="Every morning it takes ten minutes",
        files=[str(note)],
    )
    return submission, backend, form


def test_no_attachments_capability_sends_without_files_and_keeps_them(tmp_path: Path) -> None:
    submission, backend, form = _setup(tmp_path)
    assert submission.known_capabilities is None  # nothing asked on construction
    assert submission.capabilities().limits_note == NoFiles.NOTE  # a worker asks, once
    submission.capabilities()
    assert backend.asked == 1
    evidence = [EvidenceFile("system-info.txt", b"OS: Linux\n", "text/plain", "system-info")]

    request = submission.prepare(form, evidence)
    item = submission.enqueue(request)
    line = kept_files_line(["notes.txt", "system-info.txt"])
    assert [a.filename for a in request.kept_back] == ["notes.txt", "system-info.txt"]
    assert item.payload["attachments"] == [] and line in item.payload["body"]
    assert submission.deliver(item.client_ref).state is State.SENT

    (sent,) = backend.created
    assert sent.attachments == ()
    assert line in sent.body
    assert sent.body.count("not take files") == 1
    assert sent.body.rstrip().endswith(f"Helpline reference: {form.client_ref}")

    receipt = receipts.receipt_path(item.client_ref, submission.root)
    assert receipt is not None
    names = {f.name for f in verify_bundle(receipt).files}
    assert {"attachments/notes.txt", "attachments/system-info.txt"} <= names
    with zipfile.ZipFile(receipt) as archive:
        assert archive.read("attachments/notes.txt") == b"steps to reproduce\n"
        assert archive.read("attachments/system-info.txt") == b"OS: Linux\n"
        assert line in archive.read("description.txt").decode("utf-8")
        assert b'"kept_on_this_computer"' in archive.read("request.json")


def test_until_capabilities_are_known_the_files_go(tmp_path: Path) -> None:
    """compose never asks the backend itself: the GUI thread calls it."""
    submission, backend, form = _setup(tmp_path)
    ticket = submission.prepare(form).ticket
    assert [a.filename for a in ticket.attachments] == ["notes.txt"]
    assert backend.asked == 0
    submission.capabilities()
    assert submission.prepare(form).ticket.attachments == ()
    submission.reset_backend()  # another sign-in may allow more: asked again
    assert submission.known_capabilities is None


def test_a_request_without_files_gets_no_line(tmp_path: Path) -> None:
    submission, _backend, form = _setup(tmp_path)
    form.files = []
    submission.capabilities()
    request = submission.prepare(form)
    item = submission.enqueue(request)
    assert "not take files" not in item.payload["body"]
    assert request.kept_back == ()
