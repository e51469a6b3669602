"""``helpline outbox``: what waits to be sent, ``retry`` to send it now, ``discard REF``.

The same outbox the windows show as "Waiting to be sent"; the sentences are the CLI's
English (:mod:`app.cli_text`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli_output import FAILED, OK, UsageError, out, print_json, say
from app.core.config import Config

if TYPE_CHECKING:
    from app.services.filing import Submission


def outbox(args: argparse.Namespace, config: Config) -> int:
    from app import cli_text
    from app.core.helpdesk import BackendError
    from app.services.filing import Submission

    submission = Submission(config)
    if args.action == "discard":
        return discard(submission, args.ref or "")
    if args.action != "retry":
        items = submission.outbox.items()
        if args.json:
            print_json([cli_text.item_dict(i) for i in items])
        else:
            out(
                cli_text.outbox_rows(items)
                if items
                else "The outbox is empty: nothing waits to be sent."
            )
        return OK
    if not submission.outbox.items():
        out("Nothing is waiting in the outbox.")
        return OK
    try:
        results = submission.outbox.deliver_due(submission.backend, force=True)
    except BackendError as err:
        say(
            f"helpline: nothing could be sent: {cli_text.error(err)} "
            "Your requests stay in the outbox."
        )
        return FAILED
    if args.json:
        print_json([cli_text.item_dict(i) for i in results])
    else:
        for item in results:
            out(f"{cli_text.one_line(item.summary, 50)}: {cli_text.describe(item)}")
    return OK if all(i.state.value == "sent" for i in results) else FAILED


def discard(submission: Submission, ref: str) -> int:
    """``helpline outbox discard ID``: forget one waiting item, by its REF (or the start
    of its reference, as long as only one item starts so)."""
    from app import cli_text

    if not ref.strip():
        raise UsageError("Please give the REF of the item to discard; see 'helpline outbox'.")
    found = [i for i in submission.outbox.items() if i.client_ref.startswith(ref.strip())]
    if len(found) != 1:
        raise UsageError(
            f"No waiting item has the REF {ref}; see 'helpline outbox'."
            if not found
            else f"{len(found)} waiting items start with {ref}; please give more of the REF."
        )
    gone = submission.outbox.discard(found[0].client_ref)
    if gone is None:
        say(f"helpline: {ref} is being sent right now and cannot be discarded.")
        return FAILED
    out(f"Discarded from the outbox: {cli_text.one_line(gone.summary, 60)}")
    return OK
