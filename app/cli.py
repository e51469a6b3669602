"""``helpline``: the wizard, plus everything it does in plain text for scripts and IT.

Every command goes through the same core as the wizard (config layers,
:class:`~app.core.submission.Submission`, the outbox, the backend registry),
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.core import deeplink, logsafe
from app.core.config import Config, ConfigError, load

if TYPE_CHECKING:
    pass

OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot work; exit code 2."""


def _say(text: str) -> None:
    print(logsafe.mask(text), file=sys.stderr)  # an error may quote a URL or header


def _print_json(data: Any) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False))


# -- parsing -----------------------------------------------------------------


def _setting(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as TOML if it parses, else as plain text."""
    import tomllib  # only when --set is given: not on the way to the first paint

    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not KEY=VALUE, e.g. branding.name=\"IT\"")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.strip(), value


def version_text(env: dict[str, str] | None = None) -> str:
    """``helpline 1.2.0``, or ``helpline 1.2.0+acme1`` when a branding folder adds a suffix."""
    from app.core import branding

    try:
        brand = branding.active(env)
    except ConfigError as err:
        return f"helpline {__version__} (the branding folder could not be read: {err})"
    return f"helpline {brand.version(__version__) if brand else __version__}"


class _VersionAction(argparse.Action):
    """``--version``, read when asked: the branding folder is only opened for it then."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(version_text())  # stdout, as argparse's own version action does
        parser.exit()


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=_VersionAction,
                        help="show the version (with the brand's suffix) and exit")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="read this config file after the system and user files "
                             "(also HELPLINE_CONFIG)")
    parser.add_argument("--set", dest="settings", type=_setting, action="append", default=[],
                        metavar="KEY=VALUE", help="override one config key (repeatable)")
    parser.add_argument("--startup-probe", action="store_true",
                        help="open the window, print {\"first_paint_ms\": N} (milliseconds "
                             "from the process start to the first paint) and exit")


