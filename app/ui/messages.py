"""Sentences from the Qt-free layers, said in the user's language: the one place that does it.

``app/core``, ``app/backends`` and ``app/collectors`` never import Qt, so they cannot
call ``tr()``. They keep their English for the CLI and the logs, and hand the windows
the facts as well (an outbox item's fields, an attachment problem's ``kind`` and
``facts``, the quality hint's codes, the system summary's facts). The functions here
turn those facts into sentences through :meth:`QCoreApplication.translate`, so
lupdate extracts every one of them into the ``Messages`` context of the .ts file.

A few texts arrive only as English sentences: an error's ``user_message`` (the
outbox keeps it in SQLite, so a request queued yesterday still has it) and a
backend's ``limits_note``. Those are listed below with ``QT_TRANSLATE_NOOP`` and
translated when they are one of the known sentences; anything else (the reason a
server gave, in its own words) is shown as it came.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.collectors.sysinfo_text import summary_facts
from app.core import quality
from app.core.attachments import AttachmentProblem
from app.core.config import Category
from app.core.form import RequestForm
from app.core.helpdesk import BackendError, Capabilities
from app.core.outbox import Item, State
from app.ui.i18n import file_size

tr = QCoreApplication.translate

#: Fixed English sentences of the lower layers, in the order of their modules.
KNOWN: frozenset[str] = frozenset(map(str, (
    # app/core/helpdesk.py: BackendError and its kinds
    QT_TRANSLATE_NOOP("Messages", "The helpdesk could not complete the request."),
    QT_TRANSLATE_NOOP("Messages",
                      "The helpdesk did not accept your sign-in. Please sign in again."),
    QT_TRANSLATE_NOOP("Messages", "Your account is not allowed to do this at the helpdesk. "
                                  "Please contact IT."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk could not find this request."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk asked Helpline to wait before sending more."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk cannot be reached right now."),
    QT_TRANSLATE_NOOP("Messages", "Your helpdesk does not offer this."),
    # app/backends/common.py and http.py: the reasons a refusal gives most often
    QT_TRANSLATE_NOOP("Messages", "No helpdesk address is set (backend.url)."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk address (backend.url) must start with https://."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk's certificate could not be verified; IT may "
                                  "need to set backend.ca_bundle."),
    QT_TRANSLATE_NOOP("Messages",
                      "The helpdesk address (backend.url) is not a valid web address."),
    # app/core/outbox.py: progress lines while delivering
    QT_TRANSLATE_NOOP("Messages", "Checking whether an earlier attempt already arrived…"),
    QT_TRANSLATE_NOOP("Messages", "Sending to the helpdesk…"),
    # the backends' limits_note, one per helpdesk
    QT_TRANSLATE_NOOP("Messages", "Requests are kept on this computer; nobody at support sees "
                                  "them until IT connects a helpdesk."),
    QT_TRANSLATE_NOOP("Messages", "Files cannot be attached on GitHub; they are kept in the "
                                  "receipt on this computer."),
    QT_TRANSLATE_NOOP("Messages", "Marking a request resolved closes the GitLab issue; your "
                                  "GitLab administrator sets the largest file size."),
    QT_TRANSLATE_NOOP("Messages", "In GLPI you close a request by accepting the solution "
                                  "support proposed; marking it resolved yourself needs a right "
                                  "IT may not have given you."),
    QT_TRANSLATE_NOOP("Messages", "In Jira you can mark a request resolved or reopen it only "
                                  "where its workflow offers customers that step; otherwise "
                                  "support does it for you."),
    QT_TRANSLATE_NOOP("Messages", "Marking a request resolved or reopening it works only where "
                                  "your Redmine role's workflow allows that status change."),
    QT_TRANSLATE_NOOP("Messages", "Marking a request resolved needs the ModifyTicket right in "
                                  "RT; replying to a resolved request reopens it."),
    QT_TRANSLATE_NOOP("Messages", "Requests go to support by email; their answers arrive in "
                                  "your mailbox, and Helpline keeps a copy of what you sent on "
                                  "this computer."),
    QT_TRANSLATE_NOOP("Messages", "Zammad lets customers close a ticket and open it again; "
                                  "other states are set by support."),
    QT_TRANSLATE_NOOP("Messages", "Zendesk lets you mark a request solved only once an agent "
                                  "has taken it on; a closed request cannot be reopened, so "
                                  "please file a follow-up instead."),
)))

# The adapters' own fixed sentences that reach people: a refusal's reason (shown after
# "The helpdesk refused the request:") and what an ``Unsupported`` action says instead.
# Only those a setup or a sign-in meets; answers a server garbled stay English, and the
# reasons a server writes are its own. A test keeps each one equal to its adapter's.
ADAPTER_TEXTS: tuple[str, ...] = tuple(map(str, (
    # app/backends/common.py and helpline_http.py
    QT_TRANSLATE_NOOP("Messages", "The helpdesk address uses plain http://, which would send "
                                  "your password unencrypted; use https:// or ask IT to set "
                                  "backend.allow_insecure_http."),
    QT_TRANSLATE_NOOP("Messages", "The helpdesk address uses plain http://, which would send "
                                  "your token unencrypted; use https:// or ask IT to set "
                                  "backend.allow_insecure_http."),
    QT_TRANSLATE_NOOP("Messages", "The reply was sent but cannot be read back."),
    # github.py, gitlab.py, glpi.py, redmine.py: the set-up and the sign-in
    QT_TRANSLATE_NOOP("Messages", "The GitHub repository (backend.project) must look like "
                                  "\"owner/repo\"."),
    QT_TRANSLATE_NOOP("Messages", "GitHub did not say who is signed in."),
    QT_TRANSLATE_NOOP("Messages", "No GitLab address is set (backend.url)."),
    QT_TRANSLATE_NOOP("Messages", "No GitLab project is set (backend.project)."),
    QT_TRANSLATE_NOOP("Messages", "GitLab did not say who is signed in."),
    QT_TRANSLATE_NOOP("Messages", "No GLPI address is set (backend.url)."),
    QT_TRANSLATE_NOOP("Messages", "GLPI did not open a session."),
    QT_TRANSLATE_NOOP("Messages", "GLPI did not say who is signed in."),
    QT_TRANSLATE_NOOP("Messages", "No Redmine project is set (backend.project)."),
    QT_TRANSLATE_NOOP("Messages", "Redmine did not say who is signed in."),
    # jira.py and zendesk.py: files, set-up, and steps the helpdesk does not allow
    QT_TRANSLATE_NOOP("Messages", "Jira did not accept every file."),
    QT_TRANSLATE_NOOP("Messages", "Jira needs backend.service_desk_id and "
                                  "backend.request_type_id to file a request."),
    QT_TRANSLATE_NOOP("Messages", "This request's workflow in Jira does not let customers "
                                  "reopen it; please file a new request that refers to it."),
    QT_TRANSLATE_NOOP("Messages", "This request's workflow in Jira does not let customers mark "
                                  "it resolved; support will close it, or you can reply."),
    QT_TRANSLATE_NOOP("Messages", "Zendesk lets you mark this request solved only once an agent "
                                  "has taken it on; you can reply instead."),
    QT_TRANSLATE_NOOP("Messages", "This request is closed in Zendesk and cannot be reopened; "
                                  "please file a new request that refers to it."),
    QT_TRANSLATE_NOOP("Messages", "Zendesk reopens a request when you reply; please write what "
                                  "is still wrong."),
    QT_TRANSLATE_NOOP("Messages", "Zendesk did not mark the request solved."),
    # smtp.py
    QT_TRANSLATE_NOOP("Messages", "No mail server or support address is configured "
                                  "(backend.smtp_host, backend.to_address)."),
    QT_TRANSLATE_NOOP("Messages", "There is no sender address: set backend.from_address or give "
                                  "an email address on the About you page."),
    QT_TRANSLATE_NOOP("Messages", "Helpline will not send your password to a mail server without "
                                  "encryption; IT can set backend.smtp_security to \"starttls\" "
                                  "or \"ssl\"."),
    QT_TRANSLATE_NOOP("Messages", "The mail server refused the support address."),
    QT_TRANSLATE_NOOP("Messages", "The mail server's certificate could not be verified; IT may "
                                  "need to set backend.ca_bundle."),
)))
KNOWN = KNOWN | frozenset(ADAPTER_TEXTS)

#: The built-in categories (app/core/schema.py DEFAULT_CATEGORIES), for lupdate; a test
#: keeps the two lists equal. Categories IT writes in config pass through the same
#: translate call, so IT can reword them per language in texts.toml.
BUILT_IN_CATEGORY_TEXTS: tuple[str, ...] = tuple(map(str, (
    QT_TRANSLATE_NOOP("ProblemPage", "Computer or software"),
    QT_TRANSLATE_NOOP("ProblemPage",
                      "Your computer, a program, or something that crashes or will not start."),
    QT_TRANSLATE_NOOP("ProblemPage", "Account, password or access"),
    QT_TRANSLATE_NOOP("ProblemPage",
                      "Signing in, a locked account, or access to a folder or system."),
    QT_TRANSLATE_NOOP("ProblemPage", "Email and calendar"),
    QT_TRANSLATE_NOOP("ProblemPage", "Network, internet or VPN"),
    QT_TRANSLATE_NOOP("ProblemPage", "Printer or scanner"),
    QT_TRANSLATE_NOOP("ProblemPage", "Something else"),
)))

_REFUSED = re.compile(r"^The helpdesk refused the request: (?P<detail>.*)$", re.DOTALL)
_FILE_GONE = re.compile(r"^A file kept for this request could not be read \((?P<reason>.*)\)\. "
                        r"Please add it again, or send without it\.$", re.DOTALL)
# app/backends/local.py; requests queued by earlier builds still end "; Helpline will keep trying."
_STORE_SHUT = re.compile(r"^The requests kept on this computer cannot be opened right now "
                         r"\((?P<reason>.*)\)(?:\.|; Helpline will keep trying\.)$", re.DOTALL)


def known(text: str) -> str:
    """``text`` in the user's language when it is one of :data:`KNOWN`, else as it is."""
    return tr("Messages", text) if text in KNOWN else text


