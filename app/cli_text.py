"""Plain-text rendering for the command line: aligned tables, tickets, config values,
and the one English table for what the lower layers report as codes and facts.

The CLI is the only text-mode view of the domain, but keeping the rendering
here, free of argparse and of I/O, lets tests check exactly what a person
reads without running a subprocess for every wording. The windows say the same
codes through ``tr()`` (:mod:`app.ui.messages`); in English both say the same words.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.core.attachments import human_size
from app.core.helpdesk import BackendError, Capabilities
from app.core.model import Message, Status, Ticket
from app.core.outbox import Item, State
from app.core.polling import Change

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


def counted(count: int, one: str, many: str = "") -> str:
    """ "1 request", "3 requests": the count with the word that fits it."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


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
        (
            "Status",
            ticket.status.value
            + (
                f" ({ticket.raw_status})"
                if ticket.raw_status not in ("", ticket.status.value)
                else ""
            ),
        ),
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
    ref = ticket.ref or "#" + ticket.id
    if ticket.status is Status.RESOLVED:  # "Is it solved?" (issue 18): the way on
        lines += [
            "",
            f"This request is marked solved. Not fixed? Run: helpline reopen {ref} "
            "--message 'what still goes wrong'",
        ]
    elif ticket.status is Status.CLOSED:
        lines += [
            "",
            "This request is closed. If the problem is back, file a new request and name "
            f"{ref} in it: helpline submit",
        ]
    return "\n".join(lines)


def outbox_rows(items: Sequence[Item]) -> str:
    rows = [
        [i.client_ref[:8], one_line(i.summary, 40), i.state.value, str(i.attempts), describe(i)]
        for i in items
    ]
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


# -- codes and facts in English -----------------------------------------------------------

