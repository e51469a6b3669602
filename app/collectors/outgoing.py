"""The text that leaves the machine, scanned once, masked by default, unmasked by choice.

Every text part of a request (the description, the system report as text and as JSON,
each log) becomes a :class:`TextPart`: the text as collected, the secrets found in it
(``app.collectors.secrets``) and the findings the user chose to send clear. What is sent
is :meth:`TextPart.sent`, always computed from those three, so the review page that shows
it and the outbox that keeps it read the same bytes. The collected text stays in memory
only, for the highlights and for an unmask.

Qt-free, so the wizard, ``helpline collect`` and the tests share it.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.collectors import sysinfo
from app.collectors.logs import LogFile
from app.collectors.secrets import Finding, Scanner, mask
from app.core.config import Config
from app.core.model import NewTicket, Requester

DESCRIPTION = "description"
#: How ``app.core.form.render_body`` starts the paragraph that names the requester.
REQUESTED_BY = "Requested by "
#: Kinds of finding that stand for the user (Apport-style), not for a secret.
_PERSONAL = ("home", "user")


@dataclass
class TextPart:
    """One text part as collected, what was found in it, and what the user unmasked."""

    name: str
    kind: str  # description | system-info | log
    text: str
    findings: tuple[Finding, ...] = ()
    content_type: str = "text/plain"
    keep: set[int] = field(default_factory=set)
    note: str = ""  # where it came from, for the review page

    def sent(self) -> str:
        return rendered(self)[0]

    def data(self) -> bytes:
        return self.sent().encode("utf-8")

    def set_kept(self, index: int, kept: bool) -> None:
        """Send finding ``index`` clear (``kept``) or masked again."""
        if not 0 <= index < len(self.findings):
            raise IndexError(index)
        if kept:
            self.keep.add(index)
        else:
            self.keep.discard(index)

    def masked_count(self) -> int:
        return len(self.findings) - len(self.keep)

    def clear_values(self) -> frozenset[str]:
        """The values of the findings the user unmasked: what goes clear wherever it stands."""
        return frozenset(
            self.text[f.start : f.end] for i, f in enumerate(self.findings) if i in self.keep
        )


def scanner_for(config: Config) -> Scanner:
    """The scanner the ``privacy.*`` settings ask for."""
    home = str(Path.home()) if config["privacy.scrub_home"] else None
    user = None
    if config["privacy.scrub_user"]:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no login name (a container): nothing to scrub
            user = None
    return Scanner(config["privacy.patterns"], home, user)


def text_part(
    name: str,
    kind: str,
    text: str,
    scanner: Scanner,
    content_type: str = "text/plain",
    note: str = "",
) -> TextPart:
    return TextPart(name, kind, text, tuple(scanner.find(text)), content_type, note=note)


def _inside_strings(text: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings cut back so none crosses a JSON quote: the masked JSON stays valid JSON."""
    out = []
    for f in findings:
        quote = text.find('"', f.start, f.end)
        end = f.end if quote == -1 else quote
        while end > f.start and text[end - 1] == "\\":  # never half an escape
            end -= 1
        if end > f.start:
            out.append(replace(f, end=end))
    return tuple(out)


def json_part(name: str, kind: str, data: Any, scanner: Scanner) -> TextPart:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return TextPart(name, kind, text, _inside_strings(text, scanner.find(text)), "application/json")


def only_sections(info: Mapping[str, Any], sections: Iterable[str]) -> dict[str, Any]:
    """The report with only ``sections`` (the user's and IT's choice), in report order."""
    wanted = set(sections)
    return {**info, "sections": {k: v for k, v in info.get("sections", {}).items() if k in wanted}}


def system_info_parts(
    info: Mapping[str, Any], sections: Iterable[str], scanner: Scanner
) -> list[TextPart]:
    """``system-info.txt`` and ``system-info.json`` with only the chosen sections."""
    chosen = only_sections(info, sections)
    return [
        text_part("system-info.txt", "system-info", sysinfo.render_text(chosen), scanner),
        json_part("system-info.json", "system-info", chosen, scanner),
    ]


def log_parts(logs: Iterable[LogFile], scanner: Scanner) -> list[TextPart]:
    """One part per readable log, named ``<name>.log``-style as collected."""
    parts = []
    for log in logs:
        if not log.ok:
            continue
        note = log.path + (" (the end of it)" if log.truncated else "")
        parts.append(text_part(log.name, "log", log.text, scanner, note=note))
    return parts