def progress(line: str) -> str:
    """A progress line of the outbox's delivery (it runs on a worker, in English)."""
    return known(line)


def limits_note(caps: Capabilities | None) -> str:
    """The helpdesk's note on what it cannot do, or ""."""
    return known(caps.limits_note) if caps is not None and caps.limits_note else ""


def error(problem: BackendError | str) -> str:
    """What went wrong at the helpdesk: an error, or the ``user_message`` the outbox kept."""
    text = problem.user_message() if isinstance(problem, BackendError) else problem
    if text in KNOWN:
        return known(text)
    if match := _REFUSED.match(text):
        return tr("Messages", "The helpdesk refused the request: {reason}").format(
            reason=known(match["detail"]))
    if match := _FILE_GONE.match(text):
        return tr("Messages", "A file kept for this request could not be read ({reason}). Please "
                            "add it again, or send without it.").format(reason=match["reason"])
    if match := _STORE_SHUT.match(text):
        return tr("Messages", "The requests kept on this computer cannot be opened right now "
                            "({reason}).").format(reason=match["reason"])
    return text


def _duration(seconds: int) -> str:
    locale = QLocale()
    if seconds < 90:
        return tr("Messages", "in about {count} seconds").format(count=locale.toString(seconds))
    return tr("Messages", "in about {count} minutes").format(
        count=locale.toString(round(seconds / 60)))


