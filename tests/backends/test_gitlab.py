"""The gitlab adapter against a local GitLab that answers in the documented shapes.

No GitLab runs on this machine, so tests/backends/fake_gitlab.py plays it: a
real HTTP server on 127.0.0.1 following https://docs.gitlab.com/api/issues/,
https://docs.gitlab.com/api/notes/ and
https://docs.gitlab.com/api/project_markdown_uploads/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.gitlab import GitLabBackend
from app.core.config import Config
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
)
from app.core.model import NewTicket, Status
from app.core.outbox import Outbox, State
from app.core.schema import KEYS
from tests.backends.contract import BackendContract
from tests.backends.fake_gitlab import PROJECT_PATH, FakeGitLab
from tests.backends.fixtures import footed_ticket, write_file


@pytest.fixture
def gitlab() -> Iterator[FakeGitLab]:
    with FakeGitLab() as server:
        yield server  # type: ignore[misc]


def _backend(server: FakeGitLab, token: str = "glpat-customer", **options: object) -> GitLabBackend:
    return GitLabBackend(server.url, project=PROJECT_PATH, token=token, **options)  # type: ignore[arg-type]


def _ticket(*files: Path, category: str = "") -> NewTicket:
    return footed_ticket(
        "Build agent offline", "The build agent went offline.", *files, category=category
    )


class TestGitLabContract(BackendContract):
    @pytest.fixture
    def backend(self, gitlab: FakeGitLab) -> Iterator[Backend]:
        self.server = gitlab
        backend = _backend(gitlab)
        yield backend
        backend.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.agent_note(ticket_id, text)
        return True


def test_uploads_are_linked_in_markdown_and_come_back_byte_exact(
    gitlab: FakeGitLab, tmp_path: Path
) -> None:
    """POST /projects/:id/uploads (multipart "file"), then the markdown in the description.

    https://docs.gitlab.com/api/project_markdown_uploads/#upload-a-file
    """
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 200 + b"\r\n--boundary-lookalike--\r\n"
    shot = write_file(tmp_path, "screen.png", data)
    log = write_file(tmp_path, "agent.log", b"offline at 09:14\n")
    backend = _backend(gitlab)
    created = backend.create(_ticket(shot, log, category="network"))
    issue = gitlab.issues[int(created.id)]
    assert issue["confidential"] is True and issue["labels"] == ["network"]
    assert issue["description"].count("/uploads/") == 2
    uploads = gitlab.requests_to("POST", r"/uploads$")
    assert len(uploads) == 2 and all("%2F" in r.path for r in uploads)  # URL-encoded path
    assert sorted(body for _, body in gitlab.uploads.values()) == sorted([data, log.read_bytes()])

    [first] = backend.messages(created.id)
    assert "/uploads/" not in first.body and "went offline" in first.body
    assert sorted(a.filename for a in first.attachments) == ["agent.log", "screen.png"]
    for att in first.attachments:
        saved = backend.download(att, tmp_path / "out")
        assert saved.read_bytes() == (data if att.filename == "screen.png" else log.read_bytes())


def test_download_falls_back_to_the_web_address(gitlab: FakeGitLab, tmp_path: Path) -> None:
    """The uploads API may want the Maintainer role; the issue's own link still works.

    https://docs.gitlab.com/api/project_markdown_uploads/
    """
    gitlab.uploads_api_for_maintainers_only = True
    data = bytes(range(256)) * 10
    backend = _backend(gitlab)
    created = backend.create(_ticket(write_file(tmp_path, "trace.bin", data)))
    [att] = backend.messages(created.id)[0].attachments
    assert backend.download(att, tmp_path / "out").read_bytes() == data
    assert gitlab.requests_to("GET", rf"^/{PROJECT_PATH}/uploads/")


def test_thread_drops_system_and_internal_notes(gitlab: FakeGitLab, tmp_path: Path) -> None:
    """Notes with system: true (state changes) and internal: true stay out of the thread.

    https://docs.gitlab.com/api/notes/#list-project-issue-notes
    """
    backend = _backend(gitlab)
    created = backend.create(_ticket())
    gitlab.agent_note(created.id, "Is the agent's VM running?")
    gitlab.agent_note(created.id, "INTERNAL: host is being patched", internal=True)
    gitlab.agent_state(created.id, "opened", labels=["status::waiting"])
    thread = backend.messages(created.id)
    assert [(m.from_requester, m.body) for m in thread[1:]] == [
        (False, "Is the agent's VM running?")
    ]
    assert backend.get(created.id).status is Status.WAITING


def test_status_mapping_defaults_labels_and_overrides(gitlab: FakeGitLab) -> None:
    """state opened/closed (https://docs.gitlab.com/api/issues/#edit-an-issue, state_event)."""
    backend = _backend(gitlab)
    created = backend.create(_ticket())
    assert (created.status, created.raw_status) == (Status.OPEN, "opened")
    gitlab.agent_state(created.id, "opened", labels=["needs-reporter"])
    assert backend.get(created.id).status is Status.OPEN  # unknown label: state decides
    custom = _backend(gitlab, status_map={"needs-reporter": "waiting", "closed": "closed"})
    got = custom.get(created.id)
    assert (got.status, got.raw_status) == (Status.WAITING, "needs-reporter")
    gitlab.agent_state(created.id, "closed")
    assert backend.get(created.id).status is Status.RESOLVED
    assert custom.get(created.id).status is Status.CLOSED


def test_close_and_reopen_use_state_event(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/api/issues/#edit-an-issue"""
    backend = _backend(gitlab)
    created = backend.create(_ticket())
    assert backend.set_resolved(created.id).status is Status.RESOLVED
    events = [r.json() for r in gitlab.requests_to("PUT", r"/issues/\d+$")]
    assert events == [{"state_event": "close"}]
    reopened = backend.reopen(created.id, "Offline again.")
    assert reopened.status is Status.OPEN
    assert backend.messages(created.id)[-1].body == "Offline again."


def test_someone_elses_issue_cannot_be_closed_or_seen(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/user/project/issues/confidential_issues/"""
    theirs = _backend(gitlab, token="glpat-other").create(_ticket())
    mine = _backend(gitlab)
    with pytest.raises(NotFound):
        mine.get(theirs.id)
    assert theirs.id not in {t.id for t in mine.list_mine()}


def test_wrong_token_is_an_authentication_error(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/api/rest/authentication/ (401 on a bad token)"""
    with pytest.raises(AuthenticationError):
        _backend(gitlab, token="glpat-wrong").whoami()
    with pytest.raises(AuthenticationError):
        GitLabBackend(gitlab.url, project=PROJECT_PATH).list_mine()


def test_admin_token_needs_allow_shared_credentials(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/api/users/ (GET /user, is_admin)"""
    with pytest.raises(PermissionDenied, match=r"^account_mismatch .*allow_shared_credentials"):
        _backend(gitlab, token="glpat-admin").list_mine()
    assert (
        _backend(gitlab, token="glpat-admin", allow_shared_credentials=True).whoami().customer_id
        == "root"
    )


def test_rate_limit_waits_for_the_reset(gitlab: FakeGitLab) -> None:
    """429 with RateLimit-Reset (UNIX time) or Retry-After.

    https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
    """
    backend = _backend(gitlab)
    backend.whoami()
    reset = int(time.time()) + 40
    gitlab.fail_next(
        "GET",
        r"/issues$",
        429,
        {"message": "Retry later"},
        {"RateLimit-Reset": str(reset), "RateLimit-Remaining": "0"},
    )
    with pytest.raises(RateLimited) as limited:
        backend.list_mine()
    assert 35 <= limited.value.wait_seconds <= 40
    gitlab.fail_next("POST", r"/issues$", 429, {"message": "Retry later"}, {"Retry-After": "9"})
    with pytest.raises(RateLimited) as again:
        backend.create(_ticket())
    assert again.value.wait_seconds == 9


def test_garbled_answers_are_typed(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/api/issues/#single-project-issue"""
    backend = _backend(gitlab)
    created = backend.create(_ticket())
    path = rf"/issues/{created.id}$"
    gitlab.fail_next("GET", path, 200, "<html>Sign in</html>")
    with pytest.raises(PermanentError, match=r"^web_page "):
        backend.get(created.id)
    gitlab.fail_next("GET", path, 200, b'{"iid": 1, "tit', {"Content-Type": "application/json"})
    with pytest.raises(PermanentError, match="garbled"):  # a whole body: waiting will not mend it
        backend.get(created.id)
    gitlab.fail_next("GET", path, 200, [{"iid": 1}])
    with pytest.raises(PermanentError, match=r"^bad_answer .*: no issue or note$"):
        backend.get(created.id)


def test_outbox_retry_after_a_lost_answer_does_not_duplicate(
    gitlab: FakeGitLab, tmp_path: Path
) -> None:
    """GitLab has no idempotency key; the retry looks for the reference first.

    https://docs.gitlab.com/api/issues/#list-project-issues (scope, search, in)
    """
    backend = _backend(gitlab)
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket(write_file(tmp_path, "a.txt", b"a"))
    outbox.add_ticket(wanted)
    gitlab.lose_next_answer("POST", r"/issues$")
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED
    assert len(gitlab.issues) == 1  # it did arrive
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT
    assert len(gitlab.issues) == 1 and second.ticket_id == "1"


def test_list_mine_follows_pages_and_since(gitlab: FakeGitLab) -> None:
    """https://docs.gitlab.com/api/rest/#pagination (X-Next-Page)"""
    gitlab.page_size_cap = 2
    backend = _backend(gitlab)
    made = [backend.create(_ticket()).id for _ in range(5)]
    assert sorted(t.id for t in backend.list_mine()) == sorted(made)
    later = backend.get(made[0]).updated_at.replace(year=2100)
    assert backend.list_mine(since=later) == []


def test_from_config_reads_the_token_from_the_environment(
    gitlab: FakeGitLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """https://docs.gitlab.com/api/rest/authentication/"""
    monkeypatch.setenv("HELPLINE_TEST_GITLAB_TOKEN", "glpat-customer")
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "gitlab",
            "backend.url": gitlab.url,
            "backend.token_env": "HELPLINE_TEST_GITLAB_TOKEN",
            "backend.project": "5",
            "backend.timeout_seconds": 10.0,
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, GitLabBackend)
    assert backend.whoami().customer_id == "casey"
    assert "glpat-customer" not in repr(backend)
    assert backend.capabilities().attachments


def test_from_config_uses_a_sign_in_made_on_this_computer(gitlab: FakeGitLab) -> None:
    """The token from `helpline login` (here held for the session), as app/backends/credentials.py
    finds it. https://docs.gitlab.com/user/profile/personal_access_tokens/
    """
    from app.backends import credentials

    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "gitlab",
            "backend.url": gitlab.url,
            "backend.project": PROJECT_PATH,
            "backend.timeout_seconds": 10.0,
        }
    )
    config = Config(values=values, sources={})
    credentials.remember_for_session(config, "glpat-customer", "token")
    try:
        backend = create_backend(config)
        assert backend.whoami().customer_id == "casey"
    finally:
        credentials.clear_session()
