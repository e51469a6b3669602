"""The bar that stays on every screen while support can see it: "Support can see your
screen — Stop".

One frameless, always-on-top bar per screen, across its top edge, drawn into the shared
picture itself so the technician sees what the person sees (the bar included). It
bypasses the window manager on X11 so no window can cover it; its colour comes from the
one stylesheet (``#sharingBar``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.widgets.labels import TextLabel

tr = QCoreApplication.translate

HEIGHT = 44
#: The bar's colour (style.qss ``#sharingBar``: ``error_strong`` in app/ui/style.py, the
#: same in every theme); the end-to-end test looks for it in the technician's frame.
COLOUR = "#b3261e"


class SharingBar(QWidget):
    """The bar on one screen; :attr:`stopRequested` when its Stop is pressed."""

    stopRequested = Signal()

    def __init__(self, screen: QScreen, code: str = "") -> None:
        super().__init__(None)
        self.setObjectName("sharingBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.X11BypassWindowManagerHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setWindowTitle(tr("RemoteHelp", "Support can see your screen"))
        self.setAccessibleName(tr("RemoteHelp", "Support can see your screen"))
        self.text = QLabel(tr("RemoteHelp", "Support can see your screen"), self)
        self.text.setObjectName("sharingBarText")
        self.remaining = QLabel(self)
        self.remaining.setObjectName("sharingBarTime")
        self.code = TextLabel(code, "", "sharingBarCode", self)
        self.code.setVisible(bool(code))
        self.stop_button = QPushButton(tr("RemoteHelp", "&Stop"), self)
        self.stop_button.setObjectName("sharingBarStop")
        self.stop_button.setAccessibleName(tr("RemoteHelp", "Stop sharing my screen"))
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_button.clicked.connect(self.stopRequested)
        self.shortcut = QLabel(self)  # "or Ctrl+Alt+End", where that key could be taken
        self.shortcut.setObjectName("sharingBarShortcut")
        self.shortcut.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.addWidget(self.text)
        layout.addWidget(self.code)
        layout.addStretch(1)
        layout.addWidget(self.remaining)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.shortcut)
        self.place(screen)

    def place(self, screen: QScreen) -> None:
        area = screen.geometry()
        self.setScreen(screen)
        self.setGeometry(area.x(), area.y(), area.width(), HEIGHT)

    def set_remaining(self, seconds: int) -> None:
        minutes, rest = divmod(max(0, seconds), 60)
        self.remaining.setText(
            tr("RemoteHelp", "Stops by itself in {time}").format(time=f"{minutes}:{rest:02d}")
        )


class SharingBars:
    """A bar on every screen (screens added meanwhile get one too)."""

    def __init__(self, on_stop: Callable[[], None], code: str = "") -> None:
        self.on_stop = on_stop
        self.code = code
        self.bars: list[SharingBar] = []
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        for screen in app.screens():
            self._add(screen)
        app.screenAdded.connect(self._add)

    def _add(self, screen: QScreen) -> None:
        bar = SharingBar(screen, self.code)
        bar.stopRequested.connect(self.on_stop)
        bar.show()
        bar.raise_()
        self.bars.append(bar)

    def set_remaining(self, seconds: int) -> None:
        for bar in self.bars:
            bar.set_remaining(seconds)

    def set_shortcut(self, keys: str) -> None:
        """Say the keys that stop sharing from any window (the bar takes no focus)."""
        for bar in self.bars:
            bar.shortcut.setText(tr("RemoteHelp", "or {keys}").format(keys=keys))
            bar.shortcut.show()
            bar.stop_button.setAccessibleDescription(
                tr("RemoteHelp", "Also from the keyboard, in any window: {keys}").format(keys=keys)
            )

    def set_code(self, code: str) -> None:
        for bar in self.bars:
            bar.code.setText(code)
            bar.code.setVisible(bool(code))

    def close(self) -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.disconnect(self._add)
        for bar in self.bars:
            bar.close()
        self.bars = []