#: Error codes (:data:`app.core.helpdesk.CODES`) in English. A key ``code/fact=value`` is
#: the sentence for that fact's value, ``code/fact`` for any non-empty value of the fact.
ERRORS: dict[str, str] = {
    "failed": "The helpdesk could not complete the request.",
    "signin_refused": "The helpdesk did not accept your sign-in. Please sign in again.",
    "signin_refused/server=mail": "The mail server did not accept the user name and password.",
    "not_allowed": "Your account is not allowed to do this at the helpdesk. Please contact IT.",
    "not_found": "The helpdesk could not find this request.",
    "not_found/ticket": "The helpdesk has no request {ticket}.",
    "rate_limited": "The helpdesk asked Helpline to wait before sending more.",
    "unreachable": "The helpdesk cannot be reached right now.",
    "unreachable/server=mail": "The mail server could not be reached.",
    "refused": "The helpdesk refused the request: it gave no reason",
    "refused/detail": "The helpdesk refused the request: {detail}",
    "refused/server=mail": "The mail server refused the message: {detail}",
    "unsupported": "Your helpdesk does not offer this.",
    "setting_missing": "Helpline is not set up completely: {setting} is empty. Please ask IT "
    "to set it.",
    "setting_missing/setting=backend.url": "No helpdesk address is set (backend.url).",
    "setting_invalid": "The setting {setting} does not work with this helpdesk; please ask IT "
    "to check it.",
    "address_not_https": "The helpdesk address (backend.url) must start with https://.",
    "address_insecure": "The helpdesk address uses plain http://, which would send your "
    "password unencrypted; use https:// or ask IT to set "
    "backend.allow_insecure_http.",
    "address_insecure/secret=token": "The helpdesk address uses plain http://, which would "
    "send your token unencrypted; use https:// or ask IT to "
    "set backend.allow_insecure_http.",
    "address_invalid": "The helpdesk address (backend.url) is not a valid web address.",
    "certificate": "The helpdesk's certificate could not be verified; IT may need to set "
    "backend.ca_bundle.",
    "certificate/server=mail": "The mail server's certificate could not be verified; IT may "
    "need to set backend.ca_bundle.",
    "credentials_missing": "Helpline has no password or token for {helpdesk} yet. Please sign in.",
    "personal_token_only": "{helpdesk} accepts only personal API tokens here; please sign in "
    "with your token.",
    "account_mismatch": "The {helpdesk} account Helpline signs in with can read other people's "
    "requests, so Helpline does not use it. Please sign in with your own "
    "account, or ask IT to set {setting}.",
    "shared_token": "A {helpdesk} API token works for every user of the account, so Helpline "
    "uses it only when IT sets {setting}; please use your password.",
    "timeout": "The helpdesk did not answer in time.",
    "timeout/server=mail": "The mail server did not answer in time.",
    "server_error": "The helpdesk has a problem right now (HTTP {status}).",
    "answer_garbled": "The helpdesk's answer was cut off or garbled.",
    "bad_answer": "The helpdesk sent an answer Helpline cannot read; please tell IT.",
    "web_page": "The helpdesk answered with a web page instead of data; a proxy or a network "
    "sign-in may be in the way, or backend.url may not point at the helpdesk's API.",
    "not_data": "The helpdesk answered with {content_type} instead of data; please check that "
    "backend.url points at the helpdesk's API.",
    "unexpected": "Something unexpected went wrong while talking to the helpdesk ({error}).",
    "file_unreadable": "A file could not be read.",
    "file_unreadable/name": "The file {name} could not be read.",
    "kept_file_unreadable": "A file kept for this request could not be read ({detail}). Please "
    "add it again, or send without it.",
    "file_refused": "{helpdesk} did not accept every file.",
    "file_refused/name": "{helpdesk} did not accept the file {name}.",
    "file_not_stored": "The file {name} is not stored at the helpdesk.",
    "file_damaged": "The file {name} arrived damaged.",
    "files_not_taken": "{helpdesk} takes no files.",
    "files_not_taken/names": "{helpdesk} takes no files; please send again without: {names}.",
    "too_big": "The mail server accepts at most {limit} per message; this request is {size} "
    "with its attachments.",
    "status_kept": "{helpdesk} did not change the request's status.",
    "status_kept/status": "{helpdesk} kept the request at “{status}”.",
    "resolve_not_offered": "This request's workflow in {helpdesk} does not let customers mark "
    "it resolved; support will close it, or you can reply.",
    "resolve_not_offered/helpdesk=Zendesk": "Zendesk lets you mark this request solved only "
    "once an agent has taken it on; you can reply "
    "instead.",
    "reopen_not_offered": "This request cannot be reopened in {helpdesk}; please file a new "
    "request that refers to it.",
    "status_not_offered": "Your {helpdesk} role's workflow does not allow this status change; "
    "please ask support to change it.",
    "reply_reopens": "{helpdesk} reopens a request when you reply; please write what is still "
    "wrong.",
    "reply_unreadable": "The reply was sent but cannot be read back.",
    "email_only": "Requests go to support by email; their answers arrive in your mailbox, and "
    "Helpline keeps a copy of what you sent on this computer.",
    "sender_missing": "There is no sender address: set backend.from_address or give an email "
    "address on the About you page.",
    "insecure_mail_password": "Helpline will not send your password to a mail server without "
    'encryption; IT can set backend.smtp_security to "starttls" or '
    '"ssl".',
    "recipient_refused": "The mail server refused the support address.",
    "mail_busy": "The mail server cannot take the message right now.",
    "store_unavailable": "The requests kept on this computer cannot be opened right now "
    "({detail}).",
    "outbox_row_damaged": "This request kept on this computer is damaged and cannot be sent; "
    "it was set aside so that the others still go. Please write it again, then discard this "
    "one.",
}

#: Codes whose sentence is followed by the detail in brackets (as in the windows): where
#: the server's or the system's words tell more. The others say it in the sentence already,
#: or would only repeat it, or quote a refused sign-in.
WITH_DETAIL = frozenset({"file_unreadable", "setting_invalid", "mail_busy", "status_kept"})

