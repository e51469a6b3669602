"""Identity prefill: last used wins, else the OS account."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.core import identity
from app.core.model import Requester


def test_first_run_uses_the_os_account(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(
        identity, "os_account", lambda: Requester(name="Ann Lee", organization="example.org")
    )
    assert identity.prefill(root=tmp_path) == Requester(name="Ann Lee", organization="example.org")


def test_last_used_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(identity, "os_account", lambda: Requester(name="OS Name"))
    last = Requester(name="Zoë Ünal", email="zoe@example.org", customer_id="C-7")
    identity.remember(last, tmp_path)
    assert identity.prefill(root=tmp_path) == last
    assert identity.prefill(remember_last=False, root=tmp_path) == Requester(name="OS Name")
    stored = tmp_path / "requester.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert json.loads(stored.read_text("utf-8"))["name"] == "Zoë Ünal"


def test_a_damaged_or_nameless_file_falls_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(identity, "os_account", lambda: Requester(name="OS Name"))
    (tmp_path / "requester.json").write_text("{not json", "utf-8")
    assert identity.prefill(root=tmp_path).name == "OS Name"
    identity.remember(Requester(email="only@example.org"), tmp_path)
    assert identity.prefill(root=tmp_path).name == "OS Name"


def test_os_account_reads_the_real_account() -> None:
    import getpass
    import os
    import pwd

    me = identity.os_account()
    gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    assert me.name == (gecos or getpass.getuser())
