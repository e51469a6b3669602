"""``helpline submit`` and ``helpline collect``: a request or a bundle without the wizard.

Split from :mod:`app.cli` because it is one idea of its own: gathering the same
evidence the wizard gathers (system information, the category's logs, a
screenshot where a display exists), scrubbed the same way, for a command line.
Imported only when one of those two commands runs.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import cli_text
from app.cli_output import (
    OK,
    UsageError,
    display_available,
    out,
    print_json,
    say,
    send_in_background,
)
from app.core.config import Config
from app.core.model import Requester

if TYPE_CHECKING:
    from app.core.attachments import EvidenceFile
    from app.core.form import RequestForm
    from app.services.filing import Submission


def _requester(args: argparse.Namespace, config: Config) -> Requester:
    """Each field from its flag, else from last time or the OS account."""
    from app.core import identity

    known = identity.prefill(config["requester.remember"]).to_dict()
    given = {field: getattr(args, field) for field in cli_text.REQUESTER_FLAGS}
    return Requester(**{k: v if v is not None else known[k] for k, v in given.items()})


def _form(args: argparse.Namespace, config: Config) -> RequestForm:
    """The wizard's form, filled from the flags and checked as the wizard checks it."""
    from app.core.attachments import check_file
    from app.core.form import RequestForm, clean, requester_problems
    from app.core.model import Level

    if not clean(args.summary):
        raise UsageError("Please give a one-line summary of the problem with --summary.")
    categories = config.categories()
    category = config.category(args.category) if args.category else categories[0]
    if category is None:
        ids = ", ".join(c.id for c in categories)
        raise UsageError(f"There is no category '{args.category}'; please use one of {ids}.")
    if not category.handled:
        link = f" See {category.not_handled_link}" if category.not_handled_link else ""
        raise UsageError(
            f"{category.label} is not handled here: {category.not_handled.rstrip('.')}.{link}"
        )
    requester = _requester(args, config)
    problems = requester_problems(requester, config["requester.required"])
    if problems:
        raise UsageError(cli_text.missing_identity(problems))
    files = [str(Path(path).expanduser().absolute()) for path in args.attach]
    for given, path in zip(args.attach, files, strict=True):
        if not Path(path).exists():
            raise UsageError(f"There is no file {given}; please check the name given to --attach.")
        check_file(path)
    answers = {}
    known = {q.id for q in category.questions}
    for text in args.answer:
        qid, sep, answer = text.partition("=")
        if not sep or qid not in known:
            choices = ", ".join(sorted(known)) or "none"
            raise UsageError(
                f"--answer '{text}' must be QID=TEXT for a question of "
                f"{category.label} (its questions: {choices})."
            )
        answers[qid] = answer
    for question in category.questions:
        if question.required and not clean(answers.get(question.id, "")):
            raise UsageError(
                f'{category.label} needs an answer to "{question.label}"; '
                f"please give it with --answer {question.id}=TEXT."
            )
    return RequestForm(
        requester=requester,
        category=category.id,
        summary=args.summary,
        happened=args.description,
        doing=args.doing,
        error_text=args.error_text,
        expected=args.expected,
        where=args.where,
        since=args.since,
        impact=Level(args.impact),
        urgency=Level(args.urgency),
        answers=answers,
        files=files,
        include_screenshot=not args.no_screenshot and config["attachments.screenshot"],
        include_system_info=not args.no_system_info and config["attachments.system_info"],
    )


def submit(args: argparse.Namespace, config: Config) -> int:
    """The wizard's path without the window: the same evidence and scrubbing (nobody reviews
    a scripted request, so every secret found is masked), a receipt, then delivery."""
    from app.core.attachments import kept_files_line
    from app.core.helpdesk import BackendError
    from app.core.outbox import State
    from app.services import evidence
    from app.services.filing import Submission

    form = _form(args, config)
    submission = Submission(config)
    shot, screens = _screen(form.include_screenshot)
    gathered = evidence.gather(config, form, submission.scanner(), screenshot=shot, display=screens)
    for problem in gathered.problems:
        say(f"helpline: {evidence_problem(problem)}")
    form.asset.update(gathered.asset)
    if gathered.files or form.files:
        _ask_capabilities(submission)
    request = submission.prepare(form, gathered.files)
    item = submission.enqueue(request)
    kept = tuple(a.filename for a in request.kept_back)
    try:
        item = submission.deliver(item.client_ref)
    except BackendError as err:  # the adapter could not even start: the request waits
        say(f"helpline: {cli_text.error(err)}")
        item = submission.outbox.get(item.client_ref) or item
    except Exception as err:  # an adapter bug must not hide that the request is safe
        say(f"helpline: sending failed unexpectedly ({type(err).__name__}: {err}).")
        item = submission.outbox.get(item.client_ref) or item
    sent = item.state is State.SENT
    status = item.state.value
    if sent:
        try:
            status = submission.backend.get(item.ticket_id).status.value
        except BackendError:
            status = "new"
    later = "" if sent else send_in_background(item, getattr(args, "config_args", []))
    if args.json:
        result = {
            "id": item.ticket_id if sent else None,
            "status": status,
            "queued": not sent,
            "client_ref": item.client_ref,
        }
        print_json({**result, "kept_on_this_computer": list(kept)} if kept else result)
        return OK
    if sent:
        out(
            f"Your request was filed as {item.ticket_ref or item.ticket_id} "
            f"(status: {status}). {submission.backend.description}".rstrip()
        )
    else:
        out(
            f"Your request is safe in the outbox but was not sent yet. {cli_text.describe(item)}"
            + (f" {later}" if later else " To try again now, run: helpline outbox retry")
        )
    if kept:
        out(kept_files_line(kept))
    return OK


