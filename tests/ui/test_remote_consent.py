"""No screen is shared without the consent dialog's Yes, whichever entry asked (issue 20).

My requests and the Done page are driven here in-process; the link runs the real command
line in its own process (tests/ui/share_link_scene.py). The tool itself is replaced by a
recorder: what is checked is that nothing is launched before Yes, and what Yes launches.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.backends.local import LocalBackend
from app.core.config import Config, load
from app.core.form import RequestForm
from app.core.model import Message
from app.services.filing import Submission
from app.services.remote_help.plan import Plan
from app.ui.pages.done import DonePage
from app.ui.pages.ids import PageId
from app.ui.remote.consent import ConsentDialog
from app.ui.session import Session
from app.ui.tasks import InlineRunner
from tests.ui.test_requests_window import filled, new_ticket, root  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no WM


class Recorded:
    """Stands in for the running tool."""

    pid = 0

    def __init__(self) -> None:
        self.stopped = False

    def exited(self) -> bool:
        return False

    def stop(self, wait: float = 1.0) -> None:
        self.stopped = True


@pytest.fixture
def config() -> Config:
    config = load(env={})
    config.values.update(
        {
            "remote_help.enabled": True,
            "remote_help.technician": "127.0.0.1:5500",
            "backend.type": "rt",  # a helpdesk support reads: the Done page offers it then
        }
    )
    return config


@pytest.fixture
def fake_path(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    tool = folder / "x11vnc"
    tool.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return folder


def make_session(
    qapp: Any, config: Config, root: Path, backend: LocalBackend, fake_path: Path
) -> tuple[Session, list[Plan]]:
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    session = Session(config, InlineRunner(), qapp, submission=submission)
    session.share_env = {"PATH": str(fake_path), "DISPLAY": ":99"}
    launched: list[Plan] = []
    session.remote.launch = lambda plan: launched.append(plan) or Recorded()  # type: ignore[assignment,func-returns-value]
    return session, launched


def _answer(session: Session, yes: bool) -> None:
    dialog = session.consent
    assert isinstance(dialog, ConsentDialog) and dialog.isVisible()
    (dialog.yes if yes else dialog.no).click()


def test_my_requests_asks_first(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    session, launched = make_session(qapp, config, root, filled, fake_path)
    window = session.open_requests("1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.share_action.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.share_action.asked_by == "Sam from IT", timeout=10000)
    window.share_action.button.click()
    dialog = session.consent
    assert dialog is not None and dialog.isVisible()
    assert (
        dialog.heading.text()
    ) == "Sam from IT from support asks to see your screen for request #1."
    assert launched == [] and not session.remote.active  # the dialog alone starts nothing
    _answer(session, yes=False)
    assert launched == [] and not session.remote.active
    window.share_action.button.click()
    _answer(session, yes=True)
    assert len(launched) == 1 and session.remote.active
    assert "-viewonly" in launched[0].argv  # control was not allowed, nothing was ticked
    assert session.remote.bars is not None and session.remote.bars.bars
    session.remote.bars.bars[0].stop_button.click()
    assert not session.remote.active
    session.polling.stop()


def test_an_outbox_item_offers_no_sharing(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    session, _launched = make_session(qapp, config, root, filled, fake_path)
    session.submission.outbox.add_ticket(new_ticket("ref-w", "Waiting", "Body"))
    window = session.open_requests("")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading, timeout=10000)
    window.table.selectRow(0)  # the waiting item: support has no number for it yet
    assert not window.share_action.isVisible()
    session.polling.stop()


def test_the_done_page_asks_first(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    session, launched = make_session(qapp, config, root, filled, fake_path)
    wizard = session.open_wizard(form=RequestForm())
    qtbot.addWidget(wizard)
    item = session.submission.outbox.add_ticket(new_ticket("ref-new", "Keyboard", "Body"))
    wizard.ctx.item = session.submission.outbox.deliver(item.client_ref, filled, force=True)
    page = wizard.page(PageId.DONE)
    assert isinstance(page, DonePage)
    page.initializePage()
    assert page.share_button.isVisibleTo(page)
    page.share_button.click()
    assert session.consent is not None and launched == []
    assert f"request #{wizard.ctx.item.ticket_id}" in session.consent.heading.text()
    _answer(session, yes=False)
    assert launched == [] and not session.remote.active
    page.share_button.click()
    _answer(session, yes=True)
    assert len(launched) == 1
    session.remote.stop("user")


def test_the_done_page_offers_nothing_where_it_is_off_or_only_local(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    for n, values in enumerate(({"remote_help.enabled": False}, {"backend.type": "local"})):
        config.values.update(values)
        session, _launched = make_session(qapp, config, root, filled, fake_path)
        wizard = session.open_wizard(form=RequestForm())
        qtbot.addWidget(wizard)
        item = session.submission.outbox.add_ticket(new_ticket(f"ref-{n}", "Keyboard", "Body"))
        wizard.ctx.item = session.submission.outbox.deliver(item.client_ref, filled, force=True)
        page = wizard.page(PageId.DONE)
        assert isinstance(page, DonePage)
        page.initializePage()
        assert not page.share_button.isVisibleTo(page)
        config.values.update({"remote_help.enabled": True, "backend.type": "rt"})


def test_control_needs_policy_and_the_tick(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    config.values["remote_help.allow_control"] = True
    session, launched = make_session(qapp, config, root, filled, fake_path)
    dialog = session.open_share("1")
    assert dialog is not None
    assert dialog.control_box.isVisibleTo(dialog) and not dialog.control_box.isChecked()
    dialog.control_box.setChecked(True)
    dialog.yes.click()
    assert "-viewonly" not in launched[0].argv
    session.remote.stop("user")
    config.values["remote_help.allow_control"] = False
    dialog = session.open_share("1")
    assert dialog is not None and not dialog.control_box.isVisibleTo(dialog)
    dialog.control_box.setChecked(True)  # even if ticked somehow
    dialog.yes.click()
    assert "-viewonly" in launched[1].argv
    session.remote.stop("user")


def test_enter_refuses_and_wayland_offers_no_yes(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    session, launched = make_session(qapp, config, root, filled, fake_path)
    dialog = session.open_share("1")
    assert dialog is not None and dialog.no.isDefault() and not dialog.yes.isDefault()
    session.share_env = {"PATH": str(fake_path), "XDG_SESSION_TYPE": "wayland"}
    dialog = session.open_share("1")
    assert dialog is not None
    assert not dialog.yes.isEnabled() and dialog.problem.isVisibleTo(dialog)
    assert "Wayland" in dialog.problem.text() and "portal" in dialog.problem.text()
    dialog.accept()  # even called directly: nothing can start
    assert launched == [] and not session.remote.active


def test_policy_off_says_so_and_opens_no_dialog(
    qtbot: Any, qapp: Any, config: Config, root: Path, filled: LocalBackend, fake_path: Path
) -> None:
    config.values["remote_help.enabled"] = False
    session, launched = make_session(qapp, config, root, filled, fake_path)
    assert session.open_share("1") is None and session.consent is None and launched == []
    said = session.refusal
    assert said is not None and said.isVisible() and "switched off" in said.text()
    said.close()


def test_audit_lines_show_as_system_lines(qtbot: Any) -> None:
    from datetime import UTC, datetime

    from app.core.remote_help import started_line
    from app.ui.requests.conversation import ConversationView

    view = ConversationView()
    qtbot.addWidget(view)
    at = datetime(2026, 12, 7, 5, 30, tzinfo=UTC)
    line = started_line("vnc", False, 30, "ada", at)
    from app.core.model import Status, Ticket

    ticket = Ticket(id="1", subject="VPN", status=Status.OPEN, created_at=at, updated_at=at)
    mine = Message("m1", "1", "Ada Lovelace", True, line, at)
    view.show_thread(ticket, [mine], [])
    text = view.browser.toPlainText()
    from app.ui.models import format_when

    assert f"Screen sharing started at {format_when(at)} with VNC (x11vnc), view only" in text
    assert "Ada Lovelace" not in text  # not shown as the person's own message


@pytest.mark.parametrize("answer", ["no", "yes"])
def test_a_link_asks_first(
    answer: str, helpline_env: dict[str, str], isolated_dirs: dict[str, Path], fake_path: Path
) -> None:
    policy = isolated_dirs["site"] / "helpline" / "policy.toml"
    policy.parent.mkdir(parents=True)
    policy.write_text(
        '[remote_help]\nenabled = true\ntechnician = "127.0.0.1:5500"\nmax_minutes = 10\n',
        encoding="utf-8",
    )
    env = {**helpline_env, "PATH": f"{fake_path}{os.pathsep}{os.environ['PATH']}"}
    env.pop("WAYLAND_DISPLAY", None)
    env["XDG_SESSION_TYPE"] = "x11"
    link = "helpline://share?request=42&minutes=600&control=1"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "share_link_scene.py"), answer, link],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["dialog"] == "Support asks to see your screen for request #42."
    assert report["before_answer"] == {"active": False, "tools": 0}
    assert report["minutes_offered"] == 10  # the link asked for 600: IT's cap holds
    assert report["control_offered"] is False
    if answer == "no":
        assert report["after_answer"] == {"active": False, "tools": 0}
        assert report["audit_lines"] == []
    else:
        assert report["after_answer"] == {"active": True, "tools": 1}
        assert report["ended"] == "user"
        # Both lines were kept before the windowless process handed over and ended.
        assert report["audit_lines"] == ["42", "42"]
    assert proc.returncode == 0


def test_quick_assist_shows_where_the_code_goes(qtbot: Any, qapp: Any) -> None:
    from app.core.remote_help import Offer
    from app.ui.remote.controller import RemoteHelp

    opened: list[Plan] = []
    remote = RemoteHelp(InlineRunner(), lambda: None, open_handover=opened.append)  # type: ignore[arg-type,return-value]
    remote._run = lambda *args, **kw: None  # type: ignore[method-assign]  # no outbox here
    plan = Plan("quickassist", handover=("ms-quick-assist:",), code_hint="quick_assist_code")
    assert remote.start(Offer("7", "quickassist", "", 30, False), plan)
    assert opened == [plan] and remote.sharing is None  # handed over, not owned
    assert remote.bars is not None
    code = remote.bars.bars[0].code
    assert code.isVisibleTo(remote.bars.bars[0]) and "Quick Assist" in code.text()
    remote.stop("user")
