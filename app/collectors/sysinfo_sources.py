"""The sources of the machine-level sections of the system report (Qt-free, non-blocking).

Each source takes a :class:`Context` and returns plain JSON types. A source may raise: the
collector turns that into ``{"unavailable": reason}`` for its own section only. Within a
section, a field read from a separate place (the serial number, the DNS servers) is read
through :func:`part`, so one unreadable file costs that field and not the whole section.

Nothing here blocks: no ``cpu_percent(interval=...)``, no DNS look-ups, and no ``disk_usage``
on network mounts, which can hang for seconds on a dead server.
"""

from __future__ import annotations

import getpass
import locale
import logging
import os
import platform
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil

from app.collectors.sysinfo_text import UNAVAILABLE_FIELDS

if TYPE_CHECKING:
    from app.collectors.sysinfo_programs import Started

log = logging.getLogger(__name__)

CPUINFO_PATH = Path("/proc/cpuinfo")
DMI_DIR = Path("/sys/class/dmi/id")
#: File systems that hold no user data (kernel views, containers' plumbing, snaps).
PSEUDO_FS = frozenset(
    {
        "autofs",
        "binfmt_misc",
        "bpf",
        "cgroup",
        "cgroup2",
        "configfs",
        "debugfs",
        "devpts",
        "devtmpfs",
        "efivarfs",
        "fusectl",
        "hugetlbfs",
        "mqueue",
        "nsfs",
        "proc",
        "pstore",
        "ramfs",
        "rpc_pipefs",
        "securityfs",
        "squashfs",
        "sysfs",
        "tmpfs",
        "tracefs",
        "overlay",
    }
)
#: File systems whose size is not read: ``statvfs`` on a dead server blocks for a long time.
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "fuse.sshfs"})


class Unavailable(Exception):
    """Raised by a source whose message is already the reason to show, word for word."""


@dataclass(frozen=True)
class Context:
    """What a source may need beyond the machine itself, supplied by the caller."""

    #: Screens as described by ``app.collectors.screenshot.describe_screens``.
    display: list[dict[str, Any]] | None = None
    #: Program-version commands already running (see ``app.collectors.sysinfo_programs``).
    programs: Started | None = None
    top_processes: int = 10
    process_budget_s: float = 0.15


Source = Callable[[Context], dict[str, Any]]


def reason(exc: BaseException) -> str:
    """A short, specific reason a helpdesk can act on."""
    if isinstance(exc, Unavailable):
        return str(exc)
    if isinstance(exc, PermissionError | psutil.AccessDenied):
        what = getattr(exc, "filename", None)
        return f"permission denied{f' ({what})' if what else ''}"
    if isinstance(exc, FileNotFoundError):
        return f"not found{f' ({exc.filename})' if exc.filename else ''}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def part(fields: dict[str, Any], key: str, read: Callable[[], Any]) -> None:
    """Set ``fields[key]`` from ``read()``; on failure set None and record why."""
    try:
        fields[key] = read()
    except Exception as exc:  # one unreadable field must not cost the section
        log.info("system information field %r unavailable: %s", key, exc)
        fields[key] = None
        fields.setdefault(UNAVAILABLE_FIELDS, {})[key] = reason(exc)


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def dmi(name: str) -> str | None:
    """One DMI field; raises with a polite reason where it cannot be read."""
    if not sys.platform.startswith("linux"):
        raise Unavailable("not read on this system")
    try:
        value = read_text(DMI_DIR / name).strip()
    except PermissionError:
        raise Unavailable("readable only by an administrator") from None
    except FileNotFoundError:  # containers and some virtual machines expose no DMI table
        raise Unavailable("not provided by this machine") from None
    return value or None


def os_info(ctx: Context) -> dict[str, Any]:
    info: dict[str, Any] = {
        "system": platform.system(),
        "name": platform.system(),
        "pretty_name": None,
        "version": platform.version(),
        "build": None,
        "kernel": platform.release(),
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
        info.update(
            name="Windows",
            version=release,
            build=build,
            pretty_name=f"Windows {release} ({platform.win32_edition()})",
        )
    elif sys.platform == "darwin":
        info.update(name="macOS", version=platform.mac_ver()[0], build=platform.version())
    return info


def machine(ctx: Context) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "host_name": socket.gethostname() or platform.node(),
        "architecture": platform.machine(),
    }
    part(fields, "manufacturer", lambda: dmi("sys_vendor"))
    part(fields, "model", lambda: dmi("product_name"))
    part(fields, "serial", lambda: dmi("product_serial"))  # root-only on most systems
    return fields


