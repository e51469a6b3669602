"""The glpi adapter against a local GLPI that answers in the documented shapes.

tests/backends/fake_glpi.py follows GLPI's legacy REST API documentation,
https://github.com/glpi-project/glpi/blob/main/apirest.md (sections cited per
test), and the status numbers of CommonITILObject.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.glpi import GlpiBackend
from app.core.config import Config
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
)
from app.core.model import Attachment, NewTicket, Status
from app.core.outbox import Outbox, State
from app.core.schema import KEYS
from tests.backends.contract import BackendContract
from tests.backends.fake_base import parse_multipart
from tests.backends.fake_glpi import APP_TOKEN, FakeGlpi
from tests.backends.fixtures import footed_ticket, write_file


@pytest.fixture
def glpi() -> Iterator[FakeGlpi]:
    with FakeGlpi() as server:
        yield server  # type: ignore[misc]


def _backend(server: FakeGlpi, token: str = "casey-user-token", **options: object) -> GlpiBackend:
    options.setdefault("app_token", APP_TOKEN)
    return GlpiBackend(server.url, token=token, **options)  # type: ignore[arg-type]


def _ticket(*files: Path, subject: str = "", **fields: str) -> NewTicket:
    ticket = footed_ticket(
        "Badge reader refuses my card",
        "The reader at door B blinks red.\nSince Monday.",
        *files,
        fields=dict(fields),
    )
    return replace(ticket, subject=subject) if subject else ticket


class TestGlpiContract(BackendContract):
    @pytest.fixture
    def backend(self, glpi: FakeGlpi) -> Iterator[Backend]:
        self.server = glpi
        backend = _backend(glpi)
        yield backend
        backend.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.tech_followup(ticket_id, text)
        return True


def test_the_whole_conversation(glpi: FakeGlpi, tmp_path: Path) -> None:
    """Ticket, Document + Document_Item, ITILFollowup, ITILSolution, add_close / add_reopen.

    apirest.md "Add item(s)" and "Get sub items"; ITILFollowup add_close / add_reopen.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#add-items
    """
    backend = _backend(glpi)
    photo = write_file(tmp_path, "reader.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 90)
    created = backend.create(_ticket(photo, urgency="high", impact="low", type="request"))
    stored = glpi.tickets[int(created.id)]
    assert (stored["urgency"], stored["impact"], stored["type"]) == (4, 2, 2)
    assert (created.status, created.raw_status) == (Status.NEW, "new")

    glpi.tech_followup(created.id, "Which badge number?")
    glpi.tech_followup(created.id, "INTERNAL: reader firmware old", private=True)
    thread = backend.messages(created.id)
    assert [m.from_requester for m in thread] == [True, False]
    assert thread[0].body.startswith("The reader at door B blinks red.\nSince Monday.")
    assert [a.filename for a in thread[0].attachments] == ["reader.jpg"]
    assert all("INTERNAL" not in m.body for m in thread)

    glpi.tech_status(created.id, 4)
    assert backend.get(created.id).status is Status.WAITING
    glpi.tech_solution(created.id, "Badge re-encoded.")
    solved = backend.get(created.id)
    assert (solved.status, solved.raw_status) == (Status.RESOLVED, "solved")
    assert backend.messages(created.id)[-1].body == "Badge re-encoded."

    reopened = backend.reopen(created.id, "Still red this morning.")
    assert reopened.is_open
    last = glpi.followups[max(glpi.followups)]
    assert "Still red" in last["content"]
    glpi.tech_solution(created.id, "Reader replaced.")
    closed = backend.set_resolved(created.id)  # accepting the solution closes the ticket
    assert (closed.status, closed.raw_status) == (Status.CLOSED, "closed")
    with pytest.raises(PermissionDenied, match=r"^reopen_not_offered "):
        backend.reopen(created.id, "Again?")


def test_documents_are_uploaded_with_a_manifest_and_linked(glpi: FakeGlpi, tmp_path: Path) -> None:
    """apirest.md "Upload a document file" (uploadManifest + filename[0]) and Document_Item;
    download with Accept: application/octet-stream ("Download a document file").

    https://github.com/glpi-project/glpi/blob/main/apirest.md#special-cases
    """
    data = bytes(range(256)) * 300 + b"\r\n--fake-boundary\r\n"
    blob = write_file(tmp_path, "dump.bin", data)
    backend = _backend(glpi)
    created = backend.create(_ticket(blob))
    [upload] = glpi.requests_to("POST", r"/Document$")
    parts = parse_multipart(upload.body, upload.headers["content-type"])
    assert [(p[0], p[1]) for p in parts] == [("uploadManifest", None), ("filename[0]", "dump.bin")]
    assert json.loads(parts[0][3]) == {"input": {"name": "dump.bin", "_filename": ["dump.bin"]}}
    assert parts[1][3] == data
    [link] = glpi.links
    assert (link["itemtype"], link["items_id"]) == ("Ticket", int(created.id))

    note = write_file(tmp_path, "after.txt", b"after reboot\n")
    sent = backend.reply(created.id, "Rebooted.", [Attachment.from_path(note)])
    assert sent.from_requester and [a.filename for a in sent.attachments] == ["after.txt"]
    assert glpi.links[-1]["itemtype"] == "ITILFollowup"
    [first_file] = backend.messages(created.id)[0].attachments
    assert backend.download(first_file, tmp_path / "out").read_bytes() == data


def test_status_numbers_map_and_can_be_overridden(glpi: FakeGlpi) -> None:
    """CommonITILObject: 1 new, 2 assigned, 3 planned, 4 pending, 5 solved, 6 closed.

    https://github.com/glpi-project/glpi/blob/main/src/CommonITILObject.php
    """
    backend = _backend(glpi)
    created = backend.create(_ticket())
    expected = {
        1: Status.NEW,
        2: Status.OPEN,
        3: Status.OPEN,
        4: Status.WAITING,
        5: Status.RESOLVED,
        6: Status.CLOSED,
    }
    for number, status in expected.items():
        glpi.tech_status(created.id, number)
        assert backend.get(created.id).status is status
    glpi.tech_status(created.id, 4)
    assert _backend(glpi, status_map={"4": "open"}).get(created.id).status is Status.OPEN
    assert _backend(glpi, status_map={"pending": "open"}).get(created.id).status is Status.OPEN


def test_marking_resolved_without_the_right_is_refused(glpi: FakeGlpi) -> None:
    """A self-service profile usually lacks Ticket UPDATE: GLPI answers ERROR_RIGHT_MISSING.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#update-items
    """
    glpi.requester_may_update = False
    backend = _backend(glpi)
    created = backend.create(_ticket())
    with pytest.raises(PermissionDenied, match="ERROR_RIGHT_MISSING"):
        backend.set_resolved(created.id)
    assert backend.get(created.id).status is Status.NEW


def test_sign_in_errors_are_typed(glpi: FakeGlpi) -> None:
    """apirest.md "Errors": ERROR_GLPI_LOGIN_USER_TOKEN, ERROR_APP_TOKEN_PARAMETERS_MISSING.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#errors
    """
    with pytest.raises(AuthenticationError):
        _backend(glpi, token="nope").whoami()
    with pytest.raises(PermanentError, match=r"^setting_missing \(setting=backend\.app_token\)"):
        _backend(glpi, app_token="").whoami()
    with pytest.raises(AuthenticationError):
        GlpiBackend(glpi.url, app_token=APP_TOKEN).whoami()
    basic = GlpiBackend(glpi.url, username="casey", password="caseypass1", app_token=APP_TOKEN)
    assert basic.whoami().customer_id == "casey"
    assert "caseypass1" not in repr(basic)


def test_session_is_renewed_once_and_killed_on_close(glpi: FakeGlpi) -> None:
    """apirest.md "Init session" / "Kill session"; ERROR_SESSION_TOKEN_INVALID means log in.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#init-session
    """
    backend = _backend(glpi)
    created = backend.create(_ticket())
    glpi.expire_sessions()
    assert backend.get(created.id).id == created.id
    assert len(glpi.requests_to("GET", r"/initSession$")) == 2
    token = backend.session.headers["Session-Token"]
    backend.close()
    assert glpi.killed == [token]
    for request in glpi.log:
        assert request.headers.get("app-token") == APP_TOKEN


def test_someone_elses_ticket_is_a_permission_error_not_a_sign_in_error(glpi: FakeGlpi) -> None:
    """GLPI answers a missing right with HTTP 401 and ERROR_RIGHT_MISSING.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#errors
    """
    theirs = _backend(glpi, token="robin-user-token").create(_ticket())
    mine = _backend(glpi)
    with pytest.raises(PermissionDenied):
        mine.get(theirs.id)
    assert theirs.id not in {t.id for t in mine.list_mine()}
    with pytest.raises(NotFound):
        mine.get("99999")


def test_technician_profile_needs_allow_shared_credentials(glpi: FakeGlpi) -> None:
    """https://github.com/glpi-project/glpi/blob/main/apirest.md#get-full-session"""
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        _backend(glpi, token="tech-user-token").list_mine()
    shared = _backend(glpi, token="tech-user-token", allow_shared_credentials=True)
    assert shared.whoami().customer_id == "tech"


