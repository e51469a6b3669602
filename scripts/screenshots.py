"""Render every wizard page, *My requests*, the tray menu, the error states and remote
help's screens (scripts/screenshots_remote.py) under Xvfb.

Answer times and "Is it solved?" are rendered by scripts/shots_answers.py.

    python scripts/screenshots.py [--out docs/screenshots] [--theme light|dark|both]
                                  [--language en|de|pseudo]

Each picture is made in a light and a dark palette (``name.png`` and
``name-dark.png``), both through the one branded stylesheet template, so the
brand colour and the contrast can be checked in each. ``--language de`` renders
the German pages (``name-de.png``) to check the translation's wording and fit;
``--language pseudo`` the pseudo-translated ones, where unmarked text was never
translatable and cut-off text would be cut in a longer language too.

The script starts its own Xvfb (a free display chosen by Xvfb itself through
``-displayfd``, ``-nolisten tcp``), points every XDG directory at a temporary
folder so no real data is read or written, renders the pages in a child
process with a realistic request filled in, and stops Xvfb by its PID. Look
at every PNG it writes before committing them: that is what it is for. The steps
recorder's report is pictured in headless Chromium (Debian: ``apt-get install
chromium``); without it that one picture is skipped.
"""

from __future__ import annotations

import argparse
import copy
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1280x900x24"


# -- the outer process: Xvfb and a clean environment ------------------------------


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("Xvfb")
    if binary is None:
        sys.exit("Xvfb is not installed (Debian: apt-get install xvfb).")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            SCREEN,
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    received = b""
    deadline = time.monotonic() + 10
    while not received.endswith(b"\n") and time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([read_fd], [], [], 0.5)
        if ready:
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            received += chunk
    os.close(read_fd)
    number = received.strip().decode("ascii", "replace")
    if not number.isdigit():
        stop(proc)
        sys.exit("Xvfb did not start within 10 seconds.")
    return proc, f":{number}"


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def outer(out: Path, themes: tuple[str, ...], language: str = "en") -> int:
    out.mkdir(parents=True, exist_ok=True)
    xvfb, display = start_xvfb()
    try:
        status = 0
        for theme in themes:
            status = status or run_child(out, display, theme, language)
        return status
    finally:
        stop(xvfb)


def run_child(out: Path, display: str, theme: str, language: str) -> int:
    """Render one theme in a fresh process with its own empty XDG folders."""
    with tempfile.TemporaryDirectory(prefix="helpline-shots-") as tmp:
        base = Path(tmp)
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        )
        for name in ("CONFIG_HOME", "DATA_HOME", "CACHE_HOME", "CONFIG_DIRS", "RUNTIME_DIR"):
            folder = base / name.lower()
            folder.mkdir(mode=0o700)
            env[f"XDG_{name}"] = str(folder)
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
        for name in ("WAYLAND_DISPLAY", "HELPLINE_CONFIG", "HELPLINE_BRANDING"):
            env.pop(name, None)
        return subprocess.call(
            [
                sys.executable,
                __file__,
                "--render",
                str(out),
                "--theme",
                theme,
                "--language",
                language,
            ],
            env=env,
            cwd=ROOT,
            timeout=240,
        )


# -- the child: render the pages -----------------------------------------------------

BRANDING = {
    "branding.name": "Northwind IT Service Desk",
    "branding.support_hours": "Mon–Fri 7:30–18:00",
    "branding.support_phone": "+49 30 5550 1234",
    "branding.support_email": "servicedesk@northwind.example",
    "branding.support_url": "https://help.northwind.example/",
}

