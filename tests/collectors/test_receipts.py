"""Receipts: exactly what was handed to the helpdesk, hashed, kept for a while."""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

from app.backends.local import LocalBackend
from app.collectors import receipts
from app.collectors.bundle import verify_bundle
from app.core.attachments import EvidenceFile
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission


def _submission(root: Path) -> Submission:
    submission = Submission(load(env={}), root=root, backend_factory=lambda _c: LocalBackend(root))
    return submission


def _form(tmp_path: Path) -> RequestForm:
    note = tmp_path / "notes.txt"
    note.write_text("steps to reproduce\n", "utf-8")
    return RequestForm(
        requester=Requester(name="Ada", email="ada@example.org"),
        category="computer",
        summary="Laptop is slow",
        happened="Every morning it takes ten minutes",
        files=[str(note)],
    )


def test_the_receipt_holds_what_the_helpdesk_stored_with_matching_hashes(tmp_path: Path) -> None:
    root = tmp_path / "data"
    submission = _submission(root)
    form = _form(tmp_path)
    evidence = [
        EvidenceFile("system-info.txt", b"OS: Debian 12\n", "text/plain", "system-info"),
        EvidenceFile("app.log", b"started\nfailed\n", "text/plain", "log"),
    ]
    item = submission.enqueue(submission.prepare(form, evidence))
    path = receipts.receipt_path(form.client_ref, root)
    assert path is not None and path.name == f"{form.client_ref}.zip"
    manifest = verify_bundle(path)
    assert [e.name for e in manifest.files] == [
        "request.json",
        "description.txt",
        "attachments/notes.txt",
        "attachments/system-info.txt",
        "attachments/app.log",
    ]
    with zipfile.ZipFile(path) as archive:
        for entry in manifest.files:
            assert hashlib.sha256(archive.read(entry.name)).hexdigest() == entry.sha256
        sent = {name: archive.read(name) for name in archive.namelist()}
    request = json.loads(sent["request.json"])
    assert request["subject"] == "Laptop is slow" and request["client_ref"] == form.client_ref
    assert "path" not in json.dumps(request)  # no paths of this machine

    delivered = submission.deliver(item.client_ref)
    backend = LocalBackend(root)
    (message,) = backend.messages(delivered.ticket_id)
    assert sent["description.txt"].decode() == message.body
    stored = {a.filename: Path(a.path or "").read_bytes() for a in message.attachments}
    assert stored == {
        name.removeprefix("attachments/"): data
        for name, data in sent.items()
        if name.startswith("attachments/")
    }


def test_a_reply_gets_a_receipt_too(tmp_path: Path) -> None:
    root = tmp_path / "data"
    submission = _submission(root)
    form = _form(tmp_path)
    form.reply_to = "7"
    submission.enqueue(submission.prepare(form))
    path = receipts.receipt_path(form.client_ref, root)
    assert path is not None
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("request.json"))["reply_to"] == "7"
        assert b"Every morning it takes ten minutes" in archive.read("description.txt")


def test_a_failed_receipt_never_fails_the_request(tmp_path: Path) -> None:
    root = tmp_path / "data"
    submission = _submission(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / receipts.FOLDER).write_text("a file where the folder should be")
    form = _form(tmp_path)
    item = submission.enqueue(submission.prepare(form))
    assert submission.outbox.get(item.client_ref) is not None
    assert receipts.receipt_path(form.client_ref, root) is None


def test_old_receipts_are_pruned_by_age(tmp_path: Path) -> None:
    folder = receipts.receipts_dir(tmp_path)
    folder.mkdir()
    now = time.time()
    for name, age_days in (("old", 31), ("edge", 29.9), ("new", 1)):
        path = folder / f"{name}.zip"
        path.write_bytes(b"zip")
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    assert receipts.prune(30, tmp_path, now=now) == 1
    assert sorted(p.stem for p in folder.glob("*.zip")) == ["edge", "new"]
    assert receipts.prune(1, tmp_path, now=now) == 1
    assert receipts.prune(30, tmp_path / "nothing-here") == 0


def test_receipt_path_refuses_what_is_not_a_reference(tmp_path: Path) -> None:
    assert receipts.receipt_path("../../etc/passwd", tmp_path) is None
    assert receipts.receipt_path("no-such-request", tmp_path) is None
