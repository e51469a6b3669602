"""The first-paint import budget: which of Helpline's own modules may load before the wizard
first paints (issue 14).

Meeting 1.25 x a bare QWizard leaves Helpline about 45 ms of its own before the first frame
(docs/performance.md, "Wizard first paint"), and most of that is importing modules. Rather
than a comment in each module about what it costs, this list is the rule: a module that is
not on it and loads before the first paint fails the test. Moving one after the paint is
welcome; take it off the list then, so the budget stays tight (the test says so).

Run as ``python -m app`` in a fresh interpreter, offscreen, with private XDG folders: what is
imported before the first paint can only be seen in a process that has imported nothing.
The stdlib and third-party modules that must wait (psutil, requests, keyring, sqlite3, ...)
are checked by tests/ui/test_app.py.
"""

from __future__ import annotations

import subprocess

import pytest

#: Every ``app`` module allowed to be loaded when the wizard first paints, offscreen, with no
#: config file: the command line, the config with its schema and branding, the capture, the
#: translations and stylesheet, the wizard shell and the Welcome page with its widgets.
FIRST_PAINT_MODULES = frozenset(
    {
        "app",
        "app.launch",
        "app.gc_pause",
        "app.cli",
        "app.cli_output",
        "app.cli_parser",
        "app.resources",
        "app.core",
        "app.core.branding",
        "app.core.config",
        "app.core.config_file",
        "app.core.deeplink",
        "app.core.logsafe",
        "app.core.paths",
        "app.core.schema",
        "app.collectors",
        "app.collectors.screenshot",
        "app.collectors.x11_capture",
        "app.ui",
        "app.ui.app",
        "app.ui.context",
        "app.ui.i18n",
        "app.ui.preflight",
        "app.ui.qt_values",
        "app.ui.session",
        "app.ui.style",
        "app.ui.tasks",
        "app.ui.wizard",
        "app.ui.wizard_start",
        "app.ui.pages",
        "app.ui.pages.ids",
        "app.ui.pages.welcome",
        "app.ui.widgets",
        "app.ui.widgets.labels",
        "app.ui.widgets.scroll",
    }
)


def first_paint_modules(python: str, env: dict[str, str]) -> set[str]:
    env = dict(env, HELPLINE_QUIT_AFTER_PAINT="1")
    result = subprocess.run(
        [python, "-m", "app"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("first-paint-app-modules: "))
    return set(line.partition(": ")[2].split(","))


@pytest.mark.slow
def test_only_the_budgeted_app_modules_load_before_the_first_paint(
    python: str, helpline_env: dict[str, str]
) -> None:
    loaded = first_paint_modules(python, helpline_env)
    assert "app.ui.pages.welcome" in loaded, "the report came before the Welcome page"
    over = sorted(loaded - FIRST_PAINT_MODULES)
    assert not over, (
        f"loaded before the first paint but not in the budget: {over}. Import "
        "them after the paint, or add them to FIRST_PAINT_MODULES and say in "
        "docs/performance.md what they cost and why they must come first."
    )
    gone = sorted(FIRST_PAINT_MODULES - loaded)
    assert not gone, (
        f"no longer loaded before the first paint: {gone}. Good: take them off "
        "FIRST_PAINT_MODULES so the budget stays tight."
    )
