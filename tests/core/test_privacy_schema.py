"""The evidence and privacy settings: each checked where it is read, with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.collectors import sysinfo
from app.core.config import ConfigError, read_file
from app.core.schema import BY_NAME, SYSINFO_SECTIONS


def _read(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "c.toml"
    path.write_text(text, "utf-8")
    return read_file(path)


def test_the_schema_lists_exactly_the_collectors_sections() -> None:
    assert SYSINFO_SECTIONS == sysinfo.SECTIONS
    assert BY_NAME["sysinfo.sections"].default == list(sysinfo.SECTIONS)


def test_defaults() -> None:
    defaults = {
        name: BY_NAME[name].default
        for name in (
            "privacy.patterns",
            "privacy.scrub_home",
            "privacy.scrub_user",
            "privacy.allow_unmask",
            "privacy.require_review_tick",
            "receipts.keep_days",
            "logs.max_bytes",
            "sysinfo.program_timeout_ms",
            "sysinfo.top_processes",
            "screenshot.jpeg_above_kb",
        )
    }
    assert defaults == {
        "privacy.patterns": [],
        "privacy.scrub_home": False,
        "privacy.scrub_user": False,
        "privacy.allow_unmask": True,
        "privacy.require_review_tick": False,
        "receipts.keep_days": 30,
        "logs.max_bytes": 1048576,
        "sysinfo.program_timeout_ms": 2000,
        "sysinfo.top_processes": 10,
        "screenshot.jpeg_above_kb": 3072,
    }


def test_a_pattern_that_does_not_compile_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        _read(tmp_path, '[privacy]\npatterns = ["EMP-\\\\d{6}", "(unclosed"]\n')
    assert "'privacy.patterns' must be a list of valid regular expressions" in str(err.value)
    assert "'(unclosed' is not one" in str(err.value)
    assert _read(tmp_path, '[privacy]\npatterns = ["EMP-(?P<secret>\\\\d{6})"]\n') == {
        "privacy.patterns": ["EMP-(?P<secret>\\d{6})"]
    }


def test_an_unknown_section_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'gpu' is not a section"):
        _read(tmp_path, '[sysinfo]\nsections = ["os", "gpu"]\n')


def test_programs_need_a_name_and_a_command(tmp_path: Path) -> None:
    values = _read(
        tmp_path,
        '[[sysinfo.programs]]\nname = "Firefox"\n'
        'command = "firefox --version"\n[[sysinfo.programs]]\n'
        'name = "VPN"\ncommand = ["vpnc", "--version"]\n',
    )
    assert values["sysinfo.programs"] == [
        {"name": "Firefox", "command": "firefox --version"},
        {"name": "VPN", "command": ["vpnc", "--version"]},
    ]
    with pytest.raises(ConfigError, match=r"sysinfo.programs\[0\].command"):
        _read(tmp_path, '[[sysinfo.programs]]\nname = "Firefox"\ncommand = 3\n')
    with pytest.raises(ConfigError, match="a 'command' in every entry"):
        _read(tmp_path, '[[sysinfo.programs]]\nname = "Firefox"\n')


def test_a_category_lists_log_globs(tmp_path: Path) -> None:
    values = _read(
        tmp_path,
        '[[categories]]\nid = "vpn"\nlabel = "VPN"\n'
        'logs = ["~/.local/state/vpn/*.log", "$TMP/vpn.log"]\n',
    )
    assert values["categories"][0]["logs"] == ["~/.local/state/vpn/*.log", "$TMP/vpn.log"]
    with pytest.raises(ConfigError, match=r"categories\[0\].logs"):
        _read(tmp_path, '[[categories]]\nid = "vpn"\nlabel = "VPN"\nlogs = "one.log"\n')


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[screenshot]\njpeg_above_kb = -1\n", "a whole number, 0 or more"),
        ("[receipts]\nkeep_days = 0\n", "a whole number greater than 0"),
        ('[privacy]\nrequire_review_tick = "yes"\n', "true or false"),
    ],
)
def test_wrong_values_say_what_is_expected(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        _read(tmp_path, body)
