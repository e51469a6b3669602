"""My requests shows the receipt of a request filed here: its size, its folder, a check."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from app.backends.local import LocalBackend
from app.collectors import receipts
from app.core.attachments import EvidenceFile
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester, Ticket
from app.services.filing import Submission
from app.ui.requests.receipt_strip import ReceiptStrip
from app.ui.requests.window import RequestsWindow
from app.ui.tasks import InlineRunner, TaskRunner
from tests.ui.test_a11y import language


def _filed(root: Path) -> tuple[Submission, str, str]:
    """A request filed through the filing service, which keeps the receipt."""
    config = load(env={})
    backend = LocalBackend(root)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    form = RequestForm(
        requester=Requester(name="Ada", email="ada@example.org"),
        summary="Printer prints blank pages",
        happened="Blank pages",
    )
    evidence = [EvidenceFile("system-info.txt", b"Debian 12\n", "text/plain", "system-info")]
    item = submission.enqueue(submission.prepare(form, evidence))
    item = submission.deliver(item.client_ref)
    return submission, item.ticket_id, item.client_ref


def _window(
    qtbot: Any, root: Path, runner: TaskRunner | None = None
) -> tuple[RequestsWindow, Path]:
    submission, ticket_id, ref = _filed(root)
    win = RequestsWindow(
        submission.config, runner or InlineRunner(), submission, select_ticket=ticket_id
    )
    qtbot.addWidget(win)
    win.show()
    path = receipts.receipt_path(ref, root)
    assert path is not None
    strip = win.conversation.receipt
    qtbot.waitUntil(lambda: strip.isVisible(), timeout=5000)
    return win, path


def test_the_receipt_is_shown_with_its_size_and_its_folder_opens(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    win, path = _window(qtbot, root)
    strip = win.conversation.receipt
    size = path.stat().st_size
    assert (
        strip.label.text()
        == f"An exact copy of this request is kept on this computer ({size / 1000:.1f} kB)."
    )
    opened: list[QUrl] = []
    strip.open_url = opened.append
    strip.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(path.parent))]


def test_in_german_the_receipt_size_uses_a_decimal_comma(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    with language("de"):
        win, path = _window(qtbot, root)
        text = win.conversation.receipt.label.text()
    size = path.stat().st_size
    assert size >= 1000  # a zip with a manifest: shown in kB, where the comma matters
    shown = re.fullmatch(
        r"Eine genaue Kopie dieser Anfrage liegt auf diesem Computer \((\d+),(\d) kB\)\.", text
    )
    assert shown is not None, text
    assert abs(float(f"{shown[1]}.{shown[2]}") - size / 1000) <= 0.05


def test_verify_runs_on_the_windows_runner_and_says_all_files_match(
    qtbot: Any, isolated_dirs: dict[str, Path], qapp: Any
) -> None:
    root = isolated_dirs["data"] / "helpline"
    runner = TaskRunner(qapp)
    win, path = _window(qtbot, root, runner)
    strip = win.conversation.receipt
    strip.verify_button.click()
    assert not strip.verify_button.isEnabled()  # the check runs on a worker
    assert strip.result.text() == "Checking…"
    qtbot.waitUntil(lambda: strip.verify_button.isEnabled(), timeout=5000)
    assert strip.runner is runner
    with zipfile.ZipFile(path) as archive:
        files = len(archive.namelist()) - 1  # all but the manifest
    assert files == 3  # request.json, description.txt, the system information
    assert strip.result.text() == f"All {files} files are unchanged."
    assert strip.verify_button.isEnabled()


def test_a_changed_receipt_is_reported_in_the_checks_own_words(
    qtbot: Any, isolated_dirs: dict[str, Path]
) -> None:
    root = isolated_dirs["data"] / "helpline"
    win, path = _window(qtbot, root)
    with zipfile.ZipFile(path) as archive:
        kept = {name: archive.read(name) for name in archive.namelist()}
    kept["description.txt"] += b"added later"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in kept.items():
            archive.writestr(name, data)
    win.conversation.receipt.verify_button.click()
    assert win.conversation.receipt.result.text() == (
        "description.txt does not match its manifest entry: it was changed after the "
        "bundle was written"
    )


def test_no_receipt_no_strip(qtbot: Any, isolated_dirs: dict[str, Path]) -> None:
    strip = ReceiptStrip()
    qtbot.addWidget(strip)
    strip.root = isolated_dirs["data"] / "helpline"
    strip.show_for("0123456789abcdef")
    assert strip.path is None and strip.isHidden()
    strip.show_for("../escape")
    assert strip.path is None and strip.isHidden()


class NoReference(LocalBackend):
    """A helpdesk that does not hand Helpline's reference back (most of them)."""

    def list_mine(self, since: Any = None) -> list[Ticket]:
        return [replace(t, client_ref="") for t in super().list_mine(since)]

    def get(self, ticket_id: str) -> Ticket:
        return replace(super().get(ticket_id), client_ref="")


def test_the_outbox_finds_the_receipt_when_the_helpdesk_forgets_the_reference(
    qtbot: Any, isolated_dirs: dict[str, Path], qapp: Any
) -> None:
    root = isolated_dirs["data"] / "helpline"
    submission, ticket_id, ref = _filed(root)
    backend = NoReference(root)
    submission = Submission(submission.config, root=root, backend_factory=lambda _c: backend)
    assert backend.get(ticket_id).client_ref == ""
    win = RequestsWindow(submission.config, TaskRunner(qapp), submission, select_ticket=ticket_id)
    qtbot.addWidget(win)
    win.show()
    strip = win.conversation.receipt
    qtbot.waitUntil(lambda: strip.isVisible(), timeout=5000)
    assert strip.path == receipts.receipt_path(ref, root)
