"""The core and the backends never import Qt: checked in a fresh interpreter.

A module imported here by accident would make the CLI, the outbox worker and
every server-side use pay for (and depend on) PySide6.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import importlib, json, pkgutil, sys
import app.backends, app.core
names = []
for package in (app.core, app.backends):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_core_and_backends_do_not_import_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert "app.core.outbox" in result["imported"]
    assert "app.backends.local" in result["imported"]
    assert result["qt"] == [], f"Qt was imported by the core: {result['qt']}"
