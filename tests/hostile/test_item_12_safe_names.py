"""Issue 17, item 12: the names a helpdesk gives attachments are made safe by one function
(app.core.filenames.safe_filename) on every save path.

Before the fix My requests' save (``save_target``) let Windows device names through
(``CON``, ``NUL.txt`` open a device on Windows), cut long names at 150 characters, which
for Chinese letters is 450 bytes ("File name too long" on a 255-byte file system), and cut
the extension off with them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.collectors import receipts
from app.core.model import NewTicket, Requester
from app.core.outbox import Outbox, new_client_ref
from app.core.sanitize import save_target


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("CON", "_CON"),
        ("NUL.txt", "_NUL.txt"),
        ("com1.log", "_com1.log"),
        ("LPT9.pdf", "_LPT9.pdf"),
        ("aux .txt", "_aux .txt"),
        ("Überweisung März.pdf", "Überweisung März.pdf"),
        ("../../.bashrc", "bashrc"),
    ],
)
def test_device_names_and_paths_are_defused(sent: str, saved: str, tmp_path: Path) -> None:
    target = save_target(tmp_path, sent)
    assert target.name == saved and target.parent == tmp_path.resolve()
    target.write_bytes(b"x")  # it is a file one can write


@pytest.mark.parametrize(
    "sent",
    ["报告" * 100 + ".xlsx", "é" * 200 + ".pdf", "a" * 300 + ".tar.gz", "🙂" * 80 + ".png"],
    ids=["chinese", "accented", "ascii", "emoji"],
)
def test_long_names_fit_the_file_system_and_keep_their_extension(sent: str, tmp_path: Path) -> None:
    ext = sent.rsplit(".", 1)[1]
    first = save_target(tmp_path, sent)
    first.write_bytes(b"1")  # no "File name too long"
    second = save_target(tmp_path, sent)
    second.write_bytes(b"2")
    for path in (first, second):
        assert len(path.name.encode("utf-8")) <= 255 and path.name.endswith("." + ext)
    assert second.name.endswith(f" (2).{ext}")


def test_a_receipt_holds_the_same_safe_names(tmp_path: Path) -> None:
    """The receipt zip's entries follow the same rule (IT may unpack it on Windows)."""
    source = tmp_path / "f.bin"
    source.write_bytes(b"data")
    box = Outbox(tmp_path / "data")
    ticket = NewTicket(
        subject="s",
        body="b",
        requester=Requester(name="Ann", email="ann@example.org"),
        client_ref=new_client_ref(),
    )
    item = box.add_ticket(ticket)
    payload = {
        **item.payload,
        "attachments": [{"filename": "NUL.txt", "path": str(source), "kind": "file"}],
    }
    parts = receipts._parts(item.__class__(**{**item.__dict__, "payload": payload}))
    assert "attachments/_NUL.txt" in [p.name for p in parts]
    assert json.loads(parts[0].data)  # the rest of the receipt is unchanged


def test_there_is_one_rule() -> None:
    from app.backends import local
    from app.core import filenames, sanitize

    assert local.safe_filename is filenames.safe_filename
    assert sanitize.safe_name("NUL.txt") == filenames.safe_filename("NUL.txt")
