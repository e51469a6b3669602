"""The read-only settings window: every key, its value as shown, its source, its lock."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import cli
from app.cli_text import HIDDEN
from app.core import branding
from app.core.config import BUILTIN, Config, load
from app.core.schema import KEYS
from app.ui.i18n import program_name
from app.ui.settings_window import KEY, LOCKED, SOURCE, VALUE, SettingsWindow
from tests.ui.test_a11y import language

ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


@pytest.fixture
def locked_config(
    isolated_dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Config:
    """Acme's embedded branding and policy, a user file that tries to override a lock, a secret."""
    monkeypatch.setattr(branding, "embedded_folder", lambda: ACME)
    policy = isolated_dirs["site"] / "helpline" / "policy.toml"
    policy.parent.mkdir(parents=True)
    shutil.copy(ACME / "policy.toml", policy)
    user = isolated_dirs["config"] / "helpline" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('[backend]\ntype = "rt"\ntoken = "s3cr3t-t0ken"\n', encoding="utf-8")
    return load(env={})


def _row(window: SettingsWindow, name: str) -> list[str]:
    for row in range(window.model.rowCount()):
        if window.model.item(row, KEY).text() == name:
            return [window.model.item(row, col).text() for col in range(4)]
    raise AssertionError(f"{name} is not listed")


def test_every_key_is_listed_read_only_with_value_and_source(
    qtbot: Any, locked_config: Config
) -> None:
    window = SettingsWindow(locked_config)
    qtbot.addWidget(window)
    assert window.objectName() == "settingsWindow"
    assert window.model.rowCount() == len(KEYS)
    assert [window.model.item(r, KEY).text() for r in range(len(KEYS))] == [k.name for k in KEYS]
    assert not any(window.model.item(r, c).isEditable() for r in range(len(KEYS)) for c in range(4))
    name = _row(window, "branding.name")
    assert name[VALUE] == '"Acme IT Service Desk"'
    assert name[SOURCE] == str(ACME / "branding.toml")
    # The program's own name: the brand's in a branded build (issue 15), not "Helpline".
    assert _row(window, "outbox.retry_seconds")[SOURCE] == f"{program_name()}'s default"
    assert locked_config.source("outbox.retry_seconds") == BUILTIN


def test_the_settings_window_speaks_german_and_names_the_brand(
    qtbot: Any, locked_config: Config
) -> None:
    """Its headers, sources and lock words were wrapped in a helper lupdate never read,
    so a German user saw them in English; the built-in source said "Helpline's default"
    under Acme's name."""
    from PySide6.QtGui import QGuiApplication

    before = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("Acme IT Service Desk")
    try:
        with language("de"):
            window = SettingsWindow(locked_config)
            qtbot.addWidget(window)
            headers = [window.model.horizontalHeaderItem(c).text() for c in range(4)]
            retry = _row(window, "outbox.retry_seconds")
            locked = _row(window, "branding.name")
    finally:
        QGuiApplication.setApplicationDisplayName(before)
    assert headers == ["Einstellung", "Wert", "Stammt aus", "Gesperrt"]
    assert retry[SOURCE] == "Standard von Acme IT Service Desk"
    assert locked[LOCKED] == "Von Ihrer Organisation festgelegt"


def test_secrets_are_hidden_as_the_cli_hides_them(qtbot: Any, locked_config: Config) -> None:
    window = SettingsWindow(locked_config)
    qtbot.addWidget(window)
    token = _row(window, "backend.token")
    assert token[VALUE] == HIDDEN
    shown = [
        window.model.item(r, c).text() for r in range(window.model.rowCount()) for c in range(4)
    ]
    assert not any("s3cr3t-t0ken" in text for text in shown)


def test_locked_keys_carry_a_lock_and_ignored_overrides_are_explained(
    qtbot: Any, locked_config: Config
) -> None:
    window = SettingsWindow(locked_config)
    qtbot.addWidget(window)
    assert set(window.locked_rows()) == set(locked_config.locked)
    row = next(
        r
        for r in range(window.model.rowCount())
        if window.model.item(r, KEY).text() == "backend.type"
    )
    cell = window.model.item(row, LOCKED)
    assert cell.text() == "Set by your organisation"
    assert not cell.icon().isNull()
    assert _row(window, "backend.type")[VALUE] == '"local"'  # the user's "rt" was refused
    assert _row(window, "outbox.retry_seconds")[LOCKED] == ""
    window.show()
    assert window.notices.isVisible()
    text = window.notices.text()
    assert "your organisation has fixed them" in text
    assert "'backend.type'" in text and "was ignored" in text


def test_without_notices_the_note_is_hidden(qtbot: Any) -> None:
    window = SettingsWindow(load(env={}))
    qtbot.addWidget(window)
    window.show()
    assert not window.notices.isVisible()
    assert window.locked_rows() == []


def test_helpline_settings_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Config] = []
    module = types.ModuleType("app.ui.app")

    def main(
        config: Config, window: str = "wizard", startup_probe: bool = False, **_other: Any
    ) -> int:
        calls.append(config)
        return 5 if window == "settings" else 0

    module.main = main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.ui.app", module)
    assert cli.main(["settings"]) == 5
    assert calls and calls[0]["backend.type"] == "local"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_the_tray_opens_the_settings_window_once(qtbot: Any, qapp: Any) -> None:
    from app.ui.session import Session
    from app.ui.tasks import InlineRunner
    from app.ui.tray import Tray

    config = load(env={})
    session = Session(config, InlineRunner(), qapp)
    tray = Tray(config, session)
    tray.openSettings.connect(session.open_settings)
    tray.settings_action.trigger()
    first = session.settings_window
    assert isinstance(first, SettingsWindow) and first.isVisible()
    qtbot.addWidget(first)
    tray.settings_action.trigger()
    assert session.settings_window is first
    tray.close()


def test_esc_closes_the_settings_window(qtbot: Any) -> None:
    window = SettingsWindow(load(env={}))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert not window.isVisible()
