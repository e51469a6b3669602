"""The viewer for one text part: exactly the text that is sent, with every secret marked.

Masked findings are highlighted in yellow, so the user sees what Helpline hid and where;
a finding the user chose to send clear is highlighted in red, so that choice stays
visible. Where policy allows (``privacy.allow_unmask``), each finding has its own tick,
"Send as it is": unmasking is deliberate and one at a time, never all at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.collectors.outgoing import Shown, TextPart, rendered
from app.ui.finding_labels import finding_label
from app.ui.i18n import program_name
from app.ui.plain import plain

MASKED_BG = QColor("#fff1a8")
CLEAR_BG = QColor("#ffc9c9")
INDEX_ROLE = Qt.ItemDataRole.UserRole


def qt_offsets(text: str, positions: list[int]) -> list[int]:
    """Python string indices -> QTextDocument positions (UTF-16 units, CRLF as one break).

    ``positions`` must be ascending; one pass over the text, however many there are.
    """
    if text.isascii() and "\r" not in text:
        return list(positions)
    out, pos, qt = [], 0, 0
    for target in positions:
        for ch in text[pos:target]:
            qt += 2 if ord(ch) > 0xFFFF else 1
        if "\r" in text[pos:target]:
            qt -= text[pos:target].count("\r\n")
        pos = target
        out.append(qt)
    return out


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


class PartViewer(QDialog):
    """Shows ``part.sent()``; emits ``changed`` after the user unmasks or masks a finding."""

    changed = Signal()

    def __init__(
        self, part: TextPart, title: str, allow_unmask: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.part = part
        self.allow_unmask = allow_unmask
        self.setObjectName("partViewer")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("partText")
        self.text.setAccessibleName(self.tr("{title}, exactly as it is sent").format(title=title))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.explain = plain(QLabel(self))
        self.explain.setObjectName("partExplain")
        self.explain.setWordWrap(True)
        self.findings = QTreeWidget(self)
        self.findings.setObjectName("findingsList")
        self.findings.setAccessibleName(self.tr("Hidden passwords, keys and tokens"))
        self.findings.setHeaderLabels(
            [self.tr("Send as it is") if allow_unmask else "", self.tr("What"), self.tr("Line")]
        )
        self.findings.setRootIsDecorated(False)
        header = self.findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.itemChanged.connect(self._on_item_changed)
        self.findings.currentItemChanged.connect(lambda item, _old: self.show_finding(item))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("partSplitter")
        splitter.addWidget(self.text)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("partButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.findings.setVisible(bool(part.findings))
        self.resize(760, 560)
        self._shown: list[Shown] = []
        self._text = ""
        self._fill_findings()
        self.redraw()

    def redraw(self) -> None:
        """Show the sent text again and highlight where each finding stands in it."""
        text, self._shown = rendered(self.part)
        self._text = text
        scroll = self.text.verticalScrollBar().value()
        self.text.setPlainText(text)
        ends = qt_offsets(text, sorted({p for s in self._shown for p in (s.start, s.end)}))
        where = dict(
            zip(sorted({p for s in self._shown for p in (s.start, s.end)}), ends, strict=True)
        )
        selections = []
        for shown in self._shown:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(MASKED_BG if shown.masked else CLEAR_BG)
            fmt.setForeground(QColor("#1a1a1a"))
            selection.format = fmt
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(where[shown.start])
            cursor.setPosition(where[shown.end], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.text.setExtraSelections(selections)
        self.text.verticalScrollBar().setValue(scroll)
        self._explain()

    def highlighted(self) -> list[tuple[str, bool]]:
        """The highlighted stretches of text and whether each is masked (for tests)."""
        return [(self._text[s.start : s.end], s.masked) for s in self._shown]

    def _explain(self) -> None:
        total, masked = len(self.part.findings), self.part.masked_count()
        if not total:
            self.explain.setText(
                self.tr(
                    "{program} found no passwords, keys or tokens in "
                    "this text. This is exactly what is sent."
                ).format(program=program_name())
            )
            return
        if total == 1:
            text = (
                self.tr(
                    "{program} found one password, key or token and hid it (highlighted in yellow)."
                )
                if masked
                else self.tr(
                    "{program} found one password, key or token; it is sent as it is (red)."
                )
            ).format(program=program_name())
        elif masked == total:
            text = self.tr(
                "{program} found {total} passwords, keys or tokens and hid them (highlighted in "
                "yellow)."
            ).format(program=program_name(), total=total)
        else:
            text = self.tr(
                "{program} found {total} passwords, keys or tokens: {masked} hidden (yellow), "
                "{clear} sent as they are (red)."
            ).format(program=program_name(), total=total, masked=masked, clear=total - masked)
        text += " " + self.tr("This is exactly what is sent.")
        if self.allow_unmask:
            text += " " + self.tr(
                'If support really needs one, tick "Send as it is" for that one only.'
            )
        self.explain.setText(text)

    def _fill_findings(self) -> None:
        self.findings.blockSignals(True)
        self.findings.clear()
        for index, finding in enumerate(self.part.findings):
            item = QTreeWidgetItem(
                ["", finding_label(finding.kind), str(line_of(self.part.text, finding.start))]
            )
            item.setData(0, INDEX_ROLE, index)
            if self.allow_unmask:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    0, Qt.CheckState.Checked if index in self.part.keep else Qt.CheckState.Unchecked
                )
                item.setToolTip(0, self.tr("Send this one as it is, not hidden"))
            self.findings.addTopLevelItem(item)
        self.findings.blockSignals(False)

    def set_kept(self, index: int, kept: bool) -> None:
        """Unmask (``kept``) or mask again one finding, as its tick does."""
        item = self.findings.topLevelItem(index)
        if item is None:
            raise IndexError(index)
        item.setCheckState(0, Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or not self.allow_unmask:
            return
        index = int(item.data(0, INDEX_ROLE))
        kept = item.checkState(0) == Qt.CheckState.Checked
        if (index in self.part.keep) == kept:
            return
        self.part.set_kept(index, kept)
        self.redraw()
        self.show_finding(item)
        self.changed.emit()

    def show_finding(self, item: QTreeWidgetItem | None) -> None:
        """Scroll the text to the finding of ``item``."""
        if item is None:
            return
        index = int(item.data(0, INDEX_ROLE))
        shown = next((s for s in self._shown if s.index == index), None)
        if shown is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(qt_offsets(self._text, [shown.start])[0])
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
