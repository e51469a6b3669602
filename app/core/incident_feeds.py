"""Known problems from an RSS 2.0 or Atom feed, such as a status page's ``history.atom``.

Read with the standard library's ElementTree: a feed is small and its two shapes are
simple, so a feed library (feedparser pulls in much more) would not pay. What makes XML
dangerous is refused before parsing: a document type (``<!DOCTYPE``/``<!ENTITY``, the way
to entity expansion and external entities) and anything over
:data:`app.core.incidents.MAX_BYTES`. ElementTree itself never fetches external
resources (https://docs.python.org/3/library/xml.html#xml-vulnerabilities).

A feed is a history, not a list of what is open: an entry counts as open unless its
newest update says it is over. Statuspage writes each update as ``<strong>Resolved</strong>
- …`` newest first; others put "RESOLVED" or "[Resolved]" in the title. Entries older
than :data:`MAX_AGE_DAYS` are left out whatever they say.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from app.core.incidents import (
    MAX_BYTES,
    MAX_INCIDENTS,
    OPEN,
    RESOLVED,
    Incident,
    make,
    parse_time,
    plain,
)

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_AGE_DAYS = 14
#: The words that start an update (or a title) when the problem is over.
_OVER = re.compile(r"^\W*(resolved|completed|closed|fixed|behoben|gelöst)\b", re.IGNORECASE)
_FIRST_STATE = re.compile(r"<strong>\s*([^<]+?)\s*</strong>", re.IGNORECASE)


def parse_feed(
    body: bytes,
    source: str,
    categories: Iterable[str] = (),
    now: datetime | None = None,
) -> list[Incident]:
    """The recent entries of an RSS 2.0 or Atom document, open or resolved.

    Raises ValueError when ``body`` is not a feed (or is one we refuse to parse).
    """
    if len(body) > MAX_BYTES:
        raise ValueError("the feed is too large")
    head = body[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in body.lower():
        raise ValueError("the feed declares a document type")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as err:
        raise ValueError(f"not XML: {err}") from None
    now = now or datetime.now(UTC)
    base = tuple(categories)
    if root.tag == f"{ATOM}feed":
        entries = [_atom(e, source, base) for e in root.findall(f"{ATOM}entry")]
    elif root.tag == "rss":
        entries = [_rss(i, source, base) for i in root.findall("./channel/item")]
    else:
        raise ValueError("neither RSS 2.0 nor Atom")
    oldest = now - timedelta(days=MAX_AGE_DAYS)
    recent = [i for i in entries if i.started is None or i.started >= oldest]
    return recent[:MAX_INCIDENTS]


def _status(title: str, content: str) -> str:
    first = _FIRST_STATE.search(content)
    words = first.group(1) if first else plain(content, 80)
    return RESOLVED if _OVER.match(words) or _OVER.match(title) else OPEN


def _latest_update(content: str) -> str:
    """The newest update's words (Statuspage: the first paragraph), as plain text."""
    first = content.split("</p>", 1)[0]
    text = plain(first, 2000)
    # "Dec 26, 14:45 UTC Resolved - This incident has been resolved." -> after the dash
    _, sep, rest = text.partition(" - ")
    return rest if sep else text


def _atom(entry: ET.Element, source: str, categories: tuple[str, ...]) -> Incident:
    title = entry.findtext(f"{ATOM}title") or ""
    content = entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary") or ""
    link = ""
    for element in entry.findall(f"{ATOM}link"):
        if element.get("rel", "alternate") == "alternate":
            link = element.get("href") or ""
            break
    labels = [c.get("term") or "" for c in entry.findall(f"{ATOM}category")]
    started = parse_time(entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"))
    return make(
        f"{source}:{entry.findtext(f'{ATOM}id') or link or title}",
        title,
        summary=_latest_update(content),
        started=started,
        status=_status(title, content),
        categories=(*categories, *labels),
        source=source,
        url=link,
    )


def _rss(item: ET.Element, source: str, categories: tuple[str, ...]) -> Incident:
    title = item.findtext("title") or ""
    content = item.findtext("description") or ""
    link = item.findtext("link") or ""
    labels = [c.text or "" for c in item.findall("category")]
    return make(
        f"{source}:{item.findtext('guid') or link or title}",
        title,
        summary=_latest_update(content),
        started=_rfc822(item.findtext("pubDate")),
        status=_status(title, content),
        categories=(*categories, *labels),
        source=source,
        url=link,
    )


def _rfc822(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return parse_time(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
