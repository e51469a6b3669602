"""Outgoing text parts: masked by default, unmasked one at a time, sent as rendered."""

from __future__ import annotations

import json

from app.collectors import outgoing
from app.collectors.secrets import MASK, Scanner
from app.core.model import NewTicket, Requester

LOG = (
    "db url postgres://app:S3cr3t-pw@db.internal/app\n"
    "export API_KEY=abcd1234efgh5678\n"
    "user alice opened /home/alice/report.odt\n"
)


def test_every_finding_is_masked_until_one_is_kept() -> None:
    part = outgoing.text_part("app.log", "log", LOG, Scanner())
    assert [f.kind for f in part.findings] == ["url-password", "secret"]
    assert part.sent() == LOG.replace("S3cr3t-pw", MASK).replace("abcd1234efgh5678", MASK)
    part.set_kept(1, True)
    assert "API_KEY=abcd1234efgh5678" in part.sent() and "S3cr3t-pw" not in part.sent()
    assert part.masked_count() == 1
    text, shown = outgoing.rendered(part)
    assert text == part.sent()
    assert [(text[s.start : s.end], s.masked) for s in shown] == [
        (MASK, True),
        ("abcd1234efgh5678", False),
    ]
    part.set_kept(1, False)
    assert "abcd1234efgh5678" not in part.sent()


def test_home_and_user_scrubbing_follow_the_scanner() -> None:
    part = outgoing.text_part("app.log", "log", LOG, Scanner(home="/home/alice", user="alice"))
    assert part.sent().endswith("user <user> opened ~/report.odt\n")


def test_json_stays_valid_whatever_a_pattern_of_it_covers() -> None:
    data = {"proxy": "http://bob:pw123456@proxy:3128", "note": "EMP-123456 here"}
    # IT's pattern runs over the quotes around the value: the mask must stop at the quote.
    part = outgoing.json_part(
        "x.json", "system-info", data, Scanner([r'EMP-\d{6} here"'], None, None)
    )
    sent = json.loads(part.sent())
    assert sent["proxy"] == f"http://bob:{MASK}@proxy:3128"
    assert sent["note"] == MASK


def test_system_info_parts_hold_only_the_chosen_sections() -> None:
    info = {
        "collected_at": "now",
        "sections": {"os": {"name": "Debian"}, "user": {"name": "alice"}, "cpu": {"model": "i5"}},
    }
    txt, js = outgoing.system_info_parts(info, ["os", "cpu"], Scanner())
    assert list(json.loads(js.sent())["sections"]) == ["os", "cpu"]
    assert "alice" not in txt.sent() and "i5" in txt.sent()


def _ticket(body: str) -> NewTicket:
    return NewTicket(
        subject="VPN password=hunter22 fails",
        body=body,
        requester=Requester(name="alice", email="alice@example.org"),
        client_ref="r1",
        fields={"happened": "password=hunter22 rejected"},
    )


def test_the_description_keeps_the_requester_and_masks_subject_and_fields() -> None:
    scanner = Scanner(user="alice")
    ticket = _ticket(
        "It says password=hunter22 rejected for alice\n\nRequested by alice <alice@example.org>\n"
    )
    part = outgoing.description_part(ticket, scanner)
    masked = outgoing.masked_ticket(ticket, part, scanner)
    assert masked.body == (
        f"It says password={MASK} rejected for <user>\n\nRequested by alice <alice@example.org>\n"
    )
    assert masked.subject == f"VPN password={MASK} fails"
    assert masked.fields == {"happened": f"password={MASK} rejected"}
    part.set_kept(0, True)  # the user sends the password clear, deliberately
    clear = outgoing.masked_ticket(ticket, part, scanner)
    assert "password=hunter22 rejected for <user>" in clear.body
    assert clear.subject == ticket.subject and clear.fields == ticket.fields
