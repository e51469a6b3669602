"""Settings, read-only: every key in effect, where it came from, and what IT has locked.

People (and the helpdesk on the phone with them) need to see why Helpline behaves as it
does without reading TOML files: this window lists the effective value of every setting
with its source, marks the keys the organisation's policy locks, and says in plain words
which overrides were ignored because of a lock. It changes nothing; ``helpline config``
and the files are still where settings are edited. Secrets are hidden by the same rule
``helpline config show`` uses (:mod:`app.cli_text`), so a screenshot of this window
can go into a ticket.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QPainter,
    QPen,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import cli_text
from app.core.config import BUILTIN, FLAGS, Config
from app.core.schema import KEYS
from app.ui.i18n import program_name
from app.ui.plain import plain, tip

KEY, VALUE, SOURCE, LOCKED = range(4)
tr = QCoreApplication.translate


def lock_icon() -> QIcon:
    """The theme's lock where there is one; otherwise a small padlock drawn here."""
    themed = QIcon.fromTheme("object-locked")
    if not themed.isNull():
        return themed
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#555555"), 1.6))
    painter.drawArc(QRectF(4.5, 1.5, 7, 8), 0, 180 * 16)  # the shackle
    painter.drawLine(QPointF(4.5, 5.5), QPointF(4.5, 7.5))
    painter.drawLine(QPointF(11.5, 5.5), QPointF(11.5, 7.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#555555"))
    painter.drawRoundedRect(QRectF(2.5, 7.5, 11, 7.5), 1.5, 1.5)  # the body
    painter.end()
    return QIcon(pixmap)


def source_text(source: str) -> str:
    """Where a value came from, in words rather than internal labels."""
    if source == BUILTIN:
        return tr("SettingsWindow", "{program}'s default").format(program=program_name())
    if source == FLAGS:
        return tr("SettingsWindow", "Command line")
    return source


def notices_text(config: Config) -> str:
    """The overrides that were ignored, as one paragraph per notice (empty when none)."""
    if not config.notices:
        return ""
    head = tr(
        "SettingsWindow",
        "Some settings could not be changed as asked, because your organisation has fixed them:",
    )
    return "\n".join([head, *(f"• {notice}" for notice in config.notices)])


def policy_text(config: Config) -> str:
    """Which policy file was read, or where none was found (empty without the facts)."""
    if config.policy is None:
        return ""
    if config.policy.found:
        return tr("SettingsWindow", "Your organisation's policy file: {path}").format(
            path=config.policy.path
        )
    return tr(
        "SettingsWindow", "No policy file at {path}, so your organisation has locked nothing."
    ).format(path=config.policy.path)


def settings_model(config: Config) -> QStandardItemModel:
    """One read-only row per declared key: name, value as shown, source, lock."""
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(
        [
            tr("SettingsWindow", "Setting"),
            tr("SettingsWindow", "Value"),
            tr("SettingsWindow", "Comes from"),
            tr("SettingsWindow", "Locked"),
        ]
    )
    icon = lock_icon()
    for key in KEYS:
        value = cli_text.config_value(key.name, config[key.name])
        cells = [
            QStandardItem(key.name),
            QStandardItem(value),
            QStandardItem(source_text(config.source(key.name))),
            QStandardItem(""),
        ]
        if key.doc:
            cells[KEY].setToolTip(tip(key.doc))
        cells[VALUE].setToolTip(tip(value))  # config files are written by anyone
        cells[SOURCE].setToolTip(tip(cells[SOURCE].text()))
        if key.name in config.locked:
            cells[LOCKED].setText(tr("SettingsWindow", "Set by your organisation"))
            cells[LOCKED].setIcon(icon)
            cells[LOCKED].setToolTip(
                tr(
                    "SettingsWindow",
                    "Your organisation has fixed this setting; it cannot "
                    "be changed on this computer.",
                )
            )
        for cell in cells:
            cell.setEditable(False)
        model.appendRow(cells)
    return model


class SettingsWindow(QWidget):
    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.config = config
        self.setObjectName("settingsWindow")
        self.setWindowTitle(self.tr("Settings – {name}").format(name=config["branding.name"]))
        self.setAccessibleName(self.tr("Settings"))
        intro = plain(
            QLabel(
                self.tr(
                    "These are the settings {program} uses on this computer. This "
                    "window only shows them; settings marked with a lock are set "
                    "by your organisation."
                ).format(program=program_name()),
                self,
            )
        )
        intro.setObjectName("settingsIntro")
        intro.setWordWrap(True)
        self.policy = plain(QLabel(policy_text(config), self))
        self.policy.setObjectName("settingsPolicy")
        self.policy.setWordWrap(True)
        self.policy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy.setVisible(config.policy is not None)
        self.notices = plain(QLabel(notices_text(config), self))
        self.notices.setObjectName("settingsNotices")
        self.notices.setProperty("role", "note")
        self.notices.setWordWrap(True)
        self.notices.setAccessibleName(self.tr("Settings that were not changed"))
        self.notices.setVisible(bool(config.notices))
        self.model = settings_model(config)
        self.model.setParent(self)
        self.table = QTableView(self)
        self.table.setObjectName("settingsTable")
        self.table.setAccessibleName(self.tr("Settings in effect"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # paths keep their file name
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LOCKED, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(SOURCE, 220)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.policy)
        layout.addWidget(self.notices)
        layout.addWidget(self.table, 1)
        self.resize(980, 620)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, as it closes a dialog (the table passes Esc on)."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def locked_rows(self) -> list[str]:
        """The keys shown as locked, in table order."""
        return [
            self.model.item(row, KEY).text()
            for row in range(self.model.rowCount())
            if self.model.item(row, LOCKED).text()
        ]