SYSTEM_INFO: dict[str, Any] = {
    "collected_at": "2026-11-23T08:14:02+00:00",
    "sections": {
        "os": {
            "system": "Linux",
            "name": "Debian",
            "pretty_name": "Debian GNU/Linux 12 (bookworm)",
            "version": "12",
            "build": "12.8",
            "kernel": "6.1.0-28-amd64",
        },
        "machine": {
            "host_name": "ws-0427",
            "architecture": "x86_64",
            "manufacturer": "LENOVO",
            "model": "ThinkPad T14 Gen 3",
        },
        "user": {"name": "alovelace", "full_name": "Ada Lovelace", "domain": "NORTHWIND"},
        "cpu": {
            "model": "Intel(R) Core(TM) i5-1245U",
            "logical_cores": 12,
            "physical_cores": 10,
            "frequency_mhz": 1600,
            "load_average": [0.42, 0.51, 0.6],
        },
        "memory": {
            "total_bytes": 16 * 2**30,
            "available_bytes": 9.4 * 2**30,
            "used_percent": 41.2,
            "swap_total_bytes": 2 * 2**30,
            "swap_free_bytes": 2**31,
        },
        "disks": {
            "disks": [
                {
                    "mount": "/",
                    "fs_type": "ext4",
                    "device": "/dev/nvme0n1p2",
                    "total_bytes": 476 * 2**30,
                    "free_bytes": 212 * 2**30,
                }
            ]
        },
        "network": {
            "interfaces": [
                {
                    "name": "wlp0s20f3",
                    "up": True,
                    "mac": "84:1b:77:0c:5e:21",
                    "ipv4": ["10.20.4.117"],
                    "ipv6": [],
                }
            ]
        },
        "display": {
            "count": 1,
            "screens": [
                {"name": "eDP-1", "width": 1920, "height": 1200, "scale": 1.0, "primary": True}
            ],
        },
        "locale": {
            "locale": "de_DE.UTF-8",
            "encoding": "UTF-8",
            "time_zone": "Europe/Berlin",
            "utc_offset": "+01:00",
        },
        "uptime": {"boot_time": "2026-11-23T07:02:40+00:00", "uptime_seconds": 4282},
    },
}


