"""The sign-in dialog against the http protocol's reference server (app/ui/signin.py).

The real TaskRunner runs the check on Qt's thread pool, so these tests also
show that the GUI thread never waits on the helpdesk. The keyring is the
in-memory one from tests/backends/test_credentials.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from app.backends import credentials
from app.core.config import Config, load
from app.core.helpdesk import PermanentError
from app.ui.signin import SignInDialog
from app.ui.tasks import TaskRunner
from tests.backends.helpline_http_server import HelplineServer
from tests.backends.test_credentials import memory_keyring as memory_keyring  # fixture
from tests.backends.test_credentials import no_keyring as no_keyring  # fixture
from tests.ui.test_a11y import language

ALICE = {"name": "Alice Example", "email": "alice@corp.example"}


@pytest.fixture
def server() -> Iterator[HelplineServer]:
    srv = HelplineServer({"tok-alice": ALICE}).start()
    yield srv
    srv.stop()


@pytest.fixture
def config(server: HelplineServer) -> Config:
    return load(flags={"backend.type": "http", "backend.url": server.url}, env={})


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.wait()


@pytest.fixture
def dialog(qtbot, config, runner) -> SignInDialog:
    dlg = SignInDialog(config, runner)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_the_form_shows_the_address_and_hides_the_secret(dialog, server):
    assert dialog.objectName() == "signInDialog" and dialog.isModal()
    assert dialog.address.text() == server.url and dialog.address.isReadOnly()
    assert dialog.secret.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.remember.isChecked()
    assert dialog.secret.accessibleName() == "Token"
    for widget in (
        dialog.address,
        dialog.username,
        dialog.secret,
        dialog.remember,
        dialog.sign_in_button,
    ):
        assert widget.objectName() and widget.accessibleName()
    buddies = {
        label.buddy(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies[dialog.secret] == "&Token:" and buddies[dialog.username] == "&User name:"
    assert dialog.sign_in_button.text() == "&Sign in" and dialog.sign_in_button.isDefault()


def test_a_right_token_is_checked_off_the_gui_thread_stored_and_accepted(
    dialog, qtbot, server, memory_keyring, monkeypatch
):
    threads: list[threading.Thread] = []
    check = credentials.verify

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return check(*args, **kwargs)

    monkeypatch.setattr(credentials, "verify", watched)
    dialog.secret.setText("tok-alice")
    with qtbot.waitSignal(dialog.signedIn, timeout=10_000) as signed:
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and not dialog.sign_in_button.isEnabled()
        assert dialog.status.isVisible() and "Checking" in dialog.status.text()
    assert signed.args[0].name == "Alice Example"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert threads and threads[0] is not threading.main_thread()
    assert memory_keyring.entries == {(f"helpline:http:{server.url}", "default"): "tok-alice"}
    assert dialog.secret.text() == ""
    assert [e.template for e in server.exchanges] == ["/v1/me"]


def test_a_wrong_token_shows_the_adapters_sentence_and_is_not_kept(dialog, qtbot, memory_keyring):
    dialog.secret.setText("tok-wrong")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.error.text() == "The helpdesk did not accept your sign-in. Please sign in again."
    assert dialog.error.accessibleName() == dialog.error.text()
    assert not dialog.busy and dialog.sign_in_button.isEnabled() and dialog.secret.isEnabled()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert memory_keyring.entries == {}
    assert credentials.resolve(dialog.config).source == "none"


def test_not_remembered_lasts_for_this_session_only(dialog, qtbot, memory_keyring):
    dialog.remember.setChecked(False)
    dialog.secret.setText("tok-alice")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert memory_keyring.entries == {}
    secret = credentials.resolve(dialog.config)
    assert (secret.source, secret.value) == ("session", "tok-alice")


def test_without_a_keyring_it_says_so_and_continues_for_the_session(dialog, qtbot, no_keyring):
    dialog.secret.setText("tok-alice")
    with qtbot.waitSignal(dialog.signedIn, timeout=10_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "No password store (keyring)" in dialog.status.text()
    assert dialog.sign_in_button.text() == "&Continue" and not dialog.secret.isEnabled()
    assert credentials.resolve(dialog.config).source == "session"
    with qtbot.waitSignal(dialog.accepted, timeout=1_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_an_empty_secret_is_asked_for_without_calling_the_helpdesk(dialog, qtbot, server):
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == "Please enter your token."
    assert not dialog.busy and server.exchanges == []


def test_rt_asks_for_a_password_once_a_user_name_is_given(qtbot, runner, memory_keyring):
    config = load(flags={"backend.type": "rt", "backend.url": "https://rt.example.org"}, env={})
    dlg = SignInDialog(config, runner)
    qtbot.addWidget(dlg)
    assert dlg.kind == "token" and dlg.secret_label.text() == "&Token:"
    dlg.username.setText("alice")
    assert dlg.kind == "password" and dlg.secret_label.text() == "&Password:"
    assert dlg.secret.accessibleName() == "Password"


def _refused_in_german(qtbot, config, runner, token):
    """Sign in with ``token`` in German; the dialog and the sentence it shows."""
    with language("de"):
        dlg = SignInDialog(config, runner)
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.secret.setText(token)
        qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=10_000)
        return dlg, dlg.error.text()


def test_in_german_a_wrong_token_is_said_in_german(qtbot, config, runner, memory_keyring):
    _dlg, text = _refused_in_german(qtbot, config, runner, "tok-wrong")
    assert text == (
        "Der Helpdesk hat Ihre Anmeldung nicht angenommen. Bitte melden Sie sich erneut an."
    )
    assert memory_keyring.entries == {}


def test_in_german_an_adapters_code_is_said_in_german(qtbot, config, runner, monkeypatch):
    def no_session(*_args, **_kwargs):
        raise PermanentError("no session", code="bad_answer", helpdesk="GLPI")

    monkeypatch.setattr(credentials, "sign_in", no_session)
    dlg, text = _refused_in_german(qtbot, config, runner, "tok-alice")
    assert text == (
        "Der Helpdesk hat eine Antwort gesendet, die Helpline nicht lesen kann; "
        "bitte informieren Sie die IT."
    )  # the technical detail is for the logs
    assert not dlg.busy and dlg.isVisible()
