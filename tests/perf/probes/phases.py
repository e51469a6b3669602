"""Where Helpline's start-up goes: milestones from the kernel's process start to the first paint.

A diagnostic beside ``helpline --startup-probe``: it walks the same first stage as
``app.cli.main`` -> ``app.ui.app.main`` for the wizard, step by step, and prints
``{"phase": ms since process start, ...}``. Run it with ``python -X importtime``
for the import side, and with ``PYTHONDONTWRITEBYTECODE`` unset (otherwise every
changed module is compiled again on each run). Not a figure of its own;
docs/performance.md quotes it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from app import gc_pause
from app.core import startup

gc_pause.pause_collector()  # as app.launch does for a window, until the first paint
marks: dict[str, float] = {"interpreter": round(startup.elapsed_ms() or 0, 1)}


def mark(name: str) -> None:
    marks[name] = round(startup.elapsed_ms() or 0, 1)


from app import cli  # noqa: E402

mark("import app.cli")
args = cli.wizard_only(["--startup-probe"])
assert args is not None
mark("command line")
from app.core.config import load  # noqa: E402

config = load()
mark("config loaded")
from app.collectors import x11_capture  # noqa: E402

x11_capture.start(config["attachments.screenshot"])  # as app.cli does, before Qt loads
mark("capture started")
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402, F401

mark("import PySide6.QtWidgets")
from app.ui import app as gui  # noqa: E402

mark("import app.ui.app")
from app.ui import wizard_start  # noqa: E402
from app.ui.context import WizardContext  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402
from app.ui.wizard import HelpWizard  # noqa: E402

mark("import the wizard")
application = gui.create_application(config, window_icon=False)
mark("QApplication + language + style")
runner = TaskRunner(application)
screenshot, root = wizard_start.first_capture(config)  # as Session.open_wizard does
mark("screenshot taken")
ctx = WizardContext(config, None, runner, screenshot=screenshot, parent=application)
ctx.pending_root = root
wizard = HelpWizard(ctx, defer_pages=True)
mark("wizard built (Welcome only)")


def painted() -> None:
    mark("first paint, flushed")
    marks["cpu_ms"] = round(time.process_time() * 1000, 1)  # steadier than wall on a busy box
    print(json.dumps(marks))
    application.quit()


gui.FirstPaint(wizard, painted)
wizard.show()
mark("shown")
application.exec()