def fake_desktop(width: int = 1280, height: int = 800) -> Any:
    """A believable screen: a spreadsheet with an error dialog in front of it."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor("#23415f"))
    gradient.setColorAt(1, QColor("#4d7ea8"))
    painter.fillRect(image.rect(), gradient)
    painter.fillRect(0, height - 36, width, 36, QColor("#1b1f24"))
    sheet = QRect(90, 60, 1000, 620)
    painter.fillRect(sheet, QColor("#ffffff"))
    painter.fillRect(sheet.x(), sheet.y(), sheet.width(), 34, QColor("#217346"))
    painter.setPen(QColor("#ffffff"))
    painter.setFont(QFont("DejaVu Sans", 11))
    painter.drawText(sheet.x() + 14, sheet.y() + 23, "Monthly report November.xlsx — Excel")
    painter.setPen(QColor("#d0d7de"))
    for row in range(1, 26):
        y = sheet.y() + 34 + row * 23
        painter.drawLine(sheet.x(), y, sheet.right(), y)
    for col in range(1, 10):
        x = sheet.x() + col * 110
        painter.drawLine(x, sheet.y() + 34, x, sheet.bottom())
    painter.setPen(QColor("#333333"))
    painter.setFont(QFont("DejaVu Sans", 9))
    for row in range(1, 20):
        for col in range(0, 6):
            painter.drawText(
                sheet.x() + col * 110 + 8,
                sheet.y() + 52 + row * 23,
                f"{(row * 37 + col * 101) % 9000:,}".replace(",", "."),
            )
    dialog = QRect(420, 280, 440, 170)
    painter.fillRect(dialog.adjusted(6, 6, 6, 6), QColor(0, 0, 0, 90))
    painter.fillRect(dialog, QColor("#f3f3f3"))
    painter.fillRect(dialog.x(), dialog.y(), dialog.width(), 30, QColor("#e1e1e1"))
    painter.setPen(QColor("#000000"))
    painter.setFont(QFont("DejaVu Sans", 10))
    painter.drawText(dialog.x() + 12, dialog.y() + 20, "Printing")
    painter.setBrush(QColor("#c42b1c"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(dialog.x() + 20, dialog.y() + 52, 34, 34)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(QFont("DejaVu Sans", 16, QFont.Weight.Bold))
    painter.drawText(dialog.x() + 31, dialog.y() + 77, "!")
    painter.setPen(QColor("#000000"))
    painter.setFont(QFont("DejaVu Sans", 10))
    painter.drawText(dialog.x() + 70, dialog.y() + 66, "Error 0x8004: toner not detected.")
    painter.drawText(dialog.x() + 70, dialog.y() + 88, "HP-2F-EAST could not print the job.")
    painter.fillRect(dialog.right() - 100, dialog.bottom() - 44, 84, 28, QColor("#ffffff"))
    painter.drawText(dialog.right() - 70, dialog.bottom() - 25, "OK")
    painter.end()
    return image


def fill_form(form: Any, attachment: Path) -> None:
    from app.core.model import Level, Requester

    form.requester = Requester(
        name="Ada Lovelace",
        email="ada.lovelace@northwind.example",
        customer_id="NW-10427",
        organization="Northwind Finance",
        phone="+49 30 5550 4427",
    )
    form.category = "printer"
    form.answers = {"printer_name": "HP-2F-EAST, next to the kitchen on floor 2"}
    form.summary = "Printer on floor 2 prints blank pages"
    form.doing = "Printing the monthly report from Excel"
    form.happened = (
        "The printer takes the paper and the job finishes, but every page "
        "comes out blank. A test page from the printer's menu is blank too."
    )
    form.error_text = "Error 0x8004: toner not detected."
    form.expected = "The report printed on paper"
    form.where = "Excel, printer HP-2F-EAST"
    form.since = "Today"
    form.impact = Level.MEDIUM
    form.urgency = Level.HIGH
    form.files = [str(attachment)]


def seed_tickets(root: Path) -> None:
    """A few earlier requests, one with an answer from support, as a real user would have."""
    from app.backends.local import LocalBackend
    from app.core.model import NewTicket, Priority, Requester, Status

    ada = Requester(name="Ada Lovelace", email="ada.lovelace@northwind.example")
    backend = LocalBackend(root)
    vpn = backend.create(
        NewTicket(
            subject="VPN disconnects every hour",
            requester=ada,
            client_ref="seed-vpn",
            category="network",
            priority=Priority.NORMAL,
            body="What were you doing?\nWorking from home over the VPN.\n\nWhat happened?\n"
            "The VPN drops every hour on the hour and I have to sign in again.\n",
        )
    )
    backend.add_agent_reply(
        vpn.id,
        "Sam Okafor (Service Desk)",
        "Thank you, Ada. Which version of the VPN client do you have? "
        "You find it under Help → About.",
        Status.WAITING,
    )
    mail = backend.create(
        NewTicket(
            subject="Shared calendar of the finance team not visible",
            requester=ada,
            client_ref="seed-cal",
            category="email",
            priority=Priority.LOW,
            body="Since Monday I cannot see the finance team calendar in Outlook.\n",
        )
    )
    backend.add_agent_reply(
        mail.id,
        "Lena Brandt (Service Desk)",
        "The permissions were reset during the migration; I restored "
        "them. Could you check if you see it again?",
        Status.RESOLVED,
    )
    backend.create(
        NewTicket(
            subject="New docking station for the second monitor",
            requester=ada,
            client_ref="seed-dock",
            category="computer",
            priority=Priority.LOW,
            body="My second monitor flickers with the old docking station.\n",
        )
    )


class GatedBackend:
    """The local backend, held at ``create`` until released, so Sending can be pictured.

    It presents itself as a connected helpdesk (no "kept on this computer" notes), as the
    README's pictures show Helpline in use; the local store's own notes are pictured by
    its tests, not here.
    """

    name = "http"
    description = ""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.gate = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def capabilities(self) -> Any:
        from dataclasses import replace

        return replace(self.inner.capabilities(), limits_code="", limits_note="")

    def create(self, ticket: Any) -> Any:
        self.gate.wait(30)
        return self.inner.create(ticket)


ELSEWHERE = {
    "id": "facilities",
    "label": "Heating, light or furniture",
    "not_handled": "The facilities team looks after the building, its heating, "
    "lights and furniture. Report it on their page and they will "
    "come by.",
    "not_handled_link": "https://facilities.northwind.example/report",
}


def dark_palette() -> Any:
    """A dark desktop theme as Fusion draws it (what a dark KDE or GNOME hands to Qt)."""
    from PySide6.QtGui import QColor, QPalette

    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, "#2b2d30"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1f22"),
        (roles.AlternateBase, "#26282b"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#393b40"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.BrightText, "#ff8a80"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.LinkVisited, "#c58af9"),
        (roles.ToolTipBase, "#393b40"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9da0a6"),
        (roles.Light, "#4b4e54"),
        (roles.Midlight, "#3f4147"),
        (roles.Mid, "#2f3135"),
        (roles.Dark, "#1b1c1f"),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7c7f86"))
    return palette


class Camera:
    """Saves widgets as PNGs under one theme's names, after the event loop has settled."""

    def __init__(self, app: Any, runner: Any, out: Path, suffix: str) -> None:
        self.app, self.runner, self.out, self.suffix = app, runner, out, suffix

    def settle(self, ms: int = 400) -> None:
        deadline = time.monotonic() + 15
        while self.runner.busy and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.01)
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait_for(self, condition: Any, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.01)

    def shoot(self, widget: Any, name: str, settle: bool = True) -> None:
        if settle:
            self.settle()
        path = self.out / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def render(out: Path, theme: str, language: str = "en") -> int:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.backends.local import LocalBackend
    from app.collectors import sysinfo
    from app.core import paths
    from app.core.config import load
    from app.services.filing import Submission
    from app.ui.app import create_application
    from app.ui.context import WizardContext
    from app.ui.pages.ids import PageId
    from app.ui.requests.window import RequestsWindow
    from app.ui.tasks import TaskRunner
    from app.ui.wizard import HelpWizard

    # Dates as a British (or German) user sees them; Qt's locale data needs no system locale.
    QLocale.setDefault(
        QLocale(QLocale.Language.German, QLocale.Country.Germany)
        if language == "de"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    qt_app = QApplication(sys.argv[:1])
    qt_app.setStyle("Fusion")  # the same drawing in both themes, as on most Linux desktops
    if theme == "dark":
        qt_app.setPalette(dark_palette())
    config = load(env={})
    config.values.update(BRANDING)
    config.values["ui.language"] = language
    config.values["categories"] = [*config.values["categories"], ELSEWHERE]
    # Pictured as with a helpdesk connected (the requests go to a gated local store below):
    # the Done page says what reached support, as README shows it.
    config.values["backend.type"] = "http"
    app = create_application(config)  # the stylesheet template reads the palette set above
    root = paths.data_dir()
    seed_tickets(root)
    attachment = Path(tempfile.mkdtemp(prefix="files-", dir=os.environ["XDG_CACHE_HOME"]))
    attachment = attachment / "print-queue.log"
    attachment.write_text(
        "".join(
            f"2026-11-23 08:{m:02d}:11 job {400 + m} HP-2F-EAST: toner not detected (0x8004)\n"
            for m in range(40)
        )
    )
    gated: Any = GatedBackend(LocalBackend(root))  # a Backend in all but name
    submission = Submission(config, root=root, backend_factory=lambda _c: gated)
    runner = TaskRunner(app)
    camera = Camera(
        app,
        runner,
        out,
        ("-dark" if theme == "dark" else "") + ("" if language == "en" else f"-{language}"),
    )
    ctx = WizardContext(config, submission, runner, screenshot=fake_desktop())
    fill_form(ctx.form, attachment)

    def with_evidence(context: Any) -> None:
        context.screenshot_png = _png(context.screenshot)
        context.system_info = SYSTEM_INFO
        context.system_info_text = sysinfo.render_text(SYSTEM_INFO)
        context.system_info_json = sysinfo.to_json(SYSTEM_INFO)
        context.evidenceChanged.emit()

    wizard = HelpWizard(ctx)
    wizard.show()
    camera.settle()
    with_evidence(ctx)
    wizard.welcome.load()
    camera.shoot(wizard, "wizard-1-welcome")
    for page_id, name in (
        (PageId.ABOUT_YOU, "wizard-2-about-you"),
        (PageId.PROBLEM, "wizard-3-problem"),
        (PageId.EVIDENCE, "wizard-4-evidence"),
        (PageId.REVIEW, "wizard-5-review"),
    ):
        wizard.next()
        if wizard.currentId() != page_id:
            print(f"expected page {page_id.name}, got {wizard.currentId()}", file=sys.stderr)
            return 1
        camera.shoot(wizard, name)
    wizard.next()  # Send: delivery waits at the gate while the Sending page is pictured
    camera.settle(600)
    camera.shoot(wizard, "wizard-6-sending", settle=False)
    gated.gate.set()
    camera.wait_for(lambda: wizard.currentId() == PageId.DONE)
    camera.shoot(wizard, "wizard-7-done")

    from app.core.model import NewTicket, Priority

    submission.outbox.add_ticket(
        NewTicket(
            subject="Cannot open the payroll share",
            requester=ctx.form.requester,
            client_ref="seed-waiting",
            category="account",
            priority=Priority.HIGH,
            body="Since this morning Windows says access denied on \\\\files\\payroll.\n",
        )
    )
    window = RequestsWindow(config, runner, submission)
    window.resize(1000, 760)
    window.show()
    camera.settle()
    model = window.model
    for row in range(model.rowCount()):
        found = model.row_at(row)
        if found and found.ticket and found.ticket.subject.startswith("VPN"):
            window.table.selectRow(row)
    camera.shoot(window, "requests", settle=True)
    window.close()
    wizard.hide()

    offline_wizard = render_offline(config, root, runner, attachment)
    sending = offline_wizard.currentPage()
    camera.wait_for(sending.isComplete)
    camera.shoot(offline_wizard, "wizard-6-sending-offline")
    offline_wizard.next()  # Continue: what the Done page promises while it waits
    camera.shoot(offline_wizard, "wizard-7-done-waiting")
    offline_wizard.hide()

    render_errors(config, root, runner, attachment, camera, with_evidence)
    from shots_answers import render_answers  # issue 18: answer times and closure

    render_answers(config, root, runner, attachment, camera, with_evidence, fill_form, fake_desktop)
    snapshot = render_known_problems(config, root, runner, attachment, camera, with_evidence)
    render_tray(config, camera, snapshot)
    from screenshots_steps import render_steps

    render_steps(
        config, runner, camera, fake_desktop(), first=theme == "light" and language == "en"
    )
    from screenshots_remote import render_remote  # this script's folder is on the path

    render_remote(config, camera)
    runner.wait(10000)
    QApplication.processEvents()
    return 0


def render_errors(
    config: Any, root: Path, runner: Any, attachment: Path, camera: Camera, with_evidence: Any
) -> None:
    """About you with a mistyped address, attachments over the limit, a category handled
    elsewhere: the states a user meets when something needs their attention."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from app.backends.local import LocalBackend
    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.pages.ids import PageId
    from app.ui.wizard import HelpWizard

    def wizard_for(settings: dict[str, Any]) -> Any:
        local = copy.copy(config)
        local.values = dict(config.values, **settings)
        submission = Submission(local, root=root, backend_factory=lambda _c: LocalBackend(root))
        ctx = WizardContext(local, submission, runner, screenshot=fake_desktop())
        fill_form(ctx.form, attachment)
        wizard = HelpWizard(ctx)
        wizard.show()
        with_evidence(ctx)
        return wizard

    wizard = wizard_for({})
    wizard.next()
    page = wizard.currentPage()
    name, email = page.findChild(QLineEdit, "nameEdit"), page.findChild(QLineEdit, "emailEdit")
    name.setFocus()
    name.selectAll()
    QTest.keyClick(name, Qt.Key.Key_Delete)  # typed away: the page says why it is needed
    email.setFocus()
    email.selectAll()
    QTest.keyClicks(email, "ada.lovelace@northwind")
    QTest.keyClick(email, Qt.Key.Key_Backspace)
    camera.shoot(wizard, "wizard-2-about-you-errors")
    wizard.hide()

    wizard = wizard_for({"attachments.max_size_mb": 0.05})
    for _ in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE):
        wizard.next()
    camera.shoot(wizard, "wizard-4-evidence-too-large")
    wizard.hide()

    wizard = wizard_for({})
    wizard.ctx.form.category = ELSEWHERE["id"]
    for _ in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.NOT_HANDLED):
        wizard.next()
    camera.shoot(wizard, "wizard-3-not-handled")
    wizard.hide()


def render_known_problems(
    config: Any, root: Path, runner: Any, attachment: Path, camera: Camera, with_evidence: Any
) -> Any:
    """Known problems (issue 18): the banner on Welcome, and the Problem page the moment the
    person picks the category an incident names. IT's file lies in the branding folder."""
    import json
    from datetime import datetime

    from app.backends.local import LocalBackend
    from app.services.filing import Submission
    from app.services.known_problems import KnownProblems
    from app.ui.context import WizardContext
    from app.ui.known_problems import KnownProblemsService
    from app.ui.pages.ids import PageId
    from app.ui.wizard import HelpWizard

    german = config["ui.language"] == "de"
    started = datetime.now().astimezone().replace(hour=9, minute=12, second=0, microsecond=0)
    incidents = [
        {
            "id": "mail",
            "title": "E-Mail ist für alle ausgefallen" if german else "Email is down for everyone",
            "since": started.isoformat(),
            "categories": ["email"],
        },
        {
            "id": "vpn",
            "title": "VPN in Gebäude B ist langsam" if german else "VPN is slow in building B",
            "since": started.replace(hour=8, minute=40).isoformat(),
            "categories": ["network"],
        },
    ]
    known_file = root / "known-problems.json"
    known_file.write_text(json.dumps({"incidents": incidents}), encoding="utf-8")
    local = copy.copy(config)
    local.values = dict(config.values, **{"known_problems.file": str(known_file)})
    service = KnownProblemsService(KnownProblems(local, root), runner)
    service.start()
    camera.wait_for(lambda: service.loaded and service.snapshot.checked_at > 0)
    submission = Submission(local, root=root, backend_factory=lambda _c: LocalBackend(root))
    ctx = WizardContext(local, submission, runner, screenshot=fake_desktop())
    ctx.known_problems = service
    fill_form(ctx.form, attachment)
    ctx.form.category = ""
    wizard = HelpWizard(ctx)
    wizard.show()
    with_evidence(ctx)
    wizard.welcome.load()
    camera.shoot(wizard, "wizard-1-welcome-known-problem")
    for _ in (PageId.ABOUT_YOU, PageId.PROBLEM):
        wizard.next()
    problem = wizard.currentPage()
    problem.category.setCurrentIndex(problem.category.findData("email"))
    camera.shoot(wizard, "wizard-3-problem-known-problem")
    wizard.hide()
    service.stop()
    return service.snapshot


def render_tray(config: Any, camera: Camera, known: Any = None) -> None:
    """The tray menu as it opens, with two requests waiting to be sent (and the known
    problems, when there are some)."""
    try:
        from app.ui.tray import Tray
    except ImportError:
        print("no tray in this build; tray-menu not written", file=sys.stderr)
        return
    from PySide6.QtCore import QPoint

    tray = Tray(config)
    tray.set_pending(2)
    if known is not None:
        tray.set_known_problems(known)
    tray.menu.popup(QPoint(200, 200))
    camera.shoot(tray.menu, "tray-menu")
    tray.menu.hide()
    tray.close()


def render_offline(config: Any, root: Path, runner: Any, attachment: Path) -> Any:
    """A second request while the helpdesk is unreachable: the Sending page's safe message."""
    from app.backends.local import LocalBackend
    from app.core.helpdesk import TemporaryError
    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.pages.ids import PageId
    from app.ui.wizard import HelpWizard

    class Unreachable(LocalBackend):
        def create(self, ticket: Any) -> Any:
            raise TemporaryError("connection timed out")

    submission = Submission(config, root=root, backend_factory=lambda _c: Unreachable(root))
    ctx = WizardContext(config, submission, runner, screenshot=fake_desktop())
    fill_form(ctx.form, attachment)
    ctx.form.summary = "Scanner on floor 2 sends empty PDFs"
    wizard = HelpWizard(ctx)
    wizard.show()
    for _ in (PageId.ABOUT_YOU, PageId.PROBLEM, PageId.EVIDENCE, PageId.REVIEW, PageId.SENDING):
        wizard.next()
    return wizard


def _png(image: Any) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--theme", choices=("light", "dark", "both"), default="both")
    parser.add_argument("--language", choices=("en", "de", "pseudo"), default="en")
    parser.add_argument("--render", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render is not None:
        return render(args.render.resolve(), args.theme, args.language)
    themes = ("light", "dark") if args.theme == "both" else (args.theme,)
    return outer(args.out.resolve(), themes, args.language)


if __name__ == "__main__":
    sys.exit(main())
