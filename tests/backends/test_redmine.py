"""The redmine adapter against a real Redmine 5.0 on 127.0.0.1 (scripts/redmine.sh up).

The customer acts through the adapter with their own API key; support acts
through Redmine's REST API with the admin's key. Rate limits and broken
answers, which a real Redmine does not produce on demand, come from a small
local server (tests/backends/fake_base.py). Shapes follow
https://www.redmine.org/projects/redmine/wiki/Rest_api and
https://www.redmine.org/projects/redmine/wiki/Rest_Issues.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from app.backends import create_backend, redmine
from app.backends.redmine import RedmineBackend
from app.core.config import Config
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TemporaryError,
)
from app.core.model import Attachment, NewTicket, Priority, Status, Ticket
from app.core.outbox import Outbox, State
from app.core.schema import KEYS
from tests.backends.contract import BackendContract
from tests.backends.fake_base import FakeServer, Reply, Request
from tests.backends.fixtures import footed_ticket, write_file
from tests.backends.redmine_server import RedmineServer


def _ticket(*files: Path, subject: str = "") -> NewTicket:
    ticket = footed_ticket("Mail will not sync", "Outlook stopped syncing this morning.", *files)
    return replace(ticket, subject=subject) if subject else ticket


class TestRedmineContract(BackendContract):
    """The shared contract against the real Redmine, as the customer."""

    @pytest.fixture
    def backend(self, redmine_server: RedmineServer) -> Iterator[Backend]:
        self.server = redmine_server
        backend = redmine_server.customer()
        yield backend
        backend.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_note(ticket_id, text)
        return True


def test_the_whole_conversation(
    redmine_server: RedmineServer, redmine_customer: RedmineBackend, tmp_path: Path
) -> None:
    """Create with files, support notes (one private), reply with a file, resolve, reopen.

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues (include=journals,attachments;
    PUT notes and uploads), https://www.redmine.org/projects/redmine/wiki/Rest_api#Attaching-files
    """
    log = write_file(tmp_path, "outlook.log", b"sync error 0x8004010F\n" * 40)
    shot = write_file(tmp_path, "screen.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 120)
    created = redmine_customer.create(_ticket(log, shot))
    assert (created.status, created.raw_status) == (Status.NEW, "New")
    assert created.id in {t.id for t in redmine_customer.list_mine()}

    [first] = redmine_customer.messages(created.id)
    assert first.from_requester and "stopped syncing" in first.body
    assert sorted(a.filename for a in first.attachments) == ["outlook.log", "screen.png"]
    for inbound, source in zip(
        sorted(first.attachments, key=lambda a: a.filename), (log, shot), strict=True
    ):
        saved = redmine_customer.download(inbound, tmp_path / "out")
        assert saved.read_bytes() == source.read_bytes()  # byte-exact after upload tokens

    redmine_server.agent_note(created.id, "Which Outlook version is it?")
    redmine_server.agent_note(created.id, "INTERNAL: profile corrupt?", private=True)
    redmine_server.agent_set_status(created.id, "Feedback")
    thread = redmine_customer.messages(created.id)
    assert [m.from_requester for m in thread] == [True, False]
    assert "Which Outlook version" in thread[1].body
    assert all("INTERNAL" not in m.body for m in thread)
    assert redmine_customer.get(created.id).status is Status.WAITING

    version = write_file(tmp_path, "version.txt", b"Outlook 2021 build 16.0\n")
    mine = redmine_customer.reply(
        created.id, "Outlook 2021, see attached.", [Attachment.from_path(version)]
    )
    assert mine.from_requester and [a.filename for a in mine.attachments] == ["version.txt"]
    saved = redmine_customer.download(mine.attachments[0], tmp_path / "out2")
    assert saved.read_bytes() == version.read_bytes()

    redmine_server.agent_set_status(created.id, "Resolved", "Profile rebuilt.")
    resolved = redmine_customer.get(created.id)
    assert resolved.status is Status.RESOLVED and not resolved.is_open

    reopened = redmine_customer.reopen(created.id, "It stopped again after lunch.")
    assert reopened.is_open and reopened.raw_status == "In Progress"
    assert redmine_server.agent_issue(created.id)["status"]["name"] == "In Progress"
    bodies = [m.body.strip() for m in redmine_customer.messages(created.id)]
    assert bodies[-1] == "It stopped again after lunch."
    assert len(bodies) == 5  # description, question, reply, resolution note, reopen note


def test_customer_marks_resolved_and_the_status_is_read_back(
    redmine_customer: RedmineBackend, tmp_path: Path
) -> None:
    """Status changes go through allowed_statuses (Redmine >= 5.0) and are read back.

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues#Showing-an-issue
    """
    created = redmine_customer.create(_ticket())
    resolved = redmine_customer.set_resolved(created.id)
    assert (resolved.status, resolved.raw_status) == (Status.RESOLVED, "Resolved")
    again = redmine_customer.set_resolved(created.id)  # already there: nothing to change
    assert again.status is Status.RESOLVED


def test_a_workflow_that_forbids_the_change_is_reported(
    redmine_server: RedmineServer, tmp_path: Path
) -> None:
    """Redmine answers a forbidden status change with 204 and keeps the status (real-servers B.3).

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues#Updating-an-issue
    """
    if not redmine_server.reporter_key:
        pytest.skip("this Redmine was set up without the Reporter fixture user")
    reporter = redmine_server.customer(token=redmine_server.reporter_key)
    created = reporter.create(_ticket())
    with pytest.raises(PermissionDenied, match=r"^status_kept \(helpdesk=Redmine, status=New\)$"):
        reporter.set_resolved(created.id)
    assert reporter.get(created.id).status is Status.NEW


def test_status_mapping_defaults_overrides_and_is_closed_fallback(
    redmine_server: RedmineServer,
    redmine_customer: RedmineBackend,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Names map by default; config overrides win; unknown names fall back on is_closed.

    https://www.redmine.org/projects/redmine/wiki/Rest_IssueStatuses
    """
    created = redmine_customer.create(_ticket())
    redmine_server.agent_set_status(created.id, "Feedback")
    assert redmine_customer.get(created.id).status is Status.WAITING
    custom = redmine_server.customer(status_map={"Feedback": "open"})
    assert custom.get(created.id).status is Status.OPEN
    redmine_server.agent_set_status(created.id, "Rejected")
    assert redmine_customer.get(created.id).status is Status.CLOSED

    # A site that renamed its statuses: names unknown to the defaults use is_closed.
    monkeypatch.setattr(redmine, "DEFAULT_STATUSES", {})
    renamed = redmine_server.customer()
    assert renamed.get(created.id).status is Status.CLOSED  # Rejected: is_closed true
    redmine_server.agent_set_status(created.id, "Feedback")
    assert renamed.get(created.id).status is Status.OPEN  # Feedback: is_closed false


