"""The ITIL impact x urgency matrix, cell by cell."""

from __future__ import annotations

import pytest

from app.core.model import Level, Priority
from app.core.priority import IMPACT_LABELS, URGENCY_LABELS, priority_for

L, M, H = Level.LOW, Level.MEDIUM, Level.HIGH


@pytest.mark.parametrize(
    ("impact", "urgency", "expected"),
    [
        (H, H, Priority.CRITICAL),
        (H, M, Priority.HIGH),
        (M, H, Priority.HIGH),
        (H, L, Priority.NORMAL),
        (M, M, Priority.NORMAL),
        (L, H, Priority.NORMAL),
        (M, L, Priority.LOW),
        (L, M, Priority.LOW),
        (L, L, Priority.LOW),
    ],
)
def test_matrix(impact: Level, urgency: Level, expected: Priority) -> None:
    assert priority_for(impact, urgency) is expected


def test_matrix_is_symmetric_and_monotonic() -> None:
    order = list(Priority)
    for a in Level:
        for b in Level:
            assert priority_for(a, b) is priority_for(b, a)
    for urgency in Level:
        ranks = [order.index(priority_for(impact, urgency)) for impact in (L, M, H)]
        assert ranks == sorted(ranks)


def test_every_level_has_a_plain_label() -> None:
    assert set(IMPACT_LABELS) == set(Level) == set(URGENCY_LABELS)
    assert IMPACT_LABELS[L] == "Just me"
