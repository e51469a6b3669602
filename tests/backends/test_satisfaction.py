"""Feedback after "Is it solved? Yes" in each helpdesk's own satisfaction feature, through the
outbox, against loopback servers answering the documented shapes:

- Zendesk: Create Satisfaction Rating, POST /api/v2/tickets/{id}/satisfaction_rating
  (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#create-a-satisfaction-rating);
- Jira Service Management: POST /rest/servicedeskapi/request/{key}/feedback, experimental
  (https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-requestidorkey-feedback-post).

Where the feature is off (or no 👍/👎 was chosen) the same feedback becomes a marked public
comment, and a ticket the comment reopened is resolved again. RT (no requester-side
satisfaction in REST2) is tests/backends/test_rt_closure.py against the real RT.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.jira import JiraBackend
from app.backends.zendesk import ZendeskBackend
from app.core.closure import Feedback
from app.core.config import load
from app.core.model import NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from app.services.followup import FollowUps
from tests.backends.fake_jira import FakeJira
from tests.backends.fake_zendesk import FakeZendesk

CASEY = Requester("Casey", "casey@example.org")
MARKED = "Feedback sent with Helpline: the requester confirms this is solved.\nRating: 👍 satisfied"


@pytest.fixture
def zendesk() -> Iterator[tuple[FakeZendesk, ZendeskBackend]]:
    server = FakeZendesk({CASEY.email: "pw"})
    with server:
        backend = ZendeskBackend(
            server.url,
            username=CASEY.email,
            password="pw",
            config={"backend.timeout_seconds": 5},  # type: ignore[arg-type]
        )
        yield server, backend
        backend.close()


@pytest.fixture
def jira() -> Iterator[tuple[FakeJira, JiraBackend]]:
    server = FakeJira({CASEY.email: "tok"})
    with server:
        backend = JiraBackend(
            server.url,
            username=CASEY.email,
            token="tok",
            service_desk_id="10",
            request_type_id="25",
            config={"backend.timeout_seconds": 5},  # type: ignore[arg-type]
        )
        yield server, backend
        backend.close()


def followups(tmp_path: Path, backend: object) -> FollowUps:
    return FollowUps(load(env={}), Outbox(tmp_path / "data"), lambda: backend)  # type: ignore[arg-type,return-value]


def filed(backend: ZendeskBackend | JiraBackend) -> str:
    ref = str(uuid.uuid4())
    return backend.create(NewTicket("VPN drops", "Every hour.", CASEY, client_ref=ref)).id


def test_zendesk_gets_a_satisfaction_rating_through_the_outbox(
    zendesk: tuple[FakeZendesk, ZendeskBackend], tmp_path: Path
) -> None:
    server, backend = zendesk
    ticket_id = filed(backend)
    server.set_status(ticket_id, "solved")
    item = followups(tmp_path, backend).send_feedback(
        ticket_id, Feedback("bad", "Took three days."), MARKED
    )
    assert item.state is State.SENT
    rating = server.ratings[int(ticket_id)]
    assert (rating["score"], rating["comment"]) == ("bad", "Took three days.")
    assert not [c for c in server.comments[int(ticket_id)] if "Rating:" in c["body"]]
    assert backend.get(ticket_id).status is Status.RESOLVED  # rating leaves it solved


def test_zendesk_without_ratings_gets_the_marked_comment_and_stays_solved(
    zendesk: tuple[FakeZendesk, ZendeskBackend], tmp_path: Path
) -> None:
    server, backend = zendesk
    server.satisfaction_enabled = False
    ticket_id = filed(backend)
    server.set_status(ticket_id, "solved")
    item = followups(tmp_path, backend).send_feedback(ticket_id, Feedback("good", ""), MARKED)
    assert item.state is State.SENT and not server.ratings
    [comment] = [c for c in server.comments[int(ticket_id)] if "Rating:" in c["body"]]
    assert comment["body"] == MARKED and comment["public"]
    assert backend.get(ticket_id).status is Status.RESOLVED  # the comment reopened; solved again


def test_jira_gets_request_feedback_with_the_experimental_opt_in(
    jira: tuple[FakeJira, JiraBackend], tmp_path: Path
) -> None:
    server, backend = jira
    key = filed(backend)
    server.set_status(key, "Resolved")
    item = followups(tmp_path, backend).send_feedback(
        key, Feedback("good", "Quick, thanks!"), MARKED
    )
    assert item.state is State.SENT
    assert server.feedback[key] == {
        "rating": 5,
        "type": "csat",
        "comment": {"body": "Quick, thanks!"},
    }
    followups(tmp_path, backend).send_feedback(key, Feedback("bad", ""), MARKED)
    assert server.feedback[key] == {"rating": 1, "type": "csat"}


def test_jira_without_feedback_and_a_comment_only_go_as_marked_comments(
    jira: tuple[FakeJira, JiraBackend], tmp_path: Path
) -> None:
    server, backend = jira
    server.feedback_enabled = False
    key = filed(backend)
    server.set_status(key, "Resolved")
    service = followups(tmp_path, backend)
    assert service.send_feedback(key, Feedback("good", ""), MARKED).state is State.SENT
    only_words = "Feedback sent with Helpline: the requester confirms this is solved.\nComment: ok"
    assert service.send_feedback(key, Feedback("", "ok"), only_words).state is State.SENT
    bodies = [c["body"] for c in server.comments[key]]
    assert MARKED in bodies and only_words in bodies and not server.feedback


def test_secrets_in_the_comment_go_masked(
    zendesk: tuple[FakeZendesk, ZendeskBackend], tmp_path: Path
) -> None:
    server, backend = zendesk
    ticket_id = filed(backend)
    server.set_status(ticket_id, "solved")
    secret = "password: Hunter2-Hunter2"
    followups(tmp_path, backend).send_feedback(ticket_id, Feedback("good", secret), MARKED)
    assert "Hunter2-Hunter2" not in server.ratings[int(ticket_id)]["comment"]
