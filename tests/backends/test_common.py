"""The pieces the adapters share (app/backends/common.py), on their own."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.backends import common, http
from app.backends.common import (
    check_scheme,
    download_target,
    first_with_footer,
    footer,
    helpdesk_base,
    parse_footer,
    read_back_reply,
    require_file,
    shared_account_refused,
    ticket_number,
    with_footer,
    word_after_footer,
)
from app.core.helpdesk import NotFound, PermanentError, PermissionDenied, TemporaryError
from app.core.model import Attachment, Message, Status, Ticket, now_utc
from tests.hostile.server import HostileServer


@pytest.mark.parametrize(
    "url",
    [
        "https://desk.example.org",
        "http://127.0.0.1:8080",
        "http://localhost/rt",
        "http://[::1]:3000",
    ],
)
def test_https_and_loopback_are_accepted(url: str) -> None:
    check_scheme(url, allow_insecure_http=False)


def test_plain_http_elsewhere_is_refused_unless_it_allows_it() -> None:
    with pytest.raises(PermanentError, match=r"^address_insecure \(secret=password\)$"):
        check_scheme("http://desk.example.org", allow_insecure_http=False)
    check_scheme("http://desk.example.org", allow_insecure_http=True)


def test_an_address_without_a_web_scheme_is_refused() -> None:
    with pytest.raises(PermanentError, match=r"^address_not_https$"):
        check_scheme("ftp://desk.example.org", allow_insecure_http=False)


def _cut_short(handler: BaseHTTPRequestHandler) -> None:
    """Announce 100 bytes, send one block of 11, then lose the connection."""
    handler.send_response(200)
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    handler.wfile.write(b"first block")
    handler.wfile.flush()
    handler.close_connection = True


def test_a_download_cut_short_leaves_no_half_file(tmp_path: Path) -> None:
    """http.save_response, which every adapter's download ends in."""
    target = tmp_path / "log.txt"
    with HostileServer() as server:
        server.on("GET", "/file", _cut_short)
        response = http.make_session(retries=0).get(server.url + "/file", stream=True)
        with pytest.raises(TemporaryError):
            http.save_response(response, target)
    assert not target.exists()
    assert not (tmp_path / "log.txt.part").exists()
    assert response.raw.closed


REF = "0b6c3e52-6f0e-4d8c-9a53-3f0b1d2a7c11"


def test_the_footer_is_added_once_after_a_blank_line() -> None:
    body = with_footer("It drops every hour.  \n", REF)
    assert body == f"It drops every hour.\n\nHelpline reference: {REF}\n"
    assert with_footer(body, REF) == body  # a retry does not add a second one
    assert with_footer("Text", REF, end="") == f"Text\n\n{footer(REF)}"


def test_the_reference_is_read_back_from_the_text() -> None:
    text = f"<p>Hello</p>\n\n{footer(REF)}\nmore"
    assert parse_footer(text) == REF
    assert word_after_footer(text) == REF
    assert parse_footer("no footer here") == word_after_footer("no footer here") == ""
    assert parse_footer(None) == ""


def test_only_the_loose_reading_takes_a_word_that_is_not_a_uuid() -> None:
    """Zendesk and Jira read any word; the others only a UUID, as they always did."""
    assert word_after_footer(footer("ticket-7")) == "ticket-7"
    assert parse_footer(footer("ticket-7")) == ""


def _as_ticket(item: dict[str, str]) -> Ticket:
    return Ticket(
        id=item["id"],
        subject="",
        status=Status.OPEN,
        raw_status="open",
        created_at=now_utc(),
        updated_at=now_utc(),
    )


def test_the_scan_returns_the_first_match_stamped_and_reads_no_further() -> None:
    read: list[str] = []

    def fetched() -> Iterator[dict[str, str]]:  # as GLPI fetches one ticket per row
        for n, body in enumerate(["other", f"x\n\n{footer(REF)}", f"{footer(REF)}", "late"]):
            read.append(str(n))
            yield {"id": str(n), "text": body}

    found = first_with_footer(fetched(), REF, lambda item: item.get("text"), _as_ticket)
    assert found is not None and (found.id, found.client_ref) == ("1", REF)
    assert read == ["0", "1"]