#: How much of a file is looked at to tell text from binary data.
_SNIFF = 8192


def file_part(path: str, scanner: Scanner, limit: int) -> TextPart | None:
    """The user's own file as a scanned text part (kind ``file``, ``note``: its path), or
    None for a file that is not UTF-8 text, is larger than ``limit`` or cannot be read:
    such a file goes as it is. Its text is sent masked like the description."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    if len(data) > limit or b"\0" in data[:_SNIFF]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text_part(Path(path).name, "file", text, scanner, note=path)


def category_logs(config: Config, category_id: str) -> list[str]:
    """The log files or globs IT lists for a category (``[[categories]] logs``)."""
    for category in config["categories"]:
        if category.get("id") == category_id:
            return list(category.get("logs", []))
    return []


def _requester_spans(
    text: str, requester: Requester, requested_by: str = REQUESTED_BY
) -> list[tuple[int, int]]:
    """Where the requester's own details stand: they were given to be sent."""
    block = max(text.rfind(requested_by), 0)  # render_body's last paragraph but one
    spans = []
    for value in requester.to_dict().values():
        if len(value) < 2:
            continue
        start = text.find(value, block)
        while start != -1:
            spans.append((start, start + len(value)))
            start = text.find(value, start + 1)
    return spans


def body_findings(
    text: str, requester: Requester, scanner: Scanner, requested_by: str = REQUESTED_BY
) -> tuple[Finding, ...]:
    """The findings in a body that names its requester (a rendered form): their own name
    and address were given to be sent, so a user-name or home finding there is dropped.
    ``requested_by`` starts that paragraph, in the language the body was written in."""
    spans = _requester_spans(text, requester, requested_by)
    return tuple(
        f
        for f in scanner.find(text)
        if not (f.kind in _PERSONAL and any(s < f.end and f.start < e for s, e in spans))
    )


def description_part(
    ticket: NewTicket, scanner: Scanner, requested_by: str = REQUESTED_BY
) -> TextPart:
    """The ticket's body as a part; the requester's name and address are never scrubbed."""
    return TextPart(
        DESCRIPTION,
        DESCRIPTION,
        ticket.body,
        body_findings(ticket.body, ticket.requester, scanner, requested_by),
    )


def _mask_except(text: str, scanner: Scanner, clear: Set[str]) -> str:
    findings = scanner.find(text)
    keep = {i for i, f in enumerate(findings) if text[f.start : f.end] in clear}
    return mask(text, findings, keep)


def masked_ticket(ticket: NewTicket, part: TextPart, scanner: Scanner) -> NewTicket:
    """``ticket`` as the user reviewed it: the body is ``part.sent()``.

    The subject and the structured fields repeat what the body says, so they are masked
    too; a value the user unmasked in the body is left clear there as well.
    """
    if part.text != ticket.body:
        raise ValueError("the description part was built from another body")
    clear = part.clear_values()
    fields = {k: _mask_except(v, scanner, clear) for k, v in ticket.fields.items()}
    return replace(
        ticket,
        body=part.sent(),
        subject=_mask_except(ticket.subject, scanner, clear),
        fields=fields,
    )


@dataclass(frozen=True)
class Shown:
    """Where finding ``index`` stands in the sent text, and whether it is masked there."""

    index: int
    start: int
    end: int
    masked: bool


def rendered(part: TextPart) -> tuple[str, list[Shown]]:
    """The sent text and where each finding ended up in it, for highlighting.

    Same result as :meth:`TextPart.sent` (a test holds them equal).
    """
    out: list[str] = []
    shown: list[Shown] = []
    pos = length = 0
    for index, f in sorted(enumerate(part.findings), key=lambda pair: pair[1].start):
        if f.start < pos:
            continue
        before = part.text[pos : f.start]
        out.append(before)
        length += len(before)
        kept = index in part.keep
        piece = part.text[f.start : f.end] if kept else f.preview
        out.append(piece)
        shown.append(Shown(index, length, length + len(piece), not kept))
        length += len(piece)
        pos = f.end
    out.append(part.text[pos:])
    return "".join(out), shown
