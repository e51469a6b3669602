"""The screenshot on the Evidence page: preview, include, view, edit, take again.

The panel works on the context: an edit or a new capture replaces ``ctx.screenshot``
(through :meth:`WizardContext.set_screenshot`, which encodes it on a worker), so the
unedited picture is not kept anywhere once the user chose "Use this screenshot".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import WizardContext
from app.ui.i18n import program_name
from app.ui.messages import file_size
from app.ui.plain import plain
from app.ui.widgets.previews import show_image
from app.ui.widgets.redact import RedactDialog
from app.ui.widgets.screen_choice import ScreenChoice, can_choose, crop_to_screen

PREVIEW_SIZE = (208, 130)
#: "Take again in 3 seconds": time to open the menu or tooltip that should be in it.
RETAKE_MS = 3000


class _ClickableLabel(QLabel):
    """The screenshot preview; a click (or Enter on its button) opens the larger view."""

    def __init__(self, on_click: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_click = on_click
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._on_click()
        super().mousePressEvent(event)


class ScreenshotPanel(QGroupBox):
    #: The user ticked or unticked "Include the screenshot".
    includeToggled = Signal(bool)
    #: The screenshot was replaced (edited or taken again).
    replaced = Signal()

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Your screen"))
        self.setObjectName("screenshotBox")
        self._grab: object | None = None  # a delayed capture in progress
        #: The whole-desktop capture the screen choice crops from; dropped after an edit,
        #: so an unedited picture is not kept once the user chose to black something out.
        self._capture: QImage | None = ctx.screenshot
        #: Taken again from the page: then the caption must not say "before Helpline opened".
        self._retaken_here = False
        self.screen_choice = ScreenChoice(self)
        self.screen_choice.chosen.connect(self.choose_screen)
        if ctx.screenshot is not None:
            from app.collectors.screenshot import describe_screens

            self.screen_choice.set_screens(describe_screens())
        self.include_screenshot = QCheckBox(self.tr("Include the &screenshot"), self)
        self.include_screenshot.setObjectName("includeScreenshot")
        self.include_screenshot.setAccessibleName(self.tr("Include the screenshot"))
        self.include_screenshot.toggled.connect(self.includeToggled)
        self.preview = _ClickableLabel(self.show_screenshot, self)
        self.preview.setObjectName("screenshotPreview")
        self.preview.setAccessibleName(self.tr("Screenshot preview"))
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setProperty("role", "preview")
        self.view_button = QPushButton(self.tr("&View larger"), self)
        self.view_button.setObjectName("screenshotViewButton")
        self.view_button.setAccessibleName(self.tr("View the screenshot larger"))
        self.view_button.clicked.connect(self.show_screenshot)
        self.screenshot_note = plain(QLabel(self))
        self.screenshot_note.setObjectName("screenshotNote")
        self.screenshot_note.setProperty("role", "muted")
        self.screenshot_note.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Edit screenshot…"), self)
        self.edit_button.setObjectName("editScreenshotButton")
        self.edit_button.setAccessibleName(
            self.tr("Edit the screenshot: black out, blur or mark parts of it")
        )
        self.edit_button.clicked.connect(self.edit_screenshot)
        self.retake_button = QPushButton(self.tr("&Take again in 3 seconds"), self)
        self.retake_button.setObjectName("retakeScreenshotButton")
        self.retake_button.setAccessibleName(self.tr("Take the screenshot again in 3 seconds"))
        self.retake_button.setToolTip(
            self.tr(
                "{program} hides for 3 seconds, so you can open "
                "the menu or message that support should see."
            ).format(program=program_name())
        )
        self.retake_button.clicked.connect(self.retake_screenshot)
        # Two rows, so three buttons beside the preview still fit at large font sizes.
        buttons = QGridLayout()
        buttons.addWidget(self.view_button, 0, 0)
        buttons.addWidget(self.edit_button, 0, 1)
        buttons.addWidget(self.retake_button, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        buttons.setColumnStretch(2, 1)
        side = QVBoxLayout()
        side.addWidget(self.include_screenshot)
        side.addWidget(self.screen_choice)
        side.addWidget(self.screenshot_note)
        side.addLayout(buttons)
        side.addStretch(1)
        inner = QHBoxLayout(self)
        inner.addWidget(self.preview)
        inner.addLayout(side, 1)

    @Slot()
    def edit_screenshot(self) -> RedactDialog | None:
        """Open the editor; "Use this screenshot" replaces the one that is sent."""
        image = self.ctx.screenshot
        if image is None or image.isNull():
            return None
        dialog = RedactDialog(image, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._use_edit(dialog.result_image()))
        dialog.open()
        return dialog

    def set_screens(self, screens: list[dict[str, object]]) -> None:
        """The screens the capture shows (``describe_screens``); tests pass their own."""
        self.screen_choice.set_screens(screens)
        self.screen_choice.setEnabled(self._capture is not None)

    @Slot(object)
    def choose_screen(self, index: int | None) -> None:
        """Send one screen (cut from the capture) or, for None, the whole desktop."""
        if self._capture is None or self._capture.isNull():
            return
        self._use(crop_to_screen(self._capture, self.screen_choice.screens, index))

    def _use_edit(self, image: QImage) -> None:
        if image.isNull():
            return
        self._capture = None
        self.screen_choice.setEnabled(False)
        self.screen_choice.setToolTip(
            self.tr("The screenshot was edited. To send another screen, take the screenshot again.")
        )
        self._use(image)

    @Slot()
    def retake_screenshot(self) -> None:
        """Hide the wizard, wait, capture every screen, show the wizard again."""
        from app.collectors import screenshot

        self.retake_button.setEnabled(False)
        self._grab = screenshot.grab_after(RETAKE_MS, [self.window()], self._retaken)

    def _retaken(self, image: QImage | None) -> None:
        self._grab = None
        self.retake_button.setEnabled(True)
        if image is None or image.isNull():
            self.screenshot_note.setText(
                self.tr("The screen could not be read this time; the earlier screenshot is kept.")
            )
            return
        from app.collectors.screenshot import describe_screens

        self._capture = image
        self._retaken_here = True
        screens = describe_screens()
        wanted = self.screen_choice.current()
        self.set_screens(screens)
        self.screen_choice.setToolTip("")
        if wanted is not None and can_choose(screens) and wanted < len(screens):
            self.screen_choice.choose(wanted)  # the same screen as before, freshly taken
        else:
            self._use(image)

    def _use(self, image: QImage) -> None:
        if not image.isNull():
            self.ctx.set_screenshot(image)
            self.replaced.emit()

    def refresh(self) -> None:
        image = self.ctx.screenshot
        has_image = image is not None and not image.isNull()
        self.include_screenshot.setEnabled(has_image)
        self.view_button.setEnabled(has_image)
        self.edit_button.setEnabled(has_image and self.ctx.form.include_screenshot)
        self.screen_choice.setEnabled(
            self._capture is not None and self.ctx.form.include_screenshot
        )
        if not has_image:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No screenshot"))
            self.preview.setToolTip("")
            self.screenshot_note.setText(
                self.tr(
                    "{program} could not take a screenshot on this "
                    "computer. You can add one as a file below."
                ).format(program=program_name())
            )
            return
        assert image is not None
        pixmap = QPixmap.fromImage(image).scaled(
            *PREVIEW_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)
        real = self.tr("{width} × {height} pixels").format(
            width=image.width(), height=image.height()
        )
        self.preview.setToolTip(self.tr("{real}. Click to see it larger.").format(real=real))
        if self.ctx.screenshot_png:
            name = self.ctx.screenshot_name()[0]
            size = f"{name}, {file_size(len(self.ctx.screenshot_png))}"
        else:
            size = self.tr("size being worked out…")
        if self._retaken_here:
            note = self.tr("This is your screen as it was when you took it again ({real}, {size}).")
        else:
            note = self.tr(
                "This is your screen as it was just before {program} opened ({real}, {size})."
            )
        self.screenshot_note.setText(note.format(program=program_name(), real=real, size=size))

    @Slot()
    def show_screenshot(self) -> None:
        if self.ctx.screenshot is not None and not self.ctx.screenshot.isNull():
            show_image(self, self.tr("Screenshot"), self.ctx.screenshot)
