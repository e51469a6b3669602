"""The helpdesk domain in plain data, shared by every layer.

These types are the language between the wizard, the outbox and the backends.
They carry no behaviour that needs Qt or the network, so the same objects can
be serialised into the outbox, restored from a draft and handed to any adapter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any


class Status(StrEnum):
    """The common status set every backend's own values are mapped onto."""

    NEW = "new"
    OPEN = "open"
    WAITING = "waiting"  # the ball is in the requester's court
    RESOLVED = "resolved"
    CLOSED = "closed"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: str) -> Status:
        try:
            return cls(value)
        except ValueError:
            return cls.UNKNOWN


class Level(StrEnum):
    """Impact and urgency share one three-step scale, as ITIL's matrix does."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


def now_utc() -> datetime:
    return datetime.now(UTC)


def parse_time(value: object) -> datetime | None:
    """Read an ISO 8601 stamp written by :func:`format_time` (or a backend); None if unusable.

    A helpdesk's value may be anything: a number, or a stamp in year 1 or 9999 that
    parses but cannot be converted to UTC or a timestamp (OverflowError later blanked
    the whole list, issue 17 item 8). Such a value is no date: one field degrades,
    never the list.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()[:64].replace("Z", "+00:00")
    try:
        stamp = datetime.fromisoformat(text)
        stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
        stamp.astimezone(UTC).timestamp()
    except (ValueError, OverflowError, OSError):
        return None
    return stamp


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Requester:
    """Who asks for help. Identified requests are the ones support can act on."""

    name: str = ""
    email: str = ""
    customer_id: str = ""
    organization: str = ""
    phone: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Requester:
        return cls(**{k: str(data.get(k) or "") for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Attachment:
    """A file that travels with a ticket or message.

    Outbound attachments have a ``path`` on this machine; inbound ones have a
    ``backend_id`` the adapter can download. Size is in bytes.
    """

    filename: str
    size: int
    content_type: str = "application/octet-stream"
    path: str | None = None
    backend_id: str | None = None
    kind: str = "file"  # file | screenshot | system-info

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attachment:
        return cls(
            filename=str(data["filename"]),
            size=int(data.get("size") or 0),
            content_type=str(data.get("content_type") or "application/octet-stream"),
            path=data.get("path"),
            backend_id=data.get("backend_id"),
            kind=str(data.get("kind") or "file"),
        )

    @classmethod
    def from_path(cls, path: str | Path, kind: str = "file", content_type: str = "") -> Attachment:
        import mimetypes

        p = Path(path)
        guessed = content_type or mimetypes.guess_type(p.name)[0] or "application/octet-stream"
        return cls(
            filename=p.name, size=p.stat().st_size, content_type=guessed, path=str(p), kind=kind
        )


@dataclass(frozen=True)
class NewTicket:
    """Everything a backend needs to open a ticket, already rendered to text.

    ``fields`` carries the structured answers (category, impact, urgency, the
    guided questions) so backends with custom fields can map them; ``body`` is
    the same information as readable text for backends that have only a body.
    """

    subject: str
    body: str
    requester: Requester
    client_ref: str
    category: str = ""
    priority: Priority = Priority.NORMAL
    attachments: tuple[Attachment, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "body": self.body,
            "requester": self.requester.to_dict(),
            "client_ref": self.client_ref,
            "category": self.category,
            "priority": self.priority.value,
            "attachments": [a.to_dict() for a in self.attachments],
            "fields": dict(self.fields),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NewTicket:
        return cls(
            subject=str(data["subject"]),
            body=str(data["body"]),
            requester=Requester.from_dict(data.get("requester") or {}),
            client_ref=str(data["client_ref"]),
            category=str(data.get("category") or ""),
            priority=Priority(data.get("priority") or Priority.NORMAL.value),
            attachments=tuple(Attachment.from_dict(a) for a in data.get("attachments") or ()),
            fields={str(k): str(v) for k, v in (data.get("fields") or {}).items()},
        )


@dataclass(frozen=True)
class Message:
    """One entry of a ticket's public conversation."""

    id: str
    ticket_id: str
    author: str
    from_requester: bool
    body: str
    created_at: datetime
    attachments: tuple[Attachment, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ticket_id": self.ticket_id,
            "author": self.author,
            "from_requester": self.from_requester,
            "body": self.body,
            "created_at": format_time(self.created_at),
            "attachments": [a.to_dict() for a in self.attachments],
        }


@dataclass(frozen=True)
class Ticket:
    """A ticket as the helpdesk knows it, with its status mapped to the common set."""

    id: str
    subject: str
    status: Status
    created_at: datetime
    updated_at: datetime
    raw_status: str = ""
    display_ref: str = ""
    client_ref: str = ""
    category: str = ""
    priority: Priority = Priority.NORMAL
    web_url: str = ""
    last_author: str = ""
    #: A due date the helpdesk set on the ticket and shows its requester (RT's Due), if any.
    due_at: datetime | None = None

    @property
    def ref(self) -> str:
        return self.display_ref or f"#{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status in (Status.NEW, Status.OPEN, Status.WAITING, Status.UNKNOWN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "subject": self.subject,
            "status": self.status.value,
            "raw_status": self.raw_status,
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "client_ref": self.client_ref,
            "category": self.category,
            "priority": self.priority.value,
            "web_url": self.web_url,
            "last_author": self.last_author,
            "due_at": format_time(self.due_at) if self.due_at else "",
        }
