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
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from app import cli_text
from app.backends.helpline_http import HelplineHttpBackend
from app.backends.local import LocalBackend, StoreUnavailable
from app.collectors import sysinfo_text
from app.collectors.image_edit import Tool
from app.collectors.logs import LogFile
from app.core import helpdesk as base
from app.core import outbox, quality
from app.core.attachments import AttachmentProblem, check_file, check_total
from app.core.form import RequestForm, compose
from app.core.model import Attachment, Level, NewTicket, Requester
from app.core.outbox import Item, Outbox, State, new_client_ref
from app.core.priority import IMPACT_LABELS, URGENCY_LABELS
from app.core.schema import DEFAULT_CATEGORIES
from app.ui import messages
from app.ui.models import Column, RequestsModel
from app.ui.pages import problem
from app.ui.pages.problem import ProblemPage
from app.ui.requests.screenshot import attach_screenshot
from app.ui.widgets.log_list import LogList
from app.ui.widgets.part_list import PartList, Row
from app.ui.widgets.redact import _TOOLS, RedactDialog
from tests.backends.helpline_http_server import HelplineServer
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
        "client_ref": "ref-1",
        "kind": "ticket",
        "target": "",
        "summary": "VPN drops",
        "state": state,
        "attempts": 1,
        "error_code": "",
        "error_facts": {},
        "auto_retry": True,
        "next_attempt": 1000.0,
        "ticket_id": "",
        "ticket_ref": "",
        "created_at": 0.0,
        "payload": {},
    }
    values.update(fields)
    return Item(**values)


def failed(code: str, auto_retry: bool = True, **facts: Any) -> Item:
    return item(State.FAILED, error_code=code, error_facts=facts, auto_retry=auto_retry)


#: Facts for every code, so each sentence is said with all its places filled.
FACTS: dict[str, Any] = {
    "helpdesk": "Jira",
    "name": "app.log",
    "names": "app.log, b.png",
    "setting": "backend.project",
    "status": "Waiting for support",
    "ticket": "42",
    "content_type": "text/html",
    "error": "KeyError",
    "limit": 10 * 2**20,
    "size": 12 * 2**20,
    "detail": "Queue 'IT' is closed.",
}

#: Fact values that pick another sentence for the same code.
VARIANTS: list[dict[str, Any]] = [
    {},
    {"server": "mail"},
    {"secret": "token"},
    {"setting": "backend.url"},
    {"helpdesk": "Zendesk"},
    {"name": "", "names": "", "status": "", "ticket": "", "detail": ""},
]


# -- English: the windows say what the CLI says ------------------------------------------


@pytest.mark.parametrize(
    "state_item",
    [
        item(State.SENT, ticket_ref="#42"),
        item(State.SENDING),
        item(State.QUEUED),
        failed("unreachable"),
        replace(failed("unreachable"), next_attempt=1002.0),
        replace(failed("rate_limited", wait_seconds=600), next_attempt=1000 + 600),
        failed("signin_refused", auto_retry=False),
        failed("file_refused", auto_retry=False, helpdesk="Jira", name=""),
        failed("store_unavailable", detail="database is locked"),
    ],
)
def test_in_english_the_outbox_state_is_the_cli_sentence(qapp: Any, state_item: Item) -> None:
    with language("en"):
        assert messages.outbox_state(state_item, now=970.0) == cli_text.describe(
            state_item, now=970.0
        )


