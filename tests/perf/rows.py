"""The same N tickets for the My-requests figure and its floor, made before any timing."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

SUBJECTS = (
    "Printer on floor 3 jams",
    "VPN drops every hour",
    "Outlook asks for the password",
    "New laptop for a starter",
    "Screen flickers after docking",
    "Cannot open the payroll",
    "Teams has no sound",
    "Access to the shared drive",
    "Keyboard missing keys",
    "Wi-Fi slow in the meeting room",
)
AUTHORS = ("You", "Sam from support", "Alex (IT)", "Kim from facilities")
STATUSES = ("new", "open", "waiting", "resolved", "closed")


def raw_rows(count: int, seed: int = 8) -> list[tuple[str, str, str, datetime, str]]:
    """(id, subject, status, updated, last author) per ticket, newest first."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    return [
        (
            str(count - i),
            f"{rng.choice(SUBJECTS)} ({count - i})",
            rng.choice(STATUSES),
            start - timedelta(minutes=7 * i),
            rng.choice(AUTHORS),
        )
        for i in range(count)
    ]
