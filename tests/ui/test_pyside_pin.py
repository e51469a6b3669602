"""Guard for the PySide6 pin in pyproject.toml: ordinary calls must not kill the interpreter.

PySide6 6.12.0 on CPython 3.11 drops a reference to None (or True/False for Signal.emit) on
every void call such as QLabel.setText; after about 5,200 calls None's count reaches zero and
the process aborts with "Fatal Python error: none_dealloc" (exit 134). 6.11.3 is clean, and so
is 6.12 on Python >= 3.12 where None is immortal. Source: shared/reference/
performance-floors.md section 6.3. The calls run in a subprocess because the failure is an
abort that would take pytest down with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import PySide6

CALLS_PER_API = 4_000  # five APIs: 20,000 calls, about four times what 6.12.0 survives

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import (QApplication, QComboBox, QLabel, QLineEdit,
                                   QTableWidget, QTableWidgetItem)

    N = int(sys.argv[1])

    class Emitter(QObject):
        changed = Signal(bool)

    app = QApplication([sys.argv[0]])
    label, line, combo = QLabel(), QLineEdit(), QComboBox()
    table = QTableWidget(N, 1)
    emitter = Emitter()
    received = [0]  # a count, not the values: keeping them would hide a lost reference

    def on_changed(value):
        received[0] += 1

    emitter.changed.connect(on_changed)

    def drift(name, sentinel, calls):
        # A healthy binding leaves the sentinel's count about where it was; the broken one
        # takes one reference per call. Report it so a failure names the API at fault.
        before = sys.getrefcount(sentinel)
        calls()
        print(name, sys.getrefcount(sentinel) - before, flush=True)

    drift("QLabel.setText", None, lambda: [label.setText(f"row {i}") for i in range(N)])
    drift("QLineEdit.setText", None, lambda: [line.setText(str(i)) for i in range(N)])
    drift("QComboBox.addItem", None, lambda: [combo.addItem(f"item {i}") for i in range(N)])
    drift("QTableWidget.setItem", None,
          lambda: [table.setItem(i, 0, QTableWidgetItem(str(i))) for i in range(N)])
    drift("Signal.emit", True, lambda: [emitter.changed.emit(True) for _ in range(N)])
    assert received[0] == N and combo.count() == N and table.item(N - 1, 0).text() == str(N - 1)
    print("done", flush=True)
""")


def test_twenty_thousand_ordinary_calls_exit_cleanly() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(CALLS_PER_API)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    how = (
        f"was killed by {signal.Signals(-proc.returncode).name}"
        if proc.returncode < 0
        else f"exited with {proc.returncode}"
    )
    context = (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} {how}; "
        f"see the pin comment in pyproject.toml.\n"
        f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    )
    assert proc.returncode == 0, context
    drifts = dict(line.rsplit(" ", 1) for line in proc.stdout.splitlines() if line != "done")
    assert proc.stdout.splitlines()[-1] == "done", context
    assert len(drifts) == 5, context
    # A lost reference per call would show as about -CALLS_PER_API; allow ordinary noise.
    for api, delta in drifts.items():
        assert int(delta) > -CALLS_PER_API // 10, f"{api} leaks references to None/True\n{context}"
