"""The network section's gateway, DNS and proxy fields, read from files and the environment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from app.collectors import sysinfo, sysinfo_network
from app.collectors.sysinfo_network import MASK, mask_proxy_url, proxies

ROUTE = """\
Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t000AA8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0
wlan0\t00000000\t010AA8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
tun0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
"""
ROUTE6 = """\
fd000000000000000000000000000000 40 00000000000000000000000000000000 00 \
00000000000000000000000000000000 00000100 00000001 00000000 00000001     wlan0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 \
fe800000000000000000000000000001 00000400 00000002 00000000 00000003     wlan0
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Route tables and resolv.conf in tmp_path, as Linux lays them out."""
    monkeypatch.setattr(sys, "platform", "linux")
    for name, attr in (
        ("route", "ROUTE_PATH"),
        ("ipv6_route", "ROUTE6_PATH"),
        ("resolv.conf", "RESOLV_PATH"),
        ("upstream.conf", "RESOLVED_UPSTREAM_PATH"),
    ):
        monkeypatch.setattr(sysinfo_network, attr, tmp_path / name)
    (tmp_path / "route").write_text(ROUTE)
    (tmp_path / "ipv6_route").write_text(ROUTE6)
    (tmp_path / "resolv.conf").write_text(
        "# written by NetworkManager\nsearch corp.example lab.example\n"
        "nameserver 10.0.0.53\nnameserver 2001:db8::53  # secondary\n"
    )
    return tmp_path


def _network() -> dict[str, Any]:
    network: dict[str, Any] = sysinfo.collect(["network"])["sections"]["network"]
    return network


def test_gateways_dns_and_search_domains_are_read(files: Path) -> None:
    network = _network()
    # Only routes with the gateway flag: tun0's default route has no next hop.
    assert network["default_gateways"] == [
        {"address": "192.168.10.1", "interface": "wlan0"},
        {"address": "fe80::1", "interface": "wlan0"},
    ]
    assert network["dns_servers"] == ["10.0.0.53", "2001:db8::53"]
    assert network["dns_search"] == ["corp.example", "lab.example"]
    assert "unavailable_fields" not in network


def test_no_ipv6_route_table_means_ipv4_only(files: Path) -> None:
    (files / "ipv6_route").unlink()
    assert _network()["default_gateways"] == [{"address": "192.168.10.1", "interface": "wlan0"}]


def test_the_systemd_resolved_stub_is_replaced_by_the_real_servers(files: Path) -> None:
    (files / "resolv.conf").write_text("nameserver 127.0.0.53\noptions edns0\nsearch .\n")
    (files / "upstream.conf").write_text("nameserver 192.0.2.53\nsearch corp.example\n")
    network = _network()
    assert network["dns_servers"] == ["192.0.2.53"]
    assert network["dns_search"] == ["corp.example"]
    (files / "upstream.conf").unlink()
    assert _network()["dns_servers"] == ["127.0.0.53"]  # the stub is still the truth


def test_an_unreadable_file_costs_only_its_field(files: Path) -> None:
    (files / "resolv.conf").unlink()
    (files / "route").write_text("")
    network = _network()
    assert network["interfaces"] is not None
    assert network["dns_servers"] is None and "dns_search" not in network
    missing = network["unavailable_fields"]
    assert missing["dns_servers"] == f"not found ({files / 'resolv.conf'})"
    text = sysinfo.render_text({"sections": {"network": network}})
    assert f"DNS servers:     not available (not found ({files / 'resolv.conf'}))" in text
    assert "None" not in text


def test_gateway_and_dns_say_so_on_other_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sysinfo_network, "proxies", lambda: [])
    network = _network()
    assert network["unavailable_fields"] == {
        "default_gateways": "not read on this system",
        "dns_servers": "not read on this system",
    }


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("http://alice:s3cret@proxy.corp:3128", f"http://alice:{MASK}@proxy.corp:3128"),
        ("http://alice:p@ss@proxy.corp:3128/", f"http://alice:{MASK}@proxy.corp:3128/"),
        ("socks5h://bob:x/y@10.0.0.1:1080", f"socks5h://bob:{MASK}@10.0.0.1:1080"),
        ("carol:hunter2@proxy:8080", f"carol:{MASK}@proxy:8080"),
        ("https://TOKEN123@proxy.corp", f"https://{MASK}@proxy.corp"),
        ("http://proxy.corp:3128", "http://proxy.corp:3128"),
        ("http://alice@proxy.corp:3128", f"http://{MASK}@proxy.corp:3128"),
        ("localhost,127.0.0.1,.corp.example", "localhost,127.0.0.1,.corp.example"),
    ],
)
def test_proxy_passwords_are_masked(url: str, masked: str) -> None:
    assert mask_proxy_url(url) == masked
    assert mask_proxy_url(masked) == masked  # idempotent


def test_proxies_in_effect_prefer_lower_case(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "http_proxy": "http://u:pw@p:3128",
        "HTTP_PROXY": "http://other:9",
        "HTTPS_PROXY": "http://p:3128",
        "NO_PROXY": "localhost",
        "ftp_proxy": "",
        "PATH": "/usr/bin",
    }
    assert proxies(env) == [
        {"variable": "http_proxy", "value": f"http://u:{MASK}@p:3128"},
        {"variable": "HTTPS_PROXY", "value": "http://p:3128"},
        {"variable": "NO_PROXY", "value": "localhost"},
    ]


def test_proxy_from_the_environment_reaches_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in sysinfo_network.PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("https_proxy", "http://dave:Winter2026!@proxy.corp:8080")
    info = sysinfo.collect(["network"])
    assert info["sections"]["network"]["proxies"] == [
        {"variable": "https_proxy", "value": f"http://dave:{MASK}@proxy.corp:8080"}
    ]
    assert "Winter2026" not in sysinfo.render_text(info)
    assert b"Winter2026" not in sysinfo.to_json(info)
    assert f"- https_proxy = http://dave:{MASK}@proxy.corp:8080" in sysinfo.render_text(info)
