"""The ``helpline`` command line's parser: global options, the commands, the wizard's fast path.

Kept apart from the commands (app/cli.py) because parsing is its own concern with its
own cost: the wizard, what people open when something is wrong, is parsed by
:func:`wizard_only` without building the 17 command parsers (docs/performance.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.core import deeplink
from app.core.config import ConfigError


def _setting(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as TOML if it parses, else as plain text."""
    import tomllib  # only when --set is given: not on the way to the first paint

    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not KEY=VALUE, e.g. branding.name=\"IT\"")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):  # the schema then names what it expects
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

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: Any = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from app.cli_output import out

        out(version_text())  # stdout, as argparse's own version action does
        parser.exit()


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="show the version (with the brand's suffix) and exit",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read this config file after the system and user files (also HELPLINE_CONFIG)",
    )
    parser.add_argument(
        "--set",
        dest="settings",
        type=_setting,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one config key (repeatable)",
    )
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help='open the window, print {"first_paint_ms": N} (milliseconds '
        "from the process start to the first paint) and exit",
    )


def wizard_only(argv: list[str]) -> argparse.Namespace | None:
    """``helpline`` with no command (only global options, if any), parsed without building
    the command parsers; None for anything else, which the full parser then handles.

    The wizard is what people open when something is wrong, and the full parser delays
    its first paint: argparse looks for a gettext catalogue for every help string of every
    command. Errors are never reported from here: the full parser parses the same words
    again and says what is wrong with its complete usage text. With no words at all (the
    desktop entry, the start menu) no parser is built. The costs: docs/performance.md.
    """
    if not argv:
        return argparse.Namespace(config=None, settings=[], startup_probe=False, command=None)
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
        prog="helpline", description="File a support request and follow it to closure."
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="open the request wizard (the default)")
    commands.add_parser("requests", help="open the My requests window")
    commands.add_parser(
        "settings",
        help="show the settings in effect, and which your organisation has locked (read-only)",
    )
    new = commands.add_parser(
        "new",
        help="open the wizard with the request started from "
        "these values (for scripts and shortcuts)",
    )
    for name, (_field, limit) in deeplink.FIELDS.items():
        flag = "--" + name.replace("_", "-")
        if name in ("impact", "urgency"):
            new.add_argument(flag, choices=deeplink.LEVELS)
        else:
            new.add_argument(
                flag,
                metavar="ID" if name == "category" else "TEXT",
                help=f"at most {limit} characters",
            )
    url = commands.add_parser(
        "open-url",
        help="open the wizard from a <scheme>://new?... link (what the desktop's URL handler runs)",
    )
    url.add_argument("url", nargs="?", default="", help="the link; none opens the wizard")

    submit = commands.add_parser("submit", help="file a request without the wizard")
    submit.add_argument("--summary", required=True, help="one line that sums up the problem")
    submit.add_argument("--description", required=True, help="what happened, in detail")
    submit.add_argument("--category", metavar="ID", help="category id (default: the first)")
    for field, text in (
        ("doing", "what you were doing"),
        ("error-text", "the exact error text"),
        ("expected", "what you expected"),
        ("where", "program or web address"),
        ("since", "since when, how often"),
    ):
        submit.add_argument(f"--{field}", default="", help=text)
    submit.add_argument(
        "--impact",
        choices=["low", "medium", "high"],
        default="low",
        help="who is affected: just you, your team, everyone (default: low)",
    )
    submit.add_argument(
        "--urgency",
        choices=["low", "medium", "high"],
        default="medium",
        help="how much it stops your work (default: medium)",
    )
    submit.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QID=TEXT",
        help="answer a question the category adds (repeatable)",
    )
    for field in ("name", "email", "customer-id", "organization", "phone"):
        submit.add_argument(f"--{field}", help=f"your {field.replace('-', ' ')}")
    submit.add_argument(
        "--attach", action="append", default=[], metavar="FILE", help="attach a file (repeatable)"
    )
    submit.add_argument("--no-screenshot", action="store_true", help="do not attach a screenshot")
    submit.add_argument(
        "--no-system-info", action="store_true", help="do not attach system information"
    )
    submit.add_argument("--json", action="store_true", help="print the result as JSON")

    collect = commands.add_parser(
        "collect",
        help="write a diagnostic bundle (system "
        "information, screenshot, logs) without filing a request",
    )
    collect.add_argument(
        "--output", required=True, type=Path, metavar="FILE.zip", help="where to write the zip"
    )
    collect.add_argument("--no-screenshot", action="store_true", help="leave the screenshot out")
    collect.add_argument("--category", metavar="ID", help="add the log files this category lists")
    collect.add_argument(
        "--record-steps",
        action="store_true",
        help="record the steps first (see record) and add the report to the bundle",
    )

    record = commands.add_parser(
        "record",
        help="record the steps (each click as a picture, typing only counted) into an HTML "
        "report; stops on the bar's Stop, at IT's limits, or on Ctrl+C / SIGTERM",
    )
    record.add_argument(
        "--output", required=True, type=Path, metavar="FILE.html", help="where to write the report"
    )

    for sub in (collect, record):
        sub.add_argument(
            "--countdown",
            type=int,
            default=3,
            metavar="SECONDS",
            help="seconds before the recording starts (default 3)",
        )

    for name, text in (("list", "list your requests"), ("outbox", "show what waits to be sent")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--json", action="store_true", help="print JSON")
        if name == "outbox":
            sub.add_argument(
                "action",
                nargs="?",
                choices=["retry", "discard"],
                help="retry: deliver everything waiting now; discard ID: forget one item",
            )
            sub.add_argument(
                "ref", nargs="?", metavar="ID", help="for discard: the REF the outbox shows"
            )
    from app import cli_followup

    commands.choices["list"].add_argument(
        "--status",
        choices=["new", "open", "waiting", "resolved", "closed", "unknown"],
        help="only requests with this status",
    )
    cli_followup.add_parsers(commands)
    show = commands.add_parser("show", help="show one request and its messages")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")

    login = commands.add_parser(
        "login", help="sign in to the helpdesk and remember it in the OS keyring"
    )
    logout = commands.add_parser("logout", help="forget the sign-in kept on this computer")
    for sub in (login, logout):
        sub.add_argument(
            "--username",
            metavar="U",
            help="your sign-in name at the helpdesk (default: backend.username)",
        )
    login.add_argument(
        "--stdin",
        action="store_true",
        help="read the token or password from standard input, for scripts",
    )

    config = commands.add_parser("config", help="check or show the configuration")
    config.add_argument("action", choices=["check", "show"])
    config.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="the config file to check",
    )
    config.add_argument("--json", action="store_true", help="print JSON (show)")
    return parser
