"""What the command line prints: aligned columns, TOML values, sentences, hidden secrets."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

from app import cli_text
from app.backends.local import LocalBackend
from app.core.cache import TicketCache
from app.core.helpdesk import (
    CODES,
    LIMITS,
    AuthenticationError,
    BackendError,
    Capabilities,
    NotFound,
    PermanentError,
    PermissionDenied,
    TemporaryError,
)
from app.core.model import Attachment, Message, NewTicket, Priority, Requester, Status, Ticket
from app.core.outbox import Item, Outbox, State
from app.core.polling import Poller

STAMP = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def ticket(**changes: object) -> Ticket:
    base = {
        "id": "12",
        "subject": "Printer jams",
        "status": Status.WAITING,
        "created_at": STAMP,
        "updated_at": STAMP,
        "raw_status": "stalled",
        "category": "printer",
        "priority": Priority.HIGH,
    }
    return Ticket(**{**base, **changes})  # type: ignore[arg-type]


def test_table_aligns_columns() -> None:
    text = cli_text.table(
        ["A", "LONGER", "LAST"], [["x", "y", "free text"], ["wide cell", "", "z"]]
    )
    lines = text.splitlines()
    assert lines == [
        "A          LONGER  LAST",
        "x          y       free text",
        "wide cell          z",
    ]
    assert cli_text.table(None, [["a", "b"]]) == "a  b"


def test_ticket_rows_and_long_subjects() -> None:
    rows = cli_text.ticket_rows([ticket(subject="word " * 40)]).splitlines()
    assert rows[0].split() == ["ID", "SUMMARY", "STATUS", "UPDATED"]
    assert "…" in rows[1] and "waiting" in rows[1]
    assert len(cli_text.one_line("a\n b  c " * 20, 10)) == 10


def test_ticket_text_shows_messages_and_attachments() -> None:
    messages = [
        Message(
            id="1",
            ticket_id="12",
            author="Ann",
            from_requester=True,
            body="It jams.\n",
            created_at=STAMP,
            attachments=(
                Attachment("jam.jpg", 2048),
                Attachment("system-info.txt", 300, kind="system-info"),
            ),
        ),
        Message(
            id="2",
            ticket_id="12",
            author="Sam",
            from_requester=False,
            body="Try tray 2.",
            created_at=STAMP,
        ),
    ]
    text = cli_text.ticket_text(ticket(web_url="https://rt.example.org/12"), messages)
    assert "Request:   #12  Printer jams" in text
    assert "Status:    waiting (stalled)" in text
    assert "Web:       https://rt.example.org/12" in text
    assert "--- Ann, " in text and "--- Sam (support), " in text
    assert "  jam.jpg          2.0 kB     file" in text
    assert "  system-info.txt  300 bytes  system-info" in text


def test_toml_values_parse_back() -> None:
    for value in (
        'quote " and \\ and ünïcode',
        True,
        25.0,
        800,
        ["a", "b"],
        {},
        {"stalled": "waiting"},
    ):
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
    text = cli_text.missing_identity(
        {
            "email": "Please enter your email, so support can answer you.",
            "customer_id": "Please enter your customer id.",
        }
    )
    assert text == (
        "The request cannot be filed yet. Please enter your email, so support can "
        "answer you. Please enter your customer id. Give it with --email and "
        "--customer-id."
    )


# -- codes and facts in English: the CLI's one table ----------------------------------------


class _Fake(LocalBackend):
    """The local helpdesk, failing with whatever a test sets."""

    fail: BackendError | None = None

    def create(self, ticket: NewTicket) -> Ticket:
        if self.fail is not None:
            raise self.fail
        return super().create(ticket)


def _failed_item(tmp_path: Path, error: BackendError) -> Item:
    backend = _Fake(tmp_path / "desk")
    backend.fail = error
    box = Outbox(tmp_path / "box", retry_seconds=30)
    queued = box.add_ticket(NewTicket("VPN", "b", Requester(name="Ada"), client_ref="r-1"))
    done = box.deliver(queued.client_ref, backend)
    assert done is not None and done.state is State.FAILED
    return done


def test_an_outbox_item_is_described_in_english(tmp_path: Path) -> None:
    down = _failed_item(tmp_path / "a", TemporaryError("connection refused"))
    now = down.next_attempt - 30
    assert cli_text.describe(down, now=now) == (
        "Not sent yet: The helpdesk cannot be reached right now. Helpline will try again in "
        "about 30 seconds."
    )
    assert cli_text.describe(down, now=down.next_attempt - 600).endswith(
        "Helpline will try again in about 10 minutes."
    )
    assert cli_text.describe(down, now=down.next_attempt - 2).endswith(
        "Helpline will try again in a moment."
    )
    refused = _failed_item(tmp_path / "b", AuthenticationError("bad token"))
    assert cli_text.describe(refused) == (
        "Not sent: The helpdesk did not accept your sign-in. Please sign in again. It is kept "
        "safe here until you try again."
    )  # the server's words about a sign-in are not quoted
    kept = _failed_item(tmp_path / "c", PermanentError("Queue 'IT' is closed."))
    assert cli_text.describe(kept) == (
        "Not sent: The helpdesk refused the request: Queue 'IT' is closed. It is kept safe here "
        "until you try again."
    )
    data = cli_text.item_dict(kept)
    assert (data["error_code"], data["error"]) == (
        "refused",
        "The helpdesk refused the request: Queue 'IT' is closed.",
    )
    assert data["description"] == cli_text.describe(kept)
    sent = Item(**{**kept.__dict__, "state": State.SENT, "ticket_ref": "#7"})
    assert cli_text.describe(sent) == "Sent as #7."
    assert (
        cli_text.describe(Item(**{**kept.__dict__, "state": State.QUEUED})) == "Waiting to be sent."
    )
    assert cli_text.describe(Item(**{**kept.__dict__, "state": State.SENDING})) == "Sending now."
    assert "Not sent: The helpdesk refused" in cli_text.outbox_rows([kept])


def test_errors_are_said_from_their_code_and_facts() -> None:
    say = cli_text.error
    assert (
        say(PermanentError(code="setting_missing", setting="backend.url"))
        == "No helpdesk address is set (backend.url)."
    )
    assert say(PermanentError(code="setting_missing", setting="backend.project")) == (
        "Helpline is not set up completely: backend.project is empty. Please ask IT to set it."
    )
    assert say(PermanentError()) == "The helpdesk refused the request: it gave no reason"
    assert (
        say(PermanentError("550 no relay", server="mail"))
        == "The mail server refused the message: 550 no relay"
    )
    assert (
        say(
            PermissionDenied(
                "Redmine says no", code="status_kept", helpdesk="Redmine", status="New"
            )
        )
        == "Redmine kept the request at “New”. (Redmine says no)"
    )
    assert say(PermanentError(code="too_big", limit=10**7, size=12 * 10**6)) == (
        "The mail server accepts at most 10.0 MB per message; this request is 12.0 MB with its "
        "attachments."
    )
    assert say(NotFound(code="not_found", ticket="99")) == "The helpdesk has no request 99."
    assert say(BackendError(code="no_such_code")) == "The helpdesk could not complete the request."
    assert sorted(CODES) == sorted({key.split("/")[0] for key in cli_text.ERRORS})


def test_limits_are_said_by_code_or_in_the_helpdesks_own_words() -> None:
    assert cli_text.limits_note(LocalBackend(Path("/nonexistent")).capabilities()).startswith(
        "Requests are kept on this computer"
    )
    assert (
        cli_text.limits_note(Capabilities(limits_note="Support closes requests."))
        == "Support closes requests."
    )
    assert sorted(cli_text.LIMITS) == sorted(LIMITS)


def test_a_real_poll_change_is_said_in_english(tmp_path: Path) -> None:
    backend = LocalBackend(tmp_path / "desk")
    ticket = backend.create(NewTicket("VPN drops", "b", Requester(name="Ada"), client_ref="v"))
    poller = Poller(lambda: backend, TicketCache(tmp_path / "cache"))
    poller.poll()
    backend.add_agent_reply(ticket.id, "Sam from IT", "Which VPN client do you use?")
    [change] = poller.poll().changes
    assert cli_text.change_text(change) == (
        "Sam from IT answered: Which VPN client do you use? Status is now “Waiting on you”."
    )
    backend.set_resolved(ticket.id)
    [change] = poller.poll().changes
    assert cli_text.change_text(change) == "Status is now “Resolved”."