#: What each helpdesk cannot do (:data:`app.core.helpdesk.LIMITS`), in English.
LIMITS: dict[str, str] = {
    "local": "Requests are kept on this computer; nobody at support sees them until IT "
    "connects a helpdesk.",
    "github": "Files cannot be attached on GitHub; they stay on this computer, with the copy of "
    "what was sent.",
    "gitlab": "Marking a request resolved closes the GitLab issue; if it is still not fixed, "
    "please say so in a reply.",
    "glpi": "In GLPI you close a request by accepting the solution support proposed; until "
    "then, tell support in a reply that it is solved.",
    "jira": "In Jira you can mark a request resolved or reopen it only where its workflow "
    "offers customers that step; otherwise support does it for you.",
    "redmine": "Redmine does not offer you this step here; please tell support in a reply, and "
    "they change the status for you.",
    "rt": "If you cannot mark a request resolved here, tell support in a reply that it is "
    "solved; replying to a resolved request reopens it.",
    "email": "Requests go to support by email; their answers arrive in your mailbox, and "
    "Helpline keeps a copy of what you sent on this computer.",
    "zammad": "Zammad lets customers close a ticket and open it again; other states are set "
    "by support.",
    "zendesk": "Zendesk lets you mark a request solved only once an agent has taken it on; a "
    "closed request cannot be reopened, so please file a follow-up instead.",
}

#: What IT grants or configures for each helpdesk's limits (:data:`LIMITS` are what the
#: user can do instead): printed by ``helpline config check``, kept with the docs.
IT_NOTES: dict[str, str] = {
    "local": "Requests stay on this computer: set backend.type to connect a helpdesk.",
    "github": "GitHub has no upload API for issues: files stay in the receipt on the computer.",
    "gitlab": "Resolving closes the issue; the GitLab administrator sets the largest "
    "attachment size.",
    "glpi": "Requesters close by approving the proposed solution; marking a request solved "
    "needs a self-service profile right to update its own tickets.",
    "jira": "Customers resolve or reopen only through transitions the workflow offers them.",
    "redmine": "Resolving and reopening work only where the workflow lets the user's role "
    "make that status change (Administration > Workflow).",
    "rt": "'Mark as resolved' needs the ModifyTicket right for the Requestor role on the "
    "queue (without it RT refuses and Helpline says so); replying to a resolved ticket "
    "reopens it through the scrip On Correspond Open Inactive Tickets.",
    "email": "Mail only sends: no list, conversation, replies or status from the helpdesk.",
    "zammad": "Customers may only set open and closed; other states are set by agents.",
    "zendesk": "Requesters can mark a request solved only once an agent is assigned "
    "(can_be_solved_by_me); closed requests cannot be reopened.",
}

STATUS_WORDS = {
    Status.NEW: "New",
    Status.OPEN: "Open",
    Status.WAITING: "Waiting on you",
    Status.RESOLVED: "Resolved",
    Status.CLOSED: "Closed",
    Status.UNKNOWN: "Unknown",
}


def error_text(code: str, facts: dict[str, Any]) -> str:
    """An error from its code and facts in English (``facts["detail"]``: the server's words)."""
    sentence = ERRORS.get(code, ERRORS["failed"])
    for key, value in facts.items():  # the most specific entry wins: code/fact=value
        if value not in ("", None) and f"{code}/{key}={value}" in ERRORS:
            sentence = ERRORS[f"{code}/{key}={value}"]
            break
    else:
        for key, value in facts.items():
            if value not in ("", None) and f"{code}/{key}" in ERRORS:
                sentence = ERRORS[f"{code}/{key}"]
                break
    values = {k: str(v) for k, v in facts.items()}
    if code == "too_big":
        values.update(
            limit=human_size(int(facts.get("limit", 0))), size=human_size(int(facts.get("size", 0)))
        )
    text = sentence.format_map(defaultdict(str, values))
    detail = str(facts.get("detail") or "")
    if detail and code in WITH_DETAIL:
        text = f"{text} ({detail})"
    return text


def error(err: BackendError) -> str:
    """A helpdesk error in English, for the CLI's messages and the logs."""
    return error_text(
        err.code, {**err.facts, "detail": err.detail} if err.detail else dict(err.facts)
    )


def limits_note(caps: Capabilities) -> str:
    """What the helpdesk cannot do, in English (its own words when it gave some), or ""."""
    return LIMITS.get(caps.limits_code, "") if caps.limits_code else caps.limits_note


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"in about {seconds} seconds"
    return f"in about {round(seconds / 60)} minutes"


