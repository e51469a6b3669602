"""The Review viewer names each secret it found in the user's language (issue 15: German)."""

from __future__ import annotations

from typing import Any

from app.collectors.secrets import KINDS, Scanner
from app.ui.finding_labels import LABELS, finding_label
from app.ui.widgets.part_viewer import PartViewer
from tests.ui.test_a11y import language


def test_every_kind_the_scanner_names_has_words_and_no_other() -> None:
    assert set(LABELS) == KINDS


def test_an_unknown_kind_is_shown_as_its_code(qapp: Any) -> None:
    assert finding_label("something-new") == "something-new"


def test_the_german_viewer_names_the_findings_in_german(qtbot: Any) -> None:
    from app.collectors.outgoing import TextPart

    text = "password=hunter2hunter2\nsshpass -p S3cretS3cret ssh host\n"
    findings = tuple(Scanner((), None, None).find(text))
    assert [f.kind for f in findings] == ["password", "password"]
    with language("de"):
        assert finding_label("private-key") == "Privater Schlüssel"
        part = TextPart("description", "description", text, findings)
        viewer = PartViewer(part, "Beschreibung", allow_unmask=True)
        qtbot.addWidget(viewer)
        names = [
            viewer.findings.topLevelItem(i).text(1)
            for i in range(viewer.findings.topLevelItemCount())
        ]
    assert names == ["Passwort", "Passwort"]
