"""Evidence and privacy end to end: what the user switches, edits, unmasks or leaves out
is exactly what reaches the helpdesk (the local backend) and the receipt."""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton, QWidget

from app.backends.local import LocalBackend
from app.collectors.bundle import verify_bundle
from app.collectors.image_edit import Edit, Tool
from app.collectors.secrets import MASK
from app.core.schema import DEFAULT_CATEGORIES
from app.ui.context import WizardContext
from app.ui.pages.review import ReviewPage
from app.ui.widgets import screenshot_panel
from app.ui.widgets.part_viewer import PartViewer
from tests.ui.test_pages_last import (
    _finish_background_work,  # noqa: F401  (autouse fixture)
    data_root,  # noqa: F401  (fixture)
    evidence_page,
    make_config,
    make_context,
    send_through_page,
    tree_rows,
)

PASSWORD = "Pr1nter-Adm1n!"
TOKEN = "ghp_" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"


def _context(root: Path, tmp_path: Path, **values: Any) -> WizardContext:
    log = tmp_path / "spooler.log"
    log.write_text(f"job 41 ok\nretrying with token {TOKEN}\njob 42 failed\n", "utf-8")
    categories = copy.deepcopy(DEFAULT_CATEGORIES)
    next(c for c in categories if c["id"] == "printer")["logs"] = [str(log)]
    ctx = make_context(root, config=make_config(categories=categories, **values))
    ctx.form.happened = f"The admin page says password={PASSWORD} is wrong"
    return ctx


def _review(qtbot: Any, ctx: WizardContext) -> ReviewPage:
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    qtbot.waitUntil(lambda: not page.checking_files)  # the user's files, read on a worker
    return page


def _send(qtbot: Any, ctx: WizardContext) -> tuple[Any, LocalBackend]:
    item = send_through_page(qtbot, ctx)
    backend = LocalBackend(ctx.submission.root)
    (message,) = backend.messages(item.ticket_id)
    return message, backend


def _attachment(message: Any, name: str) -> bytes:
    return next(Path(a.path).read_bytes() for a in message.attachments if a.filename == name)


def test_switching_a_section_off_changes_the_text_and_json_sent(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root)
    page = evidence_page(qtbot, ctx)

    def files() -> dict[str, str]:
        return {
            f.filename: f.data.decode() for f in ctx.evidence_files() if f.kind == "system-info"
        }

    assert "Intel Core i5-8250U" in files()["system-info.txt"]
    assert "cpu" in json.loads(files()["system-info.json"])["sections"]
    cpu = page.findChild(QWidget, "section_cpu")
    assert not cpu.isVisible()  # the parts are chosen with the details in view
    page.details_button.click()
    assert cpu.isVisible()
    cpu.click()
    assert ctx.sections == [
        "os",
        "machine",
        "user",
        "memory",
        "disks",
        "network",
        "display",
        "locale",
        "uptime",
        "battery",
        "processes",
        "programs",
    ]
    assert "Intel Core" not in files()["system-info.txt"]
    assert "Processor" not in files()["system-info.txt"]
    assert list(json.loads(files()["system-info.json"])["sections"]) == ["os", "machine", "memory"]
    assert "Intel Core" not in page.system_text.toPlainText()  # the details show what is sent
    cpu.click()
    assert "Intel Core i5-8250U" in files()["system-info.txt"]


def test_edited_screenshot_is_what_is_sent_and_the_original_is_dropped(
    qtbot: Any, data_root: Path
) -> None:
    ctx = make_context(data_root)
    original = ctx.screenshot
    page = evidence_page(qtbot, ctx)
    dialog = page.screenshot_panel.edit_screenshot()
    assert dialog is not None
    dialog.canvas.add_edit(Edit(Tool.BLACK_OUT, (10, 30), (70, 60)))  # over the white line
    dialog.findChild(QPushButton, "useScreenshotButton").click()
    assert ctx.screenshot is not original
    qtbot.waitUntil(lambda: ctx.screenshot_png is not None, timeout=10000)
    sent = QImage.fromData(
        next(f.data for f in ctx.evidence_files() if f.filename == "screenshot.png")
    )
    black, blue = QColor(0, 0, 0), QColor("#3a7bd5")
    for x, y in ((10, 30), (40, 45), (70, 60)):
        assert sent.pixelColor(x, y) == black
    assert sent.pixelColor(5, 45) == QColor("#ffffff")  # the line outside the box is kept
    assert sent.pixelColor(100, 10) == blue
    message, _backend = _send(qtbot, ctx)
    stored = QImage.fromData(_attachment(message, "screenshot.png"))
    assert stored.pixelColor(40, 45) == black and stored.pixelColor(100, 10) == blue


