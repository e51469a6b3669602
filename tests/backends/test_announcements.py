"""Known problems published in GitHub, GitLab and Zendesk, against the fakes' documented shapes.

Each helpdesk's place for them and its "me too", as app/backends/announcements.py cites:
GitHub issues with a label and a 👍 reaction
(https://docs.github.com/en/rest/issues/issues#list-repository-issues,
https://docs.github.com/en/rest/reactions/reactions#create-reaction-for-an-issue); GitLab
issues with a label and a ``thumbsup`` award emoji
(https://docs.gitlab.com/api/issues/#list-project-issues,
https://docs.gitlab.com/api/emoji_reactions/); Zendesk Help Center articles of a section
and an up vote
(https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/#list-articles,
https://developer.zendesk.com/api-reference/help_center/help-center-api/votes/#create-vote).
The RT queue is tested against the real RT (test_rt_known_problems.py).
"""

from __future__ import annotations

from pathlib import Path

from app.backends.github import GitHubBackend
from app.backends.gitlab import GitLabBackend
from app.backends.local import LocalBackend
from app.backends.zendesk import ZendeskBackend
from app.core.config import fallback
from app.core.outbox import Outbox, State
from app.services.followup import FollowUps
from tests.backends.fake_github import CUSTOMER, OWNER, REPO, FakeGitHub
from tests.backends.fake_gitlab import PROJECT_PATH, FakeGitLab
from tests.backends.fake_zendesk import FakeZendesk


def test_github_labelled_open_issues_and_a_thumbs_up(tmp_path: Path) -> None:
    with FakeGitHub() as server:
        number = server.maintainer_publish(
            "Email is down for everyone", ["known-problem", "category:email"], "Working on it."
        )
        server.maintainer_publish("Printer jam", ["bug"])
        backend = GitHubBackend(server.url, project=f"{OWNER}/{REPO}", token="ghp_customer")
        assert backend.capabilities().announcements and backend.capabilities().plus_one
        (incident,) = backend.announcements("known-problem")
        assert incident.title == "Email is down for everyone"
        assert incident.categories == ("email",)
        assert incident.summary == "Working on it." and incident.target == str(number)
        assert incident.url.endswith(f"/issues/{number}")
        outbox = Outbox(tmp_path)
        item = FollowUps(fallback(), outbox, lambda: backend).plus_one(incident.target)
        assert outbox.deliver(item.client_ref, backend).state is State.SENT  # type: ignore[union-attr]
        assert server.reactions[number] == [(CUSTOMER["login"], "+1")]
        assert len(server.comments[number]) == 0  # a reaction, not a comment
        backend.plus_one(incident.target, "")  # twice: GitHub answers 200, still one
        assert server.reactions[number] == [(CUSTOMER["login"], "+1")]
        server.maintainer_state(number, "closed")
        assert backend.announcements("known-problem") == []


def test_gitlab_labelled_open_issues_and_an_award_emoji() -> None:
    with FakeGitLab() as server:
        iid = server.agent_publish("[vpn] VPN is slow", ["known-problem"], "We know.")
        backend = GitLabBackend(server.url, project=PROJECT_PATH, token="glpat-customer")
        (incident,) = backend.announcements("known-problem")
        assert incident.title == "VPN is slow" and incident.categories == ("vpn",)
        backend.plus_one(incident.target, "")
        backend.plus_one(incident.target, "")  # "already been taken" is what was wanted
        assert server.issues[iid]["awards"] == [("casey", "thumbsup")]


def test_zendesk_section_articles_and_an_up_vote() -> None:
    server = FakeZendesk({"casey@example.org": "pw"})
    with server:
        article = server.publish_article(
            360042, "Email is down for everyone", "<p>Support is <b>on it</b>.</p>", ["email"]
        )
        backend = ZendeskBackend(server.url, username="casey@example.org", password="pw")
        (incident,) = backend.announcements("360042")
        assert incident.summary == "Support is on it."
        assert incident.categories == ("email",)
        backend.plus_one(incident.target, "")
        assert [v for _, v in server.votes[article]] == [1]


def test_a_helpdesk_without_a_place_for_them_says_so(tmp_path: Path) -> None:
    local = LocalBackend(tmp_path)
    caps = local.capabilities()
    assert not caps.announcements and not caps.plus_one


def test_glpi_reminders_in_view_and_not_done() -> None:
    """GLPI's reminders (src/Reminder.php: name, text, state, begin/end_view_date); nothing
    a requester can add to one, so "me too" stays on the computer."""
    from app.backends.glpi import GlpiBackend
    from tests.backends.fake_glpi import APP_TOKEN, FakeGlpi

    with FakeGlpi() as server:
        server.tech_reminder("[email] Email is down for everyone", "We are on it & more.")
        server.tech_reminder("Printer moved", "Done.", state=2)
        server.tech_reminder("Old news", "Over.", end_view_date="2020-01-01 00:00:00")
        backend = GlpiBackend(server.url, token="casey-user-token", app_token=APP_TOKEN)
        caps = backend.capabilities()
        assert caps.announcements and not caps.plus_one
        (incident,) = backend.announcements("reminders")
        assert incident.title == "Email is down for everyone"
        assert incident.categories == ("email",) and incident.summary == "We are on it & more."
        assert incident.started is not None and incident.target == ""
