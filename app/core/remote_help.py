"""Remote help's rules: what may be offered, and the audit lines a session leaves in the request.

A session is offered only for a request, only while IT's policy has it on, and never for
longer or with more rights than the policy allows: a user's file cannot raise the
``remote_help.*`` keys (:mod:`app.core.config` keeps their ceiling) and a link's
``minutes`` and ``control`` can only lower what is offered (:func:`offer`). The consent
dialog then asks; nothing here starts anything.

The audit lines go to the helpdesk like any reply (through the outbox), so support sees
who shared what, when and for how long, in the request itself. They are plain text a
person reads in the helpdesk's own web page, and they start with :data:`MARKER`, which
the conversation view recognises (:func:`parse`) to show them as a system line in the
person's own language rather than as a message they wrote. Qt-free.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

from app.core.config import Config

MARKER = "[Helpline remote help]"
#: Who or what ended a session: the code, and how the audit line says it to support.
ENDED_BY = {
    "user": "the user (Stop)",
    "time_limit": "the time limit",
    "support": "support (disconnected)",
    "exit": "Helpline closing",
    "failed": "the tool (it could not start or connect)",
}
MODES = {"view": "view only", "control": "control allowed"}
_REQUEST = re.compile(r"^#?([A-Za-z0-9][A-Za-z0-9_.-]{0,63})$")


class RemoteHelpRefused(ValueError):
    """Why a session cannot be offered, as a code: ``disabled`` (IT has it off, or a link or
    the user's file switched it off), ``no_technician`` (a tool that needs IT's address has
    none), ``bad_request`` (not a request number)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Offer(NamedTuple):
    """What the consent dialog offers: the request, the tool, for how long at most, and
    whether the person may tick "support may also control" (never ticked by default)."""

    request_id: str
    tool: str
    technician: str
    minutes: int
    control_allowed: bool
    asked_by: str = ""


def request_id(text: str) -> str:
    """A request number as typed or linked ("#42", "42", "PROJ-7"); raises ``bad_request``."""
    match = _REQUEST.match(text.strip())
    if match is None:
        raise RemoteHelpRefused("bad_request")
    return match.group(1)


def offer(
    config: Config,
    request: str,
    minutes: int | None = None,
    control: bool | None = None,
    asked_by: str = "",
) -> Offer:
    """The session policy allows for ``request``; ``minutes`` and ``control`` (from a link)
    can only lower it."""
    if not config["remote_help.enabled"]:
        raise RemoteHelpRefused("disabled")
    tool = config["remote_help.tool"]
    technician = config["remote_help.technician"].strip()
    if tool in ("vnc", "meshcentral") and not technician:
        raise RemoteHelpRefused("no_technician")
    ceiling = int(config["remote_help.max_minutes"])
    wanted = ceiling if minutes is None else max(1, min(int(minutes), ceiling))
    allowed = bool(config["remote_help.allow_control"]) and control is not False
    return Offer(request_id(request), tool, technician, wanted, allowed, asked_by.strip())


# -- audit lines ---------------------------------------------------------------------


class AuditLine(NamedTuple):
    """One audit line, read back: ``event`` is ``started`` or ``ended``; the facts are
    strings as written (``when`` in UTC)."""

    event: str
    when: str
    tool: str = ""
    mode: str = ""
    minutes: str = ""
    who: str = ""
    ended_by: str = ""
    seconds: str = ""


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def started_line(tool: str, control: bool, minutes: int, who: str, at: datetime) -> str:
    """The line a session leaves when it starts (after the person's Yes)."""
    mode = MODES["control" if control else "view"]
    return (
        f"{MARKER} Screen sharing started · at: {_stamp(at)} · tool: {tool} · {mode} · "
        f"limit: {minutes} min · consented by: {who}"
    )


def ended_line(ended_by: str, seconds: float, at: datetime) -> str:
    """The line a session leaves when it ends; ``ended_by`` is a key of :data:`ENDED_BY`."""
    return (
        f"{MARKER} Screen sharing ended · at: {_stamp(at)} · stopped by: "
        f"{ENDED_BY[ended_by]} · duration: {round(seconds)} s"
    )


def parse(body: str) -> AuditLine | None:
    """An audit line read from a message body (plain text or the helpdesk's HTML); None
    for any other message."""
    text = re.sub(r"<[^>]+>", " ", body)
    text = " ".join(text.replace("&nbsp;", " ").split())
    if not text.startswith(MARKER):
        return None
    parts = [p.strip() for p in text[len(MARKER) :].split(" · ")]
    event = {"Screen sharing started": "started", "Screen sharing ended": "ended"}.get(parts[0])
    if event is None:
        return None
    facts: dict[str, str] = {}
    for part in parts[1:]:
        key, sep, value = part.partition(": ")
        if sep:
            facts[key] = value
        elif part in MODES.values():
            facts["mode"] = next(k for k, v in MODES.items() if v == part)
    by = next((k for k, v in ENDED_BY.items() if v == facts.get("stopped by")), "")
    return AuditLine(
        event,
        facts.get("at", ""),
        tool=facts.get("tool", ""),
        mode=facts.get("mode", ""),
        minutes=facts.get("limit", "").removesuffix(" min"),
        who=facts.get("consented by", ""),
        ended_by=by,
        seconds=facts.get("duration", "").removesuffix(" s"),
    )
