"""``helpline collect``: the diagnostic bundle without a ticket, for phone support.

The bundle holds what the wizard would attach, built by the same code
(``app.collectors.outgoing``) with the same scrubbing from the ``privacy.*`` settings:
system information as text and JSON, the screenshot when there is a display, and the
logs of a category. There is no review screen here, so every secret found stays masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.collectors import outgoing, sysinfo
from app.collectors.bundle import BundlePart, Manifest, write_bundle
from app.collectors.logs import collect_logs
from app.core.config import Config


@dataclass(frozen=True)
class Collected:
    manifest: Manifest
    masked: int  # secrets found and masked over all text parts
    missing: list[str]  # logs that could not be read, with the reason


def collect_bundle(
    config: Config,
    output: Path,
    screenshot: bytes | None = None,
    category: str | None = None,
    display: list[dict[str, Any]] | None = None,
    steps: bytes | None = None,
) -> Collected:
    """Write the bundle to ``output`` and say what went in (``display``: the screens, which
    only Qt knows, as :func:`app.collectors.screenshot.describe_screens` gives them;
    ``steps``: a steps report, ``app.collectors.steps_report``, recorded just before)."""
    scanner = outgoing.scanner_for(config)
    texts: list[outgoing.TextPart] = []
    if config["attachments.system_info"]:
        info = sysinfo.collect(
            sections=config["sysinfo.sections"],
            display=display,
            programs=config["sysinfo.programs"],
            program_timeout_s=config["sysinfo.program_timeout_ms"] / 1000,
            top_processes=config["sysinfo.top_processes"],
        )
        texts += outgoing.system_info_parts(info, config["sysinfo.sections"], scanner)
    parts = [BundlePart(p.name, p.data(), p.kind, p.content_type) for p in texts]
    if screenshot:
        jpeg = screenshot.startswith(b"\xff\xd8")
        parts.append(
            BundlePart(
                "screenshot.jpg" if jpeg else "screenshot.png",
                screenshot,
                "screenshot",
                "image/jpeg" if jpeg else "image/png",
            )
        )
    if steps:
        parts.append(BundlePart("steps.html", steps, "steps", "text/html"))
    missing: list[str] = []
    if category:
        patterns = outgoing.category_logs(config, category)
        logs = collect_logs(patterns, int(config["logs.max_bytes"])) if patterns else []
        missing = [f"{log.path}: {log.error}" for log in logs if not log.ok]
        for part in outgoing.log_parts(logs, scanner):
            texts.append(part)
            parts.append(BundlePart(f"logs/{part.name}", part.data(), "log", part.content_type))
    note = "Helpline diagnostic bundle (helpline collect); secrets found were masked."
    manifest = write_bundle(output, parts, note=note)
    return Collected(manifest, sum(p.masked_count() for p in texts), missing)
