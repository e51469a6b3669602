"""The request form: every answer reaches the body and the fields, cleaned but not mangled."""

from __future__ import annotations

from pathlib import Path

from app.core.form import (
    ENGLISH,
    QUESTIONS,
    BodyLabels,
    RequestForm,
    clean,
    compose,
    render_body,
    requester_problems,
)
from app.core.model import Level, Priority, Requester

ANSWERS = {
    "doing": "Opening the quarterly report",
    "happened": "Excel closes without a word",
    "error_text": "0x80070005\nAccess is denied",
    "expected": "The report opens",
    "where": "Excel 365, \\\\fileserver\\finance",
    "since": "Since Monday, every time",
}


def full_form(**extra: object) -> RequestForm:
    form = RequestForm(
        requester=Requester(
            name="Zoë Ünal",
            email="zoe@example.org",
            customer_id="C-42",
            organization="example.org",
            phone="+49 30 1234",
        ),
        category="printer",
        summary="Excel crashes on the report",
        impact=Level.HIGH,
        urgency=Level.MEDIUM,
        answers={"printer_name": "4th floor"},
        **ANSWERS,
    )  # type: ignore[arg-type]
    for key, value in extra.items():
        setattr(form, key, value)
    return form


def test_every_answer_is_in_body_and_fields() -> None:
    form = full_form()
    ticket = compose(form, "Printer or scanner", {"printer_name": "Which printer?"})
    for key, _label in QUESTIONS:
        assert ticket.fields[key] == ANSWERS[key]
    for line in (
        "Opening the quarterly report",
        "Excel closes without a word",
        "    0x80070005\n    Access is denied",
        "The report opens",
        "Since Monday, every time",
        "Which printer?\n4th floor",
        "Category: Printer or scanner",
        "Impact: Everyone",
        "Priority: high",
        "Zoë Ünal <zoe@example.org>",
        "Customer or membership ID: C-42",
        "Organisation or domain: example.org",
        "Phone: +49 30 1234",
        f"Helpline reference: {form.client_ref}",
    ):
        assert line in ticket.body, line
    assert ticket.fields["q.printer_name"] == "4th floor"
    assert (ticket.fields["impact"], ticket.fields["urgency"]) == ("high", "medium")
    assert ticket.priority is Priority.HIGH
    assert ticket.subject == "Excel crashes on the report"
    assert ticket.client_ref == form.client_ref and ticket.category == "printer"


def test_control_characters_are_stripped_but_emoji_and_rtl_kept() -> None:
    form = full_form(
        summary="Drucker \x1b[31mkaputt\x07 🖨️",
        happened="שלום עולם\x00 — مرحبا\ttab\nnext line 😀\x7f",
    )
    ticket = compose(form, "Printer", {})
    assert ticket.subject == "Drucker [31mkaputt 🖨️"
    assert ticket.fields["happened"] == "שלום עולם — مرحبا\ttab\nnext line 😀"
    assert "שלום עולם — مرحبا\ttab\nnext line 😀" in ticket.body
    assert "\x1b" not in ticket.body and "\x00" not in ticket.body


def test_clean() -> None:
    assert clean("  a\x00b\r\nc\x0c \n") == "ab\r\nc"


def test_blank_summary_and_empty_answers() -> None:
    form = RequestForm(requester=Requester(name="A"), happened="Only this")
    ticket = compose(form, "Other", {"extra": "Unanswered question"})
    assert ticket.subject == "Support request"
    assert "What were you doing?" not in ticket.body
    assert "Unanswered question" not in ticket.body
    assert "What happened?\nOnly this" in ticket.body


def test_only_the_first_summary_line_becomes_the_subject() -> None:
    form = RequestForm(summary="First line\nsecond line " + "x" * 300)
    assert compose(form, "x", {}).subject == "First line"
    assert len(compose(RequestForm(summary="y" * 300), "x", {}).subject) == 200


def test_files_become_attachments_with_sizes(tmp_path: Path) -> None:
    log = tmp_path / "crash.log"
    log.write_bytes(b"x" * 1234)
    ticket = compose(RequestForm(files=[str(log)]), "x", {})
    (att,) = ticket.attachments
    assert (att.filename, att.size, att.path, att.kind) == ("crash.log", 1234, str(log), "file")


def test_round_trip_through_dict() -> None:
    form = full_form(files=["/a/b.txt"], reply_to="7")
    assert RequestForm.from_dict(form.to_dict()) == form
    assert RequestForm.from_dict({"summary": "x", "unknown_future_key": 1}).summary == "x"


