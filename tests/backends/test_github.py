"""The github adapter against a local GitHub that answers in the documented shapes.

tests/backends/fake_github.py follows https://docs.github.com/en/rest/issues/issues and
https://docs.github.com/en/rest/issues/comments. GitHub has no upload API for
issues, so the contract's file tests are replaced here by tests that the
adapter refuses files loudly instead of dropping them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends import create_backend
from app.backends.github import GitHubBackend
from app.core.config import Config
from app.core.helpdesk import (
    AuthenticationError,
    Backend,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    Unsupported,
)
from app.core.model import Attachment, NewTicket, Status
from app.core.outbox import Outbox, State
from app.core.schema import KEYS
from tests.backends.contract import BackendContract
from tests.backends.fake_github import CUSTOMER, OWNER, REPO, FakeGitHub
from tests.backends.fixtures import footed_ticket


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server  # type: ignore[misc]


def _backend(server: FakeGitHub, token: str = "ghp_customer", **options: object) -> GitHubBackend:
    return GitHubBackend(server.url, project=f"{OWNER}/{REPO}", token=token, **options)  # type: ignore[arg-type]


def _ticket(*files: Path, category: str = "") -> NewTicket:
    return footed_ticket(
        "Installer fails on Windows 11", "The installer stops at 80 %.", *files, category=category
    )


class TestGitHubContract(BackendContract):
    """The shared contract; the four file tests become "refuses files, creates nothing"."""

    @pytest.fixture
    def backend(self, github: FakeGitHub) -> Iterator[Backend]:
        self.server = github
        backend = _backend(github)
        yield backend
        backend.close()

    def support_reply(self, backend: Backend, ticket_id: str, text: str) -> bool:
        self.server.maintainer_comment(ticket_id, text)
        return True

    def test_create_then_get(self, backend: Backend, tmp_path: Path) -> None:
        """https://docs.github.com/en/rest/issues/issues#create-an-issue"""
        with pytest.raises(Unsupported, match=r"^files_not_taken "):
            backend.create(self.new_ticket(tmp_path, self.files(tmp_path / "in")))
        assert self.server.issues == {}  # refused before anything was sent
        wanted = self.new_ticket(tmp_path)
        created = backend.create(wanted)
        assert (created.subject, created.status, created.raw_status) == (
            wanted.subject,
            Status.OPEN,
            "open",
        )
        assert backend.get(created.id).id == created.id

    def test_first_message_is_the_requesters_with_files(
        self, backend: Backend, tmp_path: Path
    ) -> None:
        """https://docs.github.com/en/rest/issues/issues#get-an-issue"""
        created = backend.create(self.new_ticket(tmp_path))
        first = backend.messages(created.id)[0]
        assert first.from_requester and "Every page comes out blank" in first.body
        assert first.attachments == ()

    def test_reply_with_attachment(self, backend: Backend, tmp_path: Path) -> None:
        """https://docs.github.com/en/rest/issues/comments#create-an-issue-comment"""
        created = backend.create(self.new_ticket(tmp_path))
        log, _ = self.files(tmp_path / "in")
        with pytest.raises(Unsupported, match=r"files_not_taken .*names=app\.log"):
            backend.reply(created.id, "Log attached.", [log])
        assert self.server.comments[int(created.id)] == []
        sent = backend.reply(created.id, "I restarted it; no change.")
        assert sent.from_requester
        assert backend.messages(created.id)[-1].body == "I restarted it; no change."

    def test_download_keeps_bytes_and_sanitises_the_name(
        self, backend: Backend, tmp_path: Path
    ) -> None:
        """https://docs.github.com/en/rest/issues (no attachment endpoints)"""
        with pytest.raises(Unsupported):
            backend.download(Attachment(filename="x.bin", size=1, backend_id="1"), tmp_path)