def _retry(item: Item, reason: str, now: float | None) -> str:
    wait = item.retry_in(now)
    if wait < 5:
        return tr("Messages", "{reason} Helpline will try again in a moment.").format(
            reason=reason)
    return tr("Messages", "{reason} Helpline will try again {when}.").format(
        reason=reason, when=_duration(wait))


def outbox_state(item: Item, now: float | None = None) -> str:
    """The item's state in one sentence, like :meth:`Item.describe` but translated."""
    if item.state is State.SENT:
        return tr("Messages", "Sent as {ref}.").format(ref=item.ticket_ref or item.ticket_id)
    if item.state is State.SENDING:
        return tr("Messages", "Sending now.")
    if item.state is State.QUEUED:
        return tr("Messages", "Waiting to be sent.")
    reason = error(item.last_error)
    if not item.auto_retry:
        return tr("Messages", "Not sent: {reason} It is kept safe here until you try "
                              "again.").format(reason=reason)
    return tr("Messages", "Not sent yet: {detail}").format(detail=_retry(item, reason, now))


def outbox_detail(item: Item, now: float | None = None) -> str:
    """For a page that already said "not sent yet": why, and when Helpline tries again
    (only why, when it waits for the user); "" unless the last attempt failed."""
    if item.state is not State.FAILED:
        return ""
    reason = error(item.last_error)
    return _retry(item, reason, now) if item.auto_retry else reason


def attachment_problem(problem: AttachmentProblem) -> str:
    """Why a file cannot go, and what to do instead."""
    facts = problem.facts
    name = str(facts.get("name", ""))
    if problem.kind == "missing":
        return tr("Messages", "The file {name} is no longer there. Please add it again or leave "
                            "it out.").format(name=name)
    if problem.kind == "folder":
        return tr("Messages", "{name} is a folder. Please attach the files in it, or a zip of "
                            "it.").format(name=name)
    if problem.kind == "unreadable":
        return tr("Messages", "Helpline is not allowed to read {name}. Please check its "
                            "permissions or leave it out.").format(name=name)
    if problem.kind == "too_big":
        return tr("Messages", "The attachments add up to {total}, more than the {limit} the "
                            "helpdesk accepts. Please leave out {name} ({size}) or attach a "
                            "smaller file.").format(
            total=file_size(int(facts["total"])), limit=file_size(int(facts["limit"])),
            name=name, size=file_size(int(facts["size"])))
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
    listed = named[0] if len(named) == 1 else tr("Messages", "{first} and {last}").format(
        first=", ".join(named[:-1]), last=named[-1])
    return tr("Messages", "Support can help much faster if you add {details}. You can still "
                        "send as it is.").format(details=listed)


def summary_line(info: dict[str, Any]) -> str:
    """One short line about this computer: system, processors, memory, name."""
    facts = summary_facts(info)
    locale = QLocale()
    parts: list[str] = []
    if "os" in facts:
        parts.append(str(facts["os"]))
    if cores := facts.get("cores"):
        parts.append(tr("Messages", "1 CPU") if cores == 1 else
                     tr("Messages", "{count} CPUs").format(count=locale.toString(cores)))
    if (gib := facts.get("memory_gib")) is not None:
        parts.append(tr("Messages", "{size} GiB RAM").format(
            size=locale.toString(float(gib), "f", 0 if gib >= 2 else 1)))
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


__all__ = ["ADAPTER_TEXTS", "KNOWN", "attachment_problem", "category_description",
           "category_label", "error", "file_size", "known", "limits_note", "outbox_detail",
           "outbox_state", "progress", "quality_hint", "summary_line"]