def test_list_mine_pages_through_the_search_engine(glpi: FakeGlpi) -> None:
    """apirest.md "Search items": range, 206 Partial Content, totalcount.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#search-items
    """
    backend = _backend(glpi)
    made = {backend.create(_ticket()).id for _ in range(3)}
    glpi.fail_next(
        "GET",
        r"/search/Ticket$",
        206,
        {
            "totalcount": 3,
            "count": 1,
            "data": [
                {
                    "2": int(max(made, key=int)),
                    "1": "x",
                    "12": 1,
                    "15": "2026-01-01 10:00:00",
                    "19": "2026-01-01 10:00:00",
                }
            ],
        },
        {"Content-Range": "0-0/3"},
    )
    listed = backend.list_mine()
    assert {t.id for t in listed} == made
    searches = glpi.requests_to("GET", r"/search/Ticket$")
    assert [s.params["range"] for s in searches] == ["0-99", "1-100"]
    assert searches[0].params["criteria[0][value]"] == "myself"


def test_rate_limit_and_garbled_answers_are_typed(glpi: FakeGlpi) -> None:
    """GLPI itself has no rate limit; a proxy in front may answer 429 with Retry-After.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#get-an-item
    """
    backend = _backend(glpi)
    created = backend.create(_ticket())
    glpi.fail_next(
        "GET", rf"/Ticket/{created.id}$", 429, {"message": "slow down"}, {"Retry-After": "12"}
    )
    with pytest.raises(RateLimited) as limited:
        backend.get(created.id)
    assert limited.value.wait_seconds == 12
    glpi.fail_next("GET", rf"/Ticket/{created.id}$", 200, "<html>maintenance</html>")
    with pytest.raises(PermanentError, match=r"^web_page "):
        backend.get(created.id)
    glpi.fail_next("GET", rf"/Ticket/{created.id}$", 200, [1, 2])
    with pytest.raises(PermanentError, match=r"^bad_answer .*: not an object"):
        backend.get(created.id)
    glpi.fail_next("GET", rf"/Ticket/{created.id}$", 200, {"name": "no id"})
    with pytest.raises(PermanentError, match=r"^bad_answer .*: no ticket$"):
        backend.get(created.id)


