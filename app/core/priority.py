"""Impact and urgency combined into a priority, the way ITIL's matrix does.

Asking users for "priority" directly makes everything urgent; asking how many
people are affected and how soon it hurts gives support a priority it can trust.
"""

from __future__ import annotations

from app.core.model import Level, Priority

# Rows: impact; columns: urgency. ITIL's five steps folded to four: its
# "planning" (low/low) is our LOW, because no user files a request to plan.
_MATRIX: dict[tuple[Level, Level], Priority] = {
    (Level.HIGH, Level.HIGH): Priority.CRITICAL,
    (Level.HIGH, Level.MEDIUM): Priority.HIGH,
    (Level.MEDIUM, Level.HIGH): Priority.HIGH,
    (Level.HIGH, Level.LOW): Priority.NORMAL,
    (Level.MEDIUM, Level.MEDIUM): Priority.NORMAL,
    (Level.LOW, Level.HIGH): Priority.NORMAL,
    (Level.MEDIUM, Level.LOW): Priority.LOW,
    (Level.LOW, Level.MEDIUM): Priority.LOW,
    (Level.LOW, Level.LOW): Priority.LOW,
}

IMPACT_LABELS: dict[Level, str] = {
    Level.LOW: "Just me",
    Level.MEDIUM: "My team or several people",
    Level.HIGH: "Everyone, or the whole organisation",
}

URGENCY_LABELS: dict[Level, str] = {
    Level.LOW: "It can wait; I have a way around it",
    Level.MEDIUM: "It slows my work down",
    Level.HIGH: "I cannot work at all",
}


def priority_for(impact: Level, urgency: Level) -> Priority:
    return _MATRIX[(impact, urgency)]
