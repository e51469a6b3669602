"""Remote help's screens for scripts/screenshots.py: the consent dialog (and its Wayland
state), the sharing bar, and the audit lines as the conversation shows them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def render_remote(config: Any, camera: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    from app.core.model import Message, Status, Ticket
    from app.core.remote_help import Offer, ended_line, started_line
    from app.services.remote_help.plan import Plan
    from app.ui.remote.bar import SharingBar
    from app.ui.remote.consent import ConsentDialog
    from app.ui.requests.conversation import ConversationView

    offer = Offer("4711", "vnc", "support.northwind.example:5500", 30, True, "Sam Okafor")
    dialog = ConsentDialog(offer, Plan("vnc", argv=("x11vnc",), owned=True))
    dialog.show()
    camera.shoot(dialog, "remote-consent")
    dialog.close()
    wayland = ConsentDialog(offer._replace(control_allowed=False), Plan("vnc", problem="wayland"))
    wayland.show()
    camera.shoot(wayland, "remote-consent-wayland")
    wayland.close()

    screen = QGuiApplication.primaryScreen()
    bar = SharingBar(screen)
    bar.set_remaining(27 * 60 + 41)
    bar.resize(900, bar.height())
    bar.show()
    camera.shoot(bar, "remote-sharing-bar")
    bar.close()

    at = datetime(2026, 11, 23, 9, 12, tzinfo=UTC)
    ticket = Ticket("4711", "Excel freezes when saving to the share", Status.OPEN, at, at)
    messages = [
        Message("1", "4711", "Ada Lovelace", True, "Excel freezes for a minute on Save.", at),
        Message(
            "2",
            "4711",
            "Sam Okafor",
            False,
            "Could you let me see your screen? I sent you a link.",
            at + timedelta(minutes=3),
        ),
        Message(
            "3",
            "4711",
            "Ada Lovelace",
            True,
            started_line("vnc", False, 30, "alovelace", at + timedelta(minutes=5)),
            at + timedelta(minutes=5),
        ),
        Message(
            "4",
            "4711",
            "Ada Lovelace",
            True,
            ended_line("user", 754, at + timedelta(minutes=18)),
            at + timedelta(minutes=18),
        ),
        Message(
            "5",
            "4711",
            "Sam Okafor",
            False,
            "Thank you. The add-in was scanning the share; I switched it off.",
            at + timedelta(minutes=19),
        ),
    ]
    view = ConversationView()
    view.resize(820, 560)
    view.show()
    view.show_thread(ticket, messages, [])
    camera.shoot(view, "remote-audit-lines")
    view.close()