def test_outbox_retry_after_a_lost_answer_does_not_duplicate(
    glpi: FakeGlpi, tmp_path: Path
) -> None:
    """No idempotency in GLPI: the retry searches my tickets' descriptions for the reference.

    https://github.com/glpi-project/glpi/blob/main/apirest.md#search-items
    """
    backend = _backend(glpi)
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket(write_file(tmp_path, "a.txt", b"a"))
    outbox.add_ticket(wanted)
    glpi.lose_next_answer("POST", r"/Ticket$")
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and len(glpi.tickets) == 1
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert len(glpi.tickets) == 1 and second.ticket_id == str(next(iter(glpi.tickets)))


def test_text_with_markup_characters_round_trips(glpi: FakeGlpi) -> None:
    """https://github.com/glpi-project/glpi/blob/main/apirest.md#add-items"""
    backend = _backend(glpi)
    wanted = _ticket(subject="Drucker <Köln> & 東京")
    created = backend.create(wanted)
    assert backend.get(created.id).subject == wanted.subject
    sent = backend.reply(created.id, "a < b & c > d\n<script>x</script>")
    assert sent.body == "a < b & c > d\n<script>x</script>"


def test_from_config(glpi: FakeGlpi, monkeypatch: pytest.MonkeyPatch) -> None:
    """https://github.com/glpi-project/glpi/blob/main/apirest.md#init-session"""
    monkeypatch.setenv("HELPLINE_TEST_GLPI_TOKEN", "casey-user-token")
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "glpi",
            "backend.url": f"{glpi.url}/apirest.php",
            "backend.token_env": "HELPLINE_TEST_GLPI_TOKEN",
            "backend.app_token": APP_TOKEN,
            "backend.timeout_seconds": 10.0,
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, GlpiBackend)
    assert backend.whoami().customer_id == "casey"
    assert "casey-user-token" not in repr(backend) and APP_TOKEN not in repr(backend)
    assert backend.capabilities().limits_code == "glpi"


