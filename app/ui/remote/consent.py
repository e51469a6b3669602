"""The one consent dialog every remote-help entry goes through (issue 20).

It names the request, who asked (where known), what support can do (view only unless
IT's policy allows control and the person ticks it: never ticked beforehand), for how
long, and what is recorded. "Share my screen" is the only way to a session, and it is not
the default button: Enter or Escape refuse. Where the tool cannot run here (a Wayland
session, the program missing, not Windows) the dialog says so and offers no Yes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.remote_help import Offer
from app.services.remote_help.plan import Plan
from app.ui.widgets.labels import TextLabel

tr = QCoreApplication.translate


def tool_name(tool: str) -> str:
    """The tool as the person knows it (product names are not translated)."""
    return {
        "vnc": "VNC (x11vnc)",
        "rustdesk": "RustDesk",
        "meshcentral": "MeshCentral Assistant",
        "quickassist": "Quick Assist",
    }.get(tool, tool)


def problem_text(plan: Plan) -> str:
    """Why the tool cannot share this screen, in the person's language ("" when it can)."""
    if plan.problem == "wayland":
        return tr(
            "RemoteHelp",
            "Your desktop uses Wayland. There, only the desktop's own screen-sharing portal "
            "may share the screen, and {tool} cannot use it. Please tell support: they can "
            "use RustDesk (it can use the portal) or your desktop's own screen sharing.",
        ).format(tool=tool_name(plan.tool))
    if plan.problem == "missing":
        return tr(
            "RemoteHelp",
            "{program} is not installed on this computer, so the screen cannot be shared. "
            "Please tell support or IT.",
        ).format(program=plan.program)
    if plan.problem == "not_windows":
        return tr("RemoteHelp", "Quick Assist is only available on Windows. Please tell support.")
    if plan.problem == "bad_link":
        return tr(
            "RemoteHelp",
            "IT has not set up a valid invitation link for MeshCentral. Please tell IT.",
        )
    return ""


class ConsentDialog(QDialog):
    """Ask before anything is shared; :attr:`control` is True only if the person ticked it."""

    def __init__(self, offer: Offer, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer, self.plan = offer, plan
        self.setObjectName("remoteConsent")
        self.setWindowTitle(self.tr("Let support see your screen?"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        request = "#" + offer.request_id
        if offer.asked_by:
            asked = self.tr("{who} from support asks to see your screen for request {request}.")
        else:
            asked = self.tr("Support asks to see your screen for request {request}.")
        self.heading = TextLabel(
            asked.format(who=offer.asked_by, request=request), "subheading", "consentAsked", self
        )
        self.what = TextLabel(
            self.tr(
                "Support will see everything on your screens, as you see it. View only: "
                "they cannot use your mouse or keyboard."
            ),
            "",
            "consentWhat",
            self,
        )
        self.control_box = QCheckBox(self.tr("Also let support use my &mouse and keyboard"), self)
        self.control_box.setObjectName("consentControl")
        self.control_box.setChecked(False)
        self.control_offered = offer.control_allowed and plan.tool == "vnc"
        self.control_box.setVisible(self.control_offered)
        self.how_long = TextLabel(
            self.tr(
                "For at most {minutes} minutes. While it lasts, a red bar at the top of every "
                "screen says so; press Stop there at any time."
            ).format(minutes=offer.minutes),
            "",
            "consentHowLong",
            self,
        )
        self.tool = TextLabel(
            self.tr("Tool: {tool}").format(tool=tool_name(offer.tool))
            + (
                " · " + self.tr("connecting to {address}").format(address=offer.technician)
                if offer.tool == "vnc"
                else ""
            ),
            "muted",
            "consentTool",
            self,
        )
        self.recorded = TextLabel(
            self.tr(
                "A note is added to the request when sharing starts and ends: the time, the "
                "tool, view only or control, and your account name."
            ),
            "muted",
            "consentRecorded",
            self,
        )
        self.problem = TextLabel(problem_text(plan), "error", "consentProblem", self)
        self.problem.setVisible(bool(plan.problem))
        buttons = QDialogButtonBox(self)
        self.yes = QPushButton(self.tr("&Share my screen"), self)
        self.yes.setObjectName("consentYes")
        self.yes.setAutoDefault(False)
        self.yes.setEnabled(not plan.problem)
        self.no = QPushButton(self.tr("&Don't share"), self)
        self.no.setObjectName("consentNo")
        self.no.setDefault(True)
        buttons.addButton(self.yes, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.no, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.what, self.control_box, self.how_long, self.tool):
            layout.addWidget(widget)
        layout.addWidget(self.recorded)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.no.setFocus()

    @property
    def control(self) -> bool:
        return self.control_offered and self.control_box.isChecked()

    def accept(self) -> None:
        if self.plan.problem:  # nothing can start: Yes is not offered
            return
        super().accept()
