"""Codes and facts from the Qt-free layers, said in the user's language: the one place.

``app/core``, ``app/backends`` and ``app/collectors`` never import Qt, so they cannot
call ``tr()``, and they write no sentences for people either: they hand over codes and
facts (an error's ``code``, ``facts`` and ``detail``; an outbox item's state and
error; a poll :class:`~app.core.polling.Change`; a backend's ``limits_code``; an
attachment problem's ``kind``; the quality hint's codes; the system summary's facts).
The functions here turn those into sentences through :meth:`QCoreApplication.translate`,
so lupdate extracts every one into the ``Messages`` context of the .ts file. The CLI
says the same in English through :mod:`app.cli_text`; in English both say the same
words. A ``detail`` is the server's own words and is shown as it came.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.collectors.sysinfo_text import summary_facts
from app.core import quality
from app.core.attachments import AttachmentProblem
from app.core.config import Category
from app.core.deeplink import DeepLinkError
from app.core.form import BodyLabels, RequestForm
from app.core.helpdesk import STANDING_LIMITS, BackendError, Capabilities
from app.core.model import Priority, Status
from app.core.outbox import Item, State
from app.core.polling import Change
from app.ui.i18n import file_size, program_name

tr = QCoreApplication.translate

#: The built-in categories (app/core/schema.py DEFAULT_CATEGORIES), for lupdate; a test
#: keeps the two lists equal. Categories IT writes in config pass through the same
#: translate call, so IT can reword them per language in texts.toml.
BUILT_IN_CATEGORY_TEXTS: tuple[str, ...] = tuple(
    map(
        str,
        (
            QT_TRANSLATE_NOOP("ProblemPage", "Computer or software"),
            QT_TRANSLATE_NOOP(
                "ProblemPage",
                "Your computer, a program, or something that crashes or will not start.",
            ),
            QT_TRANSLATE_NOOP("ProblemPage", "Account, password or access"),
            QT_TRANSLATE_NOOP(
                "ProblemPage", "Signing in, a locked account, or access to a folder or system."
            ),
            QT_TRANSLATE_NOOP("ProblemPage", "Email and calendar"),
            QT_TRANSLATE_NOOP("ProblemPage", "Network, internet or VPN"),
            QT_TRANSLATE_NOOP("ProblemPage", "Printer or scanner"),
            QT_TRANSLATE_NOOP("ProblemPage", "Something else"),
        ),
    )
)


def _fill(text: str, facts: dict[str, Any]) -> str:
    """``text`` with its ``{fact}`` places filled; a fact the error lacks stays empty."""
    return text.format_map(defaultdict(str, {k: str(v) for k, v in facts.items()}))


def _sentence(code: str, facts: dict[str, Any]) -> str:
    """The sentence for one error code (see :data:`app.core.helpdesk.CODES`)."""
    mail = facts.get("server") == "mail"
    if code == "signin_refused":
        return (
            tr("Messages", "The mail server did not accept the user name and password.")
            if mail
            else tr("Messages", "The helpdesk did not accept your sign-in. Please sign in again.")
        )
    if code == "not_allowed":
        return tr(
            "Messages", "Your account is not allowed to do this at the helpdesk. Please contact IT."
        )
    if code == "not_found":
        if facts.get("ticket"):
            return tr("Messages", "The helpdesk has no request {ticket}.")
        return tr("Messages", "The helpdesk could not find this request.")
    if code == "rate_limited":
        return tr("Messages", "The helpdesk asked {program} to wait before sending more.")
    if code == "unreachable":
        return (
            tr("Messages", "The mail server could not be reached.")
            if mail
            else tr("Messages", "The helpdesk cannot be reached right now.")
        )
    if code == "refused":
        if mail:
            return tr("Messages", "The mail server refused the message: {detail}")
        return tr("Messages", "The helpdesk refused the request: {reason}").replace(
            "{reason}", "{detail}" if facts.get("detail") else tr("Messages", "it gave no reason")
        )
    if code == "unsupported":
        return tr("Messages", "Your helpdesk does not offer this.")
    if code == "setting_missing":
        if facts.get("setting") == "backend.url":
            return tr("Messages", "No helpdesk address is set (backend.url).")
        return tr(
            "Messages",
            "{program} is not set up completely: {setting} is empty. Please ask IT to set it.",
        )
    if code == "setting_invalid":
        return tr(
            "Messages",
            "The setting {setting} does not work with this helpdesk; please ask IT to check it.",
        )
    if code == "address_not_https":
        return tr("Messages", "The helpdesk address (backend.url) must start with https://.")
    if code == "address_insecure":
        if facts.get("secret") == "token":
            return tr(
                "Messages",
                "The helpdesk address uses plain http://, which would send "
                "your token unencrypted; use https:// or ask IT to set "
                "backend.allow_insecure_http.",
            )
        return tr(
            "Messages",
            "The helpdesk address uses plain http://, which would send your "
            "password unencrypted; use https:// or ask IT to set "
            "backend.allow_insecure_http.",
        )
    if code == "address_invalid":
        return tr("Messages", "The helpdesk address (backend.url) is not a valid web address.")
    if code == "certificate":
        if mail:
            return tr(
                "Messages",
                "The mail server's certificate could not be verified; IT may "
                "need to set backend.ca_bundle.",
            )
        return tr(
            "Messages",
            "The helpdesk's certificate could not be verified; IT may need "
            "to set backend.ca_bundle.",
        )
    if code == "credentials_missing":
        return tr(
            "Messages", "{program} has no password or token for {helpdesk} yet. Please sign in."
        )
    if code == "personal_token_only":
        return tr(
            "Messages",
            "{helpdesk} accepts only personal API tokens here; please sign in with your token.",
        )
    if code == "account_mismatch":
        return tr(
            "Messages",
            "The {helpdesk} account {program} signs in with can read other "
            "people's requests, so {program} does not use it. Please sign in "
            "with your own account, or ask IT to set {setting}.",
        )
    if code == "shared_token":
        return tr(
            "Messages",
            "A {helpdesk} API token works for every user of the account, so "
            "{program} uses it only when IT sets {setting}; please use your "
            "password.",
        )
    if code == "timeout":
        return (
            tr("Messages", "The mail server did not answer in time.")
            if mail
            else tr("Messages", "The helpdesk did not answer in time.")
        )
    if code == "server_error":
        return tr("Messages", "The helpdesk has a problem right now (HTTP {status}).")
    if code == "answer_garbled":
        return tr("Messages", "The helpdesk's answer was cut off or garbled.")
    if code == "bad_answer":
        return tr("Messages", "The helpdesk sent an answer {program} cannot read; please tell IT.")
    if code == "web_page":
        return tr(
            "Messages",
            "The helpdesk answered with a web page instead of data; a proxy "
            "or a network sign-in may be in the way, or backend.url may not "
            "point at the helpdesk's API.",
        )
    if code == "not_data":
        return tr(
            "Messages",
            "The helpdesk answered with {content_type} instead of data; "
            "please check that backend.url points at the helpdesk's API.",
        )
    if code == "unexpected":
        return tr(
            "Messages", "Something unexpected went wrong while talking to the helpdesk ({error})."
        )
    if code == "file_unreadable":
        if facts.get("name"):
            return tr("Messages", "The file {name} could not be read.")
        return tr("Messages", "A file could not be read.")
    if code == "kept_file_unreadable":
        return tr(
            "Messages",
            "A file kept for this request could not be read ({reason}). "
            "Please add it again, or send without it.",
        ).replace("{reason}", "{detail}")
    if code == "file_refused":
        if facts.get("name"):
            return tr("Messages", "{helpdesk} did not accept the file {name}.")
        return tr("Messages", "{helpdesk} did not accept every file.")
    if code == "file_not_stored":
        return tr("Messages", "The file {name} is not stored at the helpdesk.")
    if code == "file_damaged":
        return tr("Messages", "The file {name} arrived damaged.")
    if code == "files_not_taken":
        if facts.get("names"):
            return tr("Messages", "{helpdesk} takes no files; please send again without: {names}.")
        return tr("Messages", "{helpdesk} takes no files.")
    if code == "too_big":
        return (
            tr(
                "Messages",
                "The mail server accepts at most {limit} per message; this "
                "request is {size} with its attachments.",
            )
            .replace("{limit}", file_size(int(facts.get("limit", 0))))
            .replace("{size}", file_size(int(facts.get("size", 0))))
        )
    if code == "status_kept":
        if facts.get("status"):
            return tr("Messages", "{helpdesk} kept the request at “{status}”.")
        return tr("Messages", "{helpdesk} did not change the request's status.")
    if code == "resolve_not_offered":
        if facts.get("helpdesk") == "Zendesk":
            return tr(
                "Messages",
                "Zendesk lets you mark this request solved only once an "
                "agent has taken it on; you can reply instead.",
            )
        return tr(
            "Messages",
            "This request's workflow in {helpdesk} does not let customers "
            "mark it resolved; support will close it, or you can reply.",
        )
    if code == "reopen_not_offered":
        return tr(
            "Messages",
            "This request cannot be reopened in {helpdesk}; please file a new "
            "request that refers to it.",
        )
    if code == "status_not_offered":
        return tr(
            "Messages",
            "Your {helpdesk} role's workflow does not allow this status "
            "change; please ask support to change it.",
        )
    if code == "reply_reopens":
        return tr(
            "Messages",
            "{helpdesk} reopens a request when you reply; please write what is still wrong.",
        )
    if code == "reply_unreadable":
        return tr("Messages", "The reply was sent but cannot be read back.")
    if code == "email_only":
        return limits_text("email")
    if code == "sender_missing":
        return tr(
            "Messages",
            "There is no sender address: set backend.from_address or give "
            "an email address on the About you page.",
        )
    if code == "insecure_mail_password":
        return tr(
            "Messages",
            "{program} will not send your password to a mail server without "
            'encryption; IT can set backend.smtp_security to "starttls" '
            'or "ssl".',
        )
    if code == "recipient_refused":
        return tr("Messages", "The mail server refused the support address.")
    if code == "mail_busy":
        return tr("Messages", "The mail server cannot take the message right now.")
    if code == "store_unavailable":
        return tr(
            "Messages", "The requests kept on this computer cannot be opened right now ({reason})."
        ).replace("{reason}", "{detail}")
    if code == "outbox_row_damaged":
        return tr(
            "Messages",
            "This request kept on this computer is damaged and cannot be sent; it was set "
            "aside so that the others still go. Please write it again, then discard this one.",
        )
    return tr("Messages", "The helpdesk could not complete the request.")


# Codes whose sentence is followed by the detail in brackets: where the server's or the
# system's words tell the reader (or IT) more. Others say it themselves ("refused") or
# would only repeat it, or quote a refused sign-in.
_WITH_DETAIL = frozenset({"file_unreadable", "setting_invalid", "mail_busy", "status_kept"})


def error_text(code: str, facts: dict[str, Any]) -> str:
    """An error from its code and facts (``facts["detail"]``: the server's own words)."""
    text = _fill(_sentence(code, facts), {"program": program_name(), **facts})
    detail = str(facts.get("detail") or "")
    if detail and code in _WITH_DETAIL:
        text = tr("Messages", "{sentence} ({detail})").format(sentence=text, detail=detail)
    return text


def error(problem: BackendError | Item) -> str:
    """What went wrong at the helpdesk: an error, or the one the outbox kept for an item."""
    if isinstance(problem, Item):
        return error_text(problem.error_code, problem.error_facts)
    return error_text(problem.code, {**problem.facts, "detail": problem.detail})


def progress(step: str) -> str:
    """A step of the outbox's delivery, by its code (it runs on a worker)."""
    if step == "checking":
        return tr("Messages", "Checking whether an earlier attempt already arrived…")
    return tr("Messages", "Sending to the helpdesk…")


def limits_text(code: str) -> str:
    """What a helpdesk cannot do, by its :data:`~app.core.helpdesk.LIMITS` code."""
    texts = {
        "local": tr(
            "Messages",
            "Requests are kept on this computer; nobody at support sees "
            "them until IT connects a helpdesk.",
        ),
        "github": tr(
            "Messages",
            "Files cannot be attached on GitHub; they stay on this computer, with the copy of "
            "what was sent.",
        ),
        "gitlab": tr(
            "Messages",
            "Marking a request resolved closes the GitLab issue; if it is "
            "still not fixed, please say so in a reply.",
        ),
        "glpi": tr(
            "Messages",
            "In GLPI you close a request by accepting the solution support "
            "proposed; until then, tell support in a reply that it is solved.",
        ),
        "jira": tr(
            "Messages",
            "In Jira you can mark a request resolved or reopen it only where "
            "its workflow offers customers that step; otherwise support does "
            "it for you.",
        ),
        "redmine": tr(
            "Messages",
            "Redmine does not offer you this step here; please tell support "
            "in a reply, and they change the status for you.",
        ),
        "rt": tr(
            "Messages",
            "If you cannot mark a request resolved here, tell support in a "
            "reply that it is solved; replying to a resolved request reopens it.",
        ),
        "email": tr(
            "Messages",
            "Requests go to support by email; their answers arrive in your "
            "mailbox, and {program} keeps a copy of what you sent on this "
            "computer.",
        ).format(program=program_name()),
        "zammad": tr(
            "Messages",
            "Zammad lets customers close a ticket and open it again; other "
            "states are set by support.",
        ),
        "zendesk": tr(
            "Messages",
            "Zendesk lets you mark a request solved only once an agent "
            "has taken it on; a closed request cannot be reopened, so "
            "please file a follow-up instead.",
        ),
    }
    return texts.get(code, "")


def limits_note(caps: Capabilities | None) -> str:
    """The helpdesk's note on what it cannot do (its own words when it gave some), or ""."""
    if caps is None:
        return ""
    return limits_text(caps.limits_code) if caps.limits_code else caps.limits_note


def standing_note(caps: Capabilities | None) -> str:
    """What the user lives with on every request (:data:`STANDING_LIMITS`), or "": the
    only limit said above *My requests*; the others are said where they apply."""
    if caps is None or caps.limits_code not in STANDING_LIMITS:
        return ""
    return limits_text(caps.limits_code)


def _status(status: Status) -> str:
    from app.ui.statuses import status_label

    return status_label(status)


def change_text(change: Change) -> str:
    """What changed on one request, for the tray and the window's news line."""
    parts: list[str] = []
    if "reply" in change.kinds:
        if change.author:
            parts.append(
                tr("Messages", "{author} answered: {snippet}").format(
                    author=change.author, snippet=change.snippet
                )
            )
        else:
            parts.append(
                tr("Messages", "Support answered: {snippet}").format(snippet=change.snippet)
            )
    if "status" in change.kinds:
        parts.append(
            tr("Messages", "Status is now “{status}”.").format(status=_status(change.status))
        )
    if change.ask_solved:  # asked once per resolution (app.core.closure)
        parts.append(tr("Messages", "Is it solved? Open the request to tell support."))
    return " ".join(parts)


def body_labels() -> BodyLabels:
    """The words around the requester's own in the request text, in the user's language."""
    questions = {
        "doing": tr("Messages", "What were you doing?"),
        "happened": tr("Messages", "What happened?"),
        "error_text": tr("Messages", "Exact error message"),
        "expected": tr("Messages", "What did you expect to happen?"),
        "where": tr("Messages", "Where (program or web address)"),
        "since": tr("Messages", "Since when, and how often?"),
    }
    return BodyLabels(
        questions=questions,
        category=tr("Messages", "Category"),
        impact=tr("Messages", "Impact"),
        urgency=tr("Messages", "Urgency"),
        priority=tr("Messages", "Priority"),
        impact_levels={
            level: tr("ProblemPage", text) for level, text in BodyLabels().impact_levels.items()
        },
        urgency_levels={
            level: tr("ProblemPage", text) for level, text in BodyLabels().urgency_levels.items()
        },
        priorities={
            Priority.LOW: tr("Messages", "low"),
            Priority.NORMAL: tr("Messages", "normal"),
            Priority.HIGH: tr("Messages", "high"),
            Priority.CRITICAL: tr("Messages", "critical"),
        },
        requested_by=tr("Messages", "Requested by"),
        steps=tr("Messages", "Steps recorded (pictures in the attached steps report)"),
        no_name=tr("Messages", "(no name given)"),
        fields={
            "name": tr("Messages", "Full name"),
            "email": tr("Messages", "Email"),
            "customer_id": tr("Messages", "Customer or membership ID"),
            "organization": tr("Messages", "Organisation or domain"),
            "phone": tr("Messages", "Phone"),
        },
        subject=tr("Messages", "Support request"),
    )


def _duration(seconds: int) -> str:
    locale = QLocale()
    if seconds < 90:
        return tr("Messages", "in about {count} seconds").format(count=locale.toString(seconds))
    return tr("Messages", "in about {count} minutes").format(
        count=locale.toString(round(seconds / 60))
    )


def _retry(item: Item, reason: str, now: float | None) -> str:
    wait = item.retry_in(now)
    if wait < 5:
        return tr("Messages", "{reason} {program} will try again in a moment.").format(
            program=program_name(), reason=reason
        )
    return tr("Messages", "{reason} {program} will try again {when}.").format(
        program=program_name(), reason=reason, when=_duration(wait)
    )


def delivery_notice(item: Item) -> tuple[str, str] | None:
    """The notification for a request whose delivery changed in the background: reached
    support (with its number), or needs the person (a refused sign-in, a refusal); None
    for anything else. The promise the Done page makes (issue 15). A "me too" on a known
    problem is not the person's message: the known problem's own end is what they hear of."""
    if item.is_plus_one:
        return None
    ref = item.ticket_ref or (
        "#" + item.target.lstrip("#") if item.kind == "reply" else item.ticket_id
    )
    if item.state is State.SENT and item.kind == "reply":
        return (
            tr("Messages", "Your message reached support"),
            tr("Messages", "It was added to {ref}: {summary}").format(
                ref=ref, summary=item.summary
            ),
        )
    if item.state is State.SENT:
        return tr("Messages", "Your request reached support as {ref}").format(ref=ref), item.summary
    if item.state is State.FAILED and not item.auto_retry:
        return (
            tr("Messages", "A request needs you: {summary}").format(summary=item.summary),
            outbox_state(item),
        )
    return None


def deeplink_error(err: DeepLinkError) -> str:
    """Why a link or ``helpline new`` could not start a request, in the person's language."""
    fields = {
        "category": tr("Messages", "category"),
        "summary": tr("Messages", "summary"),
        "description": tr("Messages", "description"),
        "doing": tr("Messages", "what you were doing"),
        "error_text": tr("Messages", "error message"),
        "expected": tr("Messages", "what you expected"),
        "where": tr("Messages", "place"),
        "since": tr("Messages", "since when"),
        "impact": tr("Messages", "impact"),
        "urgency": tr("Messages", "urgency"),
    }
    facts = dict(err.facts)
    if "field" in facts:
        facts["field"] = fields.get(str(facts["field"]), str(facts["field"]))
    texts = {
        "too_long": tr("Messages", "The {field} is {length} characters long; at most {limit} fit."),
        "unknown_category": tr(
            "Messages", "There is no category '{given}'; please use one of {choices}."
        ),
        "bad_level": tr("Messages", "The {field} must be one of {choices}, not '{given}'."),
        "link_too_long": tr(
            "Messages", "The link is {length} characters long; at most {limit} are read."
        ),
        "wrong_scheme": tr("Messages", "Links must start with {schemes}."),
        "not_new": tr(
            "Messages",
            "This link asks for '{action}'; links can only start a new request ({example}).",
        ),
        "too_many_parameters": tr(
            "Messages", "The link has too many parameters; at most {limit} are read."
        ),
        "repeated": tr("Messages", "The link gives '{name}' more than once; please give it once."),
        "bad_request": tr(
            "Messages", "The link names no request ('{given}'); it needs request=NUMBER."
        ),
        "bad_minutes": tr(
            "Messages", "The link's minutes must be a whole number from 1 to 1440, not '{given}'."
        ),
        "bad_control": tr("Messages", "The link's control must be 0 or 1, not '{given}'."),
    }
    return texts[err.code].format(**facts)


def outbox_badge(item: Item) -> str:
    """A request in the outbox in two or three words, for the status column (the whole
    sentence, :func:`outbox_state`, is its tooltip and the detail pane's)."""
    if item.state is State.SENT:
        return tr("Messages", "Sent")
    if item.state is State.SENDING:
        return tr("Messages", "Sending")
    if item.state is State.QUEUED:
        return tr("Messages", "Waiting to be sent")
    if item.state is State.DAMAGED:
        return tr("Messages", "Damaged")
    if not item.auto_retry:
        return tr("Messages", "Needs you")
    return tr("Messages", "Not sent yet")


def outbox_state(item: Item, now: float | None = None) -> str:
    """The item's state in one sentence, like :meth:`Item.describe` but translated."""
    if item.state is State.SENT:
        return tr("Messages", "Sent as {ref}.").format(ref=item.ticket_ref or item.ticket_id)
    if item.state is State.SENDING:
        return tr("Messages", "Sending now.")
    if item.state is State.QUEUED:
        return tr("Messages", "Waiting to be sent.")
    reason = error(item)
    if item.state is State.DAMAGED:
        return reason
    if not item.auto_retry:
        return tr(
            "Messages", "Not sent: {reason} It is kept safe here until you try again."
        ).format(reason=reason)
    return tr("Messages", "Not sent yet: {detail}").format(detail=_retry(item, reason, now))


def outbox_detail(item: Item, now: float | None = None) -> str:
    """For a page that already said "not sent yet": why, and when Helpline tries again
    (only why, when it waits for the user); "" unless the last attempt failed."""
    if item.state is not State.FAILED:
        return ""
    reason = error(item)
    return _retry(item, reason, now) if item.auto_retry else reason


def attachment_problem(problem: AttachmentProblem) -> str:
    """Why a file cannot go, and what to do instead."""
    facts = problem.facts
    name = str(facts.get("name", ""))
    if problem.kind == "missing":
        return tr(
            "Messages", "The file {name} is no longer there. Please add it again or leave it out."
        ).format(name=name)
    if problem.kind == "folder":
        return tr(
            "Messages", "{name} is a folder. Please attach the files in it, or a zip of it."
        ).format(name=name)
    if problem.kind == "unreadable":
        return tr(
            "Messages",
            "{program} is not allowed to read {name}. Please check its permissions or leave it "
            "out.",
        ).format(program=program_name(), name=name)
    if problem.kind == "too_big":
        return tr(
            "Messages",
            "The attachments add up to {total}, more than the {limit} the "
            "helpdesk accepts. Please leave out {name} ({size}) or attach a "
            "smaller file.",
        ).format(
            total=file_size(int(facts["total"])),
            limit=file_size(int(facts["limit"])),
            name=name,
            size=file_size(int(facts["size"])),
        )
    return str(problem)


def _detail(code: str) -> str:
    details = {
        "screen": tr("Messages", "what exactly happens on the screen"),
        "error_text": tr("Messages", "the exact error message"),
        "where": tr("Messages", "which program or web address"),
        "doing": tr("Messages", "what you were doing just before"),
        "since": tr("Messages", "since when it happens"),
    }
    return details.get(code, quality.DETAILS.get(code, code))


def quality_hint(form: RequestForm) -> str:
    """One polite sentence naming what would help support, or "" when nothing would."""
    codes = quality.missing_codes(form)
    if not quality.worth_a_hint(codes):
        return ""
    named = [_detail(code) for code in codes]
    listed = (
        named[0]
        if len(named) == 1
        else tr("Messages", "{first} and {last}").format(
            first=", ".join(named[:-1]), last=named[-1]
        )
    )
    return tr(
        "Messages",
        "Support can help much faster if you add {details}. You can still send as it is.",
    ).format(details=listed)


def summary_line(info: dict[str, Any]) -> str:
    """One short line about this computer: system, processors, memory, name."""
    facts = summary_facts(info)
    locale = QLocale()
    parts: list[str] = []
    if "os" in facts:
        parts.append(str(facts["os"]))
    if cores := facts.get("cores"):
        parts.append(
            tr("Messages", "1 CPU")
            if cores == 1
            else tr("Messages", "{count} CPUs").format(count=locale.toString(cores))
        )
    if (gib := facts.get("memory_gib")) is not None:
        parts.append(
            tr("Messages", "{size} GiB RAM").format(
                size=locale.toString(float(gib), "f", 0 if gib >= 2 else 1)
            )
        )
    if "host" in facts:
        parts.append(tr("Messages", "host {name}").format(name=facts["host"]))
    return " · ".join(parts) or tr("Messages", "System information unavailable")


def category_label(category: Category) -> str:
    """A category's name: built-in ones translated, IT's own as written (or as texts.toml
    rewords them)."""
    return tr("ProblemPage", category.label) if category.label else ""


def category_description(category: Category | None) -> str:
    if category is None or not category.description:
        return ""
    return tr("ProblemPage", category.description)


__all__ = [
    "attachment_problem",
    "body_labels",
    "category_description",
    "category_label",
    "change_text",
    "error",
    "error_text",
    "file_size",
    "limits_note",
    "limits_text",
    "outbox_detail",
    "outbox_state",
    "progress",
    "quality_hint",
    "standing_note",
    "summary_line",
]
