"""A fresh screenshot for a reply, through the same redaction dialog as the wizard.

The window is hidden while the screen is grabbed (see
:func:`app.collectors.screenshot.grab_after`); the picture is shown in
:class:`~app.ui.widgets.redact.RedactDialog` so the user can hide or mark
parts before it is attached, and it is written privately into the data
folder, from where the outbox spools its own copy.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from app.core import paths
from app.ui.widgets.redact import RedactDialog


def attach_screenshot(window: Any, image: QImage | None) -> str:
    """Redact ``image`` and attach it to the window's reply box; returns the file or ""."""
    box = window.reply_box
    if image is None or image.isNull():
        # Spelled out: lupdate cannot know which class ``box.tr`` belongs to.
        box.state.setText(
            QCoreApplication.translate(
                "ReplyBox",
                "The screen could not be read here, so no screenshot was added. You "
                "can attach a picture as a file instead.",
            )
        )
        return ""
    dialog = RedactDialog(image, window)
    try:
        if not dialog.exec():
            return ""
        edited = dialog.result_image()
    finally:
        dialog.deleteLater()
    if edited.isNull():
        return ""
    from app.collectors.screenshot import encode_png

    folder = window.submission.root / "reply-files" / uuid.uuid4().hex
    folder.mkdir(mode=0o700, parents=True)
    target = paths.private_file(folder / "screenshot.png")
    target.write_bytes(encode_png(edited))
    box.add_files([str(target)])
    return str(target)