def test_secrets_are_masked_highlighted_and_one_can_be_sent_clear(
    qtbot: Any, data_root: Path, tmp_path: Path
) -> None:
    ctx = _context(data_root, tmp_path)
    page = evidence_page(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(ctx.log_parts), timeout=10000)
    assert tree_rows(page.logs_list)[0][0] == "spooler.log"
    review = _review(qtbot, ctx)
    body = review.body.toPlainText()
    assert PASSWORD not in body and f"password={MASK} is wrong" in body
    assert review.secrets.isVisible() and "hid 2 passwords, keys or tokens" in review.secrets.text()
    rows = {r[0]: r for r in tree_rows(review.attachments)}
    assert rows["spooler.log"][3] == "1"  # one secret hidden in the log

    viewer = review.open_description()
    assert isinstance(viewer, PartViewer)
    qtbot.addWidget(viewer)
    assert viewer.highlighted() == [(MASK, True)]
    assert viewer.text.toPlainText() == body  # the viewer shows exactly what is sent
    viewer.close()

    names = [r[0] for r in tree_rows(review.attachments)]
    review.attachments.setCurrentItem(review.attachments.topLevelItem(names.index("spooler.log")))
    log_viewer = review.preview_selected()
    assert isinstance(log_viewer, PartViewer)
    qtbot.addWidget(log_viewer)
    assert log_viewer.highlighted() == [("ghp_" + MASK, True)]
    log_viewer.set_kept(0, True)  # the user sends this one token clear, deliberately
    assert log_viewer.highlighted() == [(TOKEN, False)]
    assert TOKEN in log_viewer.text.toPlainText()
    assert "hid one password, key or token" in review.secrets.text()
    log_viewer.close()

    message, _backend = _send(qtbot, ctx)
    assert PASSWORD not in message.body and f"password={MASK} is wrong" in message.body
    assert _attachment(message, "spooler.log").decode() == (
        f"job 41 ok\nretrying with token {TOKEN}\njob 42 failed\n"
    )
    assert message.body == review.body.toPlainText()

    # The receipt holds the same bytes, with hashes that match.
    receipt = ctx.receipt_path()
    assert receipt is not None
    manifest = verify_bundle(receipt)
    with zipfile.ZipFile(receipt) as archive:
        assert archive.read("description.txt").decode() == message.body
        assert archive.read("attachments/spooler.log") == _attachment(message, "spooler.log")
    assert {e.name for e in manifest.files} >= {
        "attachments/system-info.json",
        "attachments/screenshot.png",
    }


def test_without_allow_unmask_nothing_can_be_sent_clear(
    qtbot: Any,
    data_root: Path,
    tmp_path: Path,
) -> None:
    ctx = _context(data_root, tmp_path, **{"privacy.allow_unmask": False})
    review = _review(qtbot, ctx)
    viewer = review.open_description()
    assert viewer is not None
    qtbot.addWidget(viewer)
    item = viewer.findings.topLevelItem(0)
    assert item.data(0, Qt.ItemDataRole.CheckStateRole) is None  # nothing to tick
    assert "tick" not in viewer.explain.text()
    viewer.close()


def test_the_review_tick_gates_send_when_policy_requires_it(qtbot: Any, data_root: Path) -> None:
    ctx = make_context(data_root, config=make_config(**{"privacy.require_review_tick": True}))
    review = _review(qtbot, ctx)
    assert review.reviewed.isVisible()
    assert not review.isComplete()
    with qtbot.waitSignal(review.completeChanged):
        review.reviewed.click()
    assert review.isComplete()
    review.reviewed.click()
    assert not review.isComplete()

    relaxed = _review(qtbot, make_context(data_root / "other"))
    assert not relaxed.reviewed.isVisible() and relaxed.isComplete()


def test_any_attachment_can_be_left_out_on_review_and_put_back(
    qtbot: Any, data_root: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("my notes", "utf-8")
    ctx = make_context(data_root)
    ctx.form.files = [str(note)]
    review = _review(qtbot, ctx)
    review.attachments.set_included("system-info.json", False)
    review.attachments.set_included("note.txt", False)
    qtbot.waitUntil(lambda: "system-info.json" in ctx.excluded and not ctx.form.files)
    assert [f.filename for f in ctx.evidence_files()] == ["system-info.txt", "screenshot.png"]
    rows = {r[0]: r for r in tree_rows(review.attachments)}
    assert rows["system-info.json"][2] == "left out" and rows["note.txt"][2] == "left out"
    assert review.total.text().startswith("2 attachments")
    review.attachments.set_included("note.txt", True)
    qtbot.waitUntil(lambda: ctx.form.files == [str(note)])
    message, _backend = _send(qtbot, ctx)
    assert sorted(a.filename for a in message.attachments) == [
        "note.txt",
        "screenshot.png",
        "system-info.txt",
    ]


def test_a_log_can_be_removed_on_the_evidence_page(
    qtbot: Any,
    data_root: Path,
    tmp_path: Path,
) -> None:
    ctx = _context(data_root, tmp_path)
    page = evidence_page(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(ctx.log_parts), timeout=10000)
    assert "spooler.log" in [f.filename for f in ctx.evidence_files()]
    row = tree_rows(page.logs_list)[0]
    assert row[0] == "spooler.log" and row[1].endswith("bytes")
    page.logs_list.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "spooler.log" in ctx.excluded)
    assert "spooler.log" not in [f.filename for f in ctx.evidence_files()]


