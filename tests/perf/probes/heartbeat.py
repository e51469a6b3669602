"""A QTimer heartbeat: the longest time the GUI event loop could not run a timer.

A timer set to fire every ``interval_ms`` fires late when the GUI thread is busy
(or waits for the GIL); the stall is the largest gap between two firings minus
the interval. 5 ms resolution is plenty against a 50 ms budget.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class Heartbeat(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 5) -> None:
        super().__init__(parent)
        self.setObjectName("benchHeartbeat")
        self.interval_ms = interval_ms
        self.max_stall_ms = 0.0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.max_stall_ms = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._beat()
        self._timer.stop()

    def _beat(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000 - self.interval_ms
        self.max_stall_ms = max(self.max_stall_ms, gap)
        self._last = now
