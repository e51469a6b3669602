"""Fixtures for adapter tests: the real RT5 on loopback when it runs.

Without it the RT tests skip with the reason and the command to start it;
CI sets ``HELPLINE_REQUIRE_RT=1`` so a missing server fails instead of
passing quietly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.backends.rt import RTBackend
from tests.backends.rt_server import RTServer, locate


@pytest.fixture(scope="session")
def rt_server() -> RTServer:
    server, reason = locate()
    if server is None:
        if os.environ.get("HELPLINE_REQUIRE_RT") == "1":
            pytest.fail(f"HELPLINE_REQUIRE_RT=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return server


@pytest.fixture
def rt_customer(rt_server: RTServer) -> Iterator[RTBackend]:
    """The adapter as the unprivileged customer, closed after the test."""
    backend = rt_server.customer()
    yield backend
    backend.close()


from app.backends.redmine import RedmineBackend  # noqa: E402  (appended with the fixtures below)
from tests.backends.redmine_server import RedmineServer  # noqa: E402
from tests.backends.redmine_server import locate as locate_redmine  # noqa: E402


@pytest.fixture(scope="session")
def redmine_server() -> RedmineServer:
    """The real Redmine from ``scripts/redmine.sh up``; skips (or fails in CI) without it."""
    server, reason = locate_redmine()
    if server is None:
        if os.environ.get("HELPLINE_REQUIRE_REDMINE") == "1":
            pytest.fail(f"HELPLINE_REQUIRE_REDMINE=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return server


@pytest.fixture
def redmine_customer(redmine_server: RedmineServer) -> Iterator[RedmineBackend]:
    """The adapter with the customer's own API key, closed after the test."""
    backend = redmine_server.customer()
    yield backend
    backend.close()
