"""Languages: German everywhere, pseudo-translation finds untranslated and clipped text.

Pseudo mode makes every text that went through ``tr()`` about 40 % longer and
wraps it in ``[!! … !!]``; a visible text without the markers was never
translatable, and a label too small for the longer text would clip a
translation too. The German test walks the same pages and looks for any
English source text still on screen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QWidget,
)

from app.backends.local import LocalBackend
from app.core.config import load
from app.core.model import NewTicket, Priority, Requester
from app.services.filing import Submission
from app.ui import i18n
from app.ui.models import format_when
from app.ui.pages.ids import PageId
from app.ui.requests.window import RequestsWindow
from app.ui.signin import SignInDialog
from app.ui.wizard import HelpWizard
from scripts import build_translations
from tests.ui.test_a11y import (  # noqa: F401 - fixtures and the autouse fixture apply here
    _finish_background_work,
    describe,
    language,
    make_config,
    make_wizard,
    session_runner,
    shown,
    unreported,
    walk,
    walk_not_handled,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "helpline_de.ts"
QM = ROOT / "app" / "resources" / "translations" / "helpline_de.qm"
_PLACEHOLDER = re.compile(r"%\d|\{\w*\}")

#: Widgets that show the user's or IT's data (names, numbers, config), not Helpline's text.
DATA = {
    "organisationName",
    "supportHours",
    "supportPhone",
    "supportEmail",
    "supportUrl",
    "review_who",
    "review_category",
    "review_summary",
    "review_asset",
    "ticketNumber",
    "notHandledCategory",
    "notHandledMessage",
    "categoryReason",
    "systemInfoSummary",
    "doneHours",
    "donePhone",
    "doneEmail",
    "doneWeb",
    "question_printer_nameLabel",
}


def visible_texts(window: QWidget) -> list[tuple[QWidget, str]]:
    """Every text a sighted user reads: labels, buttons and group titles that are shown."""
    found: list[tuple[QWidget, str]] = []
    for widget in shown(window):
        if isinstance(widget, QLabel):
            text = widget.text() if widget.pixmap().isNull() else ""
        elif isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if text.strip() and widget.objectName() not in DATA:
            found.append((widget, text))
    return found


def clipped(window: QWidget) -> list[str]:
    """Labels and buttons narrower (or, wrapping, shorter) than their text needs, and page
    bodies wider than their window (text that runs off the side)."""
    problems = []
    for area in shown(window, QScrollArea):
        bar = area.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > 0:
            problems.append(f"{describe(area)} is {bar.maximum()}px wider than the window")
    for widget in shown(window):
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    problems.append(
                        f"{describe(widget)} needs {needed}px height, has {widget.height()}"
                    )
            elif widget.sizeHint().width() > widget.width() + 1:
                problems.append(
                    f"{describe(widget)} needs {widget.sizeHint().width()}px, has {widget.width()}"
                )
        elif (
            isinstance(widget, QAbstractButton)
            and widget.text()
            and widget.sizeHint().width() > widget.width() + 1
        ):
            problems.append(
                f"{describe(widget)} needs {widget.sizeHint().width()}px, has {widget.width()}"
            )
    return problems


def walk_everything(qtbot: Any, root: Path, check: Any) -> dict[str, list[str]]:
    """``check(window)`` on every page (and the not-handled branch); page -> problems."""
    problems: dict[str, list[str]] = {}
    wiz = make_wizard(qtbot, root / "main")
    for page in walk(qtbot, wiz):
        found = check(wiz)
        if found:
            problems[page.name] = found
    wiz.ctx.runner.wait()
    other = make_wizard(qtbot, root / "elsewhere")
    walk_not_handled(qtbot, other)
    found = check(other)
    if found:
        problems[PageId.NOT_HANDLED.name] = found
    other.ctx.runner.wait()
    return problems


@pytest.fixture
def root(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "helpline"
    path.mkdir()
    return path


@pytest.fixture
def roots(root: Path) -> Path:
    for name in ("main", "elsewhere"):
        (root / name).mkdir()
    return root


def english_sources() -> dict[str, str]:
    """English source text (without mnemonics) -> German, where the two differ."""
    out = {}
    for message in ET.parse(TS).getroot().iter("message"):
        source = (message.findtext("source") or "").replace("&", "")
        german = (message.findtext("translation") or "").replace("&", "")
        if source.strip() and german and german != source:
            out[source] = german
    return out


# -- pseudo-translation -----------------------------------------------------------------


def test_pseudo_keeps_placeholders_and_mnemonics_and_lengthens() -> None:
    text = "Sent as {ref} to %1 &now, after a long and careful look at the request."
    fake = i18n.pseudo(text)
    assert fake.startswith("[!! ") and fake.endswith(" !!]")
    assert "{ref}" in fake and "%1" in fake and "&ñöw" in fake
    assert len(fake) >= 1.35 * len(text)
    longest = max(len(word) for word in text.split())
    assert max(len(word) for word in fake.split()) <= longest  # the padding can wrap
    assert i18n.pseudo("") == "" and i18n.pseudo("  ") == "  "


def test_pseudo_mode_marks_every_text_on_every_page(qtbot: Any, roots: Path) -> None:
    with language("pseudo"):
        problems = walk_everything(
            qtbot,
            roots,
            lambda window: [
                f"{describe(w)}: {text!r}" for w, text in visible_texts(window) if "[!!" not in text
            ],
        )
    assert problems == {}, "texts not passed through tr()"


def test_pseudo_mode_clips_nothing(qtbot: Any, roots: Path) -> None:
    with language("pseudo"):
        problems = walk_everything(qtbot, roots, clipped)
    assert unreported(problems) == {}


def other_windows(qtbot: Any, root: Path, config: Any) -> list[QWidget]:
    """*My requests* (with a thread shown) and the sign-in dialog, built in the current
    language."""
    backend = LocalBackend(root)
    ada = Requester(name="Ada Lovelace", email="ada@example.org")
    ticket = backend.create(
        NewTicket(
            subject="VPN drops every hour",
            body="It drops.",
            requester=ada,
            client_ref="r1",
            category="network",
            priority=Priority.NORMAL,
        )
    )
    backend.add_agent_reply(ticket.id, "Sam from IT", "Which VPN client do you use?")
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    runner = session_runner()
    window = RequestsWindow(config, runner, submission)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=10000)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Which VPN" in window.thread_view.toPlainText(), timeout=10000)
    dialog = SignInDialog(config, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return [window, dialog]


def test_pseudo_mode_marks_my_requests_and_the_sign_in_dialog(qtbot: Any, root: Path) -> None:
    with language("pseudo") as config:
        windows = other_windows(qtbot, root, config)
        unmarked = [
            f"{describe(w)}: {text!r}"
            for window in windows
            for w, text in visible_texts(window)
            if "[!!" not in text and not qt_standard(w)
        ]
        clipping = [problem for window in windows for problem in clipped(window)]
        headers = [
            windows[0].model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(windows[0].model.columnCount())
        ]
        title = windows[0].windowTitle()
    assert unmarked == []
    assert clipping == []
    assert all("[!!" in h for h in headers) and "[!!" in title


def test_german_mode_shows_german_in_my_requests(qtbot: Any, root: Path) -> None:
    english = english_sources()
    with language("de") as config:
        windows = other_windows(qtbot, root, config)
        left = [
            f"{describe(w)}: {text!r}"
            for window in windows
            for w, text in visible_texts(window)
            if text.replace("&", "") in english
        ]
        clashes = [clash for window in windows for clash in mnemonic_clashes(window)]
        title = windows[0].windowTitle()
    assert left == []
    assert clashes == []
    assert title.startswith("Meine Anfragen")


def qt_standard(widget: QWidget) -> bool:
    """A standard button of a button box: Qt translates it (qtbase_de), pseudo leaves it."""
    box = widget.parent()
    return (
        isinstance(box, QDialogButtonBox)
        and isinstance(widget, QAbstractButton)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def test_every_text_shown_through_tr_is_in_the_translation_source(qtbot: Any, roots: Path) -> None:
    """A text built at run time and passed to ``tr()`` never reaches the .ts file, so it
    stays English in German mode: the pseudo translator records what it was asked."""
    known = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(TS).getroot().iter("context")
        for message in context.iter("message")
    }
    # IT's own words from config pass through tr() so texts.toml can reword them.
    known |= {
        (context, text)
        for category in make_config().values["categories"]
        for context, key in (
            ("NotHandledPage", "label"),
            ("NotHandledPage", "not_handled"),
            ("ProblemPage", "label"),
            ("ProblemPage", "description"),
            ("ProblemPage", "not_handled"),  # the redirect, shown as soon as it is chosen
        )
        if (text := category.get(key))
    }
    with language("pseudo") as config:
        walk_everything(qtbot, roots, lambda _window: [])
        (roots / "windows").mkdir()
        other_windows(qtbot, roots / "windows", config)
        [translator] = QApplication.instance().findChildren(i18n.PseudoTranslator)
        asked = set(translator.asked)
    assert sorted(asked - known) == []


def test_pseudo_mode_leaves_qt_shortcuts_working(qapp: Any) -> None:
    with language("pseudo"):
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
        assert QCoreApplication.translate("HelpWizard", "&Next").startswith("[!! &")


# -- German -----------------------------------------------------------------------------


def test_the_german_translation_is_complete_and_keeps_placeholders() -> None:
    assert build_translations.unfinished(TS) == []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        german = message.findtext("translation") or ""
        assert sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(german)), source
        assert ("&" in source.replace("&&", "")) == ("&" in german.replace("&&", "")), (
            f"mnemonic lost or added: {source!r} -> {german!r}"
        )


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="lrelease not installed")
def test_the_bundled_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "helpline_de.qm"
    subprocess.run(["pyside6-lrelease", "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), (
        "run: python scripts/build_translations.py --release"
    )


def test_german_mode_shows_german_on_every_page(qtbot: Any, roots: Path) -> None:
    english = english_sources()
    with language("de"):
        problems = walk_everything(
            qtbot,
            roots,
            lambda window: [
                f"{describe(w)}: {text!r}"
                for w, text in visible_texts(window)
                if text.replace("&", "") in english
            ],
        )
    assert problems == {}, "English text left in German mode"


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Alt letters used twice among the visible labels and buttons of one window."""
    owners: dict[str, list[str]] = {}
    for widget, text in visible_texts(window):
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match and widget.isEnabled():
            owners.setdefault(match.group(1).lower(), []).append(describe(widget))
    return [
        f"Alt+{key.upper()}: {', '.join(names)}" for key, names in owners.items() if len(names) > 1
    ]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_page_gives_one_alt_letter_to_two_controls(qtbot: Any, roots: Path, lang: str) -> None:
    with language(lang):
        problems = walk_everything(qtbot, roots, mnemonic_clashes)
    assert unreported({f"{lang}:{page}": found for page, found in problems.items()}) == {}


