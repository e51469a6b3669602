"""Not handled here: the polite end of the road for requests that belong elsewhere.

Some things (a building's heating, HR questions) are not this helpdesk's job.
Rather than filing a ticket that will only be bounced, the wizard says where
to go, links there, and closes without filing or keeping a draft.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWizardPage

from app.ui.context import WizardContext
from app.ui.plain import set_tip
from app.ui.widgets.labels import TextLabel


class NotHandledPage(QWizardPage):
    def __init__(self, ctx: WizardContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("notHandledPage")
        self.setTitle(self.tr("This is handled elsewhere"))
        self.setSubTitle(self.tr("Nothing has been sent. Here is where to get help with this."))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        self.category_label = TextLabel("", "subheading", "notHandledCategory")
        layout.addWidget(self.category_label)
        self.message = TextLabel("", "", "notHandledMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.link_button = QPushButton()
        self.link_button.setObjectName("notHandledLink")
        self.link_button.setAccessibleName(self.tr("Open the right place in your browser"))
        self.link_button.clicked.connect(self.open_link)
        row.addWidget(self.link_button)
        self.back_button = QPushButton(self.tr("&Go back and choose another category"))
        self.back_button.setObjectName("notHandledBack")
        self.back_button.setAccessibleName(self.tr("Go back and choose another category"))
        self.back_button.clicked.connect(self.go_back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.closing = TextLabel(
            self.tr("Press Close when you are done. What you typed for this request is not kept."),
            "muted",
            "notHandledClosing",
        )
        layout.addWidget(self.closing)
        layout.addStretch(1)
        self.url = ""

    def initializePage(self) -> None:
        category = self.ctx.category()
        # IT's own words from config: shown as written, or as texts.toml words them.
        self.category_label.setText(self.tr(category.label) if category else "")
        self.message.setText(
            self.tr(category.not_handled) if category and category.not_handled else ""
        )
        self.url = category.not_handled_link if category else ""
        host = self.url.split(":", 1)[-1].lstrip("/").split("/", 1)[0] if self.url else ""
        self.link_button.setText(self.tr("&Open %1").replace("%1", host))
        self.link_button.setAccessibleName(
            self.tr("Open %1 in your browser").replace("%1", self.url)
        )
        set_tip(self.link_button, self.url)
        self.link_button.setVisible(bool(self.url))

    def open_link(self) -> bool:
        return bool(self.url) and QDesktopServices.openUrl(QUrl(self.url))

    def go_back(self) -> None:
        """The final page has no Back button; this is the way back for a wrong category."""
        wizard = self.wizard()
        if wizard is not None:
            wizard.back()

    def nextId(self) -> int:
        return -1