def test_the_scan_finds_nothing_where_no_text_carries_the_footer() -> None:
    items = [{"id": "1", "text": "Helpline reference: someone-else"}, {"id": "2"}]
    assert first_with_footer(items, REF, lambda item: item.get("text"), _as_ticket) is None


def test_the_shared_account_refusal_names_the_account_and_the_setting() -> None:
    refusal = shared_account_refused("RT")
    assert isinstance(refusal, PermissionDenied)
    assert (refusal.code, refusal.facts, refusal.detail) == (
        "account_mismatch",
        {"helpdesk": "RT", "setting": "backend.allow_shared_credentials"},
        "",
    )


def test_the_helpdesk_base_is_set_checked_and_trimmed() -> None:
    assert helpdesk_base("https://desk.example.org/rt//", False) == "https://desk.example.org/rt"
    with pytest.raises(PermanentError, match=r"^setting_missing \(setting=backend\.url\)$"):
        helpdesk_base("", False)
    with pytest.raises(PermanentError, match=r"^address_insecure \(secret=password\)$"):
        helpdesk_base("http://desk.example.org", False)


def test_a_file_that_is_gone_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    (tmp_path / "log.txt").write_bytes(b"x")
    here = Attachment.from_path(tmp_path / "log.txt")
    assert require_file(here) == tmp_path / "log.txt"
    (tmp_path / "log.txt").unlink()
    with pytest.raises(PermanentError, match=r"^file_unreadable \(name=log\.txt\)$"):
        require_file(here)
    with pytest.raises(PermanentError, match=r"^file_unreadable "):
        require_file(Attachment(filename="remote.png", size=1, backend_id="7"))


def test_a_download_lands_in_a_made_folder_under_a_safe_name(tmp_path: Path) -> None:
    target = download_target(tmp_path / "new" / "folder", "../../etc/passwd")
    assert target.parent == tmp_path / "new" / "folder" and target.parent.is_dir()
    assert ".." not in target.name and "/" not in target.name


@pytest.mark.parametrize("typed", ["42", "#42", " 42 ", "# 42"])
def test_a_ticket_number_is_read_as_people_type_it(typed: str) -> None:
    assert ticket_number(typed, "RT") == "42"


@pytest.mark.parametrize("typed", ["", "abc", "42a", "-1", "4 2"])
def test_anything_else_is_not_found_in_the_helpdesk_s_words(typed: str) -> None:
    with pytest.raises(NotFound) as caught:
        ticket_number(typed, "GLPI")
    assert (caught.value.code, caught.value.facts) == (
        "not_found",
        {"ticket": typed, "helpdesk": "GLPI"},
    )


def _message(n: int, mine: bool) -> Message:
    return Message(
        id=str(n),
        ticket_id="7",
        author="casey" if mine else "support",
        from_requester=mine,
        body=f"message {n}",
        created_at=now_utc(),
    )


def test_the_reply_read_back_is_my_newest_message() -> None:
    thread = [_message(1, True), _message(2, False), _message(3, True), _message(4, False)]
    assert read_back_reply(thread).id == "3"
    assert read_back_reply(thread, skip=1).id == "3"


def test_a_reply_that_cannot_be_read_back_is_a_permanent_error() -> None:
    with pytest.raises(PermanentError, match=r"^reply_unreadable$"):
        read_back_reply([_message(1, False)])
    with pytest.raises(PermanentError, match=r"^reply_unreadable$"):  # only the description
        read_back_reply([_message(1, True), _message(2, False)], skip=1)


@pytest.mark.parametrize(
    "source,text",
    [
        ("Tom &amp; Jerry&nbsp;say: 1 &lt; 2", "Tom & Jerry say: 1 < 2"),
        ("<p>a</p><p>b<br>c</p>", "a\nb\nc"),
        ("&lt;b&gt;not a tag&lt;/b&gt;", "<b>not a tag</b>"),
        ("<style>p {}</style><div>x &#x263A;</div>", "x \u263a"),
    ],
    ids=["entities", "breaks", "escaped-tags", "hidden-and-numeric"],
)
def test_html_to_text(source: str, text: str) -> None:
    """Zammad and RT HTML bodies (issue 16): tags out, then entities decoded."""
    assert common.html_to_text(source) == text