def describe(item: Item, now: float | None = None) -> str:
    """An outbox item's state in one English sentence (the windows: ``outbox_state``)."""
    if item.state is State.SENT and item.kind == "reply":  # a message, not a request
        return f"Added to request {item.ticket_ref or '#' + item.target.lstrip('#')}."
    if item.state is State.SENT:
        return f"Sent as {item.ticket_ref or item.ticket_id}."
    if item.state is State.SENDING:
        return "Sending now."
    if item.state is State.QUEUED:
        return "Waiting to be sent."
    reason = error_text(item.error_code, item.error_facts)
    if item.state is State.DAMAGED:
        return reason
    if not item.auto_retry:
        return f"Not sent: {reason} It is kept safe here until you try again."
    wait = item.retry_in(now)
    when = "in a moment" if wait < 5 else _duration(wait)
    return f"Not sent yet: {reason} Helpline will try again {when}."


def item_dict(item: Item) -> dict[str, Any]:
    """An outbox item for ``--json``: its fields, and its state and error in English."""
    return {
        **item.to_dict(),
        "description": describe(item),
        "error": error_text(item.error_code, item.error_facts) if item.error_code else "",
    }


def change_text(change: Change) -> str:
    """What changed on one request, in English (the tray: ``messages.change_text``)."""
    parts: list[str] = []
    if "reply" in change.kinds:
        parts.append(f"{change.author or 'Support'} answered: {change.snippet}")
    if "status" in change.kinds:
        parts.append(f"Status is now “{STATUS_WORDS[change.status]}”.")
    return " ".join(parts)


def progress(step: str) -> str:
    """A step of the outbox's delivery in English."""
    return (
        "Checking whether an earlier attempt already arrived…"
        if step == "checking"
        else "Sending to the helpdesk…"
    )


#: A link or ``helpline new`` that cannot start a request (app.core.deeplink), in English.
DEEPLINK = {
    "too_long": "The {field} is {length} characters long; at most {limit} fit.",
    "unknown_category": "There is no category '{given}'; please use one of {choices}.",
    "bad_level": "The {field} must be one of {choices}, not '{given}'.",
    "link_too_long": "The link is {length} characters long; at most {limit} are read.",
    "wrong_scheme": "Links must start with {schemes}.",
    "not_new": "This link asks for '{action}'; links can only start a new request ({example}).",
    "too_many_parameters": "The link has too many parameters; at most {limit} are read.",
    "repeated": "The link gives '{name}' more than once; please give it once.",
    "bad_request": "The link names no request ('{given}'); it needs request=NUMBER.",
    "bad_minutes": "The link's minutes must be a whole number from 1 to 1440, not '{given}'.",
    "bad_control": "The link's control must be 0 or 1, not '{given}'.",
}


def deeplink_error(err: Any) -> str:
    facts = dict(err.facts)
    if "field" in facts:
        facts["field"] = str(facts["field"]).replace("_", " ")
    return DEEPLINK[err.code].format(**facts)


#: The English the command line says where clicks cannot be seen (app.ui.steps.words
#: says the same in the user's language).
STEPS_MANUAL = {
    "wayland": "this desktop (Wayland) does not let any program see clicks in other "
    "programs' windows",
    "no_record": "this X server does not offer the RECORD extension needed to see clicks "
    "in other programs",
    "no_display": "there is no X display to watch",
    "no_library": "pynput, which watches clicks, is not installed",
    "other_system": "on this system clicks in other programs cannot yet be recorded",
}
STEPS_STOPPED = {
    "user": "stopped on the bar",
    "max_steps": "stopped by itself at the most steps IT allows ({max_steps})",
    "max_minutes": "stopped by itself after the longest time IT allows ({max_minutes} minutes)",
    "signal": "stopped by a signal",
}


def policy_line(policy: Any) -> str:
    """Which system policy file ``config show`` read (an :class:`app.core.config.Policy`)."""
    if policy is None:
        return ""
    if policy.found:
        return f"Policy file: {policy.path}"
    return f"No policy file at {policy.path}; nothing is locked by your organisation."
