"""A reply with files to a helpdesk that takes none is refused before it is queued."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli
from app.core.config import load
from app.core.helpdesk import Capabilities
from app.core.outbox import Outbox
from app.services.filing import Submission

NOTE = (
    "Files cannot be attached on GitHub; they stay on this computer, with the copy of what "
    "was sent."
)


def test_reply_with_files_to_a_helpdesk_without_uploads_is_refused_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        Submission, "capabilities", lambda self: Capabilities(attachments=False, limits_note=NOTE)
    )
    log = tmp_path / "app.log"
    log.write_text("boot failed\n", "utf-8")
    code = cli.main(["reply", "1", "--message", "Still broken", "--attach", str(log)])
    assert code == 2
    err = capsys.readouterr().err
    assert NOTE in err and "without --attach" in err
    assert Outbox().items(include_sent=True) == []  # nothing queued that could never go


def test_reply_without_files_still_goes_through_the_outbox(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        Submission, "capabilities", lambda self: Capabilities(attachments=False, limits_note=NOTE)
    )
    config = load(env={})
    submission = Submission(config)
    from app.core.form import RequestForm
    from app.core.model import Requester

    form = RequestForm(
        requester=Requester(name="Ada", email="ada@example.org"),
        category="other",
        summary="VPN drops",
        happened="It drops hourly.",
    )
    item = submission.deliver(submission.enqueue(submission.prepare(form)).client_ref)
    code = cli.main(["reply", item.ticket_id, "--message", "Still broken"])
    assert code == 0
    assert "was added to request" in capsys.readouterr().out
