"""The local backend keeps the whole backend contract, on this computer."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.local import LocalBackend, StoreUnavailable, safe_filename
from app.core import paths
from app.core.config import load
from app.core.helpdesk import NotFound, TemporaryError
from app.core.model import (
    Attachment,
    NewTicket,
    Priority,
    Requester,
    Status,
    now_utc,
)
from app.core.outbox import new_client_ref

ANN = Requester(name="Ann Lee", email="ann@example.org", customer_id="C-1")


@pytest.fixture
def local(tmp_path: Path) -> LocalBackend:
    return LocalBackend(tmp_path / "store")


def new_ticket(
    subject: str = "Printer jams",
    attachments: tuple[Attachment, ...] = (),
    client_ref: str | None = None,
) -> NewTicket:
    return NewTicket(
        subject=subject,
        body=f"{subject}: the details.",
        requester=ANN,
        client_ref=client_ref or new_client_ref(),
        category="printer",
        priority=Priority.HIGH,
        attachments=attachments,
        fields={"happened": "It jams", "q.printer_name": "P4"},
    )


def attachment(tmp_path: Path, name: str, data: bytes, kind: str = "file") -> Attachment:
    path = tmp_path / name
    path.write_bytes(data)
    return Attachment.from_path(path, kind=kind)


def test_the_default_config_selects_it() -> None:
    backend = create_backend(load(env={}))
    assert isinstance(backend, LocalBackend)
    assert backend.root == paths.data_dir()
    assert "on this computer" in backend.description
    assert backend.capabilities().limits_code == "local"


def test_create_stores_everything_with_attachments(local: LocalBackend, tmp_path: Path) -> None:
    log = attachment(tmp_path, "crash.log", b"boom\n")
    shot = attachment(tmp_path, "screen.png", b"\x89PNG..", kind="screenshot")
    ticket = local.create(new_ticket(attachments=(log, shot)))
    assert ticket.status is Status.NEW and ticket.ref == "#1" and ticket.id == "1"
    assert (ticket.subject, ticket.category, ticket.priority) == (
        "Printer jams",
        "printer",
        Priority.HIGH,
    )
    assert ticket.last_author == "Ann Lee"
    (first,) = local.messages(ticket.id)
    assert first.from_requester and first.body == "Printer jams: the details."
    assert [(a.filename, a.size, a.kind) for a in first.attachments] == [
        ("crash.log", 5, "file"),
        ("screen.png", 6, "screenshot"),
    ]
    # The store keeps its own copy: the originals may go away.
    Path(log.path or "").unlink()
    assert Path(first.attachments[0].path or "").read_bytes() == b"boom\n"
    details = local.details(ticket.id)
    assert details["requester"] == ANN.to_dict()
    assert details["fields"] == {"happened": "It jams", "q.printer_name": "P4"}
    assert local.whoami() == ANN


def test_the_same_client_ref_gives_the_same_ticket(local: LocalBackend) -> None:
    ref = new_client_ref()
    first = local.create(new_ticket(client_ref=ref))
    again = local.create(new_ticket(subject="Changed", client_ref=ref))
    assert again.id == first.id and again.subject == "Printer jams"
    assert len(local.list_mine()) == 1
    assert len(local.messages(first.id)) == 1
    found = local.find_by_client_ref(ref)
    assert found is not None and found.id == first.id and found.client_ref == ref
    assert local.find_by_client_ref(new_client_ref()) is None


def test_list_mine_newest_first_and_since(
    local: LocalBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = local.create(new_ticket("Old"))
    new = local.create(new_ticket("New"))
    assert [t.id for t in local.list_mine()] == [new.id, old.id]
    # Stamps have whole seconds, so step the clock instead of sleeping.
    later = (now_utc() + timedelta(minutes=5)).replace(microsecond=0)
    monkeypatch.setattr("app.backends.local.now_utc", lambda: later)
    local.reply(old.id, "Any news?")
    assert local.list_mine()[0].id == old.id
    assert [t.id for t in local.list_mine(since=later)] == [old.id]
    assert len(local.list_mine(since=later - timedelta(hours=1))) == 2
    assert local.list_mine(since=later + timedelta(seconds=1)) == []


def test_get_and_not_found(local: LocalBackend) -> None:
    ticket = local.create(new_ticket())
    assert local.get(ticket.id) == local.get("#" + ticket.id)
    for unknown in ("99", "abc", ""):
        with pytest.raises(NotFound):
            local.get(unknown)
        with pytest.raises(NotFound):
            local.messages(unknown)
    with pytest.raises(NotFound):
        local.reply("99", "hello")
    with pytest.raises(NotFound):
        local.set_resolved("99")
    with pytest.raises(NotFound):
        local.details("99")


def test_conversation_resolve_and_reply_reopens(local: LocalBackend, tmp_path: Path) -> None:
    ticket = local.create(new_ticket())
    agent = local.add_agent_reply(ticket.id, "Sam (IT)", "Please restart it.")
    assert not agent.from_requester and local.get(ticket.id).status is Status.WAITING
    assert local.get(ticket.id).last_author == "Sam (IT)"
    resolved = local.set_resolved(ticket.id)
    assert resolved.status is Status.RESOLVED and not resolved.is_open
    note = attachment(tmp_path, "still.txt", b"still")
    message = local.reply(ticket.id, "It is back.", [note])
    assert message.from_requester and message.author == "Ann Lee"
    assert message.attachments[0].filename == "still.txt"
    assert local.get(ticket.id).status is Status.OPEN  # a reply reopens a resolved ticket
    assert [m.body for m in local.messages(ticket.id)] == [
        "Printer jams: the details.",
        "Please restart it.",
        "It is back.",
    ]


def test_reopen_with_and_without_text(local: LocalBackend) -> None:
    ticket = local.create(new_ticket())
    local.set_resolved(ticket.id)
    assert local.reopen(ticket.id).status is Status.OPEN
    local.set_resolved(ticket.id)
    reopened = local.reopen(ticket.id, "Not fixed after all.")
    assert reopened.status is Status.OPEN
    assert local.messages(ticket.id)[-1].body == "Not fixed after all."


def test_download_sanitizes_names_and_stays_inside_dest(
    local: LocalBackend, tmp_path: Path
) -> None:
    evil = attachment(tmp_path, "payload.txt", b"data")
    evil = Attachment(filename="../../outside.txt", size=evil.size, path=evil.path)
    ticket = local.create(new_ticket(attachments=(evil,)))
    stored = local.messages(ticket.id)[0].attachments[0]
    assert stored.filename == "../../outside.txt"  # what the user called it, unchanged
    dest = tmp_path / "downloads" / "inner"
    target = local.download(stored, dest)
    assert target.parent == dest and target.read_bytes() == b"data"
    assert not (tmp_path / "downloads" / "outside.txt").exists()
    assert sorted(os.listdir(local.files / ticket.id / "1")) == ["outside.txt"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("..", "attachment"),
        ("", "attachment"),
        ("rapport été.pdf", "rapport été.pdf"),
        ("a:b*c?.txt", "a_b_c_.txt"),
        ("x" * 300, "x" * 120),
        (" .hidden. ", "hidden"),
        ("Überweisung März.pdf", "Überweisung März.pdf"),
        ("отчёт 報告.docx", "отчёт 報告.docx"),
        ('a<b>c"d|e.txt', "a_b_c_d_e.txt"),
        ("tab\there\r\n.log", "tab_here__.log"),
        ("evil\u202egpj.exe", "evil_gpj.exe"),
        ("name. . ", "name"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Nul .tar.gz", "_Nul .tar.gz"),
        ("LPT9.log", "_LPT9.log"),
        ("com1", "_com1"),
        ("AUX...", "_AUX"),
        ("COM0.txt", "COM0.txt"),
        ("console.txt", "console.txt"),
        ("nullable.txt", "nullable.txt"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_cuts_a_long_name_but_keeps_its_extension() -> None:
    assert safe_filename("a" * 300 + ".pdf") == "a" * 116 + ".pdf"
    accented = safe_filename("é" * 300 + ".pdf")  # two bytes a letter: 255-byte file systems
    assert accented.endswith("é.pdf") and len(accented.encode()) <= 240
    assert safe_filename("b" * 300 + "." + "c" * 40) == "b" * 120  # no real extension
    assert safe_filename("report" + " " * 200 + ".txt") == "report.txt"


def test_download_of_a_missing_file(local: LocalBackend, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        local.download(Attachment(filename="x", size=1, path=str(tmp_path / "gone")), tmp_path)
    with pytest.raises(NotFound):
        local.download(Attachment(filename="x", size=1), tmp_path)


def test_the_store_is_private(local: LocalBackend) -> None:
    local.create(new_ticket())
    assert (local.db_path.stat().st_mode & 0o777) == 0o600


def test_a_broken_store_raises_the_contracts_error(tmp_path: Path) -> None:
    root = tmp_path / "store"
    (root / "local-tickets.sqlite3").mkdir(parents=True)  # something else sits in its place
    local = LocalBackend(root)
    with pytest.raises(StoreUnavailable) as err:
        local.create(new_ticket())
    assert isinstance(err.value, TemporaryError) and err.value.retry
    assert err.value.code == "store_unavailable" and err.value.detail  # SQLite's own words
    with pytest.raises(StoreUnavailable):
        local.list_mine()
