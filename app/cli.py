"""``helpline``: the wizard, plus everything it does in plain text for scripts and IT.

Every command goes through the same core as the wizard (config layers,
:class:`~app.services.filing.Submission`, the outbox, the backend registry),
so what works here works in the window. Qt is imported only by ``gui``,
``requests`` and a screenshot taken on a real display: ``list`` and
``submit --no-screenshot`` run on a server without it.

Exit codes: 0 ok, 2 usage or configuration error, 1 any other failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app import gc_pause
from app.cli_output import (
    FAILED,
    OK,
    USAGE,
    UsageError,
    config_arguments,
    display_available,
    out,
    print_json,
    say,
)
from app.cli_parser import build_parser, wizard_only
from app.core import deeplink, logsafe
from app.core.config import Config, ConfigError, fallback, load

if TYPE_CHECKING:  # imported by the commands that use it
    pass

# -- commands ----------------------------------------------------------------


def _capture_early(config: Config) -> None:
    """Under X11, start reading the screen before Qt loads (app.collectors.x11_capture):
    the X server's copy then overlaps the import instead of delaying the first paint."""
    from app.collectors import x11_capture

    x11_capture.start(config["attachments.screenshot"])


def _no_window() -> int | None:
    """Before Qt loads: without a display or Qt's system libraries, say which, and exit 1
    (Qt itself would abort the process with a message that blames the wrong thing)."""
    from app.ui import preflight

    if (missing := preflight.check()) is None:
        return None
    if missing.code == "libraries":
        say(
            "helpline: the window needs system libraries that are not installed "
            f"({missing.facts['libraries']}); on Debian or Ubuntu, install them with "
            f"'sudo apt-get install {missing.facts['packages']}' and start helpline again."
        )
    else:
        where = (
            f"the display {missing.facts['display']} (DISPLAY) cannot be reached"
            if missing.facts["display"]
            else "there is no display (DISPLAY is not set)"
        )
        say(
            f"helpline: no window can open because {where}; to file a request from this "
            "terminal, use 'helpline submit --summary S --description D'."
        )
    return FAILED


def _window(
    config: Config, window: str, startup_probe: bool = False, config_args: Sequence[str] = ()
) -> int:
    if (code := _no_window()) is not None:
        return code
    if window == "wizard":
        _capture_early(config)
    from app.ui.app import main as gui_main

    return gui_main(config, window=window, startup_probe=startup_probe, config_args=config_args)


def _sender(args: argparse.Namespace, config: Config) -> int:
    """``helpline sender``: what waits in the outbox goes out, then the process ends: with
    the tray icon where a tray runs, else as a windowless loop that notifies. ``--pass``:
    one delivery pass; ``--problems``: one check of the known problems the person said "Me
    too" to (the background sender's children, see :mod:`app.ui.sender_loop`)."""
    from app.ui import sender_loop

    if args.one_pass:
        return sender_loop.deliver_once(config)
    if args.problems:
        return sender_loop.check_problems_once(config)
    tray = display_available() and sender_loop.x11_tray_available()
    return sender_loop.run(config, args.config_args, tray=tray)


def _new(args: argparse.Namespace, config: Config) -> int:
    """``new`` and ``open-url``: the same checks as any input, then the wizard prefilled."""
    from app.core import branding

    form = None
    if args.command == "new":
        values = {
            name: getattr(args, name) for name in deeplink.FIELDS if getattr(args, name) is not None
        }
        form = deeplink.from_values(values, config)
    elif args.url:
        prefill = deeplink.read_link(args.url, config, branding.url_schemes(branding.active()))
        if prefill.ignored:
            say(
                f"helpline: the link's {', '.join(prefill.ignored)} was not understood and "
                "was left out."
            )
        if isinstance(prefill, deeplink.ShareLink):  # remote help: the consent dialog only
            if (code := _no_window()) is not None:
                return code
            from app.ui.app import main as gui_main

            return gui_main(config, window="share", share=prefill)
        form = prefill.form
    if (code := _no_window()) is not None:
        return code
    _capture_early(config)
    from app.ui.app import main as gui_main

    return gui_main(config) if form is None else gui_main(config, prefill=form)