def _ask_capabilities(submission: Submission) -> None:
    """Whether the helpdesk takes files, asked before the request is composed.

    Nothing of the request goes with the question; if the helpdesk cannot be asked, the
    files stay with the request and the delivery says what happened.
    """
    from app.core.helpdesk import BackendError

    with contextlib.suppress(BackendError):
        submission.capabilities()


def collect(args: argparse.Namespace, config: Config) -> int:
    """Write the bundle support asks for on the phone; same parts and scrubbing as a request."""
    from app.collectors.collect import collect_bundle
    from app.core.attachments import human_size

    output = Path(args.output).expanduser().absolute()
    if not output.parent.is_dir():
        raise UsageError(
            f"There is no folder {output.parent}; please give --output a file "
            "in a folder that exists."
        )
    if args.category and config.category(args.category) is None:
        ids = ", ".join(c.id for c in config.categories())
        raise UsageError(f"There is no category '{args.category}'; please use one of {ids}.")
    taken, screens = _screen(not args.no_screenshot and config["attachments.screenshot"])
    shot = taken.data if taken is not None else b""
    done = collect_bundle(config, output, shot or None, args.category, display=screens)
    for problem in done.missing:
        say(f"helpline: a log was left out: {problem}")
    files = done.manifest.files
    total = sum(f.size for f in files)
    out(
        f"Wrote {output} ({len(files)} files, {human_size(total)} before compression, "
        f"{human_size(output.stat().st_size)} as a zip):"
    )
    for entry in files:
        out(f"  {entry.name}  {human_size(entry.size)}")
    if done.masked:
        out(
            "One password, key or token found in the text was masked."
            if done.masked == 1
            else f"{done.masked} passwords, keys or tokens found in the text were masked."
        )
    return OK


#: The English the command line says for evidence that was left out (services.evidence).
EVIDENCE_PROBLEMS = {
    "system_info_failed": "system information could not be collected ({reason}); sending "
    "without it.",
    "log_unreadable": "a log was left out: {path}: {reason}",
    "no_display": "no display is available, so no screenshot was attached.",
    "screenshot_failed": "the screenshot could not be taken ({reason}); sending without it.",
    "screen_unreadable": "the screen could not be read, so no screenshot was attached.",
}


def evidence_problem(problem: Any) -> str:
    return EVIDENCE_PROBLEMS[problem.code].format(**problem.facts)


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def _screen(take: bool) -> tuple[EvidenceFile | None, list[dict[str, Any]]]:
    """The screens' sizes for the system information, and with ``take`` a screenshot,
    where there is a display to read (Qt is loaded only here); no display: no screens."""
    from app.core.attachments import EvidenceFile
    from app.services.evidence import Problem

    if not display_available():
        if take:
            say("helpline: " + evidence_problem(Problem("no_display")))
        return None, []
    screens: list[dict[str, Any]] = []
    data = b""
    try:
        from PySide6.QtGui import QGuiApplication

        from app.collectors import screenshot

        app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        screens = screenshot.describe_screens()
        if take:
            image = screenshot.grab_desktop()
            data = bytes(screenshot.encode_png(image)) if image is not None else b""
        del app  # kept alive until the capture is done
    except Exception as err:  # a missing screenshot must not stop the request
        if take:
            reason = {"reason": str(err)}
            say("helpline: " + evidence_problem(Problem("screenshot_failed", reason)))
        return None, screens
    if not take:
        return None, screens
    if not data:
        say("helpline: " + evidence_problem(Problem("screen_unreadable")))
        return None, screens
    return EvidenceFile("screenshot.png", data, "image/png", "screenshot"), screens
