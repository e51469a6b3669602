"""Every configuration key, declared once: type, default and a one-line doc.

The loader validates against these declarations, ``helpline config show``
reports them, and ``docs/config.md`` is generated from them, so a key cannot
exist in one place and be missing from another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
REQUESTER_FIELDS = ("name", "email", "customer_id", "organization", "phone")


class SchemaError(ValueError):
    """A value does not fit its declaration. ``where`` names a sub-key, if any."""

    def __init__(self, expected: str, where: str = "") -> None:
        super().__init__(expected)
        self.expected = expected
        self.where = where


class Kind(NamedTuple):
    """A value type: what the docs call it and how a raw TOML value is checked."""

    label: str
    check: Callable[[Any], Any]


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise SchemaError("a text string in quotes")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SchemaError("true or false")
    return value


#: The largest number a setting takes: TOML allows ``inf``, ``nan`` and 2**63, which pass a
#: "greater than 0" test and then crash a timer or a size sum later (issue 17, item 15).
LARGEST = 1_000_000_000


def _positive_number(value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 < value <= LARGEST  # False for nan, too
    ):
        raise SchemaError(f"a number greater than 0 and at most {LARGEST}")
    return float(value)


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= LARGEST:
        raise SchemaError(f"a whole number greater than 0 and at most {LARGEST}")
    return value


def _color(value: Any) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise SchemaError('a colour as "#rrggbb", for example "#2a6ebb"')
    return value.lower()


#: Never in an address: parsers disagree on them, so the host checked is not the host
#: reached (``http://evil.example\\@127.0.0.1/``, issue 17 item 17).
_URL_UNSAFE = re.compile(r"[\\\s\x00-\x1f\x7f-\x9f]")


def _url(value: Any) -> str:
    if not isinstance(value, str) or (value and not re.match(r"^(https?|mailto):", value)):
        raise SchemaError('an address starting with "https://", "http://" or "mailto:"')
    return value


def _helpdesk_url(value: Any) -> str:
    """The helpdesk's address: also without characters the parsers read differently."""
    if _URL_UNSAFE.search(_url(value)):
        raise SchemaError("an address without spaces, backslashes or control characters")
    return str(value)


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError('a list of text strings, for example ["a", "b"]')
    return list(value)


def _requester_fields(value: Any) -> list[str]:
    items = _string_list(value)
    for item in items:
        if item not in REQUESTER_FIELDS:
            raise SchemaError("a list drawn from " + ", ".join(f'"{f}"' for f in REQUESTER_FIELDS))
    return items


def _choice(*options: str) -> Kind:
    def check(value: Any) -> str:
        if value not in options:
            raise SchemaError("one of " + ", ".join(f'"{o}"' for o in options))
        return str(value)

    return Kind(" | ".join(f'"{o}"' for o in options), check)


def _table(value: Any, allowed: dict[str, Kind], required: tuple[str, ...], where: str) -> dict:
    if not isinstance(value, dict):
        raise SchemaError("a table of keys", where)
    out: dict[str, Any] = {}
    for key, raw in value.items():
        if key not in allowed:
            names = ", ".join(sorted(allowed))
            raise SchemaError(f"no key '{key}' here; known keys are {names}", f"{where}.{key}")
        try:
            out[key] = allowed[key].check(raw)
        except SchemaError as err:
            raise SchemaError(err.expected, f"{where}.{key}{err.where}") from None
    for key in required:
        if not out.get(key):
            raise SchemaError(f"a '{key}' in every entry", f"{where}.{key}")
    return out


def _identifier(value: Any) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise SchemaError('a short id of lower-case letters, digits, "-", "_" or "."')
    return value


_QUESTION = {
    "id": Kind("id", _identifier),
    "label": Kind("text", _string),
    "required": Kind("bool", _boolean),
    "placeholder": Kind("text", _string),
}
_LINK = {"label": Kind("text", _string), "url": Kind("url", _url)}


