"""The early X11 capture (issue 8): read while Qt loads, identical to Qt's own grab."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.collectors import x11_capture, xcb_image
from app.collectors.screenshot import root_fits
from tests.collectors.scenes import run_scene

SCENE = Path(__file__).with_name("prefetch_scene.py")


@pytest.fixture(scope="module")
def scene(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_scene(SCENE, xvfb_display, tmp_path_factory)[1]


@pytest.mark.xvfb
def test_the_early_capture_is_used_and_equals_qts_grab(scene: dict[str, Any]) -> None:
    assert scene["prefetched"] is True


@pytest.mark.xvfb
@pytest.mark.parametrize("way", ["shm", "plain"])
def test_both_ways_of_reading_equal_qts_grab(scene: dict[str, Any], way: str) -> None:
    assert scene[way] is True


@pytest.mark.xvfb
def test_the_capture_shows_the_desktop_and_not_the_window_shown_after_it(
    scene: dict[str, Any],
) -> None:
    assert scene["capture_is_null"] is False
    assert scene["desktop_in_capture"] == scene["desktop_area"]
    assert scene["wizard_in_capture"] == 0


@pytest.mark.xvfb
def test_pixels_are_opaque_as_rgb32_promises(scene: dict[str, Any]) -> None:
    # X leaves the fourth byte 0; Qt copies RGB32 as it is onto transparent surfaces.
    assert scene["opaque"] is True


@pytest.mark.xvfb
def test_shared_memory_is_released_with_the_capture(scene: dict[str, Any]) -> None:
    assert scene["kept"] is True  # the image has pixels of its own
    assert scene["segments_while_held"] == 1
    assert scene["segments_after"] == 0


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nomitshm"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        (
            {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"},
            "linux",
            True,
        ),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_a_capture_is_started_only_where_qt_will_use_x11(
    env: dict[str, str], platform: str, expected: bool
) -> None:
    assert x11_capture.wanted(env, platform) is expected


def test_nothing_started_means_nothing_to_take() -> None:
    assert x11_capture.take() is None


def test_no_x_server_means_no_capture_and_no_error(tmp_path: Path) -> None:
    # A display nobody serves: xcb reports a connection error, which is "no capture".
    assert xcb_image.read_root(":" + str(900 + os.getpid() % 90)) is None


def test_a_started_capture_without_a_server_is_taken_as_none() -> None:
    display = {"DISPLAY": ":" + str(900 + os.getpid() % 90), "QT_QPA_PLATFORM": "xcb"}
    assert x11_capture.start(False, display) is False  # screenshots switched off
    assert x11_capture.start(True, display) is True
    assert x11_capture.take() is None
    assert x11_capture.take() is None  # handed out once


def test_a_capture_is_never_used_off_xcb(qapp: Any) -> None:
    root = xcb_image.RootCapture(8, 8, memoryview(bytearray(8 * 8 * 4)))
    assert root_fits(root) is False  # the tests run offscreen
