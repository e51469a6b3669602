"""``helpline reply``, ``resolve``, ``reopen``: following a request to closure from a shell.

Replies and reopenings go through the outbox exactly like new requests (the
text is kept safe first, then sent), so an unreachable helpdesk never loses
what was written; ``resolve`` asks the helpdesk directly, because its whole
point is the helpdesk's answer.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import cli_text
from app.cli_output import out, print_json, say, send_in_background
from app.core.config import Config

if TYPE_CHECKING:  # imported when a command runs: the parser is built for every command
    from app.services.followup import FollowUpRefused, FollowUps, Problem

OK, FAILED, USAGE = 0, 1, 2


def add_parsers(commands: Any) -> None:
    reply = commands.add_parser("reply", help="add a message (and files) to one of your requests")
    reopen = commands.add_parser("reopen", help="say a resolved request is still not fixed")
    resolve = commands.add_parser("resolve", help="mark one of your requests as solved")
    for sub in (reply, reopen, resolve):
        sub.add_argument("id", metavar="ID", help="the request number, e.g. 123 or #123")
        sub.add_argument("--json", action="store_true", help="print JSON")
    for sub in (reply, reopen):
        sub.add_argument(
            "--message", "-m", required=True, metavar="M", help="what you want to tell support"
        )
    reply.add_argument(
        "--attach", action="append", default=[], metavar="FILE", help="attach a file (repeatable)"
    )
    commands.add_parser("tray", help="run the tray icon: notifications when a request changes")
    sender = commands.add_parser(
        "sender",
        help="send what waits in the outbox, then end (Helpline starts it by itself when a "
        "request could not go at once, and at login while one waits)",
    )
    sender.add_argument(
        "--pass",
        dest="one_pass",
        action="store_true",
        help="one delivery pass in this process, then end (what the sender runs each time)",
    )
    sender.add_argument(
        "--problems",
        action="store_true",
        help='one check of the known problems you said "Me too" to, then end (printed as JSON)',
    )


def _ticket_id(followups: FollowUps, text: str) -> str:
    """The id of the request named on the command line: the number ``helpline list``
    shows, the bare id, or the REF ``helpline outbox`` showed (see FollowUps.request_id)."""
    return followups.request_id(text)


#: The follow-up service's problem codes, in English (``note``: the helpdesk's own).
_SENTENCES = {
    "empty_text": "Please say something with --message.",
    "cannot_reply": "{note}",
    "cannot_reopen": "{note}",
    "cannot_resolve": "{note}",
    "cannot_attach": "{note} Please send the message without --attach.",
    "no_such_request": "The helpdesk has no request {ticket}; nothing was kept in the outbox. "
    "Please check the number with: helpline list",
    "not_sent_yet": "Request {ticket} ({summary}) has not reached the helpdesk yet; it waits "
    "in the outbox, so nothing can be added to it until it has been sent. Nothing was kept. "
    "'helpline outbox' shows when it has been sent; then use the number 'helpline list' "
    "shows.",
}
_NOTES = {
    "cannot_attach": "This helpdesk takes no files.",
    "cannot_reply": "Your helpdesk does not let you reply to requests here.",
    "cannot_reopen": "Your helpdesk does not let you reopen requests here.",
}
#: Refusals on the merits (exit 1); the rest are mistakes in how it was asked (exit 2).
_REFUSED = frozenset(
    {"cannot_reply", "cannot_reopen", "cannot_resolve", "no_such_request", "not_sent_yet"}
)


def sentence(problem: Problem) -> str:
    """One follow-up problem as the CLI says it."""
    from app.core.attachments import AttachmentProblem

    if isinstance(problem, AttachmentProblem):
        if problem.kind == "missing":
            return (
                f"There is no file {problem.facts.get('name', '')}; please check the name "
                "given to --attach."
            )
        return str(problem)
    from app import cli_text

    limits = cli_text.LIMITS.get(str(problem.facts.get("limits", "")), "")
    note = str(
        limits
        or problem.facts.get("note")
        or _NOTES.get(problem.code, "Your helpdesk does not let you do this.")
    )
    ticket = str(problem.facts.get("ticket", ""))
    summary = str(problem.facts.get("summary", ""))
    return _SENTENCES.get(problem.code, problem.code).format(
        note=note, ticket=ticket, summary=summary
    )


def _refused(err: FollowUpRefused) -> int:
    """Say the first problem; raise it as a usage mistake unless the helpdesk refused."""
    from app.services.followup import FollowUpProblem

    first = err.problems[0]
    if isinstance(first, FollowUpProblem) and first.code in _REFUSED:
        say(f"helpline: {sentence(first)}")
        return FAILED
    raise ValueError(sentence(first)) from None


def queue(args: argparse.Namespace, config: Config, reopen: bool) -> int:
    """``reply`` and ``reopen``: keep it in the outbox, then try to send it now."""
    from app.core.helpdesk import BackendError
    from app.core.outbox import State
    from app.services.followup import FollowUpRefused

    followups = _followups(config)
    files = [str(Path(p).expanduser().absolute()) for p in getattr(args, "attach", [])]
    try:
        ticket_id = _ticket_id(followups, args.id)
        outgoing = followups.prepare_reply(ticket_id, args.message, files, reopen=reopen)
        item = followups.enqueue_reply(outgoing)
    except FollowUpRefused as err:
        return _refused(err)
    try:
        item = followups.deliver(item)
    except BackendError as err:
        item = followups.outbox.get(item.client_ref) or item
        say(f"helpline: {cli_text.error(err)}")
    sent = item.state is State.SENT
    later = "" if sent else send_in_background(item, getattr(args, "config_args", []))
    if args.json:
        print_json(
            {
                "id": ticket_id,
                "sent": sent,
                "queued": not sent,
                "client_ref": item.client_ref,
                "state": cli_text.describe(item),
                "masked": outgoing.masked,
            }
        )
    elif sent:
        out(
            f"Request #{ticket_id} was reopened with your message."
            if reopen
            else f"Your message was added to request #{ticket_id}."
        )
    else:
        out(
            f"Your message is safe in the outbox but was not sent yet. {cli_text.describe(item)}"
            + (f" {later}" if later else " To try again now, run: helpline outbox retry")
        )
    if outgoing.masked and not args.json:
        out(
            "One password, key or token found in your message was masked."
            if outgoing.masked == 1
            else f"{outgoing.masked} passwords, keys or tokens found in your message were masked."
        )
    return OK


def resolve(args: argparse.Namespace, config: Config) -> int:
    from app.services.followup import FollowUpRefused

    followups = _followups(config)
    try:
        ticket = followups.resolve(_ticket_id(followups, args.id))
    except FollowUpRefused as err:
        return _refused(err)
    if args.json:
        print_json(ticket.to_dict())
    else:
        raw = ticket.raw_status or ticket.status.value
        if config.keeps_locally:  # nobody at support hears of it (issue 15)
            out(
                f"Request {ticket.ref} is now marked as solved ({raw}) on this computer. "
                "No helpdesk is connected, so support was not told."
            )
        else:
            out(
                f"Request {ticket.ref} is now marked as solved ({raw}). "
                "Thank you for letting support know."
            )
    return OK


def _followups(config: Config) -> FollowUps:
    from app.services.filing import Submission
    from app.services.followup import FollowUps

    return FollowUps.for_submission(Submission(config))
