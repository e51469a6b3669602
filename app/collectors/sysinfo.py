"""System information for a support request, gathered without Qt and without waiting.

Each section has one source function, registered in ``_SOURCES`` in display order. A source
returns plain JSON types (dicts, lists, str, int, float, bool, None) so the result can be
stored, shown and sent as it is. A source that fails (permission denied, missing file, a
psutil error) turns into ``{"unavailable": reason}`` for its own section only: evidence is a
courtesy to the helpdesk and must never stop a request from being filed.

Nothing here blocks: no ``cpu_percent(interval=...)``, no DNS look-ups, and no ``disk_usage``
on network mounts, which can hang for seconds on a dead server. Display information comes
from the caller because only Qt knows the screens (see ``app.collectors.screenshot``).
"""

from __future__ import annotations

import getpass
import json
import locale
import logging
import os
import platform
import socket
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

log = logging.getLogger(__name__)

CPUINFO_PATH = Path("/proc/cpuinfo")
DMI_DIR = Path("/sys/class/dmi/id")
#: File systems that hold no user data (kernel views, containers' plumbing, snaps).
PSEUDO_FS = frozenset({
    "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts",
    "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "proc", "pstore",
    "ramfs", "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs", "overlay",
})
#: File systems whose size is not read: ``statvfs`` on a dead server blocks for a long time.
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "fuse.sshfs"})


@dataclass(frozen=True)
class Context:
    """What a source may need beyond the machine itself; issue 3 adds config-driven inputs."""

    display: list[dict[str, Any]] | None = None


Source = Callable[[Context], dict[str, Any]]
_SOURCES: dict[str, Source] = {}


def _source(name: str) -> Callable[[Source], Source]:
    def register(func: Source) -> Source:
        _SOURCES[name] = func
        return func
    return register


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _dmi(field: str) -> str | None:
    """One DMI field if readable without admin rights (serials are root-only on Linux)."""
    try:
        value = _read_text(DMI_DIR / field).strip()
    except OSError:
        return None
    return value or None


@_source("os")
def _os(ctx: Context) -> dict[str, Any]:
    info: dict[str, Any] = {
        "system": platform.system(), "name": platform.system(), "pretty_name": None,
        "version": platform.version(), "build": None, "kernel": platform.release(),
    }
    if sys.platform.startswith("linux"):
        try:
            release = platform.freedesktop_os_release()
        except OSError:
            release = {}
        info["name"] = release.get("NAME", info["name"]).removesuffix(" GNU/Linux")
        info["pretty_name"] = release.get("PRETTY_NAME")
        info["version"] = release.get("VERSION_ID", info["version"])
        info["build"] = release.get("BUILD_ID") or release.get("VERSION")
    elif sys.platform == "win32":
        release, build, _sp, _type = platform.win32_ver()
        info.update(name="Windows", version=release, build=build,
                    pretty_name=f"Windows {release} ({platform.win32_edition()})")
    elif sys.platform == "darwin":
        info.update(name="macOS", version=platform.mac_ver()[0], build=platform.version())
    return info


@_source("machine")
def _machine(ctx: Context) -> dict[str, Any]:
    return {
        "host_name": socket.gethostname() or platform.node(),
        "architecture": platform.machine(),
        "manufacturer": _dmi("sys_vendor"),
        "model": _dmi("product_name"),
    }


@_source("user")
def _user(ctx: Context) -> dict[str, Any]:
    name = getpass.getuser()
    full_name = None
    try:
        import pwd

        full_name = pwd.getpwnam(name).pw_gecos.split(",")[0].strip() or None
    except (ImportError, KeyError):
        pass
    # No getfqdn(): it asks DNS and can block. The host name may carry the domain itself.
    host = socket.gethostname()
    domain = (os.environ.get("USERDNSDOMAIN") or os.environ.get("USERDOMAIN")
              or (host.split(".", 1)[1] if "." in host else None))
    return {"name": name, "full_name": full_name, "domain": domain}


def _cpu_model() -> str | None:
    """The marketing name from /proc/cpuinfo; platform.processor() is often just "x86_64"."""
    try:
        for line in _read_text(CPUINFO_PATH).splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Hardware", "Model", "cpu model") and value.strip():
                return value.strip()
    except OSError as exc:
        log.info("cpu model: %s unreadable (%s), using platform.processor()", CPUINFO_PATH, exc)
    return platform.processor() or platform.machine() or None


@_source("cpu")
def _cpu(ctx: Context) -> dict[str, Any]:
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    try:
        freq = psutil.cpu_freq()
    except (OSError, NotImplementedError, psutil.Error):
        freq = None
    return {
        "model": _cpu_model(),
        "logical_cores": psutil.cpu_count(logical=True),
        "physical_cores": psutil.cpu_count(logical=False),
        "frequency_mhz": round(freq.max or freq.current) if freq else None,
        "load_average": load,
    }