def test_is_blank() -> None:
    assert RequestForm(requester=Requester(name="A"), category="x").is_blank()
    assert not RequestForm(answers={"q": "yes"}).is_blank()
    assert not RequestForm(files=["/x"]).is_blank()
    assert RequestForm(summary="   ").is_blank()


def test_requester_problems() -> None:
    nobody = Requester()
    problems = requester_problems(nobody, ["name", "email", "customer_id"])
    assert set(problems) == {"name", "email", "customer_id"}
    assert problems["email"] == "Please enter your email, so support can answer you."
    assert requester_problems(Requester(name="A", email="a@example.org"), ["name", "email"]) == {}
    bad = requester_problems(Requester(name="A", email="not-an-address"), ["name"])
    assert bad == {"email": "This does not look like an email address (name@example.org)."}
    assert requester_problems(Requester(name="\x00 "), ["name"]).keys() == {"name"}


def test_render_body_ends_with_the_reference() -> None:
    form = RequestForm()
    assert render_body(form, "Other", {}).endswith(f"Helpline reference: {form.client_ref}\n")


#: The body as every earlier build wrote it: the English default must stay byte-identical.
ENGLISH_BODY = (
    "What were you doing?\nOpening the quarterly report\n\nWhat happened?\nExcel closes "
    "without a word\n\nExact error message:\n    0x80070005\n    Access is denied\n\nWhat did "
    "you expect to happen?\nThe report opens\n\nWhere (program or web address)\nExcel 365, "
    "\\\\fileserver\\finance\n\nSince when, and how often?\nSince Monday, every time\n\n"
    "Which printer?\n4th floor\n\nCategory: Printer or scanner\nImpact: Everyone, or the "
    "whole organisation\nUrgency: It slows my work down\nPriority: high\n\nRequested by Zoë "
    "Ünal <zoe@example.org>\nCustomer or membership ID: C-42\nOrganisation or domain: "
    "example.org\nPhone: +49 30 1234\n\nHelpline reference: ref-1\n"
)


def test_the_english_labels_are_the_default_and_unchanged() -> None:
    form = full_form(client_ref="ref-1")
    questions = {"printer_name": "Which printer?"}
    assert render_body(form, "Printer or scanner", questions) == ENGLISH_BODY
    assert compose(form, "Printer or scanner", questions, labels=ENGLISH).body == ENGLISH_BODY
    assert compose(RequestForm(), "x", {}).subject == "Support request"


def test_a_face_can_pass_the_labels_in_the_requesters_language() -> None:
    labels = BodyLabels(
        questions={
            "doing": "Was haben Sie getan?",
            "happened": "Was ist passiert?",
            "error_text": "Genaue Fehlermeldung",
            "expected": "Was haben Sie erwartet?",
            "where": "Wo",
            "since": "Seit wann?",
        },
        category="Kategorie",
        impact="Auswirkung",
        urgency="Dringlichkeit",
        priority="Priorität",
        impact_levels={Level.LOW: "Nur ich", Level.MEDIUM: "Mein Team", Level.HIGH: "Alle"},
        urgency_levels={
            Level.LOW: "Kann warten",
            Level.MEDIUM: "Bremst mich",
            Level.HIGH: "Geht gar nicht",
        },
        priorities={p: p.value.upper() for p in Priority},
        requested_by="Angefragt von",
        no_name="(kein Name)",
        fields={"customer_id": "Kundennummer", "organization": "Organisation", "phone": "Telefon"},
        subject="Supportanfrage",
    )
    form = full_form(client_ref="ref-1")
    body = compose(form, "Drucker", {}, labels=labels).body
    for line in (
        "Was haben Sie getan?\nOpening the quarterly report",
        "Genaue Fehlermeldung:\n    0x80070005",
        "Kategorie: Drucker",
        "Auswirkung: Alle",
        "Dringlichkeit: Bremst mich",
        "Priorität: HIGH",
        "Angefragt von Zoë Ünal <zoe@example.org>",
        "Kundennummer: C-42",
        "Telefon: +49 30 1234",
    ):
        assert line in body, line
    assert "Category" not in body and "Requested by" not in body
    assert body.endswith("\n\nHelpline reference: ref-1\n")  # adapters search for it
    blank = RequestForm(client_ref="r")
    assert compose(blank, "x", {}, labels=labels).subject == "Supportanfrage"
    assert "Angefragt von (kein Name)" in compose(blank, "x", {}, labels=labels).body
