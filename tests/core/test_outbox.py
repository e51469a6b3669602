"""The outbox: kept safe before delivery, retried with backoff, never delivered twice."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.backends.local import LocalBackend
from app.core import claims
from app.core import outbox as outbox_module
from app.core.claims import STALE_CLAIM_SECONDS
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    BackendError,
    Capabilities,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TemporaryError,
)
from app.core.model import Attachment, Message, NewTicket, Requester, Status, Ticket, now_utc
from app.core.outbox import Outbox, State, new_client_ref
from app.core.schema import BY_NAME
from app.core.store import connect


class FakeBackend(Backend):
    """Counts every call and, unlike the local store, never de-duplicates on create."""

    name = "fake"

    def __init__(self) -> None:
        self.created: list[NewTicket] = []
        self.replies: list[tuple[str, str, list[bytes]]] = []
        self.finds = 0
        self.fail: BackendError | None = None

    def capabilities(self) -> Capabilities:
        return Capabilities()

    def whoami(self) -> Requester:
        return Requester()

    def _ticket(self, index: int) -> Ticket:
        stamp = now_utc()
        return Ticket(
            id=str(index + 1),
            subject=self.created[index].subject,
            status=Status.NEW,
            created_at=stamp,
            updated_at=stamp,
            client_ref=self.created[index].client_ref,
            display_ref=f"FAKE-{index + 1}",
        )

    def create(self, ticket: NewTicket) -> Ticket:
        if self.fail is not None:
            raise self.fail
        for att in ticket.attachments:  # read now, as a real upload would
            assert att.path is not None
            Path(att.path).read_bytes()
        self.created.append(ticket)
        return self._ticket(len(self.created) - 1)

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        self.finds += 1
        for index, ticket in enumerate(self.created):
            if ticket.client_ref == client_ref:
                return self._ticket(index)
        return None

    def list_mine(self, since: datetime | None = None) -> list[Ticket]:
        return [self._ticket(i) for i in range(len(self.created))]

    def get(self, ticket_id: str) -> Ticket:
        raise NotFound(ticket_id)

    def messages(self, ticket_id: str) -> list[Message]:
        return []

    def reply(self, ticket_id: str, text: str, attachments: Sequence[Attachment] = ()) -> Message:
        if self.fail is not None:
            raise self.fail
        self.replies.append(
            (ticket_id, text, [Path(a.path or "").read_bytes() for a in attachments])
        )
        return Message(
            id="m",
            ticket_id=ticket_id,
            author="me",
            from_requester=True,
            body=text,
            created_at=now_utc(),
        )

    def set_resolved(self, ticket_id: str) -> Ticket:
        raise NotFound(ticket_id)

    def reopen(self, ticket_id: str, text: str = "") -> Ticket:
        raise NotFound(ticket_id)

    def download(self, attachment: Attachment, dest: Path) -> Path:
        raise NotFound(attachment.filename)


def new_ticket(attachments: tuple[Attachment, ...] = ()) -> NewTicket:
    return NewTicket(
        subject="Printer jams",
        body="It jams on page 2.",
        requester=Requester(name="Ann", email="ann@example.org"),
        client_ref=new_client_ref(),
        attachments=attachments,
    )


@pytest.fixture
def box(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "data", retry_seconds=30.0, retry_max_seconds=100.0)


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


def dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


def set_claim(box: Outbox, ref: str, pid: int, at: float, owner: str | None = None) -> None:
    """Make the row look claimed by ``pid`` at ``at`` (owner: as that process would write it)."""
    if owner is None:
        owner = f"{socket.gethostname()}|{pid}|{claims.process_start(pid)}"
    with connect(box.db_path, outbox_module._SCHEMA) as conn:
        conn.execute(
            "UPDATE outbox SET claimed_by = ?, claimed_at = ?, claim_owner = ?"
            " WHERE client_ref = ?",
            (pid, at, owner, ref),
        )


def test_enqueue_copies_attachments_so_deleting_the_original_loses_nothing(
    box: Outbox, backend: FakeBackend, tmp_path: Path
) -> None:
    original = tmp_path / "error.log"
    original.write_bytes(b"line 1\nline 2\n")
    item = box.add_ticket(new_ticket((Attachment.from_path(original),)))
    original.unlink()
    assert item.state is State.QUEUED and item.attempts == 0
    (spooled,) = item.payload["attachments"]
    assert Path(spooled["path"]).parent == box.spool / item.client_ref
    assert Path(spooled["path"]).read_bytes() == b"line 1\nline 2\n"

    sent = box.deliver(item.client_ref, backend)
    assert sent is not None and sent.state is State.SENT
    assert (sent.ticket_id, sent.ticket_ref) == ("1", "FAKE-1")
    assert backend.created[0].attachments[0].filename == "error.log"
    assert not (box.spool / item.client_ref).exists()  # cleaned up once it arrived
    assert box.items() == [] and box.pending_count() == 0
    assert [i.state for i in box.items(include_sent=True)] == [State.SENT]
    assert (sent.error_code, sent.error_facts) == ("", {})


def test_an_unreadable_attachment_is_refused_before_anything_is_stored(
    box: Outbox, tmp_path: Path
) -> None:
    gone = Attachment(filename="gone.txt", size=1, path=str(tmp_path / "gone.txt"))
    with pytest.raises(OSError):
        box.add_ticket(new_ticket((gone,)))
    assert box.items() == []
    assert list(box.spool.iterdir()) == []


def test_files_are_private(box: Outbox, tmp_path: Path) -> None:
    original = tmp_path / "a.txt"
    original.write_text("secret")
    os.chmod(original, 0o644)
    item = box.add_ticket(new_ticket((Attachment.from_path(original),)))
    spooled = Path(item.payload["attachments"][0]["path"])
    for path in (box.db_path, spooled):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (box.root, box.spool, spooled.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_failure_backs_off_and_doubles(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    backend.fail = TemporaryError("connection refused")
    before = time.time()
    failed = box.deliver(item.client_ref, backend)
    assert failed is not None and failed.state is State.FAILED and failed.auto_retry
    # the code and the server's own words, no sentence: each face says it in its language
    assert (failed.error_code, failed.error_facts) == (
        "unreachable",
        {"detail": "connection refused"},
    )
    assert failed.detail == "connection refused" and not failed.needs_sign_in
    assert before + 30 <= failed.next_attempt <= time.time() + 30

    # Not due yet: nothing is attempted.
    same = box.deliver(item.client_ref, backend)
    assert same is not None and same.attempts == 1 and same.state is State.FAILED
    assert box.deliver_due(backend) == [same]

    again = box.deliver(item.client_ref, backend, force=True)
    assert again is not None and again.attempts == 2
    assert again.next_attempt - time.time() == pytest.approx(60, abs=2)
    third = box.deliver(item.client_ref, backend, force=True)
    assert third is not None
    assert third.next_attempt - time.time() == pytest.approx(100, abs=2)  # capped

    backend.fail = None
    done = box.deliver(item.client_ref, backend, force=True)
    assert done is not None and done.state is State.SENT
    assert (done.error_code, done.error_facts) == ("", {})  # a success forgets the failure
    assert len(backend.created) == 1


def test_due_items_are_retried_without_force(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    backend.fail = TemporaryError()
    box.deliver(item.client_ref, backend)
    with connect(box.db_path, outbox_module._SCHEMA) as conn:
        conn.execute("UPDATE outbox SET next_attempt = 0")
    backend.fail = None
    (result,) = box.deliver_due(backend)
    assert result.state is State.SENT


def test_rate_limit_waits_as_long_as_asked(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    backend.fail = RateLimited(wait_seconds=500)
    failed = box.deliver(item.client_ref, backend)
    assert failed is not None and failed.auto_retry
    assert failed.next_attempt - time.time() == pytest.approx(500, abs=2)


@pytest.mark.parametrize("error", [AuthenticationError(), PermissionDenied()])
def test_refusals_wait_for_the_user(box: Outbox, backend: FakeBackend, error: BackendError) -> None:
    item = box.add_ticket(new_ticket())
    backend.fail = error
    failed = box.deliver(item.client_ref, backend)
    assert failed is not None and failed.state is State.FAILED and not failed.auto_retry
    assert failed.error_code == error.code and failed.error_facts == {}
    assert failed.needs_sign_in is isinstance(error, AuthenticationError)
    with connect(box.db_path, outbox_module._SCHEMA) as conn:
        conn.execute("UPDATE outbox SET next_attempt = 0")
    backend.fail = None
    assert box.deliver_due(backend)[0].state is State.FAILED  # no automatic retry
    assert backend.created == []
    assert box.deliver_due(backend, force=True)[0].state is State.SENT  # the user's retry


def test_a_vanished_spool_file_fails_plainly(
    box: Outbox, backend: FakeBackend, tmp_path: Path
) -> None:
    original = tmp_path / "a.txt"
    original.write_text("x")
    item = box.add_ticket(new_ticket((Attachment.from_path(original),)))
    Path(item.payload["attachments"][0]["path"]).unlink()
    failed = box.deliver(item.client_ref, backend)
    assert failed is not None and failed.state is State.FAILED
    assert failed.error_code == "kept_file_unreadable"
    assert failed.detail == os.strerror(2)  # the system's own words: No such file or directory
    assert not failed.auto_retry  # waiting will not bring the file back


def test_claim_is_atomic_across_threads(box: Outbox) -> None:
    item = box.add_ticket(new_ticket())
    results: list[object] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        barrier.wait()
        results.append(box.claim(item.client_ref, force=True))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    assert box.get(item.client_ref).attempts == 1  # type: ignore[union-attr]


def test_a_live_claim_by_another_process_is_respected(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    assert box.claim(item.client_ref) is not None
    set_claim(box, item.client_ref, os.getppid(), time.time())
    assert box.claim(item.client_ref, force=True) is None
    still = box.deliver(item.client_ref, backend, force=True)
    assert still is not None and still.state is State.SENDING and still.attempts == 1
    assert backend.created == []


def test_stale_claim_of_a_dead_process_is_reclaimed(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    box.claim(item.client_ref)
    set_claim(box, item.client_ref, dead_pid(), time.time())
    reclaimed = box.claim(item.client_ref)
    assert reclaimed is not None and reclaimed.attempts == 2 and reclaimed.state is State.SENDING


def test_an_old_claim_of_an_older_build_is_reclaimed_even_if_the_pid_lives(box: Outbox) -> None:
    """Builds before the heartbeat wrote no owner and never renewed: the old rule holds."""
    item = box.add_ticket(new_ticket())
    box.claim(item.client_ref)
    set_claim(box, item.client_ref, os.getppid(), time.time() - STALE_CLAIM_SECONDS - 1, "")
    assert box.claim(item.client_ref) is not None


def test_a_live_owner_keeps_its_claim_however_old(box: Outbox) -> None:
    """Issue 17 item 7: a slow delivery is never taken over while its process lives."""
    item = box.add_ticket(new_ticket())
    box.claim(item.client_ref)
    set_claim(box, item.client_ref, os.getppid(), time.time() - 10 * STALE_CLAIM_SECONDS)
    assert box.claim(item.client_ref) is None
    assert box.discard(item.client_ref) is None


def test_a_claim_whose_pid_was_given_to_another_process_is_reclaimed(box: Outbox) -> None:
    item = box.add_ticket(new_ticket())
    box.claim(item.client_ref)
    reused = f"{socket.gethostname()}|{os.getppid()}|1"  # same pid, another start
    set_claim(box, item.client_ref, os.getppid(), time.time(), reused)
    assert box.claim(item.client_ref) is not None


def test_a_claim_from_another_computer_lapses_only_without_a_heartbeat(box: Outbox) -> None:
    """A home folder shared over the network: the other computer's process cannot be asked."""
    item = box.add_ticket(new_ticket())
    box.claim(item.client_ref)
    elsewhere = "another-host.example|4242|99"
    set_claim(box, item.client_ref, 4242, time.time() - 30, elsewhere)
    assert box.claim(item.client_ref) is None
    set_claim(box, item.client_ref, 4242, time.time() - STALE_CLAIM_SECONDS - 1, elsewhere)
    assert box.claim(item.client_ref) is not None


