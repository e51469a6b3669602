"""Floor: a bare PySide6 QWizard with three pages, measured exactly like Helpline's probe.

Three pages like the reference floor (a label; a form with three line edits and a
text box; two check boxes). The first ``Paint`` of the wizard is caught by an event
filter, then a zero timer runs after every child has painted and the frame has
been flushed; that moment is printed as ``{"first_paint_ms": N}`` counted from
the kernel's process start (``app.core.startup``, Qt-free and cheap to import),
which is what ``helpline --startup-probe`` prints too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.core import startup


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False


def done() -> None:
    print(json.dumps({"first_paint_ms": round(startup.elapsed_ms() or -1.0, 1)}), flush=True)
    QApplication.quit()


def build() -> QWizard:
    wizard = QWizard()
    wizard.setWindowTitle("Floor")
    first = QWizardPage()
    first.setTitle("Welcome")
    QVBoxLayout(first).addWidget(QLabel("A bare QWizard, the start-up floor."))
    second = QWizardPage()
    second.setTitle("About you")
    form = QFormLayout(second)
    for label in ("Name", "Email", "Phone"):
        form.addRow(label, QLineEdit())
    form.addRow("Problem", QTextEdit())
    third = QWizardPage()
    third.setTitle("Evidence")
    column = QVBoxLayout(third)
    column.addWidget(QCheckBox("Screenshot"))
    column.addWidget(QCheckBox("System information"))
    for page in (first, second, third):
        wizard.addPage(page)
    return wizard


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    wizard = build()
    watcher = FirstPaint()
    wizard.installEventFilter(watcher)
    wizard.show()
    sys.exit(app.exec())
