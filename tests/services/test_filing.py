"""The submission pipeline the wizard and the CLI share."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from app.core import identity
from app.core.attachments import (
    AttachmentProblem,
    EvidenceFile,
    check_file,
    check_total,
    human_size,
)
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Attachment, Requester
from app.core.outbox import State
from app.services.filing import Submission

ANN = Requester(name="Ann", email="ann@example.org")


@pytest.fixture
def submission(tmp_path: Path) -> Submission:
    return Submission(load(env={}), root=tmp_path / "data")


def test_human_size() -> None:
    assert [human_size(n) for n in (0, 999, 1000, 5 * 10**6, 3 * 10**9)] == [
        "0 bytes",
        "999 bytes",
        "1.0 kB",
        "5.0 MB",
        "3.0 GB",
    ]


def test_check_file(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("abc")
    assert check_file(str(good)) == 3
    with pytest.raises(AttachmentProblem, match="no longer there"):
        check_file(str(tmp_path / "gone.txt"))
    with pytest.raises(AttachmentProblem, match="is a folder"):
        check_file(str(tmp_path))


def test_check_total_names_the_biggest_file() -> None:
    files = (Attachment("small.txt", 10), Attachment("video.mp4", 3 * 10**6))
    check_total(files, 4 * 10**6)
    with pytest.raises(AttachmentProblem) as err:
        check_total(files, 10**6)
    assert "video.mp4 (3.0 MB)" in str(err.value) and "1.0 MB" in str(err.value)


def test_evidence_is_written_privately_and_removed_once_queued(submission: Submission) -> None:
    form = RequestForm(requester=ANN, summary="x", happened="y")
    request = submission.prepare(
        form, [EvidenceFile("system-info.txt", b"OS: Linux", "text/plain", "system-info")]
    )
    assert request.ticket.attachments[0].path is None  # nothing on disk before enqueue
    written: list[tuple[bytes, int]] = []
    spool = submission.outbox.add_ticket

    def add_ticket(ticket: Any) -> Any:  # look at the evidence file while it exists
        path = Path(ticket.attachments[0].path)
        written.append((path.read_bytes(), stat.S_IMODE(path.stat().st_mode)))
        return spool(ticket)

    submission.outbox.add_ticket = add_ticket  # type: ignore[method-assign]
    item = submission.enqueue(request)
    assert written == [(b"OS: Linux", 0o600)]
    assert not (submission.root / "evidence" / form.client_ref).exists()  # spooled copy only
    spooled = item.payload["attachments"][0]
    assert (spooled["filename"], spooled["kind"]) == ("system-info.txt", "system-info")
    assert Path(spooled["path"]).read_bytes() == b"OS: Linux"


def test_enqueue_remembers_identity_and_clears_the_draft(submission: Submission) -> None:
    form = RequestForm(requester=ANN, category="computer", summary="x", happened="y")
    submission.drafts.save(form)
    item = submission.enqueue(submission.prepare(form))
    assert submission.drafts.load() is None
    assert identity.last_used(submission.root) == ANN
    assert item.state is State.QUEUED and item.payload["body"].count("Computer or software") == 1
    sent = submission.deliver(item.client_ref)
    assert sent.state is State.SENT
    assert submission.backend.get(sent.ticket_id).subject == "x"


def test_identity_is_not_kept_when_remember_is_off(tmp_path: Path) -> None:
    submission = Submission(
        load(flags={"requester.remember": False}, env={}), root=tmp_path / "data"
    )
    submission.enqueue(submission.prepare(RequestForm(requester=ANN, summary="x")))
    assert identity.last_used(submission.root) is None


def test_a_reply_goes_to_the_outbox_as_a_reply(submission: Submission) -> None:
    first = submission.enqueue(
        submission.prepare(RequestForm(requester=ANN, summary="x", happened="y"))
    )
    first = submission.deliver(first.client_ref)
    reply = submission.enqueue(
        submission.prepare(
            RequestForm(requester=ANN, happened="It happened again", reply_to=first.ticket_id)
        )
    )
    assert reply.kind == "reply" and reply.target == first.ticket_id
    submission.deliver(reply.client_ref)
    bodies = [m.body for m in submission.backend.messages(first.ticket_id)]
    assert len(bodies) == 2 and "It happened again" in bodies[1]


def test_problems_are_found_before_anything_is_stored(
    submission: Submission, tmp_path: Path
) -> None:
    with pytest.raises(AttachmentProblem):
        submission.prepare(RequestForm(requester=ANN, files=[str(tmp_path / "gone")]))
    assert submission.outbox.items() == []


def test_deliver_unknown_ref(submission: Submission) -> None:
    with pytest.raises(KeyError):
        submission.deliver("no-such-ref")


def test_the_users_text_files_are_spooled_masked_and_their_own_copy_is_untouched(
    submission: Submission, tmp_path: Path
) -> None:
    from app.collectors.secrets import MASK
    from app.services.filing import Choices

    token = "ghp_" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"
    log = tmp_path / "app.log"
    log.write_text(f"start\ntoken {token}\n", "utf-8")
    plain = tmp_path / "notes.txt"
    plain.write_text("nothing secret\n", "utf-8")
    form = RequestForm(requester=ANN, summary="x", happened="y", files=[str(log), str(plain)])
    prepared = submission.prepare(form)
    [part, quiet] = prepared.files
    assert (part.note, part.masked_count(), quiet.findings) == (str(log), 1, ())
    item = submission.enqueue(prepared)
    spooled = {a["filename"]: Path(a["path"]).read_bytes() for a in item.payload["attachments"]}
    assert spooled == {
        "app.log": f"start\ntoken ghp_{MASK}\n".encode(),
        "notes.txt": b"nothing secret\n",
    }
    assert token in log.read_text("utf-8")
    clear = submission.prepare(form, choices=Choices(file_clear={str(log): frozenset({token})}))
    assert clear.files[0].masked_count() == 0 and clear.evidence[0].data == log.read_bytes()


def test_the_users_file_is_scanned_once_per_version_however_often_review_prepares(
    submission: Submission, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review prepares the request on every change; a large log must not be scanned on the
    GUI thread each time (about 24 ms per MB)."""
    import os

    from app.collectors import outgoing

    scans: list[str] = []
    real = outgoing.file_part
    monkeypatch.setattr(
        outgoing, "file_part", lambda path, *a: scans.append(path) or real(path, *a)
    )
    log = tmp_path / "app.log"
    log.write_text("login ok\npassword=hunter2\n", "utf-8")
    form = RequestForm(requester=ANN, summary="x", happened="y", files=[str(log)])
    first = submission.prepare(form)
    first.files[0].set_kept(0, True)  # a choice on one preparation stays with it
    second = submission.prepare(form)
    assert scans == [str(log)] and second.files[0].keep == set()
    assert "hunter2" not in second.evidence[0].data.decode()
    log.write_text("login ok\npassword=other-secret\n", "utf-8")
    os.utime(log, ns=(log.stat().st_atime_ns, log.stat().st_mtime_ns + 1_000_000))
    third = submission.prepare(form)
    assert scans == [str(log), str(log)] and "other-secret" in third.files[0].text


def test_a_request_says_which_known_problem_its_requester_saw(submission: Submission) -> None:
    """ "My problem is different" (issue 18): support reads that the person saw the incident."""
    form = RequestForm(category="email", summary="Calendar invites vanish", happened="Gone.")
    form.seen_incident = "Email is down for everyone"
    body = submission.prepare(form).ticket.body
    line = 'The requester saw the known problem "Email is down for everyone"'
    assert line in body
    assert body.index(line) < body.index("Helpline reference:")  # the reference stays last
    form.seen_incident = ""
    assert "known problem" not in submission.prepare(form).ticket.body
