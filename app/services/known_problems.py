"""Known problems: read every source IT configured, politely, and remember the answer.

Qt-free, so the tray's timer, the wizard and the tests drive the same object. One
:meth:`KnownProblems.check` asks each source once, through :mod:`app.backends.http` (the
only road to the network) with the validators of its last answer (``If-None-Match``,
``If-Modified-Since``): an unchanged status page costs one short ``304``. Its timing is
the ticket poller's (:func:`app.core.polling.spaced`: jitter, back-off while failing,
rate limits obeyed), so a fleet of desks never asks in step.

The last answer of each source is kept on disk (:data:`CACHE_FILE`), so Helpline starts
offline with what it knew, and :meth:`cached` reads it without the network; the faces call
both on a worker. A source that fails keeps its last incidents but is reported by name in
:attr:`Snapshot.failed`: the faces say "could not check for known problems", never
nothing.

"Me too" (:meth:`KnownProblems.me_too`) files nothing: it remembers the incident
(:data:`SUBSCRIPTIONS_FILE`), so the person is told once when it ends
(:attr:`Snapshot.ended`), and where the helpdesk lets a requester count themselves in, it
keeps a +1 in the outbox like any follow-up (:meth:`FollowUps.plus_one`).
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.config import Config
from app.core.helpdesk import BackendError, RateLimited
from app.core.incident_feeds import parse_feed
from app.core.incidents import MAX_BYTES, Incident, Subscriptions, parse_plain, parse_statuspage
from app.core.outbox import Item
from app.core.polling import spaced
from app.services.sender import SUBSCRIBED_FILE

log = logging.getLogger(__name__)

CACHE_FILE = "known-problems.json"
#: Kept under the name the background sender reads (it stays while one is watched).
SUBSCRIPTIONS_FILE = SUBSCRIBED_FILE
#: The source name of the helpdesk itself and of ``known_problems.file``.
HELPDESK = "helpdesk"
FILE = "file"
#: Which setting names the place known problems are published, per helpdesk.
WHERE = {
    "rt": "known_problems.rt_queue",
    "github": "known_problems.label",
    "gitlab": "known_problems.label",
    "zendesk": "known_problems.zendesk_section",
    "glpi": "known_problems.glpi_reminders",
}


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""
    format: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """What is known now: the open incidents, the sources that could not be checked (by
    name; their last incidents are still in ``incidents``), and the subscribed incidents
    that ended since the last check (``(id, title)``, each said once)."""

    incidents: tuple[Incident, ...] = ()
    failed: tuple[str, ...] = ()
    ended: tuple[tuple[str, str], ...] = ()
    checked_at: float = 0.0

    def matching(self, category: str) -> Incident | None:
        """The newest open incident that names ``category``, if any."""
        return next((i for i in self.incidents if i.names(category)), None)


@dataclass
class _Kept:
    """One source's last answer and the validators to ask whether it changed."""

    incidents: list[Incident] = field(default_factory=list)
    etag: str = ""
    modified: str = ""
    ok: bool = True


