"""The windows' sentences read as plain English: no "(s)" plurals, no developer speak.

Every sentence a window shows goes through ``tr()``, so the German .ts file lists them all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import ROOT

#: Words a person at the desk would not use for what they mean here.
DEVELOPER_WORDS = ("(s)", "receipt", "Receipt", "responsive", "&Verify")


def _sources() -> list[str]:
    tree = ET.parse(ROOT / "resources" / "translations" / "helpline_de.ts")
    return [
        message.findtext("source") or ""
        for message in tree.getroot().iter("message")
        if (message.find("translation") is None)
        or message.find("translation").get("type") not in ("vanished", "obsolete")  # type: ignore[union-attr]
    ]


def test_no_window_sentence_has_plural_s_or_developer_words() -> None:
    found = [s for s in _sources() for word in DEVELOPER_WORDS if word in s]
    assert found == []
