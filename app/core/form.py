"""What the person with the problem has told us so far, as plain data.

The wizard pages write into one :class:`RequestForm`; drafts save it as JSON
while the user types; :func:`compose` turns it into the :class:`NewTicket`
that goes to the outbox. Keeping it free of Qt is what lets the CLI, drafts
and tests share exactly the path the wizard takes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

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
        texts = (self.summary, self.doing, self.happened, self.error_text, self.expected,
                 self.where, self.since, *self.answers.values())
        return not any(t.strip() for t in texts) and not self.files


def clean(text: str) -> str:
    """Strip control characters (but not newlines or tabs) and surrounding blanks."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text).strip()


def requester_problems(requester: Requester, required: list[str]) -> dict[str, str]:
    """Field -> a polite sentence for each identity field that needs attention."""
    problems: dict[str, str] = {}
    for name in required:
        if not clean(getattr(requester, name)):
            problems[name] = f"Please enter your {FIELD_LABELS[name].lower()}, " \
                             f"{FIELD_REASONS[name]}."
    email = clean(requester.email)
    if email and not EMAIL.match(email):
        problems["email"] = "This does not look like an email address (name@example.org)."
    return problems


def render_body(form: RequestForm, category_label: str,
                extra_questions: dict[str, str]) -> str:
    """The request as readable text, for every helpdesk that only has a body."""
    parts: list[str] = []
    for key, label in QUESTIONS:
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
        f"Category: {category_label}\n"
        f"Impact: {IMPACT_LABELS[form.impact]}\n"
        f"Urgency: {URGENCY_LABELS[form.urgency]}\n"
        f"Priority: {form.priority.value}"
    )
    r = form.requester
    who = [clean(r.name) or "(no name given)"]
    if clean(r.email):
        who.append(f"<{clean(r.email)}>")
    details = [f"{FIELD_LABELS[k]}: {clean(getattr(r, k))}"
               for k in ("customer_id", "organization", "phone") if clean(getattr(r, k))]
    parts.append("Requested by " + " ".join(who) + ("\n" + "\n".join(details) if details else ""))
    parts.append(f"Helpline reference: {form.client_ref}")
    return "\n\n".join(parts) + "\n"


def compose(form: RequestForm, category_label: str, extra_questions: dict[str, str],
            evidence: tuple[Attachment, ...] = ()) -> NewTicket:
    """Build the ticket exactly as it will be sent (and as the review page shows it)."""
    fields = {key: clean(getattr(form, key)) for key, _ in QUESTIONS}
    fields.update({f"q.{k}": clean(v) for k, v in form.answers.items()})
    fields.update(impact=form.impact.value, urgency=form.urgency.value)
    if form.include_system_info:
        fields.update({ASSET_FIELDS[k]: clean(v) for k, v in form.asset.items()
                       if k in ASSET_FIELDS and clean(v)})
    r = form.requester
    requester = Requester(**{k: clean(v) for k, v in r.to_dict().items()})
    files = tuple(Attachment.from_path(p) for p in form.files)
    return NewTicket(
        subject=clean(form.summary).splitlines()[0][:200] if clean(form.summary) else
        "Support request",
        body=render_body(form, category_label, extra_questions),
        requester=requester,
        client_ref=form.client_ref,
        category=form.category,
        priority=form.priority,
        attachments=files + tuple(evidence),
        fields=fields,
    )