def _wizard_only(argv: list[str]) -> argparse.Namespace | None:
    """``helpline`` with no command (only global options, if any), parsed without building
    the command parsers; None for anything else, which the full parser then handles.

    The wizard is what people open when something is wrong, and the full parser costs
    10-20 ms before its first paint: argparse looks for a gettext catalogue for every help
    string of every command. Errors are never reported from here: the full parser parses
    the same words again and says what is wrong with its complete usage text.
    """
    quick = argparse.ArgumentParser(prog="helpline", add_help=False, exit_on_error=False)
    _global_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:  # a command, --help or a word the full parser will name
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="helpline", description="File a support request and follow it to closure.")
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="open the request wizard (the default)")
    commands.add_parser("requests", help="open the My requests window")
    commands.add_parser("settings", help="show the settings in effect, and which your "
                        "organisation has locked (read-only)")
    new = commands.add_parser("new", help="open the wizard with the request started from "
                              "these values (for scripts and shortcuts)")
    for name, (_field, limit) in deeplink.FIELDS.items():
        flag = "--" + name.replace("_", "-")
        if name in ("impact", "urgency"):
            new.add_argument(flag, choices=deeplink.LEVELS)
        else:
            new.add_argument(flag, metavar="ID" if name == "category" else "TEXT",
                             help=f"at most {limit} characters")
    url = commands.add_parser("open-url", help="open the wizard from a <scheme>://new?... "
                              "link (what the desktop's URL handler runs)")
    url.add_argument("url", nargs="?", default="", help="the link; none opens the wizard")

    submit = commands.add_parser("submit", help="file a request without the wizard")
    submit.add_argument("--summary", required=True, help="one line that sums up the problem")
    submit.add_argument("--description", required=True, help="what happened, in detail")
    submit.add_argument("--category", metavar="ID", help="category id (default: the first)")
    for field, text in (("doing", "what you were doing"), ("error-text", "the exact error text"),
                        ("expected", "what you expected"), ("where", "program or web address"),
                        ("since", "since when, how often")):
        submit.add_argument(f"--{field}", default="", help=text)
    submit.add_argument("--impact", choices=["low", "medium", "high"], default="low",
                        help="who is affected: just you, your team, everyone (default: low)")
    submit.add_argument("--urgency", choices=["low", "medium", "high"], default="medium",
                        help="how much it stops your work (default: medium)")
    submit.add_argument("--answer", action="append", default=[], metavar="QID=TEXT",
                        help="answer a question the category adds (repeatable)")
    for field in ("name", "email", "customer-id", "organization", "phone"):
        submit.add_argument(f"--{field}", help=f"your {field.replace('-', ' ')}")
    submit.add_argument("--attach", action="append", default=[], metavar="FILE",
                        help="attach a file (repeatable)")
    submit.add_argument("--no-screenshot", action="store_true", help="do not attach a screenshot")
    submit.add_argument("--no-system-info", action="store_true",
                        help="do not attach system information")
    submit.add_argument("--json", action="store_true", help="print the result as JSON")

    collect = commands.add_parser("collect", help="write a diagnostic bundle (system "
                                  "information, screenshot, logs) without filing a request")
    collect.add_argument("--output", required=True, type=Path, metavar="FILE.zip",
                         help="where to write the zip")
    collect.add_argument("--no-screenshot", action="store_true", help="leave the screenshot out")
    collect.add_argument("--category", metavar="ID", help="add the log files this category "
                         "lists")

    for name, text in (("list", "list your requests"), ("outbox", "show what waits to be sent")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--json", action="store_true", help="print JSON")
        if name == "outbox":
            sub.add_argument("action", nargs="?", choices=["retry"],
                             help="retry: deliver everything waiting now")
    from app import cli_followup

    commands.choices["list"].add_argument(
        "--status", choices=["new", "open", "waiting", "resolved", "closed", "unknown"],
        help="only requests with this status")
    cli_followup.add_parsers(commands)
    show = commands.add_parser("show", help="show one request and its messages")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")

    login = commands.add_parser("login", help="sign in to the helpdesk and remember it in "
                                "the OS keyring")
    logout = commands.add_parser("logout", help="forget the sign-in kept on this computer")
    for sub in (login, logout):
        sub.add_argument("--username", metavar="U",
                         help="your sign-in name at the helpdesk (default: backend.username)")
    login.add_argument("--stdin", action="store_true",
                       help="read the token or password from standard input, for scripts")

    config = commands.add_parser("config", help="check or show the configuration")
    config.add_argument("action", choices=["check", "show"])
    config.add_argument("--config", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                        help="the config file to check")
    config.add_argument("--json", action="store_true", help="print JSON (show)")
    return parser


# -- commands ----------------------------------------------------------------


def _window(config: Config, window: str, startup_probe: bool = False) -> int:
    from app.ui.app import main as gui_main

    return gui_main(config, window=window, startup_probe=startup_probe)


def _new(args: argparse.Namespace, config: Config) -> int:
    """``new`` and ``open-url``: the same checks as any input, then the wizard prefilled."""
    from app.core import branding
    from app.ui.app import main as gui_main

    if args.command == "new":
        values = {name: getattr(args, name) for name in deeplink.FIELDS
                  if getattr(args, name) is not None}
        form = deeplink.from_values(values, config)
    elif args.url:
        prefill = deeplink.from_url(args.url, config, branding.url_schemes(branding.active()))
        if prefill.ignored:
            _say(f"helpline: the link's {', '.join(prefill.ignored)} was not understood and "
                 "was left out.")
        form = prefill.form
    else:
        return gui_main(config)
    return gui_main(config, prefill=form)


def _config(args: argparse.Namespace, config: Config) -> int:
    from app.core import cli_text
    from app.core.config import BUILTIN
    from app.core.schema import KEYS

    if args.action == "check":
        files = sorted({s for s in config.sources.values() if s != BUILTIN})
        used = ", ".join(files) if files else "built-in defaults only"
        print(f"The configuration is valid ({used}).")
        return OK
    rows = []
    for key in KEYS:
        rows.append({"key": key.name, "value": cli_text.shown_value(key.name, config[key.name]),
                     "source": config.source(key.name), "locked": key.name in config.locked})
    if args.json:
        _print_json(rows)
        return OK
    print(cli_text.table(
        ["KEY", "VALUE", "SOURCE"],
        [[r["key"] + (" [locked]" if r["locked"] else ""),
          cli_text.config_value(r["key"], r["value"]), r["source"]] for r in rows]))
    return OK


def _list(args: argparse.Namespace, config: Config) -> int:
    from app.backends import create_backend
    from app.core import cli_text
    from app.core.outbox import Outbox

    tickets = create_backend(config).list_mine()
    if args.status:
        tickets = [t for t in tickets if t.status.value == args.status]
    if args.json:
        _print_json([t.to_dict() for t in tickets])
        return OK
    print(cli_text.ticket_rows(tickets) if tickets else "You have no requests yet.")
    waiting = Outbox(retry_seconds=config["outbox.retry_seconds"]).pending_count()
    if waiting:
        print(f"\n{waiting} request(s) wait in the outbox; see 'helpline outbox'.")
    return OK


def _show(args: argparse.Namespace, config: Config) -> int:
    from app.backends import create_backend
    from app.core import cli_text

    backend = create_backend(config)
    ticket = backend.get(args.id)
    messages = backend.messages(ticket.id)
    if args.json:
        _print_json({"ticket": ticket.to_dict(), "messages": [m.to_dict() for m in messages]})
    else:
        print(cli_text.ticket_text(ticket, messages))
    return OK


def _outbox(args: argparse.Namespace, config: Config) -> int:
    from app.backends.base import BackendError
    from app.core import cli_text
    from app.core.submission import Submission

    submission = Submission(config)
    if args.action != "retry":
        items = submission.outbox.items()
        if args.json:
            _print_json([i.to_dict() for i in items])
        else:
            print(cli_text.outbox_rows(items) if items
                  else "The outbox is empty: everything has been sent.")
        return OK
    if not submission.outbox.items():
        print("Nothing is waiting in the outbox.")
        return OK
    try:
        results = submission.outbox.deliver_due(submission.backend, force=True)
    except BackendError as err:
        _say(f"helpline: nothing could be sent: {err.user_message()} "
             "Your requests stay in the outbox.")
        return FAILED
    if args.json:
        _print_json([i.to_dict() for i in results])
    else:
        for item in results:
            print(f"{cli_text.one_line(item.summary, 50)}: {item.describe()}")
    return OK if all(i.state.value == "sent" for i in results) else FAILED


def _login(args: argparse.Namespace, config: Config) -> int:
    """Check the secret with the helpdesk first: a wrong one is never stored."""
    from app.backends import credentials
    from app.backends.base import AuthenticationError, BackendError, PermissionDenied

    if (account := _account(args, config, "in to")) is None:
        return OK
    config, kind, where, renamed = account
    secret = _read_secret(args, f"{kind.capitalize()} for {where}: ")
    who = ""
    if config["backend.type"] == "email":
        print("Requests go by email, so the mail server's password is what Helpline keeps; "
              "the server checks it when the next request is sent.")
    else:
        try:
            requester = credentials.verify(config, secret, kind)
        except BackendError as err:
            _say(f"helpline: {err.user_message()} Nothing was stored.")
            return USAGE if isinstance(err, AuthenticationError | PermissionDenied) else FAILED
        who = f" as {requester.name or requester.email or credentials.account(config)}"
    credentials.store(config, secret, kind)
    print(f"Signed in to {where}{who}; the sign-in is kept in this computer's password store.")
    if (used := credentials.resolve(config, kind).source) != "keyring":
        print(f"Note: your configuration gives a {kind} too ({used}), which is used first.")
    if renamed:
        print(f'Helpline uses it when your config says backend.username = "{args.username}".')
    return OK


def _account(args: argparse.Namespace, config: Config,
             way: str) -> tuple[Config, Any, str, bool] | None:
    """``--username`` applied, the kind of secret, the helpdesk's address, and if it differs."""
    from app.backends import credentials

    renamed = args.username not in (None, config["backend.username"])
    if args.username is not None:
        config = credentials.with_username(config, args.username)
    if (kind := credentials.kind_for(config)) is None:
        print("This helpdesk keeps your requests on this computer, so there is nothing to "
              f"sign {way}.")
        return None
    if not (where := credentials.address(config)):
        raise UsageError("No helpdesk address is set (backend.url), so there is nothing to "
                         f"sign {way} yet; please ask IT for the configuration.")
    return config, kind, where, renamed


def _read_secret(args: argparse.Namespace, prompt: str) -> str:
    import getpass

    if args.stdin:
        value = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
    elif sys.stdin is None or not sys.stdin.isatty():
        raise UsageError("login reads the token or password from a terminal, so it is never "
                         "shown; to pipe it in from a script, add --stdin.")
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
    print(f"Signed out: Helpline no longer keeps a sign-in for {where}." if removed
          else f"There was no sign-in for {where} kept on this computer.")
    return OK


def display_available(env: dict[str, str] | None = None) -> bool:
    """Whether a screenshot could show anything: a real screen, not Qt's offscreen platform."""
    env = dict(os.environ) if env is None else env
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0]
    if platform in ("offscreen", "minimal", "vnc"):
        return False
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    logsafe.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and deeplink.looks_like_link(argv[0]):  # macOS and some launchers
        argv = ["open-url", argv[0]]
    args = _wizard_only(argv) or build_parser().parse_args(argv)
    command = args.command or "gui"
    if args.startup_probe and command not in ("gui", "requests"):
        _say("helpline: --startup-probe measures a window; use it with gui or requests.")
        return USAGE
    try:
        config = load(config_file=args.config, flags=dict(args.settings))
    except ConfigError as err:
        _say(f"helpline: {err}")
        return USAGE
    for notice in config.notices:
        _say(f"helpline: {notice}")
    try:
        if command in ("gui", "requests"):
            return _window(config, "wizard" if command == "gui" else "requests",
                           args.startup_probe)
        if command == "settings":
            from app.ui.settings_window import run as show_settings

            return show_settings(config)
        if command in ("submit", "collect"):
            from app import cli_evidence

            run = cli_evidence.submit if command == "submit" else cli_evidence.collect
            return run(args, config)
        if command in ("new", "open-url"):
            return _new(args, config)
        if command == "tray":
            return _window(config, "tray")
        from app import cli_followup

        if command in ("reply", "reopen"):
            try:
                return cli_followup.queue(args, config, reopen=command == "reopen")
            except ValueError as err:
                raise UsageError(str(err)) from None
        handlers = {"list": _list, "show": _show, "outbox": _outbox, "config": _config,
                    "login": _login, "logout": _logout, "resolve": cli_followup.resolve}
        return handlers[command](args, config)
    except (UsageError, deeplink.DeepLinkError) as err:
        _say(f"helpline: {err}")
        if isinstance(err, deeplink.DeepLinkError) and command in ("new", "open-url"):
            _show_link_error(str(err), config)
        return USAGE
    except KeyboardInterrupt:
        _say("helpline: interrupted; anything already in the outbox is kept.")
        return FAILED
    except Exception as err:  # one sentence, not a traceback, for the person at the desk
        return _failure(err)


