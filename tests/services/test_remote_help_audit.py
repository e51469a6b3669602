"""Who said Yes to screen sharing, as the audit line names them (issue 20)."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path

from app.backends.local import LocalBackend
from app.core import identity, remote_help
from app.core.config import load
from app.core.model import NewTicket, Requester
from app.services.filing import Submission
from app.services.followup import FollowUps
from app.services.remote_help import audit


def test_the_audit_line_names_the_person_and_the_computer_account(tmp_path: Path) -> None:
    """The request's own person, as they last filed from this computer, with the account
    signed in: "consented by: Ada Lovelace (ada)" tells support who said Yes; the account
    alone did only where the login name says who it is."""
    desk = LocalBackend(tmp_path)
    submission = Submission(load(env={}), root=tmp_path, backend_factory=lambda _c: desk)
    ticket = desk.create(NewTicket("Printer jams", "b", Requester("Ada"), client_ref="r1"))
    login = getpass.getuser()
    assert audit.who(tmp_path) == login  # nobody filed here yet: the account alone

    identity.remember(Requester(name="Ada  Lovelace", email="ada@example.org"), tmp_path)
    item = audit.started(
        FollowUps.for_submission(submission),
        ticket.id,
        "vnc",
        False,
        30,
        datetime(2026, 12, 7, 9, 0, tzinfo=UTC),
    )
    read = remote_help.parse(item.payload["text"])
    assert read is not None and read.who == f"Ada Lovelace ({login})"
