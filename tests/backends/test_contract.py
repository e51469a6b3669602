"""The shared contract (tests/backends/contract.py) run against each adapter here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.local import LocalBackend
from app.core.helpdesk import Backend
from app.core.model import Status
from tests.backends.contract import BackendContract
from tests.backends.rt_server import RTServer


class TestLocalContract(BackendContract):
    @pytest.fixture
    def backend(self, tmp_path: Path) -> LocalBackend:
        return LocalBackend(tmp_path / "local")

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        assert isinstance(backend, LocalBackend)
        backend.add_agent_reply(ticket_id, "Support", text, status=Status.WAITING)
        return True


class TestRTContract(BackendContract):
    """Against the real RT5 from scripts/rt5.sh, as the unprivileged customer."""

    @pytest.fixture
    def backend(self, rt_server: RTServer) -> Iterator[Backend]:
        backend = rt_server.customer()
        yield backend
        backend.close()

    @pytest.fixture(autouse=True)
    def _server(self, rt_server: RTServer) -> None:
        self.server = rt_server

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_reply(ticket_id, text)
        return True
