"""The request wizard: eight pages over one shared :class:`WizardContext`.

The wizard only assembles pages and decides what leaving means: Escape asks
before putting a typed request aside, closing the window keeps the draft,
and ending on the not-handled page files nothing and keeps nothing.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from app.ui.context import WizardContext
from app.ui.pages.about_you import AboutYouPage
from app.ui.pages.done import DonePage
from app.ui.pages.evidence import EvidencePage
from app.ui.pages.ids import PageId
from app.ui.pages.not_handled import NotHandledPage
from app.ui.pages.problem import ProblemPage
from app.ui.pages.review import ReviewPage
from app.ui.pages.sending import SendingPage
from app.ui.pages.welcome import WelcomePage
from app.ui.style import logo_pixmap, set_role


class HelpWizard(QWizard):
    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reply_ref = ""
        self._closing = False
        self.setObjectName("helpWizard")
        self.setAccessibleName(self.tr("Request help"))
        if sys.platform.startswith("linux"):
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, logo_pixmap(ctx.config, 48))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("&Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Send request"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        descriptions = {
            QWizard.WizardButton.NextButton: self.tr("Go on to the next page"),
            QWizard.WizardButton.BackButton: self.tr("Go back to the page before"),
            QWizard.WizardButton.FinishButton: self.tr("Close Helpline"),
            QWizard.WizardButton.CommitButton: self.tr("Go on; there is no way back from here"),
            QWizard.WizardButton.CancelButton: self.tr(
                "Close Helpline; asks first if what you typed would be put aside"),
        }
        for which, name in ((QWizard.WizardButton.NextButton, "nextButton"),
                            (QWizard.WizardButton.BackButton, "backButton"),
                            (QWizard.WizardButton.FinishButton, "finishButton"),
                            (QWizard.WizardButton.CommitButton, "commitButton"),
                            (QWizard.WizardButton.CancelButton, "cancelButton")):
            button = self.button(which)
            button.setObjectName(name)
            button.setAccessibleDescription(descriptions[which])
        self._name_buttons()
        # A page may relabel a button (Review: "Send request", Sending: "Continue"); the
        # name a screen reader announces must follow what the button says.
        self.currentIdChanged.connect(lambda _id: self._name_buttons())
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CommitButton):
            set_role(self.button(which), "primary", True)

        self.welcome = WelcomePage(ctx)
        self.about_you = AboutYouPage(ctx)
        self.problem = ProblemPage(ctx)
        self.not_handled = NotHandledPage(ctx)
        self.setPage(PageId.WELCOME, self.welcome)
        self.setPage(PageId.ABOUT_YOU, self.about_you)
        self.setPage(PageId.PROBLEM, self.problem)
        self.setPage(PageId.NOT_HANDLED, self.not_handled)
        self.setPage(PageId.EVIDENCE, EvidencePage(ctx))
        self.setPage(PageId.REVIEW, ReviewPage(ctx))
        self.setPage(PageId.SENDING, SendingPage(ctx))
        self.setPage(PageId.DONE, DonePage(ctx))
        self.setStartId(PageId.WELCOME)
        self.welcome.replyChosen.connect(self._reply_chosen)
        self._update_title()
        self.resize(760, 640)
        self.setMinimumSize(560, 480)

    def _name_buttons(self) -> None:
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.CancelButton):
            button = self.button(which)
            button.setAccessibleName(button.text().replace("&", ""))

    # -- reply mode ---------------------------------------------------------------

    def _reply_chosen(self, ref: str) -> None:
        self.reply_ref = ref
        self.problem.set_reply(ref or "")
        self._update_title()

    def _update_title(self) -> None:
        name = self.ctx.config["branding.name"]
        reply_to = self.ctx.form.reply_to
        if reply_to:
            ref = self.reply_ref or "#" + reply_to
            self.setWindowTitle(self.tr("Add to %1 — %2").replace("%1", ref).replace("%2", name))
        else:
            self.setWindowTitle(name)

    # -- leaving ------------------------------------------------------------------

    def _in_progress(self) -> bool:
        """A typed request that is not yet safe in the outbox."""
        return self.ctx.item is None and not self.ctx.form.is_blank() \
            and self.currentId() != PageId.NOT_HANDLED

    def confirm_close(self) -> bool:
        """Ask before putting a typed request aside. Tests replace this method."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close Helpline?"),
                          self.tr("Your request has not been sent yet."), parent=self)
        box.setObjectName("confirmCloseBox")
        box.setInformativeText(self.tr("What you typed is kept, and Helpline offers to "
                                       "continue it the next time you open it."))
        close = box.addButton(self.tr("&Close and keep the draft"),
                              QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("&Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is close

    def reject(self) -> None:
        """Escape or Cancel: ask first if something typed would be put aside."""
        if not self._closing and self._in_progress() and not self.confirm_close():
            return
        self._keep_or_drop_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button keeps the draft without asking."""
        self._closing = True
        try:
            super().closeEvent(event)
        finally:
            self._closing = False

    def done(self, result: int) -> None:
        self._keep_or_drop_draft()
        super().done(result)

    def _keep_or_drop_draft(self) -> None:
        """Save the draft now, or forget it when the request ended as not handled here."""
        timer = self.ctx.findChild(QTimer, "draftSaveTimer")
        if self.currentId() == PageId.NOT_HANDLED:
            if timer is not None:
                timer.stop()
            self.ctx.submission.drafts.clear()
        elif timer is not None and timer.isActive():
            timer.stop()
            self.ctx.save_draft()
