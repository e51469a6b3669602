"""``helpline reply``, ``resolve``, ``reopen``: following a request to closure from a shell.

Replies and reopenings go through the outbox exactly like new requests (the
text is kept safe first, then sent), so an unreachable helpdesk never loses
what was written; ``resolve`` asks the helpdesk directly, because its whole
point is the helpdesk's answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app import cli_text
from app.core.config import Config

OK, FAILED, USAGE = 0, 1, 2


def add_parsers(commands: Any) -> None:
    reply = commands.add_parser("reply", help="add a message (and files) to one of your requests")
    reopen = commands.add_parser("reopen", help="say a resolved request is still not fixed")
    resolve = commands.add_parser("resolve", help="mark one of your requests as solved")
    for sub in (reply, reopen, resolve):
        sub.add_argument("id", metavar="ID", help="the request number, e.g. 123 or #123")
        sub.add_argument("--json", action="store_true", help="print JSON")
    for sub in (reply, reopen):
        sub.add_argument("--message", "-m", required=True, metavar="M",
                         help="what you want to tell support")
    reply.add_argument("--attach", action="append", default=[], metavar="FILE",
                       help="attach a file (repeatable)")
    commands.add_parser("tray", help="run the tray icon: notifications when a request changes")


def _ticket_id(text: str) -> str:
    return text.strip().lstrip("#").strip()


def _files(given: list[str]) -> list[str]:
    from app.core.attachments import check_file

    files = [str(Path(p).expanduser().absolute()) for p in given]
    for name, path in zip(given, files, strict=True):
        if not Path(path).exists():
            raise ValueError(f"There is no file {name}; please check the name given to --attach.")
        check_file(path)
    return files


def queue(args: argparse.Namespace, config: Config, reopen: bool) -> int:
    """``reply`` and ``reopen``: keep it in the outbox, then try to send it now."""
    from app.core.attachments import check_total, distinct_names
    from app.core.helpdesk import BackendError
    from app.core.model import Attachment
    from app.core.outbox import State
    from app.services.filing import Submission

    if not args.message.strip():
        raise ValueError("Please say something with --message.")
    files = _files(getattr(args, "attach", []))
    attachments = distinct_names(tuple(Attachment.from_path(f) for f in files))
    check_total(attachments, config.max_attachment_bytes)
    submission = Submission(config)
    if attachments:
        # A helpdesk without file uploads would refuse the reply for good once it is
        # queued; say so now, while the user can still decide (the wizard does the same).
        try:
            caps = submission.capabilities()
        except BackendError:
            caps = None  # unreachable: queue it; delivery will say what happens
        if caps is not None and not caps.attachments:
            raise ValueError(f"{cli_text.limits_note(caps) or 'This helpdesk takes no files.'} "
                             "Please send the message without --attach.")
    ticket_id = _ticket_id(args.id)
    item = submission.outbox.add_reply(ticket_id, args.message, attachments, reopen=reopen)
    try:
        item = submission.deliver(item.client_ref)
    except BackendError as err:
        item = submission.outbox.get(item.client_ref) or item
        print(f"helpline: {cli_text.error(err)}", file=sys.stderr)
    sent = item.state is State.SENT
    if args.json:
        print(json.dumps({"id": ticket_id, "sent": sent, "queued": not sent,
                          "client_ref": item.client_ref, "state": cli_text.describe(item)},
                         indent=2))
    elif sent:
        print(f"Request #{ticket_id} was reopened with your message." if reopen
              else f"Your message was added to request #{ticket_id}.")
    else:
        print(f"Your message is safe in the outbox but was not sent yet. {cli_text.describe(item)} "
              "To try again now, run: helpline outbox retry")
    return OK


def resolve(args: argparse.Namespace, config: Config) -> int:
    from app.backends import create_backend

    backend = create_backend(config)
    if not backend.capabilities().resolve:
        note = (cli_text.limits_note(backend.capabilities())
                or "Your helpdesk does not let you do this.")
        print(f"helpline: {note}")
        return FAILED
    ticket = backend.set_resolved(_ticket_id(args.id))
    if args.json:
        print(json.dumps(ticket.to_dict(), indent=2, ensure_ascii=False))
    else:
        raw = ticket.raw_status or ticket.status.value
        print(f"Request {ticket.ref} is now marked as solved ({raw}). "
              "Thank you for letting support know.")
    return OK
