"""Evidence: system information and the category's logs, collected and scrubbed one way.

The wizard runs :func:`system_info` and :func:`logs` on workers while the person types;
``helpline submit`` runs :func:`gather` in one go. Both get the same parts, scanned by the
same scanner, so a request filed from either carries the same evidence, masked the same
way. What could not be collected comes back as :class:`Problem` data (a code and facts)
for each face to say in its own words; a collector never stops a request from being filed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.collectors import outgoing
from app.collectors.logs import LogFile, collect_logs
from app.collectors.outgoing import TextPart
from app.collectors.secrets import Scanner
from app.core.attachments import EvidenceFile
from app.core.config import Config
from app.core.form import RequestForm


@dataclass(frozen=True)
class Problem:
    """Evidence that was left out, and why.

    Codes: ``system_info_failed`` (facts: ``reason``), ``log_unreadable`` (``path``,
    ``reason``), ``no_display``, ``screenshot_failed`` (``reason``), ``screen_unreadable``.
    """

    code: str
    facts: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Gathered:
    """Everything :func:`gather` collected, ready for :meth:`Submission.prepare`."""

    files: list[EvidenceFile] = field(default_factory=list)
    #: The report's asset fields (scrubbed), for helpdesks that have fields for them.
    asset: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def system_info(
    config: Config,
    sections: Sequence[str],
    scanner: Scanner,
    display: list[dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], list[TextPart]]:
    """The report with IT's sections, and its text and JSON parts for ``sections``."""
    from app.collectors import sysinfo  # psutil: never on the way to the first paint

    info = sysinfo.collect(
        sections=config["sysinfo.sections"],
        display=display,
        programs=config["sysinfo.programs"],
        program_timeout_s=config["sysinfo.program_timeout_ms"] / 1000,
        top_processes=config["sysinfo.top_processes"],
    )
    return info, outgoing.system_info_parts(info, sections, scanner)


def asset_fields(
    info: Mapping[str, Any], sections: Sequence[str], scanner: Scanner
) -> dict[str, str]:
    """The asset fields of the chosen sections, scrubbed like the report."""
    from app.collectors import sysinfo

    chosen = outgoing.only_sections(info, sections)
    return {k: scanner.scrub(v) for k, v in sysinfo.asset_fields(chosen).items()}


def logs(
    config: Config, category: str, scanner: Scanner
) -> tuple[list[LogFile], list[TextPart], list[Problem]]:
    """The log files IT lists for ``category`` (their ends only), scanned."""
    patterns = outgoing.category_logs(config, category)
    if not patterns:
        return [], [], []
    read = collect_logs(patterns, int(config["logs.max_bytes"]))
    problems = [
        Problem("log_unreadable", {"path": log.path, "reason": log.error})
        for log in read
        if not log.ok
    ]
    return read, outgoing.log_parts(read, scanner), problems


def files_of(parts: Sequence[TextPart]) -> list[EvidenceFile]:
    """Text parts as the files that are sent."""
    return [
        EvidenceFile(p.name, p.data(), p.content_type, "log" if p.kind == "log" else p.kind)
        for p in parts
    ]


def gather(
    config: Config,
    form: RequestForm,
    scanner: Scanner,
    screenshot: EvidenceFile | None = None,
    display: list[dict[str, Any]] | None = None,
) -> Gathered:
    """Everything the wizard would offer for ``form``, all kept (nobody reviews it).

    ``screenshot`` is taken by the face (it needs a display and Qt); it is passed through
    so the order of the files is the wizard's.
    """
    gathered = Gathered()
    if form.include_system_info:
        sections = list(config["sysinfo.sections"])
        try:
            info, parts = system_info(config, sections, scanner, display)
            gathered.asset = asset_fields(info, sections, scanner)
            gathered.files += files_of(parts)
        except Exception as err:  # a collector must never stop a request from being filed
            gathered.problems.append(Problem("system_info_failed", {"reason": str(err)}))
    if form.include_screenshot and screenshot is not None:
        gathered.files.append(screenshot)
    _read, parts, problems = logs(config, form.category, scanner)
    gathered.files += files_of(parts)
    gathered.problems += problems
    return gathered
