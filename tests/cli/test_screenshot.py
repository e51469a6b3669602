"""``submit`` attaches a screenshot only when there is a real screen to read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.cli_output import display_available
from tests.cli.helpers import run_json

IDENTITY = ("--name", "Ann Lee", "--email", "ann@example.org")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland variables")
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "minimal:enable_fonts"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ],
)
def test_display_available_on_linux(env: dict[str, str], expected: bool) -> None:
    assert display_available(env) is expected


@pytest.mark.xvfb
def test_submit_attaches_a_screenshot_on_a_real_display(
    helpline_env: dict[str, str], xvfb_display: str
) -> None:
    env = {**helpline_env, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    result = run_json(
        env,
        "submit",
        "--summary",
        "With a screenshot",
        "--description",
        "x",
        *IDENTITY,
        "--no-system-info",
    )
    (message,) = run_json(env, "show", result["id"])["messages"]
    (shot,) = message["attachments"]
    assert (shot["filename"], shot["kind"], shot["content_type"]) == (
        "screenshot.png",
        "screenshot",
        "image/png",
    )
    data = Path(shot["path"]).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and shot["size"] == len(data)