def user(ctx: Context) -> dict[str, Any]:
    name = getpass.getuser()
    full_name = None
    try:
        import pwd

        full_name = pwd.getpwnam(name).pw_gecos.split(",")[0].strip() or None
    except (ImportError, KeyError):
        pass
    # No getfqdn(): it asks DNS and can block. The host name may carry the domain itself.
    host = socket.gethostname()
    domain = (
        os.environ.get("USERDNSDOMAIN")
        or os.environ.get("USERDOMAIN")
        or (host.split(".", 1)[1] if "." in host else None)
    )
    return {"name": name, "full_name": full_name, "domain": domain}


def _cpu_model() -> str | None:
    """The marketing name from /proc/cpuinfo; platform.processor() is often just "x86_64"."""
    try:
        for line in read_text(CPUINFO_PATH).splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Hardware", "Model", "cpu model") and value.strip():
                return value.strip()
    except OSError as exc:
        log.info("cpu model: %s unreadable (%s), using platform.processor()", CPUINFO_PATH, exc)
    return platform.processor() or platform.machine() or None


def cpu(ctx: Context) -> dict[str, Any]:
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


def memory(ctx: Context) -> dict[str, Any]:
    mem, swap = psutil.virtual_memory(), psutil.swap_memory()
    return {
        "total_bytes": mem.total,
        "available_bytes": mem.available,
        "used_percent": mem.percent,
        "swap_total_bytes": swap.total,
        "swap_free_bytes": swap.free,
    }


def disks(ctx: Context) -> dict[str, Any]:
    found: list[dict[str, Any]] = []
    for partition in psutil.disk_partitions(all=False):
        if partition.fstype in PSEUDO_FS or not partition.fstype:
            continue
        disk: dict[str, Any] = {
            "mount": partition.mountpoint,
            "fs_type": partition.fstype,
            "device": partition.device,
            "total_bytes": None,
            "free_bytes": None,
        }
        if partition.fstype in NETWORK_FS:
            disk["note"] = "network file system, size not read"
        else:
            try:
                usage = psutil.disk_usage(partition.mountpoint)
                disk.update(total_bytes=usage.total, free_bytes=usage.free)
            except OSError as exc:
                disk["note"] = f"size unreadable: {exc.strerror or exc}"
        found.append(disk)
    return {"disks": found}


def display(ctx: Context) -> dict[str, Any]:
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


def locale_info(ctx: Context) -> dict[str, Any]:
    offset = datetime.now().astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    # The environment names what the user chose; locale.getlocale() maps C.UTF-8 to en_US.
    chosen = next(
        (os.environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(k)), None
    )
    return {
        "locale": chosen or locale.getlocale()[0],
        "encoding": locale.getpreferredencoding(False),
        "time_zone": _zone_name(),
        "tz_abbreviations": list(time.tzname),
        "utc_offset": f"{sign}{hours:02d}:{minutes:02d}",
    }


def uptime(ctx: Context) -> dict[str, Any]:
    boot = psutil.boot_time()
    return {
        "boot_time": datetime.fromtimestamp(boot, UTC).isoformat(timespec="seconds"),
        "uptime_seconds": max(0, int(time.time() - boot)),
    }


def battery(ctx: Context) -> dict[str, Any]:
    """Charge and power state; a desktop without a battery is a normal answer, not an error."""
    state = psutil.sensors_battery()
    if state is None:
        return {"present": False, "state": "no battery"}
    plugged = state.power_plugged
    left = state.secsleft if isinstance(state.secsleft, int) and state.secsleft >= 0 else None
    percent = round(float(state.percent), 1)
    status = (
        "unknown"
        if plugged is None
        else "full"
        if plugged and percent >= 100
        else "charging"
        if plugged
        else "on battery"
    )
    return {
        "present": True,
        "state": status,
        "percent": percent,
        "plugged_in": plugged,
        "time_left_seconds": None if plugged else left,
    }
