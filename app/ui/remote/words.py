"""Remote help's messages and audit lines in the person's language.

The audit lines travel to the helpdesk in fixed English (support reads them there); the
conversation view shows them through :func:`audit_text` as a system line in the person's
own language, from the facts :func:`app.core.remote_help.parse` reads back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from app.core.remote_help import AuditLine
from app.ui.i18n import program_name
from app.ui.remote.consent import tool_name

tr = QCoreApplication.translate


def refused(code: str) -> str:
    """Why "Let support see my screen" cannot be offered (``RemoteHelpRefused.code``)."""
    texts = {
        "disabled": tr(
            "RemoteHelp", "Screen sharing with support is switched off on this computer by IT."
        ),
        "no_technician": tr(
            "RemoteHelp",
            "Screen sharing is not set up yet: IT has not said where support connects from.",
        ),
        "bad_request": tr("RemoteHelp", "That is not a request number."),
    }
    return texts.get(code, code)


def code_prompt(hint: str) -> str:
    """What the bar shows large where the person and support exchange a code by phone."""
    if hint == "quick_assist_code":
        return tr("RemoteHelp", "Type the code support tells you into Quick Assist")
    return ""


def ended_by(code: str) -> str:
    return {
        "user": tr("RemoteHelp", "you pressed Stop"),
        "time_limit": tr("RemoteHelp", "the time limit"),
        "support": tr("RemoteHelp", "support disconnected"),
        "exit": tr("RemoteHelp", "{program} closed").format(program=program_name()),
        "failed": tr("RemoteHelp", "the tool could not start"),
    }.get(code, code)


def _when(stamp: str) -> str:
    """The line's UTC time as the other messages show theirs (local time, the locale's form)."""
    from app.ui.models import format_when

    try:
        moment = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=UTC)
    except ValueError:
        return stamp
    return format_when(moment)


def _duration(seconds: str) -> str:
    if not seconds.isdigit():
        return seconds
    minutes, rest = divmod(int(seconds), 60)
    return tr("RemoteHelp", "{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)


def audit_text(line: AuditLine) -> str:
    """One audit line as the conversation shows it (a system line, not a message)."""
    if line.event == "started":
        mode = (
            tr("RemoteHelp", "control allowed")
            if line.mode == "control"
            else tr("RemoteHelp", "view only")
        )
        return tr(
            "RemoteHelp",
            "Screen sharing started at {when} with {tool}, {mode}, for at most {minutes} "
            "minutes; {who} agreed.",
        ).format(
            when=_when(line.when),
            tool=tool_name(line.tool),
            mode=mode,
            minutes=line.minutes,
            who=line.who,
        )
    return tr("RemoteHelp", "Screen sharing ended at {when} ({by}), after {duration}.").format(
        when=_when(line.when), by=ended_by(line.ended_by), duration=_duration(line.seconds)
    )
