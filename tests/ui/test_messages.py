"""Sentences of the Qt-free layers in the user's language (app/ui/messages.py).

In English the windows must say exactly what the CLI says (the same facts, the same
words); in German the pages that show them must not leave the English on screen. The
lists of fixed sentences are checked against their sources, so a new backend note or
error text cannot quietly stay English.
"""

from __future__ import annotations

import ast
import inspect
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from app.backends.local import LocalBackend, StoreUnavailable
from app.collectors import sysinfo_text
from app.collectors.image_edit import Tool
from app.collectors.logs import LogFile
from app.core import helpdesk as base
from app.core import outbox, quality
from app.core.attachments import AttachmentProblem, check_file, check_total
from app.core.form import RequestForm
from app.core.model import Attachment
from app.core.outbox import Item, State
from app.core.priority import IMPACT_LABELS, URGENCY_LABELS
from app.core.schema import DEFAULT_CATEGORIES
from app.ui import messages
from app.ui.pages import problem
from app.ui.pages.problem import ProblemPage
from app.ui.requests.screenshot import attach_screenshot
from app.ui.widgets.log_list import LogList
from app.ui.widgets.part_list import PartList, Row
from app.ui.widgets.redact import _TOOLS, RedactDialog
from tests.ui.test_a11y import language
from tests.ui.test_pages_last import (  # noqa: F401 - the autouse fixture applies here
    SYSTEM_INFO,
    DownBackend,
    _finish_background_work,
    evidence_page,
    fake_screenshot,
    make_config,
    make_context,
    png_bytes,
    sending_page,
    write,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "helpline_de.ts"
BACKENDS = ROOT / "app" / "backends"


@pytest.fixture
def data_root(isolated_dirs: dict[str, Path]) -> Path:
    root = isolated_dirs["data"] / "helpline"
    root.mkdir()
    return root


def item(state: State, **fields: Any) -> Item:
    values: dict[str, Any] = {
        "client_ref": "ref-1", "kind": "ticket", "target": "", "summary": "VPN drops",
        "state": state, "attempts": 1, "last_error": "", "auto_retry": True,
        "next_attempt": 1000.0, "ticket_id": "", "ticket_ref": "", "created_at": 0.0,
        "payload": {}}
    values.update(fields)
    return Item(**values)


# -- English: the windows say what the CLI says ------------------------------------------


@pytest.mark.parametrize("state_item", [
    item(State.SENT, ticket_ref="#42"),
    item(State.SENDING),
    item(State.QUEUED),
    item(State.FAILED, last_error=base.TemporaryError().user_message()),
    item(State.FAILED, last_error=base.TemporaryError().user_message(), next_attempt=1002.0),
    item(State.FAILED, last_error=base.RateLimited().user_message(), next_attempt=1000 + 600),
    item(State.FAILED, last_error=base.AuthenticationError().user_message(), auto_retry=False),
    item(State.FAILED, last_error=base.PermanentError("Jira did not accept every file.")
         .user_message(), auto_retry=False),
    item(State.FAILED, last_error=StoreUnavailable("database is locked").user_message()),
])
def test_in_english_the_outbox_state_is_the_cli_sentence(qapp: Any, state_item: Item) -> None:
    with language("en"):
        assert messages.outbox_state(state_item, now=970.0) == state_item.describe(now=970.0)


def test_in_english_attachment_problems_hint_and_summary_match_the_cli(
        qapp: Any, tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    problems = []
    for path in (tmp_path / "gone.txt", folder):
        with pytest.raises(AttachmentProblem) as caught:
            check_file(str(path))
        problems.append(caught.value)
    thin = RequestForm(summary="Outlook", happened="doesn't work")
    with language("en"):
        assert [messages.attachment_problem(p) for p in problems] == [str(p) for p in problems]
        assert messages.quality_hint(thin) == quality.hint(thin) != ""
        assert messages.summary_line(SYSTEM_INFO) == sysinfo_text.summary_line(SYSTEM_INFO)
        assert messages.summary_line({}) == "System information unavailable"


# -- German: the pages show German, not the lower layers' English -----------------------


def test_german_sending_page_says_why_and_when_it_tries_again(qtbot: Any,
                                                             data_root: Path) -> None:
    with language("de"):
        ctx = make_context(data_root, backend=DownBackend(data_root))
        page = sending_page(qtbot, ctx)
        with qtbot.waitSignal(page.finished, timeout=10000):
            page.initializePage()
        ctx.runner.wait()
        text = page.result.text()
        status = page.status.text()
    assert status == "Noch nicht gesendet."
    assert text == ("Ihre Anfrage ist auf diesem Computer sicher gespeichert und wird automatisch "
                    "gesendet, sobald der Helpdesk erreichbar ist. Der Helpdesk ist gerade nicht "
                    "erreichbar. Helpline versucht es in etwa 30 Sekunden erneut.")
    assert text.count("erneut") == 1  # said once, not "will keep trying … will try again"


def test_german_evidence_page_sizes_limit_and_summary(qtbot: Any, data_root: Path,
                                                      tmp_path: Path) -> None:
    big = write(tmp_path / "photo.jpg", 3 * 1024 * 1024)
    with language("de"):
        ctx = make_context(data_root, config=make_config(max_mb=2.0))
        page = evidence_page(qtbot, ctx)
        assert page.add_files([str(big)]) == []
        row = page.files_list.topLevelItem(0)
        assert row is not None
        size = row.text(1)
        problem_text = page.problem_label.text()
        summary = page.system_summary.text()
        ctx.runner.wait()
    assert size == "3,0 MB"
    assert problem_text.startswith("Die Anhänge sind zusammen ")
    assert "mehr als die 2,0 MB, die der Helpdesk annimmt. Bitte lassen Sie photo.jpg " \
           "(3,0 MB) weg" in problem_text
    assert summary.startswith("Debian 12 · 8 CPUs · 16 GiB RAM · Rechner ws-042 (")
    assert "host" not in summary and "add up to" not in problem_text


def test_german_attachment_problems_name_the_file(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(AttachmentProblem) as gone:
        check_file(str(tmp_path / "gone.txt"))
    with pytest.raises(AttachmentProblem) as too_big:
        check_total((Attachment(filename="a.log", size=2048),
                     Attachment(filename="b.png", size=3 * 2**20)), 2**20)
    with language("de"):
        assert messages.attachment_problem(gone.value) == (
            "Die Datei gone.txt ist nicht mehr vorhanden. Bitte fügen Sie sie erneut hinzu "
            "oder lassen Sie sie weg.")
        assert messages.attachment_problem(too_big.value) == (
            "Die Anhänge sind zusammen 3,0 MB groß, mehr als die 1,0 MB, die der Helpdesk "
            "annimmt. Bitte lassen Sie b.png (3,0 MB) weg oder hängen Sie eine kleinere "
            "Datei an.")
        assert messages.file_size(512) == "512 Bytes"


def test_german_problem_page_hint_and_categories(qtbot: Any, data_root: Path) -> None:
    with language("de"):
        ctx = make_context(data_root)
        ctx.form.category = "computer"
        ctx.form.summary, ctx.form.happened = "Outlook", "doesn't work"
        ctx.form.where = ctx.form.doing = ctx.form.since = ctx.form.error_text = ""
        page = ProblemPage(ctx)
        qtbot.addWidget(page)
        page.update_hint()
        hint = page.hint.text()
        labels = [page.category.itemText(i) for i in range(page.category.count())]
        reason = page.category_box.reason.text()
        ctx.runner.wait()
    assert hint == ("Der Support kann viel schneller helfen, wenn Sie noch angeben: was genau "
                    "auf dem Bildschirm passiert, welches Programm oder welche Webadresse, was "
                    "Sie kurz davor getan haben und seit wann es auftritt. Sie können die "
                    "Anfrage auch so senden.")
    assert "Drucker oder Scanner" in labels and "Printer or scanner" not in labels
    assert reason == "Ihr Computer, ein Programm oder etwas, das abstürzt oder nicht startet."


def test_german_outbox_states_and_errors(qapp: Any) -> None:
    refused = base.PermanentError("No helpdesk address is set (backend.url).").user_message()
    server_words = base.PermanentError("Queue 'IT' is closed.").user_message()
    with language("de"):
        assert messages.outbox_state(item(State.FAILED, last_error=refused, auto_retry=False),
                                     now=0) == (
            "Nicht gesendet: Der Helpdesk hat die Anfrage abgelehnt: Es ist keine Adresse des "
            "Helpdesks eingestellt (backend.url). Die Anfrage bleibt hier sicher gespeichert, "
            "bis Sie es erneut versuchen.")
        assert messages.error(server_words) == \
            "Der Helpdesk hat die Anfrage abgelehnt: Queue 'IT' is closed."
        assert messages.outbox_state(item(State.QUEUED)) == "Wartet auf den Versand."
        assert messages.progress("Sending to the helpdesk…") == "Wird an den Helpdesk gesendet…"
        assert messages.limits_note(LocalBackend(Path("/nonexistent")).capabilities()) \
            .startswith("Anfragen werden auf diesem Computer aufbewahrt")


def test_german_local_store_problem_is_said_once_with_when_it_tries_again(qapp: Any) -> None:
    shut = item(State.FAILED, last_error=StoreUnavailable("database is locked").user_message())
    legacy = ("The requests kept on this computer cannot be opened right now (disk I/O error); "
              "Helpline will keep trying.")  # as requests queued by earlier builds keep it
    with language("de"):
        state = messages.outbox_state(shut, now=970.0)
        old = messages.error(legacy)
    assert state == ("Noch nicht gesendet: Die auf diesem Computer aufbewahrten Anfragen "
                     "lassen sich gerade nicht öffnen (database is locked). Helpline versucht "
                     "es in etwa 30 Sekunden erneut.")
    assert old == ("Die auf diesem Computer aufbewahrten Anfragen lassen sich gerade nicht "
                   "öffnen (disk I/O error).")
    with language("en"):
        assert messages.error(legacy) == ("The requests kept on this computer cannot be opened "
                                          "right now (disk I/O error).")


def test_german_adapter_refusals_and_unavailable_steps(qapp: Any) -> None:
    closed = ("This request is closed in Zendesk and cannot be reopened; please file a new "
              "request that refers to it.")
    with language("de"):
        session = messages.error(base.PermanentError("GLPI did not open a session."))
        mail = messages.outbox_state(item(State.FAILED, auto_retry=False, last_error=base
                                          .PermanentError("The mail server refused the support "
                                                          "address.").user_message()), now=0)
        reopen = messages.error(base.Unsupported(closed))
        server = messages.error(base.PermanentError("GLPI: ERROR_GLPI_ADD"))
    assert session == "Der Helpdesk hat die Anfrage abgelehnt: GLPI hat keine Sitzung geöffnet."
    assert mail == ("Nicht gesendet: Der Helpdesk hat die Anfrage abgelehnt: Der Mailserver hat "
                    "die Support-Adresse abgelehnt. Die Anfrage bleibt hier sicher gespeichert, "
                    "bis Sie es erneut versuchen.")
    assert reopen == ("Diese Anfrage ist in Zendesk geschlossen und lässt sich nicht wieder "
                      "öffnen; bitte stellen Sie eine neue Anfrage, die sich auf diese bezieht.")
    assert server == "Der Helpdesk hat die Anfrage abgelehnt: GLPI: ERROR_GLPI_ADD"


def test_german_redact_tools_and_the_reply_screenshot_note(qtbot: Any) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    box = SimpleNamespace(state=QLabel())
    with language("de"):
        dialog = RedactDialog(image)
        qtbot.addWidget(dialog)
        texts = {tool: action.iconText() for tool, action in dialog.tool_actions.items()}
        undo = dialog.undo_action.toolTip()
        attach_screenshot(SimpleNamespace(reply_box=box), None)
        note = box.state.text()
    assert texts == {Tool.BLACK_OUT: "&Schwärzen", Tool.BLUR: "&Unkenntlich machen",
                     Tool.ARROW: "&Pfeil", Tool.BOX: "&Roter Rahmen"}
    assert undo == "Die letzte Änderung zurücknehmen (Strg+Z)"
    assert note.startswith("Der Bildschirm konnte hier nicht gelesen werden")


def test_german_log_list_sizes_and_notes(qtbot: Any) -> None:
    logs = [LogFile(path="/var/log/cups/error_log", name="error_log", text="x" * 55_706,
                    truncated=True),
            LogFile(path="/var/log/short.log", name="short.log", text="x" * 700)]
    with language("de"):
        tree = LogList()
        qtbot.addWidget(tree)
        tree.fill(logs, (), set())
        rows = [[tree.topLevelItem(i).text(c) for c in (1, 2)]  # type: ignore[union-attr]
                for i in range(tree.topLevelItemCount())]
    assert rows == [["54,4 kB", "/var/log/cups/error_log (nur das Ende)"],
                    ["700 Bytes", "/var/log/short.log"]]


def test_german_part_list_sizes(qtbot: Any) -> None:
    def row(name: str, size: int, included: bool = True) -> Row:
        return Row(name=name, what="Datei", size=size, hidden=0, included=included,
                   key=("file", name), content_type="application/octet-stream", kind="file")

    with language("de"):
        tree = PartList()
        qtbot.addWidget(tree)
        tree.fill([row("photo.jpg", 3 * 2**20 + 2**19), row("note.txt", 10),
                   row("dump.bin", 2**30, included=False)])
        sizes = [tree.topLevelItem(i).text(2)  # type: ignore[union-attr]
                 for i in range(tree.topLevelItemCount())]
    assert sizes == ["3,5 MB", "10 Bytes", "weggelassen"]


def test_german_screenshot_note_gives_its_size_with_a_decimal_comma(
        qtbot: Any, data_root: Path) -> None:
    with language("de"):
        ctx = make_context(data_root)
        ctx.screenshot = fake_screenshot(1600, 900)  # a full-size screen: kB, not bytes
        ctx.screenshot_png = png_bytes(ctx.screenshot)
        page = evidence_page(qtbot, ctx)
        note = page.screenshot_panel.screenshot_note.text()
        ctx.runner.wait()
    assert note.startswith("So sah Ihr Bildschirm aus, kurz bevor Helpline geöffnet wurde "
                           "(1600 × 900 Pixel, screenshot.png, ")
    shown = re.search(r"screenshot\.png, (\d+),(\d) kB\)\.$", note)
    assert shown is not None, note
    assert abs(float(f"{shown[1]}.{shown[2]}") - len(ctx.screenshot_png) / 1024) <= 0.05


# -- the lists of fixed sentences stay complete -----------------------------------------


def _note_values(path: Path) -> list[str]:
    """Every ``limits_note=`` value and ``LIMITS_NOTE``/``NO_FILES`` constant of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {t.id: n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 for t in n.targets if isinstance(t, ast.Name)
                 and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "limits_note":
            if isinstance(node.value, ast.Constant):
                found.append(str(node.value.value))
            elif isinstance(node.value, ast.Name):
                found.append(constants[node.value.id])
    return found


def test_every_backend_note_and_fixed_error_can_be_translated() -> None:
    notes = [note for path in sorted(BACKENDS.glob("*.py")) for note in _note_values(path)]
    assert len(notes) >= 9
    assert sorted(set(notes) - messages.KNOWN) == []
    errors = [cls for cls in vars(base).values() if inspect.isclass(cls)
              and issubclass(cls, base.BackendError) and cls is not base.PermanentError]
    assert sorted({cls().user_message() for cls in errors} - messages.KNOWN) == []


def _adapter_sentences() -> set[str]:
    """Every fixed sentence an adapter raises as a ``PermanentError`` or ``Unsupported``."""
    found: set[str] = set()
    for path in sorted(BACKENDS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("PermanentError", "Unsupported") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(str(node.args[0].value))
    return found


def test_listed_adapter_sentences_are_the_adapters_own() -> None:
    """A reworded adapter sentence would quietly fall back to English: keep both equal."""
    assert len(messages.ADAPTER_TEXTS) == len(set(messages.ADAPTER_TEXTS)) >= 20
    assert sorted(set(messages.ADAPTER_TEXTS) - _adapter_sentences()) == []


def test_every_outbox_progress_line_can_be_translated() -> None:
    tree = ast.parse(Path(outbox.__file__).read_text(encoding="utf-8"))
    lines = [str(arg.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id == "progress"
             for arg in node.args[:1] if isinstance(arg, ast.Constant)]
    assert lines and sorted(set(lines) - messages.KNOWN) == []


def test_built_in_texts_marked_for_lupdate_match_core() -> None:
    texts = [c[key] for c in DEFAULT_CATEGORIES for key in ("label", "description")
             if c.get(key)]
    assert sorted(messages.BUILT_IN_CATEGORY_TEXTS) == sorted(texts)
    assert sorted(problem.LEVEL_TEXTS) == sorted([*IMPACT_LABELS.values(),
                                                  *URGENCY_LABELS.values()])


def _translated(context: str) -> dict[str, str]:
    root = ET.parse(TS).getroot()
    return {m.findtext("source") or "": m.findtext("translation") or ""
            for c in root.iter("context") if c.findtext("name") == context
            for m in c.iter("message")
            if (m.find("translation") is not None
                and m.find("translation").get("type") is None)}  # type: ignore[union-attr]


def test_redact_tools_and_built_in_categories_are_in_the_translation_source() -> None:
    redact = _translated("RedactDialog")
    for _tool, _stem, label, _key, tip in _TOOLS:
        assert redact.get(str(label)) and redact.get(str(tip)), label
    for label in ("U&ndo", "Rese&t", "&Fit", "Zoom &in", "Zoom &out"):
        assert redact.get(label), label
    assert all(_translated("ProblemPage").get(text)
               for text in messages.BUILT_IN_CATEGORY_TEXTS)
    assert all(_translated("Messages").get(text) for text in messages.KNOWN)


def test_sending_item_changes_only_the_wait(qapp: Any) -> None:
    """The retry sentence follows the clock, in minutes once it is long."""
    waiting = item(State.FAILED, last_error=base.TemporaryError().user_message(),
                   next_attempt=time.time() + 900)
    with language("de"):
        assert messages.outbox_state(waiting).endswith("Helpline versucht es in etwa 15 "
                                                       "Minuten erneut.")
        soon = replace(waiting, next_attempt=time.time())
        assert messages.outbox_state(soon).endswith("Helpline versucht es gleich erneut.")
