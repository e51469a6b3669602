"""Known problems ("is it just me?"): the incident model and the plain formats it is read from.

An :class:`Incident` is what IT published about a problem many people have: a title, a
short summary, when it started, whether it is still open, and the categories of the
wizard it names, so the Problem page can say "support knows" the moment a person picks
one. Incidents come from a Statuspage ``summary.json``, an RSS/Atom feed
(:mod:`app.core.incident_feeds`), a plain JSON/TOML file (:func:`parse_plain`) or the
helpdesk itself (``Backend.announcements``).

Everything here was written by someone else, so it is shown, never trusted: text is made
plain (HTML dropped, entities decoded), bidirectional and other control characters are
removed, and every field and list has a cap (:func:`plain`), as the conversations are
cleaned before they are shown.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.core.hidden_text import JOINERS, strip_hidden

OPEN = "open"
RESOLVED = "resolved"
#: Caps on what one source may hand us: a feed of 10,000 items or a 1 MB title is refused
#: by being cut, not by failing the whole source.
MAX_TITLE = 200
MAX_SUMMARY = 1000
MAX_INCIDENTS = 50
MAX_CATEGORIES = 20
MAX_BYTES = 2 * 1024 * 1024
#: Statuspage's incident states that mean "over" (https://developer.statuspage.io/#tag/incidents).
STATUSPAGE_OVER = frozenset({"resolved", "postmortem", "completed"})

_SPACES = str.maketrans("\t\n\r\v\f", "     ")
_DROPPED = frozenset({"Cc", "Cf", "Co", "Cs"})
_TAGS = re.compile(r"<[^>]*>")
_BLOCKS = re.compile(r"</?(p|br|div|li|tr|h[1-6])\b[^>]*>", re.IGNORECASE)
_CATEGORY_LABEL = re.compile(r"^(?:category|kategorie)[:/=](.+)$", re.IGNORECASE)
_BRACKETED = re.compile(r"^\s*\[([^\]]{1,40})\]")


@dataclass(frozen=True)
class Incident:
    """One known problem, as IT published it.

    ``id`` is unique across sources (``<source>:<its own id>``); ``target`` is what the
    helpdesk calls it when "Me too" can add a +1 there (a ticket or issue number, an
    article id; "" when it cannot).
    """

    id: str
    title: str
    summary: str = ""
    started: datetime | None = None
    status: str = OPEN
    categories: tuple[str, ...] = ()
    source: str = ""
    url: str = ""
    target: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def names(self, category: str) -> bool:
        """Whether this incident names the wizard's category ``category`` (its id)."""
        return bool(category) and category.lower() in self.categories

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["started"] = self.started.isoformat() if self.started else ""
        data["categories"] = list(self.categories)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Incident:
        return make(
            str(data.get("id") or ""),
            str(data.get("title") or ""),
            summary=str(data.get("summary") or ""),
            started=parse_time(data.get("started")),
            status=str(data.get("status") or OPEN),
            categories=_strings(data.get("categories")),
            source=str(data.get("source") or ""),
            url=str(data.get("url") or ""),
            target=str(data.get("target") or ""),
        )


def make(
    incident_id: str,
    title: str,
    *,
    summary: str = "",
    started: datetime | None = None,
    status: str = OPEN,
    categories: Iterable[str] = (),
    source: str = "",
    url: str = "",
    target: str = "",
) -> Incident:
    """An :class:`Incident` with every text made plain and capped, whatever it came from."""
    cats = tuple(dict.fromkeys(plain(c, 60).lower() for c in categories if plain(c, 60)))
    return Incident(
        id=plain(incident_id, 300),
        title=plain(title, MAX_TITLE),
        summary=plain(summary, MAX_SUMMARY),
        started=started,
        status=RESOLVED if status == RESOLVED else OPEN,
        categories=cats[:MAX_CATEGORIES],
        source=plain(source, 100),
        url=_web_url(url),
        target=plain(target, 100),
    )


def plain(text: Any, limit: int) -> str:
    """``text`` as one plain line of at most ``limit`` characters.

    HTML tags are dropped (block ends become spaces) and entities decoded; what
    :func:`app.core.hidden_text.strip_hidden` removes from typed text goes here too (bidi
    controls, zero-width characters, C0/C1 controls), and so do the other invisible format
    characters (Unicode Cf, joiners kept where strip_hidden keeps them), private-use and
    lone surrogates, since any of them can make a title read differently from what it
    says; white space is collapsed.
    """
    if text is None:
        return ""
    value = str(text)[: limit * 8]  # enough for markup around the text, never megabytes
    if "<" in value:
        value = _TAGS.sub("", _BLOCKS.sub(" ", value))
    value = strip_hidden(html.unescape(value).translate(_SPACES))
    value = "".join(ch for ch in value if ch in JOINERS or unicodedata.category(ch) not in _DROPPED)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _web_url(url: str) -> str:
    """Only web addresses are kept: an incident's link is opened in the browser."""
    url = plain(url, 2000)
    return url if re.match(r"^https?://", url, re.IGNORECASE) else ""


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if isinstance(v, str | int))
    return ()


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset) as an aware datetime; None when it is not one."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def named_categories(labels: Iterable[str], title: str = "") -> tuple[str, ...]:
    """The categories a helpdesk item names: labels or tags ``category:<id>``, and a
    ``[<id>]`` at the start of its title (how docs/known-problems.md asks IT to write them)."""
    found = []
    for label in labels:
        match = _CATEGORY_LABEL.match(label.strip())
        if match:
            found.append(match.group(1).strip())
    bracketed = _BRACKETED.match(title)
    if bracketed:
        found.append(bracketed.group(1).strip())
    return tuple(found)