def test_take_again_hides_the_window_and_shows_it_again(
    qtbot: Any, data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screenshot_panel, "RETAKE_MS", 50)
    ctx = make_context(data_root)
    page = evidence_page(qtbot, ctx)
    panel = page.screenshot_panel
    panel.retake_button.click()
    assert not page.isVisible() and not panel.retake_button.isEnabled()
    qtbot.waitUntil(page.isVisible, timeout=5000)
    assert panel.retake_button.isEnabled()


@pytest.mark.xvfb
def test_take_again_on_a_real_screen_leaves_the_wizard_out(
    xvfb_display: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tests.collectors.scenes import run_scene
    from tests.collectors.test_screenshot import _count_in

    out, report = run_scene(
        Path(__file__).with_name("retake_scene.py"), xvfb_display, tmp_path_factory
    )
    assert report["hidden_at_once"] and report["shown_again"]
    assert report["sent_name"] == "screenshot.png"
    before, sent = QImage(str(out / "before.png")), QImage(str(out / "sent.png"))
    colour, rect = report["desktop"]["colour"], report["desktop"]["rect"]
    area = rect[2] * rect[3]
    assert _count_in(before, colour, rect) < area * 0.8  # the page covered part of it
    assert _count_in(sent, colour, rect) == area  # and was not in the capture


def test_each_wizards_choices_apply_to_its_own_request_only(data_root: Path) -> None:
    ctx = make_context(data_root)
    other = WizardContext(ctx.config, ctx.submission, ctx.runner)
    assert ctx.receipt_path() is None  # nothing is kept before the request is safe
    ctx.form.happened = "password=first-Secret1"
    other.form.happened = "password=second-Secret2"
    other.form.requester = ctx.form.requester
    assert "first-Secret1" not in ctx.prepare().ticket.body
    assert ctx.description is not None
    ctx.description.set_kept(0, True)
    assert "first-Secret1" in ctx.prepare().ticket.body  # the choice survives re-preparing
    assert "second-Secret2" not in other.prepare().ticket.body
    assert "first-Secret1" in ctx.prepare().ticket.body
    # A request nobody reviewed (helpline submit) is masked in full.
    assert "first-Secret1" not in ctx.submission.prepare(ctx.form).ticket.body


def test_the_users_own_text_file_is_scanned_opened_and_sent_masked(
    qtbot: Any, data_root: Path, tmp_path: Path
) -> None:
    ctx = make_context(data_root)
    log = tmp_path / "vpn.log"  # no text/* type by its name: it used to be unopenable
    log.write_text(f"12:00 tunnel down\nauth with token {TOKEN}\nretry password={PASSWORD}\n")
    blob = tmp_path / "dump.bin"
    blob.write_bytes(b"\x00\x01binary " + TOKEN.encode())
    ctx.form.files = [str(log), str(blob)]
    review = _review(qtbot, ctx)
    rows = {r[0]: r for r in tree_rows(review.attachments)}
    assert rows["vpn.log"][3] == "2"  # both found and hidden, like in the description
    assert "hid 2 passwords, keys or tokens" in review.secrets.text()
    names = [r[0] for r in tree_rows(review.attachments)]
    review.attachments.setCurrentItem(review.attachments.topLevelItem(names.index("vpn.log")))
    assert review.preview_button.isEnabled()
    viewer = review.preview_selected()
    assert isinstance(viewer, PartViewer)
    qtbot.addWidget(viewer)
    assert viewer.highlighted() == [("ghp_" + MASK, True), (MASK, True)]
    viewer.set_kept(1, True)  # this one goes clear, deliberately; the token stays hidden
    viewer.set_kept(1, False)
    viewer.set_kept(1, True)  # each choice builds on the one before
    assert "hid one password, key or token" in review.secrets.text()
    viewer.close()
    assert log.read_text().count(TOKEN) == 1  # the user's own file is never changed

    message, _backend = _send(qtbot, ctx)
    sent = _attachment(message, "vpn.log").decode()
    assert sent == f"12:00 tunnel down\nauth with token ghp_{MASK}\nretry password={PASSWORD}\n"
    assert _attachment(message, "dump.bin") == blob.read_bytes()  # binary: as it is