def _tables(value: Any, allowed: dict[str, Kind], required: tuple[str, ...]) -> list[dict]:
    if not isinstance(value, list):
        raise SchemaError("a list of tables")
    return [_table(v, allowed, required, f"[{i}]") for i, v in enumerate(value)]


_CATEGORY = {
    "id": Kind("id", _identifier),
    "label": Kind("text", _string),
    "description": Kind("text", _string),
    "questions": Kind("questions", lambda v: _tables(v, _QUESTION, ("id", "label"))),
    "not_handled": Kind("text", _string),
    "not_handled_link": Kind("url", _url),
    "help": Kind("links", lambda v: _tables(v, _LINK, ("label", "url"))),
    "logs": Kind("list of files or globs", _string_list),
}
#: One line per ``[[categories]]`` key for docs/config.md (scripts/gen_config_docs.py fails
#: on a key of ``_CATEGORY`` without one, so a new key cannot go undocumented).
CATEGORY_DOCS = {
    "id": "Short id of lower-case letters, digits, `-`, `_` or `.`; unique.",
    "label": "What the user sees in the category list.",
    "description": "One line under the label that says what belongs here.",
    "questions": "Extra questions, each a table: `id`, `label`, optional `required` "
    "(true/false) and `placeholder`.",
    "not_handled": "If set, this category is not handled here: the wizard shows this message "
    "instead of filing a request.",
    "not_handled_link": "Where to go instead (shown with `not_handled`).",
    "help": "Self-help links shown with the category, each a table: `label`, `url`.",
    "logs": "Log files or globs (`~` and environment variables expanded) whose ends are "
    "offered as attachments for this category; the user sees each and may remove it.",
}

#: The system information sections, as ``app.collectors.sysinfo.SECTIONS`` lists them
#: (core does not import collectors; a test keeps the two equal).
SYSINFO_SECTIONS = (
    "os",
    "machine",
    "user",
    "cpu",
    "memory",
    "disks",
    "network",
    "display",
    "locale",
    "uptime",
    "battery",
    "processes",
    "programs",
)


#: Longest pattern IT may give in ``privacy.patterns`` (issue 17, item 15).
PATTERN_CHARS = 500


def _patterns(value: Any) -> list[str]:
    """Valid, and safe to run on everything that is sent: see :mod:`app.core.regex_safety`."""
    from app.core.regex_safety import nested_repeat

    items = _string_list(value)
    for pattern in items:
        if len(pattern) > PATTERN_CHARS:
            raise SchemaError(
                f"a list of regular expressions of at most {PATTERN_CHARS} characters; "
                f"one has {len(pattern)}"
            )
        try:
            re.compile(pattern)
            risky = nested_repeat(pattern)
        except (re.error, RecursionError) as err:
            detail = err if isinstance(err, re.error) else "nested too deeply"
            raise SchemaError(
                f"a list of valid regular expressions; {pattern!r} is not one ({detail})"
            ) from None
        if risky:
            raise SchemaError(
                f"a list of regular expressions without a repeat inside a repeat; {pattern!r} "
                f"repeats {risky!r}, which can take hours on some text (write it without "
                "the outer repeat, or make the inner one possessive, e.g. a++)"
            )
    return items


def _sysinfo_sections(value: Any) -> list[str]:
    items = _string_list(value)
    for item in items:
        if item not in SYSINFO_SECTIONS:
            raise SchemaError(
                f"a list drawn from {', '.join(SYSINFO_SECTIONS)}; '{item}' is not a section"
            )
    return items


def _command(value: Any) -> str | list[str]:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise SchemaError('a command as text ("firefox --version") or a list of words')


def _non_negative_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchemaError("a whole number, 0 or more")
    return value


_PROGRAM = {"name": Kind("text", _string), "command": Kind("command", _command)}