def _config(args: argparse.Namespace, config: Config) -> int:
    from app import cli_text
    from app.core.config import BUILTIN
    from app.core.schema import KEYS

    if args.action == "check":
        files = sorted({s for s in config.sources.values() if s != BUILTIN})
        used = ", ".join(files) if files else "built-in defaults only"
        out(f"The configuration is valid ({used}).")
        note = cli_text.IT_NOTES.get(config["backend.type"], "")
        if note:  # what IT grants or sets up; the user is told only what they can do
            out(f"For IT ({config['backend.type']}): {note}")
        return OK
    rows = []
    for key in KEYS:
        rows.append(
            {
                "key": key.name,
                "value": cli_text.shown_value(key.name, config[key.name]),
                "source": config.source(key.name),
                "locked": key.name in config.locked,
            }
        )
    if args.json:
        print_json(rows)
        return OK
    out(
        cli_text.table(
            ["KEY", "VALUE", "SOURCE"],
            [
                [
                    r["key"] + (" [locked]" if r["locked"] else ""),
                    cli_text.config_value(r["key"], r["value"]),
                    r["source"],
                ]
                for r in rows
            ],
        )
    )
    if config.policy is not None:
        out(cli_text.policy_line(config.policy))
    return OK


def _list(args: argparse.Namespace, config: Config) -> int:
    from app import cli_text
    from app.backends import create_backend
    from app.core.outbox import Outbox
    from app.services.sender import by_kind

    tickets = create_backend(config).list_mine()
    if args.status:
        tickets = [t for t in tickets if t.status.value == args.status]
    if args.json:
        print_json([t.to_dict() for t in tickets])
        return OK
    if tickets:
        out(cli_text.ticket_rows(tickets))
    else:
        out(f"You have no {args.status} requests." if args.status else "You have no requests yet.")
    requests, messages = by_kind(Outbox(retry_seconds=config["outbox.retry_seconds"]).items())
    what = [
        *([cli_text.counted(requests, "request")] if requests else []),
        *(
            [cli_text.counted(messages, "message to support", "messages to support")]
            if messages
            else []
        ),
    ]
    if what:
        out(f"\nNot sent yet: {', '.join(what)}; see 'helpline outbox'.")
    return OK


def _show(args: argparse.Namespace, config: Config) -> int:
    from app import cli_text
    from app.services.filing import Submission
    from app.services.followup import FollowUpRefused, FollowUps

    submission = Submission(config)
    try:  # the number `list` shows, the bare id, or the outbox's REF
        ticket_id = FollowUps.for_submission(submission).request_id(args.id)
    except FollowUpRefused as err:
        facts = getattr(err.problems[0], "facts", {})
        say(
            f"helpline: Request {facts.get('ticket', args.id)} ({facts.get('summary', '')}) "
            "has not reached the helpdesk yet; 'helpline outbox' shows it while it waits."
        )
        return FAILED
    backend = submission.backend
    ticket = backend.get(ticket_id)
    messages = backend.messages(ticket.id)
    if args.json:
        print_json({"ticket": ticket.to_dict(), "messages": [m.to_dict() for m in messages]})
    else:
        out(cli_text.ticket_text(ticket, messages))
    return OK


