"""Helpdesk adapters behind one contract (:mod:`app.core.helpdesk`).

Adapters are imported only when selected, so starting the wizard never pays
for HTTP libraries a local setup does not use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.config import Config
    from app.core.helpdesk import Backend

#: ``backend.type`` -> "module:Class". One line per adapter.
REGISTRY: dict[str, str] = {
    "local": "app.backends.local:LocalBackend",
    "rt": "app.backends.rt:RTBackend",
    "email": "app.backends.smtp:SmtpBackend",
    "http": "app.backends.helpline_http:HelplineHttpBackend",
    "redmine": "app.backends.redmine:RedmineBackend",
    "gitlab": "app.backends.gitlab:GitLabBackend",
    "github": "app.backends.github:GitHubBackend",
    "glpi": "app.backends.glpi:GlpiBackend",
    "zendesk": "app.backends.zendesk:ZendeskBackend",
    "jira": "app.backends.jira:JiraBackend",
    "zammad": "app.backends.zammad:ZammadBackend",
}


def create_backend(config: Config) -> Backend:
    target = REGISTRY[config["backend.type"]]
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    backend: Backend = cls.from_config(config)
    return backend
