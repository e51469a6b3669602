"""System information for a support request, gathered without Qt and without waiting.

This module is the collector's front: :func:`collect` runs one source per section (in
``app.collectors.sysinfo_sources``, ``sysinfo_network`` and ``sysinfo_programs``) and the
text rendering lives in ``app.collectors.sysinfo_text``. A source returns plain JSON types
so the result can be stored, shown and sent as it is. A source that fails (permission
denied, missing file, a psutil error) turns into ``{"unavailable": reason}`` for its own
section only: evidence is a courtesy to the helpdesk and must never stop a request from
being filed.

Display information comes from the caller because only Qt knows the screens (see
``app.collectors.screenshot.describe_screens``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.collectors.sysinfo_text import TITLES, render_text, summary_line

if TYPE_CHECKING:
    from app.collectors.sysinfo_sources import Source

__all__ = [
    "SECTIONS",
    "TITLES",
    "asset_fields",
    "collect",
    "render_text",
    "summary_line",
    "to_json",
]

log = logging.getLogger(__name__)

#: Every section in display order; config's ``sysinfo.sections`` picks from these.
SECTIONS: tuple[str, ...] = (
    "os",
    "machine",
    "user",
    "cpu",
    "memory",
    "disks",
    "network",
    "display",
    "locale",
    "uptime",
    "battery",
    "processes",
    "programs",
)


def sources() -> dict[str, Source]:
    """Section name -> source, imported on first use.

    psutil and the sources load only when a report is collected (on a worker), so the
    pages that merely render or summarise a report cost nothing before the first paint.
    """
    from app.collectors import sysinfo_network, sysinfo_programs
    from app.collectors import sysinfo_sources as src

    return {
        "os": src.os_info,
        "machine": src.machine,
        "user": src.user,
        "cpu": src.cpu,
        "memory": src.memory,
        "disks": src.disks,
        "network": sysinfo_network.network,
        "display": src.display,
        "locale": src.locale_info,
        "uptime": src.uptime,
        "battery": src.battery,
        "processes": sysinfo_programs.top_processes,
        "programs": sysinfo_programs.programs,
    }


def collect(
    sections: Iterable[str] | None = None,
    display: list[dict[str, Any]] | None = None,
    programs: Iterable[Mapping[str, Any]] = (),
    program_timeout_s: float = 2.0,
    top_processes: int = 10,
    process_budget_s: float = 0.15,
) -> dict[str, Any]:
    """Gather the requested sections (all by default) in ``SECTIONS`` order.

    ``programs`` lists ``{"name", "command"}`` entries whose first output line is their
    version; they run in parallel with the other sections, each for at most
    ``program_timeout_s``. The process scan stops after ``process_budget_s``.

    Raises ValueError for a section name that does not exist or a program entry without a
    name or command, because that is a bug or a typo in config, not a property of the
    machine.
    """
    wanted = set(SECTIONS if sections is None else sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(
            f"unknown system information section(s): {', '.join(sorted(unknown))}; "
            f"expected some of: {', '.join(SECTIONS)}"
        )
    from app.collectors import sysinfo_programs
    from app.collectors.sysinfo_sources import Context, reason

    entries = [sysinfo_programs.Program.from_config(p) for p in programs]  # fail before work
    started = sysinfo_programs.start(entries, program_timeout_s) if "programs" in wanted else None
    ctx = Context(
        display=display,
        programs=started,
        top_processes=top_processes,
        process_budget_s=process_budget_s,
    )
    table = sources()
    result: dict[str, Any] = {}
    try:
        for name in SECTIONS:
            if name not in wanted:
                continue
            try:
                result[name] = table[name](ctx)
            except Exception as exc:  # a failing source must never stop the request
                log.info("system information section %r unavailable: %s", name, exc)
                result[name] = {"unavailable": reason(exc)}
    finally:
        if started is not None:
            started.stop()
    return {"collected_at": datetime.now(UTC).isoformat(timespec="seconds"), "sections": result}


def _primary_ip(network: Mapping[str, Any]) -> str | None:
    """The IPv4 address of the interface that holds the default route, else the first one."""
    interfaces = [i for i in network.get("interfaces") or [] if i.get("ipv4")]
    via = {g.get("interface") for g in network.get("default_gateways") or []}
    for interface in sorted(interfaces, key=lambda i: (i.get("name") not in via, not i.get("up"))):
        return str(interface["ipv4"][0])
    return None


def asset_fields(info: Mapping[str, Any]) -> dict[str, str]:
    """Host name, serial, user, OS build and primary IP, for helpdesks with asset fields.

    Only the fields that are known are returned, so an adapter never fills in "unknown".
    """
    sections = info.get("sections", {})

    def ok(name: str) -> Mapping[str, Any]:
        fields = sections.get(name) or {}
        return {} if "unavailable" in fields else fields

    os_info, user = ok("os"), ok("user")
    name = user.get("name")
    os_text = os_info.get("pretty_name") or " ".join(
        filter(None, (os_info.get("name"), os_info.get("version")))
    )
    os_build = os_info.get("build")
    build = ", ".join(
        filter(
            None,
            (
                os_text or None,
                f"build {os_build}" if os_build and str(os_build) not in os_text else None,
                f"kernel {os_info['kernel']}" if os_info.get("kernel") else None,
            ),
        )
    )
    fields = {
        "host_name": ok("machine").get("host_name"),
        "serial": ok("machine").get("serial"),
        "user": f"{user['domain']}\\{name}" if name and user.get("domain") else name,
        "os_build": build or None,
        "ip_address": _primary_ip(ok("network")),
    }
    return {key: str(value) for key, value in fields.items() if value}


def to_json(info: dict[str, Any]) -> bytes:
    """UTF-8, indented JSON: the structured attachment that helpdesks can parse."""
    return json.dumps(info, indent=2, ensure_ascii=False).encode("utf-8")