def _programs(value: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SchemaError(
            'a list of [[sysinfo.programs]] tables, each with a "name" and a "command"'
        )
    return _tables(value, _PROGRAM, ("name", "command"))


def _categories(value: Any) -> list[dict]:
    items = _tables(value, _CATEGORY, ("id", "label"))
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            raise SchemaError(f"ids that differ; '{item['id']}' is used twice", f"[{i}].id")
        seen.add(item["id"])
    if not items:
        raise SchemaError("at least one category")
    return items


STRING = Kind("text", _string)
BOOL = Kind("true | false", _boolean)
POSITIVE = Kind("number > 0", _positive_number)
COUNT = Kind("whole number > 0", _positive_int)
COLOR = Kind('"#rrggbb"', _color)
URL = Kind("URL", _url)
HELPDESK_URL = Kind("URL", _helpdesk_url)
PATH = Kind("file path", _string)  # resolved against the file that set it
STRINGS = Kind("list of text", _string_list)
REQUESTER = Kind("list of requester fields", _requester_fields)
CATEGORIES = Kind("list of category tables", _categories)


def _status_map(value: Any) -> dict[str, str]:
    common = ("new", "open", "waiting", "resolved", "closed", "unknown")
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and v in common for k, v in value.items()
    ):
        raise SchemaError(
            'a table of raw status = "new" | "open" | "waiting" | "resolved" | "closed"'
        )
    return dict(value)


STATUS_MAP = Kind("table of status names", _status_map)


def _fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise SchemaError("a number from 0 up to (not including) 1, for example 0.2")
    return float(value)


def _notification_kinds(value: Any) -> list[str]:
    items = _string_list(value)
    for item in items:
        if item not in ("reply", "status"):
            raise SchemaError('a list drawn from "reply", "status"')
    return items


#: One ``[[known_problems.sources]]`` table: a status page or file IT already publishes.
_KNOWN_SOURCE = {
    "name": Kind("id", _identifier),
    "url": Kind("url", _url),
    "format": _choice("statuspage", "feed", "json", "toml"),
    "categories": Kind("list of category ids", _string_list),
}


