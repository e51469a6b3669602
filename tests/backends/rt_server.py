"""The real RT5 started by ``scripts/rt5.sh up``, seen from the tests.

The customer goes through :class:`app.backends.rt.RTBackend`; the agent talks
to REST2 directly with its token, the way a supporter's RT web UI would, so a
test can play both sides of a conversation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from app.backends.rt import RTBackend

STATE = Path(os.environ.get("HELPLINE_RT_STATE", "/tmp/helpline-rt5"))


def read_env(path: Path) -> dict[str, str]:
    """Parse the KEY='value' lines ``scripts/rt5.sh`` writes."""
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("'")
    return values


@dataclass(frozen=True)
class RTServer:
    url: str
    queue: str
    custom_field: str
    customer_user: str
    customer_password: str
    customer_token: str
    agent_user: str
    agent_token: str
    #: The queue whose active tickets are the published known problems (docs/known-problems.md).
    known_queue: str = "Known problems"

    @property
    def api(self) -> str:
        return f"{self.url}/REST/2.0"

    def customer(self, **overrides: Any) -> RTBackend:
        """The adapter signed in as the unprivileged customer (basic auth unless overridden)."""
        options: dict[str, Any] = {
            "username": self.customer_user,
            "password": self.customer_password,
            "queue": self.queue,
        }
        options.update(overrides)
        return RTBackend(self.url, **options)

    # -- the agent's side, straight through REST2 ------------------------------------------

    def _agent(self, method: str, path: str, **kwargs: Any) -> Any:
        response = requests.request(
            method,
            f"{self.api}/{path}",
            timeout=30,
            headers={"Authorization": f"token {self.agent_token}"},
            **kwargs,
        )
        response.raise_for_status()
        return response.json()

    def agent_reply(self, ticket_id: str, text: str) -> Any:
        return self._agent(
            "POST",
            f"ticket/{ticket_id}/correspond",
            json={"Content": text, "ContentType": "text/plain"},
        )

    def agent_comment(self, ticket_id: str, text: str) -> Any:
        """An internal note: the customer must never see it."""
        return self._agent(
            "POST",
            f"ticket/{ticket_id}/comment",
            json={"Content": text, "ContentType": "text/plain"},
        )

    def agent_set_status(self, ticket_id: str, status: str) -> Any:
        return self._agent("PUT", f"ticket/{ticket_id}", json={"Status": status})

    def agent_publish(self, subject: str, text: str = "Support is working on it.") -> str:
        """A known problem, as support publishes one: a ticket in the known-problems queue."""
        created = self._agent(
            "POST",
            "ticket",
            json={
                "Queue": self.known_queue,
                "Subject": subject,
                "Content": text,
                "ContentType": "text/plain",
            },
        )
        return str(created["id"])

    def agent_history(self, ticket_id: str) -> list[tuple[str, str]]:
        """(type, who) of every transaction on a ticket, oldest first."""
        data = self._agent("GET", f"ticket/{ticket_id}/history", params={"fields": "Type,Creator"})
        return [(str(h["Type"]), str(h["Creator"]["id"])) for h in data.get("items") or []]

    def agent_set_due(self, ticket_id: str, when: str) -> Any:
        """Set the ticket's Due ("2026-12-10 12:00:00"), as a supporter does in RT."""
        return self._agent("PUT", f"ticket/{ticket_id}", json={"Due": when})

    def agent_ticket(self, ticket_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self._agent("GET", f"ticket/{ticket_id}")
        return data

    def agent_search(self, query: str) -> list[str]:
        data = self._agent("GET", "tickets", params={"query": query, "per_page": 100})
        return [str(item["id"]) for item in data.get("items") or []]


def locate() -> tuple[RTServer | None, str]:
    """The running test server, or None and the reason it cannot be used."""
    env_file = STATE / "env"
    values = read_env(env_file) if env_file.is_file() else {}
    values.update({k: v for k, v in os.environ.items() if k.startswith("HELPLINE_RT_")})
    url = values.get("HELPLINE_RT_URL")
    if not url:
        return None, (
            f"RT is not running: no {env_file} and no HELPLINE_RT_URL "
            "(start it with: bash scripts/rt5.sh up)"
        )
    server = RTServer(
        url=url,
        queue=values.get("HELPLINE_RT_QUEUE", "Helpdesk"),
        custom_field=values.get("HELPLINE_RT_CF", ""),
        customer_user=values.get("HELPLINE_RT_CUSTOMER_USER", ""),
        customer_password=values.get("HELPLINE_RT_CUSTOMER_PASSWORD", ""),
        customer_token=values.get("HELPLINE_RT_CUSTOMER_TOKEN", ""),
        agent_user=values.get("HELPLINE_RT_AGENT_USER", ""),
        agent_token=values.get("HELPLINE_RT_AGENT_TOKEN", ""),
        known_queue=values.get("HELPLINE_RT_KNOWN_QUEUE", "Known problems"),
    )
    try:
        probe = requests.get(
            f"{server.api}/queues/all",
            timeout=5,
            auth=(server.customer_user, server.customer_password),
        )
    except requests.RequestException as err:
        return None, f"RT at {url} does not answer ({type(err).__name__}); bash scripts/rt5.sh up"
    if probe.status_code != 200:
        return None, f"RT at {url} answered HTTP {probe.status_code} to the customer's sign-in"
    return server, ""