# -- times: GLPI writes local times without a zone (issue 16) -------------------------------


def _stamp(glpi: FakeGlpi, tid: str, when: str) -> None:
    glpi.tickets[int(tid)].update(date=when, date_mod=when)


@pytest.mark.parametrize("where", ["session", "config"])
def test_times_are_read_in_the_zone_glpi_names(glpi: FakeGlpi, where: str) -> None:
    """GLPI's zone: the user's preference (``glpi_tz`` in getFullSession), else the general
    setting (``timezone`` in getGlpiConfig), as DBmysql::guessTimezone picks it
    (https://github.com/glpi-project/glpi/blob/10.0/bugfixes/src/DBmysql.php)."""
    glpi.zone = "America/New_York"
    glpi.session_says_zone, glpi.config_says_zone = where == "session", where == "config"
    backend = _backend(glpi)
    created = backend.create(_ticket())
    _stamp(glpi, created.id, "2024-03-05 08:00:00")  # EST, UTC-5
    ticket = backend.get(created.id)
    assert ticket.created_at.isoformat() == "2024-03-05T13:00:00+00:00"
    assert ticket.updated_at.isoformat() == "2024-03-05T13:00:00+00:00"
    _stamp(glpi, created.id, "2024-07-05 08:00:00")  # EDT, UTC-4: the zone's own rules
    assert backend.get(created.id).created_at.isoformat() == "2024-07-05T12:00:00+00:00"


def test_the_configured_zone_is_used_when_glpi_names_none(glpi: FakeGlpi) -> None:
    """backend.timezone: for a GLPI that leaves the zone to PHP's default, which the API
    never names."""
    glpi.zone = "Asia/Tokyo"
    glpi.session_says_zone = glpi.config_says_zone = False
    backend = _backend(glpi, timezone="Asia/Tokyo")
    created = backend.create(_ticket())
    _stamp(glpi, created.id, "2024-03-05 08:00:00")
    assert backend.get(created.id).created_at.isoformat() == "2024-03-04T23:00:00+00:00"
    assert [t.created_at.isoformat() for t in backend.list_mine()] == ["2024-03-04T23:00:00+00:00"]


def test_the_timezone_key_reaches_the_adapter(
    glpi: FakeGlpi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPLINE_TEST_GLPI_TOKEN", "casey-user-token")
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "glpi",
            "backend.url": glpi.url,
            "backend.token_env": "HELPLINE_TEST_GLPI_TOKEN",
            "backend.app_token": APP_TOKEN,
            "backend.timezone": "Europe/Paris",
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, GlpiBackend) and backend.timezone == "Europe/Paris"