def test_german_mode_translates_the_wizard_buttons_and_qt_own_texts(qtbot: Any, root: Path) -> None:
    with language("de"):
        wiz = make_wizard(qtbot, root)
        assert wiz.button(HelpWizard.WizardButton.NextButton).text() == "&Weiter"
        assert wiz.button(HelpWizard.WizardButton.CancelButton).text() == "Abbrechen"
        assert wiz.currentPage().title() == "Willkommen"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
        wiz.ctx.runner.wait()


def test_german_mode_formats_dates_and_numbers_the_german_way(qapp: Any) -> None:
    moment = QDateTime(QDate(2026, 11, 23), QTime(14, 5))
    with language("de"):
        assert QLocale().language() == QLocale.Language.German
        assert QLocale().toString(moment, QLocale.FormatType.ShortFormat) == "23.11.26 14:05"
        assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
        assert format_when(moment.toSecsSinceEpoch()) == "23.11.26 14:05"


def test_under_the_c_locale_dates_are_iso_like_as_in_the_cli(qapp: Any) -> None:
    """LANG=C (a bare container, a kiosk) gives QLocale's "23 11 2026 14:05" otherwise."""
    from datetime import datetime

    from app.cli_text import when

    moment = QDateTime(QDate(2026, 11, 23), QTime(14, 5))
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        assert format_when(moment.toSecsSinceEpoch()) == "2026-11-23 14:05"
        assert when(datetime.fromtimestamp(moment.toSecsSinceEpoch())) == "2026-11-23 14:05"
    finally:
        QLocale.setDefault(before)


