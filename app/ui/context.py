"""What the wizard's pages share: the form being filled, the evidence, the services.

Pages read and write :attr:`WizardContext.form` and call :meth:`touch` after
each edit; the context saves the draft after a pause in typing (on a worker,
so the GUI never waits on the disk) and holds the evidence gathered in the
background. Pages never talk to each other directly.

Evidence text parts (system information, logs) are scanned for secrets when they are
built, masked by default; :meth:`prepare` hands them, with the form and the user's
choices, to the filing service, which composes the request once. Review shows that
:class:`~app.services.filing.Outgoing` and the Sending page enqueues the same object.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from app.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the context exists before the first paint: these load after it
    from datetime import datetime

    from app.collectors.logs import LogFile
    from app.collectors.outgoing import TextPart
    from app.collectors.secrets import Scanner
    from app.collectors.steps import Step
    from app.collectors.xcb_image import RootCapture
    from app.core.attachments import EvidenceFile
    from app.core.config import Category, Config
    from app.core.form import RequestForm
    from app.core.outbox import Item
    from app.services.filing import Outgoing, Submission
    from app.ui.known_problems import KnownProblemsService


def _now() -> datetime:
    """Now, in UTC; datetime is imported here, after the first paint."""
    from datetime import UTC, datetime

    return datetime.now(UTC)


class WizardContext(QObject):
    """The form, the evidence and the services one wizard shares.

    ``submission`` and ``form`` may be left out: the GUI builds the context before its first
    paint with neither, and :mod:`app.ui.app` sets them after it (the submission pulls in
    the outbox, SQLite and the backends, and the form may be a draft the user is asked
    about). Reading either before then makes a default one, so nothing ever sees ``None``.
    """

    #: System information or the screenshot arrived, or the user included/excluded one.
    evidenceChanged = Signal()
    #: The form changed (any field); pages that summarise it refresh.
    formChanged = Signal()

    def __init__(
        self,
        config: Config,
        submission: Submission | None,
        runner: TaskRunner,
        form: RequestForm | None = None,
        screenshot: QImage | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizardContext")
        self.config = config
        self.runner = runner
        self._form: RequestForm | None = form
        self._submission: Submission | None = None
        self._scanner: Scanner | None = None
        self.screenshot: QImage | None = screenshot
        #: The X11 screen read before Qt loaded (app.collectors.x11_capture), until a worker
        #: has made it the screenshot after the first paint (app.ui.app.start_evidence).
        self.pending_root: RootCapture | None = None
        #: The session's known problems (the banner, the Problem page's match); None until
        #: the services start, or when IT configured no source.
        self.known_problems: KnownProblemsService | None = None
        #: The encoded screenshot (PNG, or JPEG when large); set by a worker.
        self.screenshot_png: bytes | None = None
        self.system_info: dict[str, Any] | None = None
        self.system_info_text: str = ""
        self.system_info_json: bytes = b""
        #: System information sections the user keeps (IT's list, less those switched off).
        self.sections: list[str] = list(config["sysinfo.sections"])
        #: The category's logs as read, and which category they were read for.
        self.logs: list[LogFile] = []
        self.logs_for: str | None = None
        self.logs_loading = False
        #: Evidence part names the user left out (logs, system information).
        self.excluded: set[str] = set()
        self._info_parts: list[TextPart] = []
        self._info_key: tuple[int, tuple[str, ...]] | None = None
        self.log_parts: list[TextPart] = []
        #: The recorded steps as reviewed (app.ui.steps); sent as one HTML report.
        self.steps: list[Step] = []
        self._steps_report: tuple[int, bytes] | None = None
        self._steps_version = 0
        #: The request as last prepared for Review (:meth:`prepare`).
        self.outgoing: Outgoing | None = None
        #: Set once the request is safe in the outbox.
        self.item: Item | None = None
        #: "Now" for the expected answer time on Review and Done; tests set their own.
        self.clock: Callable[[], datetime] = _now
        self._save_timer = QTimer(self)
        self._save_timer.setObjectName("draftSaveTimer")
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(int(config["drafts.save_delay_ms"]))
        self._save_timer.timeout.connect(self.save_draft)
        if submission is not None:
            self.submission = submission

    # -- the services, made when first needed ---------------------------------------

    @property
    def submission(self) -> Submission:
        if self._submission is None:
            from app.services.filing import Submission

            self.submission = Submission(self.config)
        assert self._submission is not None
        return self._submission

    @submission.setter
    def submission(self, submission: Submission) -> None:
        self._submission = submission

    @property
    def form(self) -> RequestForm:
        if self._form is None:
            from app.core.form import RequestForm

            self._form = RequestForm()
        return self._form

    @form.setter
    def form(self, form: RequestForm) -> None:
        """Start over with ``form`` (a draft the user chose to continue, after the paint)."""
        self._form = form
        self.outgoing = None
        self.formChanged.emit()

    @property
    def reply_to(self) -> str:
        """The request this one adds to ("" for a new one), without making a form for it."""
        return self._form.reply_to if self._form is not None else ""

    @property
    def scanner(self) -> Scanner:
        """The secret scanner IT's config asks for (compiled lazily, on first scan)."""
        if self._scanner is None:
            if self._submission is not None:
                self._scanner = self._submission.scanner()
            else:
                from app.collectors import outgoing

                self._scanner = outgoing.scanner_for(self.config)
        return self._scanner

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
        snapshot = type(self.form).from_dict(self.form.to_dict())
        self.runner.run(self.submission.drafts.save, snapshot)

    # -- the outgoing text ----------------------------------------------------------

    def set_system_info(self, info: dict[str, Any], parts: list[TextPart] | None = None) -> None:
        """Take a new report; ``parts`` when a worker already built them for these sections."""
        self.system_info = info
        self._info_key = None
        if parts is not None:
            self._info_parts, self._info_key = parts, (id(info), tuple(self.sections))
            self.system_info_text = parts[0].sent()
            self.system_info_json = parts[1].data()
        else:
            self.system_info_parts()
        self.evidenceChanged.emit()

    def set_section(self, name: str, included: bool) -> None:
        """Switch one system information section on or off; the attachments follow."""
        chosen = set(self.sections) | {name} if included else set(self.sections) - {name}
        self.sections = [s for s in self.config["sysinfo.sections"] if s in chosen]
        self.evidenceChanged.emit()

    def system_info_parts(self) -> list[TextPart]:
        """``system-info.txt`` and ``.json`` with the chosen sections, scanned once."""
        from app.collectors import outgoing

        if self.system_info is None:
            return []
        key = (id(self.system_info), tuple(self.sections))
        if key != self._info_key:
            self._info_parts = outgoing.system_info_parts(
                self.system_info, self.sections, self.scanner
            )
            self._info_key = key
            self.system_info_text = self._info_parts[0].sent()
            self.system_info_json = self._info_parts[1].data()
        return self._info_parts

    def load_logs(self) -> None:
        """Read the chosen category's logs on a worker, once per category."""
        from app.collectors import outgoing

        category = self.form.category
        if category == self.logs_for:
            return
        self.logs_for = category
        patterns = outgoing.category_logs(self.config, category)
        if not patterns:
            self.logs, self.log_parts = [], []
            self.evidenceChanged.emit()
            return

        def done(result: tuple[list[LogFile], list[TextPart], list[object]]) -> None:
            if self.logs_for == category:
                self.logs, self.log_parts, _problems = result  # the log list shows each error
                self.logs_loading = False
                self.evidenceChanged.emit()

        self.logs, self.log_parts, self.logs_loading = [], [], True
        from app.services import evidence

        self.runner.run(evidence.logs, self.config, category, self.scanner, on_done=done)

    def text_parts(self) -> list[TextPart]:
        """Every text part offered, included or not, in the order they are sent."""
        info = self.system_info_parts() if self.form.include_system_info else []
        return [*info, *self.log_parts]

    def part(self, name: str) -> TextPart | None:
        from app.collectors import outgoing

        if name == outgoing.DESCRIPTION:
            return self.description
        return next((p for p in self.text_parts() if p.name == name), None)

    def screenshot_name(self) -> tuple[str, str]:
        """The file name and type the encoded screenshot is sent under."""
        if self.screenshot_png and self.screenshot_png.startswith(b"\xff\xd8"):
            return "screenshot.jpg", "image/jpeg"
        return "screenshot.png", "image/png"

    def set_screenshot(self, image: QImage | None) -> None:
        """Replace the screenshot (an edit, a new capture); the old one is dropped."""
        self.screenshot = image if image is not None and not image.isNull() else None
        self.screenshot_png = None
        self.evidenceChanged.emit()
        if self.screenshot is not None:
            from app.collectors.screenshot import encode

            shot = self.screenshot

            def done(encoded: Any) -> None:
                if self.screenshot is shot:  # not replaced again meanwhile
                    self.screenshot_png = encoded.data
                    self.evidenceChanged.emit()

            self.runner.run(
                encode, shot, int(self.config["screenshot.jpeg_above_kb"]), on_done=done
            )

    def file_part(self, path: str) -> TextPart | None:
        """One of the user's own text files as Review last showed it (None: not text)."""
        files = self.outgoing.files if self.outgoing is not None else ()
        return next((p for p in files if p.note == path), None)

    @property
    def description(self) -> TextPart | None:
        """The request's text as Review last showed it, with its findings."""
        return self.outgoing.description if self.outgoing is not None else None

    def prepare(self) -> Outgoing:
        """The request as it will be sent, from the form, the evidence kept and the secrets
        the user chose to send clear on Review (kept across re-preparing): the one object
        Review shows and the Sending page hands to enqueue. Raises AttachmentProblem."""
        from PySide6.QtCore import QCoreApplication

        from app.services.filing import Choices
        from app.ui import messages

        # The text lists exactly the steps whose report goes along (a restored draft
        # has captions but no pictures).
        self.form.steps = [s.caption for s in self.steps]

        clear: frozenset[str] = frozenset()
        file_clear: dict[str, frozenset[str]] = {}
        if self.outgoing is not None:
            clear = self.outgoing.description.clear_values()
            file_clear = {p.note: p.clear_values() for p in self.outgoing.files}
        category = self.category()
        words = Choices(  # the request text in the language the person reads it
            clear=clear,
            file_clear=file_clear,
            labels=messages.body_labels(),
            category_label=messages.category_label(category) if category else None,
            question_labels={
                q.id: QCoreApplication.translate("ExtraQuestions", q.label)
                for q in category.questions
            }
            if category
            else None,
        )
        self.outgoing = None
        self.outgoing = self.submission.prepare(self.form, self.evidence_files(), words)
        return self.outgoing

    def evidence_files(self, with_excluded: bool = False) -> list[EvidenceFile]:
        """The collected evidence the user has chosen to include, exactly as it is sent.

        ``with_excluded`` adds the parts left out on the Review page (which lists them so
        they can be put back); the Evidence page's own switches still apply.
        """
        from app.core.attachments import EvidenceFile

        files: list[EvidenceFile] = []
        for part in self.system_info_parts() if self.form.include_system_info else []:
            files.append(EvidenceFile(part.name, part.data(), part.content_type, part.kind))
        if self.form.include_screenshot and self.screenshot_png:
            name, mime = self.screenshot_name()
            files.append(EvidenceFile(name, self.screenshot_png, mime, "screenshot"))
        for part in self.log_parts:
            files.append(EvidenceFile(part.name, part.data(), part.content_type, "log"))
        if self.steps:
            files.append(EvidenceFile("steps.html", self.steps_report(), "text/html", "steps"))
        return files if with_excluded else [f for f in files if f.filename not in self.excluded]

    def steps_changed(self) -> None:
        """The steps were recorded, removed, reworded or redacted: list them in the text."""
        self._steps_version += 1
        self.form.steps = [s.caption for s in self.steps]
        self.outgoing = None
        self.evidenceChanged.emit()
        self.touch()

    def steps_report(self) -> bytes:
        """The steps as the HTML report that is sent, built once per change."""
        if self._steps_report is None or self._steps_report[0] != self._steps_version:
            from app.collectors import steps_report
            from app.ui.steps.words import report_words

            html = steps_report.build(self.steps, self.scanner.scrub, report_words())
            self._steps_report = (self._steps_version, html)
        return self._steps_report[1]

    def receipt_path(self) -> Path | None:
        """The receipt of this request, once it is safe in the outbox (None before)."""
        from app.collectors import receipts

        return receipts.receipt_path(self.form.client_ref, self.submission.root)
