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


def test_submit_records_the_screens_size_on_a_real_display(
    helpline_env: dict[str, str], isolated_dirs: dict[str, Path], xvfb_display: str
) -> None:
    import json

    env = {**helpline_env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    result = run_json(
        env, "submit", "--summary", "Slow", "--description", "Slow", *IDENTITY, "--no-screenshot"
    )
    backend = LocalBackend(isolated_dirs["data"] / "helpline")
    (first,) = backend.messages(result["id"])[:1]
    (part,) = [a for a in first.attachments if a.filename.endswith("system-info.json")]
    saved = backend.download(part, isolated_dirs["data"] / "info.json")
    display = json.loads(saved.read_text("utf-8"))["sections"]["display"]
    assert display["count"] == 1 and display["screens"][0]["width"] == 1280, display
