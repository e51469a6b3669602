"""The GUI entry point: start-up smoke, one stylesheet, nothing heavy before the first paint.

The start-up tests run ``app.ui.app.main`` in a fresh interpreter, because
what is imported before the first paint can only be seen in a process that
has not imported anything yet; HELPLINE_QUIT_AFTER_PAINT=1 ends it there.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission
from app.ui import style, wizard_start
from app.ui.context import WizardContext
from app.ui.tasks import InlineRunner

DRIVER = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    calls = []
    original = QApplication.setStyleSheet
    def counting(self, sheet):
        calls.append(len(sheet))
        original(self, sheet)
    QApplication.setStyleSheet = counting
    from app.core.config import load
    from app.ui import app as gui
    if len(sys.argv) > 2:  # report these modules at the first paint instead
        gui.WATCHED_MODULES = tuple(sys.argv[2].split(","))
    code = gui.main(load(), window=sys.argv[1])
    own = [w.objectName() for w in QApplication.allWidgets() if w.styleSheet()]
    print(f"stylesheet-calls: {len(calls)} non-empty: {all(calls)} widget-sheets: {own}")
    sys.exit(code)
""")


#: Modules of the standard library that the first stage of the start keeps out: SQLite and
#: uuid come with the outbox; tomllib, json and datetime only with a config file or a config
#: error; dataclasses with the form (docs/performance.md, "Start-up tricks"). Helpline's own
#: modules are held to their budget by tests/ui/test_first_paint_imports.py.
DEFERRED_MODULES = ("sqlite3", "tomllib", "uuid", "json", "datetime", "dataclasses")


def run_main(
    python: str, env: dict[str, str], window: str = "wizard", watched: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    env = dict(env, HELPLINE_QUIT_AFTER_PAINT="1")
    args = [python, "-c", DRIVER, window, *([",".join(watched)] if watched else [])]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_wizard_starts_paints_and_exits_cleanly(python: str, helpline_env: dict[str, str]) -> None:
    result = run_main(python, helpline_env)
    assert result.returncode == 0, result.stderr
    assert "stylesheet-calls: 1 non-empty: True widget-sheets: []" in result.stdout
    assert result.stderr.strip() == "" or "propagateSizeHints" in result.stderr


@pytest.mark.slow
def test_nothing_heavy_is_imported_before_the_first_paint(
    python: str, helpline_env: dict[str, str]
) -> None:
    result = run_main(python, helpline_env)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("first-paint-modules:"))
    assert line == "first-paint-modules: -", f"imported before the first paint: {line}"


@pytest.mark.slow
def test_later_modules_are_imported_after_the_first_paint(
    python: str, helpline_env: dict[str, str]
) -> None:
    result = run_main(python, helpline_env, watched=DEFERRED_MODULES)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("first-paint-modules:"))
    assert line == "first-paint-modules: -", f"imported before the first paint: {line}"


@pytest.mark.slow
def test_my_requests_window_starts_and_exits_cleanly(
    python: str, helpline_env: dict[str, str]
) -> None:
    result = run_main(python, helpline_env, window="requests")
    assert result.returncode == 0, result.stderr
    assert "stylesheet-calls: 1" in result.stdout


def test_stylesheet_is_filled_from_branding_and_palette(qapp: Any) -> None:
    config = load(env={})
    config.values["branding.accent_color"] = "#aa3300"
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f4f4f4"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#111111"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    sheet = style.stylesheet(config, light, 10)
    assert "{{" not in sheet and "#aa3300" in sheet
    for palette in (light, dark):
        values = style.colours("#aa3300", palette)
        window = palette.color(QPalette.ColorRole.Window)
        assert style.contrast(QColor(values["accent_text"]), window) >= 4.5
        assert style.contrast(QColor(values["muted"]), window) >= 3.0
        assert style.contrast(QColor(values["error"]), window) >= 4.5
    assert values["muted"] != style.colours("#aa3300", light)["muted"]  # follows the palette


def _config() -> Config:
    return load(env={})


def test_a_draft_is_offered_and_used(monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config()
    submission = Submission(config)
    submission.drafts.save(RequestForm(requester=Requester(name="Kim"), summary="Half done"))
    offered: list[Any] = []
    monkeypatch.setattr(
        wizard_start, "ask_continue_draft", lambda when: offered.append(when) or True
    )
    form = wizard_start.restored_form(submission.drafts, config)
    assert form.summary == "Half done" and len(offered) == 1 and offered[0] is not None


def test_declining_the_draft_starts_fresh_and_forgets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config()
    submission = Submission(config)
    submission.drafts.save(RequestForm(summary="Old"))
    monkeypatch.setattr(wizard_start, "ask_continue_draft", lambda when: False)
    form = wizard_start.restored_form(submission.drafts, config)
    assert form.summary == "" and submission.drafts.load() is None


def test_no_draft_means_no_question(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wizard_start, "ask_continue_draft", lambda when: pytest.fail("asked"))
    form = wizard_start.restored_form(Submission(_config()).drafts, _config())
    assert form.summary == ""


def test_evidence_is_gathered_on_the_runner(qtbot: Any, tmp_path: Path) -> None:
    config = _config()
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    ctx = WizardContext(config, Submission(config), InlineRunner(), screenshot=image)
    with qtbot.waitSignals([ctx.evidenceChanged, ctx.evidenceChanged], timeout=10000):
        wizard_start.start_evidence(ctx)
    assert ctx.screenshot_png is not None and ctx.screenshot_png.startswith(b"\x89PNG")
    assert ctx.system_info is not None and "sections" in ctx.system_info
    assert ctx.system_info_text and ctx.system_info_json.startswith(b"{")
