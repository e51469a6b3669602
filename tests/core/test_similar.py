"""The duplicate check: finds the open ticket about the same problem, quickly, and only that."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from app.core.model import Status, Ticket
from app.core.similar import score, similar_open, words

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def ticket(number: int, subject: str, status: Status = Status.OPEN) -> Ticket:
    return Ticket(str(number), subject, status, NOW, NOW)


OPEN = [
    ticket(1, "VPN drops every hour"),
    ticket(2, "Printer on floor 2 prints blank pages"),
    ticket(3, "Outlook crashes at start"),
    ticket(4, "Laptop battery does not charge", Status.RESOLVED),
]


def test_the_same_problem_in_other_words_is_found() -> None:
    [match] = similar_open("The printer on floor 2 prints only blank pages", OPEN)
    assert match.ticket.id == "2" and match.score > 0.6
    assert similar_open("vpn keeps dropping every hour", OPEN)[0].ticket.id == "1"


def test_unrelated_summaries_and_single_words_suggest_nothing() -> None:
    assert similar_open("New monitor for my desk", OPEN) == []
    assert similar_open("printer", OPEN) == []  # one word says too little
    assert similar_open("", OPEN) == []


def test_resolved_and_closed_tickets_are_not_offered() -> None:
    assert similar_open("Laptop battery does not charge", OPEN) == []


def test_words_ignore_case_stopwords_and_plurals() -> None:
    assert words("The Printers are NOT working") == {"printer"}
    assert score("abc", "") == 0.0


def test_a_huge_list_is_cut_off_by_the_time_budget() -> None:
    many = [ticket(n, f"Printer {n} on floor {n % 7} jams with paper") for n in range(200_000)]
    start = time.perf_counter()
    found = similar_open("Printer on floor 3 jams paper", many, budget_seconds=0.05)
    elapsed = time.perf_counter() - start
    print(f"\nsimilar_open over 200,000 tickets with a 50 ms budget: {elapsed * 1000:.0f} ms")
    assert found and all("jams" in m.ticket.subject for m in found)
    assert elapsed < 0.5  # the budget, not the list, bounds the work (generous for slow CI)
