"""The network section: interfaces, default gateway, DNS servers and the proxy in effect.

Everything is read from files and the environment, never by asking the network: no DNS
query, no connection to find "the" outgoing address. The gateway, DNS and proxy fields are
each read through :func:`part`, so an unreadable ``/etc/resolv.conf`` costs only the DNS
field. Proxy URLs keep their user name but never their password.
"""

from __future__ import annotations

import os
import re
import socket
import struct
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import psutil

from app.collectors.sysinfo_sources import Context, Unavailable, part, read_text

ROUTE_PATH = Path("/proc/net/route")
ROUTE6_PATH = Path("/proc/net/ipv6_route")
RESOLV_PATH = Path("/etc/resolv.conf")
#: Where systemd-resolved lists the real servers behind its 127.0.0.53 stub.
RESOLVED_UPSTREAM_PATH = Path("/run/systemd/resolve/resolv.conf")
RESOLVED_STUBS = frozenset({"127.0.0.53", "127.0.0.54"})
#: Proxy variables in the order tools consult them; lower case wins, as in curl and Python.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy")
#: The same mask as app.collectors.secrets, so the secret scanner does not flag it again.
MASK = "•" * 8
RTF_GATEWAY = 0x2


def _is_loopback(name: str, stats: Any, addrs: list[Any]) -> bool:
    flags = getattr(stats, "flags", "") if stats else ""
    if "loopback" in flags.split(","):
        return True
    ips = [a.address for a in addrs if a.family in (socket.AF_INET, socket.AF_INET6)]
    return name == "lo" or (bool(ips) and all(ip.startswith(("127.", "::1")) for ip in ips))


def interfaces() -> list[dict[str, Any]]:
    stats = psutil.net_if_stats()
    found: list[dict[str, Any]] = []
    for name, addrs in sorted(psutil.net_if_addrs().items()):
        stat = stats.get(name)
        if _is_loopback(name, stat, addrs):
            continue
        found.append(
            {
                "name": name,
                "up": bool(stat.isup) if stat else None,
                "mac": next((a.address for a in addrs if a.family == psutil.AF_LINK), None),
                "ipv4": [a.address for a in addrs if a.family == socket.AF_INET],
                "ipv6": [a.address for a in addrs if a.family == socket.AF_INET6],
                "speed_mbps": (stat.speed or None) if stat else None,
            }
        )
    return found


def default_gateways() -> list[dict[str, Any]]:
    """Default routes from the kernel's tables (Linux); IPv6 ones if IPv6 is enabled."""
    if not sys.platform.startswith("linux"):
        raise Unavailable("not read on this system")
    found: list[dict[str, Any]] = []
    for line in read_text(ROUTE_PATH).splitlines()[1:]:
        cols = line.split()
        if len(cols) < 8 or cols[1] != "00000000" or cols[7] != "00000000":
            continue
        if int(cols[3], 16) & RTF_GATEWAY:
            address = socket.inet_ntoa(struct.pack("<I", int(cols[2], 16)))
            found.append({"address": address, "interface": cols[0]})
    try:
        table6 = read_text(ROUTE6_PATH)
    except FileNotFoundError:  # IPv6 switched off in the kernel
        table6 = ""
    for line in table6.splitlines():
        cols = line.split()
        if len(cols) < 10 or cols[1] != "00" or set(cols[0]) != {"0"}:
            continue
        if int(cols[8], 16) & RTF_GATEWAY and set(cols[4]) != {"0"}:
            address = socket.inet_ntop(socket.AF_INET6, bytes.fromhex(cols[4]))
            found.append({"address": address, "interface": cols[9]})
    return found


def _resolv(path: Path) -> tuple[list[str], list[str]]:
    servers: list[str] = []
    search: list[str] = []
    for line in read_text(path).splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2 and words[0] == "nameserver":
            servers.append(words[1])
        elif words and words[0] in ("search", "domain"):
            search = words[1:]
    return servers, search


def dns() -> dict[str, list[str]]:
    """Name servers and search domains; the real servers behind systemd-resolved's stub."""
    if sys.platform == "win32" or sys.platform == "darwin":
        raise Unavailable("not read on this system")
    servers, search = _resolv(RESOLV_PATH)
    if servers and set(servers) <= RESOLVED_STUBS:
        try:
            upstream, upstream_search = _resolv(RESOLVED_UPSTREAM_PATH)
        except OSError:
            upstream, upstream_search = [], []
        if upstream:
            servers, search = upstream, upstream_search or search
    return {"servers": servers, "search": search}


_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)?(?P<userinfo>\S*)@")


def mask_proxy_url(value: str) -> str:
    """``http://alice:s3cret@proxy:3128`` -> ``http://alice:••••••••@proxy:3128``.

    A user part without a colon is treated as a token (``http://TOKEN@proxy``) and masked
    whole. The last ``@`` ends the user part: passwords often hold a raw ``@`` or ``/``.
    """
    match = _USERINFO.match(value)
    if match is None:
        return value
    user, sep, _password = match["userinfo"].partition(":")
    masked = f"{user}:{MASK}" if sep else MASK
    return f"{match['scheme'] or ''}{masked}@{value[match.end() :]}"


def proxies(environ: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """The proxy variables in effect for programs started from this session, masked."""
    env = os.environ if environ is None else environ
    found: list[dict[str, str]] = []
    for name in PROXY_VARIABLES:
        variable = next((v for v in (name, name.upper()) if env.get(v)), None)
        if variable is not None:
            found.append({"variable": variable, "value": mask_proxy_url(env[variable])})
    if sys.platform in ("win32", "darwin") and environ is None:
        import urllib.request  # slow to import (30 ms), and only these systems need it

        for scheme, url in sorted(urllib.request.getproxies().items()):
            if not any(f["variable"].lower() == f"{scheme}_proxy" for f in found):
                found.append({"variable": f"system {scheme}", "value": mask_proxy_url(url)})
    return found


def network(ctx: Context) -> dict[str, Any]:
    fields: dict[str, Any] = {"interfaces": interfaces()}
    part(fields, "default_gateways", default_gateways)
    resolver: dict[str, list[str]] = {}

    def servers() -> list[str]:
        resolver.update(dns())
        return resolver["servers"]

    part(fields, "dns_servers", servers)
    if resolver:
        fields["dns_search"] = resolver["search"]
    part(fields, "proxies", proxies)
    return fields
