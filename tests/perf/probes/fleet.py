"""Fleet politeness: N desks polling one helpdesk for an hour of simulated time.

Every desk is the real thing below the UI: :class:`app.core.polling.Poller` with
its own :class:`app.core.cache.TicketCache`, talking through Helpline's http
adapter to the protocol's reference server on 127.0.0.1. Only time is
simulated: a desk polls again after ``Poller.next_delay()`` simulated seconds, as
the tray's timer would, so an hour takes a few seconds. The desks start within
the first minute (a fleet logging in at nine) and poll first after
``Poller.first_delay()``, as the tray does. From minute 40, for one minute,
the helpdesk answers every request with 429 and ``Retry-After: 600``.

Every desk also looks for known problems (issue 18) the way the tray does: the real
:class:`app.services.known_problems.KnownProblems` reading a Statuspage ``summary.json``
(a recorded real answer, tests/services/recorded/) from a second server that answers
``If-None-Match`` with ``304``, spaced by its own ``next_delay()``. Its requests go to the
status page, not the helpdesk, and are counted apart.

Prints, as JSON: requests per desk per poll interval in steady state, the
shortest gap between two polls of one desk, requests made before a Retry-After
had passed, and the busiest 10-second bucket as a share of the fleet (a fleet
polling in step puts everyone in one bucket); the same rate and peak for the status
page, and the share of its answers that were a bodiless ``304``.
"""

from __future__ import annotations

import heapq
import itertools
import json
import random
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from app.backends.helpline_http import HelplineHttpBackend
from app.core.cache import TicketCache
from app.core.config import fallback
from app.core.polling import Poller
from app.services.known_problems import KnownProblems
from tests.backends.helpline_http_server import HelplineServer
from tests.services.feed_server import FeedServer

HOUR = 3600.0
LIMIT_FROM, LIMIT_UNTIL, RETRY_AFTER = 2400.0, 2460.0, 600
BUCKET = 10.0


def seed_tickets(server: HelplineServer, desks: int, per_desk: int = 3) -> None:
    stamp = datetime(2026, 11, 1, tzinfo=UTC).isoformat()
    for desk in range(desks):
        for n in range(per_desk):
            ticket_id = f"{desk}-{n}"
            server.tickets[ticket_id] = {
                "id": ticket_id,
                "display_ref": f"HL-{ticket_id}",
                "subject": "Printer",
                "status": "open",
                "created_at": stamp,
                "updated_at": stamp,
                "client_ref": f"ref-{ticket_id}",
                "category": "",
                "priority": "normal",
                "web_url": "",
                "_owner": f"desk{desk}@example.org",
                "_fields": {},
            }
            server.messages[ticket_id] = []