@_source("memory")
def _memory(ctx: Context) -> dict[str, Any]:
    mem, swap = psutil.virtual_memory(), psutil.swap_memory()
    return {
        "total_bytes": mem.total, "available_bytes": mem.available, "used_percent": mem.percent,
        "swap_total_bytes": swap.total, "swap_free_bytes": swap.free,
    }


@_source("disks")
def _disks(ctx: Context) -> dict[str, Any]:
    disks: list[dict[str, Any]] = []
    for part in psutil.disk_partitions(all=False):
        if part.fstype in PSEUDO_FS or not part.fstype:
            continue
        disk: dict[str, Any] = {"mount": part.mountpoint, "fs_type": part.fstype,
                                "device": part.device, "total_bytes": None, "free_bytes": None}
        if part.fstype in NETWORK_FS:
            disk["note"] = "network file system, size not read"
        else:
            try:
                usage = psutil.disk_usage(part.mountpoint)
                disk.update(total_bytes=usage.total, free_bytes=usage.free)
            except OSError as exc:
                disk["note"] = f"size unreadable: {exc.strerror or exc}"
        disks.append(disk)
    return {"disks": disks}


def _is_loopback(name: str, stats: Any, addrs: list[Any]) -> bool:
    flags = getattr(stats, "flags", "") if stats else ""
    if "loopback" in flags.split(","):
        return True
    ips = [a.address for a in addrs if a.family in (socket.AF_INET, socket.AF_INET6)]
    return name == "lo" or (bool(ips) and all(ip.startswith(("127.", "::1")) for ip in ips))


@_source("network")
def _network(ctx: Context) -> dict[str, Any]:
    stats = psutil.net_if_stats()
    interfaces: list[dict[str, Any]] = []
    for name, addrs in sorted(psutil.net_if_addrs().items()):
        stat = stats.get(name)
        if _is_loopback(name, stat, addrs):
            continue
        interfaces.append({
            "name": name,
            "up": bool(stat.isup) if stat else None,
            "mac": next((a.address for a in addrs if a.family == psutil.AF_LINK), None),
            "ipv4": [a.address for a in addrs if a.family == socket.AF_INET],
            "ipv6": [a.address for a in addrs if a.family == socket.AF_INET6],
            "speed_mbps": (stat.speed or None) if stat else None,
        })
    return {"interfaces": interfaces}


@_source("display")
def _display(ctx: Context) -> dict[str, Any]:
    if ctx.display is None:
        raise LookupError("no screen information was passed in")
    return {"count": len(ctx.display), "screens": [dict(screen) for screen in ctx.display]}


def _zone_name() -> str | None:
    """The IANA zone name (Europe/Berlin), which time.tzname (CET) does not give."""
    if os.environ.get("TZ"):
        return os.environ["TZ"].lstrip(":")
    try:
        return Path("/etc/timezone").read_text("utf-8").strip() or None
    except OSError:
        pass
    target = os.path.realpath("/etc/localtime")
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


@_source("locale")
def _locale(ctx: Context) -> dict[str, Any]:
    offset = datetime.now().astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    # The environment names what the user chose; locale.getlocale() maps C.UTF-8 to en_US.
    chosen = next((os.environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(k)),
                  None)
    return {
        "locale": chosen or locale.getlocale()[0],
        "encoding": locale.getpreferredencoding(False),
        "time_zone": _zone_name(),
        "tz_abbreviations": list(time.tzname),
        "utc_offset": f"{sign}{hours:02d}:{minutes:02d}",
    }


@_source("uptime")
def _uptime(ctx: Context) -> dict[str, Any]:
    boot = psutil.boot_time()
    return {
        "boot_time": datetime.fromtimestamp(boot, UTC).isoformat(timespec="seconds"),
        "uptime_seconds": max(0, int(time.time() - boot)),
    }


SECTIONS: tuple[str, ...] = tuple(_SOURCES)