def test_a_delivery_renews_its_claim_while_it_runs(
    box: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heartbeat: ``claimed_at`` moves on during one long call to the helpdesk."""
    monkeypatch.setattr(claims, "HEARTBEAT_SECONDS", 0.05)
    item = box.add_ticket(new_ticket())
    seen: list[float] = []

    class Slow(FakeBackend):
        def create(self, ticket: NewTicket) -> Ticket:
            first = box_row()["claimed_at"]
            time.sleep(0.4)
            seen.extend([first, box_row()["claimed_at"]])
            return super().create(ticket)

    def box_row() -> Any:
        with connect(box.db_path, outbox_module._SCHEMA) as conn:
            return conn.execute(
                "SELECT claimed_at FROM outbox WHERE client_ref = ?", (item.client_ref,)
            ).fetchone()

    done = box.deliver(item.client_ref, Slow(), force=True)
    assert done is not None and done.state is State.SENT
    assert seen[1] > seen[0]


def test_no_duplicate_after_an_interrupted_attempt(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    claimed = box.claim(item.client_ref)
    assert claimed is not None
    backend.create(NewTicket.from_dict(claimed.payload))  # reached the helpdesk...
    set_claim(box, item.client_ref, dead_pid(), time.time())  # ...then the process died
    steps: list[str] = []
    done = box.deliver(item.client_ref, backend, progress=steps.append)
    assert done is not None and done.state is State.SENT and done.ticket_ref == "FAKE-1"
    assert len(backend.created) == 1 and backend.finds == 1
    assert steps == ["checking"]  # found: nothing sent again


def test_a_failed_first_attempt_checks_before_creating_again(
    box: Outbox, backend: FakeBackend
) -> None:
    item = box.add_ticket(new_ticket())
    backend.fail = TemporaryError()
    box.deliver(item.client_ref, backend)
    backend.fail = None
    box.deliver(item.client_ref, backend, force=True)
    assert backend.finds == 1 and len(backend.created) == 1


def test_sent_items_are_never_sent_again(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    box.deliver(item.client_ref, backend)
    assert box.claim(item.client_ref, force=True) is None
    assert box.deliver_due(backend, force=True) == []
    assert len(backend.created) == 1


def test_replies_go_to_their_ticket(box: Outbox, backend: FakeBackend, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG")
    item = box.add_reply(
        "42",
        "It happened again.\nDetails follow.",
        (Attachment.from_path(shot, kind="screenshot"),),
    )
    assert item.kind == "reply" and item.target == "42" and item.summary == "It happened again."
    done = box.deliver(item.client_ref, backend)
    assert done is not None and done.state is State.SENT and done.ticket_id == "42"
    assert backend.replies == [("42", "It happened again.\nDetails follow.", [b"\x89PNG"])]


def test_reply_with_reopen_reopens_a_local_ticket(box: Outbox, tmp_path: Path) -> None:
    local = LocalBackend(tmp_path / "local")
    ticket = local.create(new_ticket())
    local.set_resolved(ticket.id)
    item = box.add_reply(ticket.id, "Still broken.", reopen=True)
    box.deliver(item.client_ref, local)
    assert local.get(ticket.id).status is Status.OPEN
    assert local.messages(ticket.id)[-1].body == "Still broken."


def test_sent_requests_are_forgotten_after_the_retention_and_waiting_ones_kept(
    box: Outbox, backend: FakeBackend
) -> None:
    assert box.keep_sent_days == BY_NAME["outbox.keep_sent_days"].default
    sent = box.add_ticket(new_ticket())
    box.deliver(sent.client_ref, backend)
    waiting = box.add_ticket(new_ticket())
    day = 86400
    assert box.forget_sent(now=time.time() + (box.keep_sent_days - 1) * day) == 0
    assert box.forget_sent(now=time.time() + (box.keep_sent_days + 1) * day) == 1
    assert [i.client_ref for i in box.items(include_sent=True)] == [waiting.client_ref]


def test_a_delivery_pass_first_forgets_what_was_sent_long_ago(
    tmp_path: Path, backend: FakeBackend
) -> None:
    box = Outbox(tmp_path / "data", keep_sent_days=7)
    old, recent = box.add_ticket(new_ticket()), box.add_ticket(new_ticket())
    box.deliver_due(backend)
    with sqlite3.connect(box.db_path) as conn:  # delivered eight days ago
        conn.execute(
            "UPDATE outbox SET updated_at = ? WHERE client_ref = ?",
            (time.time() - 8 * 86400, old.client_ref),
        )
    waiting = box.add_ticket(new_ticket())
    box.deliver_due(backend)
    assert {i.client_ref for i in box.items(include_sent=True)} == {
        recent.client_ref,
        waiting.client_ref,
    }


def test_the_filing_service_keeps_sent_requests_as_configured(tmp_path: Path) -> None:
    from app.core.config import load
    from app.services.filing import Submission

    config = load(flags={"outbox.keep_sent_days": 3})
    assert Submission(config, root=tmp_path).outbox.keep_sent_days == 3


def test_to_dict_carries_the_state_and_the_error_as_data(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())
    data = item.to_dict()
    assert data["state"] == "queued" and (data["error_code"], data["error_facts"]) == ("", {})
    assert data["client_ref"] == item.client_ref
    backend.fail = PermanentError("Queue 'IT' is closed.")
    failed = box.deliver(item.client_ref, backend)
    assert failed is not None
    assert (failed.to_dict()["error_code"], failed.to_dict()["error_facts"]) == (
        "refused",
        {"detail": "Queue 'IT' is closed."},
    )


def test_an_adapter_bug_is_recorded_and_raised(box: Outbox, backend: FakeBackend) -> None:
    item = box.add_ticket(new_ticket())

    def broken(ticket: NewTicket) -> Ticket:
        raise KeyError("status")

    backend.create = broken  # type: ignore[method-assign]
    with pytest.raises(KeyError):
        box.deliver(item.client_ref, backend)
    after = box.get(item.client_ref)
    assert after is not None and after.state is State.FAILED and not after.auto_retry


def test_a_broken_local_store_keeps_the_request_queued(box: Outbox, tmp_path: Path) -> None:
    root = tmp_path / "store"
    (root / "local-tickets.sqlite3").mkdir(parents=True)
    item = box.add_ticket(new_ticket())
    failed = box.deliver(item.client_ref, LocalBackend(root))
    assert failed is not None and failed.state is State.FAILED and failed.auto_retry
    assert failed.error_code == "store_unavailable" and failed.detail


#: The outbox table as builds before error codes created it: an English sentence per row.
OLD_SCHEMA = """
CREATE TABLE outbox (
    client_ref TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
    auto_retry INTEGER NOT NULL DEFAULT 1, next_attempt REAL NOT NULL DEFAULT 0,
    claimed_by INTEGER NOT NULL DEFAULT 0, claimed_at REAL NOT NULL DEFAULT 0,
    ticket_id TEXT NOT NULL DEFAULT '', ticket_ref TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL, updated_at REAL NOT NULL);
"""

OLD_ROWS = {
    "signin": (
        "The helpdesk did not accept your sign-in. Please sign in again.",
        "signin_refused",
        {},
    ),
    "down": ("The helpdesk cannot be reached right now.", "unreachable", {}),
    "refused": (
        "The helpdesk refused the request: Queue 'IT' is closed.",
        "refused",
        {"detail": "Queue 'IT' is closed."},
    ),
    "file": (
        "A file kept for this request could not be read (No such file or directory). "
        "Please add it again, or send without it.",
        "kept_file_unreadable",
        {"detail": "No such file or directory"},
    ),
    "store": (
        "The requests kept on this computer cannot be opened right now (disk I/O "
        "error); Helpline will keep trying.",
        "store_unavailable",
        {"detail": "disk I/O error"},
    ),
    "odd": ("Something an old build said.", "failed", {"detail": "Something an old build said."}),
    "fine": ("", "", {}),
}


def test_an_outbox_of_an_older_build_gets_codes_for_its_sentences(
    tmp_path: Path, backend: FakeBackend
) -> None:
    """Rows queued before the upgrade keep their reason, now as a code and facts."""
    root = tmp_path / "old"
    root.mkdir()
    payload = NewTicket(
        subject="VPN", body="b", requester=Requester(name="Casey"), client_ref="x"
    ).to_dict()
    with connect(root / "outbox.sqlite3", OLD_SCHEMA) as conn:
        for ref, (sentence, _code, _facts) in OLD_ROWS.items():
            conn.execute(
                "INSERT INTO outbox (client_ref, kind, summary, payload, state,"
                " last_error, auto_retry, created_at, updated_at)"
                " VALUES (?, 'ticket', 'VPN', ?, ?, ?, ?, 1, 1)",
                (
                    ref,
                    json.dumps({**payload, "client_ref": ref}),
                    "failed" if sentence else "queued",
                    sentence,
                    int(ref != "signin"),
                ),
            )
    box = Outbox(root, retry_seconds=30, retry_max_seconds=100)
    items = {i.client_ref: i for i in box.items()}
    for ref, (_sentence, code, facts) in OLD_ROWS.items():
        assert (items[ref].error_code, items[ref].error_facts) == (code, facts), ref
    assert items["signin"].needs_sign_in and not items["signin"].auto_retry
    # once: the sentences are gone, and opening again changes nothing
    with connect(box.db_path, outbox_module._SCHEMA) as conn:
        assert conn.execute("SELECT count(*) FROM outbox WHERE last_error != ''").fetchone()[0] == 0
    assert {i.client_ref: i for i in Outbox(root).items()} == items
    # and the migrated rows are delivered as before
    assert box.deliver("down", backend, force=True).state is State.SENT  # type: ignore[union-attr]


def test_a_waiting_item_can_be_discarded_with_its_files_but_not_one_being_sent(
    box: Outbox, backend: FakeBackend, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("kept")
    failed = box.add_reply("404", "Hello?", (Attachment.from_path(note),))
    backend.fail = NotFound(code="not_found", ticket="404")
    box.deliver(failed.client_ref, backend, force=True)
    assert (box.spool / failed.client_ref).exists()
    gone = box.discard(failed.client_ref)
    assert gone is not None and gone.state is State.FAILED and gone.error_code == "not_found"
    assert box.get(failed.client_ref) is None and not (box.spool / failed.client_ref).exists()
    assert box.discard(failed.client_ref) is None  # nothing left to discard
    busy = box.add_ticket(new_ticket())
    box.claim(busy.client_ref)
    set_claim(box, busy.client_ref, os.getppid(), time.time())
    assert box.discard(busy.client_ref) is None and box.get(busy.client_ref) is not None
    backend.fail = None
    sent = box.add_ticket(new_ticket())
    box.deliver(sent.client_ref, backend)
    assert box.discard(sent.client_ref) is None
