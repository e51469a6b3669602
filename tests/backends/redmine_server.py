"""The real Redmine started by ``scripts/redmine.sh up``, seen from the tests.

The customer goes through :class:`app.backends.redmine.RedmineBackend` with
their own API key; the agent talks to the REST API directly with the admin's
key, the way a supporter would from Redmine's web UI, so a test can play both
sides of a conversation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from app.backends.redmine import RedmineBackend
from tests.backends.rt_server import read_env

STATE = Path(os.environ.get("HELPLINE_REDMINE_STATE", "/tmp/helpline-redmine"))


@dataclass(frozen=True)
class RedmineServer:
    url: str
    project: str
    admin_key: str
    agent_key: str
    customer_key: str
    customer_login: str
    customer_password: str
    customer_id: str
    reporter_key: str = ""  # a customer with Redmine's stock Reporter role

    def customer(self, **overrides: Any) -> RedmineBackend:
        """The adapter signed in with the customer's own API key (unless overridden)."""
        options: dict[str, Any] = {"project": self.project, "token": self.customer_key}
        options.update(overrides)
        return RedmineBackend(self.url, **options)

    # -- the agent's side, straight through the REST API -----------------------------------

    def _agent(self, method: str, path: str, **kwargs: Any) -> Any:
        response = requests.request(
            method,
            f"{self.url}/{path}",
            timeout=30,
            headers={"X-Redmine-API-Key": self.admin_key},
            **kwargs,
        )
        response.raise_for_status()
        return response.json() if response.content.strip() else None

    def status_id(self, name: str) -> int:
        data = self._agent("GET", "issue_statuses.json")
        return next(int(s["id"]) for s in data["issue_statuses"] if s["name"] == name)

    def agent_note(self, issue_id: str, text: str, private: bool = False) -> None:
        self._agent(
            "PUT",
            f"issues/{issue_id}.json",
            json={"issue": {"notes": text, "private_notes": private}},
        )

    def agent_set_status(self, issue_id: str, name: str, notes: str = "") -> None:
        self._agent(
            "PUT",
            f"issues/{issue_id}.json",
            json={"issue": {"status_id": self.status_id(name), "notes": notes}},
        )

    def agent_issue(self, issue_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self._agent(
            "GET", f"issues/{issue_id}.json", params={"include": "journals,attachments"}
        )
        return data["issue"]

    def agent_create(self, subject: str) -> str:
        """An issue by someone else (the admin), which the customer must not see."""
        data = self._agent(
            "POST",
            "issues.json",
            json={
                "issue": {"project_id": self.project, "subject": subject, "description": "private"}
            },
        )
        return str(data["issue"]["id"])


def locate() -> tuple[RedmineServer | None, str]:
    """The running test server, or None and the reason it cannot be used."""
    env_file = STATE / "env"
    values = read_env(env_file) if env_file.is_file() else {}
    values.update({k: v for k, v in os.environ.items() if k.startswith("HELPLINE_REDMINE_")})
    url = values.get("HELPLINE_REDMINE_URL")
    if not url:
        return None, (
            f"Redmine is not running: no {env_file} and no HELPLINE_REDMINE_URL "
            "(start it with: bash scripts/redmine.sh up)"
        )
    server = RedmineServer(
        url=url,
        project=values.get("HELPLINE_REDMINE_PROJECT", "support"),
        admin_key=values.get("HELPLINE_REDMINE_ADMIN_KEY", ""),
        agent_key=values.get("HELPLINE_REDMINE_AGENT_KEY", ""),
        customer_key=values.get("HELPLINE_REDMINE_CUSTOMER_KEY", ""),
        customer_login=values.get("HELPLINE_REDMINE_CUSTOMER_LOGIN", ""),
        customer_password=values.get("HELPLINE_REDMINE_CUSTOMER_PASSWORD", ""),
        customer_id=values.get("HELPLINE_REDMINE_CUSTOMER_ID", ""),
        reporter_key=values.get("HELPLINE_REDMINE_REPORTER_KEY", ""),
    )
    try:
        probe = requests.get(
            f"{url}/users/current.json",
            timeout=5,
            headers={"X-Redmine-API-Key": server.customer_key},
        )
    except requests.RequestException as err:
        return None, (
            f"Redmine at {url} does not answer ({type(err).__name__}); bash scripts/redmine.sh up"
        )
    if probe.status_code != 200:
        return None, f"Redmine at {url} answered HTTP {probe.status_code} to the customer's key"
    return server, ""
