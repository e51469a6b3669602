"""The sentences that say when support can be expected to answer (issue 18, part 2).

Each is true as said: IT's target is "usually … within N working hours — by about …" (a
habit, not a guarantee); a due date the helpdesk set is said to be the helpdesk's; once the
time has passed the sentence says so calmly, with no alarm colour. The faces call these with
a :class:`~app.core.answer_times.Promise` from core, or with nothing when there is none, and
then say nothing: no promise is ever made up here.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from app.core.answer_times import Promise
from app.core.model import Priority

tr = QCoreApplication.translate

#: A week ahead at most, the day's name is enough ("Tuesday 11:00").
_NEAR_SECONDS = 6 * 24 * 3600


def _requests(priority: Priority) -> str:
    return {
        Priority.LOW: tr("AnswerTimes", "low-priority requests"),
        Priority.NORMAL: tr("AnswerTimes", "normal-priority requests"),
        Priority.HIGH: tr("AnswerTimes", "high-priority requests"),
        Priority.CRITICAL: tr("AnswerTimes", "critical requests"),
    }[priority]


def _hours(hours: float) -> str:
    count = QLocale().toString(int(hours)) if hours == int(hours) else QLocale().toString(hours)
    if hours == 1:
        return tr("AnswerTimes", "1 working hour")
    return tr("AnswerTimes", "{count} working hours").format(count=count)


def when(due: datetime, now: datetime) -> str:
    """``due`` on this computer's clock: "Tuesday 11:00" within a week either way, with
    the date beyond it. The formats are translated, so each language writes them its own way."""
    moment = QDateTime.fromSecsSinceEpoch(int(due.timestamp()))
    near = abs(due.timestamp() - now.timestamp()) < _NEAR_SECONDS
    pattern = tr("AnswerTimes", "dddd HH:mm") if near else tr("AnswerTimes", "dddd d MMMM, HH:mm")
    return QLocale().toString(moment, pattern)


def expected(promise: Promise, now: datetime) -> str:
    """Review and Done: the promise as a plain sentence."""
    if promise.source == "helpdesk":
        return tr(
            "AnswerTimes", "The helpdesk has set a due date for this request: {when}."
        ).format(when=when(promise.due, now))
    return tr(
        "AnswerTimes", "Support usually answers {requests} within {hours} — by about {when}."
    ).format(
        requests=_requests(promise.priority),
        hours=_hours(promise.hours),
        when=when(promise.due, now),
    )


def once_it_arrives(promise: Promise) -> str:
    """Done, while the request waits in the outbox: the clock starts when support has it,
    so no date can be given yet."""
    return tr(
        "AnswerTimes",
        "Once it has reached support, they usually answer {requests} within {hours}.",
    ).format(requests=_requests(promise.priority), hours=_hours(promise.hours))


def status(promise: Promise, now: datetime) -> str:
    """My requests: "answer expected by …", then "later than expected" once it has passed."""
    at = when(promise.due, now)
    if promise.source == "helpdesk":
        if promise.late(now):
            return tr(
                "AnswerTimes",
                "Later than expected: the helpdesk's due date was {when}. The request is still "
                "open with support; you can add a message below if anything has changed.",
            ).format(when=at)
        return tr("AnswerTimes", "Due by {when}, the helpdesk says.").format(when=at)
    if promise.late(now):
        return tr(
            "AnswerTimes",
            "Later than expected: support usually answers {requests} within {hours} (by about "
            "{when}). The request is still open with them; you can add a message below if "
            "anything has changed.",
        ).format(requests=_requests(promise.priority), hours=_hours(promise.hours), when=at)
    return tr(
        "AnswerTimes",
        "Answer expected by about {when}: support usually answers {requests} within {hours}.",
    ).format(when=at, requests=_requests(promise.priority), hours=_hours(promise.hours))
