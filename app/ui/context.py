"""What the wizard's pages share: the form being filled, the evidence, the services.

Pages read and write :attr:`WizardContext.form` and call :meth:`touch` after
each edit; the context saves the draft after a pause in typing (on a worker,
so the GUI never waits on the disk) and holds the evidence gathered in the
background. Pages never talk to each other directly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from app.core.config import Category, Config
from app.core.form import RequestForm
from app.core.outbox import Item
from app.core.submission import EvidenceFile, Submission
from app.ui.tasks import TaskRunner


class WizardContext(QObject):
    #: System information or the screenshot arrived, or the user included/excluded one.
    evidenceChanged = Signal()
    #: The form changed (any field); pages that summarise it refresh.
    formChanged = Signal()

    def __init__(self, config: Config, submission: Submission, runner: TaskRunner,
                 form: RequestForm | None = None, screenshot: QImage | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wizardContext")
        self.config = config
        self.submission = submission
        self.runner = runner
        self.form = form or RequestForm()
        self.screenshot: QImage | None = screenshot
        self.screenshot_png: bytes | None = None
        self.system_info: dict[str, Any] | None = None
        self.system_info_text: str = ""
        self.system_info_json: bytes = b""
        #: Set once the request is safe in the outbox.
        self.item: Item | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setObjectName("draftSaveTimer")
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(int(config["drafts.save_delay_ms"]))
        self._save_timer.timeout.connect(self.save_draft)

    def category(self) -> Category | None:
        return self.config.category(self.form.category)

    def touch(self) -> None:
        """Call after every edit: refreshes summaries and schedules a draft save."""
        self.formChanged.emit()
        if self.item is None:
            self._save_timer.start()

    def save_draft(self) -> None:
        if self.item is not None:
            return
        snapshot = RequestForm.from_dict(self.form.to_dict())
        self.runner.run(self.submission.drafts.save, snapshot)

    def evidence_files(self) -> list[EvidenceFile]:
        """The collected evidence the user has chosen to include, ready to write."""
        files: list[EvidenceFile] = []
        if self.form.include_system_info and self.system_info is not None:
            files.append(EvidenceFile("system-info.txt", self.system_info_text.encode("utf-8"),
                                      "text/plain", "system-info"))
            files.append(EvidenceFile("system-info.json", self.system_info_json,
                                      "application/json", "system-info"))
        if self.form.include_screenshot and self.screenshot_png:
            files.append(EvidenceFile("screenshot.png", self.screenshot_png, "image/png",
                                      "screenshot"))
        return files
