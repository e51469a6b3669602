"""Start a request from a link or a command: ``<scheme>://new?category=…&summary=…``;
or ``<scheme>://share?request=ID`` (remote help: the consent dialog, never a session).

Knowledge-base pages and other programs open the wizard with the problem
already described; the person still reviews and sends it. A link comes from
anywhere, so it is checked like typed input and can only fill text: never
files, never who is asking, and it never sends. The same check serves
``helpline new --category ID --summary S``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import parse_qs, urlsplit

from app.core.config import Config

if TYPE_CHECKING:  # the command line's parser names FIELDS and LEVELS for every command,
    # the wizard's first paint included; the form is loaded when a link is read
    from app.core.form import RequestForm

MAX_URL = 8192
#: Link parameter -> (form field, longest text). The summary matches the wizard's field.
FIELDS: dict[str, tuple[str, int]] = {
    "category": ("category", 64),
    "summary": ("summary", 200),
    "description": ("happened", 4000),
    "doing": ("doing", 500),
    "error_text": ("error_text", 4000),
    "expected": ("expected", 500),
    "where": ("where", 500),
    "since": ("since", 200),
    "impact": ("impact", 10),
    "urgency": ("urgency", 10),
}
#: ``Level``'s values (tests/core/test_deeplink.py keeps the two the same).
LEVELS = ("low", "medium", "high")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


class DeepLinkError(ValueError):
    """Why a link or command cannot start a request, as a code and facts; each face says it
    in its own words (``app.cli_text.deeplink_error`` in English, ``app.ui.messages.
    deeplink_error`` in the person's language, for the window a clicked link opens).

    Codes (facts): ``too_long`` (field, length, limit), ``unknown_category`` (given,
    choices), ``bad_level`` (field, given, choices), ``link_too_long`` (length, limit),
    ``wrong_scheme`` (schemes), ``not_new`` (action, example), ``too_many_parameters``
    (limit), ``repeated`` (name); for ``share`` links ``bad_request``, ``bad_minutes`` and
    ``bad_control`` (given).
    """

    def __init__(self, code: str, **facts: str | int) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts

    def __str__(self) -> str:  # for logs; people read it through a face
        facts = ", ".join(f"{k}={v}" for k, v in self.facts.items())
        return f"{self.code} ({facts})" if facts else self.code


class Prefill(NamedTuple):
    """The form to start from, and link parameters that were not understood (ignored)."""

    form: RequestForm
    ignored: tuple[str, ...] = ()


def from_values(values: Mapping[str, str], config: Config) -> RequestForm:
    """A form from parameter -> text, each cleaned, bounded and checked against the config."""
    from app.core.form import RequestForm, clean
    from app.core.model import Level

    form = RequestForm()
    for name, raw in values.items():
        field, limit = FIELDS[name]
        text = clean(raw)
        if name not in ("description", "error_text"):
            text = " ".join(text.split())  # one line: no newlines or tabs
        if len(text) > limit:
            raise DeepLinkError("too_long", field=name, length=len(text), limit=limit)
        if not text:
            continue
        if name == "category":
            if config.category(text) is None:
                ids = ", ".join(c.id for c in config.categories())
                raise DeepLinkError("unknown_category", given=text, choices=ids)
        elif name in ("impact", "urgency"):
            if text not in LEVELS:
                raise DeepLinkError("bad_level", field=name, given=text, choices=", ".join(LEVELS))
            setattr(form, field, Level(text))
            continue
        setattr(form, field, text)
    return form


class ShareLink(NamedTuple):
    """``<scheme>://share?request=ID``: an agent asks to see the screen for request ``ID``.

    ``minutes`` and ``control`` (``control=0``) can only lower what IT's policy offers
    (:func:`app.core.remote_help.offer`); the consent dialog always asks first.
    """

    request_id: str
    minutes: int | None = None
    control: bool | None = None
    ignored: tuple[str, ...] = ()


#: The share link's parameters; anything else is ignored, as for ``new``.
SHARE_FIELDS = ("request", "minutes", "control")


def _read(url: str, allowed: tuple[str, ...]) -> tuple[str, dict[str, str], list[str], set[str]]:
    """The action, the known parameters, the ignored ones: the checks every link gets."""
    if len(url) > MAX_URL:
        raise DeepLinkError("link_too_long", length=len(url), limit=MAX_URL)
    match = _SCHEME.match(url.strip())
    if match is None or match.group(1).lower() not in allowed:
        raise DeepLinkError("wrong_scheme", schemes=" or ".join(s + "://" for s in allowed))
    parts = urlsplit(url.strip())
    action = (parts.netloc or parts.path).strip("/").lower()
    if parts.netloc and parts.path.strip("/"):
        action = f"{parts.netloc}/{parts.path.strip('/')}".lower()
    if action not in ("new", "share"):
        raise DeepLinkError(
            "not_new", action=action or "nothing", example=f"{allowed[0]}://new?summary=..."
        )
    known = set(FIELDS) if action == "new" else set(SHARE_FIELDS)
    try:
        query = parse_qs(parts.query, keep_blank_values=True, max_num_fields=50)
    except ValueError:
        raise DeepLinkError("too_many_parameters", limit=50) from None
    values: dict[str, str] = {}
    ignored = []
    for name, given in query.items():
        key = name.replace("-", "_").lower()
        if key not in known:
            ignored.append(name)
            continue
        if len(given) > 1 or key in values:
            raise DeepLinkError("repeated", name=name)
        values[key] = given[0]
    return action, values, sorted(ignored), known


def read_link(url: str, config: Config, schemes: Iterable[str]) -> Prefill | ShareLink:
    """Any link Helpline opens: ``new`` (a :class:`Prefill`) or ``share`` (a
    :class:`ShareLink`), each checked as strictly."""
    action, values, ignored, _known = _read(url, tuple(schemes))
    if action == "share":
        return _share(values, tuple(ignored))
    return Prefill(from_values(values, config), tuple(ignored))


def _share(values: dict[str, str], ignored: tuple[str, ...]) -> ShareLink:
    """Codes: ``bad_request`` (given), ``bad_minutes`` (given), ``bad_control`` (given)."""
    from app.core.remote_help import RemoteHelpRefused, request_id

    given = values.get("request", "")
    try:
        request = request_id(given)
    except RemoteHelpRefused:
        raise DeepLinkError("bad_request", given=given[:64]) from None
    minutes = None
    if "minutes" in values:
        text = values["minutes"].strip()
        if not text.isdigit() or not 0 < int(text) <= 24 * 60:
            raise DeepLinkError("bad_minutes", given=text[:16])
        minutes = int(text)
    control = None
    if "control" in values:
        text = values["control"].strip().lower()
        if text not in ("0", "1", "no", "yes"):
            raise DeepLinkError("bad_control", given=text[:16])
        control = text in ("1", "yes")
    return ShareLink(request, minutes, control, ignored)


def from_url(url: str, config: Config, schemes: Iterable[str]) -> Prefill:
    """Read ``<scheme>://new?…`` (or ``<scheme>:new?…``) into a :class:`Prefill`."""
    allowed = tuple(schemes)
    read = read_link(url, config, allowed)
    if isinstance(read, ShareLink):
        raise DeepLinkError("not_new", action="share", example=f"{allowed[0]}://new?summary=...")
    return read


def looks_like_link(text: str) -> bool:
    """True for ``scheme://…``: what macOS and some launchers pass as the only argument."""
    return bool(
        re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE)
    ) and not text.lower().startswith(("http://", "https://", "file://"))
