"""The sign-in dialog: the person's own account at the helpdesk, checked before it is kept.

The check (``whoami``) and the keyring write both run on the task runner,
never on the GUI thread: a helpdesk or a locked password store can take
seconds. A wrong secret is shown as the adapter's own sentence, inline, and
nothing is kept; a right one is stored (or held for this session only) and the
dialog accepts. The logic lives in :mod:`app.backends.credentials`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backends import credentials
from app.core.config import Config
from app.core.helpdesk import BackendError
from app.core.model import Requester
from app.ui import messages
from app.ui.i18n import program_name
from app.ui.plain import plain
from app.ui.tasks import TaskRunner
from app.ui.widgets.labels import TextLabel


class SignInDialog(QDialog):
    """Modal; emits :attr:`signedIn` with the requester the helpdesk knows, then accepts."""

    signedIn = Signal(object)

    def __init__(self, config: Config, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config, self.runner = config, runner
        self.kind: credentials.Kind = "token"
        self.requester: Requester | None = None
        self.busy = False
        self.setObjectName("signInDialog")
        self.setModal(True)
        self.setWindowTitle(self.tr("Sign in to the helpdesk"))
        self._build()

    def _build(self) -> None:
        intro = TextLabel(
            self.tr(
                "Sign in with your own account, so the helpdesk knows your requests are yours."
            ),
            object_name="signInIntro",
        )
        self.address = QLineEdit(credentials.address(self.config), self)
        self.address.setObjectName("signInAddress")
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Helpdesk address"))
        self.username = QLineEdit(self.config["backend.username"], self)
        self.username.setObjectName("signInUsername")
        self.username.setAccessibleName(self.tr("User name"))
        self.secret = QLineEdit(self)
        self.secret.setObjectName("signInSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = plain(QLabel(self))
        self.secret_label.setObjectName("signInSecretLabel")
        self.secret_label.setBuddy(self.secret)
        self.remember = QCheckBox(self.tr("&Remember on this computer"), self)
        self.remember.setObjectName("signInRemember")
        self.remember.setChecked(True)
        self.remember.setAccessibleName(self.tr("Remember on this computer"))
        self.remember.setToolTip(
            self.tr(
                "Kept in this computer's password store, never in a file {program} writes."
            ).format(program=program_name())
        )
        self.status = TextLabel("", role="hint", object_name="signInStatus")
        self.error = TextLabel("", role="error", object_name="signInError")
        self.status.hide()
        self.error.hide()

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Helpdesk:"), self.address), self.address)
        form.addRow(self._label(self.tr("&User name:"), self.username), self.username)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.remember)
        self.username.textChanged.connect(self._update_kind)
        self._update_kind()

        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("signInButtons")
        self.sign_in_button = QPushButton(self.tr("&Sign in"), self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("signInCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.secret if self.username.text() else self.username).setFocus()

    def _label(self, text: str, field: QWidget) -> QLabel:
        label = plain(QLabel(text, self))  # may name the helpdesk's address
        label.setObjectName(f"{field.objectName()}Label")
        label.setBuddy(field)
        return label

    # -- behaviour ------------------------------------------------------------

    def _update_kind(self) -> None:
        """RT, Zammad and Redmine take a password with a user name, else a personal token."""
        config = credentials.with_username(self.config, self.username.text().strip())
        self.kind = credentials.kind_for(config) or "token"
        is_password = self.kind == "password"
        self.secret_label.setText(self.tr("&Password:") if is_password else self.tr("&Token:"))
        self.secret.setAccessibleName(self.tr("Password") if is_password else self.tr("Token"))

    def submit(self) -> None:
        """Check the secret on a worker; the dialog waits, the GUI does not."""
        if self.busy:
            return
        if self.requester is not None:  # "Continue" after a session-only sign-in
            self.accept()
            return
        value = self.secret.text()
        if not value:
            self._show_error(
                self.tr("Please enter your password.")
                if self.kind == "password"
                else self.tr("Please enter your token.")
            )
            self.secret.setFocus()
            return
        self._set_busy(True)
        self.runner.run(
            credentials.sign_in,
            self.config,
            value,
            self.kind,
            self.username.text().strip(),
            self.remember.isChecked(),
            on_done=self._signed_in,
            on_error=self._failed,
        )

    def _signed_in(self, result: Any) -> None:
        requester, note = result
        self._set_busy(False)
        self.requester = requester
        self.secret.clear()  # the widget need not hold it any longer
        self.signedIn.emit(requester)
        if not note:
            self.accept()
            return
        self.status.setText(note)
        self.status.show()
        for widget in (self.username, self.secret, self.remember):
            widget.setEnabled(False)
        self.sign_in_button.setText(self.tr("&Continue"))
        self.sign_in_button.setAccessibleName(self.tr("Continue"))
        self.sign_in_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, BackendError):
            self._show_error(messages.error(error))  # German too, not core's English
        else:  # a bug or an odd keyring: say what is known without a traceback
            self._show_error(
                self.tr(
                    "Signing in did not work ({name}). Please try again, or "
                    "contact support another way."
                ).format(name=type(error).__name__)
            )
        self.secret.setFocus()
        self.secret.selectAll()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.secret, self.remember, self.sign_in_button):
            widget.setEnabled(not busy)
        self.status.setText(self.tr("Checking with the helpdesk…") if busy else "")
        self.status.setVisible(busy)
        if busy:
            self.error.hide()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def reject(self) -> None:
        if not self.busy:  # the check cannot be taken back once it runs
            super().reject()
