"""Known problems from status pages, feeds and files: read politely, kept for offline starts.

The Statuspage ``summary.json`` and the RSS/Atom feeds are real answers of public status
pages (tests/services/recorded/README.md says whose and where they were kept), served by a
real HTTP server on 127.0.0.1 that answers ``If-None-Match`` with ``304`` as web servers do.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.config import Config, fallback
from app.core.incident_feeds import parse_feed
from app.core.incidents import Incident, make, parse_plain, plain
from app.services.known_problems import KnownProblems
from tests.services.feed_server import RECORDED, FeedServer

SUMMARY = "statuspage-summary.json"


def _config(**values: Any) -> Config:
    config = fallback()
    config.values.update(values)
    return config


def _source(url: str, fmt: str, name: str = "status", **extra: Any) -> dict[str, Any]:
    return {"name": name, "url": url, "format": fmt, **extra}


@pytest.fixture
def server() -> Any:
    with FeedServer() as srv:
        yield srv


def test_statuspage_summary_open_incidents_name_their_components(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.recorded("/api/v2/summary.json", SUMMARY, "application/json")
    config = _config(
        **{"known_problems.sources": [_source(url, "statuspage", categories=["phone"])]}
    )
    snapshot = KnownProblems(config, tmp_path).check()
    (incident,) = snapshot.incidents
    assert incident.title.startswith("A subset of users in Turkey are unable to dial")
    assert incident.summary.startswith("We have identified an issue between the local carrier")
    assert incident.started == datetime.fromisoformat("2021-09-30T00:55:18.000-07:00")
    assert incident.categories == ("phone", "management portal")
    assert incident.url == "https://stspg.io/hfqxjmvn7nv9"
    assert snapshot.matching("phone") == incident and snapshot.matching("email") is None
    assert snapshot.failed == ()


def test_an_unchanged_page_costs_a_304_and_the_answer_survives_a_restart(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.recorded("/api/v2/summary.json", SUMMARY, "application/json")
    config = _config(**{"known_problems.sources": [_source(url, "statuspage")]})
    first = KnownProblems(config, tmp_path).check()
    again = KnownProblems(config, tmp_path)  # a new process: validators come from disk
    assert again.cached().incidents == first.incidents  # offline start: no request
    requests_before = len(server.seen)
    second = again.check()
    assert len(server.seen) == requests_before + 1
    headers = server.seen[-1][1]
    assert headers["If-None-Match"].startswith('"') and headers["If-Modified-Since"]
    assert second.incidents == first.incidents


def test_a_failing_source_is_reported_by_name_and_keeps_what_it_said(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.recorded("/api/v2/summary.json", SUMMARY, "application/json")
    config = _config(**{"known_problems.sources": [_source(url, "statuspage")]})
    service = KnownProblems(config, tmp_path, rng=random.Random(1))
    service.check()
    calm = service.next_delay()
    server.fail("/api/v2/summary.json", 503)
    snapshot = service.check()
    assert snapshot.failed == ("status",)
    assert len(snapshot.incidents) == 1  # the last answer stands, marked unchecked
    assert service.failures == 1 and service.next_delay() > calm  # backs off
    server.recorded("/api/v2/summary.json", SUMMARY, "application/json")
    assert service.check().failed == () and service.failures == 0


def test_garbage_is_a_failed_source_not_a_crash(server: FeedServer, tmp_path: Path) -> None:
    url = server.publish("/status", "<html>Sign in to the proxy</html>", "text/html")
    config = _config(**{"known_problems.sources": [_source(url, "statuspage")]})
    assert KnownProblems(config, tmp_path).check().failed == ("status",)


@pytest.mark.parametrize(
    ("name", "content_type", "count", "first_title"),
    [
        (
            "statuspage-history.rss",
            "application/rss+xml",
            25,
            "Incident with GitHub Actions, Codespaces, Issues, and Webhooks",
        ),
        ("statuspage-history.atom", "application/atom+xml", 2, "Instance failure"),
    ],
)
def test_status_page_feeds_over_http(
    server: FeedServer,
    tmp_path: Path,
    name: str,
    content_type: str,
    count: int,
    first_title: str,
) -> None:
    url = server.recorded("/history", name, content_type)
    config = _config(**{"known_problems.sources": [_source(url, "feed")]})
    service = KnownProblems(config, tmp_path)
    # Both recordings are histories whose incidents were all resolved: nothing is open.
    assert service.check().incidents == () and service.check().failed == ()
    body = (RECORDED / name).read_bytes()
    every = parse_feed(body, "s", now=datetime(2023, 1, 1, tzinfo=UTC).replace(year=2000))
    assert len(every) == count and every[0].title == first_title
    assert {i.status for i in every} == {"resolved"}
    assert every[0].summary == "This incident has been resolved."


def test_an_open_update_in_a_feed_is_open() -> None:
    atom = (RECORDED / "statuspage-history.atom").read_text()
    resolved = "&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved."
    investigating = atom.replace(resolved + "&lt;/p&gt;&lt;p&gt;", "", 1)
    (first, _) = parse_feed(investigating.encode(), "s", now=datetime(2021, 12, 27, tzinfo=UTC))
    assert first.is_open and first.summary.startswith("We are experiencing instance failure")


def test_feeds_with_a_document_type_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel/></rss>'
    with pytest.raises(ValueError, match="document type"):
        parse_feed(bomb, "s")


TOML = """
[[incidents]]
id = "mail"
title = "Email is down for everyone"
since = 2026-12-07T09:12:00+01:00
categories = ["email"]
summary = "Support is working on it."