@pytest.mark.parametrize("lost", ["create", "connection"])
def test_outbox_retry_after_a_lost_answer_does_not_duplicate(
    redmine_server: RedmineServer, tmp_path: Path, lost: str
) -> None:
    """The issue reaches Redmine, the answer does not; the retry finds it by its reference.

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues#Listing-issues (filters)
    """
    backend = redmine_server.customer()

    class LostAnswer(RedmineBackend):
        def create(self, ticket: NewTicket) -> Ticket:
            super().create(ticket)
            if lost == "create":
                raise TemporaryError(code="timeout", server="helpdesk")
            raise redmine.http.map_exception(requests.exceptions.ConnectionError("reset"))

    lossy = redmine_server.customer()
    lossy.__class__ = LostAnswer
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket(write_file(tmp_path, "a.txt", b"a"))
    outbox.add_ticket(wanted)

    first = outbox.deliver(wanted.client_ref, lossy)
    assert first is not None and first.state is State.FAILED
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT and second.attempts == 2

    same = [t for t in backend.list_mine() if t.subject == wanted.subject]
    assert [t.id for t in same] == [second.ticket_id]
    assert backend.get(second.ticket_id).client_ref == wanted.client_ref


@pytest.mark.parametrize(
    ("priority", "name"),
    [(Priority.HIGH, "High"), (Priority.CRITICAL, "Urgent"), (Priority.NORMAL, "Normal")],
)
def test_priority_is_set_by_name(
    redmine_server: RedmineServer, redmine_customer: RedmineBackend, priority: Priority, name: str
) -> None:
    """Priorities come from GET /enumerations/issue_priorities.json.

    https://www.redmine.org/projects/redmine/wiki/Rest_Enumerations
    """
    wanted = replace(_ticket(), priority=priority)
    created = redmine_customer.create(wanted)
    assert redmine_server.agent_issue(created.id)["priority"]["name"] == name