def test_file_sizes_follow_the_locale(qapp: Any) -> None:
    with language("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        assert i18n.file_size(512) == "512 bytes"
        assert i18n.file_size(2765) == "2.8 kB"
    with language("de"):
        assert i18n.file_size(512) == "512 Bytes"
        assert i18n.file_size(25_000_000) == "25,0 MB"


def test_the_command_line_and_the_windows_say_one_size_the_same_way(qapp: Any) -> None:
    """One unit system: decimal, as file managers show sizes; the limit is in the same MB."""
    from app.core.attachments import human_size
    from app.core.config import load

    limit = load(env={}).max_attachment_bytes  # attachments.max_size_mb = 25
    with language("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        for size in (0, 999, 1000, 2765, 30_000_000, limit, 3 * 10**9):
            assert i18n.file_size(size) == human_size(size), size
    assert (human_size(limit), human_size(30_000_000)) == ("25.0 MB", "30.0 MB")


def test_the_language_follows_the_system_unless_configured() -> None:
    german, french = QLocale(QLocale.Language.German), QLocale(QLocale.Language.French)
    assert i18n.choose_language("", german) == "de"
    assert i18n.choose_language("", french) == "en"
    assert i18n.choose_language("en", german) == "en"
    assert i18n.choose_language("pseudo", french) == "pseudo"
    austrian = QLocale(QLocale.Language.German, QLocale.Country.Austria)
    assert i18n.choose_language("", austrian) == "de"


# -- IT's overrides ---------------------------------------------------------------------


def test_it_overrides_texts_per_language_from_the_branding_folder(
    qtbot: Any, root: Path, tmp_path: Path
) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / i18n.TEXTS_FILE).write_text(
        '[texts.en]\n"Welcome" = "Welcome to Acme IT"\n"&Next" = "&Continue"\n'
        '[texts.de]\n"Welcome" = "Willkommen bei Acme-IT"\n',
        encoding="utf-8",
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    env = {"HELPLINE_BRANDING": str(brand)}
    config = make_config()
    try:
        for lang, title, next_text in (
            ("en", "Welcome to Acme IT", "&Continue"),
            ("de", "Willkommen bei Acme-IT", "&Weiter"),
        ):
            config.values["ui.language"] = lang
            assert i18n.install(app, config, env) == lang
            wiz = make_wizard(qtbot, root / lang, config)
            assert wiz.currentPage().title() == title
            assert wiz.button(HelpWizard.WizardButton.NextButton).text() == next_text
            wiz.ctx.runner.wait()
    finally:
        i18n.uninstall(app)
        QLocale.setDefault(QLocale.c())


def test_a_broken_texts_file_is_ignored(tmp_path: Path, caplog: Any) -> None:
    path = tmp_path / i18n.TEXTS_FILE
    path.write_text("[texts.de\n", encoding="utf-8")
    assert i18n.read_overrides(path, "de") == {}
    assert "could not be read" in caplog.text
    path.write_text('[texts.de]\n"Welcome" = 3\n"Next" = "Weiter"\n', encoding="utf-8")
    assert i18n.read_overrides(path, "de") == {"Next": "Weiter"}


def test_english_installs_no_translator(qapp: Any) -> None:
    config = load(env={})
    config.values["ui.language"] = "en"
    assert i18n.install(qapp, config, env={}) == "en"
    assert not [t for t in qapp.findChildren(QWidget)]  # no stray windows either
    assert QCoreApplication.translate("HelpWizard", "&Next") == "&Next"


def test_the_deployment_guide_offers_texts_toml_as_the_accessibility_guide_says() -> None:
    """docs/deployment.md said text overrides were not supported; the build embeds them."""
    deployment = (ROOT / "docs" / "deployment.md").read_text("utf-8")
    accessibility = (ROOT / "docs" / "accessibility.md").read_text("utf-8")
    folder = deployment.split("## The branding folder", 1)[1].split("\n## ", 1)[0]
    assert f"| `{i18n.TEXTS_FILE}` | no |" in folder
    assert "not supported" not in folder
    assert f"Put a `{i18n.TEXTS_FILE}` in the branding folder" in accessibility
    spec = (ROOT / "packaging" / "helpline.spec").read_text("utf-8")
    assert 'item.name != "policy.toml"' in spec  # every other file of the folder is embedded