def _known_sources(value: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SchemaError(
            'a list of [[known_problems.sources]] tables, each with a "name", a "url" and a '
            '"format"'
        )
    items = _tables(value, _KNOWN_SOURCE, ("name", "url", "format"))
    names = [item["name"] for item in items]
    if len(set(names)) != len(names):
        raise SchemaError("sources with different names")
    return items


KNOWN_SOURCES = Kind("list of source tables", _known_sources)

FRACTION = Kind("number 0–1", _fraction)
NOTIFICATION_KINDS = Kind('list of "reply" | "status"', _notification_kinds)

_PRIORITIES = ("low", "normal", "high", "critical")


def _targets(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise SchemaError("a table of priority = working hours, for example { high = 4 }")
    out: dict[str, float] = {}
    for key, hours in value.items():
        if key not in _PRIORITIES:
            raise SchemaError("priorities drawn from " + ", ".join(_PRIORITIES) + f", not '{key}'")
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            raise SchemaError(f"working hours greater than 0 for '{key}'")
        out[key] = float(hours)
    return out


def _category_targets(value: Any) -> dict[str, dict[str, float]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise SchemaError("a table of category id = { priority = working hours }")
    out: dict[str, dict[str, float]] = {}
    for key, targets in value.items():
        try:
            out[_identifier(key)] = _targets(targets)
        except SchemaError as err:
            raise SchemaError(f"{err.expected} (in '{key}')") from None
    return out


def _support_hours(value: Any) -> str:
    from app.core.answer_times import HoursError, parse_hours

    text = _string(value)
    try:
        if text:
            parse_hours(text)
    except HoursError:
        raise SchemaError(
            'support hours such as "Mon–Fri 8:00–18:00" or "Mon–Thu 8–17; Fri 8–14"'
        ) from None
    return text


def _holiday_region(value: Any) -> str:
    text = _string(value)
    if text and not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,4})?$", text):
        raise SchemaError('a country code, optionally with its region: "DE", "DE-BY", "AT-9"')
    return text


def _dates(value: Any) -> list[str]:
    items = _string_list(value)
    for item in items:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", item):
            raise SchemaError('a list of dates as "YYYY-MM-DD", for example ["2026-12-24"]')
    return items


def _timezone(value: Any) -> str:
    text = _string(value)
    if text:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise SchemaError('a time zone name such as "Europe/Berlin"') from None
    return text


#: The backends this build can talk to. The backend issue adds more adapters
#: and their keys; until then, "local" keeps tickets on this computer.
BACKEND_TYPES = (
    "local",
    "rt",
    "email",
    "http",
    "redmine",
    "gitlab",
    "github",
    "glpi",
    "zendesk",
    "jira",
    "zammad",
)


#: ``remote_help.tool``: the launchers in ``app.services.remote_help``.
REMOTE_TOOLS = _choice("vnc", "rustdesk", "meshcentral", "quickassist")


class Key(NamedTuple):
    name: str
    kind: Kind
    default: Any
    doc: str
    lockable: bool = True
    examples: tuple[str, ...] = ()
    #: Who may set it: "" anyone; "lower" IT's layers set it and later ones may only lower
    #: it (switch off, shorten, forbid); "it" only IT's layers (branding, policy) set it.
    ceiling: str = ""

    @property
    def section(self) -> str:
        return self.name.split(".", 1)[0]


DEFAULT_CATEGORIES: list[dict[str, Any]] = [
    {
        "id": "computer",
        "label": "Computer or software",
        "description": "Your computer, a program, or something that crashes or will not start.",
    },
    {
        "id": "account",
        "label": "Account, password or access",
        "description": "Signing in, a locked account, or access to a folder or system.",
    },
    {"id": "email", "label": "Email and calendar"},
    {"id": "network", "label": "Network, internet or VPN"},
    {
        "id": "printer",
        "label": "Printer or scanner",
        "questions": [
            {"id": "printer_name", "label": "Which printer (name or location)?", "required": False}
        ],
    },
    {"id": "other", "label": "Something else"},
]

KEYS: tuple[Key, ...] = (
    Key("branding.name", STRING, "Helpline", "Name of the support organisation, shown in titles."),
    Key(
        "branding.logo",
        PATH,
        "",
        "Logo image (SVG or PNG) shown on the welcome page; "
        "relative paths are read from the folder of the file that sets it.",
    ),
    Key(
        "branding.accent_color",
        COLOR,
        "#2a6ebb",
        "Accent colour for headings and the primary button.",
    ),
    Key("branding.support_hours", STRING, "", 'When support answers, e.g. "Mon–Fri 8:00–18:00".'),
    Key("branding.support_phone", STRING, "", "Support telephone number."),
    Key("branding.support_email", STRING, "", "Support email address."),
    Key("branding.support_url", URL, "", "Support web page or portal."),
    Key(
        "requester.required",
        REQUESTER,
        ["name", "email"],
        "Which of name, email, customer_id, organization, phone the user must give.",
    ),
    Key("requester.remember", BOOL, True, "Prefill the About you page from the last request."),
    Key(
        "categories",
        CATEGORIES,
        DEFAULT_CATEGORIES,
        "The categories offered on the problem page ([[categories]] tables; see below).",
    ),
    Key(
        "attachments.max_size_mb",
        POSITIVE,
        25.0,
        "Largest total size of all attachments of one request, in MB (1 MB = 1,000,000 bytes).",
    ),
    Key("attachments.screenshot", BOOL, True, "Offer a screenshot of the screen."),
    Key("attachments.system_info", BOOL, True, "Offer system information."),
    Key(
        "privacy.patterns",
        Kind("list of regular expressions", _patterns),
        [],
        "IT's own patterns of secrets to mask in text that is sent (the group named "
        '"secret", else the first group, else the whole match). At most 500 characters each, '
        "and no repeat inside a repeat such as (a+)+, which can take hours on some text.",
    ),
    Key(
        "privacy.scrub_home",
        BOOL,
        False,
        'Replace the user\'s home folder with "~" in text that is sent.',
    ),
    Key(
        "privacy.scrub_user",
        BOOL,
        False,
        'Replace the user\'s login name with "<user>" in text that is sent.',
    ),
    Key(
        "privacy.allow_unmask",
        BOOL,
        True,
        "Let the user send one masked secret clear, deliberately, from the review page.",
    ),
    Key(
        "privacy.require_review_tick",
        BOOL,
        False,
        'Keep Send disabled until the user ticks "I have reviewed what will be sent".',
    ),
    Key(
        "receipts.keep_days",
        COUNT,
        30,
        "Days a receipt (a zip of exactly what was sent) is kept in the data folder.",
    ),
    Key(
        "logs.max_bytes",
        COUNT,
        1048576,
        "Most bytes read from the end of each log file a category attaches.",
    ),
    Key(
        "sysinfo.sections",
        Kind("list of section names", _sysinfo_sections),
        list(SYSINFO_SECTIONS),
        "System information sections offered: " + ", ".join(SYSINFO_SECTIONS) + ".",
    ),
    Key(
        "sysinfo.programs",
        Kind("list of {name, command} tables", _programs),
        [],
        "Programs whose version is reported ([[sysinfo.programs]] with name and command).",
    ),
    Key(
        "sysinfo.program_timeout_ms",
        COUNT,
        2000,
        "Longest wait for all program versions together, in milliseconds.",
    ),
    Key(
        "sysinfo.top_processes",
        COUNT,
        10,
        "How many processes the largest-by-memory list shows (name and memory only).",
    ),
    Key(
        "screenshot.jpeg_above_kb",
        Kind("whole number >= 0", _non_negative_int),
        3072,
        "Send the screenshot as JPEG when the PNG would be larger than this many kB "
        "(0: always PNG).",
    ),
    Key(
        "steps.enabled",
        BOOL,
        True,
        "Offer to record the steps (clicks as pictures, typing as a count) for a request.",
    ),
    Key(
        "steps.max_steps",
        COUNT,
        50,
        "Most steps one recording keeps; it then stops by itself and says so.",
    ),
    Key(
        "steps.max_minutes",
        COUNT,
        5,
        "Longest recording in minutes; it then stops by itself and says so.",
    ),
    Key(
        "backend.type",
        _choice(*BACKEND_TYPES),
        "local",
        'Which helpdesk to send to. "local" keeps requests on this computer.',
    ),
    Key(
        "backend.url",
        HELPDESK_URL,
        "",
        'Base address of the helpdesk, e.g. "https://rt.example.org".',
    ),
    Key(
        "backend.username",
        STRING,
        "",
        "Sign-in name at the helpdesk (for RT: the user name or email address).",
    ),
    Key(
        "backend.token",
        STRING,
        "",
        "API token; prefer token_env or the keyring over writing it here.",
        lockable=False,
    ),
    Key("backend.token_env", STRING, "", "Name of an environment variable holding the API token."),
    Key(
        "backend.password",
        STRING,
        "",
        "Password; prefer password_env or the keyring over writing it here.",
        lockable=False,
    ),
    Key(
        "backend.password_env", STRING, "", "Name of an environment variable holding the password."
    ),
    Key("backend.queue", STRING, "", "RT: the queue new requests go to (name or id)."),
    Key(
        "backend.project",
        STRING,
        "",
        "redmine: project id or identifier; gitlab: project "
        'id or path ("group/project"); github: "owner/repo".',
    ),
    Key(
        "backend.app_token",
        STRING,
        "",
        "glpi: the App-Token of the API client IT set up "
        "in GLPI (Setup > General > API), if it requires one.",
        lockable=False,
    ),
    Key(
        "backend.timezone",
        STRING,
        "",
        "glpi: the time zone GLPI writes its times in, e.g. "
        '"Europe/Berlin", used only when GLPI does not say (no time zone in the user\'s '
        "preferences or its general setup); empty: this computer's zone.",
    ),
    Key(
        "backend.service_desk_id",
        STRING,
        "",
        'jira: id of the service desk (project) new requests go to, e.g. "10".',
    ),
    Key(
        "backend.request_type_id",
        STRING,
        "",
        'jira: id of the request type new requests use, e.g. "25".',
    ),
    Key("backend.group", STRING, "", 'zammad: the group new tickets go to, e.g. "Support".'),
    Key(
        "backend.client_ref_field",
        STRING,
        "",
        "Custom field that stores Helpline's "
        "reference; empty uses only the footer line in the body.",
    ),
    Key(
        "backend.ca_bundle",
        PATH,
        "",
        "CA certificate bundle (PEM) for a helpdesk whose "
        "certificate is signed by an internal authority.",
    ),
    Key(
        "backend.timeout_seconds",
        POSITIVE,
        30.0,
        "Longest wait for the helpdesk to answer one call.",
    ),
    Key(
        "backend.status_map",
        STATUS_MAP,
        {},
        "Overrides for status mapping: raw status = new | open | waiting | resolved | closed.",
    ),
    Key(
        "backend.allow_shared_credentials",
        BOOL,
        False,
        "Allow one shared agent or service "
        "account for every user (it can read everyone's tickets).",
    ),
    Key(
        "backend.allow_insecure_http",
        BOOL,
        False,
        "Allow plain http:// to a helpdesk that "
        "is not on this computer (passwords then travel unencrypted).",
    ),
    Key(
        "backend.smtp_host",
        STRING,
        "",
        'email: the mail server that accepts submissions, e.g. "smtp.example.org".',
    ),
    Key("backend.smtp_port", COUNT, 587, "email: its port (587 for STARTTLS, 465 for ssl)."),
    Key(
        "backend.smtp_security",
        _choice("starttls", "ssl", "none"),
        "starttls",
        'email: how the connection is encrypted; "none" only for a relay on this computer.',
    ),
    Key("backend.to_address", STRING, "", "email: the support address requests are sent to."),
    Key(
        "backend.from_address",
        STRING,
        "",
        "email: the sender address; empty uses the requester's own address.",
    ),
    Key(
        "ui.language",
        _choice("", "en", "de", "pseudo"),
        "",
        "Language of the windows: "
        '"" follows the system locale; "en", "de", or "pseudo" (lengthened, '
        "marked text for testing translations).",
    ),
    Key(
        "outbox.retry_seconds",
        POSITIVE,
        30.0,
        "First wait before retrying a failed delivery; doubles on each failure.",
    ),
    Key("outbox.retry_max_seconds", POSITIVE, 900.0, "Longest wait between delivery attempts."),
    Key(
        "outbox.keep_sent_days",
        POSITIVE,
        90.0,
        "Days a delivered request is remembered in "
        "the outbox (which ticket it became, linking it to its receipt); older ones are "
        "forgotten at the next delivery pass. Keep it at least receipts.keep_days.",
    ),
    Key(
        "drafts.save_delay_ms", COUNT, 800, "How long after the last keystroke the draft is saved."
    ),
    Key(
        "polling.interval_seconds",
        POSITIVE,
        300.0,
        "How often Helpline asks the helpdesk whether your requests changed.",
    ),
    Key(
        "polling.jitter",
        FRACTION,
        0.2,
        "Spread of the polling interval (0.2 = up to 20% "
        "earlier or later), so many computers do not ask at the same moment.",
    ),
    Key(
        "notifications.muted",
        NOTIFICATION_KINDS,
        [],
        "Kinds of notification not to show: "
        '"reply" (support answered) and "status" (a request changed status).',
    ),
    Key(
        "known_problems.sources",
        KNOWN_SOURCES,
        [],
        "Status pages, feeds and files with the problems support already knows of, each "
        "a [[known_problems.sources]] table: name, url, format, categories.",
    ),
    Key(
        "known_problems.file",
        PATH,
        "",
        "A JSON or TOML file of known problems (format in docs/known-problems.md); "
        "relative paths are read from the folder of the file that sets it.",
    ),
    Key(
        "known_problems.rt_queue",
        STRING,
        "",
        "rt: the queue whose open tickets are the known problems (everyone must be "
        "allowed to see it); empty: none.",
    ),
    Key(
        "known_problems.label",
        STRING,
        "",
        "github, gitlab: the label that marks an open issue as a known problem; empty: none.",
    ),
    Key(
        "known_problems.zendesk_section",
        STRING,
        "",
        "zendesk: the Help Center section (id) whose articles are the known problems; empty: none.",
    ),
    Key(
        "known_problems.glpi_reminders",
        BOOL,
        False,
        "glpi: the reminders this account may see (public ones need the profile's "
        '"Public reminder: Read" right) are the known problems, while in their visibility '
        "dates and not done.",
    ),
    Key(
        "known_problems.interval_seconds",
        POSITIVE,
        300.0,
        "How often Helpline looks for known problems (with polling.jitter; "
        "conditional requests, so an unchanged source costs one short answer).",
    ),
    Key(
        "known_problems.plus_one",
        BOOL,
        True,
        '"Me too" also adds a +1 at the helpdesk where it can (a reaction, a vote, a short '
        "message), so support can count who is affected.",
    ),
    Key(
        "answers.targets",
        Kind("table of priority = working hours", _targets),
        {},
        "How many working hours support usually takes to answer, per priority, e.g. "
        "{ critical = 1, high = 4, normal = 16 }; a priority without one gets no promise.",
    ),
    Key(
        "answers.category_targets",
        Kind("table of category id = targets", _category_targets),
        {},
        "Targets for single categories, overriding answers.targets, e.g. "
        "{ printer = { normal = 40 } }.",
    ),
    Key(
        "answers.hours",
        Kind("support hours", _support_hours),
        "",
        'Support hours the targets count in, e.g. "Mon–Fri 8:00–18:00"; empty uses '
        "branding.support_hours when it is written that way.",
    ),
    Key(
        "answers.holidays",
        Kind("country code", _holiday_region),
        "",
        "Public holidays on which support is closed: a country code and optional region, e.g. "
        '"DE" or "DE-BY".',
    ),
    Key(
        "answers.closed_days",
        Kind("list of dates", _dates),
        [],
        'Other days support is closed, e.g. ["2026-12-24", "2026-12-31"].',
    ),
    Key(
        "answers.timezone",
        Kind("time zone", _timezone),
        "",
        'The time zone of the support hours, e.g. "Europe/Berlin"; empty: this computer\'s.',
    ),
    Key(
        "closure.rating",
        BOOL,
        True,
        'When a request is resolved, offer a 👍/👎 and a comment with "Is it solved?" '
        "(asked once per resolution); false asks only whether it is solved.",
    ),
    Key("tray.start_at_login", BOOL, False, "Start the Helpline tray icon when you log in."),
    Key(
        "remote_help.enabled",
        BOOL,
        False,
        'Offer "Let support see my screen" on a request (docs/remote-help.md); a user or a '
        "link can switch it off, never on.",
        ceiling="lower",
    ),
    Key(
        "remote_help.tool",
        REMOTE_TOOLS,
        "vnc",
        'The tool that shares the screen: "vnc" (x11vnc connects out to the technician), '
        '"rustdesk", "meshcentral" or "quickassist". Set by IT only.',
        ceiling="it",
    ),
    Key(
        "remote_help.technician",
        STRING,
        "",
        'vnc: the technician\'s listening viewer as "host:port"; meshcentral: the invitation '
        'link; rustdesk: the ID server ("host" or "host:port"). Set by IT only.',
        ceiling="it",
    ),
    Key(
        "remote_help.allow_control",
        BOOL,
        False,
        "Let the user allow support to control the mouse and keyboard (a tick in the consent "
        "dialog, off each time); otherwise view only. Can only be lowered.",
        ceiling="lower",
    ),
    Key(
        "remote_help.max_minutes",
        COUNT,
        30,
        "Longest screen-sharing session in minutes; it then stops. Can only be lowered.",
        ceiling="lower",
    ),
    Key(
        "policy.locked",
        STRINGS,
        [],
        "Keys users may not change. Only read from the system policy file.",
        lockable=False,
    ),
)

BY_NAME: dict[str, Key] = {k.name: k for k in KEYS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(k.section for k in KEYS))
