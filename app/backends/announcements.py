"""Known problems published in the helpdesk itself, read with the requester's own account.

One function per helpdesk that has a place IT can publish to and every requester can read,
and one per way a requester can count themselves in; each adapter's ``announcements`` and
``plus_one`` call these, so the adapters stay about tickets. Where each helpdesk has (or
lacks) such a place is in docs/known-problems.md.

- RT: the open tickets of a queue everyone may see (``SeeQueue``, ``ShowTicket``);
  "me too" is a short correspondence on that ticket (``ReplyToTicket``), which RT records
  with the requester's name: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
- GitHub: open issues with a label; "me too" is a 👍 reaction,
  https://docs.github.com/en/rest/reactions/reactions#create-reaction-for-an-issue
- GitLab: open issues with a label; "me too" is a ``thumbsup`` award emoji,
  https://docs.gitlab.com/api/emoji_reactions/#add-a-new-emoji-reaction
- Zendesk: the articles of a Help Center section; "me too" is an up vote,
  https://developer.zendesk.com/api-reference/help_center/help-center-api/votes/#create-vote
- GLPI: the reminders the account may see (public ones, by GLPI's visibility rules, need
  the profile's "Public reminder: Read" right) that are not done and inside their
  visibility dates; fields as GLPI's Reminder declares them (``name``, ``text``, ``state``,
  ``begin_view_date``, ``end_view_date``: src/Reminder.php). GLPI has nothing a requester
  can add to a reminder, so "me too" stays on this computer.

Items name the wizard's categories with labels ``category:<id>`` (or tags, or ``[<id>]`` at
the start of the title: :func:`app.core.incidents.named_categories`).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.backends import http
from app.core.incidents import (
    MAX_INCIDENTS,
    Incident,
    make,
    named_categories,
    parse_time,
    without_bracket,
)

if TYPE_CHECKING:
    from app.backends.github import GitHubBackend
    from app.backends.gitlab import GitLabBackend
    from app.backends.glpi import GlpiBackend
    from app.backends.rt import RTBackend
    from app.backends.zendesk import ZendeskBackend


def _incident(
    number: Any, title: str, body: Any, started: Any, labels: list[str], url: Any
) -> Incident:
    raw = str(title or "")
    return make(
        f"helpdesk:{number}",
        without_bracket(raw),
        summary=str(body or ""),
        started=parse_time(started),
        categories=named_categories(labels, raw),
        source="helpdesk",
        url=str(url or ""),
        target=str(number),
    )


# -- RT -------------------------------------------------------------------------------------


def rt_open(backend: RTBackend, queue: str) -> list[Incident]:
    """The active tickets of ``queue``: what the customer's account may see there."""
    quoted = queue.replace("\\", "\\\\").replace("'", "\\'")
    items = backend._pages(
        "tickets",
        {
            "query": f"Queue = '{quoted}' AND Status = '__Active__'",
            "orderby": "Created",
            "order": "DESC",
            "fields": "Subject,Created",
        },
        limit=MAX_INCIDENTS,
    )
    return [
        _incident(
            http.expect_field(item, "id", "a ticket"),
            str(item.get("Subject") or ""),
            "",
            item.get("Created"),
            [],
            f"{backend.base}/SelfService/Display.html?id={item.get('id')}",
        )
        for item in items
    ]


def rt_plus_one(backend: RTBackend, number: str, note: str) -> None:
    backend._send_message(
        "POST", f"ticket/{number}/correspond", {"Content": note, "ContentType": "text/plain"}, ()
    )


# -- GitHub ---------------------------------------------------------------------------------


def github_open(backend: GitHubBackend, label: str) -> list[Incident]:
    items = backend._pages(
        f"{backend.repo}/issues",
        {"labels": label, "state": "open", "sort": "created", "direction": "desc"},
        limit=MAX_INCIDENTS,
    )
    return [
        _incident(
            item.get("number"),
            str(item.get("title") or ""),
            item.get("body"),
            item.get("created_at"),
            [str(x.get("name") or "") for x in item.get("labels") or [] if isinstance(x, dict)],
            item.get("html_url"),
        )
        for item in items
        if "pull_request" not in item
    ]


def github_plus_one(backend: GitHubBackend, number: str) -> None:
    """A 👍 (201 when new, 200 when this person had already given one: both are fine)."""
    backend._call("POST", f"{backend.repo}/issues/{number}/reactions", json={"content": "+1"})


# -- GitLab ---------------------------------------------------------------------------------


def gitlab_open(backend: GitLabBackend, label: str) -> list[Incident]:
    items = backend._pages(
        "issues",
        {"labels": label, "state": "opened", "order_by": "created_at", "sort": "desc"},
        limit=MAX_INCIDENTS,
    )
    return [
        _incident(
            item.get("iid"),
            str(item.get("title") or ""),
            item.get("description"),
            item.get("created_at"),
            [str(x) for x in item.get("labels") or []],
            item.get("web_url"),
        )
        for item in items
    ]


def gitlab_plus_one(backend: GitLabBackend, iid: str) -> None:
    """A 👍; GitLab answers 404 "Award Emoji Name has already been taken" when this person
    gave one before, which is what was wanted anyway."""
    from app.core.helpdesk import NotFound

    try:
        backend._call("POST", f"issues/{iid}/award_emoji", params={"name": "thumbsup"})
    except NotFound as err:
        if "already been taken" not in err.detail:
            raise


# -- Zendesk --------------------------------------------------------------------------------


def zendesk_open(backend: ZendeskBackend, section: str) -> list[Incident]:
    """The section's articles; an article is the problem while it is there (IT archives
    it when the problem is over)."""
    items = backend._pages(
        f"help_center/sections/{section}/articles.json",
        "articles",
        {"sort_by": "created_at", "sort_order": "desc", "per_page": MAX_INCIDENTS},
        limit=MAX_INCIDENTS,
    )
    return [
        _incident(
            item.get("id"),
            str(item.get("title") or ""),
            item.get("body"),
            item.get("created_at"),
            [f"category:{x}" for x in item.get("label_names") or []],
            item.get("html_url"),
        )
        for item in items
        if not item.get("draft")
    ]


def zendesk_plus_one(backend: ZendeskBackend, article: str) -> None:
    backend._json("POST", f"help_center/articles/{article}/up.json")


# -- GLPI -----------------------------------------------------------------------------------

#: Planning::DONE: a reminder whose state says the thing is done.
GLPI_DONE = 2


def glpi_open(backend: GlpiBackend) -> list[Incident]:
    """Reminders in view now and not done; GLPI answers with rich text HTML-encoded."""
    now = datetime.now(UTC)
    found = []
    for item in backend._list("Reminder", range=f"0-{MAX_INCIDENTS - 1}"):
        begin = backend._time(item.get("begin_view_date"))
        end = backend._time(item.get("end_view_date"))
        if item.get("state") == GLPI_DONE or (begin and begin > now) or (end and end <= now):
            continue
        title = str(item.get("name") or "")
        found.append(
            make(
                f"helpdesk:{item.get('id')}",
                without_bracket(title),
                summary=html.unescape(str(item.get("text") or "")),
                started=begin or backend._time(item.get("date_creation")),
                categories=named_categories([], title),
                source="helpdesk",
            )
        )
    return found