def _show_link_error(message: str, config: Config) -> None:
    """A link was clicked, not typed: with no terminal, the sentence goes in a window.

    Qt is imported only here. Without a display nobody could read a window either
    (offscreen runs, a server), so stderr stays the only place, unless a test asks for
    the window with HELPLINE_QUIT_AFTER_PAINT=1.
    """
    if sys.stderr is not None and sys.stderr.isatty():
        return
    if not display_available() and os.environ.get("HELPLINE_QUIT_AFTER_PAINT") != "1":
        return
    try:
        from app.ui.app import show_error

        show_error(logsafe.mask(message), config["branding.name"])
    except Exception as err:  # the sentence is on stderr already
        print(f"helpline: the message could not be shown in a window ({err}).",
              file=sys.stderr)


def _failure(err: Exception) -> int:
    from app.backends.base import BackendError
    from app.backends.credentials import CredentialError
    from app.core.submission import AttachmentProblem

    if isinstance(err, AttachmentProblem):
        _say(f"helpline: {err}")
        return USAGE
    if isinstance(err, BackendError):
        detail = str(err)
        message = err.user_message()
        _say(f"helpline: {message}" + (f" ({detail})" if detail and detail not in message
                                        else ""))
        return FAILED
    if isinstance(err, ConfigError):
        _say(f"helpline: {err}")
        return USAGE
    if isinstance(err, CredentialError):  # e.g. no keyring: the message says what to do
        _say(f"helpline: {err}")
        return FAILED
    import errno

    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
        import platformdirs

        from app.core import paths

        # The data folder, named without creating it (err.filename may be a file being read).
        where = f"{platformdirs.user_data_dir(paths.APP_NAME, appauthor=False)}; the system " \
                f"says: {err.strerror or err}"
        _say("helpline: " + (f"The disk where Helpline keeps its files ({where}) is read-only. "
                             "Ask IT to make it writable" if err.errno == errno.EROFS else
                             "There is no space left on the disk where Helpline keeps its "
                             f"files ({where}). Free some space")
             + " and try again; nothing you typed was sent or lost.")
        return FAILED
    _say(f"helpline: something went wrong: {type(err).__name__}: {err}")
    return FAILED
