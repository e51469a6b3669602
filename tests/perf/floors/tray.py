"""Floor for the background sender: a bare PySide6 application with a tray icon, idle.

What any Qt program that sits in the tray costs, measured beside ``helpline sender`` in
the same run (tests/perf/figures.py, ``sender``). It prints its PID and waits.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(32, 32)
pixmap.fill(QColor("#3366cc"))
icon = QSystemTrayIcon(QIcon(pixmap))
icon.show()
print(os.getpid(), flush=True)
sys.exit(app.exec())
