"""Tab enters a group of radio buttons on its checked answer, as native dialogs do.

Qt gives every radio button a Tab stop, so Tab into "Who is affected?" landed on the
first answer whatever was chosen, and a screen reader announced an answer that was not
the one given (issue 15). Only the checked button (the first, while none is) is a Tab
stop; the arrow keys move and choose within the group, as before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup


def tab_to_checked(group: QButtonGroup) -> None:
    """Keep only ``group``'s checked button (or its first) in the Tab chain, from now on."""

    def follow(*_changed: object) -> None:
        buttons = group.buttons()
        stop = group.checkedButton() or (buttons[0] if buttons else None)
        for button in buttons:
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
            )

    group.buttonToggled.connect(follow)
    follow()
