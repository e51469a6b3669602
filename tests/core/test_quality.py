"""The quality hint: thin descriptions get a specific nudge, good ones get none."""

from __future__ import annotations

from app.core.form import RequestForm
from app.core.quality import hint, missing_details


def test_doesnt_work_is_too_thin() -> None:
    form = RequestForm(summary="Outlook", happened="doesn't work")
    missing = missing_details(form)
    assert missing[0] == "what exactly happens on the screen"
    assert "which program or web address" in missing
    text = hint(form)
    assert text.startswith("Support can help much faster if you add what exactly happens")
    assert text.endswith("You can still send as it is.")


def test_mentioning_an_error_asks_for_its_text() -> None:
    form = RequestForm(
        happened="When I open the quarterly report Excel shows an error message "
        "and closes itself again after a few seconds",
        where="Excel",
        doing="Opening a file",
        since="Since Monday",
    )
    assert missing_details(form) == ["the exact error message"]
    assert hint(form) == ""  # one missing detail alone is not worth interrupting for


def test_a_good_description_gets_no_hint() -> None:
    form = RequestForm(
        doing="Printing the monthly invoices from the accounting program",
        happened="The printer on the second floor pulls two sheets at once and stops with a "
        "paper jam light after the first page",
        where="HP LaserJet 4th floor, accounting program",
        since="Every day since Tuesday",
    )
    assert missing_details(form) == []
    assert hint(form) == ""


def test_the_error_box_counts_as_detail() -> None:
    form = RequestForm(
        happened="It fails",
        error_text="0x80070005 Access is denied while writing C:\\Data\\report.xlsx",
        where="Excel",
        doing="Saving",
        since="Today",
    )
    assert "what exactly happens on the screen" not in missing_details(form)


def test_hint_lists_everything_missing_in_order() -> None:
    text = hint(RequestForm(happened="broken"))
    assert (
        "what exactly happens on the screen, which program or web address, "
        "what you were doing just before and since when it happens"
    ) in text
