"""``helpline submit`` offers the machine's asset fields with the system information."""

from __future__ import annotations

import platform
from pathlib import Path

from app.backends.local import LocalBackend
from tests.cli.helpers import run_json

IDENTITY = ("--name", "Ann Example", "--email", "ann@example.org")


def _fields(env: dict[str, str], data: Path, *extra: str) -> dict[str, str]:
    result = run_json(
        env,
        "submit",
        "--summary",
        "Slow laptop",
        "--description",
        "Slow",
        *IDENTITY,
        "--no-screenshot",
        *extra,
    )
    assert result["queued"] is False
    fields: dict[str, str] = LocalBackend(data / "helpline").details(result["id"])["fields"]
    return fields


def test_submit_stores_the_asset_fields(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    fields = _fields(helpline_env, isolated_dirs["data"])
    assert fields["asset.host"] == platform.node()
    assert platform.release() in fields["asset.os_build"]
    assert fields["asset.user"]


def test_without_system_information_no_asset_field_is_stored(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path]
) -> None:
    fields = _fields(helpline_env, isolated_dirs["data"], "--no-system-info")
    assert not [k for k in fields if k.startswith("asset.")]
