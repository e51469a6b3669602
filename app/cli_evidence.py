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
from typing import TYPE_CHECKING

from app import cli_text
from app.cli import OK, UsageError, _print_json, _say, display_available
from app.core.config import Config
from app.core.model import Requester

if TYPE_CHECKING:
    from app.collectors.secrets import Scanner
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
        raise UsageError(f"{category.label} is not handled here: "
                         f"{category.not_handled.rstrip('.')}.{link}")
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
            raise UsageError(f"--answer '{text}' must be QID=TEXT for a question of "
                             f"{category.label} (its questions: {choices}).")
        answers[qid] = answer
    for question in category.questions:
        if question.required and not clean(answers.get(question.id, "")):
            raise UsageError(f"{category.label} needs an answer to \"{question.label}\"; "
                             f"please give it with --answer {question.id}=TEXT.")
    return RequestForm(
        requester=requester, category=category.id, summary=args.summary,
        happened=args.description, doing=args.doing, error_text=args.error_text,
        expected=args.expected, where=args.where, since=args.since,
        impact=Level(args.impact), urgency=Level(args.urgency), answers=answers, files=files,
        include_screenshot=not args.no_screenshot and config["attachments.screenshot"],
        include_system_info=not args.no_system_info and config["attachments.system_info"])


def submit(args: argparse.Namespace, config: Config) -> int:
    """The wizard's path without the window: scrubbed text, a receipt, then delivery."""
    from functools import partial

    from app.collectors import outgoing, receipts
    from app.core.attachments import kept_files_line
    from app.core.helpdesk import BackendError
    from app.core.outbox import State
    from app.services.filing import Submission

    form = _form(args, config)
    submission = Submission(config)
    scanner = outgoing.scanner_for(config)
    # Nobody reviews a scripted request, so every secret found in its text is masked.
    submission.outgoing_filter = outgoing.Reviews(scanner)
    submission.after_enqueue.append(partial(receipts.keep_receipt, root=submission.root))
    evidence = []
    if form.include_system_info:
        evidence += _system_info(config, scanner, form.asset)
    evidence += _logs(config, form.category, scanner)
    if form.include_screenshot:
        evidence += _screenshot()
    attachments = submission.write_evidence(form.client_ref, evidence)
    if attachments or form.files:
        _ask_capabilities(submission)
    item = submission.enqueue(form, attachments)
    kept = submission.kept_back.get(item.client_ref, ())
    try:
        item = submission.deliver(item.client_ref)
    except BackendError as err:  # the adapter could not even start: the request waits
        _say(f"helpline: {cli_text.error(err)}")
        item = submission.outbox.get(item.client_ref) or item
    except Exception as err:  # an adapter bug must not hide that the request is safe
        _say(f"helpline: sending failed unexpectedly ({type(err).__name__}: {err}).")
        item = submission.outbox.get(item.client_ref) or item
    sent = item.state is State.SENT
    status = item.state.value
    if sent:
        try:
            status = submission.backend.get(item.ticket_id).status.value
        except BackendError:
            status = "new"
    if args.json:
        result = {"id": item.ticket_id if sent else None, "status": status,
                  "queued": not sent, "client_ref": item.client_ref}
        _print_json({**result, "kept_on_this_computer": list(kept)} if kept else result)
        return OK
    if sent:
        print(f"Your request was filed as {item.ticket_ref or item.ticket_id} "
              f"(status: {status}). {submission.backend.description}".rstrip())
    else:
        print(f"Your request is safe in the outbox but was not sent yet. {cli_text.describe(item)} "
              "To try again now, run: helpline outbox retry")
    if kept:
        print(kept_files_line(kept))
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
        raise UsageError(f"There is no folder {output.parent}; please give --output a file "
                         "in a folder that exists.")
    if args.category and config.category(args.category) is None:
        ids = ", ".join(c.id for c in config.categories())
        raise UsageError(f"There is no category '{args.category}'; please use one of {ids}.")
    shot = b""
    if not args.no_screenshot and config["attachments.screenshot"]:
        shot = next((f.data for f in _screenshot()), b"")
    done = collect_bundle(config, output, shot or None, args.category)
    for problem in done.missing:
        _say(f"helpline: a log was left out: {problem}")
    files = done.manifest.files
    total = sum(f.size for f in files)
    print(f"Wrote {output} ({len(files)} files, {human_size(total)} before compression, "
          f"{human_size(output.stat().st_size)} as a zip):")
    for entry in files:
        print(f"  {entry.name}  {human_size(entry.size)}")
    if done.masked:
        print(f"{done.masked} password(s), key(s) or token(s) found in the text were masked.")
    return OK


def _system_info(config: Config, scanner: Scanner,
                 asset: dict[str, str] | None = None) -> list[EvidenceFile]:
    """The system report as the wizard sends it: IT's sections, text and JSON, scrubbed.

    ``asset`` receives the report's asset fields (scrubbed too), for helpdesks that have them.
    """
    from app.core.attachments import EvidenceFile

    try:
        from app.collectors import outgoing, sysinfo
    except ImportError as err:
        _say(f"helpline: system information is not available in this build ({err}); "
             "sending without it.")
        return []
    try:
        sections = config["sysinfo.sections"]
        info = sysinfo.collect(sections=sections, programs=config["sysinfo.programs"],
                               program_timeout_s=config["sysinfo.program_timeout_ms"] / 1000,
                               top_processes=config["sysinfo.top_processes"])
        parts = outgoing.system_info_parts(info, sections, scanner)
        if asset is not None:
            chosen = outgoing.only_sections(info, sections)
            asset.update({k: scanner.scrub(v) for k, v in sysinfo.asset_fields(chosen).items()})
    except Exception as err:  # a collector must never stop a request from being filed
        _say(f"helpline: system information could not be collected ({err}); "
             "sending without it.")
        return []
    return [EvidenceFile(p.name, p.data(), p.content_type, p.kind) for p in parts]


def _logs(config: Config, category: str, scanner: Scanner) -> list[EvidenceFile]:
    """The log files IT lists for the category, tail-limited and scrubbed, as in the wizard."""
    from app.collectors import outgoing
    from app.collectors.logs import collect_logs
    from app.core.attachments import EvidenceFile

    patterns = outgoing.category_logs(config, category)
    if not patterns:
        return []
    logs = collect_logs(patterns, int(config["logs.max_bytes"]))
    for log in logs:
        if not log.ok:
            _say(f"helpline: a log was left out: {log.path}: {log.error}")
    return [EvidenceFile(p.name, p.data(), p.content_type, "log")
            for p in outgoing.log_parts(logs, scanner)]


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def _screenshot() -> list[EvidenceFile]:
    from app.core.attachments import EvidenceFile

    if not display_available():
        _say("helpline: no display is available, so no screenshot was attached.")
        return []
    try:
        from PySide6.QtGui import QGuiApplication

        from app.collectors import screenshot

        app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        image = screenshot.grab_desktop()
        data = screenshot.encode_png(image) if image is not None else b""
        del app  # kept alive until the capture is done
    except Exception as err:  # a missing screenshot must not stop the request
        _say(f"helpline: the screenshot could not be taken ({err}); sending without it.")
        return []
    if not data:
        _say("helpline: the screen could not be read, so no screenshot was attached.")
        return []
    return [EvidenceFile("screenshot.png", bytes(data), "image/png", "screenshot")]
