"""Remote help's rules: IT's ceilings hold against the user's file, flags and links; the
audit lines read back as written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.config import FLAGS, load
from app.core.deeplink import DeepLinkError, ShareLink, from_url, read_link
from app.core.remote_help import (
    RemoteHelpRefused,
    ended_line,
    offer,
    parse,
    request_id,
    started_line,
)

SCHEMES = ("helpline",)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def policy(isolated_dirs: dict[str, Path]) -> Path:
    return _write(
        isolated_dirs["site"] / "helpline" / "policy.toml",
        '[remote_help]\nenabled = true\ntool = "vnc"\ntechnician = "support.example.org:5500"\n'
        "allow_control = false\nmax_minutes = 20\n",
    )


@pytest.fixture
def user(isolated_dirs: dict[str, Path]) -> Path:
    return isolated_dirs["config"] / "helpline" / "config.toml"


def test_it_switches_it_on_and_the_defaults_keep_it_off(policy: Path) -> None:
    assert load(env={})["remote_help.enabled"] is True
    policy.unlink()
    assert load(env={})["remote_help.enabled"] is False
    with pytest.raises(RemoteHelpRefused) as refused:
        offer(load(env={}), "42")
    assert refused.value.code == "disabled"


def test_a_user_file_cannot_raise_any_limit(policy: Path, user: Path) -> None:
    _write(
        user,
        '[remote_help]\nallow_control = true\nmax_minutes = 600\ntool = "rustdesk"\n'
        'technician = "evil.example.net:5500"\n',
    )
    config = load(env={})
    assert config["remote_help.allow_control"] is False
    assert config["remote_help.max_minutes"] == 20
    assert config["remote_help.tool"] == "vnc"
    assert config["remote_help.technician"] == "support.example.org:5500"
    assert len([n for n in config.notices if "remote_help" in n]) == 4


def test_a_user_file_or_flag_can_lower_them(policy: Path, user: Path) -> None:
    _write(user, "[remote_help]\nmax_minutes = 5\n")
    config = load(env={})
    assert config["remote_help.max_minutes"] == 5
    config = load(env={}, flags={"remote_help.enabled": False})
    assert config["remote_help.enabled"] is False and config.source("remote_help.enabled") == FLAGS


def test_nor_can_the_command_line(policy: Path) -> None:
    config = load(env={}, flags={"remote_help.allow_control": True, "remote_help.max_minutes": 99})
    assert config["remote_help.allow_control"] is False
    assert config["remote_help.max_minutes"] == 20


def test_without_a_policy_a_user_cannot_switch_it_on(user: Path) -> None:
    _write(user, '[remote_help]\nenabled = true\ntechnician = "127.0.0.1:5500"\n')
    config = load(env={})
    assert config["remote_help.enabled"] is False
    assert config["remote_help.technician"] == ""


def test_a_link_can_only_lower_the_offer(policy: Path) -> None:
    config = load(env={})
    link = read_link("helpline://share?request=42&minutes=600&control=1", config, SCHEMES)
    assert isinstance(link, ShareLink)
    made = offer(config, link.request_id, link.minutes, link.control)
    assert (made.minutes, made.control_allowed) == (20, False)  # IT's cap, IT's "no"
    assert offer(config, "42", minutes=5).minutes == 5


def test_a_link_saying_no_control_takes_the_tick_away(
    isolated_dirs: dict[str, Path], policy: Path
) -> None:
    policy.write_text(policy.read_text().replace("allow_control = false", "allow_control = true"))
    config = load(env={})
    assert offer(config, "42").control_allowed is True
    assert offer(config, "42", control=True).control_allowed is True
    assert offer(config, "42", control=False).control_allowed is False


def test_vnc_needs_it_s_address(policy: Path) -> None:
    policy.write_text(policy.read_text().replace('"support.example.org:5500"', '""'))
    with pytest.raises(RemoteHelpRefused) as refused:
        offer(load(env={}), "42")
    assert refused.value.code == "no_technician"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("helpline://share", "bad_request"),
        ("helpline://share?request=", "bad_request"),
        ("helpline://share?request=1;rm%20-rf", "bad_request"),
        ("helpline://share?request=1&minutes=-3", "bad_minutes"),
        ("helpline://share?request=1&minutes=abc", "bad_minutes"),
        ("helpline://share?request=1&control=maybe", "bad_control"),
        ("helpline://share?request=1&request=2", "repeated"),
        ("other://share?request=1", "wrong_scheme"),
        ("helpline://share?request=1&" + "x" * 9000, "link_too_long"),
    ],
)
def test_share_links_get_the_same_strict_checks(url: str, code: str) -> None:
    with pytest.raises(DeepLinkError) as err:
        read_link(url, load(env={}), SCHEMES)
    assert err.value.code == code


def test_a_share_link_reads_its_request_and_ignores_the_rest() -> None:
    link = read_link("helpline://share?request=%2342&by=Bank&host=evil:1", load(env={}), SCHEMES)
    assert link == ShareLink("42", None, None, ("by", "host"))


def test_a_share_link_never_prefills_a_request() -> None:
    with pytest.raises(DeepLinkError) as err:
        from_url("helpline://share?request=42", load(env={}), SCHEMES)
    assert err.value.code == "not_new"


def test_request_numbers() -> None:
    assert request_id("#42") == "42"
    assert request_id("PROJ-7") == "PROJ-7"
    with pytest.raises(RemoteHelpRefused):
        request_id("../../etc")


def test_audit_lines_read_back() -> None:
    at = datetime(2026, 12, 7, 5, 30, 1, tzinfo=UTC)
    line = started_line("vnc", False, 30, "alice", at)
    assert line.startswith("[Helpline remote help] Screen sharing started")
    read = parse(line)
    assert read is not None
    assert (read.event, read.when, read.tool, read.mode, read.minutes, read.who) == (
        "started",
        "2026-12-07 05:30:01 UTC",
        "vnc",
        "view",
        "30",
        "alice",
    )
    ended = parse("<p>" + ended_line("time_limit", 1799.6, at) + "</p>")  # as HTML, too
    assert ended is not None and (ended.event, ended.ended_by, ended.seconds) == (
        "ended",
        "time_limit",
        "1800",
    )
    assert parse("Hello, please look at my screen") is None
    assert parse("[Helpline remote help] something else") is None
