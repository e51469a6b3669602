"""Plain-text rendering for the command line: aligned tables, tickets, config values.

The CLI is the only text-mode view of the domain, but keeping the rendering
here, free of argparse and of I/O, lets tests check exactly what a person
reads without running a subprocess for every wording.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.core.attachments import human_size
from app.core.model import Message, Ticket
from app.core.outbox import Item

#: Which ``submit`` flag supplies each identity field, for error sentences.
REQUESTER_FLAGS = {
    "name": "--name",
    "email": "--email",
    "customer_id": "--customer-id",
    "organization": "--organization",
    "phone": "--phone",
}


def table(headers: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the last column is never padded."""
    every = [headers, *rows] if headers else list(rows)
    widths = [max(len(row[i]) for row in every) for i in range(len(every[0]))] if every else []
    lines = []
    for row in every:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def when(stamp: datetime) -> str:
    """A time stamp in the reader's own time zone, to the minute."""
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def one_line(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def ticket_rows(tickets: Sequence[Ticket]) -> str:
    rows = [[t.ref, one_line(t.subject), t.status.value, when(t.updated_at)] for t in tickets]
    return table(["ID", "SUMMARY", "STATUS", "UPDATED"], rows)


def ticket_text(ticket: Ticket, messages: Sequence[Message]) -> str:
    """One ticket with its conversation, as ``helpline show`` prints it."""
    head = [
        ("Request", f"{ticket.ref}  {ticket.subject}"),
        ("Status", ticket.status.value + (f" ({ticket.raw_status})"
                                          if ticket.raw_status not in ("", ticket.status.value)
                                          else "")),
        ("Category", ticket.category or "-"),
        ("Priority", ticket.priority.value),
        ("Created", when(ticket.created_at)),
        ("Updated", when(ticket.updated_at)),
    ]
    if ticket.web_url:
        head.append(("Web", ticket.web_url))
    width = max(len(label) for label, _ in head)
    lines = [f"{label + ':':<{width + 1}}  {value}" for label, value in head]
    for message in messages:
        who = message.author + ("" if message.from_requester else " (support)")
        lines += ["", f"--- {who}, {when(message.created_at)}", message.body.rstrip()]
        if message.attachments:
            lines.append("Attachments:")
            rows = [["  " + a.filename, human_size(a.size), a.kind] for a in message.attachments]
            lines.append(table(None, rows))
    return "\n".join(lines)


def outbox_rows(items: Sequence[Item]) -> str:
    rows = [[i.client_ref[:8], one_line(i.summary, 40), i.state.value, str(i.attempts),
             i.describe()] for i in items]
    return table(["REF", "SUMMARY", "STATE", "TRIES", "NOTE"], rows)


def toml_value(value: Any) -> str:
    """A value as it would be written in a TOML file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list) and all(not isinstance(v, dict) for v in value):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


#: Keys ending so are never printed (token, app_token, password, ...): a config dump
#: may be pasted into a ticket. Their ``*_env`` companions only name a variable.
SECRET_ENDINGS = ("token", "password", "secret")
HIDDEN = "(set, hidden)"


def is_secret(name: str) -> bool:
    return name.rsplit(".", 1)[-1].endswith(SECRET_ENDINGS)


def shown_value(name: str, value: Any) -> Any:
    """The value as ``config show`` may reveal it."""
    return HIDDEN if is_secret(name) and value else value


def config_value(name: str, value: Any) -> str:
    """Short enough for one row: categories are summarised by their ids."""
    value = shown_value(name, value)
    if value == HIDDEN:
        return HIDDEN
    if name == "categories":
        ids = ", ".join(c["id"] for c in value)
        return f"{len(value)} categories: {ids}"
    return toml_value(value)


def missing_identity(problems: dict[str, str]) -> str:
    """Identity problems as one sentence that names the flag to use."""
    flags = " and ".join(REQUESTER_FLAGS[name] for name in problems)
    reasons = " ".join(problems.values())
    return f"The request cannot be filed yet. {reasons} Give it with {flags}."
