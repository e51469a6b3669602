"""Opening a link from a reply: the real target shown, a question when it looks wrong.

The decision is :func:`app.core.links.classify` (Qt-free, tested in tests/core); this
module gives it the two things only the window knows, the link as written in the thread
and the words it is shown with, and asks the person when the verdict says so. Every link
a conversation opens goes through :meth:`LinkOpener.open` (issue 17, item 11).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core import links
from app.ui.plain import plain_box


def anchor(document: QTextDocument, url: QUrl) -> tuple[str, str]:
    """``(href, text)`` of the anchor in ``document`` that leads to ``url``: the address as
    the reply wrote it (``QUrl`` would have encoded away its hidden characters) and all the
    words shown for it. ``(url, "")`` when no anchor matches."""
    href, words = "", []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            target = fragment.charFormat().anchorHref() if fragment.isValid() else ""
            if target and QUrl(target) == url:
                href = href or target
                words.append(fragment.text())
            it += 1
        block = block.next()
    return (href or url.toString(), "".join(words))


class LinkOpener(QObject):
    """Opens what :func:`~app.core.links.classify` allows, asking first where it says so."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("linkOpener")
        self._parent = parent
        # Hands a URL to the desktop; tests replace it.
        self.open_url: Callable[[QUrl], object] = lambda url: QDesktopServices.openUrl(url)
        # Asks whether to open a link that looks wrong; tests replace it.
        self.confirm: Callable[[links.Verdict], bool] = self.ask

    def open(self, href: str, text: str = "") -> links.Verdict:
        """Open ``href`` (shown as ``text``) if its verdict allows; returns the verdict."""
        verdict = links.classify(href, text)
        if verdict.action == links.REFUSE:
            return verdict
        if verdict.action == links.CONFIRM and not self.confirm(verdict):
            return links.Verdict(links.REFUSE, verdict.target, verdict.host, verdict.reasons)
        self.open_url(QUrl(verdict.target))
        return verdict

    def ask(self, verdict: links.Verdict) -> bool:
        """ "Open this link?" with where it really leads and why it is asked."""
        reasons = []
        if links.TEXT_DIFFERS in verdict.reasons:
            reasons.append(self.tr("Its text shows a different address from the one it opens."))
        if links.PUNYCODE in verdict.reasons:
            reasons.append(
                self.tr(
                    "Its address uses letters that look like others; it is really {host}."
                ).replace("{host}", verdict.host)
            )
        if links.USERINFO in verdict.reasons:
            reasons.append(
                self.tr("Its address puts a name before the real one, {host}.").replace(
                    "{host}", verdict.host
                )
            )
        box = QMessageBox(self._parent)
        box.setObjectName("confirmLinkBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Open this link?"))
        box.setText(self.tr("This link opens {target}").replace("{target}", verdict.target))
        box.setInformativeText(
            " ".join(reasons) + "\n\n" + self.tr("Open it only if you trust where it leads.")
        )
        opening = box.addButton(self.tr("&Open link"), QMessageBox.ButtonRole.AcceptRole)
        opening.setObjectName("confirmLinkOpen")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        plain_box(box)
        box.exec()
        return box.clickedButton() is opening