def test_capabilities_say_files_stay_on_this_computer(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/issues/issues#create-an-issue (no file field)"""
    caps = _backend(github).capabilities()
    assert not caps.attachments
    assert (caps.limits_code, caps.limits_note) == ("github", "")


def test_requests_carry_the_documented_headers(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api"""
    backend = _backend(github)
    backend.create(_ticket(category="installer"))
    [post] = github.requests_to("POST", r"/issues$")
    assert post.headers["authorization"] == "Bearer ghp_customer"
    assert post.headers["accept"] == "application/vnd.github+json"
    assert post.json()["labels"] == ["installer"]
    assert "ghp_customer" not in repr(backend)


def test_pull_requests_are_not_requests(github: FakeGitHub) -> None:
    """The issues list includes pull requests (they carry a pull_request key).

    https://docs.github.com/en/rest/issues/issues#list-repository-issues
    """
    backend = _backend(github)
    mine = backend.create(_ticket())
    pr = github.add_pull_request(CUSTOMER, "Fix typo")
    assert [t.id for t in backend.list_mine()] == [mine.id]
    with pytest.raises(NotFound):
        backend.get(str(pr))


def test_status_mapping_with_state_reason_labels_and_overrides(github: FakeGitHub) -> None:
    """state + state_reason (completed | not_planned | duplicate); labels while open.

    https://docs.github.com/en/rest/issues/issues#get-an-issue
    """
    backend = _backend(github)
    created = backend.create(_ticket())
    github.maintainer_state(created.id, "open", labels=["needs-info"])
    assert backend.get(created.id).status is Status.WAITING
    github.maintainer_state(created.id, "closed", "not_planned")
    got = backend.get(created.id)
    assert (got.status, got.raw_status) == (Status.CLOSED, "closed/not_planned")
    github.maintainer_state(created.id, "closed", "completed")
    assert backend.get(created.id).status is Status.RESOLVED
    custom = _backend(github, status_map={"closed/completed": "closed", "triage": "new"})
    assert custom.get(created.id).status is Status.CLOSED
    github.maintainer_state(created.id, "open", labels=["triage"])
    assert custom.get(created.id).status is Status.NEW


def test_resolve_and_the_reopen_github_refuses(github: FakeGitHub) -> None:
    """Authors may close their own issues; one closed by a maintainer stays closed for them.

    https://docs.github.com/en/rest/issues/issues#update-an-issue
    """
    backend = _backend(github)
    created = backend.create(_ticket())
    assert backend.set_resolved(created.id).status is Status.RESOLVED
    assert github.requests_to("PATCH", r"/issues/\d+$")[-1].json() == {
        "state": "closed",
        "state_reason": "completed",
    }
    assert backend.reopen(created.id).status is Status.OPEN
    github.maintainer_state(created.id, "closed", "completed")
    with pytest.raises(PermissionDenied, match=r"^reopen_not_offered \(.*status=closed\)"):
        backend.reopen(created.id, "Still broken.")
    with pytest.raises(PermissionDenied):
        _backend(github, token="ghp_other").set_resolved(created.id)


def test_bad_credentials_are_an_authentication_error(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api"""
    with pytest.raises(AuthenticationError):
        _backend(github, token="ghp_wrong").whoami()
    with pytest.raises(AuthenticationError):
        GitHubBackend(github.url, project=f"{OWNER}/{REPO}").list_mine()


@pytest.mark.parametrize("status", [403, 429])
def test_primary_rate_limit_waits_until_the_reset(github: FakeGitHub, status: int) -> None:
    """403 or 429 with x-ratelimit-remaining: 0 -> wait until x-ratelimit-reset (UTC epoch).

    https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
    """
    backend = _backend(github)
    backend.whoami()
    reset = int(time.time()) + 120
    github.fail_next(
        "GET",
        r"/issues$",
        status,
        {"message": "API rate limit exceeded for user ID 11."},
        {
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-limit": "5000",
        },
    )
    with pytest.raises(RateLimited) as limited:
        backend.list_mine()
    assert 115 <= limited.value.wait_seconds <= 120


def test_secondary_rate_limit_honours_retry_after(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits"""
    backend = _backend(github)
    github.fail_next(
        "POST",
        r"/issues$",
        403,
        {"message": "You have exceeded a secondary rate limit."},
        {"retry-after": "61"},
    )
    with pytest.raises(RateLimited) as limited:
        backend.create(_ticket())
    assert limited.value.wait_seconds == 61
    assert github.issues == {}


def test_garbled_answers_are_typed(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/issues/issues#get-an-issue"""
    backend = _backend(github)
    created = backend.create(_ticket())
    github.fail_next("GET", rf"/issues/{created.id}$", 200, "<html>Unicorn!</html>")
    with pytest.raises(PermanentError, match=r"^web_page "):
        backend.get(created.id)
    github.fail_next("GET", rf"/issues/{created.id}$", 200, {"id": 1, "title": "no number"})
    with pytest.raises(PermanentError, match=r"^bad_answer .*: no issue"):
        backend.get(created.id)
    github.fail_next("GET", r"/issues$", 200, {"message": "not a list"})
    with pytest.raises(PermanentError, match=r"^bad_answer .*: not a list$"):
        backend.list_mine()


def test_outbox_retry_after_a_lost_answer_does_not_duplicate(
    github: FakeGitHub, tmp_path: Path
) -> None:
    """No idempotency key on GitHub: the retry reads my newest issues for the reference.

    https://docs.github.com/en/rest/issues/issues#list-repository-issues (creator, sort)
    """
    backend = _backend(github)
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket()
    outbox.add_ticket(wanted)
    github.lose_next_answer("POST", r"/issues$")
    first = outbox.deliver(wanted.client_ref, backend)
    assert first is not None and first.state is State.FAILED and len(github.issues) == 1
    second = outbox.deliver(wanted.client_ref, backend, force=True)
    assert second is not None and second.state is State.SENT and second.ticket_id == "1"
    assert len(github.issues) == 1


def test_an_outbox_item_with_files_fails_with_a_plain_reason(
    github: FakeGitHub, tmp_path: Path
) -> None:
    """Files that reach the adapter are refused, never dropped: the user is told why.

    https://docs.github.com/en/rest/issues/comments#create-an-issue-comment (no file field)
    """
    log = tmp_path / "app.log"
    log.write_text("x")
    outbox = Outbox(tmp_path / "outbox")
    wanted = _ticket(log)
    outbox.add_ticket(wanted)
    item = outbox.deliver(wanted.client_ref, _backend(github))
    assert item is not None and item.state is State.FAILED
    assert item.error_code == "files_not_taken" and item.error_facts["names"] == "app.log"
    assert github.issues == {}


def test_list_mine_follows_link_pages(github: FakeGitHub) -> None:
    """https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api"""
    github.page_size_cap = 2
    backend = _backend(github)
    made = {backend.create(_ticket()).id for _ in range(5)}
    assert {t.id for t in backend.list_mine()} == made
    assert len(github.requests_to("GET", r"/issues$")) == 3  # three pages of two


def test_from_config(github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    """https://docs.github.com/en/rest/users/users#get-the-authenticated-user"""
    monkeypatch.setenv("HELPLINE_TEST_GITHUB_TOKEN", "ghp_customer")
    values = {k.name: k.default for k in KEYS}
    values.update(
        {
            "backend.type": "github",
            "backend.url": github.url,
            "backend.token_env": "HELPLINE_TEST_GITHUB_TOKEN",
            "backend.project": f"{OWNER}/{REPO}",
            "backend.timeout_seconds": 10.0,
        }
    )
    backend = create_backend(Config(values=values, sources={}))
    assert isinstance(backend, GitHubBackend)
    assert backend.whoami().customer_id == "casey"
    with pytest.raises(PermanentError, match=r"^setting_invalid \(setting=backend\.project\)$"):
        GitHubBackend(github.url, project="just-a-name", token="t")
