"""The tray menu, start at login, notifications from polling, and the tray's windows.

The offscreen platform has no system tray, so the icon is absent there; the
menu and its actions exist regardless and are tested directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from app.backends.local import LocalBackend
from app.core.cache import TicketCache
from app.core.config import Config, load
from app.core.model import NewTicket, Requester
from app.core.polling import PollResult
from app.services.filing import Submission
from app.ui.notify import Notifier, PollService
from app.ui.session import Session
from app.ui.tasks import InlineRunner
from app.ui.tray import Tray, autostart_file, set_start_at_login
from tests.ui.test_a11y import language

ADA = Requester(name="Ada Lovelace", email="ada@example.org")


@pytest.fixture
def config() -> Config:
    return load(env={})


@pytest.fixture
def root(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "helpline"
    path.mkdir()
    return path


def test_the_menu_offers_new_request_my_requests_the_outbox_and_quit(
    qtbot: Any, config: Config
) -> None:
    tray = Tray(config)
    names = [a.objectName() for a in tray.menu.actions() if not a.isSeparator()]
    assert names == ["trayNewRequest", "trayMyRequests", "traySettings", "trayOutbox", "trayQuit"]
    assert tray.available == QSystemTrayIcon.isSystemTrayAvailable()
    for action, signal in (
        (tray.new_action, tray.newRequest),
        (tray.requests_action, tray.openRequests),
        (tray.settings_action, tray.openSettings),
        (tray.quit_action, tray.quitRequested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            action.trigger()
    assert not tray.outbox_action.isEnabled()
    assert tray.outbox_action.text() == "Nothing waiting to be sent"
    tray.set_pending(1)
    assert tray.outbox_action.text() == "1 waiting to be sent"
    tray.set_pending(3)
    assert tray.outbox_action.text() == "3 waiting to be sent"
    tray.close()


def test_start_at_login_writes_and_removes_the_autostart_entry(
    isolated_dirs: dict[str, Path],
) -> None:
    path = set_start_at_login(True, "Contoso IT", command="/opt/helpline/helpline tray")
    assert (
        path == autostart_file() == isolated_dirs["config"] / "autostart" / "helpline-tray.desktop"
    )
    text = path.read_text()
    assert "Exec=/opt/helpline/helpline tray" in text and "Name=Contoso IT" in text
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    assert set_start_at_login(False) is None and not path.exists()
    assert set_start_at_login(False) is None  # removing twice is fine


def file(backend: LocalBackend, subject: str) -> str:
    return backend.create(NewTicket(subject, "Body", ADA, client_ref=subject)).id


def test_a_support_answer_raises_exactly_one_notification(
    qtbot: Any, config: Config, root: Path
) -> None:
    backend = LocalBackend(root)
    ticket_id = file(backend, "VPN drops every hour")
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    polling = PollService(submission, InlineRunner(), TicketCache(root))
    notifier = Notifier(config)
    polling.changed.connect(notifier.notify)
    shown: list[tuple[str, str, str]] = []
    notifier.shown.connect(lambda *args: shown.append(args))
    polling.poll_now()  # the baseline
    assert shown == []
    backend.add_agent_reply(ticket_id, "Sam from IT", "Which VPN client do you use?")
    polling.poll_now()
    polling.poll_now()
    assert len(shown) == 1
    title, text, ticket = shown[0]
    assert title == "#1: VPN drops every hour"
    assert text.startswith("Sam from IT answered: Which VPN client do you use?")
    assert ticket == ticket_id
    with qtbot.waitSignal(notifier.openTicket) as opened:
        notifier.clicked()
    assert opened.args == [ticket_id]
    assert 0 < polling.next_poll_ms <= 360_000  # the next poll is scheduled, with jitter
    polling.stop()


def test_the_tray_spreads_its_first_poll_and_a_window_polls_at_once(
    config: Config, root: Path
) -> None:
    # The tray starts at login: a fleet logging in at nine must not poll in step
    # (docs/performance.md, fleet politeness). An opened window wants fresh data now.
    backend = LocalBackend(root)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    calls: list[bool] = []
    spread = PollService(submission, InlineRunner(), TicketCache(root))
    spread.poller.poll = lambda full=False: calls.append(full)  # type: ignore[method-assign]
    spread.start(spread=True)
    limit = config["polling.interval_seconds"] * config["polling.jitter"] * 1000
    assert calls == [] and 0 <= spread.next_poll_ms <= limit
    spread.stop()
    at_once = PollService(submission, InlineRunner(), TicketCache(root))
    at_once.poller.poll = lambda full=False: (calls.append(full), PollResult())[1]  # type: ignore[method-assign]
    at_once.start()
    assert calls == [False]
    at_once.stop()


def test_muted_kinds_are_not_shown(config: Config, root: Path) -> None:
    config.values["notifications.muted"] = ["status"]
    backend = LocalBackend(root)
    ticket_id = file(backend, "Printer jams")
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    polling = PollService(submission, InlineRunner(), TicketCache(root))
    notifier = Notifier(config)
    polling.changed.connect(notifier.notify)
    shown: list[Any] = []
    notifier.shown.connect(lambda *args: shown.append(args))
    polling.poll_now()
    backend.set_resolved(ticket_id)
    polling.poll_now()
    assert shown == []
    polling.stop()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_the_tray_opens_my_requests_on_the_notified_ticket(
    qtbot: Any, config: Config, root: Path, qapp: Any
) -> None:
    backend = LocalBackend(root)
    file(backend, "One")
    second = file(backend, "Two")
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    session = Session(config, InlineRunner(), qapp, submission=submission)
    qapp.setQuitOnLastWindowClosed(False)
    try:
        tray = session.start_tray()
        session.polling.poll_now()
        window = session.open_requests(second)
        qtbot.addWidget(window)
        assert window.isVisible() and window.list_panel.selected_key() == f"ticket:{second}"
        assert session.open_requests("") is window  # one window, raised again
        notifier = session.findChild(Notifier)
        assert notifier is not None
        notifier.last_ticket = "1"
        notifier.clicked()
        assert window.list_panel.selected_key() == "ticket:1"
        session.delivery.pendingChanged.emit(2)
        assert tray.outbox_action.text() == "2 waiting to be sent"
        tray.new_action.trigger()  # the session's opener, as every entry point uses
        (wizard,) = session.wizards
        qtbot.addWidget(wizard)
        assert wizard.isVisible() and wizard.objectName() == "helpWizard"
        tray.new_action.trigger()  # an open wizard is raised, not doubled
        assert len(session.wizards) == 1
    finally:
        session.polling.stop()
        session.delivery.stop()
        if session.tray is not None:
            session.tray.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_without_a_tray_the_window_is_the_way_in_and_closing_it_quits(
    qtbot: Any, config: Config, root: Path, qapp: Any
) -> None:
    if QSystemTrayIcon.isSystemTrayAvailable():  # needs the QApplication: not at import time
        pytest.skip("this desktop has a system tray")
    submission = Submission(config, root=root, backend_factory=lambda _c: LocalBackend(root))
    session = Session(config, InlineRunner(), qapp, submission=submission)
    qapp.setQuitOnLastWindowClosed(False)
    try:
        session.start_tray()
        assert session.requests_window is not None
        qtbot.addWidget(session.requests_window)
        assert session.requests_window.isVisible() and qapp.quitOnLastWindowClosed()
    finally:
        session.polling.stop()
        session.delivery.stop()
        if session.tray is not None:
            session.tray.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_a_german_desktop_hears_a_real_poll_change_in_german(config: Config, root: Path) -> None:
    """Issue 14: the tray said "Support answered: … Status is now waiting on you." in
    English on a German desktop. A real poll of the local helpdesk finds the answer and
    the new status; the notification is German, and the server's words stay its own."""
    backend = LocalBackend(root)
    answered = file(backend, "VPN drops every hour")
    resolved = file(backend, "Printer jams")
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    polling = PollService(submission, InlineRunner(), TicketCache(root))
    shown: list[tuple[str, str, str]] = []
    with language("de", config):
        notifier = Notifier(config)
        polling.changed.connect(notifier.notify)
        notifier.shown.connect(lambda *args: shown.append(args))
        polling.poll_now()  # the baseline
        backend.add_agent_reply(answered, "Sam from IT", "Which VPN client do you use?")
        polling.poll_now()
        backend.set_resolved(resolved)
        polling.poll_now()
    polling.stop()
    assert shown == [
        (
            "#1: VPN drops every hour",
            "Sam from IT hat geantwortet: Which VPN client do you use? "
            "Der Status ist jetzt „Wartet auf Sie“.",
            answered,
        ),
        (
            "#2: Printer jams",
            # asked once per resolution (issue 18)
            "Der Status ist jetzt „Gelöst“. Ist es gelöst? Öffnen Sie die Anfrage, um es dem "
            "Support zu sagen.",
            resolved,
        ),
    ]


def test_a_branded_tray_and_crash_dialog_say_the_brands_name(config: Config, qapp: Any) -> None:
    """Issue 15: "Quit Helpline" and "Helpline ran into a problem" in an Acme build."""
    from app.ui.crash import crash_dialog

    config.values["branding.name"] = "Acme IT Help"
    tray = Tray(config)
    assert tray.quit_action.text() == "&Quit Acme IT Help"
    assert tray.menu.accessibleName() == "Acme IT Help"
    tray.close()
    before = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName("Acme IT Help")  # as create_application does for a brand
    try:
        box, _report = crash_dialog(None)
        assert box.windowTitle() == "Acme IT Help ran into a problem"
        box.deleteLater()
    finally:
        qapp.setApplicationDisplayName(before)
