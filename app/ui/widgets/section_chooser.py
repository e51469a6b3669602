"""Checkboxes for the sections of the system report: the user switches any of them off.

The chooser only reports the user's choice (``toggledSection``); the context decides
what that means for the attachments, so the text and JSON sent always follow it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from app.collectors.sysinfo_text import TITLES

COLUMNS = 3


class SectionChooser(QWidget):
    """One checkbox per offered section, in report order, in a few columns."""

    toggledSection = Signal(str, bool)

    def __init__(self, offered: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionChooser")
        self.setAccessibleName(self.tr("Parts of the information about this computer"))
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, name in enumerate(offered):
            title = self.tr(TITLES.get(name, name.capitalize()))
            box = QCheckBox(title, self)
            box.setObjectName(f"section_{name}")
            box.setAccessibleName(self.tr("Include: {title}").format(title=title))
            box.toggled.connect(lambda on, n=name: self.toggledSection.emit(n, on))
            grid.addWidget(box, index // COLUMNS, index % COLUMNS)
            self.boxes[name] = box

    def set_chosen(self, chosen: Iterable[str]) -> None:
        """Show ``chosen`` as ticked without reporting it back as a change."""
        wanted = set(chosen)
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in wanted)
            box.blockSignals(False)