@pytest.mark.parametrize("code", sorted(base.CODES))
def test_in_english_every_error_code_is_the_cli_sentence(qapp: Any, code: str) -> None:
    """One English table (the CLI's) and the windows' tr() sources never drift apart."""
    with language("en"):
        for variant in VARIANTS:
            facts = {**FACTS, **variant}
            if code == "too_big":  # sizes: the locale's digits in the windows
                facts.update(limit=10 * 2**20 // 1024 * 1024, size=12 * 2**20)
            assert messages.error_text(code, facts) == cli_text.error_text(code, facts), variant


@pytest.mark.parametrize("code", sorted(base.CODES))
def test_in_german_every_error_code_is_german(qapp: Any, code: str) -> None:
    for variant in VARIANTS:
        facts = {**FACTS, **variant}
        with language("de"):
            german = messages.error_text(code, facts)
        english = cli_text.error_text(code, facts)
        assert german and german != english, (code, variant, german)
        for word in (" the ", " not ", "please", "Please"):
            assert word not in german.replace(str(facts["detail"]), ""), (code, variant, german)


def test_in_german_every_limits_code_and_progress_step_is_german(qapp: Any) -> None:
    with language("de"):
        for code in base.LIMITS:
            german = messages.limits_text(code)
            assert german and german != cli_text.LIMITS[code], code
        assert messages.progress("checking") == (
            "Es wird geprüft, ob ein früherer Versuch schon angekommen ist…"
        )
        assert messages.progress("sending") == "Wird an den Helpdesk gesendet…"
    with language("en"):
        assert [messages.limits_text(code) for code in base.LIMITS] == [
            cli_text.LIMITS[code] for code in base.LIMITS
        ]
        assert [messages.progress(s) for s in ("checking", "sending")] == [
            cli_text.progress(s) for s in ("checking", "sending")
        ]


def test_in_english_attachment_problems_hint_and_summary_match_the_cli(
    qapp: Any, tmp_path: Path
) -> None:
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


def test_german_sending_page_says_why_and_when_it_tries_again(qtbot: Any, data_root: Path) -> None:
    with language("de"):
        ctx = make_context(data_root, backend=DownBackend(data_root))
        page = sending_page(qtbot, ctx)
        with qtbot.waitSignal(page.finished, timeout=10000):
            page.initializePage()
        ctx.runner.wait()
        text = page.result.text()
        status = page.status.text()
    assert status == "Noch nicht gesendet."
    assert text == (
        "Ihre Anfrage ist auf diesem Computer sicher gespeichert und wird automatisch "
        "gesendet, sobald der Helpdesk erreichbar ist. Der Helpdesk ist gerade nicht "
        "erreichbar. Helpline versucht es in etwa 30 Sekunden erneut."
    )
    assert text.count("erneut") == 1  # said once, not "will keep trying … will try again"


def test_german_evidence_page_sizes_limit_and_summary(
    qtbot: Any, data_root: Path, tmp_path: Path
) -> None:
    big = write(tmp_path / "photo.jpg", 3 * 10**6)
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
    assert (
        "mehr als die 2,0 MB, die der Helpdesk annimmt. Bitte lassen Sie photo.jpg "
        "(3,0 MB) weg" in problem_text
    )
    assert summary.startswith("Debian 12 · 8 CPUs · 16 GiB RAM · Rechner ws-042 (")
    assert "host" not in summary and "add up to" not in problem_text


def test_german_attachment_problems_name_the_file(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(AttachmentProblem) as gone:
        check_file(str(tmp_path / "gone.txt"))
    with pytest.raises(AttachmentProblem) as too_big:
        check_total(
            (Attachment(filename="a.log", size=2048), Attachment(filename="b.png", size=3 * 10**6)),
            10**6,
        )
    with language("de"):
        assert messages.attachment_problem(gone.value) == (
            "Die Datei gone.txt ist nicht mehr vorhanden. Bitte fügen Sie sie erneut hinzu "
            "oder lassen Sie sie weg."
        )
        assert messages.attachment_problem(too_big.value) == (
            "Die Anhänge sind zusammen 3,0 MB groß, mehr als die 1,0 MB, die der Helpdesk "
            "annimmt. Bitte lassen Sie b.png (3,0 MB) weg oder hängen Sie eine kleinere "
            "Datei an."
        )
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
    assert hint == (
        "Der Support kann viel schneller helfen, wenn Sie noch angeben: was genau "
        "auf dem Bildschirm passiert, welches Programm oder welche Webadresse, was "
        "Sie kurz davor getan haben und seit wann es auftritt. Sie können die "
        "Anfrage auch so senden."
    )
    assert "Drucker oder Scanner" in labels and "Printer or scanner" not in labels
    assert reason == "Ihr Computer, ein Programm oder etwas, das abstürzt oder nicht startet."


def test_german_outbox_states_and_errors(qapp: Any) -> None:
    address = base.PermanentError(code="setting_missing", setting="backend.url")
    server_words = base.PermanentError("Queue 'IT' is closed.")
    with language("de"):
        assert messages.outbox_state(
            failed("setting_missing", auto_retry=False, setting="backend.url"), now=0
        ) == (
            "Nicht gesendet: Es ist keine Adresse des Helpdesks eingestellt (backend.url). Die "
            "Anfrage bleibt hier sicher gespeichert, bis Sie es erneut versuchen."
        )
        assert (
            messages.error(address)
            == "Es ist keine Adresse des Helpdesks eingestellt (backend.url)."
        )
        assert (
            messages.error(server_words)
            == "Der Helpdesk hat die Anfrage abgelehnt: Queue 'IT' is closed."
        )
        assert (
            messages.error(base.PermanentError())
            == "Der Helpdesk hat die Anfrage abgelehnt: er hat keinen Grund genannt"
        )
        assert messages.outbox_state(item(State.QUEUED)) == "Wartet auf den Versand."
        assert messages.outbox_state(item(State.SENT, ticket_ref="#7")) == "Gesendet als #7."
        assert messages.limits_note(LocalBackend(Path("/nonexistent")).capabilities()).startswith(
            "Anfragen werden auf diesem Computer aufbewahrt"
        )
        # a helpdesk that states its limits itself is shown in its own words
        assert (
            messages.limits_note(base.Capabilities(limits_note="Support closes requests."))
            == "Support closes requests."
        )


def test_german_local_store_problem_is_said_once_with_when_it_tries_again(qapp: Any) -> None:
    shut = failed("store_unavailable", detail="database is locked")
    with language("de"):
        state = messages.outbox_state(shut, now=970.0)
        raised = messages.error(StoreUnavailable("disk I/O error"))
    assert state == (
        "Noch nicht gesendet: Die auf diesem Computer aufbewahrten Anfragen "
        "lassen sich gerade nicht öffnen (database is locked). Helpline versucht "
        "es in etwa 30 Sekunden erneut."
    )
    assert raised == (
        "Die auf diesem Computer aufbewahrten Anfragen lassen sich gerade nicht "
        "öffnen (disk I/O error)."
    )


def test_german_adapter_refusals_and_unavailable_steps(qapp: Any) -> None:
    with language("de"):
        session = messages.error(
            base.PermanentError("no session", code="bad_answer", helpdesk="GLPI")
        )
        mail = messages.outbox_state(failed("recipient_refused", auto_retry=False), now=0)
        reopen = messages.error(base.Unsupported(code="reopen_not_offered", helpdesk="Zendesk"))
        server = messages.error(base.PermanentError("GLPI: ERROR_GLPI_ADD"))
        staff = messages.error(
            base.PermissionDenied(
                code="account_mismatch", helpdesk="RT", setting="backend.allow_shared_credentials"
            )
        )
    assert session == (
        "Der Helpdesk hat eine Antwort gesendet, die Helpline nicht lesen kann; "
        "bitte informieren Sie die IT."
    )
    assert mail == (
        "Nicht gesendet: Der Mailserver hat die Support-Adresse abgelehnt. Die "
        "Anfrage bleibt hier sicher gespeichert, bis Sie es erneut versuchen."
    )
    assert reopen == (
        "Diese Anfrage lässt sich in Zendesk nicht wieder öffnen; bitte stellen "
        "Sie eine neue Anfrage, die sich auf diese bezieht."
    )
    assert server == "Der Helpdesk hat die Anfrage abgelehnt: GLPI: ERROR_GLPI_ADD"
    assert staff.startswith(
        "Das RT-Konto, mit dem Helpline sich anmeldet, kann Anfragen anderer Personen lesen"
    ) and staff.endswith("backend.allow_shared_credentials einzustellen.")


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
    assert texts == {
        Tool.BLACK_OUT: "&Schwärzen",
        Tool.BLUR: "&Unkenntlich machen",
        Tool.ARROW: "&Pfeil",
        Tool.BOX: "&Roter Rahmen",
    }
    assert undo == "Die letzte Änderung zurücknehmen (Strg+Z)"
    assert note.startswith("Der Bildschirm konnte hier nicht gelesen werden")


def test_german_log_list_sizes_and_notes(qtbot: Any) -> None:
    logs = [
        LogFile(
            path="/var/log/cups/error_log", name="error_log", text="x" * 55_706, truncated=True
        ),
        LogFile(path="/var/log/short.log", name="short.log", text="x" * 700),
    ]
    with language("de"):
        tree = LogList()
        qtbot.addWidget(tree)
        tree.fill(logs, (), set())
        rows = [
            [tree.topLevelItem(i).text(c) for c in (1, 2)]  # type: ignore[union-attr]
            for i in range(tree.topLevelItemCount())
        ]
    assert rows == [
        ["55,7 kB", "/var/log/cups/error_log (nur das Ende)"],
        ["700 Bytes", "/var/log/short.log"],
    ]


def test_german_part_list_sizes(qtbot: Any) -> None:
    def row(name: str, size: int, included: bool = True) -> Row:
        return Row(
            name=name,
            what="Datei",
            size=size,
            hidden=0,
            included=included,
            key=("file", name),
            content_type="application/octet-stream",
            kind="file",
        )

    with language("de"):
        tree = PartList()
        qtbot.addWidget(tree)
        tree.fill(
            [
                row("photo.jpg", 3_500_000),
                row("note.txt", 10),
                row("dump.bin", 2**30, included=False),
            ]
        )
        sizes = [
            tree.topLevelItem(i).text(2)  # type: ignore[union-attr]
            for i in range(tree.topLevelItemCount())
        ]
    assert sizes == ["3,5 MB", "10 Bytes", "weggelassen"]


def test_german_screenshot_note_gives_its_size_with_a_decimal_comma(
    qtbot: Any, data_root: Path
) -> None:
    with language("de"):
        ctx = make_context(data_root)
        ctx.screenshot = fake_screenshot(1600, 900)  # a full-size screen: kB, not bytes
        ctx.screenshot_png = png_bytes(ctx.screenshot)
        page = evidence_page(qtbot, ctx)
        note = page.screenshot_panel.screenshot_note.text()
        ctx.runner.wait()
    assert note.startswith(
        "So sah Ihr Bildschirm aus, kurz bevor Helpline geöffnet wurde "
        "(1600 × 900 Pixel, screenshot.png, "
    )
    shown = re.search(r"screenshot\.png, (\d+),(\d) kB\)\.$", note)
    assert shown is not None, note
    assert abs(float(f"{shown[1]}.{shown[2]}") - len(ctx.screenshot_png) / 1000) <= 0.05


# -- the lists of fixed sentences stay complete -----------------------------------------


def _raised_codes() -> set[str]:
    """Every ``code=`` an adapter, the HTTP layer or the outbox gives, and every class default."""
    found: set[str] = {
        cls.code
        for cls in vars(base).values()
        if inspect.isclass(cls) and issubclass(cls, base.BackendError)
    }
    for path in [*sorted(BACKENDS.glob("*.py")), Path(outbox.__file__)]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "code"
                and isinstance(node.value, ast.Constant)
            ):
                found.add(str(node.value.value))
            if isinstance(node, ast.ClassDef):  # an error class's own default
                found.update(
                    str(s.value.value)
                    for s in node.body
                    if isinstance(s, ast.Assign)
                    and isinstance(s.value, ast.Constant)
                    and any(isinstance(t, ast.Name) and t.id == "code" for t in s.targets)
                )
            if isinstance(node, ast.keyword) and node.arg == "limits_code":
                assert isinstance(node.value, ast.Constant), path
                assert node.value.value in base.LIMITS, (path, node.value.value)
    return found


def test_every_code_the_lower_layers_give_is_documented_and_said() -> None:
    raised = _raised_codes()
    assert len(raised) >= 30
    assert sorted(raised - set(base.CODES)) == []  # a new code needs its line in CODES
    assert sorted(set(base.CODES) - raised) == []  # and a documented code is used
    assert sorted(base.CODES) == sorted({key.split("/")[0] for key in cli_text.ERRORS})


def test_no_sentence_is_parsed_back_and_no_adapter_raises_english() -> None:
    """Adapters give the server's words as detail, never a sentence of their own."""
    source = Path(messages.__file__).read_text(encoding="utf-8")
    assert "import re" not in source and "KNOWN" not in source
    errors = {
        name
        for name, cls in [
            *vars(base).items(),
            ("MalformedReply", None),
            ("UnexpectedReply", None),
            ("StoreUnavailable", None),
        ]
        if cls is None or (inspect.isclass(cls) and issubclass(cls, base.BackendError))
    }
    for path in sorted(BACKENDS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in errors
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                text = str(node.args[0].value)
                assert len(text.split()) <= 6 and not text.endswith("."), (path, text)


def test_built_in_texts_marked_for_lupdate_match_core() -> None:
    texts = [c[key] for c in DEFAULT_CATEGORIES for key in ("label", "description") if c.get(key)]
    assert sorted(messages.BUILT_IN_CATEGORY_TEXTS) == sorted(texts)
    assert sorted(problem.LEVEL_TEXTS) == sorted(
        [*IMPACT_LABELS.values(), *URGENCY_LABELS.values()]
    )


def _translated(context: str) -> dict[str, str]:
    root = ET.parse(TS).getroot()
    return {
        m.findtext("source") or "": m.findtext("translation") or ""
        for c in root.iter("context")
        if c.findtext("name") == context
        for m in c.iter("message")
        if (m.find("translation") is not None and m.find("translation").get("type") is None)
    }  # type: ignore[union-attr]


def test_redact_tools_and_built_in_categories_are_in_the_translation_source() -> None:
    redact = _translated("RedactDialog")
    for _tool, _stem, label, _key, tip in _TOOLS:
        assert redact.get(str(label)) and redact.get(str(tip)), label
    for label in ("U&ndo", "Rese&t", "&Fit", "Zoom &in", "Zoom &out"):
        assert redact.get(label), label
    assert all(_translated("ProblemPage").get(text) for text in messages.BUILT_IN_CATEGORY_TEXTS)


def test_sending_item_changes_only_the_wait(qapp: Any) -> None:
    """The retry sentence follows the clock, in minutes once it is long."""
    waiting = replace(failed("unreachable"), next_attempt=time.time() + 900)
    with language("de"):
        assert messages.outbox_state(waiting).endswith(
            "Helpline versucht es in etwa 15 Minuten erneut."
        )
        soon = replace(waiting, next_attempt=time.time())
        assert messages.outbox_state(soon).endswith("Helpline versucht es gleich erneut.")


# -- a real delivery that fails, said in German --------------------------------------------


def _deliver_to(
    server: HelplineServer, token: str, root: Path, subject: str = "VPN drops", retries: int = 3
) -> Item:
    backend = HelplineHttpBackend(server.url, token, retries=retries)
    box = Outbox(root / "outbox", retry_seconds=30, retry_max_seconds=900)
    queued = box.add_ticket(
        NewTicket(
            subject=subject,
            body="It drops every hour.",
            requester=Requester(name="Alice", email="a@example.org"),
            client_ref=new_client_ref(),
        )
    )
    try:
        done = box.deliver(queued.client_ref, backend)
    finally:
        backend.close()
    assert done is not None and done.state is State.FAILED
    return done


def test_german_outbox_state_and_my_requests_row_of_a_real_failed_delivery(
    qapp: Any, tmp_path: Path
) -> None:
    """The Helpline endpoint's reference server refuses: the sign-in, the request on its
    merits (in its own words), and once with 503; the adapter, the outbox and its SQLite
    row stand between the server and the German sentence."""
    server = HelplineServer({"tok-alice": {"name": "Alice", "email": "a@example.org"}}).start()
    try:
        signin = _deliver_to(server, "tok-wrong", tmp_path / "a")
        merits = _deliver_to(server, "tok-alice", tmp_path / "b", subject=" ")
        server.forced.append((503, {}))
        busy = _deliver_to(server, "tok-alice", tmp_path / "c", retries=0)
    finally:
        server.stop()
    assert (signin.error_code, signin.needs_sign_in, signin.auto_retry) == (
        "signin_refused",
        True,
        False,
    )
    assert (merits.error_code, merits.detail) == (
        "refused",
        "subject_missing; Please give the request a subject.",
    )
    assert (busy.error_code, busy.error_facts["status"], busy.auto_retry) == (
        "server_error",
        503,
        True,
    )
    now = busy.next_attempt - 30
    with language("de"):
        states = [messages.outbox_state(i, now=now) for i in (signin, merits, busy)]
        model = RequestsModel()
        model.set_rows([], [signin])
        row = model.data(model.index(0, Column.STATUS), Qt.ItemDataRole.ToolTipRole)
        badge = model.data(model.index(0, Column.STATUS))
    assert states[0] == (
        "Nicht gesendet: Der Helpdesk hat Ihre Anmeldung nicht angenommen. "
        "Bitte melden Sie sich erneut an. Die Anfrage bleibt hier sicher "
        "gespeichert, bis Sie es erneut versuchen."
    )
    assert states[1] == (
        "Nicht gesendet: Der Helpdesk hat die Anfrage abgelehnt: "
        "subject_missing; Please give the request a subject. Die Anfrage "
        "bleibt hier sicher gespeichert, bis Sie es erneut versuchen."
    )
    # (the server's words stay its own)
    assert states[2].startswith(
        "Noch nicht gesendet: Der Helpdesk hat gerade ein Problem (HTTP 503)"
    )
    assert states[2].endswith("Helpline versucht es in etwa 30 Sekunden erneut.")
    assert row.startswith("Nicht gesendet: Der Helpdesk hat Ihre Anmeldung nicht angenommen.")
    assert badge == "Braucht Sie"


def test_the_request_text_is_german_with_the_german_labels(qapp: Any) -> None:
    form = RequestForm(
        requester=Requester(name="Zoë Ünal", email="zoe@example.org", phone="+49 30 1234"),
        summary="",
        doing="Bericht öffnen",
        error_text="0x80070005",
        impact=Level.HIGH,
        urgency=Level.MEDIUM,
        client_ref="ref-1",
    )
    with language("de"):
        labels = messages.body_labels()
    ticket = compose(form, "Drucker oder Scanner", {}, labels=labels)
    assert ticket.subject == "Supportanfrage"
    for line in (
        "Was haben Sie gerade getan?\nBericht öffnen",
        "Genaue Fehlermeldung:\n    0x80070005",
        "Kategorie: Drucker oder Scanner",
        "Auswirkung: Alle oder die ganze Organisation",
        "Priorität: hoch",
        "Angefragt von Zoë Ünal <zoe@example.org>",
        "Telefon: +49 30 1234",
    ):
        assert line in ticket.body, line
    for english in ("Category", "Impact", "Urgency", "Priority", "Requested by", "Phone"):
        assert english not in ticket.body, english
    assert ticket.body.endswith("\n\nHelpline reference: ref-1\n")  # found again by it
    with language("en"):
        assert compose(form, "Printer", {}, labels=messages.body_labels()) == compose(
            form, "Printer", {}
        )


def test_a_german_session_files_its_request_in_german(qapp: Any, tmp_path: Path) -> None:
    """Issue 14: the wizard's request reached the helpdesk with English labels in a German
    session. Through the context, the filing service and a real (local) helpdesk, the text
    Review shows and the one stored are the same, and German, category and guided question
    included; the requester's own name is never taken for a user name to mask."""
    from app.backends.local import LocalBackend
    from app.core.config import load
    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.tasks import InlineRunner

    config = load(env={})
    backend = LocalBackend(tmp_path / "helpdesk")
    submission = Submission(config, root=tmp_path / "data", backend_factory=lambda _c: backend)
    form = RequestForm(
        requester=Requester(name="Zoë Ünal", email="zoe@example.org"),
        category="printer",
        summary="Drucker zerknittert Seiten",
        happened="Jede zweite Seite",
        answers={"printer_name": "Etage 3"},
        client_ref="ref-de",
    )
    with language("de", config):
        ctx = WizardContext(config, submission, InlineRunner(), form=form)
        shown = ctx.prepare().ticket
        item = submission.enqueue(ctx.prepare())
    sent = submission.deliver(item.client_ref)
    body = backend.messages(sent.ticket_id)[0].body  # as the helpdesk stored it
    assert item.payload["body"] == shown.body
    for line in (
        "Kategorie: Drucker oder Scanner",
        "Was ist passiert?\nJede zweite Seite",
        "Angefragt von Zoë Ünal <zoe@example.org>",
    ):
        assert line in shown.body and line in body, line
    assert "Welcher Drucker (Name oder Standort)?" in shown.body
    for english in ("Category", "Impact", "Urgency", "Requested by", "Which printer"):
        assert english not in body, english
