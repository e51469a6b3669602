"""Running a scene script (``*_scene.py``) in its own process on the test session's Xvfb.

A scene builds real windows on a real X server, takes captures and reports one JSON line;
it runs apart from pytest's process because Qt there is on the offscreen platform.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_scene(
    script: Path, display: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    """Run ``script OUT_DIR`` on ``display`` (xcb); returns OUT_DIR and its JSON report."""
    out = tmp_path_factory.mktemp(script.stem)
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, str(script), str(out)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, f"{script.name} failed ({proc.returncode}):\n{proc.stderr}"
    return out, json.loads(proc.stdout.strip().splitlines()[-1])
