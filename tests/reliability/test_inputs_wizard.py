"""Strange input on the wizard's path (RequestForm -> Submission -> outbox -> server).

The wizard pages write into a RequestForm and call Submission, exactly as
here; the http reference server on 127.0.0.1 shows what really arrived.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.backends.helpline_http import HelplineHttpBackend
from app.core.attachments import AttachmentProblem
from app.core.config import load
from app.core.form import RequestForm, requester_problems
from app.core.model import Requester
from app.core.outbox import State
from app.services.filing import Submission
from tests.backends.helpline_http_server import HelplineServer
from tests.reliability.conftest import ALICE, TOKEN, uploads

ME = Requester(**ALICE)


@pytest.fixture
def submission(helpline: HelplineServer, tmp_path: Path) -> Iterator[Submission]:
    def factory(_config: Any) -> HelplineHttpBackend:
        return HelplineHttpBackend(helpline.url, TOKEN, retries=0)

    sub = Submission(load(env={}), root=tmp_path / "data", backend_factory=factory)
    yield sub
    sub.backend.close()


def send(submission: Submission, server: HelplineServer, wanted: RequestForm) -> dict[str, Any]:
    """Queue and deliver; the ticket as the server stored it, with its messages."""
    item = submission.enqueue(submission.prepare(wanted))
    sent = submission.deliver(item.client_ref)
    assert sent.state is State.SENT, (sent.error_code, sent.error_facts)
    return server.tickets[sent.ticket_id] | {"_messages": server.messages[sent.ticket_id]}


def form(**fields: Any) -> RequestForm:
    base: dict[str, Any] = {
        "requester": ME,
        "category": "computer",
        "summary": "Outlook closes",
        "happened": "When I open the calendar.",
    }
    base.update(fields)
    return RequestForm(**base)


def test_whitespace_only_summary_gets_a_neutral_subject(submission, helpline):
    ticket = send(submission, helpline, form(summary=" \t \n ", happened="   "))
    assert ticket["subject"] == "Support request"


def test_long_emoji_rtl_text_arrives_exactly(submission, helpline):
    long_text = ("The sync log repeats. " * 4546)[:100_000]
    summary = "Drucker 🖨️ druckt nicht – الطابعة لا تعمل"
    ticket = send(submission, helpline, form(summary=summary, happened=long_text + "\nשלום 👋🏽"))
    assert ticket["subject"] == summary
    body = ticket["_messages"][0]["body"]
    assert long_text in body and "שלום 👋🏽" in body


def test_control_characters_are_taken_out(submission, helpline):
    ticket = send(
        submission,
        helpline,
        form(
            summary="Bell\x07 and \x1b[31mred\x1b[0m\x00", happened="tab\tand\nnewline stay\x0b\x7f"
        ),
    )
    assert ticket["subject"] == "Bell and [31mred[0m"
    body = ticket["_messages"][0]["body"]
    assert "tab\tand\nnewline stay" in body
    assert not any(ch in body for ch in "\x00\x07\x0b\x1b\x7f")


@pytest.mark.parametrize(
    "email",
    [
        "ann",
        "ann@",
        "@example.org",
        "ann@example",
        "a b@c.org",
        "ann@@example.org",
        "ann@example.org\n",
    ],
)
def test_invalid_emails_are_named(email):
    problems = requester_problems(Requester(name="Ann", email=email), ["name", "email"])
    if email.strip() == "ann@example.org":  # surrounding blanks are cleaned, not refused
        assert problems == {}
    else:
        assert problems["email"] == ("This does not look like an email address (name@example.org).")


def test_attachment_gone_between_choosing_and_sending(submission, helpline, tmp_path):
    chosen = tmp_path / "screen recording.mp4"
    chosen.write_bytes(b"\0" * 10)
    wanted = form(files=[str(chosen)])
    chosen.unlink()
    with pytest.raises(AttachmentProblem, match="no longer there"):
        submission.enqueue(submission.prepare(wanted))
    assert submission.outbox.items() == [] and not uploads(helpline)


def test_attachment_deleted_after_queueing_still_arrives(submission, tmp_path):
    chosen = tmp_path / "steps.txt"
    chosen.write_text("1. open Outlook\n")
    wanted = form(files=[str(chosen)])
    item = submission.enqueue(submission.prepare(wanted))
    chosen.unlink()  # the outbox has its own copy
    sent = submission.deliver(item.client_ref)
    assert sent.state is State.SENT


def test_unreadable_file(submission, tmp_path, monkeypatch):
    secret = tmp_path / "payroll.xlsx"
    secret.write_bytes(b"PK")
    if os.geteuid() == 0:  # root reads everything: simulate what a user would meet
        real = os.access
        monkeypatch.setattr(
            "app.core.attachments.os.access",
            lambda p, mode: False if str(p) == str(secret) else real(p, mode),
        )
    else:
        secret.chmod(0)
    with pytest.raises(AttachmentProblem, match=r"not allowed to read payroll\.xlsx"):
        submission.enqueue(submission.prepare(form(files=[str(secret)])))


def test_a_folder_is_refused(submission, tmp_path):
    (tmp_path / "logs").mkdir()
    with pytest.raises(AttachmentProblem, match="logs is a folder"):
        submission.enqueue(submission.prepare(form(files=[str(tmp_path / "logs")])))


def test_symlinks(submission, helpline, tmp_path):
    target = tmp_path / "real.log"
    target.write_bytes(b"line\n" * 3)
    link = tmp_path / "latest.log"
    link.symlink_to(target)
    ticket = send(submission, helpline, form(files=[str(link)]))
    (att,) = ticket["_messages"][0]["attachments"]
    assert att["filename"] == "latest.log" and att["size"] == 15
    dangling = tmp_path / "gone.log"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(AttachmentProblem, match="no longer there"):
        submission.enqueue(submission.prepare(form(files=[str(dangling)])))
    loop = tmp_path / "loop.log"
    loop.symlink_to(loop)
    with pytest.raises(AttachmentProblem):
        submission.enqueue(submission.prepare(form(files=[str(loop)])))


def test_a_2_gb_file_is_refused_before_any_upload(submission, helpline, tmp_path):
    huge = tmp_path / "memory.dmp"
    with huge.open("wb") as handle:
        handle.truncate(2 * 10**9)  # sparse: no disk used
    with pytest.raises(AttachmentProblem) as err:
        submission.enqueue(submission.prepare(form(files=[str(huge)])))
    assert str(err.value) == (
        "The attachments add up to 2.0 GB, more than the 25.0 MB the helpdesk accepts. "
        "Please leave out memory.dmp (2.0 GB) or attach a smaller file."
    )
    assert not uploads(helpline)  # not one byte of the file went to the server
    assert submission.outbox.items() == []
    assert not list(submission.outbox.spool.glob("*/*"))  # nothing copied into the spool


def test_duplicate_file_names_both_arrive_under_distinct_names(submission, helpline, tmp_path):
    first, second = tmp_path / "a" / "log.txt", tmp_path / "b" / "log.txt"
    for path, text in ((first, "first\n"), (second, "second\n")):
        path.parent.mkdir()
        path.write_text(text)
    ticket = send(submission, helpline, form(files=[str(first), str(second)]))
    names = [a["filename"] for a in ticket["_messages"][0]["attachments"]]
    assert names == ["log.txt", "log (2).txt"]
