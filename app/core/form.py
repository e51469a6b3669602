"""What the person with the problem has told us so far, as plain data.

The wizard pages write into one :class:`RequestForm`; drafts save it as JSON
while the user types; :func:`compose` turns it into the :class:`NewTicket`
that goes to the outbox. Keeping it free of Qt is what lets the CLI, drafts
and tests share exactly the path the wizard takes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.hidden_text import strip_hidden
from app.core.model import Attachment, Level, NewTicket, Priority, Requester
from app.core.outbox import new_client_ref
from app.core.priority import IMPACT_LABELS, URGENCY_LABELS, priority_for

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

#: Why each identity field is asked for; shown beside required fields.
FIELD_REASONS = {
    "name": "so support knows whom to talk to",
    "email": "so support can answer you",
    "customer_id": "so support can find your contract or membership",
    "organization": "so support knows which organisation or site you belong to",
    "phone": "so support can call you back if that is faster",
}
FIELD_LABELS = {
    "name": "Full name",
    "email": "Email",
    "customer_id": "Customer or membership ID",
    "organization": "Organisation or domain",
    "phone": "Phone",
}

#: The guided questions, in the order the problem page asks them.
QUESTIONS = (
    ("doing", "What were you doing?"),
    ("happened", "What happened?"),
    ("error_text", "Exact error message"),
    ("expected", "What did you expect to happen?"),
    ("where", "Where (program or web address)"),
    ("since", "Since when, and how often?"),
)

#: The asset fields of the system report (``sysinfo.asset_fields``) and the ticket field
#: each is offered to backends under. The UI or CLI fills :attr:`RequestForm.asset`, so
#: core never imports a collector.
ASSET_FIELDS = {
    "host_name": "asset.host",
    "serial": "asset.serial",
    "user": "asset.user",
    "os_build": "asset.os_build",
    "ip_address": "asset.ip",
}


@dataclass
class RequestForm:
    requester: Requester = field(default_factory=Requester)
    category: str = ""
    summary: str = ""
    doing: str = ""
    happened: str = ""
    error_text: str = ""
    expected: str = ""
    where: str = ""
    since: str = ""
    impact: Level = Level.LOW
    urgency: Level = Level.MEDIUM
    answers: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    include_screenshot: bool = True
    include_system_info: bool = True
    #: Asset fields from the sections of the system report the user kept; sent only
    #: with the system information (see :data:`ASSET_FIELDS`).
    asset: dict[str, str] = field(default_factory=dict)
    #: A ticket id when the user chose to add to an open request instead.
    reply_to: str = ""
    client_ref: str = field(default_factory=new_client_ref)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["impact"], data["urgency"] = self.impact.value, self.urgency.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RequestForm:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["requester"] = Requester.from_dict(data.get("requester") or {})
        known["impact"] = Level(data.get("impact") or Level.LOW.value)
        known["urgency"] = Level(data.get("urgency") or Level.MEDIUM.value)
        known["answers"] = {str(k): str(v) for k, v in (data.get("answers") or {}).items()}
        known["files"] = [str(f) for f in data.get("files") or []]
        known["asset"] = {str(k): str(v) for k, v in (data.get("asset") or {}).items()}
        return cls(**known)

    @property
    def priority(self) -> Priority:
        return priority_for(self.impact, self.urgency)

    def is_blank(self) -> bool:
        """True when nothing worth keeping as a draft has been typed."""
        texts = (
            self.summary,
            self.doing,
            self.happened,
            self.error_text,
            self.expected,
            self.where,
            self.since,
            *self.answers.values(),
        )
        return not any(t.strip() for t in texts) and not self.files


def clean(text: str) -> str:
    """Strip control characters (but not newlines or tabs), bidi controls, zero-width
    characters (:func:`app.core.hidden_text.strip_hidden`) and surrounding blanks."""
    return strip_hidden(text).strip()


def requester_problems(requester: Requester, required: list[str]) -> dict[str, str]:
    """Field -> a polite sentence for each identity field that needs attention."""
    problems: dict[str, str] = {}
    for name in required:
        if not clean(getattr(requester, name)):
            problems[name] = (
                f"Please enter your {FIELD_LABELS[name].lower()}, {FIELD_REASONS[name]}."
            )
    email = clean(requester.email)
    if email and not EMAIL.match(email):
        problems["email"] = "This does not look like an email address (name@example.org)."
    return problems


@dataclass(frozen=True)
class BodyLabels:
    """The words :func:`render_body` writes around the requester's own, English by default.

    A face passes them translated (:func:`app.ui.messages.body_labels`) so support reads
    the request in the requester's language. The reference line stays English on purpose:
    adapters find a request again by it (``Helpline reference: <client_ref>``).
    """

    questions: Mapping[str, str] = field(default_factory=lambda: dict(QUESTIONS))
    category: str = "Category"
    impact: str = "Impact"
    urgency: str = "Urgency"
    priority: str = "Priority"
    impact_levels: Mapping[Level, str] = field(default_factory=lambda: dict(IMPACT_LABELS))
    urgency_levels: Mapping[Level, str] = field(default_factory=lambda: dict(URGENCY_LABELS))
    priorities: Mapping[Priority, str] = field(
        default_factory=lambda: {p: p.value for p in Priority}
    )
    requested_by: str = "Requested by"
    no_name: str = "(no name given)"
    fields: Mapping[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))
    #: The subject when the requester gave no summary.
    subject: str = "Support request"


ENGLISH = BodyLabels()


def render_body(
    form: RequestForm,
    category_label: str,
    extra_questions: dict[str, str],
    labels: BodyLabels = ENGLISH,
) -> str:
    """The request as readable text, for every helpdesk that only has a body."""
    parts: list[str] = []
    for key, _ in QUESTIONS:
        label = labels.questions.get(key, key)
        value = clean(getattr(form, key))
        if not value:
            continue
        if key == "error_text":
            quoted = "\n".join("    " + line for line in value.splitlines())
            parts.append(f"{label}:\n{quoted}")
        else:
            parts.append(f"{label}\n{value}")
    for qid, label in extra_questions.items():
        answer = clean(form.answers.get(qid, ""))
        if answer:
            parts.append(f"{label}\n{answer}")
    parts.append(
        f"{labels.category}: {category_label}\n"
        f"{labels.impact}: {labels.impact_levels[form.impact]}\n"
        f"{labels.urgency}: {labels.urgency_levels[form.urgency]}\n"
        f"{labels.priority}: {labels.priorities[form.priority]}"
    )
    r = form.requester
    who = [clean(r.name) or labels.no_name]
    if clean(r.email):
        who.append(f"<{clean(r.email)}>")
    details = [
        f"{labels.fields[k]}: {clean(getattr(r, k))}"
        for k in ("customer_id", "organization", "phone")
        if clean(getattr(r, k))
    ]
    parts.append(
        f"{labels.requested_by} " + " ".join(who) + ("\n" + "\n".join(details) if details else "")
    )
    parts.append(f"Helpline reference: {form.client_ref}")
    return "\n\n".join(parts) + "\n"


def compose(
    form: RequestForm,
    category_label: str,
    extra_questions: dict[str, str],
    evidence: tuple[Attachment, ...] = (),
    labels: BodyLabels = ENGLISH,
) -> NewTicket:
    """Build the ticket exactly as it will be sent (and as the review page shows it).

    ``labels``: the words around the requester's own, in the language support should read.
    """
    fields = {key: clean(getattr(form, key)) for key, _ in QUESTIONS}
    fields.update({f"q.{k}": clean(v) for k, v in form.answers.items()})
    fields.update(impact=form.impact.value, urgency=form.urgency.value)
    if form.include_system_info:
        fields.update(
            {
                ASSET_FIELDS[k]: clean(v)
                for k, v in form.asset.items()
                if k in ASSET_FIELDS and clean(v)
            }
        )
    r = form.requester
    requester = Requester(**{k: clean(v) for k, v in r.to_dict().items()})
    files = tuple(Attachment.from_path(p) for p in form.files)
    return NewTicket(
        subject=clean(form.summary).splitlines()[0][:200]
        if clean(form.summary)
        else labels.subject,
        body=render_body(form, category_label, extra_questions, labels),
        requester=requester,
        client_ref=form.client_ref,
        category=form.category,
        priority=form.priority,
        attachments=files + tuple(evidence),
        fields=fields,
    )
