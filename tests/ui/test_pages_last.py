"""The last four wizard pages, each alone on a context over a temporary data dir."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QWidget,
)

from app.backends.local import LocalBackend
from app.collectors import sysinfo
from app.core.config import Config, load
from app.core.helpdesk import TemporaryError
from app.core.model import Level, NewTicket, Requester, Ticket
from app.core.outbox import State
from app.services.filing import Submission
from app.ui.context import WizardContext
from app.ui.pages.done import DonePage
from app.ui.pages.evidence import EvidencePage
from app.ui.pages.review import ReviewPage
from app.ui.pages.sending import SendingPage
from app.ui.tasks import TaskRunner

SYSTEM_INFO: dict[str, Any] = {
    "collected_at": "2026-11-23T08:00:00+00:00",
    "sections": {
        "os": {"system": "Linux", "name": "Debian", "version": "12", "kernel": "6.1.0-18"},
        "machine": {"host_name": "ws-042", "architecture": "x86_64"},
        "cpu": {"model": "Intel Core i5-8250U", "logical_cores": 8},
        "memory": {"total_bytes": 16 * 2**30, "available_bytes": 9 * 2**30},
    },
}


def fake_screenshot(width: int = 160, height: int = 90) -> QImage:
    """A screen of known colours: deterministic, and small enough to be fast."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    for x in range(width // 2):
        image.setPixelColor(x, height // 2, QColor("#ffffff"))
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def make_config(max_mb: float = 25.0, **values: Any) -> Config:
    config = load(env={})
    config.values["attachments.max_size_mb"] = max_mb
    config.values.update(values)
    return config


def make_context(
    root: Path,
    config: Config | None = None,
    backend: Any = None,
    runner: TaskRunner | None = None,
    evidence: bool = True,
) -> WizardContext:
    """A context over ``root`` with a filled-in form and, optionally, the evidence ready."""
    config = config or make_config()
    factory = (lambda _c: backend) if backend is not None else (lambda _c: LocalBackend(root))
    submission = Submission(config, root=root, backend_factory=factory)
    ctx = WizardContext(config, submission, runner or session_runner())
    form = ctx.form
    form.requester = Requester(
        name="Ada Lovelace",
        email="ada@example.org",
        customer_id="C-1815",
        organization="Analytical Engines Ltd",
        phone="+44 20 7946 0000",
    )
    form.category = "printer"
    form.summary = "Printer on floor 2 prints blank pages"
    form.doing = "Printing the monthly report from Excel"
    form.happened = "The printer feeds paper but every page comes out blank"
    form.error_text = "Error 0x8004: toner not detected"
    form.expected = "Printed pages with the report"
    form.where = "Excel, printer HP-2F-EAST"
    form.since = "Since this morning, every time"
    form.impact = Level.MEDIUM
    form.urgency = Level.HIGH
    form.answers = {"printer_name": "HP-2F-EAST by the kitchen"}
    if evidence:
        ctx.screenshot = fake_screenshot()
        ctx.screenshot_png = png_bytes(ctx.screenshot)
        ctx.system_info = SYSTEM_INFO
        ctx.system_info_text = sysinfo.render_text(SYSTEM_INFO)
        ctx.system_info_json = sysinfo.to_json(SYSTEM_INFO)
    return ctx


def session_runner() -> TaskRunner:
    """A runner owned by the application, so no garbage collection can take it mid-job."""
    return TaskRunner(QCoreApplication.instance())


@pytest.fixture(autouse=True)
def _finish_background_work(qapp: Any) -> Iterator[None]:
    """Each test's background jobs end, and report back, within that test."""
    yield
    QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()


@pytest.fixture
def data_root(isolated_dirs: dict[str, Path]) -> Path:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    return root


@pytest.fixture
def ctx(data_root: Path) -> Iterator[WizardContext]:
    context = make_context(data_root)
    yield context
    context.runner.wait()


def write(path: Path, size: int) -> Path:
    path.write_bytes(b"x" * size)
    return path


def tree_rows(tree: QTreeWidget) -> list[list[str]]:
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


# -- Evidence -------------------------------------------------------------------


def evidence_page(qtbot: Any, ctx: WizardContext) -> EvidencePage:
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    page.show()
    return page


def test_evidence_shows_collecting_until_the_system_info_arrives(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root, evidence=False)
    page = evidence_page(qtbot, ctx)
    assert "Collecting" in page.system_summary.text()
    ctx.system_info = SYSTEM_INFO
    ctx.system_info_text = sysinfo.render_text(SYSTEM_INFO)
    ctx.system_info_json = sysinfo.to_json(SYSTEM_INFO)
    ctx.evidenceChanged.emit()
    assert "Debian 12" in page.system_summary.text()
    assert "ws-042" in page.system_summary.text()
    page.details_button.click()
    assert page.system_text.isVisible()
    assert "Intel Core i5-8250U" in page.system_text.toPlainText()


def test_evidence_toggles_change_what_is_included(qtbot: Any, ctx: WizardContext) -> None:
    page = evidence_page(qtbot, ctx)
    names = lambda: sorted(f.filename for f in ctx.evidence_files())  # noqa: E731
    assert names() == ["screenshot.png", "system-info.json", "system-info.txt"]
    page.include_screenshot.click()
    assert not ctx.form.include_screenshot
    assert names() == ["system-info.json", "system-info.txt"]
    page.include_system_info.click()
    assert names() == []
    page.include_screenshot.click()
    assert names() == ["screenshot.png"]
    assert "160 × 90 pixels" in page.preview.toolTip()
    assert "before Helpline opened" in page.screenshot_note.text()


def test_clicking_the_preview_opens_the_screenshot_at_real_size(
    qtbot: Any, ctx: WizardContext
) -> None:
    page = evidence_page(qtbot, ctx)
    assert page.preview.pixmap().width() <= 208
    qtbot.mouseClick(page.preview, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QDialog, "imagePreviewDialog")
    assert dialog is not None and dialog.isVisible()
    full = dialog.findChild(QLabel, "imagePreview").pixmap()
    assert (full.width(), full.height()) == (160, 90)
    dialog.close()


def test_evidence_the_organisation_switched_off_is_not_offered(qtbot: Any, data_root: Path) -> None:
    config = make_config(**{"attachments.screenshot": False, "attachments.system_info": False})
    ctx = make_context(data_root, config=config, evidence=False)
    page = evidence_page(qtbot, ctx)
    assert not page.findChild(QWidget, "screenshotBox").isVisible()
    assert not page.findChild(QWidget, "systemInfoBox").isVisible()
    assert page.findChild(QWidget, "filesBox").isVisible()
    assert ctx.evidence_files() == []


def test_adding_files_shows_their_sizes(qtbot: Any, ctx: WizardContext, tmp_path: Path) -> None:
    page = evidence_page(qtbot, ctx)
    log = write(tmp_path / "printer.log", 2048)
    photo = write(tmp_path / "photo.jpg", 3 * 10**6)
    assert page.add_files([str(log), str(photo)]) == []
    # sizes in the locale's units (kB, as QLocale writes them; German gives "2,0 kB")
    assert tree_rows(page.files_list) == [["printer.log", "2.0 kB"], ["photo.jpg", "3.0 MB"]]
    assert ctx.form.files == [str(log), str(photo)]
    page.files_list.setCurrentItem(page.files_list.topLevelItem(0))
    page.files_list.setFocus()
    qtbot.keyClick(page.files_list, Qt.Key.Key_Delete)
    assert ctx.form.files == [str(photo)]
    assert tree_rows(page.files_list) == [["photo.jpg", "3.0 MB"]]


def test_dropping_files_adds_them(qtbot: Any, ctx: WizardContext, tmp_path: Path) -> None:
    page = evidence_page(qtbot, ctx)
    dropped = write(tmp_path / "dropped.txt", 10)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)
    assert ctx.form.files == [str(dropped)]
    assert tree_rows(page.files_list) == [["dropped.txt", "10 bytes"]]


