"""Bidi, C1 and zero-width characters leave typed and linked text (issue 17, "And:")."""

from __future__ import annotations

import pytest

from app.core.config import load
from app.core.deeplink import from_url
from app.core.form import RequestForm, clean, compose
from app.core.hidden_text import has_hidden, strip_hidden


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # right-to-left override
        ("\u2066isolate\u2069 \u200eLRM\u200f", "isolate LRM"),
        ("pass\u200bword=hunter2", "password=hunter2"),  # would slip past the scanner
        ("\ufeffBOM and soft\u00adhyphen", "BOM and softhyphen"),
        ("C1\x85\x9b[2Jcontrols\x1b", "C1[2Jcontrols"),
        ("word\u200djoiner", "wordjoiner"),  # next to ASCII it only hides
        ("tabs\tand\nlines stay", "tabs\tand\nlines stay"),
    ],
)
def test_hidden_characters_are_stripped(given: str, kept: str) -> None:
    assert strip_hidden(given) == kept and has_hidden(given) == (given != kept)


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ is spelling
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family emoji
        "Ünïcödé, 日本語, עברית",
    ],
)
def test_writing_that_needs_joiners_is_kept(text: str) -> None:
    assert strip_hidden(text) == text and not has_hidden(text)


def test_typed_text_is_sent_without_them() -> None:
    form = RequestForm(summary="Printer\u202e jams", happened="pass\u200bword=hunter2 \x9b")
    assert clean(form.summary) == "Printer jams"
    ticket = compose(form, "Printing", {})
    assert ticket.subject == "Printer jams"
    assert "\u200b" not in ticket.body and "\x9b" not in ticket.body
    assert "password=hunter2" in ticket.body


def test_linked_text_is_filled_in_without_them() -> None:
    prefill = from_url(
        "helpline://new?summary=VPN%E2%80%AE%20drops&description=a%C2%9Bb%E2%80%8Bc",
        load(),
        ["helpline"],
    )
    assert prefill.form.summary == "VPN drops"
    assert prefill.form.happened == "abc"