[[incidents]]
title = "Old printer trouble"
categories = ["printer"]
status = "resolved"
"""


def test_a_toml_file_in_the_branding_folder(tmp_path: Path) -> None:
    path = tmp_path / "branding" / "known-problems.toml"
    path.parent.mkdir()
    path.write_text(TOML)
    config = _config(**{"known_problems.file": str(path)})
    (incident,) = KnownProblems(config, tmp_path).check().incidents
    assert incident.title == "Email is down for everyone" and incident.id == "file:mail"
    assert incident.started == datetime.fromisoformat("2026-12-07T09:12:00+01:00")


def test_a_json_file_at_a_url(server: FeedServer, tmp_path: Path) -> None:
    data = {
        "incidents": [
            {"title": "VPN is slow", "since": "2026-12-07T08:00:00Z", "categories": ["network"]}
        ]
    }
    url = server.publish("/known.json", json.dumps(data), "application/json")
    config = _config(**{"known_problems.sources": [_source(url, "json", name="intranet")]})
    (incident,) = KnownProblems(config, tmp_path).check().incidents
    assert incident.names("network") and incident.source == "intranet"


def test_me_too_is_told_once_when_the_incident_ends(server: FeedServer, tmp_path: Path) -> None:
    open_now = {"incidents": [{"id": "mail", "title": "Email is down", "categories": ["email"]}]}
    url = server.publish("/known.json", json.dumps(open_now), "application/json")
    config = _config(**{"known_problems.sources": [_source(url, "json", name="intranet")]})
    service = KnownProblems(config, tmp_path)
    (incident,) = service.check().incidents
    assert service.me_too(incident) is None  # a file has nowhere to count a +1
    assert KnownProblems(config, tmp_path).subscribed(incident.id)  # kept on disk
    assert service.check().ended == ()
    server.fail("/known.json")
    assert service.check().ended == ()  # could not check: nothing is said to have ended
    open_now["incidents"][0]["status"] = "resolved"
    server.publish("/known.json", json.dumps(open_now), "application/json")
    assert service.check().ended == (("intranet:mail", "Email is down"),)
    assert service.check().ended == ()


def test_everything_shown_is_plain_capped_text() -> None:
    evil = "\u202eemoc.liame\u202c <b>Email</b> &amp; <script>x</script>calendar\x07" + "!" * 500
    incident = make("x", evil, summary="<p>one</p><p>two</p>", url="javascript:alert(1)")
    assert "\u202e" not in incident.title and "<" not in incident.title
    assert incident.title.startswith("emoc.liame Email & xcalendar")
    assert len(incident.title) == 200 and incident.title.endswith("…")
    assert incident.summary == "one two" and incident.url == ""
    assert plain("a\u200bb\u2066c", 10) == "abc"
    many = "\n".join(f'[[incidents]]\ntitle = "n{i}"' for i in range(200))
    assert len(parse_plain(many, "f")) == 50


def test_an_incident_round_trips_through_the_cache() -> None:
    incident = make("s:1", "T", started=datetime(2026, 1, 1, tzinfo=UTC), categories=["Email"])
    assert Incident.from_dict(incident.to_dict()) == incident
    assert incident.categories == ("email",)
