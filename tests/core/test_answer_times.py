"""Expected answer times: support hours read, working time counted across weekends,
holidays and summer time, and no promise where nothing was declared."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.core.answer_times import (
    HoursError,
    Zone,
    add_working_time,
    closed_days,
    expected_by,
    parse_hours,
    support_hours,
    target_hours,
)
from app.core.config import load
from app.core.config_file import ConfigError
from app.core.model import Priority

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = {day: ((8 * 60, 18 * 60),) for day in range(5)}


def config(**values: Any) -> dict[str, Any]:
    base = {
        "backend.type": "rt",
        "branding.support_hours": "",
        "answers.targets": {"high": 4, "normal": 16},
        "answers.category_targets": {},
        "answers.hours": "Mon–Fri 8:00–18:00",
        "answers.holidays": "DE-BY",
        "answers.closed_days": [],
        "answers.timezone": "Europe/Berlin",
    }
    base.update(values)
    return base


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon–Fri 8:00–18:00", {d: ((480, 1080),) for d in range(5)}),
        ("Mo–Do 8–17; Fr 8–14 Uhr", {**{d: ((480, 1020),) for d in range(4)}, 4: ((480, 840),)}),
        (
            "Mon, Wed 9:00-12:00, 13:00-17:00",
            {0: ((540, 720), (780, 1020)), 2: ((540, 720), (780, 1020))},
        ),
        ("Sat–Mon 10–14", {5: ((600, 840),), 6: ((600, 840),), 0: ((600, 840),)}),
        ("Mon–Sun 0:00–24:00", {d: ((0, 1440),) for d in range(7)}),
    ],
)
def test_support_hours_are_read_in_english_and_german(text: str, expected: dict) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    "text", ["by appointment", "Mon–Fri", "8–17", "Mon–Fri 18:00–8:00", "Mon 8:75–9", "Mon 8–25"]
)
def test_hours_a_person_wrote_are_never_guessed_at(text: str) -> None:
    with pytest.raises(HoursError):
        parse_hours(text)


def test_the_issue_example_friday_evening_to_tuesday_over_a_holiday_monday() -> None:
    """Thursday 2 April 2026, 17:00: one hour left that day; Good Friday, the weekend and
    Easter Monday are closed in Bavaria; three more hours on Tuesday: 11:00."""
    promise = expected_by(config(), berlin(2026, 4, 2, 17, 0), Priority.HIGH)
    assert promise is not None
    assert promise.due == berlin(2026, 4, 7, 11, 0)
    assert promise.due.strftime("%A") == "Tuesday"
    assert (promise.source, promise.hours) == ("target", 4.0)


def test_without_holidays_the_same_request_is_due_on_friday() -> None:
    promise = expected_by(config(**{"answers.holidays": ""}), berlin(2026, 4, 2, 17), Priority.HIGH)
    assert promise is not None and promise.due == berlin(2026, 4, 3, 11, 0)


def test_a_request_sent_at_night_starts_counting_at_opening() -> None:
    promise = expected_by(config(), berlin(2026, 11, 24, 22, 30), Priority.HIGH)
    assert promise is not None and promise.due == berlin(2026, 11, 25, 12, 0)


def test_own_closed_days_count_as_holidays() -> None:
    settings = config(**{"answers.closed_days": ["2026-12-23"]})
    promise = expected_by(settings, berlin(2026, 12, 22, 16), Priority.HIGH)
    # 2 h on the 22nd, the 23rd closed, the 24th is a normal weekday for the law: 10:00.
    assert promise is not None and promise.due == berlin(2026, 12, 24, 10, 0)


def test_a_category_target_overrides_the_priority_target() -> None:
    settings = config(**{"answers.category_targets": {"printer": {"high": 8}}})
    assert target_hours(settings, Priority.HIGH, "printer") == 8
    assert target_hours(settings, Priority.HIGH, "email") == 4
    assert target_hours(settings, Priority.NORMAL, "printer") == 16  # not overridden
    assert target_hours(settings, Priority.LOW) == 0


@pytest.mark.parametrize(
    "values",
    [
        {"answers.targets": {}},  # nothing declared
        {"answers.hours": "", "branding.support_hours": "by appointment"},  # cannot be read
        {"backend.type": "local"},  # nothing is sent: nobody answers
    ],
)
def test_no_target_means_no_promise(values: dict[str, Any]) -> None:
    assert expected_by(config(**values), berlin(2026, 4, 2, 17), Priority.HIGH) is None


def test_a_priority_without_a_target_gets_no_promise() -> None:
    assert expected_by(config(), berlin(2026, 4, 2, 17), Priority.LOW) is None


def test_the_helpdesks_own_due_date_wins_and_says_so() -> None:
    due = datetime(2026, 4, 9, 12, tzinfo=UTC)
    promise = expected_by(
        config(**{"answers.targets": {}}), berlin(2026, 4, 2), Priority.LOW, "", due
    )
    assert promise is not None and (promise.due, promise.source) == (due, "helpdesk")
    assert not promise.late(due - timedelta(seconds=1)) and promise.late(due)


def test_branding_support_hours_are_reused_when_written_that_way() -> None:
    settings = config(**{"answers.hours": "", "branding.support_hours": "Mo–Fr 9–17 Uhr"})
    assert support_hours(settings) == {d: ((540, 1020),) for d in range(5)}


def test_working_time_crosses_the_change_to_summer_time_in_wall_clock_hours() -> None:
    """29 March 2026: Berlin moves from +01:00 to +02:00 on Sunday night; Friday 16:00 plus
    4 working hours is Monday 10:00 on the wall clock, whatever the offset did."""
    due = add_working_time(
        berlin(2026, 3, 27, 16),
        timedelta(hours=4),
        WEEKDAYS,
        lambda _d: False,
        Zone("Europe/Berlin"),
    )
    assert due == berlin(2026, 3, 30, 10, 0)
    assert due is not None and due.utcoffset() == timedelta(hours=2)


def test_no_windows_at_all_is_no_date() -> None:
    assert (
        add_working_time(berlin(2026, 1, 1), timedelta(hours=1), {}, lambda _d: False, Zone())
        is None
    )


def test_holiday_regions_differ() -> None:
    bavaria, berlin_state = closed_days("DE-BY"), closed_days("DE-BE")
    epiphany = date(2026, 1, 6)
    assert bavaria(epiphany) and not berlin_state(epiphany)


def test_the_schema_rejects_what_cannot_be_counted(tmp_path: Path) -> None:
    for line in (
        'hours = "by appointment"',
        "targets = { urgent = 4 }",
        "targets = { high = 0 }",
        'holidays = "Bavaria"',
        'closed_days = ["24.12.2026"]',
        'timezone = "Europe/Nowhere"',
    ):
        path = tmp_path / "bad.toml"
        path.write_text("[answers]\n" + line + "\n", "utf-8")
        with pytest.raises(ConfigError):
            load(path, env={})
    path = tmp_path / "good.toml"
    path.write_text(
        '[answers]\nhours = "Mon–Fri 8:00–18:00"\nholidays = "DE-BY"\n'
        "targets = { critical = 1, high = 4 }\n"
        "category_targets = { printer = { high = 8 } }\n"
        'timezone = "Europe/Berlin"\n',
        "utf-8",
    )
    loaded = load(path, env={})
    assert loaded["answers.targets"] == {"critical": 1.0, "high": 4.0}
    assert loaded["answers.category_targets"] == {"printer": {"high": 8.0}}


def test_my_requests_promise_uses_what_was_filed_until_support_answers(tmp_path: Path) -> None:
    """Most helpdesks do not report the priority back: the outbox remembers what the person
    filed. A ticket not filed from here, or one support has answered, gets no promise."""
    from app.backends.local import LocalBackend
    from app.core.answer_times import for_ticket
    from app.core.model import Message, NewTicket, Requester, Status
    from app.core.outbox import Outbox

    box = Outbox(tmp_path / "data")
    filed = NewTicket("s", "b", Requester("Ada"), "ref-1", "printer", Priority.HIGH)
    box.add_ticket(filed)
    box.deliver("ref-1", LocalBackend(tmp_path / "desk"))
    item = box.get("ref-1")
    assert item is not None and item.ticket_id
    at = berlin(2026, 4, 2, 17)
    ticket = LocalBackend(tmp_path / "desk").get(item.ticket_id)
    ticket = type(ticket)(**{**ticket.__dict__, "created_at": at, "status": Status.OPEN})
    mine = Message("1", ticket.id, "Ada", True, "Any news?", at)
    theirs = Message("2", ticket.id, "Sam", False, "Looking.", at)
    promise = for_ticket(config(), box, ticket, [mine])
    assert promise is not None and promise.due == berlin(2026, 4, 7, 11)
    assert for_ticket(config(), box, ticket, [mine, theirs]) is None
    other = type(ticket)(**{**ticket.__dict__, "id": "999"})
    assert for_ticket(config(), box, other, []) is None
    waiting = type(ticket)(**{**ticket.__dict__, "status": Status.WAITING})
    assert for_ticket(config(), box, waiting, []) is None