def _reason(exc: BaseException) -> str:
    """A short, specific reason a helpdesk can act on."""
    if isinstance(exc, PermissionError | psutil.AccessDenied):
        what = getattr(exc, "filename", None)
        return f"permission denied{f' ({what})' if what else ''}"
    if isinstance(exc, FileNotFoundError):
        return f"not found{f' ({exc.filename})' if exc.filename else ''}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def collect(sections: Iterable[str] | None = None,
            display: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Gather the requested sections (all by default) in ``SECTIONS`` order.

    Raises ValueError for a section name that does not exist, because that is a bug or a
    typo in config, not a property of the machine.
    """
    wanted = set(SECTIONS if sections is None else sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown system information section(s): {', '.join(sorted(unknown))}; "
                         f"expected some of: {', '.join(SECTIONS)}")
    ctx = Context(display=display)
    result: dict[str, Any] = {}
    for name in SECTIONS:
        if name not in wanted:
            continue
        try:
            result[name] = _SOURCES[name](ctx)
        except Exception as exc:  # a failing source must never stop the request
            log.info("system information section %r unavailable: %s", name, exc)
            result[name] = {"unavailable": _reason(exc)}
    return {"collected_at": datetime.now(UTC).isoformat(timespec="seconds"), "sections": result}


TITLES: dict[str, str] = {
    "os": "Operating system", "machine": "Machine", "user": "User", "cpu": "Processor",
    "memory": "Memory", "disks": "Disks", "network": "Network", "display": "Display",
    "locale": "Locale and time zone", "uptime": "Uptime",
}
_LABELS = {"pretty_name": "Full name", "fs_type": "File system", "mac": "MAC address",
           "ipv4": "IPv4", "ipv6": "IPv6", "tz_abbreviations": "Time zone abbreviations",
           "utc_offset": "UTC offset"}
_UNITS = {"_percent": " %", "_mhz": " MHz", "_mbps": " Mbit/s"}


def _size(n: int | float) -> str:
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
            return _size(value)
        if key.endswith("_seconds"):
            return _duration(int(value))
        return f"{value}{next((u for s, u in _UNITS.items() if key.endswith(s)), '')}"
    return str(value)


def _item(field: str, item: dict[str, Any]) -> str:
    """One line per disk, interface or screen: a list of dicts reads badly as key: value."""
    if field == "disks":
        size = (f"{_size(item.get('free_bytes') or 0)} free of {_size(item['total_bytes'])}"
                if item.get("total_bytes") is not None else item.get("note", "size unknown"))
        where = " on ".join(filter(None, (item.get("fs_type"), item.get("device"))))
        return f"{item.get('mount', 'unknown mount')}{f' ({where})' if where else ''}: {size}"
    if field == "interfaces":
        addrs = ", ".join(item.get("ipv4", []) + item.get("ipv6", [])) or "no address"
        state = "up" if item.get("up") else "down"
        return f"{item.get('name')} ({state}, MAC {_value('', item.get('mac'))}): {addrs}"
    if field == "screens":
        primary = ", primary" if item.get("primary") else ""
        return (f"{item.get('name') or 'screen'}: {item.get('width')} × {item.get('height')}"
                f" at scale {item.get('scale')}{primary}")
    return ", ".join(f"{_label(k)}: {_value(k, v)}" for k, v in item.items())


def render_text(info: dict[str, Any]) -> str:
    """Readable text, one block per section, for the user's review and the helpdesk."""
    blocks = [f"System information, collected {info.get('collected_at', 'at an unknown time')}"]
    for name, fields in info.get("sections", {}).items():
        lines = [TITLES.get(name, name.capitalize())]
        if "unavailable" in fields:
            lines.append(f"  Not available: {fields['unavailable']}")
        scalars = {k: v for k, v in fields.items()
                   if not (isinstance(v, list) and v and isinstance(v[0], dict))}
        width = max((len(_label(k)) for k in scalars), default=0) + 1
        for key, value in fields.items():
            if key == "unavailable":
                continue
            if key in scalars:
                lines.append(f"  {_label(key) + ':':<{width}} {_value(key, value)}")
            else:
                lines.extend(f"  - {_item(key, item)}" for item in value)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def summary_line(info: dict[str, Any]) -> str:
    """One short line such as "Debian 12 · 2 CPUs · 24 GiB RAM · host ws-042"."""
    sections = info.get("sections", {})

    def ok(name: str) -> dict[str, Any]:
        fields = sections.get(name, {})
        return {} if "unavailable" in fields else fields

    parts = []
    if os_name := " ".join(filter(None, (ok("os").get("name"), ok("os").get("version")))):
        parts.append(os_name)
    if cores := ok("cpu").get("logical_cores"):
        parts.append(f"{cores} CPU{'s' if cores != 1 else ''}")
    if total := ok("memory").get("total_bytes"):
        gib = total / 2**30
        parts.append(f"{gib:.0f} GiB RAM" if gib >= 2 else f"{gib:.1f} GiB RAM")
    if host := ok("machine").get("host_name"):
        parts.append(f"host {host}")
    return " · ".join(parts) or "System information unavailable"


def to_json(info: dict[str, Any]) -> bytes:
    """UTF-8, indented JSON: the structured attachment that helpdesks can parse."""
    return json.dumps(info, indent=2, ensure_ascii=False).encode("utf-8")
