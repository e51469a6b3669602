"""Issue 17, item 14: damaged local state is set aside with a sentence; the rest goes on.

A draft of valid JSON with the wrong shape crashed every start; one damaged outbox row
(payload not JSON, JSON of the wrong shape, an unknown state) stopped delivery of every
request behind it. The helpdesk here is the real local backend (its own SQLite file).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import cli_text
from app.backends.local import LocalBackend
from app.core.drafts import DraftStore
from app.core.form import RequestForm
from app.core.model import NewTicket, Requester
from app.core.outbox import Outbox, State, new_client_ref
from app.core.store import connect


def _ticket(subject: str) -> NewTicket:
    return NewTicket(
        subject=subject,
        body="Details.",
        requester=Requester(name="Ann", email="ann@example.org"),
        client_ref=new_client_ref(),
    )


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2, 3]",
        '"a string"',
        '{"summary": 5}',
        '{"requester": [1]}',
        '{"impact": "enormous"}',
        '{"files": 7}',
        '{"include_screenshot": "yes"}',
        "{not json",
        "\xff\xfe",
    ],
)
def test_a_draft_of_the_wrong_shape_is_set_aside(text: str, tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert drafts.load() is None
    kept = drafts.set_aside
    assert kept is not None and kept.name.startswith("draft.json.bad-")
    assert kept.read_bytes() == text.encode("utf-8", "surrogateescape")  # kept, not deleted
    assert not drafts.path.exists()
    assert drafts.load() is None and DraftStore(tmp_path).set_aside is None  # once


def test_a_good_draft_still_loads(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.save(RequestForm(summary="Printer jams"))
    loaded = drafts.load()
    assert loaded is not None and loaded.summary == "Printer jams" and drafts.set_aside is None


def test_the_wizard_says_the_draft_was_set_aside(
    tmp_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.core.config import load
    from app.ui import wizard_start

    drafts = DraftStore(tmp_path)
    drafts.path.write_text('{"summary": {"nested": true}}', "utf-8")
    shown: list[str] = []

    done = False

    def close_box() -> None:
        """Close each box the start shows; stops once the start is over, so no later test
        has its boxes closed."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):  # any box: before the fix, "Continue it?"
            shown.append(f"{box.objectName()}: {box.text()}")
            box.close()
        if not done:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    form = wizard_start.restored_form(drafts, load(env={}))
    done = True
    qtbot.wait(50)
    assert form.summary == ""
    assert shown == [
        "draftSetAsideBox: The request you were writing last time could not be read back, "
        f"so a new one starts. The damaged file was kept as {drafts.set_aside}."
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("payload", "{not json"),
        ("payload", "[1, 2]"),
        ("payload", '{"subject": "x"}'),
        ("state", "exploded"),
        ("error_facts", "{not json"),
        ("kind", "telegram"),
    ],
)
def test_one_damaged_row_is_quarantined_and_the_rest_delivered(
    column: str, value: str, tmp_path: Path
) -> None:
    box = Outbox(tmp_path / "data")
    first, bad, last = (box.add_ticket(_ticket(s)) for s in ("First", "Damaged", "Last"))
    with connect(box.db_path, "") as conn:
        conn.execute(
            f"UPDATE outbox SET {column} = ? WHERE client_ref = ?", (value, bad.client_ref)
        )
    helpdesk = LocalBackend(tmp_path / "helpdesk")
    results = {item.client_ref: item for item in box.deliver_due(helpdesk)}
    assert results[first.client_ref].state is State.SENT
    assert results[last.client_ref].state is State.SENT
    assert sorted(t.subject for t in helpdesk.list_mine()) == ["First", "Last"]
    damaged = box.get(bad.client_ref)
    assert damaged is not None and damaged.state is State.DAMAGED
    assert damaged.summary == "Damaged" and damaged.error_code == "outbox_row_damaged"
    assert "set aside so that the others still go" in cli_text.describe(damaged)
    # Listed with its sentence, never claimed again, and the user can discard it.
    (listed,) = box.items()
    assert listed.client_ref == bad.client_ref and listed.state is State.DAMAGED
    assert box.deliver_due(helpdesk, force=True)[0].state is State.DAMAGED
    assert box.discard(bad.client_ref) is not None and box.items() == []


def test_the_windows_say_the_damaged_state(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from app.ui import messages

    box = Outbox(tmp_path / "data")
    item = box.add_ticket(_ticket("Damaged"))
    with connect(box.db_path, "") as conn:
        conn.execute("UPDATE outbox SET payload = '[' WHERE client_ref = ?", (item.client_ref,))
    (damaged,) = box.items()
    assert messages.outbox_badge(damaged) == "Damaged"
    assert "set aside so that the others still go" in messages.outbox_state(damaged)
    assert json.dumps(cli_text.item_dict(damaged))  # --json still works
