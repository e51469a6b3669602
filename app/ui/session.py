"""The one owner of a GUI process's services and windows (issue 14).

Built once per process by :func:`app.ui.app.main`. It holds the configuration and the
task runner from the first frame, and after the first paint the services: the filing
service, background delivery of the outbox, the ticket cache and polling. Every window is
opened here, the same way whichever entry point asks (a plain start, ``new`` or a link,
the tray, a crash report, the Done page's "See my requests"): pages, the tray and the crash
hook only emit what they want, and the session decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.core.config import Config
from app.ui import style, wizard_start
from app.ui.context import WizardContext
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QMessageBox

    from app.core.cache import TicketCache
    from app.core.form import RequestForm
    from app.services.filing import Submission
    from app.services.sender import Pass
    from app.ui.crash import CrashHook
    from app.ui.delivery import DeliveryService
    from app.ui.known_problems import KnownProblemsService
    from app.ui.notify import Notifier, PollService
    from app.ui.remote.consent import ConsentDialog
    from app.ui.remote.controller import RemoteHelp
    from app.ui.requests.window import RequestsWindow
    from app.ui.settings_window import SettingsWindow
    from app.ui.tray import Tray
    from app.ui.wizard import HelpWizard


class Session(QObject):
    """Services and windows for one person's GUI session."""

    def __init__(
        self,
        config: Config,
        runner: TaskRunner,
        app: QApplication,
        submission: Submission | None = None,
        catch_crashes: bool = False,
        config_args: Sequence[str] = (),
    ) -> None:
        super().__init__(app)
        #: Install the friendly crash dialog with the services (the GUI process does;
        #: tests that build a session leave Python's own hook alone).
        self.catch_crashes = catch_crashes
        self.setObjectName("session")
        self.config, self.runner, self.app = config, runner, app
        self._submission = submission
        self._delivery: DeliveryService | None = None
        self._polling: PollService | None = None
        self._known: KnownProblemsService | None = None
        self._known_started = False
        self.crash_hook: CrashHook | None = None
        self.wizards: list[HelpWizard] = []
        self.requests_window: RequestsWindow | None = None
        self.settings_window: SettingsWindow | None = None
        self.tray: Tray | None = None
        #: The ``--config``/``--set`` options this process was started with: a background
        #: sender started later, or at the next login, reads the same configuration.
        self.config_args = list(config_args)
        self._notifier: Notifier | None = None
        self._remote: RemoteHelp | None = None
        #: The consent dialog open now, if any (one at a time).
        self.consent: ConsentDialog | None = None
        self.refusal: QMessageBox | None = None
        #: Where the remote-help tool is looked for (tests point PATH and DISPLAY elsewhere).
        self.share_env: dict[str, str] | None = None

    # -- services (the second stage of the start: after the first paint) -----------------

    def start_services(self) -> None:
        """The window icon, the filing service, the crash hook, delivery and polling.

        They import the outbox, SQLite and the backends, so the first window's first paint
        does not wait for them; every later window finds them made. Idempotent.
        """
        if self._delivery is not None:
            return
        from app.ui import crash
        from app.ui.delivery import DeliveryService

        if self.app.windowIcon().isNull():
            self.app.setWindowIcon(style.app_icon(self.config))
        if self._submission is None:
            from app.services.filing import Submission

            self._submission = Submission(self.config)
        if self.catch_crashes and self.crash_hook is None:
            self.crash_hook = crash.install(self._submission.root, self.report_crash)
        from app.services import sender

        self.lock = sender.SenderLock(self._submission.root)
        self._delivery = DeliveryService(
            self._submission,
            self.runner,
            parent=self,
            lock=self.lock,
            login_command=sender.command(self.config_args),
        )
        self._delivery.passed.connect(self._delivery_passed)

    @property
    def submission(self) -> Submission:
        self.start_services()
        assert self._submission is not None
        return self._submission

    @property
    def delivery(self) -> DeliveryService:
        self.start_services()
        assert self._delivery is not None
        return self._delivery

    @property
    def polling(self) -> PollService:
        """Polling the helpdesk, shared by the tray and My requests (one cache, one timer)."""
        if self._polling is None:
            from app.core.cache import TicketCache
            from app.ui.notify import PollService

            self._polling = PollService(
                self.submission, self.runner, TicketCache(self.submission.root), parent=self
            )
        return self._polling

    @property
    def cache(self) -> TicketCache:
        return self.polling.cache

    @property
    def known_problems(self) -> KnownProblemsService:
        """Known problems ("is it just me?", issue 18): one service for the windows and the
        tray; says when an incident someone said "Me too" to is over, and sends a +1 the
        outbox keeps at once."""
        if self._known is None:
            from app.services.followup import FollowUps
            from app.services.known_problems import KnownProblems
            from app.ui.known_problems import KnownProblemsService

            submission = self.submission
            problems = KnownProblems(
                self.config,
                submission.root,
                lambda: submission.backend,
                FollowUps.for_submission(submission),
            )
            self._known = KnownProblemsService(problems, self.runner, parent=self)
            self._known.ended.connect(self._problems_ended)
            self._known.plusOneQueued.connect(lambda _item: self.delivery.run_now())
        return self._known

    def watch_known_problems(self, spread: bool = False) -> KnownProblemsService:
        """Start looking for known problems once (``spread``: started at login)."""
        known = self.known_problems
        if not self._known_started:
            self._known_started = True
            known.start(spread=spread)
        return known

    def _problems_ended(self, ended: list[tuple[str, str]]) -> None:
        from app.ui.known_problems import ended_text

        for _incident, title in ended:
            self.notifier.show(*ended_text(title))

    # -- the wizard -----------------------------------------------------------------------

    def open_wizard(
        self,
        prefill: RequestForm | None = None,
        first: bool = False,
        form: RequestForm | None = None,
        submission: Submission | None = None,
    ) -> HelpWizard:
        """A new request: the screen captured before the wizard exists, the offer to
        continue a draft, the evidence collected on workers, then the pages.

        ``first``: the process's first window, shown before the services exist; its second
        stage runs after its first paint (:meth:`finish_first_wizard`). ``form`` skips the
        draft offer and ``submission`` replaces the filing service (a crash report brings
        both, with a draft file of its own). A wizard already open is raised
        instead when neither a prefill nor a form asks for a new one.
        """
        from app.ui.wizard import HelpWizard

        open_now = [w for w in self.wizards if shiboken6.isValid(w) and w.isVisible()]
        if open_now and prefill is None and form is None:
            open_now[-1].raise_()
            open_now[-1].activateWindow()
            return open_now[-1]
        screenshot, root = wizard_start.first_capture(self.config)
        ctx = WizardContext(
            self.config,
            None if first else submission or self.submission,
            self.runner,
            screenshot=screenshot,
            parent=self,
        )
        ctx.pending_root = root
        if not first:
            ctx.known_problems = self.watch_known_problems()
        wizard = HelpWizard(ctx, defer_pages=True)  # the pages read the form set below
        wizard.requestsWanted.connect(self.open_requests)
        wizard.outboxWanted.connect(self.open_outbox)
        wizard.shareWanted.connect(self.open_share)
        wizard.destroyed.connect(lambda *_: self._forget(wizard))
        self.wizards.append(wizard)
        if first:
            return wizard
        wizard.set_form(
            form
            if form is not None
            else wizard_start.restored_form(ctx.submission.drafts, self.config, prefill)
        )
        wizard_start.start_evidence(ctx)
        wizard.welcome.load()
        wizard.build_pages()
        wizard.show()
        return wizard

    def finish_first_wizard(
        self, wizard: HelpWizard, prefill: RequestForm | None = None, then: Any = None
    ) -> None:
        """The second stage of the start, after the first wizard's first paint: the
        services, the draft offer (over the open wizard, before its other pages exist), the
        evidence workers, the open requests and the other pages; then ``then()``.

        Pressing Next before the modules have loaded finishes this at once, on the GUI
        thread, so the pages are never built over a form that a draft would replace.
        """
        ctx = wizard.ctx
        done = False

        def finish(_loaded: object = None) -> None:
            nonlocal done
            if done or not shiboken6.isValid(wizard):
                return
            done = True
            wizard.before_pages = None
            self.start_services()
            ctx.submission = self.submission
            ctx.known_problems = self.watch_known_problems()
            wizard.set_form(
                wizard_start.restored_form(self.submission.drafts, self.config, prefill)
            )
            wizard_start.start_evidence(ctx)
            wizard.welcome.load()
            wizard_start.build_pages_soon(wizard, self.runner)
            if then is not None:
                then()

        wizard.before_pages = finish
        self.runner.run(wizard_start.preload, on_done=finish, on_error=finish)

    def _forget(self, wizard: HelpWizard) -> None:
        self.wizards = [w for w in self.wizards if w is not wizard]

    # -- the other windows ----------------------------------------------------------------

    def open_requests(self, ticket_id: str = "") -> RequestsWindow:
        """*My requests* (made once and kept), showing ``ticket_id`` when given."""
        if self.requests_window is None or not shiboken6.isValid(self.requests_window):
            from app.ui.requests.window import RequestsWindow

            self.requests_window = RequestsWindow(
                self.config,
                self.runner,
                self.submission,
                delivery=self.delivery,
                polling=self.polling,
                select_ticket=ticket_id,
            )
            self.requests_window.share_action.shareRequested.connect(
                lambda ticket, who: self.open_share(ticket, asked_by=who)
            )
        self.requests_window.open_ticket(ticket_id)
        return self.requests_window

    def open_outbox(self) -> RequestsWindow:
        """*My requests* showing what waits in the outbox."""
        from app.ui.models import OUTBOX

        window = self.open_requests("")
        choices = window.list_panel.status_filter
        choices.setCurrentIndex(max(0, choices.findData(OUTBOX)))
        return window

    def open_settings(self) -> SettingsWindow:
        """The read-only settings: what is in effect, where it came from, what IT locked."""
        if self.settings_window is None or not shiboken6.isValid(self.settings_window):
            from app.ui.settings_window import SettingsWindow

            self.settings_window = SettingsWindow(self.config)
        self.settings_window.show()
        self.settings_window.raise_()
        return self.settings_window

    def report_crash(self, exc: BaseException, log_path: Path | None) -> HelpWizard:
        """The crash hook's "Report this problem": a wizard about Helpline itself, with a
        draft file of its own so the unfinished request is never overwritten."""
        from app.ui import crash

        wizard = self.open_wizard(
            form=crash.report_form(self.config, exc, log_path),
            submission=crash.report_submission(self.submission),
        )
        wizard.setObjectName("crashReportWizard")
        return wizard

    # -- remote help (issue 20) ------------------------------------------------------------

    @property
    def remote(self) -> RemoteHelp:
        """The one remote-help controller (one session at a time)."""
        if self._remote is None:
            from app.services.followup import FollowUps
            from app.ui.remote.controller import RemoteHelp

            self._remote = RemoteHelp(
                self.runner, lambda: FollowUps.for_submission(self.submission), self
            )
            self._remote.recorded.connect(lambda: self.delivery.run_now())
            self._remote.closed.connect(self._share_ended)
            self.app.aboutToQuit.connect(self._stop_sharing)
        return self._remote

    def open_share(
        self,
        request_id: str,
        minutes: int | None = None,
        control: bool | None = None,
        asked_by: str = "",
    ) -> ConsentDialog | None:
        """ "Let support see my screen" from any entry (My requests, Done, a link): the
        consent dialog, and a session only after its Yes. ``minutes`` and ``control`` (a
        link's) can only lower IT's policy. None when policy refuses (said in a message)
        or a session runs already (its bars are raised)."""
        import os

        from PySide6.QtCore import Qt

        from app.core.remote_help import RemoteHelpRefused, offer
        from app.services import remote_help
        from app.ui.remote.consent import ConsentDialog

        try:
            wanted = offer(self.config, request_id, minutes, control, asked_by)
        except RemoteHelpRefused as refused:
            self._say_refused(refused.code)
            return None
        if self.remote.active:
            for bar in self.remote.bars.bars if self.remote.bars else ():
                bar.raise_()
            return None
        if self.consent is not None and shiboken6.isValid(self.consent):
            self.consent.close()
        env = dict(os.environ) if self.share_env is None else self.share_env
        dialog = ConsentDialog(wanted, remote_help.plan(wanted, False, env))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(
            lambda: self.remote.start(wanted, remote_help.plan(wanted, dialog.control, env))
        )
        self.consent = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _stop_sharing(self) -> None:
        if self._remote is not None:
            self._remote.stop("exit")

    def _say_refused(self, code: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from app.ui.i18n import program_name
        from app.ui.remote.words import refused

        box = QMessageBox(QMessageBox.Icon.Information, program_name(), refused(code))
        box.setObjectName("remoteRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.refusal = box  # kept: a window with no parent and no reference would vanish
        box.show()

    def _share_ended(self, _by: str) -> None:
        """No window left (a link opened only the dialog): the last audit line is in the
        outbox now, so closing hands it to the background sender like anything waiting."""
        if not self._visible_windows():
            self.last_window_closed()

    # -- delivery in the background (issue 15) --------------------------------------------

    @property
    def notifier(self) -> Notifier:
        """The one notifier: the tray's balloons where there is a tray, else the desktop's
        notification service; clicking one opens My requests at its request."""
        if self._notifier is None:
            from app.ui.notify import Notifier

            icon = self.tray.icon if self.tray is not None else None
            self._notifier = Notifier(self.config, icon, self, desktop=icon is None)
            self._notifier.openTicket.connect(self.open_requests)
            self._notifier.closureAnswered.connect(self.answer_closure)
        return self._notifier

    def answer_closure(self, ticket_id: str, answer: str) -> None:
        """ "Is it solved?" answered in a notification: My requests at that request, with
        the answer given there (the rating or the reopening follow in the window)."""
        self.open_requests(ticket_id).closure.answer_when_asked(ticket_id, answer)

    def _delivery_passed(self, result: Pass) -> None:
        """Say what reached support or needs the person."""
        if result.changed:
            self.notifier.delivered(list(result.changed))

    def _visible_windows(self) -> list[QWidget]:
        return [w for w in self.windows() if w.isVisible()]

    def last_window_closed(self) -> None:
        """The person closed the last window: hand what waits (requests to send, known
        problems to watch after a "Me too") to the background sender (asked on a worker:
        both are on disk), and end. Never while the screen is
        shared: its bars are the window then."""
        if self._remote is not None and self._remote.active:
            return
        if self.tray is not None or self._delivery is None:
            if self.tray is None:
                self.app.quit()
            return
        from app.services import sender

        self.runner.run(
            sender.work_left, self.submission.outbox, on_done=self._stay_or_go, on_error=self._go
        )

    def _stay_or_go(self, waiting: int) -> None:
        if self._visible_windows() or (self._remote is not None and self._remote.active):
            return  # a window was opened again meanwhile, or sharing started
        if waiting:
            self._hand_over()
        self.quit()

    def _go(self, _error: BaseException) -> None:
        self.quit()

    def _hand_over(self) -> None:
        """Leave what waits to the background sender (``helpline sender``) and end: this
        process has every window's code loaded, the sender only what waiting takes, so it
        can stay all day (issue 15; :mod:`app.ui.sender_loop`)."""
        from app.services import sender

        self.delivery.stop()
        self.lock.release()  # the sender takes it; a pass still running here is claimed
        sender.spawn(self.config_args)

    # -- the tray ---------------------------------------------------------------------------

    def _show_tray(self) -> Tray:
        from app.ui.tray import Tray

        self.app.setWindowIcon(style.app_icon(self.config))
        tray = self.tray = Tray(self.config, self)
        self._notifier = None  # the next notification goes through the tray's icon
        self.delivery.pendingChanged.connect(tray.set_pending)
        tray.newRequest.connect(lambda: self.open_wizard())
        tray.openRequests.connect(lambda: self.open_requests(""))
        tray.openSettings.connect(self.open_settings)
        tray.quitRequested.connect(self.quit)
        known = self.known_problems
        known.changed.connect(tray.set_known_problems)
        if known.loaded:
            tray.set_known_problems(known.snapshot)
        tray.show()
        return tray

    def start_tray(self) -> Tray:
        """``helpline tray``: the icon, background delivery, polling and notifications."""
        from app.ui.tray import set_start_at_login

        self.app.setQuitOnLastWindowClosed(False)
        tray = self._show_tray()
        self.polling.changed.connect(self.notifier.notify)
        set_start_at_login(bool(self.config["tray.start_at_login"]), self.config["branding.name"])
        self.delivery.start()
        self.polling.start(spread=True)  # started at login: desks must not poll in step
        self.watch_known_problems(spread=True)
        if not tray.available:  # no tray on this desktop: the window is the way in, and
            self.app.setQuitOnLastWindowClosed(True)  # closing it must end Helpline
            self.open_requests("")
        return tray

    def windows(self) -> list[QWidget]:
        """Every window this session opened that still exists."""
        found: list[Any] = [*self.wizards, self.requests_window, self.settings_window]
        return [w for w in found if w is not None and shiboken6.isValid(w)]

    def quit(self) -> None:
        """Stop sharing the screen, delivery and polling, close every window, end."""
        if self._remote is not None:
            self._remote.stop("exit")
        if self._polling is not None:
            self._polling.stop()
        if self._known is not None:
            self._known.stop()
        if self._delivery is not None:
            self._delivery.stop()
        if self.tray is not None:
            self.tray.close()
        for window in self.windows():
            window.close()
        self.app.quit()
