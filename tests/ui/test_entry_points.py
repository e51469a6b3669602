"""Every entry point opens the same wizard with the same evidence (issue 14).

Before the session, the wizard opened from the tray collected neither system information
nor a screenshot, and the crash report's wizard had no screenshot: each entry built its
own. Each case runs the real command line on Xvfb (tests/ui/entry_scene.py) and drives the
wizard it opens, as a person would, to the Evidence page, which must hold the system
information and a screenshot.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

SCENE = Path(__file__).with_name("entry_scene.py")


def run_entry(entry: str, display: str, tmp_path: Path) -> dict[str, Any]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, str(SCENE), str(tmp_path), entry],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = proc.stdout.strip().splitlines()
    assert lines, f"{entry}: no report ({proc.returncode}):\n{proc.stderr}"
    report = json.loads(lines[-1])
    assert proc.returncode == 0 and report["ok"], f"{entry}: {report}\n{proc.stderr}"
    return report


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.parametrize("entry", ["plain", "new", "link", "tray", "crash", "add"])
def test_every_entry_point_reaches_the_evidence_page_with_the_evidence(
    entry: str, xvfb_display: str, isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    report = run_entry(entry, xvfb_display, tmp_path)
    assert report["page"] == "evidence" and report["one_session"]
    assert report["system_info"] and "CPU" in report["system_summary"]
    assert report["screenshot_bytes"] > 0 and min(report["screenshot_size"]) > 0
    expected = {
        "crash": ("crashReportWizard", "other", "Helpline stopped working"),
        "link": ("helpWizard", "printer", "Printer jams"),
    }.get(entry, ("helpWizard", "printer", "Printer on floor 3 jams"))
    assert (report["wizard"], report["category"], report["summary"]) == expected
    assert report["reply_to"] == ("1" if entry == "add" else "")
