"""The two-stage start (issue 8): what the wizard does before its first paint, and after.

Run in fresh interpreters: what PySide6 has built before the first paint can only be seen
in a process that has built nothing yet.
"""

from __future__ import annotations

import subprocess
import textwrap

import pytest

#: Records every Python enum created (PySide6 makes its enums with the functional API) and
#: reports, at the first paint, which ``Qt`` namespace enums exist by then.
ENUMS_DRIVER = textwrap.dedent("""
    import enum, sys
    created = []
    original = enum.EnumType._create_
    def recording(cls, class_name, *args, **kwargs):  # a method of the metaclass
        created.append(class_name)
        return original(cls, class_name, *args, **kwargs)
    enum.EnumType._create_ = recording
    from app.ui import app as gui
    def report():
        from PySide6.QtCore import Qt
        namespace = {name for name in dir(Qt) if isinstance(getattr(Qt, name), type)}
        early = sorted(set(created[:mark[0]]) & namespace)
        print("qt-namespace-before-paint: " + (",".join(early) or "-"), flush=True)
    mark = []
    gui._report_modules = lambda: (mark.append(len(created)), report())
    from app.cli import main
    sys.exit(main([]))
""")

#: A draft left by an earlier run: the wizard paints first, then offers it, and continues it.
DRAFT_DRIVER = textwrap.dedent("""
    import sys
    from app.core.config import load
    from app.core.drafts import DraftStore
    from app.core.form import RequestForm
    DraftStore().save(RequestForm(summary="Printer on floor 3 jams", reply_to="42"))
    from app.ui import app as gui
    from app.ui import wizard_start
    from app.ui.wizard import HelpWizard
    order = []
    wizard_start.ask_continue_draft = lambda when: order.append("asked") or True
    shown = HelpWizard.showEvent
    HelpWizard.showEvent = lambda self, event: (order.append("shown"), shown(self, event))[1]
    built = HelpWizard.build_pages_later
    def pages(self):
        print(f"form: {self.ctx.form.summary} | title: {self.windowTitle()} | "
              f"order: {','.join(order)}", flush=True)
        self.ctx.item = object()  # nothing to keep: the test ends here
        self.close()
    HelpWizard.build_pages_later = pages
    sys.exit(gui.main(load()))
""")


#: The buttons as they are painted in the first frame: Next must already wear the primary
#: style (QWizard polishes its buttons before Helpline can mark them).
BUTTONS_DRIVER = textwrap.dedent("""
    import sys
    from app.ui import app as gui
    from app.ui.wizard import HelpWizard
    def report():
        wizard = next(w for w in gui.QApplication.topLevelWidgets()
                      if isinstance(w, HelpWizard))
        for name in ("nextButton", "cancelButton"):
            button = next(b for b in wizard.findChildren(gui.QWidget) if b.objectName() == name)
            image = button.grab().toImage()
            colour = image.pixelColor(image.width() // 2, 4)
            print(f"{name}: {colour.red()} {colour.green()} {colour.blue()}", flush=True)
    gui._report_modules = report
    from app.cli import main
    sys.exit(main([]))
""")


def _run(python: str, env: dict[str, str], driver: str) -> subprocess.CompletedProcess:
    env = dict(env, HELPLINE_QUIT_AFTER_PAINT="1")
    return subprocess.run(
        [python, "-c", driver], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow
def test_no_qt_namespace_enum_is_built_before_the_first_paint(
    python: str, helpline_env: dict[str, str]
) -> None:
    """Any ``Qt.*`` enum makes PySide6 build all 93 of the namespace (25-40 ms); the first
    page is built without them (app/ui/qt_values.py)."""
    result = _run(python, helpline_env, ENUMS_DRIVER)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("qt-namespace-"))
    assert line == "qt-namespace-before-paint: -", line


@pytest.mark.slow
def test_a_draft_is_offered_after_the_first_paint_and_continued(
    python: str, helpline_env: dict[str, str]
) -> None:
    env = dict(helpline_env)
    env.pop("HELPLINE_QUIT_AFTER_PAINT", None)
    result = subprocess.run(
        [python, "-c", DRAFT_DRIVER], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("form: "))
    assert line.startswith("form: Printer on floor 3 jams | title: Add to #42")
    assert line.endswith("order: shown,asked"), "the window first, then the question"


@pytest.mark.slow
def test_next_is_the_primary_button_in_the_first_frame(
    python: str, helpline_env: dict[str, str]
) -> None:
    result = _run(python, helpline_env, BUTTONS_DRIVER)
    assert result.returncode == 0, result.stderr
    colours = dict(line.split(": ") for line in result.stdout.splitlines() if "Button: " in line)
    red, _green, blue = (int(v) for v in colours["nextButton"].split())
    assert blue > red + 60, f"Next is not in the accent colour: {colours}"
    assert colours["nextButton"] != colours["cancelButton"]