def without_bracket(title: str) -> str:
    """The title without its leading ``[<category>]``, as people should read it."""
    return _BRACKETED.sub("", title, count=1).strip() or title


def seen_line(title: str) -> str:
    """The line a request gets when its requester saw a known problem and said theirs is
    different: support then need not ask. English, like the reference line: it is read by
    support, whatever the requester's language."""
    return (
        f'The requester saw the known problem "{plain(title, MAX_TITLE)}" and says this '
        "problem is a different one."
    )


# -- Statuspage ---------------------------------------------------------------------------


def parse_statuspage(data: Any, source: str, categories: Iterable[str] = ()) -> list[Incident]:
    """The unresolved incidents of a Statuspage ``/api/v2/summary.json`` answer.

    The summary lists unresolved incidents only
    (https://developer.statuspage.io/ and every ``<page>/api/v2`` page); a state that
    means "over" is skipped all the same. An incident names ``categories`` (the source's,
    from config) and each of its components' names, lower-cased, so a component called
    "Email" matches the category ``email``. Scheduled maintenance is not an incident.
    """
    if not isinstance(data, dict):
        raise ValueError("a Statuspage summary is a JSON object")
    incidents = data.get("incidents")
    if not isinstance(incidents, list):
        raise ValueError("a Statuspage summary has a list of incidents")
    base = tuple(categories)
    out = []
    for item in incidents[:MAX_INCIDENTS]:
        if not isinstance(item, dict) or str(item.get("status") or "") in STATUSPAGE_OVER:
            continue
        updates = item.get("incident_updates")
        latest = updates[0] if isinstance(updates, list) and updates else {}
        components = [
            str(c.get("name") or "")
            for c in item.get("components") or []
            if isinstance(c, dict) and c.get("name")
        ]
        out.append(
            make(
                f"{source}:{item.get('id') or item.get('name')}",
                str(item.get("name") or ""),
                summary=str(latest.get("body") or "") if isinstance(latest, dict) else "",
                started=parse_time(item.get("started_at") or item.get("created_at")),
                categories=(*base, *components),
                source=source,
                url=str(item.get("shortlink") or ""),
            )
        )
    return out


# -- the plain file -------------------------------------------------------------------------


def parse_plain(text: str, source: str, fmt: str = "", categories: Iterable[str] = ()) -> list:
    """The incidents of a plain JSON or TOML file (docs/known-problems.md has the format)::

        [[incidents]]
        title = "Email is down for everyone"
        since = 2026-12-07T09:12:00+01:00
        categories = ["email"]
        status = "open"        # or "resolved"; open when left out
        summary = "Support is working on it."
        url = "https://intranet.example.org/status"
        id = "mail-2026-12-07"  # optional; the title when left out

    ``fmt`` is ``json`` or ``toml``; when empty, a text starting with ``{`` is JSON.
    Resolved ones are kept (a subscription learns that way that its incident ended).
    """
    data: Any
    if fmt == "json" or (not fmt and text.lstrip().startswith("{")):
        data = json.loads(text)
    else:
        data = tomllib.loads(text)
    items = data.get("incidents") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValueError("a known-problems file has a list of incidents")
    base = tuple(categories)
    out = []
    for item in items[:MAX_INCIDENTS]:
        if not isinstance(item, dict) or not item.get("title"):
            continue
        status = str(item.get("status") or OPEN).lower()
        out.append(
            make(
                f"{source}:{item.get('id') or item.get('title')}",
                str(item["title"]),
                summary=str(item.get("summary") or ""),
                started=parse_time(item.get("since")),
                status=RESOLVED if status in ("resolved", "closed", "fixed") else OPEN,
                categories=(*base, *_strings(item.get("categories"))),
                source=source,
                url=str(item.get("url") or ""),
            )
        )
    return out


@dataclass
class Subscriptions:
    """The incidents this person said "Me too" to: told once when each one ends."""

    ids: dict[str, str] = field(default_factory=dict)  # incident id -> its title

    def ended(self, open_ids: Iterable[str], checked: Iterable[str]) -> list[tuple[str, str]]:
        """The subscribed incidents of a ``checked`` source that are no longer open; each is
        forgotten here, so it is said exactly once."""
        still = set(open_ids)
        sources = set(checked)
        gone = [
            (iid, title)
            for iid, title in self.ids.items()
            if iid not in still and iid.split(":", 1)[0] in sources
        ]
        for iid, _ in gone:
            del self.ids[iid]
        return gone
