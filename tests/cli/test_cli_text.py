"""What the command line prints: aligned columns, TOML values, sentences, hidden secrets."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

from app.core import cli_text
from app.core.model import Attachment, Message, Priority, Status, Ticket

STAMP = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def ticket(**changes: object) -> Ticket:
    base = {"id": "12", "subject": "Printer jams", "status": Status.WAITING,
            "created_at": STAMP, "updated_at": STAMP, "raw_status": "stalled",
            "category": "printer", "priority": Priority.HIGH}
    return Ticket(**{**base, **changes})  # type: ignore[arg-type]


def test_table_aligns_columns() -> None:
    text = cli_text.table(["A", "LONGER", "LAST"], [["x", "y", "free text"],
                                                    ["wide cell", "", "z"]])
    lines = text.splitlines()
    assert lines == ["A          LONGER  LAST", "x          y       free text",
                     "wide cell          z"]
    assert cli_text.table(None, [["a", "b"]]) == "a  b"


def test_ticket_rows_and_long_subjects() -> None:
    rows = cli_text.ticket_rows([ticket(subject="word " * 40)]).splitlines()
    assert rows[0].split() == ["ID", "SUMMARY", "STATUS", "UPDATED"]
    assert "…" in rows[1] and "waiting" in rows[1]
    assert len(cli_text.one_line("a\n b  c " * 20, 10)) == 10


def test_ticket_text_shows_messages_and_attachments() -> None:
    messages = [
        Message(id="1", ticket_id="12", author="Ann", from_requester=True, body="It jams.\n",
                created_at=STAMP, attachments=(Attachment("jam.jpg", 2048), Attachment(
                    "system-info.txt", 300, kind="system-info"))),
        Message(id="2", ticket_id="12", author="Sam", from_requester=False, body="Try tray 2.",
                created_at=STAMP),
    ]
    text = cli_text.ticket_text(ticket(web_url="https://rt.example.org/12"), messages)
    assert "Request:   #12  Printer jams" in text
    assert "Status:    waiting (stalled)" in text
    assert "Web:       https://rt.example.org/12" in text
    assert "--- Ann, " in text and "--- Sam (support), " in text
    assert "  jam.jpg          2.0 KB     file" in text
    assert "  system-info.txt  300 bytes  system-info" in text


def test_toml_values_parse_back() -> None:
    for value in ("quote \" and \\ and ünïcode", True, 25.0, 800, ["a", "b"], {},
                  {"stalled": "waiting"}):
        assert tomllib.loads(f"v = {cli_text.toml_value(value)}")["v"] == value


def test_categories_are_summarised() -> None:
    value = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]
    assert cli_text.config_value("categories", value) == "2 categories: a, b"


def test_secrets_are_hidden_but_their_absence_is_shown() -> None:
    assert cli_text.config_value("backend.token", "s3cret") == "(set, hidden)"
    assert cli_text.shown_value("backend.password", "pw") == "(set, hidden)"
    assert cli_text.config_value("backend.token", "") == '""'
    assert cli_text.config_value("backend.token_env", "RT_TOKEN") == '"RT_TOKEN"'
    assert cli_text.config_value("backend.app_token", "glpi") == "(set, hidden)"


def test_every_secret_in_the_schema_is_hidden() -> None:
    from app.core.schema import KEYS

    for key in KEYS:
        if "token" in key.name or "password" in key.name:
            assert cli_text.is_secret(key.name) != key.name.endswith("_env"), key.name


def test_missing_identity_names_the_flags() -> None:
    text = cli_text.missing_identity({"email": "Please enter your email, so support can "
                                               "answer you.",
                                      "customer_id": "Please enter your customer id."})
    assert text == ("The request cannot be filed yet. Please enter your email, so support can "
                    "answer you. Please enter your customer id. Give it with --email and "
                    "--customer-id.")