def test_wrong_key_is_an_authentication_error(redmine_server: RedmineServer) -> None:
    """https://www.redmine.org/projects/redmine/wiki/Rest_api#Authentication"""
    with pytest.raises(AuthenticationError):
        redmine_server.customer(token="0" * 40).whoami()


def test_sign_in_with_login_and_password(redmine_server: RedmineServer) -> None:
    """HTTP Basic is the documented alternative to the key.

    https://www.redmine.org/projects/redmine/wiki/Rest_api#Authentication
    """
    backend = redmine_server.customer(
        token="", username=redmine_server.customer_login, password=redmine_server.customer_password
    )
    assert backend.whoami().customer_id == redmine_server.customer_login
    assert redmine_server.customer_password not in repr(backend)


def test_admin_key_needs_allow_shared_credentials(redmine_server: RedmineServer) -> None:
    """An admin key reads every issue; it is refused unless config allows shared credentials.

    https://www.redmine.org/projects/redmine/wiki/Rest_Users (GET /users/current.json, admin)
    """
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        redmine_server.customer(token=redmine_server.admin_key).list_mine()
    shared = redmine_server.customer(token=redmine_server.admin_key, allow_shared_credentials=True)
    assert shared.whoami().customer_id == "admin"


def test_other_peoples_issues_stay_hidden(
    redmine_server: RedmineServer, redmine_customer: RedmineBackend
) -> None:
    """The requester role sees only its own issues (issues_visibility = own).

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues#Showing-an-issue
    """
    theirs = redmine_server.agent_create("Someone else's laptop")
    with pytest.raises((NotFound, PermissionDenied)):
        redmine_customer.get(theirs)
    assert theirs not in {t.id for t in redmine_customer.list_mine()}


def test_from_config_reads_the_key_from_the_environment(
    redmine_server: RedmineServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """https://www.redmine.org/projects/redmine/wiki/Rest_api#Authentication"""
    monkeypatch.setenv("HELPLINE_TEST_REDMINE_KEY", redmine_server.customer_key)
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "redmine",
            "backend.url": redmine_server.url,
            "backend.token_env": "HELPLINE_TEST_REDMINE_KEY",
            "backend.project": redmine_server.project,
            "backend.timeout_seconds": 10.0,
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, RedmineBackend)
    assert backend.whoami().customer_id == redmine_server.customer_login
    assert redmine_server.customer_key not in repr(backend)
    assert backend.capabilities().limits_code == "redmine"


def test_non_ascii_text_and_file_names_survive(
    redmine_customer: RedmineBackend, tmp_path: Path
) -> None:
    """https://www.redmine.org/projects/redmine/wiki/Rest_api#Attaching-files"""
    report = write_file(tmp_path, "Übersicht Drucker.txt", "Grüße aus Köln – 東京\n".encode())
    wanted = _ticket(report, subject="Drucker in Köln druckt nicht – 東京")
    created = redmine_customer.create(wanted)
    assert redmine_customer.get(created.id).subject == wanted.subject
    [inbound] = redmine_customer.messages(created.id)[0].attachments
    assert inbound.filename == "Übersicht Drucker.txt"
    assert redmine_customer.download(inbound, tmp_path / "o").read_bytes() == report.read_bytes()


# -- answers a real Redmine does not give on demand --------------------------------------


