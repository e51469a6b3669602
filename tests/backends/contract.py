"""The contract every adapter keeps, as one reusable test suite.

Subclass :class:`BackendContract` in a ``test_*.py`` file and provide a
``backend`` fixture (and, where the backend has a support side a test can
drive, override :meth:`support_reply`). Every adapter, from ``local`` to a
real RT5, then answers the same questions the same way.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app.core.helpdesk import Backend, Capabilities, NotFound
from app.core.model import Attachment, NewTicket, Requester, Status, Ticket, now_utc

REQUESTER = Requester(name="Casey Customer", email="customer@example.org")


class BackendContract:
    """Tests shared by every adapter. Subclasses provide the ``backend`` fixture."""

    @pytest.fixture
    def backend(self) -> Backend:
        raise NotImplementedError("provide a backend fixture")

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        """Answer as support; return False where the suite cannot play that side."""
        return False

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def files(folder: Path) -> tuple[Attachment, Attachment]:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "app.log"
        log.write_text("line 1\nline 2\n")
        shot = folder / "screen.png"
        shot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
        return Attachment.from_path(log), Attachment.from_path(shot, kind="screenshot")

    def new_ticket(
        self, folder: Path, attachments: tuple[Attachment, ...] = (), subject: str = ""
    ) -> NewTicket:
        ref = str(uuid.uuid4())
        return NewTicket(
            subject=subject or f"Contract {ref[:8]}: the printer prints blank pages",
            body=f"Every page comes out blank since this morning.\n\nHelpline reference: {ref}",
            requester=REQUESTER,
            client_ref=ref,
            attachments=attachments,
        )

    # -- the contract ---------------------------------------------------------------------

    def test_capabilities_and_whoami(self, backend: Backend) -> None:
        assert isinstance(backend.capabilities(), Capabilities)
        assert isinstance(backend.whoami(), Requester)

    def test_create_then_get(self, backend: Backend, tmp_path: Path) -> None:
        wanted = self.new_ticket(tmp_path, self.files(tmp_path / "in"))
        created = backend.create(wanted)
        assert isinstance(created, Ticket)
        assert created.subject == wanted.subject
        assert created.status in (Status.NEW, Status.OPEN)
        assert created.raw_status
        again = backend.get(created.id)
        assert (again.id, again.subject) == (created.id, created.subject)

    def test_find_by_client_ref(self, backend: Backend, tmp_path: Path) -> None:
        wanted = self.new_ticket(tmp_path)
        created = backend.create(wanted)
        found = backend.find_by_client_ref(wanted.client_ref)
        assert found is not None and found.id == created.id
        assert backend.find_by_client_ref(str(uuid.uuid4())) is None

    def test_list_mine(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        listed = {t.id: t for t in backend.list_mine()}
        assert created.id in listed
        assert listed[created.id].subject == created.subject
        later = now_utc() + timedelta(days=1)
        assert created.id not in {t.id for t in backend.list_mine(since=later)}

    def test_first_message_is_the_requesters_with_files(
        self, backend: Backend, tmp_path: Path
    ) -> None:
        log, shot = self.files(tmp_path / "in")
        created = backend.create(self.new_ticket(tmp_path, (log, shot)))
        first = backend.messages(created.id)[0]
        assert first.from_requester
        assert "Every page comes out blank" in first.body
        assert {a.filename for a in first.attachments} >= {"app.log", "screen.png"}

    def test_reply_with_attachment(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        note = tmp_path / "in" / "after-restart.txt"
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text("still blank after a restart")
        sent = backend.reply(created.id, "I restarted it; no change.", [Attachment.from_path(note)])
        assert sent.from_requester and "no change" in sent.body
        thread = backend.messages(created.id)
        assert thread[-1].body.strip() == "I restarted it; no change."
        assert [a.filename for a in thread[-1].attachments] == ["after-restart.txt"]

    def test_support_reply_is_not_from_requester(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        if not self.support_reply(backend, created.id, "Please try another tray."):
            pytest.skip("this suite cannot answer as support for this backend")
        last = backend.messages(created.id)[-1]
        assert not last.from_requester
        assert "another tray" in last.body

    def test_resolve_then_reopen(self, backend: Backend, tmp_path: Path) -> None:
        created = backend.create(self.new_ticket(tmp_path))
        resolved = backend.set_resolved(created.id)
        assert resolved.status is Status.RESOLVED and not resolved.is_open
        assert backend.get(created.id).status is Status.RESOLVED
        reopened = backend.reopen(created.id, "It came back.")
        assert reopened.is_open
        assert "It came back." in backend.messages(created.id)[-1].body

    def test_download_keeps_bytes_and_sanitises_the_name(
        self, backend: Backend, tmp_path: Path
    ) -> None:
        source = tmp_path / "in" / "report.bin"
        source.parent.mkdir(parents=True)
        source.write_bytes(bytes(range(256)) * 64)
        tricky = Attachment(
            filename="../../evil report?.bin",
            size=source.stat().st_size,
            content_type="application/octet-stream",
            path=str(source),
        )
        created = backend.create(self.new_ticket(tmp_path, (tricky,)))
        inbound = next(
            a
            for m in backend.messages(created.id)
            for a in m.attachments
            if a.filename.endswith("report?.bin") or "evil" in a.filename
        )
        dest = tmp_path / "downloads"
        saved = backend.download(inbound, dest)
        assert saved.parent == dest
        assert saved.read_bytes() == source.read_bytes()
        assert "/" not in saved.name and "?" not in saved.name

    def test_unknown_ticket_is_not_found(self, backend: Backend) -> None:
        with pytest.raises(NotFound):
            backend.get("987654321")
        with pytest.raises(NotFound):
            backend.get("not-a-number")
