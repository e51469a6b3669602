"""The size floor: a bare PySide6 QWizard, frozen with Helpline's spec options.

``build.py`` freezes this beside Helpline and reports Helpline's bundle size as a
multiple of it, so the number reads as "what Helpline adds over Qt itself".
With HELPLINE_QUIT_AFTER_PAINT=1 it quits after the first paint, like Helpline.
"""

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


class QuitAfterPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv)
wizard = QWizard()
page = QWizardPage()
page.setTitle("Floor")
layout = QVBoxLayout(page)
layout.addWidget(QLabel("A bare QWizard."))
wizard.addPage(page)
if os.environ.get("HELPLINE_QUIT_AFTER_PAINT") == "1":
    watcher = QuitAfterPaint()
    wizard.installEventFilter(watcher)
wizard.show()
sys.exit(app.exec())