def test_only_local_files_may_be_dragged_onto_the_page(
    qtbot: Any, ctx: WizardContext, tmp_path: Path
) -> None:
    page = evidence_page(qtbot, ctx)

    def drag(url: QUrl) -> bool:
        mime = QMimeData()
        mime.setUrls([url])
        event = QDragEnterEvent(
            QPoint(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        event.setAccepted(False)
        page.dragEnterEvent(event)
        return event.isAccepted()

    assert drag(QUrl.fromLocalFile(str(write(tmp_path / "a.txt", 1))))
    assert not drag(QUrl("https://example.org/report.pdf"))


def test_a_folder_is_refused_in_one_sentence(
    qtbot: Any, ctx: WizardContext, tmp_path: Path
) -> None:
    page = evidence_page(qtbot, ctx)
    folder = tmp_path / "Reports"
    folder.mkdir()
    problems = page.add_files([str(folder)])
    assert problems == ["Reports is a folder. Please attach the files in it, or a zip of it."]
    assert ctx.form.files == []
    assert page.problem_label.isVisible()
    assert "Reports is a folder" in page.problem_label.text()
    assert page.isComplete()  # a refused file does not block the request


def test_size_limit_names_total_limit_and_file_and_blocks_sending(
    qtbot: Any, data_root: Path, tmp_path: Path
) -> None:
    ctx = make_context(data_root, config=make_config(max_mb=1.0))
    page = evidence_page(qtbot, ctx)
    assert page.isComplete()
    big = write(tmp_path / "video.mp4", 1_500_000)
    with qtbot.waitSignal(page.completeChanged):
        page.add_files([str(big)])
    text = page.problem_label.text()
    assert page.problem_label.isVisible()
    assert "more than the 1.0 MB the helpdesk accepts" in text
    assert "Please leave out video.mp4 (1.5 MB)" in text
    assert "add up to 1.5 MB" in text or "add up to 1.6 MB" in text
    assert not page.isComplete()
    review = ReviewPage(ctx)
    qtbot.addWidget(review)
    review.initializePage()
    qtbot.waitUntil(lambda: not review.checking_files)
    assert not review.isComplete()
    assert "video.mp4" in review.problem.text()
    assert "Sending is not possible" in review.problem.text()
    page.files_list.setCurrentItem(page.files_list.topLevelItem(0))
    page.remove_button.click()
    assert page.isComplete()
    assert not page.problem_label.isVisible()


# -- Review ---------------------------------------------------------------------


def test_review_shows_every_answer_and_attachment_with_sizes(
    qtbot: Any, ctx: WizardContext, tmp_path: Path
) -> None:
    log = write(tmp_path / "printer.log", 2048)
    ctx.form.files = [str(log)]
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    qtbot.waitUntil(lambda: not page.checking_files)  # read and scanned on a worker
    assert page.isComplete()
    assert page.isCommitPage()
    values = {key: label.text() for key, label in page.values.items()}
    assert values["who"].startswith("Ada Lovelace <ada@example.org>")
    assert "C-1815" in values["who"] and "Analytical Engines Ltd" in values["who"]
    assert values["category"] == "Printer or scanner"
    assert values["priority"] == "High"
    assert values["summary"] == "Printer on floor 2 prints blank pages"
    body = page.body.toPlainText()
    assert body == ctx.submission.prepare(ctx.form).ticket.body
    for answer in (
        "Printing the monthly report from Excel",
        "every page comes out blank",
        "    Error 0x8004: toner not detected",
        "Printed pages with the report",
        "Excel, printer HP-2F-EAST",
        "Since this morning, every time",
        "HP-2F-EAST by the kitchen",
        "Priority: high",
        ctx.form.client_ref,
    ):
        assert answer in body
    rows = tree_rows(page.attachments)
    sizes = {name: size for name, _kind, size, _hidden in rows}
    assert [r[0] for r in rows] == [
        "printer.log",
        "system-info.txt",
        "system-info.json",
        "screenshot.png",
    ]
    assert sizes["printer.log"] == "2.0 kB"
    expected_png = len(ctx.screenshot_png or b"")
    assert sizes["screenshot.png"] in (f"{expected_png} bytes", f"{expected_png / 1000:.1f} kB")
    assert page.total.text().startswith("4 attachments, ")


def test_review_says_when_evidence_is_not_ready_and_updates_when_it_is(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root, evidence=False)
    ctx.screenshot = fake_screenshot()
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    assert page.isComplete()  # never blocks: a collector that fails must not stop a request
    assert "still being collected" in page.pending.text()
    assert "screenshot is still being prepared" in page.pending.text()
    assert tree_rows(page.attachments) == []
    ctx.screenshot_png = png_bytes(ctx.screenshot)
    ctx.system_info = SYSTEM_INFO
    ctx.system_info_text = sysinfo.render_text(SYSTEM_INFO)
    ctx.system_info_json = sysinfo.to_json(SYSTEM_INFO)
    ctx.evidenceChanged.emit()
    assert not page.pending.isVisible()
    assert [r[0] for r in tree_rows(page.attachments)] == [
        "system-info.txt",
        "system-info.json",
        "screenshot.png",
    ]


def test_review_previews_text_and_image(qtbot: Any, ctx: WizardContext) -> None:
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    page.attachments.setCurrentItem(page.attachments.topLevelItem(0))
    dialog = page.preview_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    text = dialog.findChild(QPlainTextEdit, "partText")
    assert "Intel Core i5-8250U" in text.toPlainText()
    assert text.toPlainText() == ctx.evidence_files()[0].data.decode()
    dialog.close()
    page.attachments.setCurrentItem(page.attachments.topLevelItem(2))
    image_dialog = page.preview_selected()
    assert image_dialog is not None
    qtbot.addWidget(image_dialog)
    label = image_dialog.findChild(QLabel, "imagePreview")
    assert label.pixmap().width() == 160
    image_dialog.close()


# -- Sending and Done -------------------------------------------------------------


def sending_page(qtbot: Any, ctx: WizardContext) -> SendingPage:
    page = SendingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def send_through_page(qtbot: Any, ctx: WizardContext) -> Any:
    """Send the request through the Sending page as the wizard does; the sent outbox item."""
    page = sending_page(qtbot, ctx)
    with qtbot.waitSignal(page.finished, timeout=10000) as blocker:
        page.initializePage()
    item = blocker.args[0]
    assert item.state is State.SENT
    return item


def test_sending_to_a_working_backend_reaches_sent(qtbot: Any, data_root: Path) -> None:
    ctx = make_context(data_root, make_config(**{"backend.type": "http"}), LocalBackend(data_root))
    page = sending_page(qtbot, ctx)
    assert page.title() == "Sending your request"
    with qtbot.waitSignal(page.finished, timeout=10000) as blocker:
        page.initializePage()
    item = blocker.args[0]
    assert item.state is State.SENT
    assert ctx.item is item
    assert page.isComplete()
    assert page.status.text() == f"Sent as {item.ticket_ref}."
    tickets = LocalBackend(data_root).list_mine()
    assert [t.subject for t in tickets] == ["Printer on floor 2 prints blank pages"]
    assert ctx.submission.outbox.items() == []
    assert ctx.submission.drafts.load() is None  # a sent request clears its draft


class GatedBackend(LocalBackend):
    """Holds ``create`` until the test opens the gate, so the page can be watched mid-send."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.gate = threading.Event()

    def create(self, ticket: NewTicket) -> Ticket:
        assert self.gate.wait(10)
        return super().create(ticket)


def test_sending_shows_progress_from_the_worker_and_stays_responsive(
    qtbot: Any, data_root: Path
) -> None:
    backend = GatedBackend(data_root)
    ctx = make_context(data_root, make_config(**{"backend.type": "http"}), backend)
    page = sending_page(qtbot, ctx)
    page.initializePage()
    # The worker's progress callback reaches the label through a queued signal, while
    # the worker is still blocked in create(): the GUI thread is free all along.
    qtbot.waitUntil(lambda: page.status.text() == "Sending to the helpdesk…", timeout=10000)
    assert ctx.item is not None and ctx.item.state is State.QUEUED  # safe before sending
    assert page.progress_bar.maximum() == 0  # busy indicator
    assert not page.isComplete()
    with qtbot.waitSignal(page.finished, timeout=10000):
        backend.gate.set()
    assert ctx.item.state is State.SENT


def test_with_no_helpdesk_the_sending_page_never_speaks_of_one(qtbot: Any, data_root: Path) -> None:
    """Issue 15: nothing configured, the local store keeps the request; the page said
    "Sending your request", "Contacting the helpdesk…", "Sending to the helpdesk…" and
    "Sent as #1." while nothing left the computer."""
    backend = GatedBackend(data_root)
    ctx = make_context(data_root, backend=backend)
    assert ctx.config["backend.type"] == "local"
    page = sending_page(qtbot, ctx)
    said: list[str] = []
    watch = QTimer(page)
    watch.timeout.connect(lambda: said.append(page.status.text()))
    watch.start(1)
    page.initializePage()
    qtbot.waitUntil(lambda: ctx.item is not None, timeout=10000)
    qtbot.wait(50)  # the worker's progress line, were it shown, arrives now
    with qtbot.waitSignal(page.finished, timeout=10000):
        backend.gate.set()
    watch.stop()
    said.append(page.status.text())
    assert page.title() == "Saving your request"
    assert page.explain.text() == (
        f"{ctx.config['branding.name']} keeps your request on this computer. No helpdesk is "
        "connected, so it is not sent anywhere."
    )
    assert said[-1] == f"Kept on this computer as {ctx.item.ticket_ref}."
    for text in said:
        assert "helpdesk" not in text.lower() and not text.startswith("Sent"), text


class DownBackend(LocalBackend):
    """The helpdesk cannot be reached."""

    def create(self, ticket: NewTicket) -> Ticket:
        raise TemporaryError("connection refused")

    def find_by_client_ref(self, client_ref: str) -> Ticket | None:
        raise TemporaryError("connection refused")


def test_sending_when_the_helpdesk_is_down_keeps_the_request_safe(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root, backend=DownBackend(data_root))
    page = sending_page(qtbot, ctx)
    with qtbot.waitSignal(page.finished, timeout=10000) as blocker:
        page.initializePage()
    item = blocker.args[0]
    assert item.state in (State.FAILED, State.QUEUED)
    assert page.isComplete()  # the user may go on to Done
    text = page.result.text()
    assert text.startswith(
        "Your request is safe on this computer and will be sent "
        "automatically as soon as the helpdesk can be reached."
    )
    assert "cannot be reached right now" in text
    waiting = ctx.submission.outbox.items()
    assert [i.client_ref for i in waiting] == [ctx.form.client_ref]
    assert len(waiting[0].payload["attachments"]) == 3
    assert not page.retry_button.isVisible()
    ctx.runner.wait()

    done = DonePage(ctx)
    qtbot.addWidget(done)
    done.initializePage()
    assert done.number.text() == "Waiting to be sent"
    assert ctx.form.client_ref in done.next_steps.text()


def test_sending_when_the_request_cannot_be_saved_says_so_and_keeps_the_draft(
    qtbot: Any, ctx: WizardContext, tmp_path: Path
) -> None:
    gone = write(tmp_path / "gone.txt", 5)
    ctx.form.files = [str(gone)]
    gone.unlink()
    ctx.save_draft()
    ctx.runner.wait()
    page = sending_page(qtbot, ctx)
    page.initializePage()
    qtbot.waitUntil(page.retry_button.isVisible, timeout=10000)
    assert ctx.item is None
    assert not page.isComplete()
    assert "The file gone.txt is no longer there" in page.result.text()
    assert "kept as a draft" in page.result.text()
    assert ctx.submission.outbox.items() == []
    draft = ctx.submission.drafts.load()
    assert draft is not None and draft.summary == ctx.form.summary
    write(gone, 5)  # the user puts the file back and tries again
    with qtbot.waitSignal(page.finished, timeout=10000) as blocker:
        page.retry_button.click()
    assert blocker.args[0].state is State.SENT
    assert not page.retry_button.isVisible()


def test_done_shows_the_ticket_number(qtbot: Any, ctx: WizardContext) -> None:
    ctx.config.values.update(
        {
            "branding.support_hours": "Mon–Fri 8:00–18:00",
            "branding.support_phone": "+49 30 1234567",
            "branding.support_email": "help@example.org",
        }
    )
    item = ctx.submission.enqueue(ctx.prepare())
    ctx.item = ctx.submission.deliver(item.client_ref)
    page = DonePage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    assert page.number.text() == "#1"
    assert page.isFinalPage()
    assert page.findChild(QLabel, "doneHours").text() == "Mon–Fri 8:00–18:00"
    assert "help@example.org" in page.findChild(QLabel, "doneEmail").text()
    with qtbot.waitSignal(page.requestsWanted) as wanted:  # the session opens the window
        page.requestsWanted.connect(lambda _id: None)
        page.open_requests()
    assert wanted.args == [ctx.item.ticket_id]


@pytest.mark.parametrize("page_class", [EvidencePage, ReviewPage, SendingPage, DonePage])
def test_every_control_has_an_accessible_name(
    qtbot: Any, ctx: WizardContext, page_class: type
) -> None:
    page = page_class(ctx)
    qtbot.addWidget(page)
    if page_class is not SendingPage:  # Sending starts work when initialised
        page.initializePage()
    controls = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QPlainTextEdit | QAbstractItemView)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert controls
    for widget in controls:
        assert widget.accessibleName(), f"{widget.objectName()} has no accessible name"
        assert widget.objectName(), f"a {type(widget).__name__} has no objectName"


def test_done_after_adding_to_an_open_request_names_that_request(
    qtbot: Any, ctx: WizardContext, data_root: Path
) -> None:
    first = LocalBackend(data_root).create(
        NewTicket(
            subject="VPN drops",
            body="Every hour.",
            requester=ctx.form.requester,
            client_ref="earlier",
        )
    )
    ctx.form.reply_to = first.id
    page = sending_page(qtbot, ctx)
    with qtbot.waitSignal(page.finished, timeout=10000) as blocker:
        page.initializePage()
    assert blocker.args[0].state is State.SENT
    assert page.status.text() == f"Added to #{first.id} on this computer."  # no helpdesk
    done = DonePage(ctx)
    qtbot.addWidget(done)
    done.initializePage()
    assert done.number.text() == f"#{first.id}"
    assert "added to your request" in done.caption.text()
    assert len(LocalBackend(data_root).messages(first.id)) == 2


def _done_texts(page: DonePage) -> str:
    return " | ".join(
        [page.subTitle(), page.caption.text(), page.number.text(), page.next_steps.text()]
    )


def test_done_says_exactly_what_happened_in_each_case(
    qtbot: Any, data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: Done said "reached the helpdesk" for the local store, where nothing left the
    computer, and promised a send "as soon as the helpdesk can be reached" that waited for
    the person to reopen Helpline. Each case now says what is true: kept on this computer,
    reached support as #N (the real reference server), waiting and sent by itself even after
    the window closes (the server down), or waiting for the person (a refused sign-in)."""
    from app.backends.helpline_http import HelplineHttpBackend
    from tests.backends.helpline_http_server import HelplineServer

    local = make_context(data_root / "local")
    local.item = local.submission.deliver(local.submission.enqueue(local.prepare()).client_ref)
    page = DonePage(local)
    qtbot.addWidget(page)
    page.initializePage()
    said = _done_texts(page)
    assert "kept on this computer" in said and "nobody at support sees it" in said
    assert "please also call" not in said  # no ways to call are configured: none promised
    local.config.values["branding.support_phone"] = "+49 30 1234567"
    page = DonePage(local)
    qtbot.addWidget(page)
    page.initializePage()
    assert "please also call or write to support if it is urgent" in _done_texts(page)
    assert "reached" not in said and page.number.text() == "#1"

    server = HelplineServer({"tok": {"name": "Ada Lovelace", "email": "ada@example.org"}})
    server.start()
    try:
        config = make_config(
            **{"backend.type": "http", "backend.url": server.url, "backend.token": "tok"}
        )
        sent = make_context(data_root / "sent", config, HelplineHttpBackend.from_config(config))
        sent.item = sent.submission.deliver(sent.submission.enqueue(sent.prepare()).client_ref)
        page = DonePage(sent)
        qtbot.addWidget(page)
        page.initializePage()
        assert page.subTitle() == "Your request has reached support."
        assert page.number.text() == sent.item.ticket_ref and page.number.text()

        refused = make_context(
            data_root / "refused",
            make_config(
                **{"backend.type": "http", "backend.url": server.url, "backend.token": "wrong"}
            ),
            HelplineHttpBackend.from_config(
                make_config(
                    **{"backend.type": "http", "backend.url": server.url, "backend.token": "wrong"}
                )
            ),
        )
        refused.item = refused.submission.deliver(
            refused.submission.enqueue(refused.prepare()).client_ref
        )
        page = DonePage(refused)
        qtbot.addWidget(page)
        page.initializePage()
        said = _done_texts(page)
        assert "Needs you" in said and "sign-in" in said and "automatically" not in said
    finally:
        server.stop()
    down = make_config(
        **{"backend.type": "http", "backend.url": server.url, "backend.token": "tok"}
    )
    waiting = make_context(data_root / "waiting", down, HelplineHttpBackend.from_config(down))
    waiting.item = waiting.submission.deliver(
        waiting.submission.enqueue(waiting.prepare()).client_ref
    )
    for shown, told in (
        (True, "you will get a notification"),
        (False, "My requests shows when it has reached support"),
    ):
        monkeypatch.setattr("app.ui.pages.done.notifications_shown", lambda shown=shown: shown)
        page = DonePage(waiting)
        qtbot.addWidget(page)
        page.initializePage()
        said = _done_texts(page)
        assert "Waiting to be sent" in said and "even after you close this window" in said
        assert told in said and "reached" not in page.subTitle()


def test_review_reads_the_users_files_on_a_worker_not_the_gui_thread(
    qtbot: Any, ctx: WizardContext, tmp_path: Path
) -> None:
    """The GUI thread never waits on the disk: a large log is read and scanned on the
    runner, Review says so meanwhile, then shows the request (it used to read it inline)."""
    log = tmp_path / "vpn.log"
    log.write_text("tunnel down\n" * 200_000, "utf-8")
    ctx.form.files = [str(log)]
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    read_on: list[bool] = []
    scan = ctx.submission.scan_ahead

    def watched(paths: list[str]) -> None:
        read_on.append(QThread.currentThread() is QCoreApplication.instance().thread())
        scan(paths)

    ctx.submission.scan_ahead = watched  # type: ignore[method-assign]
    page.initializePage()
    assert page.checking_files and not page.isComplete()
    assert "Checking your files" in page.pending.text()
    qtbot.waitUntil(lambda: not page.checking_files)
    assert read_on == [False] and page.isComplete()
    assert "vpn.log" in page.total.text() or page.ticket is not None