class _Minimal(FakeServer):
    """Just enough Redmine to sign in and take an upload, in the documented shapes."""

    def __init__(self) -> None:
        super().__init__()
        self.status: dict[str, object] = {"id": 1, "name": "New"}

    def handle(self, request: Request) -> Reply:
        if request.path == "/issues/9.json" and request.method == "GET":  # as Redmine 4.2
            return Reply(200, {"issue": {"id": 9, "subject": "old", "status": self.status}})
        if request.path == "/issues/9.json" and request.method == "PUT":
            wanted = request.json()["issue"]["status_id"]
            self.status = {"id": wanted, "name": {3: "Resolved", 5: "Closed"}[wanted]}
            return Reply(204, b"")
        if request.path == "/issue_statuses.json":
            return Reply(
                200,
                {
                    "issue_statuses": [
                        {"id": 1, "name": "New", "is_closed": False},
                        {"id": 3, "name": "Resolved", "is_closed": False},
                        {"id": 5, "name": "Closed", "is_closed": True},
                    ]
                },
            )
        if request.path == "/users/current.json":
            return Reply(200, {"user": {"id": 7, "login": "casey", "admin": False}})
        if request.path == "/uploads.json":
            return Reply(201, {"upload": {"id": 1, "token": "1.abc"}})
        if request.path == "/issues.json" and request.method == "POST":
            return Reply(
                201, {"issue": {"id": 5, "subject": "x", "status": {"id": 1, "name": "New"}}}
            )
        return Reply(404, {"errors": ["not found"]})


@pytest.fixture
def minimal() -> Iterator[_Minimal]:
    with _Minimal() as server:
        yield server  # type: ignore[misc]


def test_upload_is_streamed_raw_as_octet_stream(minimal: _Minimal, tmp_path: Path) -> None:
    """POST /uploads.json takes the raw bytes as application/octet-stream (else 406).

    https://www.redmine.org/projects/redmine/wiki/Rest_api#Attaching-files
    """
    data = bytes(range(256)) * 300 + b"\r\n--not-a-boundary\r\n"
    shot = write_file(tmp_path, "screen.png", data)
    backend = RedmineBackend(minimal.url, project="support", token="k")
    backend.create(_ticket(shot))
    [upload] = minimal.requests_to("POST", "/uploads.json")
    assert upload.headers["content-type"] == "application/octet-stream"
    assert upload.params == {"filename": "screen.png"}
    assert upload.body == data
    [issue] = minimal.requests_to("POST", "/issues.json")
    assert issue.json()["issue"]["uploads"] == [
        {"token": "1.abc", "filename": "screen.png", "content_type": "image/png"}
    ]
    assert issue.headers["x-redmine-api-key"] == "k"


def test_rate_limit_and_garbled_answers_are_typed(minimal: _Minimal) -> None:
    """A proxy's 429 with Retry-After, an HTML page, and JSON without the issue.

    https://www.redmine.org/projects/redmine/wiki/Rest_Issues#Showing-an-issue
    """
    backend = RedmineBackend(minimal.url, project="support", token="k")
    minimal.fail_next(
        "GET", "/issues/3.json", 429, {"errors": ["slow down"]}, {"Retry-After": "17"}
    )
    with pytest.raises(RateLimited) as limited:
        backend.get("3")
    assert limited.value.wait_seconds == 17
    minimal.fail_next("GET", "/issues/3.json", 200, "<html>login</html>")
    with pytest.raises(PermanentError, match=r"^web_page "):
        backend.get("3")
    minimal.fail_next("GET", "/issues/3.json", 200, {"issues": []})
    with pytest.raises(PermanentError, match=r"^bad_answer .*: no issue$"):
        backend.get("3")
    with pytest.raises(NotFound):
        backend.get("not-a-number")


def test_status_change_on_a_redmine_without_allowed_statuses(minimal: _Minimal) -> None:
    """Before 5.0 there is no include=allowed_statuses: the adapter tries and reads back.

    https://www.redmine.org/projects/redmine/wiki/Rest_IssueStatuses
    """
    backend = RedmineBackend(minimal.url, project="support", token="k")
    resolved = backend.set_resolved("9")
    assert (resolved.status, resolved.raw_status) == (Status.RESOLVED, "Resolved")
    [put] = minimal.requests_to("PUT", "/issues/9.json")
    assert put.json() == {"issue": {"status_id": 3}}


def test_missing_settings_fail_clearly() -> None:
    """https://www.redmine.org/projects/redmine/wiki/Rest_api#Authentication"""
    with pytest.raises(PermanentError, match=r"^setting_missing \(setting=backend\.project\)$"):
        RedmineBackend("https://redmine.example.org", project="", token="k")
    with pytest.raises(PermanentError, match=r"^address_insecure \(secret=password\)$"):
        RedmineBackend("http://redmine.example.org", project="p", token="k")
    with pytest.raises(AuthenticationError):
        RedmineBackend("https://redmine.example.org", project="p").list_mine()
