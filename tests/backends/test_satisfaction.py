"""Feedback after "Is it solved? Yes" in each helpdesk's own satisfaction feature, through the
outbox, against loopback servers answering the documented shapes:

- Zendesk: Create Satisfaction Rating, POST /api/v2/tickets/{id}/satisfaction_rating
  (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#create-a-satisfaction-rating);
- Jira Service Management: POST /rest/servicedeskapi/request/{key}/feedback, experimental
  (https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-requestidorkey-feedback-post);
- GLPI: the survey GLPI starts on closing, GET Ticket/{id}/TicketSatisfaction and PUT
  TicketSatisfaction/{ticket id} (legacy REST, https://github.com/glpi-project/glpi/blob/main/apirest.md;
  who may answer and the index: https://github.com/glpi-project/glpi/blob/main/src/TicketSatisfaction.php).

Where the feature is off (or no 👍/👎 was chosen) the same feedback becomes a marked public
comment, and a ticket the comment reopened is resolved again. RT (no requester-side
satisfaction in REST2) is tests/backends/test_rt_closure.py against the real RT.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.glpi import GlpiBackend
from app.backends.jira import JiraBackend
from app.backends.zendesk import ZendeskBackend
from app.core.closure import Feedback
from app.core.config import load
from app.core.model import NewTicket, Requester, Status
from app.core.outbox import Outbox, State
from app.services.followup import FollowUps
from tests.backends.fake_glpi import APP_TOKEN, FakeGlpi
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


# -- GLPI: its own survey, answered by the requester (src/TicketSatisfaction.php) -------------


@pytest.fixture
def glpi() -> Iterator[tuple[FakeGlpi, GlpiBackend]]:
    with FakeGlpi() as server:
        backend = GlpiBackend(server.url, token="casey-user-token", app_token=APP_TOKEN)
        yield server, backend  # type: ignore[misc]
        backend.close()


def test_glpi_answers_its_satisfaction_survey(
    glpi: tuple[FakeGlpi, GlpiBackend], tmp_path: Path
) -> None:
    """GLPI starts the survey when it closes the ticket; 👎 is one star of five."""
    server, backend = glpi
    ticket_id = backend.create(NewTicket("Badge", "b", CASEY, client_ref="g1")).id
    server.close_with_survey(ticket_id)
    item = followups(tmp_path, backend).send_feedback(
        ticket_id, Feedback("bad", "Took a week."), MARKED
    )
    assert item.state is State.SENT
    survey = server.satisfactions[int(ticket_id)]
    assert (survey["satisfaction"], survey["comment"]) == (1, "Took a week.")
    assert survey["date_answered"]


def test_glpi_solved_but_not_closed_accepts_the_solution_with_the_marked_follow_up(
    glpi: tuple[FakeGlpi, GlpiBackend], tmp_path: Path
) -> None:
    """No survey before closing (or an external one): "Yes, it is solved" is GLPI's own
    acceptance of the solution, carrying the feedback as a public follow-up."""
    server, backend = glpi
    ticket_id = backend.create(NewTicket("Badge", "b", CASEY, client_ref="g2")).id
    server.tech_solution(ticket_id, "New badge printed.")
    item = followups(tmp_path, backend).send_feedback(ticket_id, Feedback("good", ""), MARKED)
    assert item.state is State.SENT and not server.satisfactions
    [followup] = [f for f in server.followups.values() if "Rating:" in f["content"]]
    assert not followup["is_private"]
    assert server.tickets[int(ticket_id)]["status"] == 6  # accepted: closed


def test_a_comment_that_reopens_and_cannot_be_resolved_again_is_still_sent_once(
    zendesk: tuple[FakeZendesk, ZendeskBackend], tmp_path: Path
) -> None:
    """Zendesk lets the requester solve only what an agent is assigned to: the comment went,
    so the outbox must not post it again because resolving afterwards was refused."""
    server, backend = zendesk
    server.satisfaction_enabled = False
    server.assign_on_create = False
    ticket_id = filed(backend)
    server.set_status(ticket_id, "solved")
    item = followups(tmp_path, backend).send_feedback(ticket_id, Feedback("good", ""), MARKED)
    assert item.state is State.SENT
    assert len([c for c in server.comments[int(ticket_id)] if "Rating:" in c["body"]]) == 1
