"""The Review page of a request whose helpdesk takes no files (like GitHub): it says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThread, QThreadPool
from PySide6.QtWidgets import QLabel, QTreeWidget

from app.backends.local import LocalBackend
from app.core.attachments import kept_files_line
from app.core.helpdesk import Capabilities
from app.ui.pages.review import ReviewPage
from tests.ui.test_pages_last import make_context

NOTE = "Files cannot be attached here; they are kept in the receipt on this computer."


class NoFiles(LocalBackend):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.asked_on: list[QThread] = []

    def capabilities(self) -> Capabilities:
        self.asked_on.append(QThread.currentThread())
        return Capabilities(attachments=False, limits_note=NOTE)


@pytest.fixture(autouse=True)
def _finish_background_work(qapp: Any) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()


def test_review_shows_the_limits_note_and_keeps_the_files(
    qtbot: Any, isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    root = isolated_dirs["data"] / "helpline"
    backend = NoFiles(root / "helpdesk")
    ctx = make_context(root, backend=backend)
    notes = tmp_path / "notes.txt"
    notes.write_text("steps\n", "utf-8")
    ctx.form.files = [str(notes)]
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()

    note = page.findChild(QLabel, "reviewFilesKept")
    assert note is not None
    qtbot.waitUntil(lambda: note.isVisible())  # once a worker has asked the backend
    assert backend.asked_on and QThread.currentThread() not in backend.asked_on
    assert note.text() == NOTE

    assert page.ticket is not None and page.ticket.attachments == ()
    names = ["notes.txt", "system-info.txt", "system-info.json", "screenshot.png"]
    assert kept_files_line(names) in page.body.toPlainText()
    tree = page.findChild(QTreeWidget, "reviewAttachments")
    assert tree is not None and tree.topLevelItemCount() == 4
    for row in range(4):
        assert tree.topLevelItem(row).text(1).endswith("kept on this computer")
    total = page.findChild(QLabel, "reviewTotal")
    assert total is not None and total.text() == (
        "Nothing is attached: 4 files stay on this computer."
    )
    assert page.isComplete()


def test_a_helpdesk_that_takes_files_shows_no_note(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    ctx = make_context(root)
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    qtbot.waitUntil(lambda: ctx.submission.known_capabilities is not None)
    qtbot.waitUntil(lambda: not page.pending.isVisible())
    note = page.findChild(QLabel, "reviewFilesKept")
    assert note is not None and not note.isVisible()
    assert page.ticket is not None and len(page.ticket.attachments) == 3


def test_evidence_page_says_files_stay_here(qtbot: Any, isolated_dirs: dict[str, Path]) -> None:
    from app.ui.pages.evidence import EvidencePage

    root = isolated_dirs["data"] / "helpline"
    ctx = make_context(root, backend=NoFiles(root / "helpdesk"))
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    note = page.findChild(QLabel, "filesKeptNote")
    assert note is not None
    qtbot.waitUntil(lambda: note.isVisible())
    assert note.text() == NOTE


def test_the_note_never_contradicts_the_request_as_prepared(
    qtbot: Any, isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    """The worker asking the helpdesk may learn "no files" between Review preparing the
    request (with its files) and showing it: the page must then say what the prepared
    request does until the answer's own refresh prepares it again (this raced before)."""
    root = isolated_dirs["data"] / "helpline"
    ctx = make_context(root, backend=NoFiles(root / "helpdesk"))
    notes = tmp_path / "notes.txt"
    notes.write_text("steps\n", "utf-8")
    ctx.form.files = [str(notes)]
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    prepare = ctx.prepare
    learned: list[bool] = []

    def prepare_then_learn() -> Any:
        outgoing = prepare()
        if not learned:  # the worker's answer lands right after the first preparation
            ctx.submission._capabilities = Capabilities(attachments=False, limits_note=NOTE)
            learned.append(True)
        return outgoing

    ctx.prepare = prepare_then_learn  # type: ignore[method-assign]
    page._asking = True  # the worker's question is under way; its answer comes later
    page.initializePage()
    qtbot.waitUntil(lambda: not page.checking_files)
    note = page.findChild(QLabel, "reviewFilesKept")
    assert note is not None and page.ticket is not None
    assert page.ticket.attachments  # prepared before the helpdesk's limits were known
    assert not note.isVisible()  # so the page does not claim the files stay here
    page._answered(None)  # the worker's answer: prepare again, now without files
    assert page.ticket is not None and page.ticket.attachments == ()
    assert note.isVisible() and note.text() == NOTE
