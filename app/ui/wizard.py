"""The request wizard: eight pages over one shared :class:`WizardContext`.

The wizard only assembles pages and decides what leaving means: Escape asks
before putting a typed request aside, closing the window keeps the draft,
and ending on the not-handled page files nothing and keeps nothing.

Only the Welcome page is needed for the first frame. With ``defer_pages`` the
other seven (and their modules: the evidence viewers, the *My requests* window
behind Done) are imported and built after the first paint, a step at a time
(:meth:`HelpWizard.build_pages_later`); that took 0.6-0.7 x the floor's time off
the first paint (docs/performance.md). Without it, as in tests, all pages exist
at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from app.ui.i18n import program_name
from app.ui.pages.ids import PageId
from app.ui.pages.welcome import WelcomePage
from app.ui.style import logo_pixmap

if TYPE_CHECKING:
    from app.core.form import RequestForm
    from app.ui.context import WizardContext
    from app.ui.pages.about_you import AboutYouPage
    from app.ui.pages.not_handled import NotHandledPage
    from app.ui.pages.problem import ProblemPage
    from app.ui.widgets.mnemonics import DisabledMnemonics


class Leaving(Enum):
    """What the person chose when asked before closing with a typed request."""

    KEEP = "keep"  # close, and keep the draft to continue next time
    DISCARD = "discard"  # close, and delete the draft
    STAY = "stay"  # keep writing


#: Pause between two steps of building the pages after the first paint: room for paint
#: events and for the workers collecting evidence (they share the GIL with this thread).
LATER_STEP_MS = 15


class HelpWizard(QWizard):
    #: The person wants *My requests*, showing this ticket ("" for none); the session opens it.
    requestsWanted = Signal(str)
    #: The person wants to see what waits in the outbox.
    outboxWanted = Signal()
    #: "Let support see my screen" on the Done page: the request's ticket id.
    shareWanted = Signal(str)

    about_you: AboutYouPage
    mnemonics: DisabledMnemonics
    problem: ProblemPage
    not_handled: NotHandledPage

    def __init__(
        self, ctx: WizardContext, parent: QWidget | None = None, defer_pages: bool = False
    ) -> None:
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
        self.setButtonText(
            QWizard.WizardButton.CommitButton,
            # With nothing configured the local store keeps it: nothing is sent (issue 15).
            self.tr("&Save request") if ctx.config.keeps_locally else self.tr("&Send request"),
        )
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        descriptions = {
            QWizard.WizardButton.NextButton: self.tr("Go on to the next page"),
            QWizard.WizardButton.BackButton: self.tr("Go back to the page before"),
            QWizard.WizardButton.FinishButton: self.tr("Close {program}").format(
                program=program_name()
            ),
            QWizard.WizardButton.CommitButton: self.tr("Go on; there is no way back from here"),
            QWizard.WizardButton.CancelButton: self.tr(
                "Close {program}; asks first if what you typed would be put aside"
            ).format(program=program_name()),
        }
        for which, name in (
            (QWizard.WizardButton.NextButton, "nextButton"),
            (QWizard.WizardButton.BackButton, "backButton"),
            (QWizard.WizardButton.FinishButton, "finishButton"),
            (QWizard.WizardButton.CommitButton, "commitButton"),
            (QWizard.WizardButton.CancelButton, "cancelButton"),
        ):
            button = self.button(which)
            button.setObjectName(name)
            button.setAccessibleDescription(descriptions[which])
        self._next_description = descriptions[QWizard.WizardButton.NextButton]
        self._name_buttons()
        # A page may relabel a button (Review: "Send request", Sending: "Continue"); the
        # name a screen reader announces must follow what the button says.
        self.currentIdChanged.connect(lambda _id: self._name_buttons())
        self.currentIdChanged.connect(lambda _id: self._describe_next())
        self.currentIdChanged.connect(lambda _id: self._focus_the_way_on())
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CommitButton,
        ):
            # QWizard has already polished its buttons (their size hints did), and the
            # stylesheet reads a dynamic property only when a widget is polished. Setting a
            # style sheet of its own and taking it away again re-polishes the button alone;
            # set_role's QStyle.polish() would resolve overloads that make PySide6 build
            # the ``Qt`` namespace before the first paint (qt_values.py).
            button = self.button(which)
            button.setProperty("primary", True)
            button.setStyleSheet("/* primary */")
            button.setStyleSheet("")

        # Called before the other pages are built, while the start's second stage is still
        # loading (app/ui/app.py); it clears itself.
        self.before_pages: Callable[[], None] | None = None
        self.welcome = WelcomePage(ctx)
        self.setPage(PageId.WELCOME, self.welcome)
        self._later: Iterator[tuple[PageId, QWizardPage] | None] | None = self._later_pages()
        if not defer_pages:
            self.build_pages()
        self.setStartId(PageId.WELCOME)
        self.welcome.replyChosen.connect(self._reply_chosen)
        self.welcome.outboxWanted.connect(self.outboxWanted)
        self._update_title()
        self.resize(760, 640)
        self.setMinimumSize(560, 480)

    def _name_buttons(self) -> None:
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            button.setAccessibleName(button.text().replace("&", ""))

    def _describe_next(self) -> None:
        """A disabled Next tells a screen reader what it waits for, as the page shows it."""
        page = self.currentPage()
        missing = getattr(page, "missing_text", None)
        text = missing() if callable(missing) else ""
        self.button(QWizard.WizardButton.NextButton).setAccessibleDescription(
            text or self._next_description
        )

    def _focus_the_way_on(self) -> None:
        """On a page that asks nothing (``starts_on_button``), the first focus is the way on.

        QWizard focuses a page's first control, which on a branded Welcome or Done page is
        the phone link, so Enter dialled instead of going on (issue 15). Runs after QWizard
        has chosen (it emits ``currentIdChanged`` last).
        """
        page = self.currentPage()
        if not getattr(page, "starts_on_button", False):
            return
        if self.nextId() == -1:  # as QWizard chooses the button Enter presses
            button = self.button(QWizard.WizardButton.FinishButton)
        elif page.isCommitPage():
            button = self.button(QWizard.WizardButton.CommitButton)
        else:
            button = self.button(QWizard.WizardButton.NextButton)
        if button.isEnabled():
            button.setFocus()

    # -- pages --------------------------------------------------------------------

    def _later_pages(self) -> Iterator[tuple[PageId, QWizardPage] | None]:
        """The pages after Welcome; ``None`` between importing a page's module and building it.

        Each step costs at most about 20 ms of GUI-thread time, so building the pages
        after the first paint never holds the event loop for long.
        """
        from app.ui.pages.about_you import AboutYouPage

        yield None
        self.about_you = AboutYouPage(self.ctx)
        yield PageId.ABOUT_YOU, self.about_you
        from app.ui.pages.problem import ProblemPage

        yield None
        self.problem = ProblemPage(self.ctx)
        yield PageId.PROBLEM, self.problem
        from app.ui.pages.not_handled import NotHandledPage

        self.not_handled = NotHandledPage(self.ctx)
        yield PageId.NOT_HANDLED, self.not_handled
        from app.ui.pages.evidence import EvidencePage

        yield None
        yield PageId.EVIDENCE, EvidencePage(self.ctx)
        from app.ui.pages.review import ReviewPage

        yield PageId.REVIEW, ReviewPage(self.ctx)
        from app.ui.pages.sending import SendingPage

        yield PageId.SENDING, SendingPage(self.ctx)
        from app.ui.pages.done import DonePage

        yield None
        done = DonePage(self.ctx)
        done.requestsWanted.connect(self.requestsWanted)
        done.shareWanted.connect(self.shareWanted)
        yield PageId.DONE, done

    @property
    def pages_built(self) -> bool:
        return self._later is None

    def _build_one(self) -> bool:
        """Take the next step (an import or a page); False once every page exists."""
        if self._later is None:
            return False
        if self.before_pages is not None:
            self.before_pages()
        try:
            built = next(self._later)
        except StopIteration:
            self._later = None
            self._hold_disabled_mnemonics()
            return False
        if built is not None:
            self.setPage(*built)
            built[1].completeChanged.connect(self._describe_next)
        return True

    def _hold_disabled_mnemonics(self) -> None:
        """Once every page exists (after the first paint: it needs the ``Qt`` namespace)."""
        from app.ui.widgets.mnemonics import DisabledMnemonics

        buttons = [
            self.button(which)
            for which in (
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CommitButton,
            )
        ]
        self.mnemonics = DisabledMnemonics(self, buttons)
        self.currentIdChanged.connect(lambda _id: self.mnemonics.refresh())

    def build_pages(self) -> None:
        """Build every page not built yet, now."""
        while self._build_one():
            pass

    def build_pages_later(self) -> None:
        """Build the remaining pages a step at a time, with room for the GUI in between."""
        if self._build_one():
            QTimer.singleShot(LATER_STEP_MS, self.build_pages_later)

    def nextId(self) -> int:
        if self.currentId() == PageId.WELCOME and not self.pages_built:
            return PageId.ABOUT_YOU  # shows Next, not Close, while the rest is being built
        return super().nextId()

    def validateCurrentPage(self) -> bool:
        self.build_pages()  # Next pressed before the last pages were built: finish now
        return super().validateCurrentPage()

    # -- reply mode ---------------------------------------------------------------

    def _reply_chosen(self, ref: str) -> None:
        self.build_pages()
        self.reply_ref = ref
        self.problem.set_reply(ref or "")
        self._update_title()

    def set_form(self, form: RequestForm) -> None:
        """Continue ``form`` (a draft) instead: only before the pages after Welcome exist,
        which read the form when they are built."""
        if self._later is None or any(
            self.page(p) is not None for p in (PageId.ABOUT_YOU, PageId.PROBLEM)
        ):
            raise RuntimeError("the form can only be replaced before the pages are built")
        self.ctx.form = form
        self._update_title()
        self.welcome.form_replaced()

    def _update_title(self) -> None:
        name = self.ctx.config["branding.name"]
        reply_to = self.ctx.reply_to
        if reply_to:
            ref = self.reply_ref or "#" + reply_to
            self.setWindowTitle(self.tr("Add to %1 — %2").replace("%1", ref).replace("%2", name))
        else:
            self.setWindowTitle(name)

    # -- leaving ------------------------------------------------------------------

    def _in_progress(self) -> bool:
        """A typed request that is not yet safe in the outbox."""
        return (
            self.ctx.item is None
            and not self.ctx.form.is_blank()
            and self.currentId() != PageId.NOT_HANDLED
        )

    def confirm_close(self) -> Leaving:
        """Ask before putting a typed request aside: keep it, discard it, or keep writing
        (the default, and what Escape means). Tests replace this method."""
        from PySide6.QtWidgets import QMessageBox

        from app.ui.plain import plain_box

        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close {program}?").format(program=program_name()),
            self.tr("Your request has not been sent yet."),
            parent=self,
        )
        box.setObjectName("confirmCloseBox")
        box.setInformativeText(
            self.tr(
                "If you keep the draft, {program} offers to continue it the next time you "
                "open it. If you discard it, what you typed is deleted."
            ).format(program=program_name())
        )
        keep = box.addButton(
            self.tr("&Close and keep the draft"), QMessageBox.ButtonRole.AcceptRole
        )
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("&Keep writing"), QMessageBox.ButtonRole.RejectRole)
        for button, name, spoken in (
            (keep, "keepDraftButton", self.tr("Close and keep the draft")),
            (discard, "discardDraftButton", self.tr("Discard what you typed and close")),
            (stay, "keepWritingButton", self.tr("Keep writing")),
        ):
            button.setObjectName(name)
            button.setAccessibleName(spoken)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        plain_box(box)  # the program's name is the branding's
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep:
            return Leaving.KEEP
        return Leaving.DISCARD if clicked is discard else Leaving.STAY

    def reject(self) -> None:
        """Escape or Cancel: ask first if something typed would be put aside."""
        if not self._closing and self._in_progress():
            choice = self.confirm_close()
            if choice is Leaving.STAY:
                return
            if choice is Leaving.DISCARD:
                self._drop_draft()
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

    def _drop_draft(self) -> None:
        """Forget the draft: on disk now, and no pending save brings it back."""
        timer = self.ctx.findChild(QTimer, "draftSaveTimer")
        if timer is not None:
            timer.stop()
        self.ctx.submission.drafts.clear()

    def _keep_or_drop_draft(self) -> None:
        """Save the draft now, or forget it when the request ended as not handled here."""
        timer = self.ctx.findChild(QTimer, "draftSaveTimer")
        if self.currentId() == PageId.NOT_HANDLED:
            self._drop_draft()
        elif timer is not None and timer.isActive():
            timer.stop()
            self.ctx.save_draft()