def simulate(desks: int, interval: float, jitter: float, seed: int = 8) -> dict[str, float]:
    rng = random.Random(seed)
    tokens = {
        f"token-{d}": {"name": f"Desk {d}", "email": f"desk{d}@example.org"} for d in range(desks)
    }
    server = HelplineServer(tokens)
    # Headers and body go out in two writes; without this, Nagle and delayed ACKs add
    # 40 ms to every answer, which would make the hour take minutes (not a client trait).
    server._http.RequestHandlerClass.disable_nagle_algorithm = True  # type: ignore[attr-defined]
    server.start()
    seed_tickets(server, desks)
    shm = Path("/dev/shm")  # each poll writes the cache; fsync on tmpfs costs nothing
    root = Path(tempfile.mkdtemp(prefix="helpline-fleet-", dir=shm if shm.is_dir() else None))
    backends = [HelplineHttpBackend(server.url, f"token-{d}", retries=0) for d in range(desks)]
    pollers = [
        Poller(
            lambda b=b: b, TicketCache(root / str(d)), interval, jitter, random.Random(rng.random())
        )
        for d, b in enumerate(backends)
    ]
    # Each desk's tray starts at login (some time in the first minute) and makes its first
    # poll after Poller.first_delay(), as PollService.start(spread=True) does.
    status = FeedServer()
    status.__enter__()
    url = status.recorded("/api/v2/summary.json", "statuspage-summary.json", "application/json")
    config = fallback()
    config.values.update(
        {
            "known_problems.sources": [{"name": "status", "url": url, "format": "statuspage"}],
            "known_problems.interval_seconds": interval,
            "polling.jitter": jitter,
        }
    )
    known = [
        KnownProblems(config, root / f"k{d}", rng=random.Random(rng.random())) for d in range(desks)
    ]
    logins = [rng.uniform(0, 60) for _ in range(desks)]
    queue = [(logins[d] + pollers[d].first_delay(), d) for d in range(desks)]
    queue += [(logins[d] + known[d].first_delay(), desks + d) for d in range(desks)]
    heapq.heapify(queue)
    requests: list[tuple[float, int]] = []
    checks: list[tuple[float, int]] = []
    not_before: dict[int, float] = {}
    violations = 0
    try:
        while queue:  # one desk at a time, in simulated-time order
            now, desk = heapq.heappop(queue)
            if now > HOUR:
                break
            if desk >= desks:  # the same desk's known-problems check
                d = desk - desks
                known[d].check()
                checks.append((now, d))
                heapq.heappush(queue, (now + known[d].next_delay(), desk))
                continue
            limited = LIMIT_FROM <= now < LIMIT_UNTIL
            before = len(server.exchanges)
            if limited:
                server.forced = [(429, {"Retry-After": str(RETRY_AFTER)})] * 50
            pollers[desk].poll()
            server.forced = []
            made = len(server.exchanges) - before
            if now < not_before.get(desk, 0.0):
                violations += made
            requests += [(now, desk)] * made
            if limited:
                not_before[desk] = now + RETRY_AFTER
            heapq.heappush(queue, (now + pollers[desk].next_delay(), desk))
    finally:
        for backend in backends:
            backend.close()
        server.stop()
        status.__exit__()
        shutil.rmtree(root, ignore_errors=True)
    result = summarise(requests, desks, interval, violations)
    # The status page: how often each desk asked, how bunched, and how often for nothing new.
    page = summarise(checks, desks, interval, 0)
    answers = [headers.get("If-None-Match") for _path, headers in status.seen]
    result.update(
        known_per_desk_per_interval=page["per_desk_per_interval"],
        known_requests=page["requests"],
        known_peak_bucket_share=page["peak_bucket_share"],
        known_not_modified_share=round(sum(1 for a in answers if a) / max(1, len(answers)), 3),
    )
    return result


def summarise(
    requests: list[tuple[float, int]], desks: int, interval: float, violations: int
) -> dict[str, float]:
    steady_from = 2 * interval
    times: dict[int, list[float]] = defaultdict(list)
    for t, d in requests:
        times[d].append(t)
    gaps = [
        b - a
        for ts in times.values()
        for a, b in itertools.pairwise(ts)
        if a >= steady_from and b < LIMIT_FROM
    ]
    per_desk_interval = interval / (sum(gaps) / len(gaps)) if gaps else 0.0

    def peak(start: float, end: float) -> float:
        buckets = Counter(int(t // BUCKET) for t, _ in requests if start <= t < end)
        return round(max(buckets.values()) / desks, 3) if buckets else 0.0

    back = LIMIT_FROM + RETRY_AFTER
    return {
        "desks": desks,
        "interval_s": interval,
        "requests": len(requests),
        "per_desk_per_interval": round(per_desk_interval, 3),
        "min_gap_s": round(min(gaps), 1) if gaps else 0.0,
        "retry_after_violations": violations,
        "peak_bucket_share": peak(steady_from, LIMIT_FROM),
        "peak_bucket_share_after_retry": peak(back, back + interval),
        "peak_bucket_share_at_start": peak(0.0, interval),
        "even_bucket_share": round(BUCKET / interval, 3),
    }


def main(argv: list[str]) -> int:
    desks = int(argv[0]) if argv else 100
    interval = float(argv[1]) if len(argv) > 1 else 300.0
    jitter = float(argv[2]) if len(argv) > 2 else 0.2
    print(json.dumps(simulate(desks, interval, jitter)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