def _login(args: argparse.Namespace, config: Config) -> int:
    """Check the secret with the helpdesk first: a wrong one is never stored."""
    from app import cli_text
    from app.backends import credentials
    from app.core.helpdesk import AuthenticationError, BackendError, PermissionDenied

    if (account := _account(args, config, "in to")) is None:
        return OK
    config, kind, where, renamed = account
    secret = _read_secret(args, f"{kind.capitalize()} for {where}: ")
    who = ""
    if config["backend.type"] == "email":
        out(
            "Requests go by email, so the mail server's password is what Helpline keeps; "
            "the server checks it when the next request is sent."
        )
    else:
        try:
            requester = credentials.verify(config, secret, kind)
        except BackendError as err:
            say(f"helpline: {cli_text.error(err)} Nothing was stored.")
            return USAGE if isinstance(err, AuthenticationError | PermissionDenied) else FAILED
        who = f" as {requester.name or requester.email or credentials.account(config)}"
    credentials.store(config, secret, kind)
    out(f"Signed in to {where}{who}; the sign-in is kept in this computer's password store.")
    if (used := credentials.resolve(config, kind).source) != "keyring":
        out(f"Note: your configuration gives a {kind} too ({used}), which is used first.")
    if renamed:
        out(f'Helpline uses it when your config says backend.username = "{args.username}".')
    return OK


def _account(
    args: argparse.Namespace, config: Config, way: str
) -> tuple[Config, Any, str, bool] | None:
    """``--username`` applied, the kind of secret, the helpdesk's address, and if it differs."""
    from app.backends import credentials

    renamed = args.username not in (None, config["backend.username"])
    if args.username is not None:
        config = credentials.with_username(config, args.username)
    if (kind := credentials.kind_for(config)) is None:
        out(
            "This helpdesk keeps your requests on this computer, so there is nothing to "
            f"sign {way}."
        )
        return None
    if not (where := credentials.address(config)):
        raise UsageError(
            "No helpdesk address is set (backend.url), so there is nothing to "
            f"sign {way} yet; please ask IT for the configuration."
        )
    return config, kind, where, renamed


def _read_secret(args: argparse.Namespace, prompt: str) -> str:
    import getpass

    if args.stdin:
        value = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
    elif sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(
            "login reads the token or password from a terminal, so it is never "
            "shown; to pipe it in from a script, add --stdin."
        )
    else:
        value = getpass.getpass(prompt)
    if not value:
        raise UsageError("No token or password was given, so nothing was stored.")
    return value


def _logout(args: argparse.Namespace, config: Config) -> int:
    from app.backends import credentials

    if (account := _account(args, config, "out of")) is None:
        return OK
    config, _kind, where, _renamed = account
    removed = credentials.forget(config)
    out(
        f"Signed out: Helpline no longer keeps a sign-in for {where}."
        if removed
        else f"There was no sign-in for {where} kept on this computer."
    )
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    logsafe.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and deeplink.looks_like_link(argv[0]):  # macOS and some launchers
        argv = ["open-url", argv[0]]
    args = wizard_only(argv) or build_parser().parse_args(argv)
    command = args.command or "gui"
    if command not in gc_pause.WINDOW_COMMANDS:
        gc_pause.resume_collector()  # paused by app.launch only for a window's first paint
    if args.startup_probe and command not in ("gui", "requests"):
        say("helpline: --startup-probe measures a window; use it with gui or requests.")
        return USAGE
    try:
        config = load(config_file=args.config, flags=dict(args.settings))
    except ConfigError as err:
        say(f"helpline: {err}")
        if command in gc_pause.WINDOW_COMMANDS or command in ("settings", "tray"):
            _show_in_window(str(err), fallback(), "config")
        return USAGE
    for notice in config.notices:
        say(f"helpline: {notice}")
    args.config_args = config_arguments(argv)  # for a background sender started later
    try:
        if command in ("gui", "requests"):
            window = "wizard" if command == "gui" else "requests"
            return _window(config, window, args.startup_probe, args.config_args)
        if command == "settings":
            return _window(config, "settings")
        if command in ("submit", "collect"):
            from app import cli_evidence

            run = cli_evidence.submit if command == "submit" else cli_evidence.collect
            return _flushed(run(args, config))
        if command == "record":
            from app import cli_record

            return _flushed(cli_record.record(args, config))
        if command in ("new", "open-url"):
            return _new(args, config)
        if command == "tray":
            return _window(config, "tray", config_args=args.config_args)
        if command == "sender":
            return _sender(args, config)
        from app import cli_followup, cli_outbox

        if command in ("reply", "reopen"):
            try:
                return cli_followup.queue(args, config, reopen=command == "reopen")
            except ValueError as err:
                raise UsageError(str(err)) from None
        handlers = {
            "list": _list,
            "show": _show,
            "outbox": cli_outbox.outbox,
            "config": _config,
            "login": _login,
            "logout": _logout,
            "resolve": cli_followup.resolve,
        }
        return _flushed(handlers[command](args, config))
    except BrokenPipeError:  # `helpline config show | head`: the reader has read enough
        _stdout_to_devnull()
        return OK
    except deeplink.DeepLinkError as err:
        from app import cli_text

        say(f"helpline: {cli_text.deeplink_error(err)}")
        if command in ("new", "open-url"):
            _show_in_window(err, config, "link")  # said in the person's language there
        return USAGE
    except UsageError as err:
        say(f"helpline: {err}")
        return USAGE
    except KeyboardInterrupt:
        say("helpline: interrupted; anything already in the outbox is kept.")
        return FAILED
    except Exception as err:  # one sentence, not a traceback, for the person at the desk
        return _failure(err)


