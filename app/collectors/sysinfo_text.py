"""The system report as readable text, for the user's review and for the helpdesk.

Rendering copes with partial reports (the UI, older receipts and tests hand some in) and
with sections this version does not know: a missing value reads "unknown", a field that
could not be read says why, and never "None".
"""

from __future__ import annotations

from typing import Any

#: The key under which a section lists the fields it could not read, with the reason. It
#: lives here, beside its reader, so rendering a report never imports psutil.
UNAVAILABLE_FIELDS = "unavailable_fields"
TITLES: dict[str, str] = {
    "os": "Operating system",
    "machine": "Machine",
    "user": "User",
    "cpu": "Processor",
    "memory": "Memory",
    "disks": "Disks",
    "network": "Network",
    "display": "Display",
    "locale": "Locale and time zone",
    "uptime": "Uptime",
    "battery": "Battery",
    "processes": "Top processes by memory",
    "programs": "Program versions",
}
_LABELS = {
    "pretty_name": "Full name",
    "fs_type": "File system",
    "mac": "MAC address",
    "ipv4": "IPv4",
    "ipv6": "IPv6",
    "tz_abbreviations": "Time zone abbreviations",
    "utc_offset": "UTC offset",
    "serial": "Serial number",
    "load_average": "Load average (1, 5, 15 min)",
    "default_gateways": "Default gateway",
    "dns_servers": "DNS servers",
    "dns_search": "DNS search domains",
    "proxies": "Proxy settings",
    "complete": "Complete list",
}
_UNITS = {"_percent": " %", "_mhz": " MHz", "_mbps": " Mbit/s"}


def size(n: int | float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if abs(n) < 1024:
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def _duration(seconds: int) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    text = f"{hours} h {rest // 60} min"
    return f"{days} day{'s' if days != 1 else ''}, {text}" if days else text


def _label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    for suffix in ("_bytes", "_seconds", *_UNITS):
        key = key.removesuffix(suffix)
    return key.replace("_", " ").capitalize()


def _value(key: str, value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value("", v) for v in value) or "none"
    if isinstance(value, int | float):
        if key.endswith("_bytes"):
            return size(value)
        if key.endswith("_seconds"):
            return _duration(int(value))
        return f"{value}{next((u for s, u in _UNITS.items() if key.endswith(s)), '')}"
    return str(value)


def _item(field: str, item: dict[str, Any]) -> str:
    """One line per disk, interface, screen, process...: a dict reads badly as key: value."""
    if field == "disks":
        room = (
            f"{size(item.get('free_bytes') or 0)} free of {size(item['total_bytes'])}"
            if item.get("total_bytes") is not None
            else item.get("note", "size unknown")
        )
        where = " on ".join(filter(None, (item.get("fs_type"), item.get("device"))))
        return f"{item.get('mount', 'unknown mount')}{f' ({where})' if where else ''}: {room}"
    if field == "interfaces":
        addrs = ", ".join(item.get("ipv4", []) + item.get("ipv6", [])) or "no address"
        state = "up" if item.get("up") else "down"
        return f"{item.get('name')} ({state}, MAC {_value('', item.get('mac'))}): {addrs}"
    if field == "screens":
        primary = ", primary" if item.get("primary") else ""
        return (
            f"{item.get('name') or 'screen'}: {item.get('width')} × {item.get('height')}"
            f" at scale {item.get('scale')}{primary}"
        )
    if field == "default_gateways":
        return f"{item.get('address')} via {item.get('interface', 'an unknown interface')}"
    if field == "proxies":
        return f"{item.get('variable')} = {item.get('value')}"
    if field == "processes":
        return f"{item.get('name')}: {_value('rss_bytes', item.get('rss_bytes'))}"
    if field == "programs":
        return f"{item.get('name')}: {item.get('version') or item.get('note') or 'unknown'}"
    return ", ".join(f"{_label(k)}: {_value(k, v)}" for k, v in item.items())


def _is_items(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _section(name: str, fields: dict[str, Any]) -> str:
    lines = [TITLES.get(name, name.capitalize())]
    if "unavailable" in fields:
        lines.append(f"  Not available: {fields['unavailable']}")
    missing: dict[str, str] = fields.get(UNAVAILABLE_FIELDS) or {}
    shown = {k: v for k, v in fields.items() if k not in ("unavailable", UNAVAILABLE_FIELDS)}
    width = max((len(_label(k)) for k in shown), default=0) + 1
    for key, value in shown.items():
        if _is_items(value):
            lines.append(f"  {_label(key)}:")
            lines.extend(f"  - {_item(key, item)}" for item in value)
        elif value is None and key in missing:
            lines.append(f"  {_label(key) + ':':<{width}} not available ({missing[key]})")
        else:
            lines.append(f"  {_label(key) + ':':<{width}} {_value(key, value)}")
    return "\n".join(lines)


def render_text(info: dict[str, Any]) -> str:
    """Readable text, one block per section, for the user's review and the helpdesk."""
    blocks = [f"System information, collected {info.get('collected_at', 'at an unknown time')}"]
    blocks.extend(_section(name, fields) for name, fields in info.get("sections", {}).items())
    return "\n\n".join(blocks) + "\n"


def summary_facts(info: dict[str, Any]) -> dict[str, Any]:
    """The facts of the summary line, for the windows to say in the user's language:
    ``os`` (text), ``cores`` (int), ``memory_gib`` (float) and ``host`` (text), each only
    when known."""
    sections = info.get("sections", {})

    def ok(name: str) -> dict[str, Any]:
        fields = sections.get(name, {})
        return {} if "unavailable" in fields else fields

    facts: dict[str, Any] = {}
    if os_name := " ".join(filter(None, (ok("os").get("name"), ok("os").get("version")))):
        facts["os"] = os_name
    if cores := ok("cpu").get("logical_cores"):
        facts["cores"] = int(cores)
    if total := ok("memory").get("total_bytes"):
        facts["memory_gib"] = total / 2**30
    if host := ok("machine").get("host_name"):
        facts["host"] = str(host)
    return facts


def summary_line(info: dict[str, Any]) -> str:
    """One short English line such as "Debian 12 · 2 CPUs · 24 GiB RAM · host ws-042"."""
    facts = summary_facts(info)
    parts = []
    if "os" in facts:
        parts.append(facts["os"])
    if cores := facts.get("cores"):
        parts.append(f"{cores} CPU{'s' if cores != 1 else ''}")
    if (gib := facts.get("memory_gib")) is not None:
        parts.append(f"{gib:.0f} GiB RAM" if gib >= 2 else f"{gib:.1f} GiB RAM")
    if "host" in facts:
        parts.append(f"host {facts['host']}")
    return " · ".join(parts) or "System information unavailable"