class KnownProblems:
    def __init__(
        self,
        config: Config,
        root: Path,
        backend: Callable[[], Any] | None = None,
        followups: Any = None,
        session: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.root = root
        self._backend = backend
        self._followups = followups
        self._session = session
        self._rng = rng or random.Random()
        self.interval = float(config["known_problems.interval_seconds"])
        self.jitter = float(config["polling.jitter"])
        self.failures = 0
        self.wait_hint = 0.0
        self._kept: dict[str, _Kept] | None = None
        self._subscriptions: Subscriptions | None = None
        #: The cache read, a check and a "me too" may run on workers at the same time.
        self._lock = threading.RLock()

    # -- what is configured -------------------------------------------------------------

    def sources(self) -> list[Source]:
        found = [
            Source(s["name"], s["url"], s["format"], tuple(s.get("categories") or ()))
            for s in self.config["known_problems.sources"]
        ]
        path = self.config["known_problems.file"]
        if path:
            fmt = "json" if str(path).lower().endswith(".json") else "toml"
            found.append(Source(FILE, str(path), fmt))
        if self._where() and self._backend is not None:
            found.append(Source(HELPDESK))
        return found

    @property
    def configured(self) -> bool:
        return bool(self.sources())

    def _where(self) -> str:
        key = WHERE.get(self.config["backend.type"], "")
        value = self.config[key] if key else ""
        if isinstance(value, bool):  # GLPI: the reminders the account sees, or none
            return "reminders" if value else ""
        return str(value)

    # -- timing (the ticket poller's rules) ------------------------------------------------

    def first_delay(self) -> float:
        return self.interval * self._rng.uniform(0, self.jitter)

    def next_delay(self) -> float:
        return spaced(self.interval, self.jitter, self.failures, self.wait_hint, self._rng)

    # -- reading -------------------------------------------------------------------------

    def cached(self) -> Snapshot:
        """What the last check found, from disk: no network (offline start). Reads the
        subscriptions too, so :meth:`subscribed` never waits on the disk afterwards."""
        with self._lock:
            self.subscriptions()
            kept = self._load()
            names = {s.name for s in self.sources()}
            return self._snapshot(kept, names, (), self._cached_at)

    def check(self) -> Snapshot:
        """Ask every source (conditionally), keep the answers, and say what ended."""
        with self._lock:
            return self._check()

    def _check(self) -> Snapshot:
        kept = self._load()
        failed: list[str] = []
        checked: list[str] = []
        self.wait_hint = 0.0
        for source in self.sources():
            entry = kept.setdefault(source.name, _Kept())
            try:
                self._read(source, entry)
            except RateLimited as err:
                self.wait_hint = max(self.wait_hint, err.wait_seconds)
                entry.ok = False
            except (BackendError, ValueError, OSError) as err:
                log.warning("known problems: %s could not be read: %s", source.name, err)
                entry.ok = False
            else:
                entry.ok = True
                checked.append(source.name)
                continue
            failed.append(source.name)
        self.failures = self.failures + 1 if failed and not checked else 0
        names = {s.name for s in self.sources()}
        for stale in set(kept) - names:  # a source IT removed
            del kept[stale]
        subs = self.subscriptions()
        open_ids = [i.id for e in kept.values() for i in e.incidents if i.is_open]
        ended = subs.ended(open_ids, checked)
        if ended:
            self._save_subscriptions()
        self._cached_at = time.time()
        self._save(kept)
        return self._snapshot(kept, names, tuple(ended), self._cached_at)

    def _snapshot(
        self, kept: dict[str, _Kept], names: set[str], ended: tuple, at: float
    ) -> Snapshot:
        incidents = [
            i for name, e in kept.items() if name in names for i in e.incidents if i.is_open
        ]
        incidents.sort(key=lambda i: i.started.timestamp() if i.started else 0.0, reverse=True)
        failed = tuple(sorted(n for n, e in kept.items() if n in names and not e.ok))
        return Snapshot(tuple(incidents), failed, ended, at)

    def _read(self, source: Source, entry: _Kept) -> None:
        if source.name == HELPDESK:
            assert self._backend is not None
            backend = self._backend()
            if not backend.capabilities().announcements:
                entry.incidents = []
                return
            found = backend.announcements(self._where())
            entry.incidents = [_renamed(i, HELPDESK) for i in found]
            return
        if source.name == FILE and not source.url.startswith(("http://", "https://")):
            body = Path(os.path.expanduser(source.url)).read_bytes()[: MAX_BYTES + 1]
        else:
            fetched = self._fetch(source.url, entry)
            if fetched is None:
                return  # 304: what we kept is still the answer
            body = fetched
        entry.incidents = _parse(source, body)

    def _fetch(self, url: str, entry: _Kept) -> bytes | None:
        from app.backends import http

        if self._session is None:
            self._session = http.make_session(self.config, retries=1)
        headers = {"Accept": "application/json, application/atom+xml, application/rss+xml, */*"}
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry.modified:
            headers["If-Modified-Since"] = entry.modified
        response = http.send(self._session, "GET", url, headers=headers, stream=True)
        try:
            if response.status_code == 304:
                return None
            body = bytearray()
            for block in response.iter_content(64 * 1024):
                body += block
                if len(body) > MAX_BYTES:
                    raise ValueError("the answer is too large")
        except OSError as err:  # requests' errors are OSErrors too
            raise http.map_exception(err) from err
        finally:
            response.close()
        entry.etag = response.headers.get("ETag", "")
        entry.modified = response.headers.get("Last-Modified", "")
        return bytes(body)

    # -- "me too" ------------------------------------------------------------------------

    def subscriptions(self) -> Subscriptions:
        if self._subscriptions is None:
            data = _read_json(self.root / SUBSCRIPTIONS_FILE)
            ids = data.get("incidents") if isinstance(data, dict) else None
            self._subscriptions = Subscriptions(
                {str(k): str(v) for k, v in ids.items()} if isinstance(ids, dict) else {}
            )
        return self._subscriptions

    def subscribed(self, incident_id: str) -> bool:
        return incident_id in self.subscriptions().ids

    def forget_subscriptions(self) -> None:
        """Drop every "Me too" watch (when no source is left that could tell their end)."""
        with self._lock:
            self.subscriptions().ids.clear()
            self._save_subscriptions()

    def me_too(self, incident: Incident) -> Item | None:
        """Remember ``incident`` (told once when it ends) and, where the helpdesk can count
        a requester in and IT allows it, keep a +1 in the outbox. Files nothing. Returns
        the outbox item of the +1, or None. Reads and writes disk: call it on a worker."""
        with self._lock:
            subs = self.subscriptions()
            first = incident.id not in subs.ids
            subs.ids[incident.id] = incident.title
            self._save_subscriptions()
        if not (first and incident.target and self._followups is not None):
            return None
        if not self.config["known_problems.plus_one"]:
            return None
        from app.services.followup import FollowUpRefused

        try:
            item: Item = self._followups.plus_one(incident.target)
        except FollowUpRefused:
            return None
        return item

    # -- disk ----------------------------------------------------------------------------

    _cached_at = 0.0

    def _load(self) -> dict[str, _Kept]:
        if self._kept is None:
            data = _read_json(self.root / CACHE_FILE)
            self._kept = {}
            if isinstance(data, dict):
                self._cached_at = float(data.get("checked_at") or 0.0)
                for name, raw in (data.get("sources") or {}).items():
                    if isinstance(raw, dict):
                        self._kept[str(name)] = _Kept(
                            [Incident.from_dict(i) for i in raw.get("incidents") or []],
                            str(raw.get("etag") or ""),
                            str(raw.get("modified") or ""),
                            bool(raw.get("ok", True)),
                        )
        return self._kept

    def _save(self, kept: dict[str, _Kept]) -> None:
        data = {
            "checked_at": self._cached_at,
            "sources": {
                name: {
                    "incidents": [i.to_dict() for i in e.incidents],
                    "etag": e.etag,
                    "modified": e.modified,
                    "ok": e.ok,
                }
                for name, e in kept.items()
            },
        }
        _write_json(self.root / CACHE_FILE, data)

    def _save_subscriptions(self) -> None:
        _write_json(self.root / SUBSCRIPTIONS_FILE, {"incidents": self.subscriptions().ids})


def _parse(source: Source, body: bytes) -> list[Incident]:
    if source.format == "statuspage":
        return parse_statuspage(json.loads(body), source.name, source.categories)
    if source.format == "feed":
        return parse_feed(body, source.name, source.categories)
    return parse_plain(body.decode("utf-8"), source.name, source.format, source.categories)


def _renamed(incident: Incident, source: str) -> Incident:
    from dataclasses import replace

    raw = incident.id.split(":", 1)[-1]
    return replace(incident, id=f"{source}:{raw}", source=source)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    """Written whole or not at all: a crash mid-write leaves the last good file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temp, path)


def check_watched(config: Config, root: Path) -> list[tuple[str, str]]:
    """The background sender's check (``helpline sender --problems``, a child process):
    ask every source once and return the watched incidents that ended, each once.

    Where IT configured no source any more, nothing could ever tell the end: the watch is
    dropped rather than kept forever (and the sender with it)."""
    from app.services.filing import Submission

    problems = KnownProblems(config, root, lambda: Submission(config, root=root).backend)
    if not problems.configured:
        problems.forget_subscriptions()
        return []
    return list(problems.check().ended)