def _flushed(code: int) -> int:
    """``code``, once what was printed is out: a reader that stopped early is no error."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
    return code


def _stdout_to_devnull() -> None:
    """Python would otherwise complain when it flushes stdout at exit (the pattern in
    https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _show_in_window(message: str | deeplink.DeepLinkError, config: Config, what: str) -> None:
    """A link was clicked, or Helpline started from the menu, not typed: with no terminal,
    the sentence goes in a window (``what``: ``link`` or ``config``, for its heading).

    Qt is imported only here. Without a display nobody could read a window either
    (offscreen runs, a server), so stderr stays the only place, unless a test asks for
    the window with HELPLINE_QUIT_AFTER_PAINT=1.
    """
    if sys.stderr is not None and sys.stderr.isatty():
        return
    if not display_available() and os.environ.get("HELPLINE_QUIT_AFTER_PAINT") != "1":
        return
    from app.ui import preflight

    if preflight.check() is not None:  # Qt would abort: the sentence stays on stderr alone
        return
    try:
        from app.ui.app import show_error

        show_error(message if not isinstance(message, str) else logsafe.mask(message), config, what)
    except Exception as err:  # the sentence is on stderr already
        say(f"helpline: the message could not be shown in a window ({err}).")


def _failure(err: Exception) -> int:
    from app import cli_text
    from app.backends.credentials import CredentialError
    from app.core.attachments import AttachmentProblem
    from app.core.helpdesk import BackendError

    if isinstance(err, AttachmentProblem):
        say(f"helpline: {err}")
        return USAGE
    if isinstance(err, BackendError):
        say(f"helpline: {cli_text.error(err)}")
        return FAILED
    if isinstance(err, ConfigError):
        say(f"helpline: {err}")
        return USAGE
    if isinstance(err, CredentialError):  # e.g. no keyring: the message says what to do
        say(f"helpline: {err}")
        return FAILED
    import errno

    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
        import platformdirs

        from app.core import paths

        # The data folder, named without creating it (err.filename may be a file being read).
        where = (
            f"{platformdirs.user_data_dir(paths.APP_NAME, appauthor=False)}; the system "
            f"says: {err.strerror or err}"
        )
        say(
            "helpline: "
            + (
                f"The disk where Helpline keeps its files ({where}) is read-only. "
                "Ask IT to make it writable"
                if err.errno == errno.EROFS
                else "There is no space left on the disk where Helpline keeps its "
                f"files ({where}). Free some space"
            )
            + " and try again; nothing you typed was sent or lost."
        )
        return FAILED
    say(f"helpline: something went wrong: {type(err).__name__}: {err}")
    return FAILED
